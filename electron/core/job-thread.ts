/**
 * The job thread: a worker thread with its own core and database connection that runs imports,
 * exports and the demo workspace, so the thread serving the UI (the HTTP bridge, the Electron core
 * host) stays responsive while better-sqlite3 works synchronously. One thread, long-lived: an
 * import's preview and commit run on the same connection, which holds the staged rows.
 */
import { type Identity } from './operator';
import { Worker } from 'node:worker_threads';
import { contract, isMethodName } from '@shared/api/contract';
import { fail, type Envelope } from '@shared/api/envelope';
import { type EventName, type JobProgressEvent } from '@shared/api/events';
import { type KeySource } from '../db/db-key';
import { type EventBus } from './event-bus';

export interface JobThreadInit {
  dataDir: string;
  key: string;
  keySource: KeySource;
  databaseUrl: string | null;
  databaseCaFile: string | null;
}

export type ToJobThread =
  | { type: 'call'; id: number; method: string; input: unknown; identity: Identity }
  | { type: 'abort'; id: number };

export type FromJobThread =
  | { type: 'ready' }
  | { type: 'init-error'; message: string }
  | { type: 'result'; id: number; envelope: Envelope<unknown> }
  | { type: 'event'; event: EventName; payload: unknown };

export const JOB_THREAD_HEAP_MB = 384;
const HEARTBEAT_MS = 250;

interface Pending {
  resolve(envelope: Envelope<unknown>): void;
  jobId: string | null;
}

export class JobThread {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly lastProgress = new Map<string, { event: JobProgressEvent; at: number }>();
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly entry: string,
    private readonly init: JobThreadInit,
    private readonly events: EventBus,
  ) {}

  /**
   * Starts the thread now, in the background (opening its connection takes ≈ 0.3 s), so the first
   * import does not wait for it. A failure here is reported by the first call instead.
   */
  warmUp(): void {
    this.start().catch(() => undefined);
  }

  /** Starts the thread (again, after a crash) and waits until its core is open. */
  private start(): Promise<void> {
    if (this.ready) return this.ready;
    const worker = new Worker(this.entry, {
      workerData: this.init,
      name: 'traindesk-jobs',
      // V8 sizes heaps for the machine (gigabytes here) and lets garbage pile up; bounds keep a
      // 100k-row import near 260 MB. The old generation still has room for the largest workbook
      // the file checks admit (300,000 rows); an 8 MB young generation was measured as fast as
      // the default 32 MB (npm run bench) and saves ≈ 35 MB.
      resourceLimits: { maxOldGenerationSizeMb: JOB_THREAD_HEAP_MB, maxYoungGenerationSizeMb: 8 },
    });
    this.worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (message: FromJobThread) => {
        switch (message.type) {
          case 'ready':
            resolve();
            return;
          case 'init-error':
            reject(new Error(message.message));
            return;
          case 'result': {
            const pending = this.pending.get(message.id);
            this.pending.delete(message.id);
            if (pending?.jobId) this.lastProgress.delete(pending.jobId);
            pending?.resolve(message.envelope);
            return;
          }
          case 'event':
            if (message.event === 'job/progress') {
              const progress = message.payload as JobProgressEvent;
              this.lastProgress.set(progress.jobId, { event: progress, at: Date.now() });
            }
            this.events.emit(message.event, message.payload as never);
            return;
        }
      });
      worker.on('error', (error) => {
        console.error('[job-thread] crashed:', error);
        reject(error);
      });
      worker.on('exit', (code) => {
        for (const pending of this.pending.values()) {
          pending.resolve(
            fail('INTERNAL', `后台任务线程意外退出（代码 ${code}），操作未完成，数据库未被修改`),
          );
        }
        this.pending.clear();
        this.worker = null;
        this.ready = null;
      });
    });
    return this.ready;
  }

  async call(
    method: string,
    rawInput: unknown,
    identity: Identity,
    signal?: AbortSignal,
  ): Promise<Envelope<unknown>> {
    // Validated here, before the input is cloned to the thread: a clone of a payload nested
    // 20,000 levels deep overflowed the stack in postMessage. The parsed input holds only what the
    // contract declares (unknown keys are dropped), so what crosses is small and shallow; the
    // thread's dispatcher validates it again, as every call is.
    if (!isMethodName(method)) return fail('UNKNOWN_METHOD', `未知的接口方法：${method}`);
    const parsed = contract[method].input.safeParse(rawInput ?? {});
    if (!parsed.success) return fail('INVALID_INPUT', '请求参数不正确', parsed.error.issues);
    const input: unknown = parsed.data;
    const jobId =
      input && typeof input === 'object' && typeof (input as { jobId?: unknown }).jobId === 'string'
        ? (input as { jobId: string }).jobId
        : null;
    if (jobId) {
      // Heard at once, and repeated by the heartbeat while the thread starts (≈ 0.3 s the first
      // time) and until the job reports on its own.
      const starting: JobProgressEvent = {
        jobId,
        phase: 'start',
        message: '正在准备…',
        done: 0,
        total: null,
      };
      this.lastProgress.set(jobId, { event: starting, at: Date.now() });
      this.events.emit('job/progress', starting);
    }
    this.startHeartbeat();
    try {
      await this.start();
    } catch (error) {
      if (jobId) this.lastProgress.delete(jobId);
      return fail(
        'INTERNAL',
        `后台任务线程无法启动：${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const worker = this.worker;
    if (!worker) {
      if (jobId) this.lastProgress.delete(jobId);
      return fail('INTERNAL', '后台任务线程不可用');
    }
    const id = this.nextId;
    this.nextId += 1;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, jobId });
      signal?.addEventListener(
        'abort',
        () => worker.postMessage({ type: 'abort', id } satisfies ToJobThread),
        {
          once: true,
        },
      );
      try {
        worker.postMessage({ type: 'call', id, method, input, identity } satisfies ToJobThread);
      } catch {
        // A value the structured clone refuses; validation above should have caught it.
        this.pending.delete(id);
        if (jobId) this.lastProgress.delete(jobId);
        resolve(fail('INVALID_INPUT', '请求参数无法传给后台任务线程'));
      }
    });
  }

  /** Aborts the running job with this job id; false when no such job runs here. */
  cancel(jobId: string): boolean {
    for (const [id, pending] of this.pending) {
      if (pending.jobId === jobId) {
        this.worker?.postMessage({ type: 'abort', id } satisfies ToJobThread);
        return true;
      }
    }
    return false;
  }

  /**
   * A job's thread can be busy in one long synchronous step (the final commit of a large import
   * writes and syncs the whole log at once). This thread is free meanwhile: it repeats the job's
   * latest progress so the UI keeps hearing from a job that is alive.
   */
  private startHeartbeat(): void {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => {
      const now = Date.now();
      for (const [jobId, last] of this.lastProgress) {
        if (now - last.at < HEARTBEAT_MS) continue;
        last.at = now;
        this.events.emit('job/progress', { ...last.event, jobId });
      }
    }, HEARTBEAT_MS / 2);
    this.heartbeat.unref();
  }

  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    const worker = this.worker;
    this.worker = null;
    this.ready = null;
    if (worker) await worker.terminate();
  }
}
