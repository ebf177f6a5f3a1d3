/**
 * The demo project's calendar and courses, by a province office (its organizer): the city sees
 * 修改期次日期 locked; the province edits batch 9's dates, a window closing on the opening day is
 * refused with the core's message naming the batch, a valid change saves; moving batch 1 (it has
 * enrollments) asks for a reason and saves with it. Then 导入课程 from an .xlsx written here: the
 * preview counts new, changed and rejected rows, the bad row is shown with its sheet row number and
 * column, the valid courses are merged into the grid and saved.
 */
import { loadExcelJs } from '../../electron/services/files/exceljs';
import { expect, test } from './fixtures';
import { type AppShellPage } from './pages/app-shell.page';
import { ChangePasswordScreen } from './pages/login.page';
import { ProjectsPage } from './pages/projects.page';

const DEMO = '示范省教师网络研修（演示）';

/**
 * The demo has no project office at the province (its 系统管理员 makes no training decisions), so
 * the administrator creates one, who logs in and sets an own password: the organizer's office.
 */
async function asProvinceOffice(app: AppShellPage): Promise<void> {
  await app.switchTo('admin');
  const operators = await app.operators();
  await operators.create({
    userName: 'sheng.xmb',
    displayName: '省项目办',
    roles: ['项目管理员'],
    unit: '示范省',
    password: 'Temp-2026a',
  });
  const login = await app.logout();
  await login.login('sheng.xmb', 'Temp-2026a');
  await new ChangePasswordScreen(app.page).change('Temp-2026a', 'Mine-2026b');
  await app.waitUntilReady();
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

test('the organizer edits batch dates: a refused window shows why, valid changes save', async ({
  app,
  page,
}) => {
  // The city is below the organizer: it may look, not edit.
  await app.open('projects');
  const projects = new ProjectsPage(page);
  await projects.openProject(DEMO);
  await expect(projects.drawer.getByTestId('batches-edit')).toBeDisabled();
  await projects.drawer.getByTestId('batches-edit-locked').hover();
  await expect(page.getByRole('tooltip')).toContainText('期次日期由主办单位（示范省）维护');
  await projects.closeDrawer();

  await asProvinceOffice(app);
  await app.open('projects');
  await projects.openProject(DEMO);
  const before = await projects.batches();
  expect(before).toHaveLength(9);
  const [, , startsOn9 = '', , , enrollUntil9 = ''] = before[8] ?? [];
  expect(startsOn9).toMatch(/^\d{4}-\d{2}-\d{2}$/);

  // The window of batch 9 closing on its opening day: refused, nothing saved.
  await projects.editBatches();
  await projects.setBatchDate(9, 'enrollUntil', startsOn9);
  await projects.saveBatches();
  await expect(projects.batchIssues()).toContainText(
    `第 9 期：报名须在开班（${startsOn9}）之前截止，现为 ${startsOn9}`,
  );
  await expect(projects.drawer.getByTestId('batches-table')).toHaveAttribute(
    'data-editing',
    'true',
  );
  await page.screenshot({ path: test.info().outputPath('batches-refused.png') });

  // Two days before the opening: saved, and the table shows it.
  const valid = addDays(startsOn9, -2);
  expect(valid).not.toBe(enrollUntil9);
  await projects.setBatchDate(9, 'enrollUntil', valid);
  await projects.saveBatches();
  await expect(page.getByText('已保存 1 期的日期')).toBeVisible();
  await expect(projects.drawer.getByTestId('batches-table')).toHaveAttribute(
    'data-editing',
    'false',
  );
  await expect.poll(async () => (await projects.batches())[8]?.[5]).toBe(valid);

  // Batch 1 has enrollments: the core asks for a reason, which is sent with the change.
  const endsOn1 = (await projects.batches())[0]?.[3] ?? '';
  const later = addDays(endsOn1, 1);
  await projects.editBatches();
  await projects.setBatchDate(1, 'endsOn', later);
  await projects.saveBatches();
  await expect(page.getByTestId('batches-reason')).toBeVisible();
  await expect(page.getByRole('dialog', { name: '填写修改原因' })).toContainText(
    '第 1 期已有报名，修改日期需要填写原因',
  );
  await page.getByTestId('batches-reason').fill('平台维护，本期顺延一天');
  await page.getByTestId('batches-reason-ok').click();
  await expect(page.getByRole('dialog', { name: '填写修改原因' })).toBeHidden();
  await expect(projects.drawer.getByTestId('batches-table')).toHaveAttribute(
    'data-editing',
    'false',
  );
  await expect.poll(async () => (await projects.batches())[0]?.[3]).toBe(later);
  await page.screenshot({ path: test.info().outputPath('batches-saved.png') });
});

test('courses from an .xlsx: previewed with the bad row, merged and saved', async ({
  app,
  page,
}, testInfo) => {
  await asProvinceOffice(app);
  await app.open('projects');
  const projects = new ProjectsPage(page);
  await projects.openProject(DEMO);
  await projects.pickBatch(9);
  const table = projects.drawer.getByTestId('courses-table');
  await expect(table.getByLabel('课程代码').first()).toBeVisible();
  const existing = await table.getByLabel('课程代码').first().inputValue();
  const countBefore = await table.getByLabel('课程代码').count();

  // Row 2: a new course; row 3: an existing code renamed; row 4: no name (refused).
  const file = testInfo.outputPath('课程.xlsx');
  const workbook = new (loadExcelJs().Workbook)();
  const sheet = workbook.addWorksheet('课程');
  sheet.addRow(['课程代码', '课程名称', '学段', '学科', '学时', '人数上限']);
  sheet.addRow(['E2E01', '小学数学单元整体教学设计', '小学', '数学', 24, 60]);
  sheet.addRow([existing, '学科教学能力提升（修订）', '小学', '', 30, null]);
  sheet.addRow(['E2E02', '', '初中', '语文', 12, null]);
  await workbook.xlsx.writeFile(file);

  const dialog = await projects.importCourses(file);
  await expect.poll(() => projects.figure('course-import-total')).toBe(3);
  expect(await projects.figure('course-import-new')).toBe(1);
  expect(await projects.figure('course-import-changed')).toBe(1);
  expect(await projects.figure('course-import-rejected')).toBe(1);
  const errors = dialog.getByTestId('course-import-errors');
  await expect(errors.locator('.ag-row[row-index="0"] .ag-cell[col-id="row"]')).toHaveText('4');
  await expect(errors.locator('.ag-row[row-index="0"] .ag-cell[col-id="column"]')).toHaveText(
    '课程名称',
  );
  await expect(errors).toContainText('课程名称不能为空');
  await page.screenshot({ path: testInfo.outputPath('course-import.png') });

  await dialog.getByTestId('course-import-merge').click();
  await expect(dialog).toBeHidden();
  await expect(table.getByLabel('课程代码')).toHaveCount(countBefore + 1);
  await expect(table.getByLabel('课程代码').last()).toHaveValue('E2E01');
  await expect(table.getByLabel('课程名称').first()).toHaveValue('学科教学能力提升（修订）');
  await projects.drawer.getByTestId('courses-save').click();
  await expect(page.getByText(`已保存 ${countBefore + 1} 门课程`)).toBeVisible();
  await expect(projects.drawer.getByTestId('courses-save')).toBeDisabled();
});
