/**
 * 用户与权限 as the system administrator: the demo operators in the grid, a new school officer
 * created with a temporary password, who logs in, must change it first (the policy speaks as they
 * type) and then reaches their app; the old password no longer works. Back as the administrator:
 * the password reset (the change is asked for again), disabling with a confirmation (the account
 * no longer logs in), the roles table, and an API token shown once.
 */
import { expect, test } from './fixtures';
import { ChangePasswordScreen } from './pages/login.page';

test.use({ loginAs: 'admin' });

const TEMPORARY = 'Temp-2026a';
const OWN = 'Mine-2026b';

test('an administrator creates an operator, who must change the first password', async ({
  app,
  page,
}) => {
  // 系统管理员: no roster; the app opens on the first page they may use.
  expect(await app.navKeys()).toEqual(['org', 'operators', 'audit', 'system']);
  await expect(page.getByTestId('org-page')).toBeVisible();

  const operators = await app.operators();
  const demo = (await operators.rows()).map((row) => row.userName);
  expect(demo).toEqual(
    expect.arrayContaining([
      'admin',
      'province',
      'city',
      'district',
      'school',
      'finance',
      'viewer',
    ]),
  );
  const schoolUnit = (await operators.row('school'))?.unit ?? '';
  expect(schoolUnit).toMatch(/^示范市.+/);
  // The administrator cannot disable themselves.
  await expect(page.getByTestId('operator-toggle-admin')).toHaveCount(0);

  await operators.create({
    userName: 'E2E.Officer',
    displayName: '王专干',
    roles: ['学校培训专干'],
    unit: schoolUnit,
    password: TEMPORARY,
  });
  // User names are kept in lower case.
  const created = await operators.row('e2e.officer');
  expect(created).toMatchObject({
    displayName: '王专干',
    roles: '学校培训专干',
    unit: schoolUnit,
    status: '启用',
    lastLoginAt: '从未登录',
    mustChangePassword: '是',
  });

  // The new operator logs in with the temporary password and must change it first.
  let login = await app.logout();
  await login.login('e2e.officer', TEMPORARY);
  const change = new ChangePasswordScreen(page);
  await expect(change.root).toBeVisible();
  await expect(page.getByTestId('app-shell')).toHaveCount(0);
  await page.getByTestId('change-password-new').fill('12345678');
  await expect(change.root).toContainText('密码不能全是数字');
  await change.change(TEMPORARY, OWN);
  await app.waitUntilReady();
  expect(await app.displayName()).toBe('王专干');
  await expect(page.getByTestId('roster-page')).toBeVisible();
  expect(await app.navKeys()).not.toContain('operators');

  // The temporary password is gone; the own one works.
  login = await app.logout();
  await login.submit('e2e.officer', TEMPORARY);
  await expect(login.error).toContainText('用户名或密码不正确');
  await login.login('e2e.officer', OWN);
  await app.waitUntilReady();

  // Back as the administrator: the operator has logged in and needs no change any more.
  await app.switchTo('admin');
  await app.operators();
  await expect.poll(async () => (await operators.row('e2e.officer'))?.mustChangePassword).toBe('—');
  expect((await operators.row('e2e.officer'))?.lastLoginAt).not.toBe('从未登录');

  // A password reset asks for the change again.
  await page.getByTestId('operator-reset-e2e.officer').click();
  const reset = page.getByTestId('reset-password-form');
  await expect(reset).toContainText('下次登录时必须先修改密码');
  await page.getByTestId('reset-password').fill('Reset-2026c');
  await page.getByTestId('reset-password-confirm').fill('Reset-2026c');
  await page.getByTestId('reset-password-ok').click();
  await expect(reset).toBeHidden();
  await expect
    .poll(async () => (await operators.row('e2e.officer'))?.mustChangePassword)
    .toBe('是');

  // Disabling asks first; a disabled operator cannot log in.
  await page.getByTestId('operator-toggle-e2e.officer').click();
  await page.getByTestId('operator-toggle-ok-e2e.officer').click();
  await expect.poll(async () => (await operators.row('e2e.officer'))?.status).toBe('停用');

  // What each role may do, as a table.
  await operators.tab('roles');
  await expect(page.getByTestId('right-project_admin-roster.exportFullId')).toBeVisible();
  await expect(page.getByTestId('right-school_officer-roster.exportFullId')).toHaveCount(0);
  await expect(page.getByTestId('operators-roles')).toContainText('管理用户与权限');

  // An API token is shown once, with the warning.
  await operators.tab('tokens');
  await page.getByTestId('tokens-create').click();
  await page.getByTestId('tokens-operator').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
  await page.getByTestId('tokens-name').fill('每晚同步');
  await page.getByTestId('tokens-create-ok').click();
  const shown = page.getByTestId('token-shown');
  await expect(shown).toContainText('令牌只显示这一次');
  expect(((await page.getByTestId('token-value').textContent()) ?? '').length).toBeGreaterThan(16);
  await page.getByTestId('token-shown-close').click();
  await expect(shown).toBeHidden();
  await expect(page.getByTestId('tokens-table')).toContainText('每晚同步');
  await page.getByTestId('tokens-revoke-每晚同步').click();
  await page.getByTestId('tokens-revoke-ok').click();
  await expect(page.getByTestId('tokens-table')).toContainText('已吊销');

  login = await app.logout();
  await login.submit('e2e.officer', 'Reset-2026c');
  await expect(login.error).toBeVisible();
  await expect(page.getByTestId('app-shell')).toHaveCount(0);
});
