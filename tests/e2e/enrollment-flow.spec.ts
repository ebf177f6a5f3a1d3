/**
 * The demo project under way, each step by its own demo operator, as the offices work:
 * - the district (`district`) takes one seat of batch 9 back from one of its schools, with a reason;
 * - the city (`city`) re-splits batch 9 among its districts (that district one seat less, another one
 *   more), with a reason;
 * - the school (`school`) enrolls free teachers on the second open batch (its seats left go down),
 *   swaps one of them for another teacher (换人), withdraws an enrollment of the first open batch
 *   and sees the first waiting teacher promoted, and exports 报名名单 (the file arrives, with the
 *   promoted teacher in it).
 * And 批量报名 of a file whose rows are all refused: the reasons per sheet row, and 下载错误行.
 */
import { type Page } from '@playwright/test';
import { loadExcelJs } from '../../electron/services/files/exceljs';
import { expect, test } from './fixtures';
import { type GridRow } from './pages/grid';
import { EnrollmentPage, pickOption, QuotasPage } from './pages/projects.page';
import { readSheet } from './xlsx';

const isChildRow = (r: GridRow): boolean =>
  !!r.unit &&
  !r.unit.includes('（本单位名额）') &&
  r.unit !== 'Σ 下级合计' &&
  r.unit !== '尚未下发';

/** The open batches' numbers, in order: those whose window note is absent. */
async function openBatches(page: Page): Promise<number[]> {
  const open: number[] = [];
  for (let no = 1; no <= 9; no += 1) {
    await pickOption(page, 'enroll-batch', `第 ${no} 期`);
    await expect(page.getByTestId('enroll-window')).toBeVisible();
    if ((await page.getByTestId('enroll-window-note').count()) === 0) open.push(no);
  }
  return open;
}

