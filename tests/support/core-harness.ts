/**
 * A real core on a real encrypted SQLite file in a temp dir, migrations applied: what integration
 * tests call, through the same dispatcher as the UI.
 */
import { type Envelope } from '@shared/api/envelope';
import { type EventName } from '@shared/api/events';
import { createAppCore, type AppCore } from '../../electron/core/app-core';
import { type HostPort } from '../../electron/core/host-port';
import { createTempDir, removeTempDir } from './temp-dir';

export const TEST_KEY = 'ab'.repeat(32);

export interface TestCore {
  core: AppCore;
  dir: string;
  /** Calls a method and returns its data, failing the test on an error envelope. */
  call<T>(method: string, input?: unknown): Promise<T>;
  /** Calls a method and returns the raw envelope. */
  raw(method: string, input?: unknown, signal?: AbortSignal): Promise<Envelope<unknown>>;
  events: { event: EventName; payload: unknown }[];
  close(): Promise<void>;
}

export async function openTestCore(
  options: { dir?: string; now?: () => string; host?: HostPort; rosterCheckEntry?: string } = {},
): Promise<TestCore> {
  const dir = options.dir ?? createTempDir('core');
  const core = await createAppCore({
    dataDir: dir,
    key: TEST_KEY,
    keySource: 'env',
    logError: () => undefined,
    ...(options.now ? { now: options.now } : {}),
    ...(options.host ? { host: options.host } : {}),
    ...(options.rosterCheckEntry ? { rosterCheckEntry: options.rosterCheckEntry } : {}),
  });
  const events: TestCore['events'] = [];
  core.events.onAny((event, payload) => events.push({ event, payload }));
  const raw = (
    method: string,
    input: unknown = {},
    signal?: AbortSignal,
  ): Promise<Envelope<unknown>> =>
    core.dispatch(method, input, { actor: 'tester', ...(signal ? { signal } : {}) });
  return {
    core,
    dir,
    events,
    raw,
    call: async <T>(method: string, input: unknown = {}): Promise<T> => {
      const result = await raw(method, input);
      if (!result.ok)
        throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
      return result.data as T;
    },
    close: async () => {
      await core.close();
      if (!options.dir) removeTempDir(dir);
    },
  };
}

let jobs = 0;
/** A fresh job id for long methods. */
export function jobId(): string {
  jobs += 1;
  return `test-job-${process.pid}-${jobs}`;
}
