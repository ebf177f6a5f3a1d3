/**
 * Admission of long jobs. Each running import preview holds a workbook's parse state, a staging
 * table and a checking thread: 100 previews started at once took the server from 205 MB to
 * 1.3 GB, and it never gave most of it back. So only a few jobs run at a time (overall and per
 * operator), a few more wait their turn in order, and the rest are answered BUSY at once, holding
 * nothing.
 */
import { AppError } from '@shared/api/envelope';

export interface JobLimits {
  /** Jobs running at once, all operators together. */
  maxRunning: number;
  /** Jobs one operator runs at once. */
  maxRunningPerActor: number;
  /** Jobs waiting for a turn, all operators together. */
  maxWaiting: number;
  /** Jobs one operator has waiting. */
  maxWaitingPerActor: number;
}

/**
 * Two at a time: an office runs one import and perhaps an export beside it; a third large job would
 * only slow both (the machine has few cores) and add its memory. Four may wait, so a double click
 * or a second tab queues instead of failing.
 */
export const DEFAULT_JOB_LIMITS: Readonly<JobLimits> = {
  maxRunning: 2,
  maxRunningPerActor: 2,
  maxWaiting: 4,
  maxWaitingPerActor: 4,
};

export const BUSY_MESSAGE = '正在运行的任务太多，请等当前的导入或导出完成后再试。';

interface Waiter {
  actor: string;
  start(): void;
}

export class JobGate {
  private running = 0;
  private readonly runningBy = new Map<string, number>();
  private readonly waiting: Waiter[] = [];

  constructor(private readonly limits: JobLimits = DEFAULT_JOB_LIMITS) {}

  /**
   * Resolves with a release function once the job may run; `onWait` hears how many are ahead
   * while it waits. Throws BUSY when the queue is full, CANCELLED when `signal` aborts first.
   */
  async enter(
    actor: string,
    signal: AbortSignal,
    onWait: (ahead: number) => void = () => undefined,
  ): Promise<() => void> {
    // Waiting jobs are all blocked (each release admits those that can go), so a job that can
    // start now overtakes no one who could.
    if (this.canStart(actor)) {
      this.count(actor);
      return this.releaser(actor);
    }
    const waitingOfActor = this.waiting.filter((w) => w.actor === actor).length;
    if (
      this.waiting.length >= this.limits.maxWaiting ||
      waitingOfActor >= this.limits.maxWaitingPerActor
    ) {
      throw new AppError('BUSY', BUSY_MESSAGE);
    }
    onWait(this.waiting.length + this.running);
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        actor,
        start: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        const at = this.waiting.indexOf(waiter);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(new AppError('CANCELLED', '操作已取消，数据未作任何修改'));
      };
      if (signal.aborted) {
        reject(new AppError('CANCELLED', '操作已取消，数据未作任何修改'));
        return;
      }
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
    // admitWaiting counted this job already, so that no newcomer could overtake it meanwhile.
    return this.releaser(actor);
  }

  /** Jobs running now (for tests and diagnostics). */
  get runningCount(): number {
    return this.running;
  }

  get waitingCount(): number {
    return this.waiting.length;
  }

  private canStart(actor: string): boolean {
    return (
      this.running < this.limits.maxRunning &&
      (this.runningBy.get(actor) ?? 0) < this.limits.maxRunningPerActor
    );
  }

  private count(actor: string): void {
    this.running += 1;
    this.runningBy.set(actor, (this.runningBy.get(actor) ?? 0) + 1);
  }

  private releaser(actor: string): () => void {
    let isReleased = false;
    return () => {
      if (isReleased) return;
      isReleased = true;
      this.running -= 1;
      const left = (this.runningBy.get(actor) ?? 1) - 1;
      if (left > 0) this.runningBy.set(actor, left);
      else this.runningBy.delete(actor);
      this.admitWaiting();
    };
  }

  /** Starts waiting jobs in order, skipping those whose operator is at their own limit. */
  private admitWaiting(): void {
    for (let i = 0; i < this.waiting.length;) {
      const waiter = this.waiting[i];
      if (!waiter || this.running >= this.limits.maxRunning) return;
      if (!this.canStart(waiter.actor)) {
        i += 1;
        continue;
      }
      this.waiting.splice(i, 1);
      this.count(waiter.actor);
      waiter.start();
    }
  }
}
