/**
 * Runs the roster check (roster-check.ts) on a worker thread of its own and hands its events back
 * as an async stream, so the preview classifies and stages one batch while the next is being read
 * and checked. Batches travel as flat arrays (a tenth of the cost of cloning row objects) and at
 * most a few are in flight: the reader never runs far ahead of the database.
 */
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '@shared/api/envelope';
import { type EmploymentStatus, type Stage } from '@shared/api/common.schemas';
import { type Gender } from '@shared/domain/roster/id-number';
import { type AcceptedRow, type CheckEvent, type RosterCheckInput } from './roster-check';

/** Batches sent but not yet taken by the preview. */
export const MAX_BATCHES_IN_FLIGHT = 4;
/** The checker holds the shared strings of the workbook: ≈ 100 MB for the largest allowed file. */
const CHECK_THREAD_HEAP_MB = 384;

type Packed = (string | number | null)[];
const PACKED_FIELDS = 12;

/** An event as it crosses threads: accepted rows packed flat. */
export type WireEvent =
  | Exclude<CheckEvent, { type: 'rows' }>
  | (Omit<Extract<CheckEvent, { type: 'rows' }>, 'accepted'> & { accepted: Packed });

export type FromCheckThread =
  | { type: 'event'; event: WireEvent }
  | { type: 'done' }
  | { type: 'error'; code: ErrorCode; message: string; details: unknown }
  | { type: 'crash'; message: string };

export type ToCheckThread = { type: 'ack' };

export function packAccepted(rows: readonly AcceptedRow[]): Packed {
  const out: Packed = new Array<string | number | null>(rows.length * PACKED_FIELDS);
  let k = 0;
  for (const r of rows) {
    const t = r.teacher;
    out[k++] = r.rowNo;
    out[k++] = t.idNumber;
    out[k++] = t.name;
    out[k++] = t.gender;
    out[k++] = t.birthDate;
    out[k++] = t.schoolName;
    out[k++] = t.stages.join(',');
    out[k++] = t.subject;
    out[k++] = t.title;
    out[k++] = t.mobile;
    out[k++] = t.employmentStatus;
    out[k++] = r.schoolId;
  }
  return out;
}

export function unpackAccepted(flat: Packed): AcceptedRow[] {
  const rows: AcceptedRow[] = [];
  for (let k = 0; k + PACKED_FIELDS <= flat.length; k += PACKED_FIELDS) {
    const text = (i: number): string => flat[k + i] as string;
    const optional = (i: number): string | null => flat[k + i] as string | null;
    rows.push({
      rowNo: flat[k] as number,
      teacher: {
        idNumber: text(1),
        name: text(2),
        gender: text(3) as Gender,
        birthDate: text(4),
        schoolName: text(5),
        stages: text(6).split(',') as Stage[],
        subject: optional(7),
        title: optional(8),
        mobile: optional(9),
        employmentStatus: text(10) as EmploymentStatus,
      },
      schoolId: text(11),
    });
  }
  return rows;
}

export function toWire(event: CheckEvent): WireEvent {
  return event.type === 'rows' ? { ...event, accepted: packAccepted(event.accepted) } : event;
}

function fromWire(event: WireEvent): CheckEvent {
  return event.type === 'rows' ? { ...event, accepted: unpackAccepted(event.accepted) } : event;
}

/** A thread failure as the user should hear it. */
function explain(failure: Error, heapMb: number): Error {
  if ((failure as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new AppError(
      'BAD_FILE',
      `这个文件的内容太多，读取时超出了 ${heapMb} MB 的内存上限，数据库未作任何修改。请删除多余的工作表或列，或分成几个文件导入。`,
      { reason: 'OUT_OF_MEMORY' },
    );
  }
  return failure;
}

/**
 * The events of checkRoster(input), computed on a worker thread started from `entry` (the built
 * roster-check-worker.js). Aborting `signal` stops the thread and ends the stream early.
 */
export async function* checkRosterOnWorker(
  entry: string,
  input: RosterCheckInput,
  signal: AbortSignal,
  heapMb = CHECK_THREAD_HEAP_MB,
): AsyncGenerator<CheckEvent> {
  const worker = new Worker(entry, {
    workerData: input,
    name: 'traindesk-roster-check',
    // Bounded like the job thread (job-thread.ts): a small young generation keeps the process of a
    // 100k-row import ≈ 40 MB smaller at the same speed.
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 8 },
  });
  const inbox: FromCheckThread[] = [];
  let failure: Error | null = null;
  let exited = false;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    const resume = wake;
    wake = null;
    resume?.();
  };
  worker.on('message', (message: FromCheckThread) => {
    inbox.push(message);
    notify();
  });
  worker.on('error', (error) => {
    failure = error;
    notify();
  });
  worker.on('exit', () => {
    exited = true;
    notify();
  });
  const onAbort = (): void => {
    void worker.terminate();
    notify();
  };
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      if (signal.aborted) return;
      const message = inbox.shift();
      if (!message) {
        if (failure) throw explain(failure, heapMb);
        if (exited) throw new Error('检查花名册的线程意外退出');
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        continue;
      }
      if (message.type === 'event') {
        yield fromWire(message.event);
        if (message.event.type === 'rows')
          worker.postMessage({ type: 'ack' } satisfies ToCheckThread);
      } else if (message.type === 'done') {
        return;
      } else if (message.type === 'error') {
        throw new AppError(message.code, message.message, message.details);
      } else {
        throw new Error(`检查花名册的线程出错：${message.message}`);
      }
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    await worker.terminate();
  }
}
