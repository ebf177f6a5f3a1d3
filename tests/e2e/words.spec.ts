/**
 * No code words on screen, page by page: the roster with data, org management, the rule sets and
 * the readable view of every preset, the clone editor, a what-if run, the operation log after
 * edits of a teacher and of a rule set, and the system page (words.ts says what is allowed).
 */
import { expect, test } from './fixtures';
import { RulesPage } from './pages/rules.page';
import { createDemo } from './pages/system.page';
import { codeWordsOnScreen } from './words';

test('every page speaks Chinese', async ({ app, page }) => {
  const seen: string[] = [];
  const check = async (where: string): Promise<void> => {
    for (const word of await codeWordsOnScreen(page)) seen.push(`${where}: ${word}`);
  };

  const roster = await app.roster();
  await check('花名册（空）');
  await createDemo(page, 500);
  await roster.expectTotal(500);
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

  await app.audit();
  await expect(page.getByTestId('audit-table')).toContainText('修改教师信息');
  await expect(page.getByTestId('audit-table')).toContainText('新建规则集');
  await check('操作日志');

  await app.system();
  await check('系统信息');

  expect(seen).toEqual([]);
});
