/**
 * The roster as it opens (issue 10): on a cold start the first rows are asked for first and once
 * (the statistics and the unit tree after them, so they do not hold the rows back in the core or
 * in the page); while the figures are not known the page says it is loading, never a false 0 or
 * "no units"; and the toolbar fits on one line at 1440 px with every filter set. Times are the
 * bench's business (npm run bench, first_paint), never asserted here.
 */
import { type Page, type Request } from '@playwright/test';
import { expect, test, type BridgeServer } from './fixtures';
import { gridCell } from './pages/grid';

/** The RPC method of a bridge request (`/rpc/roster/list` → `roster/list`), else null. */
function rpcMethod(request: Request): string | null {
  return /\/rpc\/(.+)$/.exec(new URL(request.url()).pathname)?.[1] ?? null;
}

/** The app reopened from its link in a new tab of the logged-in browser (session cookie kept). */
async function reopen(page: Page, server: BridgeServer, prepare?: (tab: Page) => Promise<unknown>) {
  const tab = await page.context().newPage();
  await prepare?.(tab);
  await tab.goto(server.url);
  return tab;
}

test('a reopened roster asks for its first rows first and once, then the tree and statistics', async ({
  app,
  page,
  server,
}) => {
  const teachers = await app.statusTeacherCount();
  expect(teachers).toBeGreaterThan(0);
  const events: string[] = [];
  const stylesheets: string[] = [];
  let html = Promise.resolve('');
  const tab = await reopen(page, server, async (fresh) => {
    fresh.on('request', (request) => {
      const method = rpcMethod(request);
      if (method) events.push(`ask ${method}`);
      if (request.resourceType() === 'stylesheet') {
        stylesheets.push(new URL(request.url()).pathname.split('/').pop() ?? '');
      }
    });
    fresh.on('response', (response) => {
      if (response.request().resourceType() === 'document') html = response.text();
    });
    fresh.on('requestfinished', (request) => {
      const method = rpcMethod(request);
      if (method) events.push(`got ${method}`);
    });
  });
  await expect(gridCell(tab.getByTestId('roster-grid'), 0, 'name')).toHaveText(/\S/);
  await expect(tab.getByTestId('roster-stats')).toHaveAttribute('data-total', String(teachers));
  await expect(tab.getByTestId('roster-org-tree').getByTestId('org-node').first()).toBeVisible();

  // One query for the first block: the one started with the page's chunk, taken by the grid.
  expect(events.filter((event) => event === 'ask roster/list')).toHaveLength(1);
  // One session check: the one started before React rendered, taken by the gate.
  expect(events.filter((event) => event === 'ask auth/state')).toHaveLength(1);
  // The panels are asked for once the rows are in, not before (they were queued ahead of them).
  const rowsIn = events.indexOf('got roster/list');
  expect(rowsIn).toBeGreaterThanOrEqual(0);
  expect(events.indexOf('ask roster/stats')).toBeGreaterThan(rowsIn);
  expect(events.indexOf('ask org/tree')).toBeGreaterThan(rowsIn);
  // Every stylesheet of the first screen is linked from the page itself: a page chunk's own CSS
  // left to its dynamic import holds the page back until that file arrives, and on a cold start it
  // queued behind the first rows in the core.
  expect(stylesheets.length).toBeGreaterThan(1);
  const page0 = await html;
  for (const file of stylesheets) expect(page0, file).toContain(file);
  await tab.close();
});

test('with a remembered unit the tree is asked for at once, to narrow the rows to it', async ({
  app,
  page,
  server,
}) => {
  const roster = await app.roster();
  await roster.expectTotal(await app.statusTeacherCount());
  const unit = '示范市东湖区';
  await roster.selectUnit(unit);
  const unitTeachers = await roster.unitCount(unit);
  await roster.expectTotal(unitTeachers);

  const asked: string[] = [];
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  // The rows are held back: the tree must not wait for them, the unit's rows depend on it.
  const tab = await reopen(page, server, async (fresh) => {
    fresh.on('request', (request) => {
      const method = rpcMethod(request);
      if (method) asked.push(method);
    });
    await fresh.route(/\/rpc\/roster\/list$/, async (route) => {
      await held;
      await route.continue();
    });
  });
  await expect.poll(() => asked.includes('org/tree')).toBe(true);
  release();
  await expect(tab.getByTestId('roster-scope')).toContainText(unit);
  await expect(tab.getByTestId('roster-grid')).toHaveAttribute('data-total', String(unitTeachers));
  await tab.close();
});

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

test('the toolbar fits on one line at 1440 px, every filter set; narrower it wraps whole', async ({
  app,
  page,
}) => {
  const roster = await app.roster();
  await roster.expectTotal(await app.statusTeacherCount());
  // The widest toolbar: every filter set, every action of the city's project office.
  await roster.search('白');
  for (const [testId, option] of [
    ['roster-filter-stage', '小学'],
    ['roster-filter-title', '一级教师'],
    ['roster-filter-status', '在职'],
  ] as const) {
    await page.getByTestId(testId).click();
    await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
  }
  await expect(page.getByTestId('roster-clear-filters')).toBeVisible();
  for (const action of ['roster-add-teacher', 'roster-import', 'roster-export']) {
    await expect(page.getByTestId(action)).toBeVisible();
  }

  const toolbar = page.getByTestId('roster-toolbar');
  /** The top of each control of the toolbar, the action buttons included. */
  const rowTops = (): Promise<number[]> =>
    toolbar.evaluate((element: unknown) => {
      const root = element as {
        querySelectorAll(selector: string): ArrayLike<{ getBoundingClientRect(): { top: number } }>;
      };
      const controls = Array.from(
        root.querySelectorAll(':scope > .ant-input-affix-wrapper, :scope > .ant-select, .ant-btn'),
      );
      return [
        ...new Set(controls.map((control) => Math.round(control.getBoundingClientRect().top))),
      ];
    });
  expect(await rowTops()).toHaveLength(1);

  // Narrower, the actions move to a line of their own, whole and still inside the window.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect.poll(rowTops).toHaveLength(2);
  const exportBox = await page.getByTestId('roster-export').boundingBox();
  expect((exportBox?.x ?? 0) + (exportBox?.width ?? 0)).toBeLessThanOrEqual(1280);
});
