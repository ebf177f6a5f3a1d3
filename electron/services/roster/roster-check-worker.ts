/**
 * Entry of the roster check thread (see roster-check-thread.ts): runs checkRoster on the input it
 * was started with and posts its events, waiting for the preview to take a batch whenever
 * MAX_BATCHES_IN_FLIGHT are pending.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '@shared/api/envelope';
import { checkRoster, type RosterCheckInput } from './roster-check';
import {
  MAX_BATCHES_IN_FLIGHT,
  toWire,
  type FromCheckThread,
  type ToCheckThread,
} from './roster-check-thread';

const port = parentPort;
if (!port) throw new Error('roster-check-worker must run as a worker thread');
const input = workerData as RosterCheckInput;

let credits = MAX_BATCHES_IN_FLIGHT;
let resume: (() => void) | null = null;
port.on('message', (message: ToCheckThread) => {
  if (message.type !== 'ack') return;
  credits += 1;
  const wake = resume;
  resume = null;
  wake?.();
});

function post(message: FromCheckThread): void {
  port?.postMessage(message);
}

async function run(): Promise<void> {
  try {
    for await (const event of checkRoster(input)) {
      post({ type: 'event', event: toWire(event) });
      if (event.type !== 'rows') continue;
      credits -= 1;
      while (credits <= 0) {
        await new Promise<void>((wake) => {
          resume = wake;
        });
      }
    }
    post({ type: 'done' });
  } catch (error) {
    if (error instanceof AppError) {
      post({ type: 'error', code: error.code, message: error.message, details: error.details });
    } else {
      // The stack is for whoever reads the log; the user gets the one-line reason.
      console.error('[roster-check] failed:', error);
      post({ type: 'crash', message: error instanceof Error ? error.message : String(error) });
    }
  }
}

void run();
