/**
 * The roster import end to end on a real encrypted database: preview, commit, idempotent re-import,
 * transfers, unknown schools, duplicates, the error workbook and exports.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RowError } from '@shared/api/common.schemas';
import { type OrgNode } from '@shared/api/org.contract';
import {
  type ImportCommitResult,
  type ImportPreview,
  type SavedFile,
  type TeacherRow,
} from '@shared/api/roster.contract';
import { makeRosterRows, writeRosterWorkbook } from '../../scripts/fixtures/roster-workbook';
import { verifyAuditChain } from '../../electron/db/audit-log';
import { integrityCheck } from '../../electron/db/open-database';
import { jobId, openTestCore, type TestCore } from '../support/core-harness';
import { ENGINES, sqliteOf } from '../support/engines';
import { type Engine } from '../../electron/db/database';
import { buildZip, inlineSheet, packageParts } from '../support/hostile-corpus';

const HEADERS = ['姓名', '身份证号', '性别', '学校', '学段', '学科', '职称', '手机号'];

let t: TestCore;
let schools: OrgNode[];
/** Set by the suites that run the preview's check on its own thread, as the app does. */
let rosterCheckEntry: string | undefined;
const BUILT_CHECK_WORKER = path.join(
  __dirname,
  '..',
  '..',
  'out',
  'main',
  'roster-check-worker.js',
);

/** Set by the suite that runs on PostgreSQL. */
let engine: Engine = 'sqlite';

beforeEach(async () => {
  t = await openTestCore({
    ...(rosterCheckEntry ? { rosterCheckEntry } : {}),
    engine,
    setup: { demo: 100 },
  });
  schools = (await t.call<{ nodes: OrgNode[] }>('org/tree')).nodes.filter(
    (n) => n.kind === 'school',
  );
});

afterEach(async () => {
  await t.close();
});

function schoolNames(count: number): string[] {
  return schools.slice(0, count).map((s) => s.name);
}

async function preview(file: string): Promise<ImportPreview> {
  return t.call<ImportPreview>('roster/importPreview', { jobId: jobId(), file: t.fileIn(file) });
}

async function commit(
  importId: string,
  extra: Record<string, unknown> = {},
): Promise<ImportCommitResult> {
  return t.call<ImportCommitResult>('roster/importCommit', { jobId: jobId(), importId, ...extra });
}

function teacherCount(): Promise<number> {
  return t.count('teacher');
}

async function snapshot(): Promise<string> {
  return JSON.stringify(await t.rows('SELECT * FROM teacher ORDER BY id_number'));
}