test('district, city and school work the demo project: seats, enrollment, swap, withdrawal, list', async ({
  app,
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const quotas = new QuotasPage(page);

  // The district frees one seat of batch 9 (not open yet) from its school with the most seats.
  await app.switchTo('district');
  await app.open('quotas');
  const districtName = (await quotas.unitName().textContent()) ?? '';
  expect(districtName).toMatch(/^示范市.+区$/);
  const schools = await quotas.rows();
  const children = schools.map((r, i) => ({ r, i })).filter(({ r }) => isChildRow(r));
  const richest = children.reduce((a, b) =>
    Number(b.r['batch-9']) > Number(a.r['batch-9']) ? b : a,
  );
  const schoolSeats = Number(richest.r['batch-9']);
  expect(schoolSeats).toBeGreaterThan(0);
  const remainingBefore = await quotas.figure('quota-sum-remaining');
  await quotas.setSeats(richest.i, 9, schoolSeats - 1);
  await quotas.save('该校本期有教师外出支教，少报一人');
  await expect(quotas.cell(richest.i, 9)).toHaveText(String(schoolSeats - 1));
  await expect.poll(() => quotas.figure('quota-sum-remaining')).toBe(remainingBefore + 1);

  // The city moves that seat of batch 9 from the district to another one.
  await app.switchTo('city');
  await app.open('quotas');
  await expect(quotas.unitName()).toHaveText('示范市');
  const districts = await quotas.rows();
  const from = districts.findIndex((r) => r.unit === districtName);
  const to = districts.findIndex((r, i) => i !== from && isChildRow(r));
  expect(from).toBeGreaterThan(0);
  expect(to).toBeGreaterThan(0);
  const fromSeats = Number(districts[from]?.['batch-9']);
  const toSeats = Number(districts[to]?.['batch-9']);
  const handedBefore = await quotas.figure('quota-sum-handed');
  await quotas.setSeats(from, 9, fromSeats - 1);
  await quotas.setSeats(to, 9, toSeats + 1);
  await quotas.save('按各区参训计划调整第 9 期名额');
  await expect(quotas.cell(from, 9)).toHaveText(String(fromSeats - 1));
  await expect(quotas.cell(to, 9)).toHaveText(String(toSeats + 1));
  await expect(quotas.cell(from, 9)).not.toHaveClass(/quota-cell-edited/);
  expect(await quotas.figure('quota-sum-handed')).toBe(handedBefore);

  // The school: two batches take enrollments today.
  await app.switchTo('school');
  await app.open('enrollment');
  const enrollment = new EnrollmentPage(page);
  const open = await openBatches(page);
  expect(open.length).toBeGreaterThanOrEqual(2);
  const [firstOpen = 0, secondOpen = 0] = open;

  // Second open batch: free teachers of one stage, checked, and the accepted ones enrolled.
  await pickOption(page, 'enroll-batch', `第 ${secondOpen} 期`);
  await expect(page.getByTestId('enroll-window-note')).toHaveCount(0);
  const seatsLeft = await enrollment.figure('enroll-remaining');
  expect(seatsLeft).toBeGreaterThan(0);
  await page.getByTestId('enroll-open').click();
  const picker = page.getByTestId('picker-table');
  const firstRow = picker.locator('.ant-table-tbody .ant-table-row').first();
  await expect(firstRow).toBeVisible();
  const stage = ((await firstRow.locator('td').nth(4).textContent()) ?? '').split('、')[0] ?? '';
  expect(stage).not.toBe('');
  await pickOption(page, 'picker-stage', stage);
  await pickOption(page, 'enroll-course', `（${stage}）`);
  await expect(picker.locator('.ant-spin-spinning')).toHaveCount(0);
  await picker.locator('thead .ant-checkbox-input').check();
  await expect(page.getByTestId('picker-selected')).toHaveText(/已选 \d+ 人/);
  await page.getByTestId('enroll-check').click();
  await expect(page.getByTestId('enroll-results')).toBeVisible();
  expect((await enrollment.results()).length).toBeGreaterThan(1);
  await page.getByTestId('enroll-confirm').click();
  // The saved results: a row whose result is exactly 已报名 (a refusal's reason may say
  // 已报名本项目的其他批次 while the check's results are still shown).
  await expect(
    page.getByTestId('enroll-results').getByText('已报名', { exact: true }).first(),
  ).toBeVisible();
  // What the core saved: the accepted teachers, and those refused only for want of seats.
  const results = await enrollment.results();
  const accepted = results.filter((r) => r[1] === '已报名').map((r) => r[0] ?? '');
  const waitable = results
    .filter((r) => r[1] === '不能报名' && (r.at(-1) ?? '').includes('加入候补'))
    .map((r) => r[0] ?? '');
  expect(accepted.length).toBeGreaterThan(0);
  expect(accepted.length).toBeLessThanOrEqual(seatsLeft);
  expect(waitable.length).toBeGreaterThan(0);
  await expect(page.getByTestId('enroll-summary')).toContainText(`可以报名 ${accepted.length} 人`);
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /确\s?定/ })
    .click();
  await expect.poll(() => enrollment.figure('enroll-remaining')).toBe(seatsLeft - accepted.length);
  const enrolledNow = (await enrollment.listed('enrolled')).map((r) => r[1]);
  for (const name of accepted) expect(enrolledNow).toContain(name);

  // 换人: the first of them gives the seat to a teacher who could only wait.
  const [leaving = ''] = accepted;
  const [joining = ''] = waitable;
  await enrollment.rowAction(leaving, '换人');
  const swap = page.getByRole('dialog');
  const search = swap.getByPlaceholder('姓名或身份证号后四位');
  await search.fill(joining);
  await search.press('Enter');
  const joiningRow = swap
    .getByTestId('picker-table')
    .locator('.ant-table-tbody .ant-table-row')
    .filter({ hasText: joining })
    .first();
  await joiningRow.locator('.ant-radio-input').check();
  await page.getByTestId('swap-ok').click();
  await expect(page.getByText(`已换为${joining}`)).toBeVisible();
  await expect(swap).toBeHidden();
  await expect
    .poll(async () => (await enrollment.listed('enrolled')).map((r) => r[1]))
    .toContain(joining);
  expect((await enrollment.listed('enrolled')).map((r) => r[1])).not.toContain(leaving);
  expect(await enrollment.figure('enroll-remaining')).toBe(seatsLeft - accepted.length);

  // First open batch: full, two waiting; a withdrawal promotes the first of them.
  await pickOption(page, 'enroll-batch', `第 ${firstOpen} 期`);
  await expect(page.getByRole('tab', { name: /候补（2）/ })).toBeVisible();
  const waiting = await enrollment.listed('waiting');
  expect(waiting.map((r) => r[0])).toEqual(['1', '2']);
  const promoted = waiting[0]?.[1] ?? '';
  const enrolledFirst = await enrollment.listed('enrolled');
  const withdrawn = enrolledFirst[0]?.[1] ?? '';
  await enrollment.rowAction(withdrawn, '退回');
  await page.getByTestId('withdraw-reason').fill('教师临时承担监考任务');
  await page.getByTestId('withdraw-ok').click();
  await expect(page.getByTestId('enroll-promoted')).toContainText(
    `已退回${withdrawn}的报名，候补第 1 位的${promoted}已递补为第 ${firstOpen} 期正式报名`,
  );
  await expect(page.getByRole('tab', { name: /候补（1）/ })).toBeVisible();
  await expect
    .poll(async () => (await enrollment.listed('enrolled')).map((r) => r[1]))
    .toContain(promoted);
  expect((await enrollment.listed('waiting')).map((r) => r[1])).not.toContain(promoted);
  await page.screenshot({ path: testInfo.outputPath('enrollment-promoted.png') });

  // 报名名单 of that batch: a file arrives, with the promoted teacher enrolled.
  const download = page.waitForEvent('download');
  await page.getByTestId('enroll-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^报名名单.*\.xlsx$/);
  const saved = testInfo.outputPath(file.suggestedFilename());
  await file.saveAs(saved);
  const sheet = await readSheet(saved);
  const row = sheet.rows.find((r) => r['姓名'] === promoted);
  expect(row?.['状态']).toBe('已报名');
  expect(sheet.rows.some((r) => r['姓名'] === withdrawn && r['状态'] === '已报名')).toBe(false);
  await expect(page.getByText(/报名名单已下载/)).toBeVisible();

  // The one still waiting is now first in line; taking them off the waitlist empties it.
  const stillWaiting = await enrollment.listed('waiting');
  expect(stillWaiting.map((r) => [r[0], r[1]])).toEqual([['1', waiting[1]?.[1]]]);
  await page.getByRole('tab', { name: /候补（1）/ }).click();
  await page.getByTestId('waiting-table').getByTestId('leave-waitlist').click();
  await expect(page.getByRole('dialog')).toContainText(
    `取消候补：${waiting[1]?.[1] ?? ''}（候补第 1 位）`,
  );
  await page.getByTestId('leave-waitlist-ok').click();
  await expect(page.getByText('请填写原因')).toBeVisible();
  await page.getByTestId('leave-waitlist-reason').fill('教师本人放弃本期');
  await page.getByTestId('leave-waitlist-ok').click();
  await expect(page.getByText(`已取消${waiting[1]?.[1] ?? ''}的候补`)).toBeVisible();
  await expect(page.getByRole('tab', { name: /候补（0）/ })).toBeVisible();
  await expect(page.getByTestId('waiting-table')).toContainText('本期没有候补的教师');
});

