/**
 * The job thread: imports, exports and the demo run on a worker thread with its own connection,
 * so the thread serving the UI keeps answering while they work.
 */
import { type Caller, callerOf } from '../support/core-harness';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type OrgNode } from '@shared/api/org.contract';
import { type ImportPreview, type SavedFile } from '@shared/api/roster.contract';
import { makeRosterRows, writeRosterWorkbook } from '../../scripts/fixtures/roster-workbook';
import { BridgeHost } from '../../electron/bridge/http-bridge';
import { createAppCore, type AppCore } from '../../electron/core/app-core';
import { createTempDir, removeTempDir } from '../support/temp-dir';
import { TEST_KEY } from '../support/core-harness';

const root = path.resolve(__dirname, '../..');
let dir = '';
let core: AppCore;

beforeAll(async () => {
  const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'ensure-built.mjs')], {
    stdio: 'inherit',
  });
  expect(built.status).toBe(0);
  dir = createTempDir('jobs');
  core = await createAppCore({
    dataDir: dir,
    key: TEST_KEY,
    keySource: 'env',
    host: new BridgeHost(),
    jobThreadEntry: path.join(root, 'out', 'main', 'job-worker.js'),
  });
  tab = callerOf(core);
});

afterAll(async () => {
  await core.close();
  removeTempDir(dir);
});

/** The one browser tab of these tests: first the setup screen, then the city's project office. */
let tab: Caller;
const call = <T>(method: string, input: unknown): Promise<T> => tab.call<T>(method, input);

it('keeps answering while a long job runs on the job thread, and relays its progress', async () => {
  const progress: unknown[] = [];
  core.events.onAny((event, payload) => {
    if (event === 'job/progress') progress.push(payload);
  });
  let isDemoDone = false;
  // The first-run setup's demo workspace is the long job here.
  const demo = call('setup/demo', { jobId: 'demo-on-thread', teachers: 60_000 }).then((r) => {
    isDemoDone = true;
    return r;
  });
  // Answered while the job still runs (how fast is a figure of `npm run bench`: serving_during_job).
  const state = await call<{ isSetUp: boolean }>('auth/state', {});
  expect(state.isSetUp).toBe(false);
  expect(isDemoDone).toBe(false);
  await expect(demo).resolves.toMatchObject({ teachers: 60_000 });
  expect(progress.length).toBeGreaterThan(0);
  await call('auth/login', { userName: 'city', password: 'demo1234' });
  expect((await call<{ teacherCount: number }>('system/info', {})).teacherCount).toBe(60_000);
}, 120_000);

it('previews and commits an import on the same thread, and hands files out through the host', async () => {
  const schools = (await call<{ nodes: OrgNode[] }>('org/tree', {})).nodes.filter(
    (n) => n.kind === 'school',
  );
  const file = path.join(dir, 'roster.xlsx');
  const rows = [
    ...makeRosterRows(
      50,
      77,
      schools.slice(0, 3).map((s) => s.name),
    ),
  ];
  await writeRosterWorkbook(file, [
    ...rows,
    { ...rows[0], 学校: '不存在的学校' } as Record<string, string | number | null>,
  ]);
  const preview = await call<ImportPreview>('roster/importPreview', {
    jobId: 'preview-on-thread',
    file: core.files.registerPath(file, 'in').handle,
  });
  expect(preview).toMatchObject({ total: 51, new: 49, errorRowCount: 2 });
  const errors = await call<{ total: number }>('roster/importErrors', {
    importId: preview.importId,
  });
  expect(errors.total).toBe(2);
  const saved = await call<SavedFile>('roster/exportErrors', { importId: preview.importId });
  expect(saved.downloadUrl).toMatch(/^\/download\?id=/);
  await expect(
    call('roster/importCommit', { jobId: 'commit-on-thread', importId: preview.importId }),
  ).resolves.toMatchObject({
    inserted: 49,
  });
  const cancelled = await tab.raw('jobs/cancel', { jobId: 'not-running' });
  expect(cancelled).toEqual({ ok: true, data: { isCancelled: false } });
}, 120_000);

it('validates a job call before handing it to the thread: deep nesting is INVALID_INPUT, not a crash', async () => {
  let deep: unknown = 'x';
  for (let i = 0; i < 20_000; i += 1) deep = [deep];
  const nestedPath = await tab.raw('roster/importPreview', { jobId: 'deep-nesting-1', file: deep });
  expect(nestedPath).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  // Keys the contract does not declare never cross to the thread: the call runs as without them.
  const extraKey = await tab.raw('roster/importPreview', {
    jobId: 'deep-nesting-2',
    file: core.files.registerPath(path.join(dir, 'missing.xlsx'), 'in').handle,
    extra: deep,
  });
  expect(extraKey).toMatchObject({ ok: false, error: { code: 'BAD_FILE' } });
  // The thread is still there.
  expect((await tab.raw('system/info', {})).ok).toBe(true);
});

it('holds a burst of previews on the job thread to the job limit: the rest are answered BUSY, the thread stays up', async () => {
  const file = path.join(dir, 'burst.xlsx');
  await writeRosterWorkbook(file, makeRosterRows(200, 5, ['示范市东湖区实验小学']));
  const burst = await Promise.all(
    Array.from({ length: 30 }, (_, i) =>
      tab.raw('roster/importPreview', {
        jobId: `burst-${i}`,
        file: core.files.registerPath(file, 'in').handle,
      }),
    ),
  );
  const codes = burst.map((r) => (r.ok ? 'OK' : r.error.code));
  // Two run and four wait (DEFAULT_JOB_LIMITS); every other call is answered at once.
  expect(codes.filter((c) => c === 'OK')).toHaveLength(6);
  expect(codes.filter((c) => c === 'BUSY')).toHaveLength(24);
  // Once they are over, the next preview runs as usual.
  const after = await tab.raw('roster/importPreview', {
    jobId: 'burst-after',
    file: core.files.registerPath(file, 'in').handle,
  });
  expect(after.ok).toBe(true);
});
