/**
 * The rules page through the UI: the presets reproducing the domain rules R1–R5, the readable
 * view of R1 (pass mark and the 9 generated batches), clone and adjust of R5 (a preset's id
 * refused with the core's CONFLICT, then saved under a new id, based on the preset), the 编号 of a
 * clone made from its name, and what-if runs: R2 on typed
 * records (pass and the engine's own "still missing" wording), R3 on cells pasted from Excel (a
 * daily cap explained in the ledger) and R5 on an imported workbook (daily caps cut hours).
 */
import { expect, test } from './fixtures';
import { RulesPage } from './pages/rules.page';
import { writeSimpleWorkbook } from './xlsx';

const REQUIRED_PRESETS = [
  'jiangsu-online-2023',
  'taizhou-shishuo-2023',
  'taizhou-lifecloud-owner-2020',
  'taizhou-lifecloud-member-2020',
  'licheng-depth-index-2022',
  'licheng-space-evaluation-2022',
  'qingdao-credits-2018',
];

test('lists the presets and shows R1 as tables with its generated batches', async ({
  app,
  page,
}) => {
  const rules = await RulesPage.open(app.page);

  const ids = await rules.listedIds();
  expect(ids).toEqual(expect.arrayContaining(REQUIRED_PRESETS));
  for (const id of REQUIRED_PRESETS) {
    await expect(rules.source(id)).toContainText('预置');
    await expect(rules.source(id)).toContainText('业务规则第');
  }
  await expect(rules.row('jiangsu-online-2023')).toContainText('考核');
  await expect(rules.row('jiangsu-online-2023')).toContainText('批次日历');
  await expect(rules.row('jiangsu-online-2023')).toContainText('苏师干训〔2023〕25号');
  // Presets cannot be deleted.
  await expect(page.getByTestId('rules-delete-jiangsu-online-2023')).toHaveCount(0);

  await rules.view('jiangsu-online-2023');
  await expect(page.getByTestId('assessment-pass-mark')).toHaveText('80 分');
  await expect(page.getByTestId('assessment-components')).toContainText('观看课程学习时间');
  await expect(page.getByTestId('quota-coverage')).toContainText('10%');

  const batches = await rules.batchRows();
  expect(batches).toHaveLength(9);
  const [first] = batches;
  const last = batches[batches.length - 1];
  // Columns: 期次, 开班, 结班, 报名开始, 报名截止, 换人退回截止.
  expect(first?.[0]).toBe('1');
  expect(first?.[1]).toMatch(/-07-16$/);
  expect(first?.[3]).toMatch(/-07-11$/);
  expect(first?.[4]).toMatch(/-07-15$/);
  expect(last?.[0]).toBe('9');
  expect(last?.[1]).toMatch(/-11-16$/);
  expect(last?.[2]).toMatch(/-12-05$/);

  await page.getByTestId('rules-json-toggle').click();
  await expect(page.getByTestId('rules-json')).toContainText('"passMark": 80');
});

test('clones R5 with a higher yearly minimum; a preset id is refused', async ({ app, page }) => {
  const rules = await RulesPage.open(app.page);
  await rules.clone('qingdao-credits-2018');

  const yearly = rules.cloneField('yearlyMinimum');
  await expect(yearly).toHaveValue('48');
  await yearly.fill('50');

  // The preset's own id: the core answers CONFLICT and nothing is saved.
  await rules.fillClone({ id: 'qingdao-credits-2018' });
  await rules.saveClone();
  await expect(page.locator('.ant-notification')).toContainText('无法完成此操作');
  await expect(page.locator('.ant-notification')).toContainText(
    '是内置预设的编号，请给调整后的规则集另起一个编号',
  );
  await expect(page.locator('.ant-notification')).not.toContainText('冲突');
  await expect(rules.editor).toBeVisible();

  // A value the core's schema refuses is shown next to its field, in Chinese.
  const cycleMinimum = rules.cloneField('cycle.minimum');
  await cycleMinimum.fill('2000000000');
  await expect(page.getByTestId('clone-check')).toHaveAttribute('data-status', 'invalid');
  await expect(page.getByTestId('clone-form')).toContainText('数值过大');
  await expect(page.getByTestId('clone-save')).toBeDisabled();
  await cycleMinimum.fill('360');

  await rules.fillClone({ id: 'qingdao-credits-2024', name: '青岛继续教育学分（2024 调整）' });
  await rules.saveClone();
  await expect(rules.row('qingdao-credits-2024')).toBeVisible();
  const source = rules.source('qingdao-credits-2024');
  await expect(source).toContainText('已保存');
  await expect(source).toContainText('基于「中小学教师继续教育学分（青岛 2018）」');
  await expect(source).toHaveAttribute('data-based-on', 'qingdao-credits-2018');

  await rules.view('qingdao-credits-2024');
  await expect(page.getByTestId('credits-yearly-minimum')).toHaveText('50 学分');
  await rules.backToList();
  // The preset itself is unchanged.
  await rules.view('qingdao-credits-2018');
  await expect(page.getByTestId('credits-yearly-minimum')).toHaveText('48 学分');
  await rules.backToList();

  // A saved set can be deleted (after confirmation); presets offer no delete at all.
  await page.getByTestId('rules-delete-qingdao-credits-2024').click();
  await page.getByTestId('rules-delete-ok').click();
  await expect(rules.row('qingdao-credits-2024')).toHaveCount(0);
  await expect(rules.row('qingdao-credits-2018')).toBeVisible();
});