async function readSheet(file: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0];
  const rows: string[][] = [];
  sheet?.eachRow((row) => {
    const values = row.values as unknown[];
    rows.push(values.slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return rows;
}

describe.each([
  ['inline', undefined, 'sqlite'],
  ['with the check on its own thread', BUILT_CHECK_WORKER, 'sqlite'],
  ['on PostgreSQL', BUILT_CHECK_WORKER, 'postgres'],
] as const)('roster import (%s)', (_mode, entry, onEngine: Engine) => {
  beforeAll(() => {
    rosterCheckEntry = entry;
    engine = onEngine;
  });
  afterAll(() => {
    rosterCheckEntry = undefined;
    engine = 'sqlite';
  });

  it('imports 10,000 rows in one commit, then a re-import of the same file changes nothing', async () => {
    const file = path.join(t.dir, 'roster-10k.xlsx');
    await writeRosterWorkbook(file, makeRosterRows(10_000, 7, schoolNames(40)), {
      titleRow: '示范市教师花名册',
    });
    const before = await teacherCount();

    const first = await preview(file);
    expect(first).toMatchObject({
      total: 10_000,
      new: 10_000,
      updated: 0,
      unchanged: 0,
      errorRowCount: 0,
      headerRow: 2,
    });
    expect(await teacherCount()).toBe(before);
    const progress = t.events.filter((e) => e.event === 'job/progress');
    expect(progress.length).toBeGreaterThan(1);

    expect(await commit(first.importId)).toMatchObject({
      inserted: 10_000,
      updated: 0,
      skipped: 0,
    });
    expect(await teacherCount()).toBe(before + 10_000);
    // The staged teachers go right after the commit (not inside it: nobody waits for that).
    await expect.poll(() => t.count('teacher_stage')).toBe(0);
    const after = await snapshot();

    const again = await preview(file);
    expect(again).toMatchObject({
      total: 10_000,
      new: 0,
      updated: 0,
      unchanged: 10_000,
      errorRowCount: 0,
    });
    expect(await commit(again.importId)).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 10_000,
    });
    expect(await snapshot()).toBe(after);
    if (t.engine === 'sqlite') expect(integrityCheck(sqliteOf(t.core.db))).toBe('ok');
    expect((await verifyAuditChain(t.core.db)).isIntact).toBe(true);
  });

  it('refuses to commit the same preview twice', async () => {
    const file = path.join(t.dir, 'small.xlsx');
    await writeRosterWorkbook(file, makeRosterRows(5, 1, schoolNames(1)));
    const p = await preview(file);
    await commit(p.importId);
    const second = await t.raw('roster/importCommit', { jobId: jobId(), importId: p.importId });
    expect(second.ok ? null : second.error.code).toBe('CONFLICT');
  });

  it('reports row errors with sheet row numbers and column names, and exports them for fixing', async () => {
    const [good1, good2] = [...makeRosterRows(2, 3, schoolNames(1))];
    const rows = [
      good1,
      // Excel stored the ID as a number: only 15–16 significant digits survive.
      { ...good2, 身份证号: 320102198001011200 },
      { ...good1 }, // duplicate of the first row
      { ...good2, 身份证号: '11010519491231002X', 性别: '男' }, // valid ID, female, gender says male
      { ...good2, 身份证号: '110105194912310038', 性别: '男', 学校: '不存在的学校' },
    ];
    const file = path.join(t.dir, 'errors.xlsx');
    await writeRosterWorkbook(file, rows as Record<string, string | number | null>[], {
      headers: HEADERS,
    });
    const p = await preview(file);
    expect(p.total).toBe(5);
    expect(p.new).toBe(0);
    const byRow = new Map<number, string[]>();
    for (const e of p.errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e.code]);
    expect(byRow.get(3)).toContain('ID_STORED_AS_NUMBER');
    expect(byRow.get(2)).toContain('DUPLICATE_IN_FILE');
    expect(byRow.get(4)).toContain('DUPLICATE_IN_FILE');
    expect(byRow.get(5)).toContain('GENDER_MISMATCH');
    expect(byRow.get(6)).toContain('UNKNOWN_SCHOOL');
    const numeric = p.errors.find((e) => e.code === 'ID_STORED_AS_NUMBER');
    expect(numeric?.column).toBe('身份证号');
    expect(numeric?.message).toMatch(/文本/);
    expect(p.unknownSchools).toEqual([expect.objectContaining({ name: '不存在的学校', rows: 1 })]);

    const saved = await t.call<SavedFile>('roster/exportErrors', { importId: p.importId });
    const sheet = await readSheet(t.savedPath(saved));
    expect(sheet[0]).toEqual(['原行号', ...HEADERS, '错误原因']);
    expect(sheet).toHaveLength(1 + 5);
    expect(sheet[2]?.[1 + HEADERS.length]).toMatch(/身份证号/);
    // The first of two duplicate rows was accepted at first: its cells are written back all the same.
    expect(sheet[1]?.slice(1, 3)).toEqual([String(good1?.['姓名']), String(good1?.['身份证号'])]);
    // Its reason names the other row by its number in the original sheet, which 原行号 shows.
    const duplicateOf = /原表第 (\d+) 行/.exec(sheet[1]?.[1 + HEADERS.length] ?? '')?.[1];
    expect(sheet.slice(1).map((r) => r[0])).toContain(duplicateOf);
    expect(sheet.slice(1).every((r) => !/。；|；$|。$/.test(r[1 + HEADERS.length] ?? ''))).toBe(
      true,
    );

    const result = await commit(p.importId);
    expect(result).toMatchObject({ inserted: 0, skipped: 1 });
  });

  it('pages the errors of rows with several errors each, any page alike', async () => {
    const good = [...makeRosterRows(40, 13, schoolNames(1))];
    // Rows with 1, 2 and 3 errors in turn: bad name; + bad stage; + bad mobile.
    const rows = good.map((r, i) => ({
      ...r,
      姓名: '张三@',
      ...(i % 3 >= 1 ? { 学段: '大学' } : {}),
      ...(i % 3 === 2 ? { 手机号: '123' } : {}),
    }));
    const file = path.join(t.dir, 'many-errors.xlsx');
    await writeRosterWorkbook(file, rows, { headers: HEADERS });
    const p = await preview(file);
    expect(p.errorCount).toBe(40 + 26 + 13);
    const all = await t.call<{ errors: RowError[]; total: number }>('roster/importErrors', {
      importId: p.importId,
      limit: 5000,
    });
    expect(all.total).toBe(p.errorCount);
    expect(all.errors).toHaveLength(p.errorCount);
    for (const [offset, limit] of [
      [0, 1],
      [1, 2],
      [2, 5],
      [37, 11],
      [78, 10],
      [79, 3],
    ] as const) {
      const page = await t.call<{ errors: RowError[]; total: number }>('roster/importErrors', {
        importId: p.importId,
        offset,
        limit,
      });
      expect(page.errors).toEqual(all.errors.slice(offset, offset + limit));
    }
  });

  it('creates the unknown schools under a chosen district when the user confirms', async () => {
    const rows = [...makeRosterRows(3, 11, ['新建实验学校'])];
    const file = path.join(t.dir, 'new-school.xlsx');
    await writeRosterWorkbook(file, rows);
    const p = await preview(file);
    expect(p.unknownSchools).toEqual([expect.objectContaining({ name: '新建实验学校', rows: 3 })]);
    const district = (await t.call<{ nodes: OrgNode[] }>('org/tree')).nodes.find(
      (n) => n.kind === 'district',
    ) as OrgNode;
    const result = await commit(p.importId, {
      createSchools: { districtId: district.id, names: ['新建实验学校'] },
    });
    expect(result).toMatchObject({ inserted: 3, schoolsCreated: 1 });
    const tree = (await t.call<{ nodes: OrgNode[] }>('org/tree')).nodes;
    expect(tree.find((n) => n.name === '新建实验学校')).toMatchObject({
      parentId: district.id,
      teacherCount: 3,
    });
  });

  it('treats a teacher already in another school as a transfer that needs confirmation', async () => {
    const [a, b] = schoolNames(2) as [string, string];
    const rows = [...makeRosterRows(4, 21, [a])];
    const file = path.join(t.dir, 'first.xlsx');
    await writeRosterWorkbook(file, rows);
    await commit((await preview(file)).importId);

    const moved = rows.map((r, i) => (i === 0 ? { ...r, 学校: b } : r));
    const file2 = path.join(t.dir, 'moved.xlsx');
    await writeRosterWorkbook(file2, moved);
    const p = await preview(file2);
    expect(p.transfers).toEqual([expect.objectContaining({ row: 2, fromSchool: a, toSchool: b })]);
    expect(p.unchanged).toBe(3);
    expect(await commit(p.importId)).toMatchObject({ transferred: 0, skipped: 1 });
    const stillA = await t.call<{ rows: TeacherRow[] }>('roster/list', {
      search: String(rows[0]?.['姓名']),
    });
    expect(stillA.rows.some((r) => r.schoolName === a)).toBe(true);

    const p2 = await preview(file2);
    expect(await commit(p2.importId, { confirmTransfers: true })).toMatchObject({
      transferred: 1,
      skipped: 0,
    });
    const school = schools.find((s) => s.name === b) as OrgNode;
    const inB = await t.call<{ rows: TeacherRow[]; total: number }>('roster/list', {
      orgId: school.id,
      limit: 1000,
    });
    expect(inB.rows.map((r) => r.name)).toContain(rows[0]?.['姓名']);
  });

  it('drops a transfer whose ID number occurs twice, counting both rows as errors', async () => {
    const [a, b] = schoolNames(2) as [string, string];
    const rows = [...makeRosterRows(3, 23, [a])];
    const file = path.join(t.dir, 'before-move.xlsx');
    await writeRosterWorkbook(file, rows);
    await commit((await preview(file)).importId);

    const moved = { ...rows[0], 学校: b };
    const file2 = path.join(t.dir, 'moved-twice.xlsx');
    await writeRosterWorkbook(file2, [moved, rows[1], moved, rows[2]] as typeof rows);
    const p = await preview(file2);
    expect(p).toMatchObject({ total: 4, unchanged: 2, errorRowCount: 2, transfers: [] });
    expect(p.errors.map((e) => [e.row, e.code])).toEqual([
      [2, 'DUPLICATE_IN_FILE'],
      [4, 'DUPLICATE_IN_FILE'],
    ]);
    expect(await commit(p.importId)).toMatchObject({ transferred: 0, unchanged: 2 });
  });

  it('stops with a clear message when required columns are missing', async () => {
    const file = path.join(t.dir, 'missing.xlsx');
    await writeRosterWorkbook(file, [{ 姓名: '张三', 学校: '某校' }], {
      headers: ['姓名', '学校'],
    });
    const result = await t.raw('roster/importPreview', { jobId: jobId(), file: t.fileIn(file) });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('BAD_FILE');
      expect(result.error.message).toMatch(/身份证号/);
    }
  });

  it('skips a sheet without a relationship id with a note, and never imports a value hidden under a merge', async () => {
    const [first, second] = [...makeRosterRows(2, 77, schoolNames(1))];
    // 学科 (column F): 语文 in F2, merged over F3, where 数学 hides.
    const cells = (row: typeof first, subject: string): string[] =>
      HEADERS.map((h) => (h === '学科' ? subject : String(row?.[h] ?? '')));
    const rows = [HEADERS, cells(first, '语文'), cells(second, '数学')];
    const file = path.join(t.dir, 'notes-and-merges.xlsx');
    fs.writeFileSync(
      file,
      buildZip(
        packageParts({
          workbookEntry: 'xl/workbook.xml',
          sheets: [
            { name: '填表说明', entry: null },
            {
              name: '教师',
              entry: 'xl/worksheets/sheet1.xml',
              xml: inlineSheet(
                rows,
                '',
                '<mergeCells count="1"><mergeCell ref="F2:F3"/></mergeCells>',
              ),
            },
          ],
        }),
      ),
    );
    const checked = await preview(file);
    expect(checked.notes).toEqual([expect.stringContaining('“填表说明”')]);
    expect(checked).toMatchObject({ sheetName: '教师', total: 2, errorRowCount: 0 });
    await commit(checked.importId);
    const subjects = await t.rows<{ subject: string | null }>(
      'SELECT subject FROM teacher WHERE id_number IN (?, ?) ORDER BY id_number = ?',
      [first?.['身份证号'], second?.['身份证号'], second?.['身份证号']],
    );
    expect(subjects.map((r) => r.subject)).toEqual(['语文', null]);
  });

  it('can be cancelled while previewing, leaving nothing staged', async () => {
    const file = path.join(t.dir, 'cancel.xlsx');
    await writeRosterWorkbook(file, makeRosterRows(20_000, 5, schoolNames(10)));
    const controller = new AbortController();
    const pending = t.raw(
      'roster/importPreview',
      { jobId: jobId(), file: t.fileIn(file) },
      controller.signal,
    );
    setTimeout(() => controller.abort(), 50);
    const result = await pending;
    expect(result.ok ? null : result.error.code).toBe('CANCELLED');
    expect(await t.count('import_row')).toBe(0);
    expect(await t.count('teacher_stage')).toBe(0);
    expect(await t.count('import_session')).toBe(0);
  });
});

