/**
 * Admission of long jobs: a few run, a few wait in order, the rest are answered BUSY at once, and a
 * waiting job can be cancelled. Counted, not timed.
 */
import { as } from '../../support/identities';
import { describe, expect, it } from 'vitest';
import { type Envelope } from '@shared/api/envelope';
import { createDispatcher } from '../../../electron/core/dispatcher';
import { type AllHandlers, type CallContext } from '../../../electron/core/handler-types';
import { JobGate } from '../../../electron/core/job-gate';
import { passthroughWritePath } from '../../support/passthrough-write-path';

const LIMITS = { maxRunning: 2, maxRunningPerActor: 2, maxWaiting: 3, maxWaitingPerActor: 3 };

/** A demo/create handler that holds every call until released, counting how many run at once. */
function heldJobs() {
  let runningNow = 0;
  let mostAtOnce = 0;
  const releases: (() => void)[] = [];
  const handlers = {
    'setup/demo': (_input: unknown, ctx: CallContext) =>
      new Promise((resolve, reject) => {
        runningNow += 1;
        mostAtOnce = Math.max(mostAtOnce, runningNow);
        ctx.signal.addEventListener('abort', () => {
          runningNow -= 1;
          reject(new Error('aborted'));
        });
        releases.push(() => {
          runningNow -= 1;
          resolve({ orgUnits: 1, teachers: 100, accounts: 6 });
        });
      }),
  };
  return {
    handlers: handlers as unknown as AllHandlers,
    releases,
    mostAtOnce: () => mostAtOnce,
    runningNow: () => runningNow,
  };
}

/** Lets pending promise continuations run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
  await new Promise((resolve) => setImmediate(resolve));
}

function codeOf(envelope: Envelope<unknown>): string {
  return envelope.ok ? 'OK' : envelope.error.code;
}

describe('job admission', () => {
  it('runs at most maxRunning jobs, queues maxWaiting, answers the rest BUSY, and runs the queue in order', async () => {
    const jobs = heldJobs();
    const gate = new JobGate(LIMITS);
    const dispatcher = createDispatcher(
      jobs.handlers,
      () => undefined,
      passthroughWritePath(),
      gate,
    );
    const queued: string[] = [];
    const calls = Array.from({ length: 20 }, (_, i) =>
      dispatcher.dispatch(
        'setup/demo',
        { jobId: `job-many-${i}` },
        as(
          {},
          {
            onProgress: (e) => {
              if (e.phase === 'queue') queued.push(e.jobId);
            },
          },
        ),
      ),
    );
    await settle();
    expect(jobs.runningNow()).toBe(2);
    expect(gate.waitingCount).toBe(3);
    expect(queued).toEqual(['job-many-2', 'job-many-3', 'job-many-4']);
    // Everything past the queue is answered at once, holding nothing.
    const busy = await Promise.all(calls.slice(5));
    expect(busy.map(codeOf)).toEqual(Array.from({ length: 15 }, () => 'BUSY'));
    expect(busy[0]).toMatchObject({ error: { message: expect.stringMatching(/[\u4e00-\u9fff]/) } });

    while (jobs.releases.length > 0) {
      jobs.releases.shift()?.();
      await settle();
      expect(jobs.runningNow()).toBeLessThanOrEqual(2);
    }
    expect((await Promise.all(calls.slice(0, 5))).map(codeOf)).toEqual([
      'OK',
      'OK',
      'OK',
      'OK',
      'OK',
    ]);
    expect(jobs.mostAtOnce()).toBe(2);
    expect(gate.runningCount).toBe(0);
    expect(gate.waitingCount).toBe(0);
  });

  it('holds each operator to their own limit without blocking the others', async () => {
    const gate = new JobGate({ ...LIMITS, maxRunning: 3, maxRunningPerActor: 1 });
    const never = new AbortController().signal;
    const a1 = await gate.enter('a', never);
    const waitingA = gate.enter('a', never);
    const b1 = await gate.enter('b', never);
    expect(gate.runningCount).toBe(2);
    expect(gate.waitingCount).toBe(1);
    a1();
    const a2 = await waitingA;
    expect(gate.runningCount).toBe(2);
    a2();
    b1();
    a1(); // releasing twice changes nothing
    expect(gate.runningCount).toBe(0);
  });

  it('cancels a waiting job without running it, and frees its place in the queue', async () => {
    const jobs = heldJobs();
    const gate = new JobGate({ ...LIMITS, maxRunning: 1, maxRunningPerActor: 1 });
    const dispatcher = createDispatcher(
      jobs.handlers,
      () => undefined,
      passthroughWritePath(),
      gate,
    );
    const first = dispatcher.dispatch('setup/demo', { jobId: 'job-run-1' }, as());
    const second = dispatcher.dispatch('setup/demo', { jobId: 'job-wait-1' }, as());
    await settle();
    expect(gate.waitingCount).toBe(1);
    expect(dispatcher.cancel('job-wait-1')).toBe(true);
    expect(codeOf(await second)).toBe('CANCELLED');
    expect(gate.waitingCount).toBe(0);
    jobs.releases.shift()?.();
    expect(codeOf(await first)).toBe('OK');
    expect(jobs.mostAtOnce()).toBe(1);
  });
});
