/**
 * The import template and the round trip of the app's own export: the template carries exactly
 * the headers the import recognises, a sample row, and text-formatted ID and mobile columns; a
 * filled-in template and a re-imported export preview without "unrecognised column" warnings.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OrgNode } from '@shared/api/org.contract';
import { type ImportPreview, type SavedFile } from '@shared/api/roster.contract';
import { TEACHER_FIELDS } from '@shared/domain/roster/header-match';
import { checkIdNumber } from '@shared/domain/roster/id-number';
import { jobId, openTestCore, type TestCore } from '../support/core-harness';

let t: TestCore;
let school: OrgNode;

beforeAll(async () => {
  t = await openTestCore({ setup: { demo: 100 } });
  const nodes = (await t.call<{ nodes: OrgNode[] }>('org/tree')).nodes;
  const found = nodes.find((n) => n.kind === 'school' && n.teacherCount > 0);
  if (!found) throw new Error('the demo has no school with teachers');
  school = found;
});
afterAll(async () => {
  await t.close();
});

async function readBook(file: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return book;
}

describe('roster/template', () => {
  it('has the recognised headers, a valid sample row and text ID / mobile columns', async () => {
    const saved = await t.call<SavedFile>('roster/template', {
      target: t.fileOut(path.join(t.dir, '模板.xlsx')),
    });
    expect(saved.fileName).toBe('模板.xlsx');
    const sheet = (await readBook(t.savedPath(saved))).worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(TEACHER_FIELDS.map((spec) => spec.label));
    const idColumn = header.indexOf('身份证号') + 1;
    const mobileColumn = header.indexOf('手机号码') + 1;
    const sampleId = sheet.getRow(2).getCell(idColumn).value;
    expect(typeof sampleId).toBe('string');
    expect(checkIdNumber(String(sampleId)).ok).toBe(true);
    // The format is on the column, so rows the office adds are text too.
    expect(sheet.getColumn(idColumn).numFmt).toBe('@');
    expect(sheet.getColumn(mobileColumn).numFmt).toBe('@');
    expect(sheet.getRow(2).getCell(idColumn).numFmt).toBe('@');
  });

  it('previews without unknown columns; the sample row is refused, never imported', async () => {
    const saved = await t.call<SavedFile>('roster/template', {
      target: t.fileOut(path.join(t.dir, '模板-预览.xlsx')),
    });
    const preview = await t.call<ImportPreview>('roster/importPreview', {
      jobId: jobId(),
      file: t.fileIn(t.savedPath(saved)),
    });
    expect(preview.unknownColumns).toEqual([]);
    expect(preview.total).toBe(1);
    expect(preview.new).toBe(0);
    expect(preview.errors[0]?.message).toMatch(/找不到学校/);
  });

  it("previews the app's own export without unrecognised columns", async () => {
    const exported = await t.call<SavedFile>('roster/export', {
      jobId: jobId(),
      orgId: school.id,
      includeFullIdNumber: true,
      target: t.fileOut(path.join(t.dir, '导出.xlsx')),
    });
    const preview = await t.call<ImportPreview>('roster/importPreview', {
      jobId: jobId(),
      file: t.fileIn(t.savedPath(exported)),
    });
    expect(preview.unknownColumns).toEqual([]);
    expect(preview.total).toBe(school.teacherCount);
    expect(preview.errorCount).toBe(0);
    expect(preview.unchanged).toBe(school.teacherCount);
  });
});
