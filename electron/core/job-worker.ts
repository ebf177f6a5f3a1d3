/**
 * Entry of the job thread (see job-thread.ts): opens its own core on the same encrypted database
 * and runs the calls the main thread hands it, reporting results and events back.
 */
import 'reflect-metadata';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { createAppCore } from './app-core';
import { type FromJobThread, type JobThreadInit, type ToJobThread } from './job-thread';

const port = parentPort;
if (!port) throw new Error('job-worker must run as a worker thread');
const init = workerData as JobThreadInit;
const controllers = new Map<number, AbortController>();
const IDLE_CHECKPOINT_MS = 1000;

function post(message: FromJobThread): void {
  port?.postMessage(message);
}

createAppCore({
  dataDir: init.dataDir,
  key: init.key,
  keySource: init.keySource,
  databaseUrl: init.databaseUrl,
  databaseCaFile: init.databaseCaFile,
  deferCheckpoints: true,
  rosterCheckEntry: path.join(__dirname, 'roster-check-worker.js'),
})
  .then((core) => {
    // Bulk writes leave the log to be copied into the database file: do it once the thread has been
    // idle for a moment, after the result has gone back, so no one waits for it (not even a commit
    // that follows its preview at once: copying a 100,000-row preview's log takes ≈ 0.5 s).
    let idleTimer: NodeJS.Timeout | null = null;
    const checkpointWhenIdle = (): void => {
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = setTimeout(checkpointIfIdle, IDLE_CHECKPOINT_MS);
      idleTimer.unref();
    };
    const checkpointIfIdle = (): void => {
      idleTimer = null;
      if (controllers.size > 0) return;
      try {
        core.checkpoint();
      } catch {
        // Busy or interrupted: the next idle moment (or closing the database) checkpoints instead.
      }
    };
    core.events.onAny((event, payload) => post({ type: 'event', event, payload }));
    port.on('message', (message: ToJobThread) => {
      if (message.type === 'abort') {
        controllers.get(message.id)?.abort();
        return;
      }
      const controller = new AbortController();
      controllers.set(message.id, controller);
      // The main thread resolved who calls (and checked their access) before handing the call
      // over; this thread's dispatcher checks the access again.
      void core
        .dispatchResolved(message.identity, message.method, message.input, {
          signal: controller.signal,
        })
        .then((envelope) => post({ type: 'result', id: message.id, envelope }))
        .finally(() => {
          controllers.delete(message.id);
          checkpointWhenIdle();
        });
    });
    post({ type: 'ready' });
  })
  .catch((error: unknown) => {
    post({ type: 'init-error', message: error instanceof Error ? error.message : String(error) });
  });
