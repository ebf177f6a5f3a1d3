/** The rule engine behind the contract and the CLI: presets, saved sets, validation, evaluation. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contract } from '@shared/api/contract';
import { type RuleSetSummary } from '@shared/api/rules.contract';
import { type AssessmentOutput } from '@shared/domain/rules';
import { verifyAuditChain } from '../../electron/db/audit-log';
import { jobId, openTestCore, TEST_KEY, type TestCore } from '../support/core-harness';
import { ENGINES } from '../support/engines';
import { type Engine } from '../../electron/db/database';

const root = path.resolve(__dirname, '../..');
const REQUIRED_PRESETS = [
  'jiangsu-online-2023',
  'taizhou-shishuo-2023',
  'taizhou-lifecloud-owner-2020',
  'taizhou-lifecloud-member-2020',
  'licheng-depth-index-2022',
  'licheng-space-evaluation-2022',
  'qingdao-credits-2018',
];

const deadline = '2023-08-25T23:59:59+08:00';
function shishuoRecord(teacherId: string, validReplies: number) {
  return {
    teacherId,
    stage: '小学',
    courses: Array.from({ length: 9 }, (_, i) => ({
      courseId: `C${i + 1}`,
      stage: '小学',
      isCompleted: true,
    })),
    discussions: Array.from({ length: validReplies }, () => ({
      type: 'reply',
      chars: 24,
      at: '2023-08-01T10:00:00+08:00',
      deadline,
    })),
    testScores: [72],
  };
}

let t: TestCore;
/** Set by each engine's suite. */
let engine: Engine = 'sqlite';

beforeEach(async () => {
  t = await openTestCore({ engine });
});

afterEach(async () => {
  await t.close();
});

async function code(method: string, input: unknown): Promise<string | null> {
  const result = await t.raw(method, input);
  return result.ok ? null : result.error.code;
}

describe.each(ENGINES)('on %s', (onEngine) => {
  beforeAll(() => {
    engine = onEngine;
  });
  afterAll(() => {
    engine = 'sqlite';
  });

  describe('rules over the contract', () => {
    it('lists every required preset and reads one back as data', async () => {
      const { items } = await t.call<{ items: RuleSetSummary[] }>('rules/list');
      const ids = items.filter((i) => i.isPreset).map((i) => i.id);
      for (const id of REQUIRED_PRESETS) expect(ids).toContain(id);
      const got = await t.call<{ ruleSet: { id: string; kind: string } }>('rules/get', {
        id: 'taizhou-shishuo-2023',
      });
      expect(got.ruleSet).toMatchObject({ id: 'taizhou-shishuo-2023', kind: 'assessment' });
      expect(await code('rules/get', { id: 'no-such-rules' })).toBe('NOT_FOUND');
    });

    it('evaluates a preset and explains what a teacher still needs', async () => {
      const { output } = await t.call<{ output: AssessmentOutput }>('rules/evaluate', {
        ruleSetId: 'taizhou-shishuo-2023',
        input: { records: [shishuoRecord('T1', 10), shishuoRecord('T2', 7)] },
        now: '2023-09-01',
      });
      expect(output.records.map((r) => r.isPassed)).toEqual([true, false]);
      expect(output.records[0]?.creditHours).toBe(25);
      expect(output.records[1]?.missing.join('')).toContain('还差 3 条有效回帖');
    });

    it('answers bad input with INVALID_INPUT and Chinese paths', async () => {
      const result = await t.raw('rules/evaluate', {
        ruleSetId: 'taizhou-shishuo-2023',
        input: { records: [{ teacherId: 'T1', testScores: ['x'] }] },
        now: '2023-09-01',
      });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('INVALID_INPUT');
        expect(Array.isArray(result.error.details)).toBe(true);
        expect(result.error.message).toMatch(/输入数据有误/);
      }
      expect(await code('rules/evaluate', { input: {}, now: '2023-09-01' })).toBe('INVALID_INPUT');
    });

    it('saves an adjusted clone under its own id, never over a preset, with an audit trail', async () => {
      const { ruleSet } = await t.call<{ ruleSet: Record<string, unknown> }>('rules/get', {
        id: 'qingdao-credits-2018',
      });
      const validation = await t.call<{
        isValid: boolean;
        errors: { path: string; message: string }[];
      }>('rules/validate', {
        ruleSet: { ...ruleSet, kind: 'nonsense' },
      });
      expect(validation.isValid).toBe(false);
      expect(validation.errors.length).toBeGreaterThan(0);

      expect(await code('rules/save', { ruleSet })).toBe('CONFLICT');
      const clone = { ...ruleSet, id: 'shinan-credits-2027', name: '市南区学分规则（2027 调整）' };
      const saved = await t.call<RuleSetSummary>('rules/save', {
        ruleSet: clone,
        basedOn: 'qingdao-credits-2018',
      });
      expect(saved).toMatchObject({
        id: 'shinan-credits-2027',
        isPreset: false,
        basedOn: 'qingdao-credits-2018',
        kinds: ['credits'],
      });
      const { items } = await t.call<{ items: RuleSetSummary[] }>('rules/list');
      expect(items.find((i) => i.id === 'shinan-credits-2027')?.isPreset).toBe(false);
      const back = await t.call<{ ruleSet: { name: string } }>('rules/get', {
        id: 'shinan-credits-2027',
      });
      expect(back.ruleSet.name).toBe('市南区学分规则（2027 调整）');

      expect(await code('rules/delete', { id: 'qingdao-credits-2018' })).toBe('FORBIDDEN');
      await t.call('rules/delete', { id: 'shinan-credits-2027' });
      expect(await code('rules/get', { id: 'shinan-credits-2027' })).toBe('NOT_FOUND');
      const actions = (
        await t.rows<{ action: string }>(
          `SELECT action FROM audit_log WHERE action LIKE 'rules.%' ORDER BY seq`,
        )
      ).map((a) => a.action);
      expect(actions).toEqual(['rules.save', 'rules.delete']);
      expect((await verifyAuditChain(t.core.db)).isIntact).toBe(true);
    });
  });
});

