/**
 * A real core on a real encrypted SQLite file in a temp dir, migrations applied: what integration
 * tests call, through the same dispatcher as the UI, logged in the way a user logs in.
 *
 * By default the installation is set up as a user would (setup/complete: a province 测试省 and its
 * administrator `tester`, who then gives themself the project office's role too, so tests can do
 * everything a province office and its administrator can). `setup: { demo: N }` makes the demo
 * workspace instead and logs in as its `admin` (with the project office's role added likewise);
 * `setup: 'none'` leaves the first run to the test. A data folder already set up is logged into.
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
export const TESTER = { userName: 'tester', password: 'tester-pass-1' } as const;
export const TEST_PROVINCE = '测试省';
const DEMO_ADMIN = { userName: 'admin', password: 'demo1234' } as const;

/** One logged-in caller (a browser tab, a window, a CLI run). */
export interface Caller {
  /** The session token the wire keeps (null when logged out). */
  session: string | null;
  call<T>(method: string, input?: unknown): Promise<T>;
  raw(method: string, input?: unknown, signal?: AbortSignal): Promise<Envelope<unknown>>;
}

export function callerOf(core: AppCore, session: string | null = null): Caller {
  const caller: Caller = {
    session,
    raw: (method, input = {}, signal) =>
      core.dispatch(method, input, {
        session: caller.session,
        ...(signal ? { signal } : {}),
        onSession: (next) => {
          caller.session = next;
        },
      }),
    call: async <T>(method: string, input: unknown = {}): Promise<T> => {
      const result = await caller.raw(method, input);
      if (!result.ok)
        throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
      return result.data as T;
    },
  };
  return caller;
}

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
  /** Calls a method as the logged-in tester and returns its data, failing on an error envelope. */
  call<T>(method: string, input?: unknown): Promise<T>;
  /** Calls a method as the logged-in tester and returns the raw envelope. */
  raw(method: string, input?: unknown, signal?: AbortSignal): Promise<Envelope<unknown>>;
  /** The tester's caller (its session can be read, ended, replaced). */
  caller: Caller;
  /** The installation's own unit (测试省, or the demo city): new top units go under it. */
  rootId: string;
  /** Logs in as another operator (a new caller of its own). */
  loginAs(userName: string, password: string): Promise<Caller>;
  /**
   * Creates an operator (as the tester, an administrator) and logs in as them, their first
   * password changed as the app demands; returns their caller and id.
   */
  operator(
    userName: string,
    roles: string[],
    homeUnitId: string,
  ): Promise<{ caller: Caller; id: string; password: string }>;
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
    /** How a fresh installation is set up (see the module header). */
    setup?: 'province' | 'none' | { demo: number };
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
  const caller = callerOf(core);
  const rootId = await signIn(core, caller, options.setup ?? 'province');
  const loginAs = async (userName: string, password: string): Promise<Caller> => {
    const other = callerOf(core);
    await other.call('auth/login', { userName, password });
    return other;
  };
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
    caller,
    rootId,
    raw: (method, input, signal) => caller.raw(method, input, signal),
    call: (method, input) => caller.call(method, input),
    loginAs,
    operator: async (userName, roles, homeUnitId) => {
      const first = `${userName}-first-1`;
      const created = await caller.call<{ id: string }>('operators/create', {
        userName,
        displayName: userName,
        roles,
        homeUnitId,
        password: first,
      });
      const other = await loginAs(userName, first);
      const password = `${userName}-pass-2`;
      await other.call('auth/changePassword', { currentPassword: first, newPassword: password });
      return { caller: other, id: created.id, password };
    },
    close: async () => {
      await core.close();
      await pg?.drop();
      if (!options.dir) removeTempDir(dir);
    },
  };
}

/**
 * Logs `caller` in as a user would: the first-run setup on a fresh installation (or the demo
 * workspace), else the login screen. Returns the installation's unit id ('' with setup 'none').
 */
async function signIn(
  core: AppCore,
  caller: Caller,
  setup: 'province' | 'none' | { demo: number },
): Promise<string> {
  const state = await caller.call<{
    isSetUp: boolean;
    installation: { id: string } | null;
    demoAccounts: unknown[];
  }>('auth/state');
  if (!state.isSetUp) {
    if (setup === 'none') return '';
    if (setup === 'province') {
      const me = await caller.call<{ id: string; homeUnit: { id: string } }>('setup/complete', {
        unit: { create: { name: TEST_PROVINCE, kind: 'province' } },
        admin: { displayName: '测试员', ...TESTER },
      });
      await caller.call('operators/update', { id: me.id, roles: ['admin', 'project_admin'] });
      return me.homeUnit.id;
    }
    await caller.call('setup/demo', { jobId: jobId(), teachers: setup.demo });
    const me = await caller.call<{ id: string; homeUnit: { id: string } }>(
      'auth/login',
      DEMO_ADMIN,
    );
    await caller.call('operators/update', { id: me.id, roles: ['admin', 'project_admin'] });
    return me.homeUnit.id;
  }
  const me = await caller.call<{ homeUnit: { id: string } }>(
    'auth/login',
    state.demoAccounts.length > 0 ? DEMO_ADMIN : TESTER,
  );
  return me.homeUnit.id;
}

let jobs = 0;
/** A fresh job id for long methods. */
export function jobId(): string {
  jobs += 1;
  return `test-job-${process.pid}-${jobs}`;
}
