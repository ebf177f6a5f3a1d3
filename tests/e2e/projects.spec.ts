/**
 * 培训项目 and 名额分配 end to end: as 示范市's project office, create a 2027 project from R1's
 * preset (its 9 batches come from the calendar; a second one with the same code is refused under
 * the field), enter the city's year quota, share it out with 按教师人数比例分配 and save, see a red
 * cell when a district is given more than the city holds, change saved seats with a reason, take
 * one county's unused seats back, see R1's coverage floor and drill into a district; then, as the
 * district, see its own sheet and its seats. Then a course for the first batch, and 报名 before its
 * window opens: every teacher is refused with the core's reason naming the window, and nothing can
 * be confirmed.
 */
import { expect, test } from './fixtures';
import { DEMO_PASSWORD } from './pages/login.page';
import { EnrollmentPage, pickOption, ProjectsPage, QuotasPage } from './pages/projects.page';

const R1 = '江苏省中小学（幼儿园）教师学科类在线学习（2023）';
const CODE = 'S20270701';

test('a project from R1, the city shares its seats, the district sees them', async ({
  app,
  page,
}) => {
  await app.open('projects');
  const projects = new ProjectsPage(page);
  // The demo workspace's project of the province is listed; the city adds its own beside it.
  const demo = await projects.rows();
  expect(demo).toHaveLength(1);
  expect(demo[0]?.[0]).toMatch(/^S\d{4}9001$/);
  expect(demo[0]?.[1]).toBe('示范省教师网络研修（演示）');

  // Before creating, the form shows the batches R1 generates for the year: those the project gets.
  const preview = await projects.create({
    code: CODE,
    name: '2027年暑期教师网络研修',
    ruleSet: R1,
  });
  expect(preview.summary).toContain('2027 年将生成 9 期');
  expect(preview.rows).toHaveLength(9);
  expect(preview.rows[0]?.slice(0, 2)).toEqual(['1', '2027-07-16 至 2027-08-04']);
  await expect(projects.drawer).toBeVisible();
  const batches = await projects.batches();
  expect(batches).toHaveLength(9);
  expect(batches[0]?.slice(0, 3)).toEqual(['1', '第 1 期', '2027-07-16']);
  await projects.closeDrawer();
  const listed = await projects.rows();
  expect(listed).toHaveLength(2);
  const row = listed.find((r) => r[0] === CODE);
  expect(row?.slice(0, 3)).toEqual([CODE, '2027年暑期教师网络研修', '2027']);
  expect(row?.join(' ')).toContain('9 期');
  expect(row?.[7]).toBe('2027-07-06');

  // The same code again: the core's refusal stands under 项目编号.
  await projects.create({ code: CODE, name: '重复的项目', ruleSet: R1 });
  await expect(projects.fieldError('项目编号')).toContainText('已被使用');
  await page.getByRole('button', { name: '取 消' }).click();

  // The city's year quota: its own row is editable as the organizer.
  await app.open('quotas');
  await pickOption(page, 'quota-project', CODE);
  const quotas = new QuotasPage(page);
  await expect(quotas.unitName()).toHaveText('示范市');
  await expect(page.getByTestId('quota-edit-note')).toHaveCount(0);
  for (let no = 1; no <= 9; no += 1) await quotas.setSeats(0, no, 100);
  await quotas.save();
  await expect.poll(() => quotas.figure('quota-sum-seats')).toBe(900);

  // Shared in proportion to the teachers, then saved.
  await quotas.propose();
  await expect(page.getByTestId('quota-changed')).toBeVisible();
  const proposed = await quotas.rows();
  const sum = proposed.find((r) => r.unit === 'Σ 下级合计');
  expect(Number(sum?.['batch-1'])).toBeGreaterThan(0);
  expect(Number(sum?.['batch-1'])).toBeLessThanOrEqual(100);
  await quotas.save();
  await expect.poll(() => quotas.figure('quota-sum-handed')).toBeGreaterThan(0);
  const saved = await quotas.rows();
  expect(Number(saved[1]?.['batch-1'])).toBeGreaterThan(0);

  // More than the city holds: red at once, and nothing can be saved.
  await quotas.setSeats(1, 1, 101);
  await expect(quotas.cell(1, 1)).toHaveClass(/quota-cell-over/);
  await expect(page.getByTestId('quota-over')).toContainText('第 1 期');
  await expect(page.getByTestId('quota-save')).toBeDisabled();
  await expect(quotas.cell(1, 2)).not.toHaveClass(/quota-cell-over/);
  await page.getByRole('button', { name: '放弃修改' }).click();
  await expect(quotas.cell(1, 1)).not.toHaveClass(/quota-cell-over/);

  // Changing seats already given asks for a reason, which the core requires.
  const before = Number(saved[1]?.['batch-2']);
  await quotas.setSeats(1, 2, before - 1);
  await quotas.save('根据区教育局来函调整');
  await expect(quotas.cell(1, 2)).toHaveText(String(before - 1));
  await expect(quotas.cell(1, 2)).not.toHaveClass(/quota-cell-edited/);

  // One district's unused seats of the last batch go back to the city, with a reason.
  const last = saved
    .filter((r) => r.unit?.startsWith('示范市') && r.unit !== '示范市（本单位名额）')
    .at(-1);
  const lastIndex = saved.indexOf(last ?? {});
  await quotas.reclaim('第 9 期', last?.unit ?? '', '该县本期不组织参训');
  await expect(page.getByText(`已从 1 个单位收回 ${last?.['batch-9'] ?? ''} 个名额`)).toBeVisible();
  await expect(quotas.cell(lastIndex, 9)).toHaveText('0');

  // R1's floor (each city ≥ 10 % of its teachers): 900 seats for 30,000 teachers is below it.
  await expect(page.getByTestId('coverage-below')).toContainText('示范市（3.0%）');

  // A district's row opens its own sheet (its schools), and the breadcrumb leads back.
  await quotas.grid.locator('.quota-unit-link').first().click();
  await expect(quotas.unitName()).toHaveText(saved[1]?.unit ?? '');
  await expect(page.getByTestId('quota-breadcrumb')).toContainText('本单位');
  await page.getByTestId('quota-breadcrumb').getByText('本单位').click();
  await expect(quotas.unitName()).toHaveText('示范市');

  // The district opens its own sheet and sees what the city gave it.
  const login = await app.logout();
  await login.login('district', DEMO_PASSWORD);
  await app.waitUntilReady();
  await app.open('quotas');
  await pickOption(page, 'quota-project', CODE);
  await expect(quotas.unitName()).toHaveText(/^示范市.+区$/);
  const districtName = (await quotas.unitName().textContent()) ?? '';
  const given = saved.find((r) => r.unit === districtName);
  expect(Number(given?.['batch-1'])).toBeGreaterThan(0);
  await expect.poll(() => quotas.figure('quota-sum-seats')).toBeGreaterThan(0);
  const own = await quotas.rows();
  for (let no = 1; no <= 9; no += 1) {
    expect(own[0]?.[`batch-${no}`], `第 ${no} 期`).toBe(given?.[`batch-${no}`]);
  }
  // A district office shares its seats among its schools; it does not set the year quota.
  await expect(page.getByTestId('quota-propose')).toBeVisible();
  await quotas.cell(0, 1).click();
  await expect(quotas.cell(0, 1).locator('input')).toHaveCount(0);
});

