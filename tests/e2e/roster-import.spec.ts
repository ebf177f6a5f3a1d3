/**
 * The roster import through the real UI, as the project office of 示范市 (demo workspace), into a
 * district of its own made for the test: a workbook with a title row, valid rows, invalid rows and
 * rows of a school that does not exist yet; the preview figures, every error in the review grid,
 * the error workbook read back, the new school confirmed, the teachers in the grid and the tree,
 * an edit, an idempotent re-import, and a confirmed transfer. An error toast about an earlier file
 * is gone once the next file is checked. The import template (导入模板) is offered and recognised.
 */
import fs from 'node:fs';
import {
  makeRosterRows,
  writeRosterWorkbook,
  type RosterRow,
} from '../../scripts/fixtures/roster-workbook';
import { expect, test } from './fixtures';
import { readSheet } from './xlsx';

const SCHOOL = 'E2E第一中学';
const NEW_SCHOOL = 'E2E新建小学';
const MASKED_ID = /^\d{6}\*{8}\d{3}[\dX]$/;

type SheetRow = RosterRow;

/** The same number with a different (hence wrong) check character. */
function breakCheckDigit(id: string): string {
  const last = id.slice(-1);
  const replacement = last === 'X' ? '0' : last === '9' ? 'X' : String(Number(last) + 1);
  return id.slice(0, 17) + replacement;
}

