/**
 * Throttled progress for long jobs. Updates are forwarded at most every `minIntervalMs`, and a
 * heartbeat repeats the latest state while the job waits on I/O, so the UI (and the benchmark)
 * sees an event at least every 500 ms for as long as the job runs.
 */
import { type CallContext } from './handler-types';

export interface ProgressState {
  phase: string;
  message: string;
  done: number;
  total: number | null;
}

export class ProgressReporter {
  private state: ProgressState = { phase: 'start', message: '正在准备…', done: 0, total: null };
  private lastSentAt = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly ctx: Pick<CallContext, 'progress'>,
    private readonly minIntervalMs = 200,
    private readonly heartbeatMs = 250,
  ) {}

  start(): this {
    this.send();
    this.timer = setInterval(() => this.send(), this.heartbeatMs);
    this.timer.unref();
    return this;
  }

  update(state: ProgressState, force = false): void {
    this.state = state;
    if (force || Date.now() - this.lastSentAt >= this.minIntervalMs) this.send();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private send(): void {
    this.lastSentAt = Date.now();
    this.ctx.progress(this.state);
  }
}