describe('rules/readSheet', () => {
  it('reads a what-if sheet with dates and times as Excel shows them', async () => {
    const file = path.join(t.dir, 'what-if.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('记录');
    sheet.addRow(['教师', '日期', '时间', '成绩']);
    sheet.addRow(['T1', new Date(Date.UTC(2024, 2, 5)), new Date(Date.UTC(2024, 2, 5, 8, 30)), 72]);
    sheet.getCell('B2').numFmt = 'yyyy"年"m"月"d"日"';
    sheet.getCell('C2').numFmt = 'yyyy/m/d h:mm';
    sheet.addRow(['T2', '2024-03-06', '2024-03-06 09:00', '58']);
    await workbook.xlsx.writeFile(file);
    const read = await t.call<{ headers: string[]; rows: unknown[][] }>('rules/readSheet', {
      jobId: jobId(),
      file: t.fileIn(file),
    });
    expect(read.headers).toEqual(['教师', '日期', '时间', '成绩']);
    expect(read.rows).toEqual([
      ['T1', '2024-03-05', '2024-03-05T08:30:00', 72],
      ['T2', '2024-03-06', '2024-03-06 09:00', '58'],
    ]);
  });
});

describe('rules/readSheet as a job', () => {
  it('is a job (off the serving thread), reports progress, and stops when cancelled', async () => {
    expect(contract['rules/readSheet'].isJob).toBe(true);
    const file = path.join(t.dir, 'big-what-if.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('记录');
    sheet.addRow(['教师', '成绩']);
    for (let i = 0; i < 3000; i += 1) sheet.addRow([`T${i}`, i % 100]);
    await workbook.xlsx.writeFile(file);

    const id = jobId();
    const read = await t.call<{ rows: unknown[][]; isTruncated: boolean }>('rules/readSheet', {
      jobId: id,
      file: t.fileIn(file),
      maxRows: 100,
    });
    expect(read.rows).toHaveLength(100);
    expect(read.isTruncated).toBe(true);
    const phases = t.events
      .filter((e) => e.event === 'job/progress' && (e.payload as { jobId: string }).jobId === id)
      .map((e) => (e.payload as { phase: string }).phase);
    expect(phases).toContain('check');

    const controller = new AbortController();
    const cancelled = t.raw(
      'rules/readSheet',
      { jobId: jobId(), file: t.fileIn(file) },
      controller.signal,
    );
    controller.abort();
    expect(await cancelled).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
  });
});

describe('rules on the command line', () => {
  it('evaluates a preset on an input file and prints the output as JSON', () => {
    const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'ensure-built.mjs')], {
      stdio: 'inherit',
    });
    expect(built.status).toBe(0);
    const input = path.join(t.dir, 'input.json');
    fs.writeFileSync(
      input,
      JSON.stringify({ records: [shishuoRecord('T1', 10), shishuoRecord('T2', 7)] }),
    );
    const dataDir = path.join(t.dir, 'cli-data');
    const env = { ...process.env, TRAINDESK_DB_KEY: TEST_KEY, TRAINDESK_PASSWORD: 'demo1234' };
    const demo = spawnSync(
      process.execPath,
      [
        path.join(root, 'out', 'main', 'cli.js'),
        'demo',
        'create',
        '--teachers',
        '100',
        '--data-dir',
        dataDir,
      ],
      { encoding: 'utf8', env },
    );
    expect(demo.status, demo.stderr).toBe(0);
    const run = spawnSync(
      process.execPath,
      [
        path.join(root, 'out', 'main', 'cli.js'),
        'rules',
        'evaluate',
        '--rule-set',
        'taizhou-shishuo-2023',
        '--input',
        input,
        '--now',
        '2023-09-01',
        '--json',
        '--data-dir',
        dataDir,
        '--user',
        'city',
      ],
      { encoding: 'utf8', env },
    );
    expect(run.status, run.stderr).toBe(0);
    const output = JSON.parse(run.stdout) as AssessmentOutput;
    expect(output.kind).toBe('assessment');
    expect(output.records.map((r) => r.isPassed)).toEqual([true, false]);

    const bad = spawnSync(
      process.execPath,
      [
        path.join(root, 'out', 'main', 'cli.js'),
        'rules',
        'evaluate',
        '--rule-set',
        'taizhou-shishuo-2023',
        '--input',
        path.join(t.dir, 'missing.json'),
        '--data-dir',
        dataDir,
        '--user',
        'city',
      ],
      { encoding: 'utf8', env },
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('读不到输入文件');
  }, 180_000);
});
