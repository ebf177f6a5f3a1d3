/**
 * No code words on screen, page by page: the login screen with the demo accounts, the roster with
 * data, org management, the rule sets and the readable view of every preset, the clone editor, a
 * what-if run, and, as the system administrator, the operation log after edits of a teacher and of
 * a rule set, 用户与权限 with its tabs and dialogs, 修改密码, and the system page (words.ts says what
 * is allowed).
 */
import { expect, test } from './fixtures';
import { DEMO_PASSWORD, LoginPage } from './pages/login.page';
import { RulesPage } from './pages/rules.page';
import { codeWordsOnScreen } from './words';

test.use({ loginAs: null });

test('every page speaks Chinese', async ({ app, page }) => {
  const seen: string[] = [];
  const check = async (where: string): Promise<void> => {
    for (const word of await codeWordsOnScreen(page)) seen.push(`${where}: ${word}`);
  };

  const login = new LoginPage(page);
  await login.expectShown();
  await expect(login.demoAccounts).toBeVisible();
  await check('登录');
  await login.submit('city', 'not-the-password');
  await expect(login.error).toBeVisible();
  await check('登录失败');
  await login.login('city', DEMO_PASSWORD);
  await app.waitUntilReady();

  const roster = await app.roster();
  await check('花名册');

  // A teacher edit, so the log holds a 修改教师信息 entry with its fields.
  const [first] = await roster.rows();
  const form = await roster.openTeacher(first?.name ?? '');
  await check('教师信息');
  await form.getByLabel('学科').fill('信息技术');
  await page.getByTestId('teacher-save').click();
  await expect(form).toBeHidden();

  const org = await app.org();
  await org.select('示范市');
  await check('机构管理');

  const rules = await RulesPage.open(page);
  await check('规则列表');
  const ids = await rules.listedIds();
  expect(ids.length).toBeGreaterThan(0);
  for (const id of ids) {
    await rules.view(id);
    await check(`规则 ${id}`);
    await rules.backToList();
  }
  await rules.clone('taizhou-lifecloud-owner-2020');
  await check('复制并调整');
  await rules.fillClone({ name: '积分规则（调整）' });
  await rules.saveClone();
  await rules.openWhatIf();
  await rules.chooseWhatIfRuleSet('taizhou-lifecloud-member-2020');
  await page.getByTestId('whatif-sample').click();
  await rules.runWhatIf();
  await check('试算');

  await page.getByTestId('user-menu').click();
  await expect(page.getByTestId('user-menu-logout')).toBeVisible();
  await check('用户菜单');
  await page.getByTestId('user-menu-password').click();
  await expect(page.getByTestId('change-password-form')).toBeVisible();
  await check('修改密码');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('change-password-form')).toBeHidden();

  await app.switchTo('admin');
  await app.audit();
  await expect(page.getByTestId('audit-table')).toContainText('修改教师信息');
  await expect(page.getByTestId('audit-table')).toContainText('新建规则集');
  await check('操作日志');

  const operators = await app.operators();
  await expect.poll(async () => (await operators.rows()).length).toBeGreaterThan(1);
  await check('用户与权限：用户');
  await page.getByTestId('operators-create').click();
  await expect(page.getByTestId('operator-form')).toBeVisible();
  await check('新建用户');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('operator-form')).toBeHidden();
  await operators.tab('roles');
  await check('用户与权限：角色与权限');
  await operators.tab('tokens');
  await check('用户与权限：接口令牌');
  await operators.tab('security');
  await check('用户与权限：安全设置');

  await app.system();
  await check('系统信息');

  expect(seen).toEqual([]);
});
