/**
 * The roster as it opens (issue 10): while the figures are not known the page says it is loading,
 * never a false 0 or "no units".
 */
import { type Page } from '@playwright/test';
import { expect, test, type BridgeServer } from './fixtures';

/** The app reopened from its link in a new tab of the logged-in browser (session cookie kept). */
async function reopen(page: Page, server: BridgeServer, prepare?: (tab: Page) => Promise<unknown>) {
  const tab = await page.context().newPage();
  await prepare?.(tab);
  await tab.goto(server.url);
  return tab;
}

test('while the roster loads it says so: no false 0, no "no units"', async ({
  app,
  page,
  server,
}) => {
  const teachers = await app.statusTeacherCount();
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  // The rows, the figures and the units are held back until the test has looked.
  const tab = await reopen(page, server, (fresh) =>
    fresh.route(/\/rpc\/(roster\/list|roster\/stats|org\/tree)$/, async (route) => {
      await held;
      await route.continue();
    }),
  );
  const roster = tab.getByTestId('roster-page');
  const stats = tab.getByTestId('roster-stats');
  await expect(tab.getByTestId('roster-total')).toHaveText('正在读取教师名单…');
  await expect(tab.getByTestId('roster-grid')).toHaveAttribute('data-state', 'loading');
  await expect(stats).toHaveAttribute('data-state', 'loading');
  await expect(tab.getByTestId('roster-stats-loading')).toHaveText('正在统计…');
  await expect(tab.getByTestId('roster-org-tree-loading')).toBeVisible();
  await expect(roster).not.toContainText('共 0 人');
  await expect(roster).not.toContainText('男 0');
  await expect(roster).not.toContainText('还没有任何单位');
  await expect(stats.locator('.stats-kpi-value')).toHaveCount(0);
  await expect(tab.getByTestId('roster-empty')).toHaveCount(0);
  await expect(tab.getByTestId('roster-no-match')).toHaveCount(0);

  release();
  const shown = teachers.toLocaleString('zh-CN');
  await expect(tab.getByTestId('roster-total')).toHaveText(`共 ${shown} 人`);
  await expect(stats).toHaveAttribute('data-state', 'ready');
  await expect(stats).toHaveAttribute('data-total', String(teachers));
  await expect(stats.locator('.stats-kpi-value')).toHaveText(shown);
  await expect(tab.getByTestId('roster-org-tree-loading')).toHaveCount(0);
  await expect(tab.getByTestId('roster-org-tree').getByTestId('org-node').first()).toBeVisible();
  await tab.close();
});
