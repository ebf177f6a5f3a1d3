/**
 * The idle lock. The administrator shortens the idle time in 安全设置; the page's clock is then
 * run forward past it (Playwright's clock: nobody waits minutes), the lock screen says why and who,
 * a wrong password is refused, the right one returns the operator to where they were. Locked
 * again, someone else logs the operator out and logs in themselves.
 */
import { expect, test } from './fixtures';
import { DEMO_PASSWORD, LockScreen } from './pages/login.page';
import { OperatorsPage } from './pages/operators.page';
import { codeWordsOnScreen } from './words';

test.use({ loginAs: 'admin' });

test('locks after the idle time, unlocks with the password, or hands over to someone else', async ({
  app,
  page,
}) => {
  const operators = await app.operators();
  await operators.tab('security');
  const minutes = page.getByTestId('security-idle-minutes');
  await minutes.fill('5');
  await page.getByTestId('security-save').click();
  await expect(page.locator('.ant-message')).toContainText('已保存安全设置');

  // The page's clock from now on is Playwright's (installed for the reloaded page); the login
  // stays in the bridge's cookie.
  await page.clock.install();
  await page.reload();
  await app.waitUntilReady();
  await expect(page.getByTestId('operators-page')).toBeVisible();
  await page.getByTestId('operators-search').fill('示范市');

  // Four minutes are not enough; past five, the window locks.
  await page.clock.fastForward('04:00');
  await expect(page.getByTestId('operators-page')).toBeVisible();
  await page.clock.fastForward('01:30');
  const lock = new LockScreen(page);
  await expect(lock.root).toBeVisible();
  await expect(page.getByTestId('lock-reason')).toHaveText('已锁定（闲置超过 5 分钟）');
  await expect(lock.root).toContainText('admin');
  await expect(page.getByTestId('operators-page')).toBeHidden();
  expect(await codeWordsOnScreen(page)).toEqual([]);

  await lock.unlock('not-the-password');
  await expect(page.getByTestId('lock-error')).toBeVisible();
  await lock.unlock(DEMO_PASSWORD);
  await expect(lock.root).toBeHidden();
  // Back where they were, the search still typed in.
  await expect(page.getByTestId('operators-page')).toBeVisible();
  await expect(page.getByTestId('operators-search')).toHaveValue('示范市');
  await expect(new OperatorsPage(page).grid).toHaveAttribute('data-state', 'ready');

  // Locked again; a colleague logs the administrator out and logs in as themselves.
  await page.clock.fastForward('05:30');
  await expect(lock.root).toBeVisible();
  await page.getByTestId('lock-logout').click();
  const login = page.getByTestId('login-page');
  await expect(login).toBeVisible();
  await page.getByTestId('login-username').fill('city');
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await app.waitUntilReady();
  await expect(page.getByTestId('user-meta')).toContainText('项目管理员');
  // The administrator's page is not theirs: they land on their own first page.
  await expect(page.getByTestId('roster-page')).toBeVisible();
});
