/**
 * The Electron core host (the utilityProcess that runs the core for the desktop app), built, run
 * under Node with a stand-in for Electron's parentPort: its protocol with the main process — init,
 * calls, progress events, cancellation, native dialogs asked of the main process, refusal of a
 * wrong key. The window and preload need the Electron binary (tests/e2e/electron).
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Envelope } from '@shared/api/envelope';
import { type ImportPreview } from '@shared/api/roster.contract';
import { type HostToMain, type MainToHost } from '../../electron/main/core-host-protocol';
import { makeRosterRows, writeRosterWorkbook } from '../../scripts/fixtures/roster-workbook';
import { TEST_KEY } from '../support/core-harness';
import { createTempDir, removeTempDir } from '../support/temp-dir';

const ROOT = path.join(__dirname, '..', '..');
const HOST = path.join(ROOT, 'out', 'main', 'core-host.js');
const SHIM = path.join(ROOT, 'tests', 'support', 'utility-process-shim.cjs');

interface Host {
  child: ChildProcess;
  messages: HostToMain[];
  send(message: MainToHost): void;
  next(predicate: (m: HostToMain) => boolean, timeoutMs?: number): Promise<HostToMain>;
}

let dir: string;
let host: Host | null = null;

function startHost(): Host {
  const child = fork(HOST, [], { execArgv: ['--require', SHIM], stdio: 'pipe' });
  const messages: HostToMain[] = [];
  const waiters: { predicate: (m: HostToMain) => boolean; resolve: (m: HostToMain) => void }[] = [];
  child.on('message', (message: HostToMain) => {
    messages.push(message);
    for (const w of [...waiters]) {
      if (w.predicate(message)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(message);
      }
    }
  });
  return {
    child,
    messages,
    send: (message) => child.send(message),
    next: (predicate, timeoutMs = 30_000) => {
      const seen = messages.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error('no such message from the core host')),
          timeoutMs,
        );
        waiters.push({
          predicate,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
      });
    },
  };
}

/**
 * The window's session as the main process keeps it: sent with each call, replaced or forgotten
 * when a result says so.
 */
let windowSession: string | null = null;

async function call(
  h: Host,
  id: number,
  method: string,
  input: unknown,
): Promise<Envelope<unknown>> {
  h.send({ type: 'call', id, method, input, session: windowSession });
  const result = (await h.next((m) => m.type === 'result' && m.id === id)) as Extract<
    HostToMain,
    { type: 'result' }
  >;
  if (result.session !== undefined) windowSession = result.session;
  return result.envelope;
}

/** First run as the desktop app's setup wizard does it: the unit and its administrator. */
async function setUp(h: Host): Promise<void> {
  const done = await call(h, 900, 'setup/complete', {
    unit: { create: { name: '测试市', kind: 'city' } },
    admin: { displayName: '测试员', userName: 'tester', password: 'tester-pass-1' },
  });
  expect(done.ok).toBe(true);
}

beforeEach(() => {
  dir = createTempDir('core-host');
  windowSession = null;
});

afterEach(() => {
  host?.child.kill();
  host = null;
  removeTempDir(dir);
});

