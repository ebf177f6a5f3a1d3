/**
 * The org tree beside the roster: a school with a long name is cut with an ellipsis and its full
 * name is on the row's tooltip, while its teacher count stays whole inside the panel (it used to be
 * pushed past the edge: 125 read as "1").
 */
import { makeRosterRows, writeRosterWorkbook } from '../../scripts/fixtures/roster-workbook';
import { expect, test } from './fixtures';

const LONG_SCHOOL = 'E2E市经济技术开发区第二实验学校附属双语国际教育集团幼儿园分园';

test('a long unit name is truncated, its count never', async ({ app, page }, testInfo) => {
  const org = await app.org();
  await org.select('示范市');
  await org.createChild('E2E区');
  await org.createChild(LONG_SCHOOL);

  const rows = [...makeRosterRows(12, 3, [LONG_SCHOOL])];
  const file = testInfo.outputPath('长名称学校.xlsx');
  await writeRosterWorkbook(file, rows);
  const roster = await app.roster();
  const wizard = await roster.openImport();
  await wizard.chooseFile(file);
  await wizard.commit();
  await wizard.close();
  await roster.selectUnit(LONG_SCHOOL);
  await roster.expectTotal(rows.length);

  await page.getByTestId('roster-org-tree-search').fill('双语国际');
  const node = roster.treeNode(LONG_SCHOOL);
  await expect(node).toBeVisible();
  await expect(node).toHaveAttribute('title', new RegExp(LONG_SCHOOL));

  const count = node.getByTestId('org-node-count');
  await expect(count).toHaveText(String(rows.length));
  await expect(count, 'the count is shown, not pushed out of the panel').toBeVisible();
  const panel = await roster.tree.boundingBox();
  const countBox = await count.boundingBox();
  if (!panel || !countBox) throw new Error('the tree or the count has no box');
  // The whole count lies inside the panel, and is not clipped by its own box.
  expect(countBox.x + countBox.width).toBeLessThanOrEqual(panel.x + panel.width);
  expect(await count.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  // The name is the part that gives way, with an ellipsis.
  const name = node.getByTestId('org-node-name');
  expect(await name.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await expect(name).toHaveCSS('text-overflow', 'ellipsis');
  await roster.tree.screenshot({ path: testInfo.outputPath('org-tree-long-name.png') });
});
