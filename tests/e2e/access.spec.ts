/**
 * A lost token must not lock the user out: the token is removed from the address bar once read,
 * so a new tab on http://127.0.0.1:PORT/ (or a link from before a restart) gets a page that says
 * where the link is and how to get a new one, while the tab that opened the link keeps working.
 */
import { test, expect } from './fixtures';
import { AppShellPage } from './pages/app-shell.page';

test('a tab without the token explains how to get back in', async ({
  app,
  server,
  page,
  context,
}) => {
  // The fixture opened the printed link and logged in.
  expect(page.url()).not.toContain('token');

  // The same address without its token, as a user retypes or reopens it.
  const other = await context.newPage();
  await other.goto(`${server.origin}/`);
  const help = new AppShellPage(other).accessHelp();
  await expect(help.root).toBeVisible();
  await expect(help.root).toContainText('请用启动时打印的链接打开师训通');
  await expect(help.root).toContainText('这个标签页没有访问令牌');
  await expect(help.steps.locator('li')).toHaveCount(3);
  await expect(help.steps).toContainText('TrainDesk ready at');
  await expect(help.steps).toContainText('重新运行 npm start');
  // Nothing that needs the core is offered on this page.
  await expect(other.getByTestId('nav-roster')).toHaveCount(0);
  // The page says it all: no error toast on top of it.
  await expect(other.locator('.ant-notification-notice')).toHaveCount(0);

  // The tab that opened the link keeps its token and its login across a reload.
  await page.reload();
  await app.waitUntilReady();
});

test('an old link after a restart says the token is no longer valid', async ({ server, page }) => {
  await page.goto(`${server.origin}/#token=from-an-earlier-run`);
  const help = new AppShellPage(page).accessHelp();
  await expect(help.root).toContainText('访问令牌已失效');
  await expect(help.steps).toContainText('TrainDesk ready at');
});