test('a course, and enrollment refused before the window opens, with its reason', async ({
  app,
  page,
}) => {
  await app.open('projects');
  const projects = new ProjectsPage(page);
  await projects.create({ code: CODE, name: '2027年暑期教师网络研修', ruleSet: R1 });
  await expect(projects.drawer).toBeVisible();
  await projects.drawer.getByTestId('batches-table').locator('.ant-table-row').first().click();
  await page.getByTestId('course-add').click();
  const course = page.getByTestId('courses-table').locator('.ant-table-tbody .ant-table-row');
  await course.getByLabel('课程代码').fill('K01');
  await course.getByLabel('课程名称').fill('小学语文课堂教学');
  await course.getByLabel('学时').fill('20');
  await page.getByTestId('courses-save').click();
  await expect(page.getByText('已保存 1 门课程')).toBeVisible();
  await expect(page.getByTestId('courses-save')).toBeDisabled();
  await projects.closeDrawer();

  await app.open('enrollment');
  await pickOption(page, 'enroll-project', CODE);
  const enrollment = new EnrollmentPage(page);
  await expect(page.getByTestId('enroll-window')).toContainText('2027-07-11 至 2027-07-15');
  await expect(page.getByTestId('enroll-window-note')).toContainText(
    '第 1 期的报名将于 2027-07-11 开始',
  );
  await expect(page.getByTestId('enrolled-table')).toContainText('本期还没有报名的教师');
  await enrollment.check(2);
  const results = await enrollment.results();
  expect(results).toHaveLength(2);
  for (const row of results) {
    expect(row[1]).toBe('不能报名');
    expect(row[2]).toContain('第 1 期的报名从 2027-07-11 开始（截至 2027-07-15），现在还不能报名');
  }
  await expect(page.getByTestId('enroll-summary')).toContainText('不能报名 2 人');
  await expect(page.getByTestId('enroll-confirm')).toBeDisabled();
});