describe('core host (Electron utilityProcess, under Node)', () => {
  it('opens the database, answers calls, streams progress and runs imports on its job thread', async () => {
    host = startHost();
    host.send({ type: 'init', dataDir: dir, key: TEST_KEY, keySource: 'env' });
    await host.next((m) => m.type === 'ready');

    // Before the first-run setup nothing but setup answers.
    expect(await call(host, 1, 'system/info', {})).toMatchObject({
      ok: false,
      error: { code: 'SETUP_REQUIRED' },
    });
    const demo = await call(host, 2, 'setup/demo', { jobId: 'demo-1', teachers: 100 });
    expect(demo.ok).toBe(true);
    expect(windowSession).toBeNull();
    expect(await call(host, 20, 'system/info', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    const login = await call(host, 21, 'auth/login', { userName: 'city', password: 'demo1234' });
    expect(login.ok).toBe(true);
    // The session token stays with the window's wire; the page gets only who is logged in.
    expect(windowSession).toMatch(/^[\w-]{40,}$/);
    expect(JSON.stringify(login)).not.toContain(windowSession ?? '');
    const info = await call(host, 22, 'system/info', {});
    expect(info).toMatchObject({ ok: true, data: { keySource: 'env', teacherCount: 100 } });
    const tree = await call(host, 3, 'org/tree', {});
    const school = (tree as { data: { nodes: { kind: string; name: string }[] } }).data.nodes.find(
      (n) => n.kind === 'school',
    );

    const file = path.join(dir, 'roster.xlsx');
    await writeRosterWorkbook(file, makeRosterRows(3000, 9, [school?.name ?? '']));
    // As in the desktop app: the file comes from the native dialog, and the UI gets a handle.
    const h = host;
    h.send({
      type: 'call',
      id: 40,
      method: 'system/pickOpenFile',
      input: { title: '选择花名册', filters: [] },
      session: windowSession,
    });
    const dialog = await h.next((m) => m.type === 'host-request');
    h.send({ type: 'host-reply', id: (dialog as { id: number }).id, path: file });
    const picked = await h.next((m) => m.type === 'result' && m.id === 40);
    const handle = (
      picked as { envelope: { data: { file: { handle: string; fileName: string } } } }
    ).envelope.data.file;
    expect(handle.fileName).toBe('roster.xlsx');
    const preview = await call(host, 4, 'roster/importPreview', {
      jobId: 'import-1',
      file: handle.handle,
    });
    expect(preview).toMatchObject({ ok: true, data: { total: 3000, new: 3000, errorRowCount: 0 } });
    const progress = host.messages.filter(
      (m) =>
        m.type === 'event' &&
        m.event === 'job/progress' &&
        (m.payload as { jobId: string }).jobId === 'import-1',
    );
    expect(progress.length).toBeGreaterThan(0);

    const importId = (preview as { data: ImportPreview }).data.importId;
    const committed = await call(host, 5, 'roster/importCommit', { jobId: 'commit-1', importId });
    expect(committed).toMatchObject({ ok: true, data: { inserted: 3000 } });
    // The project office may not read the audit log; the administrator may, and finds the import
    // under the name of who did it.
    expect(await call(host, 6, 'audit/list', { limit: 5 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect((await call(host, 7, 'auth/logout', {})).ok).toBe(true);
    expect(windowSession).toBeNull();
    await call(host, 8, 'auth/login', { userName: 'admin', password: 'demo1234' });
    const audit = await call(host, 9, 'audit/list', { limit: 5 });
    expect(JSON.stringify(audit)).toContain('市项目办（演示）（city）');
  });

  it('asks the main process for native dialogs and passes the answer on', async () => {
    host = startHost();
    host.send({ type: 'init', dataDir: dir, key: TEST_KEY, keySource: 'env' });
    await host.next((m) => m.type === 'ready');
    await setUp(host);
    host.send({
      type: 'call',
      id: 7,
      method: 'system/pickOpenFile',
      input: { title: '选择花名册', filters: [{ name: 'Excel', extensions: ['xlsx'] }] },
      session: windowSession,
    });
    const request = await host.next((m) => m.type === 'host-request');
    expect(request).toMatchObject({ op: 'pickOpenFile', title: '选择花名册' });
    host.send({
      type: 'host-reply',
      id: (request as { id: number }).id,
      path: '/tmp/花名册.xlsx',
    });
    const result = await host.next((m) => m.type === 'result' && m.id === 7);
    // The path stays in the core: the UI gets an opaque handle and the name to show.
    expect(result).toMatchObject({
      envelope: {
        ok: true,
        data: { file: { handle: expect.stringMatching(/^[\w-]{32}$/), fileName: '花名册.xlsx' } },
      },
    });
    expect(JSON.stringify(result)).not.toContain('/tmp/');
  });

  it('refuses to open a database with the wrong key, and answers calls with an error meanwhile', async () => {
    host = startHost();
    host.send({ type: 'init', dataDir: dir, key: TEST_KEY, keySource: 'env' });
    await host.next((m) => m.type === 'ready');
    host.child.kill();

    host = startHost();
    const early = await call(host, 1, 'system/info', {});
    expect(early).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    host.send({
      type: 'init',
      dataDir: dir,
      key: 'cd'.repeat(32),
      keySource: 'env',
    });
    const failed = await host.next((m) => m.type === 'init-error');
    expect(failed).toMatchObject({ code: 'DB_KEY_INVALID' });
  });
});
