/**
 * What an operator sees is their home unit's subtree: the school officer of the demo workspace sees
 * their school alone (the tree holds only it, and the roster counts what the project office counts
 * for that school), has no 用户与权限, and exports ID numbers masked only; an address they may not
 * open lands on their first page. 财务审核, whose only page today is the unit tree, gets it, read-only.
 */
import { expect, test } from './fixtures';
import { DEMO_PASSWORD, LoginPage } from './pages/login.page';
import { RosterPage } from './pages/roster.page';

test.use({ loginAs: null });

test('the school officer sees only their school; 财务审核 gets the unit tree', async ({
  app,
  page,
}) => {
  // The school account's school, from the demo accounts panel; its count as the city sees it.
  const login = new LoginPage(page);
  const schoolName =
    (await page.getByTestId('demo-account-school').locator('.demo-account-unit').textContent()) ??
    '';
  expect(schoolName).toMatch(/^示范市.+/);
  await login.login('city', DEMO_PASSWORD);
  await app.waitUntilReady();
  const cityRoster = await app.roster();
  const search = page.getByTestId('roster-org-tree-search');
  await search.fill(schoolName);
  const count = await cityRoster.unitCount(schoolName);
  await search.fill('');
  await cityRoster.selectUnit(schoolName);
  expect(count).toBeGreaterThan(0);
  await cityRoster.expectTotal(count);

  await app.switchTo('school');
  await expect(page.getByTestId('user-meta')).toContainText('学校培训专干');
  await expect(page.getByTestId('user-meta')).toContainText(schoolName);
  expect(await app.navKeys()).toEqual([
    'roster',
    'org',
    'rules',
    'projects',
    'quotas',
    'enrollment',
    'system',
  ]);

  const roster = new RosterPage(page);
  await expect(roster.root).toBeVisible();
  const nodes = roster.tree.locator('[data-testid="org-node"]');
  await expect(nodes).toHaveCount(1);
  await expect(nodes.first()).toHaveAttribute('data-org-name', schoolName);
  await expect(nodes.first()).toHaveAttribute('data-count', String(count));
  await roster.expectTotal(count);
  await expect.poll(() => app.statusTeacherCount()).toBe(count);

  // A school officer maintains the roster and exports it, with masked ID numbers only.
  await expect(page.getByTestId('roster-import')).toBeVisible();
  await roster.openExport();
  await expect(page.getByTestId('export-full-id')).toHaveCount(0);
  await expect(page.getByTestId('export-masked-only')).toContainText('脱敏');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('export-options')).toBeHidden();

  // 用户与权限 typed into the address bar lands on the roster instead.
  await page.evaluate(() => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = '#/operators';
  });
  await expect(roster.root).toBeVisible();
  await expect.poll(() => page.url()).toMatch(/#\/roster$/);
  await expect(page.getByTestId('operators-page')).toHaveCount(0);

  // 财务审核 has the unit tree only (its payments are not built yet): never a blank window.
  await app.switchTo('finance');
  expect(await app.navKeys()).toEqual(['org', 'system']);
  await expect(page.getByTestId('org-page')).toBeVisible();
  await expect(page.getByTestId('org-import')).toHaveCount(0);
  await expect(
    page.getByTestId('org-tree').locator('[data-testid="org-node"]').first(),
  ).toBeVisible();
});
