/**
 * The project office adds a teacher by hand to a school (checked as an imported row: a wrong ID
 * number is explained at once), finds them in the grid, and deletes them again, which the log
 * keeps for the system administrator to read.
 */
import { buildIdNumber } from '@shared/domain/roster/id-number';
import { expect, test } from './fixtures';

test('adds a teacher to the chosen school and deletes them again', async ({ app, page }) => {
  const roster = await app.roster();
  // A school of the (deterministic) demo workspace.
  const schoolName = '示范市东湖区实验小学';
  await roster.selectUnit(schoolName);
  await expect(roster.grid).toHaveAttribute('data-state', 'ready');
  const before = Number(await roster.grid.getAttribute('data-total'));

  await page.getByTestId('roster-add-teacher').click();
  const drawer = page.getByTestId('teacher-drawer');
  await expect(drawer).toContainText('新增教师');
  const id = page.getByTestId('teacher-id-number');
  await id.fill('11010519491231002');
  await id.blur();
  await expect(drawer).toContainText('身份证号');
  await expect(drawer.locator('.ant-form-item-explain-error')).toBeVisible();
  await id.fill(buildIdNumber('390102', '1991-04-05', 31));
  await page.getByTestId('teacher-name').fill('钱 多 多');
  await page.getByTestId('teacher-stages').click();
  await page.locator('.ant-select-dropdown:visible').getByTitle('小学', { exact: true }).click();
  await page.keyboard.press('Escape');
  await page.getByTestId('teacher-save').click();
  await expect(drawer).toBeHidden();
  await roster.expectTotal(before + 1);

  await roster.search('钱多多');
  await roster.expectTotal(1);
  const form = await roster.openTeacher('钱多多');
  await expect(form).toBeVisible();
  await page.getByTestId('teacher-delete').click();
  // antd spaces out two-character button labels (删 除).
  await page
    .locator('.ant-popover:visible')
    .getByRole('button', { name: /删\s*除/ })
    .click();
  await expect(drawer).toBeHidden();
  await expect(page.getByTestId('roster-no-match')).toBeVisible();

  // The system administrator reads the log; their own logging in comes after the deletion.
  await app.switchTo('admin');
  const audit = await app.audit();
  const summaries = await audit.summaries();
  const deleted = summaries.findIndex((s) => s.includes('删除教师：钱多多'));
  const added = summaries.findIndex((s) => s.includes('新增教师：钱多多'));
  expect(deleted).toBeGreaterThanOrEqual(0);
  expect(added).toBeGreaterThan(deleted);
});
