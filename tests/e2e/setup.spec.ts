/**
 * The first run on a fresh data folder: the setup wizard offers the demo workspace or the formal
 * setup; the formal one takes the unit this installation serves (typed in, there being none yet)
 * and the first administrator (the password policy checked as it is typed), and ends logged in.
 * The administrator lands on the first page their rights allow; a reload keeps the login, and
 * after logging out the login screen lists no demo accounts.
 */
import { expect, test } from './fixtures';

test.use({ workspace: 'fresh' });

const PASSWORD = 'Spring-2026';

test('first run: the unit typed in, the first administrator, landing in the app', async ({
  app,
  page,
}) => {
  const wizard = page.getByTestId('setup-wizard');
  await expect(wizard).toBeVisible();
  await expect(page.getByTestId('setup-way-demo')).toContainText('使用演示数据体验');
  await page.getByTestId('setup-formal-start').click();

  // Step 1: no units in the database yet, so the unit is typed in.
  const unitStep = page.getByTestId('setup-unit-step');
  await expect(unitStep).toBeVisible();
  await expect(page.getByTestId('setup-unit-mode')).toHaveCount(0);
  await page.getByTestId('setup-next').click();
  await expect(unitStep).toContainText('请输入单位名称');
  await page.getByTestId('setup-unit-name').fill('E2E市');
  await unitStep.getByText('市', { exact: true }).click();
  await page.getByTestId('setup-unit-code').fill('990100');
  await page.getByTestId('setup-next').click();

  // Step 2: the first administrator; the policy speaks while the password is typed.
  const adminStep = page.getByTestId('setup-admin-step');
  await expect(adminStep).toBeVisible();
  await page.getByTestId('setup-admin-name').fill('周管理');
  await page.getByTestId('setup-admin-username').fill('Zhou Admin');
  await expect(adminStep).toContainText('用户名只能用英文字母、数字和 . _ -');
  await page.getByTestId('setup-admin-username').fill('Zhou.Admin');
  const password = page.getByTestId('setup-admin-password');
  await password.fill('12345678');
  await expect(adminStep).toContainText('密码不能全是数字');
  await password.fill('zhou.admin');
  await expect(adminStep).toContainText('密码不能与用户名相同');
  await password.fill(PASSWORD);
  await page.getByTestId('setup-admin-password-confirm').fill('Spring-2025');
  await expect(adminStep).toContainText('两次输入的密码不一致');
  await page.getByTestId('setup-admin-password-confirm').fill(PASSWORD);
  await page.getByTestId('setup-submit').click();

  // Step 3: done, and logged in.
  await expect(page.getByTestId('setup-done')).toContainText('设置完成');
  await expect(page.getByTestId('setup-done')).toContainText('E2E市');
  await page.getByTestId('setup-enter').click();
  await app.waitUntilReady();
  expect(await app.displayName()).toBe('周管理');
  await expect(page.getByTestId('user-meta')).toContainText('系统管理员');
  await expect(page.getByTestId('user-meta')).toContainText('E2E市');

  // 系统管理员 has no roster: the menu leaves it out and the app opens on the unit tree.
  expect(await app.navKeys()).toEqual(['org', 'operators', 'audit', 'system']);
  await expect(page.getByTestId('org-page')).toBeVisible();
  await expect(
    page.locator('[data-testid="org-tree"] [data-testid="org-node"][data-org-name="E2E市"]'),
  ).toBeVisible();

  // A reload keeps the login; the wizard is not offered again.
  await page.reload();
  await app.waitUntilReady();
  await expect(wizard).toHaveCount(0);

  // Logging out leads to the login screen, which has no demo accounts to offer; the user name is
  // not case-sensitive.
  const login = await app.logout();
  await expect(login.demoAccounts).toHaveCount(0);
  await expect(page.getByTestId('login-installation')).toContainText('E2E市');
  await login.login('zhou.admin', PASSWORD);
  await app.waitUntilReady();
  expect(await app.displayName()).toBe('周管理');
});