test('a clone gets its 编号 from its name; nobody has to invent one', async ({ app, page }) => {
  const rules = await RulesPage.open(app.page);
  await rules.clone('qingdao-credits-2018');
  // A Chinese name: the kind, the name's numbers and a short random suffix.
  await expect(rules.cloneAutoId()).toHaveText(/^credits-2018-[a-z0-9]{4}$/);
  await expect(page.getByTestId('clone-id')).toBeHidden();

  // The id follows the name while the user has not edited it.
  await rules.fillClone({ name: '青岛学分 2025 调整' });
  await expect(rules.cloneAutoId()).toHaveText(/^credits-2025-[a-z0-9]{4}$/);
  const id = (await rules.cloneAutoId().textContent()) ?? '';
  await rules.saveClone();
  await expect(rules.row(id)).toBeVisible();
  await expect(rules.source(id)).toContainText('基于「中小学教师继续教育学分（青岛 2018）」');
});

test('what-if on R2 with typed records explains each result', async ({ app, page }) => {
  const rules = await RulesPage.open(app.page);
  await rules.openWhatIf();
  await rules.chooseWhatIfRuleSet('taizhou-shishuo-2023');

  await rules.addRows(2);
  const records = [
    ['T001', '王老师', '9', '10', '72'],
    ['T002', '李老师', '9', '7', '58, 75'],
  ];
  const columns = ['teacherId', 'name', 'completedCourses', 'validReplies', 'testScores'];
  for (const [row, values] of records.entries()) {
    for (const [index, colId] of columns.entries()) {
      await rules.setCell(row, colId, values[index] ?? '');
    }
  }

  await rules.runWhatIf();
  await expect(page.getByTestId('result-passed')).toHaveAttribute('data-value', '1');
  const passing = rules.resultRow('assessment-results', 'T001');
  await expect(passing.getByTestId('result-status')).toHaveText('合格');
  await expect(passing).toContainText('合格，获得 25 学时');
  const failing = rules.resultRow('assessment-results', 'T002');
  await expect(failing.getByTestId('result-status')).toHaveText('不合格');
  await expect(failing.getByTestId('result-missing')).toContainText(
    '还差 3 条有效回帖（每条不少于 20 字，须在主题截止前发表）',
  );

  // A score that is not a number is reported with its row and column; nothing is evaluated.
  await rules.setCell(1, 'testScores', '58, 七十五');
  await page.getByTestId('whatif-run').click();
  await expect(page.getByTestId('whatif-build-errors')).toContainText(
    '第 2 行「测试成绩（依次）」：“七十五”不是数字',
  );
  await expect(page.getByTestId('whatif-result')).toHaveCount(0);
});

test('what-if reads cells pasted from Excel and an imported workbook', async ({
  app,
  page,
}, testInfo) => {
  const rules = await RulesPage.open(app.page);
  await rules.openWhatIf();

  // R3 member: six documents read on one day, 1 point each, at most 5 a day.
  await rules.chooseWhatIfRuleSet('taizhou-lifecloud-member-2020');
  const header = ['人员编号', '姓名', '行为', '时间', '资源编号', '时长（分钟）'].join('\t');
  const lines = [1, 2, 3, 4, 5, 6].map((n) =>
    ['T001', '王老师', '有效阅读文档资源', `2024-03-04 08:0${n}`, `D${n}`, '5'].join('\t'),
  );
  await rules.pasteRows([header, ...lines].join('\r\n') + '\r\n', '识别到 6 行，按表头对应列');
  await rules.runWhatIf();
  const person = rules.resultRow('points-results', 'T001');
  await expect(person.getByTestId('result-total')).toHaveText('5');
  await rules.expandResultRow('points-results', 'T001');
  await expect(page.getByTestId('points-ledger-T001')).toContainText('当日上限 5 分已满，不计分');

  // R5: a workbook whose categories are written as people write them (labels, not codes).
  const file = testInfo.outputPath('学分记录.xlsx');
  await writeSimpleWorkbook(
    file,
    ['教师编号', '姓名', '日期', '类别', '学分'],
    [
      ['T001', '王老师', '2024-03-02', '校本培训', '7'],
      ['T001', '王老师', '2024-03-09', 'A 类（市级）', '9'],
    ],
  );
  await rules.chooseWhatIfRuleSet('qingdao-credits-2018');
  await rules.importWorkbook(file, 2);
  await rules.runWhatIf();
  await rules.expandResultRow('credits-results', 'T001');
  const detail = page.getByTestId('credits-detail-T001');
  await expect(detail).toContainText('只计 6（原 7）');
  await expect(detail).toContainText('只计 8（原 9）');
  await expect(rules.resultRow('credits-results', 'T001')).toContainText('不符合');
});
