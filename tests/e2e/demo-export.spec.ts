/**
 * The demo workspace as its project office sees it: the tree with teacher counts, a unit filter,
 * and the export read back: masked ID numbers by default, full numbers only on request and then
 * audited, which the system administrator finds in the operation log.
 */
import { expect, test } from './fixtures';
import { readSheet } from './xlsx';

const MASKED_ID = /^\d{6}\*{8}\d{3}[\dX]$/;
const FULL_ID = /^\d{17}[\dX]$/;

test('demo data, unit filter, masked and full-ID exports, audit log', async ({
  app,
  page,
}, testInfo) => {
  const roster = await app.roster();
  const created = await app.statusTeacherCount();
  expect(created).toBeGreaterThan(0);
  await roster.expectTotal(created);
  // The post-setup demo creation is gone: the demo workspace is made at the first run only.
  await app.system();
  await expect(page.getByTestId('demo-create')).toHaveCount(0);
  await app.roster();
  const nodes = roster.tree.locator('[data-testid="org-node"]');
  await expect(nodes.first()).toHaveAttribute('data-count', String(created));

  // A unit below the top ones (whose count is everyone's): its tree count is what the grid shows.
  const counts = await nodes.evaluateAll((list) =>
    list.map((node) => ({
      name: (node as unknown as { dataset: Record<string, string> }).dataset.orgName ?? '',
      count: Number((node as unknown as { dataset: Record<string, string> }).dataset.count),
    })),
  );
  // The smallest unit with a fair number of teachers keeps the exports quick.
  const unit = counts
    .filter((c) => c.count >= 20 && c.count < created)
    .sort((a, b) => a.count - b.count)[0];
  if (!unit) throw new Error(`no unit with part of the teachers in ${JSON.stringify(counts)}`);
  const { name: unitName, count: unitCount } = unit;
  await roster.selectUnit(unitName);
  await roster.expectTotal(unitCount);
  await expect(page.getByTestId('roster-stats')).toHaveAttribute('data-total', String(unitCount));
  for (const row of await roster.rows()) expect(row.idNumberMasked).toMatch(MASKED_ID);

  // Sorting happens in the core; the sort and the selected unit survive a reload.
  const isAscending = (values: string[]): boolean =>
    values.length > 5 && values.every((v, i) => i === 0 || (values[i - 1] ?? '') <= v);
  await roster.sortBy('birthDate');
  await expect
    .poll(async () => isAscending((await roster.rows()).map((r) => r.birthDate ?? '')))
    .toBe(true);
  await page.reload();
  await app.waitUntilReady();
  await expect(page.getByTestId('roster-scope')).toContainText(unitName);
  await roster.expectTotal(unitCount);
  expect(await roster.headerSort('birthDate')).toBe('ascending');
  expect(isAscending((await roster.rows()).map((r) => r.birthDate ?? ''))).toBe(true);

  const downloads = testInfo.outputPath('downloads');
  const masked = await (
    await roster.openExport()
  ).run({ onlyFiltered: true, fullIdNumbers: false }, downloads);
  expect(masked.rows).toBe(unitCount);
  const maskedSheet = await readSheet(masked.path);
  expect(maskedSheet.rows).toHaveLength(unitCount);
  expect(maskedSheet.header).toEqual(
    expect.arrayContaining(['姓名', '身份证号', '学校', '学段', '职称']),
  );
  for (const row of maskedSheet.rows) expect(row['身份证号']).toMatch(MASKED_ID);
  expect(maskedSheet.isTextColumn('身份证号')).toBe(true);
  expect(maskedSheet.isTextColumn('手机号')).toBe(true);

  const full = await (
    await roster.openExport()
  ).run({ onlyFiltered: true, fullIdNumbers: true }, downloads);
  expect(full.rows).toBe(unitCount);
  const fullSheet = await readSheet(full.path);
  expect(fullSheet.rows).toHaveLength(unitCount);
  for (const row of fullSheet.rows) expect(row['身份证号']).toMatch(FULL_ID);
  expect(fullSheet.isTextColumn('身份证号')).toBe(true);
  const maskedIds = new Set(maskedSheet.rows.map((r) => r['身份证号']));
  for (const row of fullSheet.rows) {
    const id = row['身份证号'] ?? '';
    expect(maskedIds.has(`${id.slice(0, 6)}********${id.slice(-4)}`)).toBe(true);
  }

  // Only the full-ID export is audited, and the chain verifies: the system administrator reads
  // the log (the project office has no right to it).
  await app.switchTo('admin');
  const audit = await app.audit();
  const summaries = await audit.summaries();
  expect(summaries.filter((s) => s.includes('完整身份证号'))).toHaveLength(1);
  const verified = await audit.verify();
  expect(verified.isIntact).toBe(true);
  expect(verified.text).toContain('完整');
});
