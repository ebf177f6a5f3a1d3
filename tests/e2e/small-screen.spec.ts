/**
 * A 1366×768 office laptop: the statistics panel starts folded to one line so the grid gets the
 * height, unfolds on request with its charts, and stays as the user left it after a reload. The
 * unfolded panel is saved as a screenshot for checking that no bar label runs into its title.
 */
import { expect, test } from './fixtures';

test.use({ viewport: { width: 1366, height: 768 } });

test('the statistics fold on a small screen, and the choice is remembered', async ({
  app,
  page,
}, testInfo) => {
  const roster = await app.roster();
  const created = await app.statusTeacherCount();
  await roster.expectTotal(created);
  const stats = page.getByTestId('roster-stats');
  const chart = page.getByTestId('roster-chart');

  // Folded by default at this height: the total stays visible, the charts are not drawn.
  await expect(stats).toHaveAttribute('data-collapsed', 'true');
  await expect(stats).toHaveAttribute('data-total', String(created));
  await expect(stats).toContainText(created.toLocaleString('zh-CN'));
  await expect(chart).toHaveCount(0);
  await stats.screenshot({ path: testInfo.outputPath('stats-folded-1366x768.png') });

  await page.getByTestId('roster-stats-toggle').click();
  await expect(stats).toHaveAttribute('data-collapsed', 'false');
  await expect(chart.locator('canvas')).toHaveCount(1);
  const rowsWithCharts = await roster.visibleRowCount();
  await stats.screenshot({ path: testInfo.outputPath('stats-1366x768.png') });

  // Remembered across a reload.
  await page.reload();
  await app.waitUntilReady();
  await expect(stats).toHaveAttribute('data-collapsed', 'false');

  // Folding gives the rows back to the grid.
  await page.getByTestId('roster-stats-toggle').click();
  await expect(stats).toHaveAttribute('data-collapsed', 'true');
  await expect.poll(() => roster.visibleRowCount()).toBeGreaterThan(rowsWithCharts);
  await page.reload();
  await app.waitUntilReady();
  await expect(stats).toHaveAttribute('data-collapsed', 'true');
});
