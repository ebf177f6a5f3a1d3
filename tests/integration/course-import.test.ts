/**
 * Courses from an .xlsx, on both engines: headers under a title line, each bad row with its sheet
 * row number and column, the good rows marked new / changed / unchanged against the batch's grid,
 * nothing saved until `projects/saveCourses`.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProjectRow } from '@shared/api/projects.contract';
import { openTestCore, type TestCore } from '../support/core-harness';
import { ENGINES } from '../support/engines';

describe.each(ENGINES)('course import on %s', (engine) => {
  let t: TestCore;
  let batchId: string;

  beforeAll(async () => {
    t = await openTestCore({ engine, now: () => '2027-06-01T02:00:00.000Z' });
    const project = await t.call<ProjectRow>('projects/create', {
      code: 'S20279999',
      name: '课程导入测试',
      year: 2027,
      ruleSetId: 'jiangsu-online-2023',
      stages: ['小学', '初中'],
    });
    batchId = project.batches[0]?.id ?? '';
    await t.call('projects/saveCourses', {
      batchId,
      courses: [
        { code: 'XX01', name: '小学数学', stage: '小学', hours: 30 },
        { code: 'CZ01', name: '初中语文', stage: '初中', hours: 30 },
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  it('checks every row with its sheet row number, and saves nothing', async () => {
    const file = path.join(t.dir, 'courses.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('课程');
    sheet.addRow(['第 1 期课程表']);
    sheet.addRow(['课程代码', '课程名称', '学段', '学科', '学时', '人数上限']);
    sheet.addRow(['XX01', '小学数学', '小学', '', 30, '']);
    sheet.addRow(['CZ01', '初中语文（新版）', '初中', '语文', 40, 200]);
    sheet.addRow(['GZ01', '高中物理', '高中', '物理', 30, '']);
    sheet.addRow(['GZ01', '高中化学', '高中', '化学', 30, '']);
    sheet.addRow(['', '没有代码', '大学', '', '三十', '-5']);
    await workbook.xlsx.writeFile(file);
    const preview = await t.call<{
      total: number;
      courses: { code: string; name: string; capacity: number | null; hours: number }[];
      rows: { row: number; code: string; status: string }[];
      errors: { row: number; column: string; code: string; message: string }[];
    }>('projects/coursesImportPreview', {
      jobId: `courses-${engine}`,
      batchId,
      file: t.fileIn(file),
    });
    expect(preview.total).toBe(5);
    expect(preview.rows.map((r) => [r.row, r.status])).toEqual([
      [3, 'unchanged'],
      [4, 'changed'],
      [5, 'new'],
      [6, 'rejected'],
      [7, 'rejected'],
    ]);
    expect(preview.courses.map((c) => c.code)).toEqual(['XX01', 'CZ01', 'GZ01']);
    expect(preview.courses[1]).toMatchObject({
      name: '初中语文（新版）',
      hours: 40,
      capacity: 200,
    });
    const at = (row: number) => preview.errors.filter((e) => e.row === row);
    expect(at(6).map((e) => [e.column, e.code])).toEqual([['课程代码', 'DUPLICATE']]);
    expect(at(6)[0]?.message).toBe('课程代码与第 5 行重复');
    expect(at(7).map((e) => [e.column, e.code])).toEqual([
      ['课程代码', 'REQUIRED'],
      ['学段', 'STAGE_UNKNOWN'],
      ['学时', 'NOT_NUMBER'],
      ['人数上限', 'NOT_NUMBER'],
    ]);
    expect(at(7)[1]?.message).toContain('不是「大学」');
    // Nothing saved: the batch still has its two courses as they were.
    const saved = await t.call<{ rows: { code: string; name: string }[] }>('projects/courses', {
      batchId,
    });
    expect(saved.rows.map((c) => `${c.code} ${c.name}`)).toEqual([
      'CZ01 初中语文',
      'XX01 小学数学',
    ]);
  });

  it('says which columns are missing from a file that is not a course list', async () => {
    const file = path.join(t.dir, 'not-courses.xlsx');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('名单').addRow(['课程代码', '课程名称', '备注']);
    await workbook.xlsx.writeFile(file);
    await expect(
      t.call('projects/coursesImportPreview', {
        jobId: `courses-${engine}-bad`,
        batchId,
        file: t.fileIn(file),
      }),
    ).rejects.toThrow(/找不到「学段」列/);
  });
});