test('imports a workbook through the wizard and shows its teachers and errors', async ({
  app,
  page,
}, testInfo) => {
  expect(page.url(), 'the access token is removed from the address bar').not.toContain('token=');

  // The org units the roster refers to, created through the UI under the city.
  const org = await app.org();
  await org.select('示范市');
  await org.createChild('E2E区');
  await org.createChild(SCHOOL);
  await expect(org.treeNode(SCHOOL)).toBeVisible();

  const good: SheetRow[] = [...makeRosterRows(12, 7, [SCHOOL, NEW_SCHOOL])];
  const inNewSchool = good.filter((r) => r['学校'] === NEW_SCHOOL).length;
  const inSchool = good.length - inNewSchool;
  expect(inNewSchool).toBeGreaterThan(0);
  expect(inSchool).toBeGreaterThan(0);
  const [badCheck, storedAsNumber, noName] = [...makeRosterRows(3, 8, [SCHOOL])];
  if (!badCheck || !storedAsNumber || !noName) throw new Error('fixture rows missing');
  const brokenId = breakCheckDigit(String(badCheck['身份证号']));
  const rows: SheetRow[] = [
    ...good,
    { ...badCheck, 身份证号: brokenId },
    { ...storedAsNumber, 身份证号: 320102198001011200 },
    { ...noName, 姓名: '' },
  ];
  const file = testInfo.outputPath('E2E花名册.xlsx');
  await writeRosterWorkbook(file, rows, { titleRow: `${SCHOOL}教师花名册` });
  // Sheet rows: title on 1, header on 2, data from 3.
  const firstBadRow = 3 + good.length;

  // The new district has no teachers yet: the roster says so for it.
  const roster = await app.roster();
  await roster.selectUnit('E2E区');
  await expect(page.getByTestId('roster-no-match')).toBeVisible();
  const wizard = await roster.openImport();
  await wizard.chooseFile(file);
  await expect(page.getByTestId('import-file-line')).toContainText('表头在第 2 行');
  expect(await wizard.stat('total')).toBe(rows.length);
  expect(await wizard.stat('new')).toBe(inSchool);
  expect(await wizard.stat('updated')).toBe(0);
  expect(await wizard.stat('unchanged')).toBe(0);
  expect(await wizard.stat('errors')).toBe(3 + inNewSchool);

  // Every error in the review grid, with the sheet's own row numbers and column names.
  const errors = await wizard.errorRows(3 + inNewSchool);
  const byRow = (row: number) => errors.filter((e) => e.row === String(row));
  expect(byRow(firstBadRow)).toEqual([
    expect.objectContaining({ column: '身份证号', message: expect.stringMatching(/校验位/) }),
  ]);
  expect(byRow(firstBadRow + 1)).toEqual([
    expect.objectContaining({
      column: '身份证号',
      message: expect.stringMatching(/存成了数值.*文本/),
    }),
  ]);
  expect(byRow(firstBadRow + 2)).toEqual([
    expect.objectContaining({ column: '姓名', message: expect.stringMatching(/姓名为空/) }),
  ]);
  expect(errors.filter((e) => e.message?.includes(`找不到学校「${NEW_SCHOOL}」`))).toHaveLength(
    inNewSchool,
  );

  // The rejected rows as a workbook: original columns plus 错误原因.
  const errorFile = await wizard.downloadErrors(testInfo.outputPath('downloads'));
  const errorSheet = await readSheet(errorFile);
  expect(errorSheet.header).toEqual(
    expect.arrayContaining(['姓名', '身份证号', '学校', '学段', '错误原因']),
  );
  expect(errorSheet.header.at(-1)).toBe('错误原因');
  // 原行号 first: the reasons refer to rows of the original sheet.
  expect(errorSheet.header[0]).toBe('原行号');
  expect(errorSheet.rows.map((r) => Number(r['原行号']))).toContain(firstBadRow);
  expect(errorSheet.rows).toHaveLength(3 + inNewSchool);
  const checkRow = errorSheet.rows.find((r) => r['错误原因']?.includes('校验位'));
  expect(checkRow?.['身份证号']).toBe(brokenId);
  expect(checkRow?.['姓名']).toBe(String(badCheck['姓名']));
  expect(errorSheet.rows.filter((r) => r['学校'] === NEW_SCHOOL)).toHaveLength(inNewSchool);

  // Create the unknown school under the district, then commit.
  await wizard.createUnknownSchoolsUnder('示范市 / E2E区');
  await wizard.commit();
  expect(await wizard.doneStat('inserted')).toBe(good.length);
  expect(await wizard.doneStat('schools')).toBe(1);
  expect(await wizard.doneStat('skipped')).toBe(0);
  // The three rows with errors were left out: the summary says so, warns, and offers them again.
  expect(await wizard.doneStat('rejected')).toBe(3);
  const done = page.getByTestId('import-done');
  await expect(done).toHaveClass(/ant-result-warning/);
  await expect(done).toContainText('有 3 行没有导入');
  await expect(page.getByTestId('import-done-download-errors')).toBeVisible();
  await wizard.close();

  // The grid and the tree show the imported teachers.
  await roster.expectTotal(good.length);
  await expect(roster.treeNode('E2E区')).toHaveAttribute('data-count', String(good.length));
  await roster.selectUnit(NEW_SCHOOL);
  await roster.expectTotal(inNewSchool);
  await roster.selectUnit('E2E区');
  await roster.expectTotal(good.length);

  const first = good[0] as SheetRow;
  const firstId = String(first['身份证号']);
  await roster.search(firstId.slice(-8));
  await roster.expectTotal(1);
  const [found] = await roster.rows();
  expect(found?.name).toBe(String(first['姓名']));
  expect(found?.idNumberMasked).toMatch(MASKED_ID);
  expect(found?.idNumberMasked).toBe(`${firstId.slice(0, 6)}********${firstId.slice(-4)}`);

  // Edit through the drawer; the grid shows the change.
  const form = await roster.openTeacher(String(first['姓名']));
  await form.getByLabel('学科').fill('E2E学科');
  await page.getByTestId('teacher-save').click();
  await expect(form).toBeHidden();
  await expect.poll(async () => (await roster.rows())[0]?.subject).toBe('E2E学科');

  // Re-importing the same file changes nothing except undoing our edit.
  const again = await roster.openImport();
  await again.chooseFile(file);
  expect(await again.stat('new')).toBe(0);
  expect(await again.stat('updated')).toBe(1);
  expect(await again.stat('unchanged')).toBe(good.length - 1);
  expect(await again.stat('errors')).toBe(3);
  await again.close();

  // A teacher already on another school's roster is a transfer, committed only when confirmed.
  const moved = good.find((r) => r['学校'] === SCHOOL) as SheetRow;
  const transferFile = testInfo.outputPath('调动.xlsx');
  await writeRosterWorkbook(transferFile, [{ ...moved, 学校: NEW_SCHOOL }]);
  const transfer = await roster.openImport();
  await transfer.chooseFile(transferFile);
  await transfer.openTab(/调动/);
  await expect(page.getByTestId('import-transfers')).toContainText(`${SCHOOL}`);
  await transfer.confirmTransfers();
  await transfer.commit();
  expect(await transfer.doneStat('transferred')).toBe(1);
  await transfer.close();
  await expect(roster.treeNode(NEW_SCHOOL)).toHaveAttribute('data-count', String(inNewSchool + 1));
});

