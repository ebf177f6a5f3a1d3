/** Projects and quotas from the command line, as an office scripts them (`--json`). */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCore, TEST_KEY } from '../support/core-harness';
import { createTempDir, removeTempDir } from '../support/temp-dir';

const CLI = path.join(__dirname, '..', '..', 'out', 'main', 'cli.js');

describe('cli projects and quotas', () => {
  let dir: string;

  function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
    return spawnSync(process.execPath, [CLI, ...args, '--data-dir', path.join(dir, 'data')], {
      encoding: 'utf8',
      env: { ...process.env, TRAINDESK_DB_KEY: TEST_KEY, TRAINDESK_PASSWORD: 'demo1234' },
      input: '',
    });
  }

  beforeAll(() => {
    dir = createTempDir('cli-projects');
    expect(cli('demo', 'create', '--teachers', '300').status).toBe(0);
  }, 120_000);
  afterAll(() => removeTempDir(dir));

  it('creates a project, sets the year quota, saves the proportional split and shows it', async () => {
    const created = cli(
      'project',
      'create',
      '--code',
      'S2027',
      '--name',
      '命令行项目',
      '--preset',
      'jiangsu-online-2023',
      '--year',
      '2027',
      '--stages',
      '小学,初中',
      '--json',
      '--user',
      'city',
    );
    expect(created.status, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ code: 'S2027', year: 2027 });
    const listed = JSON.parse(cli('project', 'list', '--json', '--user', 'school').stdout) as {
      code: string;
    }[];
    // Beside the demo workspace's own project of the province (its year follows the clock).
    const codes = listed.map((p) => p.code);
    expect(codes).toHaveLength(2);
    expect(codes).toContain('S2027');
    expect(codes.find((c) => c !== 'S2027')).toMatch(/^S\d{4}9001$/);

    const seats = path.join(dir, 'seats.json');
    fs.writeFileSync(
      seats,
      JSON.stringify([1, 2, 3].map((batch) => ({ unit: '示范市', batch, seats: 60 }))),
    );
    const set = cli(
      'quota',
      'set',
      '--project',
      'S2027',
      '--file',
      seats,
      '--json',
      '--user',
      'city',
    );
    expect(set.status, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toEqual({ changed: 3 });

    const proposed = JSON.parse(
      cli('quota', 'propose', '--project', 'S2027', '--json', '--user', 'city').stdout,
    ) as { cells: { seats: number }[] };
    expect(proposed.cells.reduce((sum, c) => sum + c.seats, 0)).toBe(180);
    const saved = cli('quota', 'set', '--project', 'S2027', '--from-proposal', '--user', 'city');
    expect(saved.status, saved.stderr).toBe(0);
    expect(saved.stdout).toContain('已保存名额');

    const shown = JSON.parse(
      cli('quota', 'show', '--project', 'S2027', '--json', '--user', 'city').stdout,
    ) as { parent: { cells: { seats: number; handedDown: number }[] } };
    expect(shown.parent.cells.slice(0, 3)).toEqual([
      expect.objectContaining({ seats: 60, handedDown: 60 }),
      expect.objectContaining({ seats: 60, handedDown: 60 }),
      expect.objectContaining({ seats: 60, handedDown: 60 }),
    ]);
    const text = cli('quota', 'show', '--project', 'S2027', '--user', 'city');
    expect(text.stdout).toContain('已下发');
    // A school office may look, not hand out; a bad unit is a usage error in Chinese.
    const refused = cli(
      'quota',
      'set',
      '--project',
      'S2027',
      '--from-proposal',
      '--user',
      'school',
    );
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('分配名额');
    const badUnit = cli(
      'quota',
      'show',
      '--project',
      'S2027',
      '--unit',
      '不存在',
      '--user',
      'city',
    );
    expect(badUnit.status).toBe(2);
    expect(badUnit.stderr).toContain('找不到单位');
    const list = cli('enroll', 'list', '--project', 'S2027', '--json', '--user', 'city');
    expect(list.status, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([]);
    // A list to enroll is checked row by row (the window of 2027 is not open yet: every row says so).
    const sheet = path.join(dir, 'enroll.xlsx');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('报名').addRows([
      ['身份证号', '课程'],
      ['110101199003074514', 'X'],
    ]);
    await workbook.xlsx.writeFile(sheet);
    const checked = cli(
      'enroll',
      'import',
      sheet,
      '--project',
      'S2027',
      '--batch',
      '1',
      '--user',
      'city',
    );
    expect(checked.status, checked.stderr).toBe(0);
    expect(checked.stdout).toContain('不能报名 1');
    expect(checked.stdout).toContain('第 2 行');
  }, 120_000);

  it('runs as an API token an administrator made, until it is revoked', async () => {
    // The administrator makes the token in the app (here: the same core, in this process).
    const admin = await openTestCore({ dir: path.join(dir, 'data') });
    const city = (
      await admin.call<{ rows: { id: string; userName: string }[] }>('operators/list')
    ).rows.find((o) => o.userName === 'city');
    const made = await admin.call<{ row: { id: string }; token: string }>('tokens/create', {
      operatorId: city?.id,
      name: '夜间脚本',
    });
    await admin.close();
    const run = (token: string, ...args: string[]) =>
      spawnSync(process.execPath, [CLI, ...args, '--data-dir', path.join(dir, 'data')], {
        encoding: 'utf8',
        env: {
          ...process.env,
          TRAINDESK_DB_KEY: TEST_KEY,
          TRAINDESK_API_TOKEN: token,
          TRAINDESK_PASSWORD: '',
        },
        input: '',
      });
    const listed = run(made.token, 'project', 'list', '--json');
    expect(listed.status, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toContainEqual(expect.objectContaining({ code: 'S2027' }));
    const again = await openTestCore({ dir: path.join(dir, 'data') });
    await again.call('tokens/revoke', { id: made.row.id });
    await again.close();
    const refused = run(made.token, 'project', 'list');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('接口令牌无效');
  }, 60_000);
});
