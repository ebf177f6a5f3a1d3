/**
 * The roster's figures follow the grid's filters, and a filter that matches nobody gets a proper
 * empty state that says what was searched and offers to clear it.
 */
import { expect, test } from './fixtures';

test('statistics follow the filters; no match says what was searched and clears it', async ({
  app,
  page,
}) => {
  const roster = await app.roster();
  const created = await app.statusTeacherCount();
  await roster.expectTotal(created);
  const stats = page.getByTestId('roster-stats');
  await expect(stats).toHaveAttribute('data-total', String(created));
  await expect(stats).toContainText('教师总数');

  // A stage filter: the panel counts what the grid shows, and says it is a filtered figure.
  await page.getByTestId('roster-filter-stage').click();
  await page.locator('.ant-select-dropdown:visible').getByTitle('高中', { exact: true }).click();
  await expect(roster.grid).toHaveAttribute('data-state', 'ready');
  const filtered = Number(await roster.grid.getAttribute('data-total'));
  expect(filtered).toBeGreaterThan(0);
  expect(filtered).toBeLessThan(created);
  await expect(stats).toHaveAttribute('data-total', String(filtered));
  await expect(stats).toContainText('符合条件');

  // Nobody matches: an empty state naming the search, with a way back.
  await roster.search('没有这个人');
  const noMatch = page.getByTestId('roster-no-match');
  await expect(noMatch).toBeVisible();
  await expect(page.getByTestId('roster-no-match-filter')).toContainText('没有这个人');
  await expect(page.getByTestId('roster-no-match-filter')).toContainText('高中');
  await expect(stats).toHaveAttribute('data-total', '0');
  await page.getByTestId('roster-no-match-clear').click();
  await expect(noMatch).toBeHidden();
  await roster.expectTotal(created);
  await expect(stats).toHaveAttribute('data-total', String(created));
});

test('a no-match state is shown only for a filter that was counted', async ({ app, page }) => {
  const roster = await app.roster();
  await roster.expectTotal(await app.statusTeacherCount());
  const noMatch = page.getByTestId('roster-no-match');
  await roster.search('没有这个人');
  await expect(noMatch).toBeVisible();

  // The next search's figures are held back: until they come, nothing says it matched nobody.
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/rpc\/roster\/stats$/, async (route) => {
    await held;
    await route.continue();
  });
  await roster.search('白');
  await expect(noMatch).toBeHidden();
  await expect(roster.grid).toHaveAttribute('data-state', 'ready');
  const matched = Number(await roster.grid.getAttribute('data-total'));
  expect(matched).toBeGreaterThan(0);

  release();
  await expect(page.getByTestId('roster-stats')).toHaveAttribute('data-total', String(matched));
  await expect(noMatch).toBeHidden();
});