test('shows the progress of a long preview and cancels it', async ({ app, page }, testInfo) => {
  const file = testInfo.outputPath('大花名册.xlsx');
  await writeRosterWorkbook(file, makeRosterRows(40_000, 3, ['E2E某校']));

  const roster = await app.roster();
  const wizard = await roster.openImport();
  await wizard.root.locator('input[type="file"]').setInputFiles(file);
  // Progress events arrive over the event stream while the core reads the file.
  await expect(page.getByTestId('import-progress-message')).toContainText(/\d+\s*行/, {
    timeout: 60_000,
  });
  await page.getByTestId('import-progress-cancel').click();
  await expect(wizard.root).toHaveAttribute('data-step', 'file');
  await expect(page.locator('.ant-message')).toContainText('取消');
  await expect(wizard.preview).toHaveCount(0);
});

test('an error about an earlier file does not stay over the next file’s steps', async ({
  app,
  page,
}, testInfo) => {
  const org = await app.org();
  await org.select('示范市');
  await org.createChild('E2E区');
  await org.createChild(SCHOOL);
  const file = testInfo.outputPath('花名册.xlsx');
  await writeRosterWorkbook(file, [...makeRosterRows(3, 11, [SCHOOL])]);
  const oldFormat = testInfo.outputPath('旧版花名册.xls');
  fs.writeFileSync(oldFormat, 'not a workbook');

  const roster = await app.roster();
  const wizard = await roster.openImport();
  const notices = page.locator('.ant-notification-notice');
  await wizard.root.locator('input[type="file"]').setInputFiles(oldFormat);
  await expect(notices).toContainText('旧版花名册.xls');
  // The pointer rests on it, which pauses its own timer: only the app can take it away now.
  await notices.first().hover();

  await wizard.chooseFile(file);
  expect(await wizard.stat('total')).toBe(3);
  await expect(notices).toHaveCount(0);
});

test('the import template is offered, has the recognised headers and re-imports cleanly', async ({
  app,
  page,
}, testInfo) => {
  const roster = await app.roster();
  const wizard = await roster.openImport();
  const file = await wizard.downloadTemplate(testInfo.outputPath('downloads'));
  expect(file.endsWith('.xlsx')).toBe(true);
  const sheet = await readSheet(file);
  expect(sheet.header).toEqual([
    '姓名',
    '身份证号',
    '性别',
    '学校',
    '学段',
    '学科',
    '职称',
    '手机号码',
    '在职状态',
  ]);
  expect(sheet.rows).toHaveLength(1);
  expect(sheet.isTextColumn('身份证号')).toBe(true);
  expect(sheet.rows[0]?.['身份证号']).toMatch(/^\d{17}[\dX]$/);

  // Importing the template as it is: every column recognised, the sample row refused.
  await wizard.chooseFile(file);
  expect(await wizard.stat('total')).toBe(1);
  expect(await wizard.stat('new')).toBe(0);
  await expect(page.getByTestId('import-unknown-columns')).toHaveCount(0);
  const [error] = await wizard.errorRows(1);
  expect(error?.message).toContain('找不到学校');
});
