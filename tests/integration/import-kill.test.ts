/**
 * A roster import killed with SIGKILL in the middle of its commit (a crash, a power cut, the task
 * manager) leaves the database exactly as it was: intact, with its previous row count.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type OrgNode } from '@shared/api/org.contract';
import { makeRosterRows, writeRosterWorkbook } from '../../scripts/fixtures/roster-workbook';
import { integrityCheck } from '../../electron/db/open-database';
import { openTestCore, TEST_KEY } from '../support/core-harness';
import { createTempDir, removeTempDir } from '../support/temp-dir';
import { sqliteOf } from '../support/engines';

const root = path.resolve(__dirname, '../..');
const cli = path.join(root, 'out', 'main', 'cli.js');
let dir = '';

beforeAll(() => {
  const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'ensure-built.mjs')], {
    stdio: 'inherit',
  });
  expect(built.status).toBe(0);
  dir = createTempDir('kill');
});

afterAll(() => removeTempDir(dir));

it('leaves the database as before when the importing process is killed mid-commit', async () => {
  const setup = await openTestCore({ dir, setup: { demo: 100 } });
  const schools = (await setup.call<{ nodes: OrgNode[] }>('org/tree')).nodes.filter(
    (n) => n.kind === 'school',
  );
  await setup.close();
  const file = path.join(dir, 'big.xlsx');
  await writeRosterWorkbook(
    file,
    makeRosterRows(
      60_000,
      99,
      schools.slice(0, 50).map((s) => s.name),
    ),
  );

  const child = spawn(
    process.execPath,
    [cli, 'roster', 'import', file, '--commit', '--data-dir', dir, '--user', 'city'],
    {
      env: { ...process.env, TRAINDESK_DB_KEY: TEST_KEY, TRAINDESK_PASSWORD: 'demo1234' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  let killedDuringCommit = false;
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    if (!killedDuringCommit && stderr.includes('正在写入数据库')) {
      killedDuringCommit = true;
      child.kill('SIGKILL');
    }
  });
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
    (resolve) => child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  expect(killedDuringCommit, `the import never reached its commit; stderr:\n${stderr}`).toBe(true);
  expect(exit.signal).toBe('SIGKILL');
  expect(fs.existsSync(path.join(dir, 'traindesk.db'))).toBe(true);

  const after = await openTestCore({ dir });
  try {
    expect(integrityCheck(sqliteOf(after.core.db))).toBe('ok');
    const count = sqliteOf(after.core.db).prepare('SELECT count(*) AS n FROM teacher').get() as {
      n: number;
    };
    expect(count.n).toBe(100);
  } finally {
    await after.close();
  }
}, 180_000);
