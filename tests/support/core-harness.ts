/**
 * A real core on a real encrypted SQLite file in a temp dir, migrations applied: what integration
 * tests call, through the same dispatcher as the UI.
 */
import { type Envelope } from '@shared/api/envelope';
import { type EventName } from '@shared/api/events';
import { createAppCore, type AppCore } from '../../electron/core/app-core';
import { type HostPort } from '../../electron/core/host-port';
import { type Engine } from '../../electron/db/database';
import { rawQuery } from '../../electron/db/raw-sql';
import { createTestPgDatabase } from './pg-database';
import { createTempDir, removeTempDir } from './temp-dir';

export const TEST_KEY = 'ab'.repeat(32);

export interface TestCore {
  core: AppCore;
  dir: string;
  engine: Engine;
  /** Rows of a query on the core's database (`?` placeholders, either engine). */
  rows<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** count(*) of a table, optionally with a WHERE clause. */
  count(table: string, where?: string): Promise<number>;
  /** A handle for a file to read, as a native open dialog gives the UI. */
  fileIn(filePath: string): string;
  /** A handle for a place to save, as a native save dialog gives the UI. */
  fileOut(filePath: string): string;
  /** Where an export was written: the chosen place, or the app's own file kept for download. */
  savedPath(saved: { savedTo: string | null; handle: string | null }): string;
  /** Calls a method and returns its data, failing the test on an error envelope. */
  call<T>(method: string, input?: unknown): Promise<T>;
  /** Calls a method and returns the raw envelope. */
  raw(method: string, input?: unknown, signal?: AbortSignal): Promise<Envelope<unknown>>;
  events: { event: EventName; payload: unknown }[];
  close(): Promise<void>;
}

export async function openTestCore(
  options: {
    dir?: string;
    now?: () => string;
    host?: HostPort;
    rosterCheckEntry?: string;
    /** Default SQLite; 'postgres' runs the core on a fresh database of the test cluster. */
    engine?: Engine;
    /** An existing PostgreSQL database (two cores on one server). */
    databaseUrl?: string;
  } = {},
): Promise<TestCore> {
  const dir = options.dir ?? createTempDir('core');
  const engine: Engine = options.databaseUrl ? 'postgres' : (options.engine ?? 'sqlite');
  const pg =
    engine === 'postgres' && !options.databaseUrl ? await createTestPgDatabase('core') : null;
  const databaseUrl = options.databaseUrl ?? pg?.url ?? null;
  const core = await createAppCore({
    dataDir: dir,
    key: TEST_KEY,
    keySource: 'env',
    databaseUrl,
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
  const rows = async <T>(sql: string, params: unknown[] = []): Promise<T[]> =>
    (await rawQuery<T>(core.db.reader, sql, params)).rows;
  return {
    core,
    dir,
    engine,
    rows,
    count: async (table, where) =>
      Number(
        (
          await rows<{ n: number | string }>(
            `SELECT count(*) AS n FROM ${table}${where ? ` WHERE ${where}` : ''}`,
          )
        )[0]?.n ?? 0,
      ),
    fileIn: (filePath) => core.files.registerPath(filePath, 'in').handle,
    fileOut: (filePath) => core.files.registerPath(filePath, 'out').handle,
    savedPath: (saved) => {
      if (saved.savedTo) return saved.savedTo;
      if (!saved.handle) throw new Error('the export has neither a place nor a handle');
      return core.files.resolve(saved.handle, 'out').path;
    },
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
      await pg?.drop();
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
