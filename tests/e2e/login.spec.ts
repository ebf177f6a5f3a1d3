/**
 * The login screen: the same answer for a wrong password and for an unknown user (nothing tells
 * which user names exist), required fields, and the demo accounts panel, whose rows fill the form;
 * the read-only 查看 account then gets the pages and buttons of its rights only.
 */
import { expect, test } from './fixtures';
import { DEMO_PASSWORD, LoginPage } from './pages/login.page';

test.use({ loginAs: null });

test('wrong password and unknown user get one answer; a demo account fills the form', async ({
  app,
  page,
}) => {
  const login = new LoginPage(page);
  await login.expectShown();
  expect((await login.demoUserNames()).sort()).toEqual(
    ['admin', 'city', 'district', 'finance', 'province', 'school', 'viewer'].sort(),
  );
  await expect(page.getByTestId('demo-password')).toHaveText(DEMO_PASSWORD);

  await page.getByTestId('login-submit').click();
  await expect(login.root).toContainText('请输入用户名');
  await expect(login.root).toContainText('请输入密码');

  await login.submit('city', 'not-the-password');
  await expect(login.error).toContainText('用户名或密码不正确');
  await expect(page.getByTestId('login-password')).toHaveValue('');
  await login.submit('nobody.here', DEMO_PASSWORD);
  await expect(login.error).toContainText('用户名或密码不正确');
  await expect(page.getByTestId('app-shell')).toHaveCount(0);

  await page.getByTestId('demo-account-viewer').click();
  await expect(page.getByTestId('login-username')).toHaveValue('viewer');
  await expect(page.getByTestId('login-password')).toHaveValue(DEMO_PASSWORD);
  await expect(login.error).toHaveCount(0);
  await page.getByTestId('login-submit').click();
  await app.waitUntilReady();
  await expect(page.getByTestId('user-meta')).toContainText('查看');

  // 查看 reads: no import, no new teacher, no export, no unit maintenance.
  expect(await app.navKeys()).toEqual([
    'roster',
    'org',
    'rules',
    'projects',
    'quotas',
    'enrollment',
    'system',
  ]);
  await expect(page.getByTestId('roster-grid')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('roster-import')).toHaveCount(0);
  await expect(page.getByTestId('roster-add-teacher')).toHaveCount(0);
  await expect(page.getByTestId('roster-export')).toHaveCount(0);
  const org = await app.org();
  await org.select('示范市');
  await expect(page.getByTestId('org-create-child')).toHaveCount(0);
  await expect(page.getByTestId('org-import')).toHaveCount(0);
});
