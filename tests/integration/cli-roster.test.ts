/**
 * `npm run cli -- roster import` as office IT scripts it: the one JSON object of the issue
 * (every error, also past the preview's first 1,000), the text summary, and the commit; on the
 * encrypted file and on a PostgreSQL server (`--database`).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RowError } from '@shared/api/common.schemas';
import { makeRosterRows, writeRosterWorkbook } from '../../scripts/fixtures/roster-workbook';
import { TEST_KEY } from '../support/core-harness';
import { ENGINES } from '../support/engines';
import { createTestPgDatabase, type TestPgDatabase } from '../support/pg-database';
import { createTempDir, removeTempDir } from '../support/temp-dir';

const CLI = path.join(__dirname, '..', '..', 'out', 'main', 'cli.js');

describe.each(ENGINES)('cli roster import on %s', (engine) => {
  let dir: string;
  let pg: TestPgDatabase | null = null;

  /** The CLI as the demo city's project office (`--user city`, password from the environment). */
  function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
    return cliAs({ TRAINDESK_PASSWORD: 'demo1234' }, ...args, '--user', 'city');
  }

  function cliAs(
    env: Record<string, string>,
    ...args: string[]
  ): { status: number | null; stdout: string; stderr: string } {
    const database = pg ? ['--database', pg.url] : [];
    const base = { ...process.env };
    delete base.TRAINDESK_PASSWORD;
    delete base.TRAINDESK_API_TOKEN;
    return spawnSync(
      process.execPath,
      [CLI, ...args, '--data-dir', path.join(dir, 'data'), ...database],
      {
        encoding: 'utf8',
        env: { ...base, TRAINDESK_DB_KEY: TEST_KEY, ...env },
        maxBuffer: 64 * 1024 * 1024,
        input: '',
      },
    );
  }

  beforeAll(async () => {
    dir = createTempDir('cli-roster');
    if (engine === 'postgres') pg = await createTestPgDatabase('cli');
  });
  afterAll(async () => {
    await pg?.drop();
    removeTempDir(dir);
  });

  it('prints one JSON object with every error, a text summary, and commits the valid rows', async () => {
    expect(cli('demo', 'create').status).toBe(0);
    const good = [...makeRosterRows(300, 31, ['示范市东湖区实验小学'])];
    // 1,200 rows of a school that does not exist: more errors than the preview carries.
    const unknown = [...makeRosterRows(1200, 32, ['示范市新区未建学校'])];
    const file = path.join(dir, 'roster.xlsx');
    await writeRosterWorkbook(file, [...good, ...unknown]);

    const json = cli('roster', 'import', file, '--json');
    expect(json.status, json.stderr).toBe(0);
    const result = JSON.parse(json.stdout) as {
      total: number;
      new: number;
      updated: number;
      unchanged: number;
      errors: RowError[];
    };
    expect(result).toMatchObject({ total: 1500, new: 300, updated: 0, unchanged: 0 });
    expect(result.errors).toHaveLength(1200);
    expect(new Set(result.errors.map((e) => e.row)).size).toBe(1200);
    expect(result.errors[0]).toEqual({
      row: 302,
      column: '学校',
      code: 'UNKNOWN_SCHOOL',
      message: expect.stringContaining('示范市新区未建学校') as string,
    });

    const text = cli('roster', 'import', file);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('共 1500 行：新增 300');
    expect(text.stdout).toContain('另有 1150 条错误');
    expect(text.stdout).toContain('这只是预览');

    const committed = cli('roster', 'import', file, '--commit', '--json');
    expect(committed.status, committed.stderr).toBe(0);
    expect(JSON.parse(committed.stdout)).toMatchObject({ committed: { inserted: 300 } });
    const again = JSON.parse(cli('roster', 'import', file, '--json').stdout) as {
      unchanged: number;
    };
    expect(again.unchanged).toBe(300);
    // The project office may not read the audit log; the administrator may.
    const refused = cli('audit', 'verify');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('查看操作日志');
    const verified = cliAs(
      { TRAINDESK_PASSWORD: 'demo1234' },
      'audit',
      'verify',
      '--user',
      'admin',
    );
    expect(verified.status, verified.stderr).toBe(0);
    expect(verified.stdout + verified.stderr).toContain('操作日志完整');
  }, 180_000);

  it('logs in as the app does: a user and a password from the environment, or an API token', () => {
    // (The demo workspace of the test above is there.)
    const noUser = cliAs({}, 'rules', 'list');
    expect(noUser.status).toBe(2);
    expect(noUser.stderr).toContain('--user');
    const noPassword = cliAs({}, 'rules', 'list', '--user', 'city');
    expect(noPassword.status).toBe(2);
    expect(noPassword.stderr).toContain('TRAINDESK_PASSWORD');
    const wrong = cliAs(
      { TRAINDESK_PASSWORD: 'not-the-password' },
      'rules',
      'list',
      '--user',
      'city',
    );
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('用户名或密码不正确');
    const unknown = cliAs({ TRAINDESK_PASSWORD: 'demo1234' }, 'rules', 'list', '--user', 'nobody');
    expect(unknown.stderr).toContain('用户名或密码不正确');
    // The password never appears as an argument, nor in what the CLI prints.
    expect(wrong.stdout + wrong.stderr).not.toContain('not-the-password');
  });

  it('sets up a fresh data folder from the command line, once', () => {
    const fresh = path.join(dir, 'fresh');
    const database = pg ? ['--database', `${pg.url}`] : [];
    if (pg) return; // one PostgreSQL database per suite: its installation is the demo's already
    const run = (env: Record<string, string>, ...args: string[]) =>
      spawnSync(process.execPath, [CLI, ...args, '--data-dir', fresh, ...database], {
        encoding: 'utf8',
        env: { ...process.env, TRAINDESK_DB_KEY: TEST_KEY, ...env },
        input: '',
      });
    const weak = run(
      { TRAINDESK_PASSWORD: '12345678' },
      'setup',
      '--unit',
      '测试区',
      '--kind',
      '区县',
      '--admin',
      'boss',
    );
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('全是数字');
    const done = run(
      { TRAINDESK_PASSWORD: 'boss-pass-1' },
      'setup',
      '--unit',
      '测试区',
      '--kind',
      '区县',
      '--admin',
      'boss',
    );
    expect(done.status, done.stderr).toBe(0);
    expect(done.stdout).toContain('测试区');
    const twice = run(
      { TRAINDESK_PASSWORD: 'boss-pass-1' },
      'setup',
      '--unit',
      '测试区',
      '--admin',
      'boss2',
    );
    expect(twice.status).toBe(1);
    expect(twice.stderr).toContain('已完成初始设置');
    const verify = run({ TRAINDESK_PASSWORD: 'boss-pass-1' }, 'audit', 'verify', '--user', 'boss');
    expect(verify.status, verify.stderr).toBe(0);
  });

  it('refuses a database address that is not a PostgreSQL URL, in Chinese', () => {
    const wrong = spawnSync(
      process.execPath,
      [CLI, 'audit', 'verify', '--data-dir', path.join(dir, 'x'), '--database', 'mysql://a/b'],
      { encoding: 'utf8' },
    );
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toContain('postgres://');
  });
});
