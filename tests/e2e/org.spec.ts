/**
 * Org management through the UI, as the project office of 示范市: an org list imported under the
 * city with its preview (one bad row reported, the rest committed), the tree and children table,
 * delete not offered for a non-empty unit (the page says why), delete of an empty one, and a reload
 * that keeps the session (token in sessionStorage, login in the bridge's cookie).
 */
import { expect, test } from './fixtures';
import { writeSimpleWorkbook } from './xlsx';

test('imports an org list and manages units', async ({ app, page }, testInfo) => {
  const file = testInfo.outputPath('机构名单.xlsx');
  await writeSimpleWorkbook(
    file,
    ['单位名称', '类型', '上级单位', '代码'],
    [
      ['E2E东区', '区县', '示范市', '990101'],
      ['E2E西区', '区', '示范市', '990102'],
      ['E2E实验小学', '学校', 'E2E东区', '99010101'],
      ['E2E孤立学校', '学校', '不存在的区', null],
    ],
  );

  const org = await app.org();
  await org.importList(file);
  expect(await org.importStat('total')).toBe(4);
  expect(await org.importStat('new')).toBe(3);
  expect(await org.importStat('errors')).toBe(1);
  const [error] = await org.importErrorRows(1);
  expect(error?.row).toBe('5');
  expect(error?.message).toContain('不存在的区');
  expect(await org.commitImport()).toBe(3);

  await org.select('E2E东区');
  await expect(page.getByTestId('org-children')).toContainText('E2E实验小学');

  // A unit with children cannot be deleted: the action is not offered, and the page says what
  // blocks it and what to do (no refusal titled only 冲突 after the fact).
  await expect(page.getByTestId('org-delete')).toBeDisabled();
  await expect(page.getByTestId('org-delete-blocked')).toContainText(
    '「E2E东区」下还有 1 个下级单位，不能删除。要删除它，请先删除或移走这些下级单位。',
  );
  await org.expectInTree('E2E东区');

  await org.select('E2E实验小学');
  await org.deleteSelected();
  await org.expectInTree('E2E实验小学', 0);

  // The session survives a reload: the token was kept in sessionStorage, the login in a cookie.
  await page.reload();
  await app.waitUntilReady();
  await org.expectInTree('E2E东区');
});