test.describe('批量报名 as the school', () => {
  test.use({ loginAs: 'school' });

  test('a file whose rows are all refused: each row with its reason, 下载错误行 gives them back', async ({
    app,
    page,
  }, testInfo) => {
    await app.open('enrollment');
    const file = testInfo.outputPath('批量报名.xlsx');
    const workbook = new (loadExcelJs().Workbook)();
    const sheet = workbook.addWorksheet('报名');
    sheet.addRow(['身份证号', '课程', '理由']);
    sheet.addRow(['12345', '小学学科教学能力提升', '']);
    // A well-formed number that is in no roster of the school.
    sheet.addRow(['11010519491231002X', '小学学科教学能力提升', '']);
    await workbook.xlsx.writeFile(file);

    await page.getByTestId('enroll-import-open').click();
    const wizard = page.getByTestId('enroll-import');
    await wizard.locator('input[type="file"]').setInputFiles(file);
    const preview = wizard.getByTestId('enroll-import-preview');
    await expect(preview).toBeVisible({ timeout: 60_000 });
    const enrollment = new EnrollmentPage(page);
    expect(await enrollment.figure('enroll-import-total')).toBe(2);
    expect(await enrollment.figure('enroll-import-rejected')).toBe(2);
    expect(await enrollment.figure('enroll-import-accepted')).toBe(0);
    await expect(wizard.getByTestId('enroll-import-commit')).toBeDisabled();
    const rows = preview
      .getByTestId('enroll-import-rows')
      .locator('.ant-table-tbody .ant-table-row');
    await expect(rows.nth(0)).toContainText('身份证号');
    await expect(rows.nth(0).locator('td').first()).toHaveText('2');
    await expect(rows.nth(1).locator('td').first()).toHaveText('3');
    await expect(rows.nth(1)).toContainText('您管辖的花名册中没有这个身份证号');
    await page.screenshot({ path: testInfo.outputPath('enroll-import.png') });

    const download = page.waitForEvent('download');
    await wizard.getByTestId('enroll-import-download-errors').click();
    const arrived = await download;
    const saved = testInfo.outputPath(arrived.suggestedFilename());
    await arrived.saveAs(saved);
    const errors = await readSheet(saved, '原行号');
    expect(errors.rows.map((r) => r['原行号'])).toEqual(['2', '3']);
    expect(errors.rows[1]?.['身份证号']).toBe('11010519491231002X');
    expect(errors.rows[1]?.['错误原因']).toContain('您管辖的花名册中没有这个身份证号');
    await expect(page.getByText(/错误行已下载/)).toBeVisible();
  });
});