describe.each(ENGINES)('roster export on %s', (onEngine) => {
  beforeAll(() => {
    engine = onEngine;
  });
  afterAll(() => {
    engine = 'sqlite';
  });

  it('masks ID numbers by default; full numbers are an explicit choice; both are audited', async () => {
    const lastAudit = async (): Promise<{ action: string; summary: string; details: string }> => {
      const [row] = await t.rows<{ action: string; summary: string; details: string }>(
        'SELECT action, summary, details FROM audit_log ORDER BY seq DESC LIMIT 1',
      );
      if (!row) throw new Error('no audit entry');
      return row;
    };
    const masked = await t.call<SavedFile>('roster/export', { jobId: jobId() });
    expect(await lastAudit()).toMatchObject({ action: 'roster.export' });
    expect(JSON.parse((await lastAudit()).details)).toMatchObject({
      rows: 100,
      includeFullIdNumber: false,
    });
    expect(masked.rows).toBe(100);
    const sheet = await readSheet(t.savedPath(masked));
    expect(sheet[0]?.slice(0, 2)).toEqual(['姓名', '身份证号']);
    expect(sheet[1]?.[1]).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    const auditBefore = await t.count('audit_log');

    const full = await t.call<SavedFile>('roster/export', {
      jobId: jobId(),
      includeFullIdNumber: true,
      target: t.fileOut(path.join(t.dir, 'full.xlsx')),
    });
    const fullSheet = await readSheet(t.savedPath(full));
    expect(fullSheet[1]?.[1]).toMatch(/^\d{17}[\dX]$/);
    const audit = await lastAudit();
    expect(audit.action).toBe('roster.export');
    expect(audit.summary).toContain('含完整身份证号');
    expect(JSON.parse(audit.details)).toMatchObject({ rows: 100, includeFullIdNumber: true });
    expect(await t.count('audit_log')).toBe(auditBefore + 1);
    expect(fs.readdirSync(t.dir).some((f) => f.includes('.partial-'))).toBe(false);
  });

  it('says in Chinese why a chosen place cannot be written, and leaves nothing behind', async () => {
    const result = await t.raw('roster/export', {
      jobId: jobId(),
      target: t.fileOut(path.join(t.dir, '不存在的文件夹', '花名册.xlsx')),
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_FILE' } });
    if (!result.ok) expect(result.error.message).toContain('所选文件夹不存在');
    expect(
      fs.existsSync(path.join(t.dir, 'files')) ? fs.readdirSync(path.join(t.dir, 'files')) : [],
    ).toEqual([]);
  });

  it('neutralises text that would start a formula', async () => {
    const [row] = [...makeRosterRows(1, 9, schoolNames(1))];
    const file = path.join(t.dir, 'formula.xlsx');
    await writeRosterWorkbook(file, [
      { ...row, 学科: '=HYPERLINK("http://x","点我")' } as Record<string, string | number | null>,
    ]);
    const p = await preview(file);
    expect(p.errorRowCount).toBe(0);
    await commit(p.importId);
    const saved = await t.call<SavedFile>('roster/export', {
      jobId: jobId(),
      search: String(row?.['姓名']),
    });
    const sheet = await readSheet(t.savedPath(saved));
    const subjectCol = sheet[0]?.indexOf('学科') ?? -1;
    expect(sheet.slice(1).some((r) => r[subjectCol]?.startsWith("'="))).toBe(true);
  });
});

describe.each(ENGINES)('abandoned previews on %s', (onEngine) => {
  it('expire after two hours: their staged rows are dropped and they cannot be committed', async () => {
    let now = Date.parse('2026-11-22T02:00:00.000Z');
    const clock = await openTestCore({
      now: () => new Date(now).toISOString(),
      engine: onEngine,
      setup: { demo: 100 },
    });
    try {
      const names = (await clock.call<{ nodes: OrgNode[] }>('org/tree')).nodes
        .filter((n) => n.kind === 'school')
        .map((n) => n.name);
      const file = path.join(clock.dir, 'old.xlsx');
      await writeRosterWorkbook(file, makeRosterRows(20, 31, names.slice(0, 2)));
      const old = await clock.call<ImportPreview>('roster/importPreview', {
        jobId: jobId(),
        file: clock.fileIn(file),
      });
      now += 3 * 3600_000;
      // Three idle hours lock the session: the user types the password again.
      expect((await clock.raw('org/tree')).ok ? 'OK' : 'LOCKED').toBe('LOCKED');
      await clock.call('auth/unlock', { password: 'demo1234' });
      await clock.call<ImportPreview>('roster/importPreview', {
        jobId: jobId(),
        file: clock.fileIn(file),
      });
      const staged = await clock.rows<{ n: number | string }>(
        'SELECT count(DISTINCT session_id) AS n FROM teacher_stage',
      );
      expect(Number(staged[0]?.n)).toBe(1);
      expect(await clock.count('import_row', `session_id = '${old.importId}'`)).toBe(0);
      const late = await clock.raw('roster/importCommit', {
        jobId: jobId(),
        importId: old.importId,
      });
      expect(late.ok ? null : late.error.code).toBe('NOT_FOUND');
    } finally {
      await clock.close();
    }
  });
});
