/** R1, R2 and the R4 space evaluation: every number of docs/domain-rules.md reproduced by the presets. */
import { describe, expect, it } from 'vitest';
import { evaluateAssessment, type AssessmentRecord } from '@shared/domain/rules/assessment';
import { assessmentInputSchema } from '@shared/domain/rules/assessment';
import { parseWith } from '@shared/domain/rules/common';
import { assessmentOf, at } from './helpers';

const now = '2023-09-01';

describe('R1 jiangsu-online-2023: weighted score, pass ≥ 80, excellent ≥ 90, plagiarism > 30 %', () => {
  const ruleSet = assessmentOf('jiangsu-online-2023');
  const record = (metrics: Record<string, number | boolean>): AssessmentRecord => ({
    teacherId: 'T1',
    metrics,
  });
  const full = {
    watchMinutes: 1800,
    homeworkObjective: 100,
    homeworkSubjective: 100,
    isExcellentHomework: true,
    interactionScore: 100,
    quotedPercent: 10,
  };

  it.each([
    { name: 'full marks', metrics: full, score: 100, isPassed: true, isExcellent: true },
    {
      name: 'exactly 80 passes',
      metrics: { ...full, isExcellentHomework: false, interactionScore: 0 },
      score: 80,
      isPassed: true,
      isExcellent: false,
    },
    {
      name: '3 minutes short of the required hours: 79.92 fails',
      metrics: { ...full, watchMinutes: 1797, isExcellentHomework: false, interactionScore: 0 },
      score: 79.92,
      isPassed: false,
      isExcellent: false,
    },
    {
      name: 'exactly 90 is excellent',
      metrics: { ...full, homeworkSubjective: 95, interactionScore: 50 },
      score: 90,
      isPassed: true,
      isExcellent: true,
    },
    {
      name: '89.98 is a pass, not excellent',
      metrics: { ...full, homeworkSubjective: 95, interactionScore: 49.9 },
      score: 89.98,
      isPassed: true,
      isExcellent: false,
    },
    {
      name: 'watch time proportional below the required hours',
      metrics: { ...full, watchMinutes: 900, isExcellentHomework: false },
      score: 25 + 10 + 20 + 18,
      isPassed: false,
      isExcellent: false,
    },
    {
      name: 'more than the required hours still gives 50',
      metrics: { ...full, watchMinutes: 5000 },
      score: 100,
      isPassed: true,
      isExcellent: true,
    },
  ])('$name', ({ metrics, score, isPassed, isExcellent }) => {
    const [result] = evaluateAssessment(ruleSet, { records: [record(metrics)] }, { now }).records;
    expect(result?.score).toBe(score);
    expect(result?.isPassed).toBe(isPassed);
    expect(result?.isExcellent).toBe(isExcellent);
    expect(result?.missing.length === 0).toBe(isPassed);
  });

  it('gives every component its weight: 50 / 10 / 20 / 2 / 18', () => {
    const [result] = evaluateAssessment(ruleSet, { records: [record(full)] }, { now }).records;
    expect(result?.components.map((c) => [c.key, c.maxPoints, c.points])).toEqual([
      ['watch', 50, 50],
      ['homeworkObjective', 10, 10],
      ['homeworkSubjective', 20, 20],
      ['excellentHomework', 2, 2],
      ['interaction', 18, 18],
    ]);
    expect(result?.notes).toContain('总分达到优秀线，另需人工评定定性条件');
  });

  it('says exactly what is missing: points to the pass mark and minutes of watch time', () => {
    const [result] = evaluateAssessment(
      ruleSet,
      {
        records: [
          record({
            ...full,
            watchMinutes: 1680,
            homeworkSubjective: 0,
            isExcellentHomework: false,
          }),
        ],
      },
      { now },
    ).records;
    // 50 × 1680 / 1800 = 46.67; + 10 + 0 + 0 + 18 = 74.67
    expect(result?.score).toBe(74.67);
    expect(result?.missing).toEqual([
      '总分 74.67 分，还差 5.33 分达到合格线 80 分',
      '观看时长还差 120 分钟',
    ]);
  });

  it('names missing data instead of guessing', () => {
    const { watchMinutes: _omit, ...rest } = full;
    const [result] = evaluateAssessment(ruleSet, { records: [record(rest)] }, { now }).records;
    expect(result?.score).toBe(50);
    expect(result?.missing).toContain('缺少「观看时长」数据');
  });

  it.each([
    { quoted: 30, isPlagiarism: false },
    { quoted: 30.01, isPlagiarism: true },
    { quoted: 80, isPlagiarism: true },
  ])('quoted $quoted % → plagiarism $isPlagiarism', ({ quoted, isPlagiarism }) => {
    const [result] = evaluateAssessment(
      ruleSet,
      { records: [record({ ...full, quotedPercent: quoted })] },
      { now },
    ).records;
    expect(result?.plagiarism?.isPlagiarism).toBe(isPlagiarism);
    expect(result?.isPassed).toBe(!isPlagiarism);
    expect(result?.plagiarism?.banUntil).toBe(isPlagiarism ? '2023-12-31' : null);
    if (isPlagiarism) {
      expect(result?.score).toBe(100);
      expect(result?.isExcellent).toBe(false);
      expect(result?.missing[0]).toContain('判定为抄袭');
      expect(result?.missing[0]).toContain('2023-12-31 前不得参加其他省级教师在线培训项目');
    }
  });

  it('summarises pass rate and counts', () => {
    const output = evaluateAssessment(
      ruleSet,
      {
        records: [
          { teacherId: 'A', metrics: full },
          { teacherId: 'B', metrics: { ...full, quotedPercent: 31 } },
          { teacherId: 'C', metrics: { ...full, watchMinutes: 0 } },
        ],
      },
      { now },
    );
    expect(output.summary).toEqual({
      records: 3,
      passed: 1,
      passRate: 33.33,
      excellent: 1,
      plagiarism: 1,
      selected: null,
      warnings: [],
    });
  });
});

describe('R2 taizhou-shishuo-2023: all of 9 courses, 10 valid replies, best of 3 tests ≥ 60', () => {
  const ruleSet = assessmentOf('taizhou-shishuo-2023');
  const deadline = at('2023-08-25', '23:59:59');
  const courses = (count: number, stage: '小学' | '初中' = '小学') =>
    Array.from({ length: count }, (_, i) => ({ courseId: `C${i + 1}`, stage, isCompleted: true }));
  const reply = (chars: number, time = at('2023-08-01')) => ({
    type: 'reply' as const,
    chars,
    at: time,
    deadline,
  });
  const replies = (count: number) => Array.from({ length: count }, () => reply(20));
  const base: AssessmentRecord = {
    teacherId: 'T1',
    stage: '小学',
    courses: courses(9),
    discussions: replies(10),
    testScores: [61],
  };
  const evaluate = (record: AssessmentRecord) =>
    evaluateAssessment(ruleSet, { records: [record] }, { now }).records[0];

  it('passes with all three and earns 25 credit hours', () => {
    const result = evaluate(base);
    expect(result?.isPassed).toBe(true);
    expect(result?.creditHours).toBe(25);
    expect(result?.score).toBeNull();
    expect(result?.gates.map((g) => [g.key, g.isMet, g.value])).toEqual([
      ['courses', true, 9],
      ['discussion', true, 10],
      ['test', true, 61],
    ]);
  });

  it.each([
    {
      name: 'the 10th reply has 19 characters',
      record: { ...base, discussions: [...replies(9), reply(19)] },
      missing: ['还差 1 条有效回帖（每条不少于 20 字，须在主题截止前发表）'],
    },
    {
      name: 'a reply one second after the deadline',
      record: { ...base, discussions: [...replies(9), reply(40, at('2023-08-26', '00:00:00'))] },
      missing: ['还差 1 条有效回帖（每条不少于 20 字，须在主题截止前发表）'],
    },
    {
      name: 'own new topics do not count',
      record: {
        ...base,
        discussions: [
          ...replies(7),
          { type: 'topic' as const, chars: 300, at: at('2023-08-02'), deadline },
        ],
      },
      missing: ['还差 3 条有效回帖（每条不少于 20 字，须在主题截止前发表）'],
    },
    {
      name: 'a course of another stage does not count',
      record: {
        ...base,
        courses: [...courses(8), { courseId: 'X', stage: '初中' as const, isCompleted: true }],
      },
      missing: ['还差 1 门本学段课程未完成（共需 9 门）'],
    },
    {
      name: 'an unfinished course',
      record: {
        ...base,
        courses: [...courses(8), { courseId: 'C9', stage: '小学' as const, isCompleted: false }],
      },
      missing: ['还差 1 门本学段课程未完成（共需 9 门）'],
    },
    {
      name: 'a 4th attempt is ignored',
      record: { ...base, testScores: [50, 55, 59, 80] },
      missing: ['3 次测试机会已用完，最好成绩 59 分，未达 60 分'],
    },
    {
      name: 'attempts left',
      record: { ...base, testScores: [59] },
      missing: ['测试最好成绩 59 分，未达 60 分，还可再考 2 次'],
    },
    {
      name: 'no test yet',
      record: { ...base, testScores: [] },
      missing: ['尚未参加测试（60 分合格，最多 3 次）'],
    },
  ])('fails when $name', ({ record, missing }) => {
    const result = evaluate(record);
    expect(result?.isPassed).toBe(false);
    expect(result?.creditHours).toBe(0);
    expect(result?.missing).toEqual(missing);
  });

  it.each([
    {
      name: 'the 10th reply has exactly 20 characters',
      record: { ...base, discussions: [...replies(9), reply(20)] },
    },
    {
      name: 'a reply exactly at the deadline',
      record: { ...base, discussions: [...replies(9), reply(20, deadline)] },
    },
    { name: 'exactly 60 in the test', record: { ...base, testScores: [40, 60] } },
    { name: 'the best of 3 is the 3rd', record: { ...base, testScores: [10, 20, 60, 0] } },
    {
      name: 'a repeated course id counts once but 9 distinct do',
      record: { ...base, courses: [...courses(9), ...courses(2)] },
    },
  ])('passes when $name', ({ record }) => {
    expect(evaluate(record)?.isPassed).toBe(true);
  });

  it('counts characters of the text (Chinese, emoji) when no count is given', () => {
    const text19 = '这是一条认真的回复内容包含十九个汉字。'.slice(0, 19);
    const text20 = `${text19}😀`;
    const result = evaluate({
      ...base,
      discussions: [
        ...replies(8),
        { type: 'reply', text: text19, at: at('2023-08-01'), deadline },
        { type: 'reply', text: text20, at: at('2023-08-01'), deadline },
      ],
    });
    expect(result?.gates[1]?.value).toBe(9);
    expect(result?.gates[1]?.note).toBe('有效回帖 9 条（1 条不足 20 字）');
  });

  it('explains every excluded reply and the ignored attempt', () => {
    const result = evaluate({
      ...base,
      discussions: [
        ...replies(3),
        reply(5),
        reply(30, at('2023-09-01')),
        { type: 'topic', chars: 50, at: at('2023-08-01'), deadline },
      ],
      testScores: [70, 20, 20, 90],
    });
    expect(result?.gates[1]?.note).toBe(
      '有效回帖 3 条（1 条不足 20 字，1 条晚于主题截止时间，自己发起的主题 1 个不计）',
    );
    expect(result?.gates[2]?.note).toBe('前 3 次测试最好成绩 70 分；第 4 次及以后的 1 次测试不计');
    expect(result?.missing).toEqual(['还差 7 条有效回帖（每条不少于 20 字，须在主题截止前发表）']);
  });

  it('accepts counts pre-computed by the platform', () => {
    const result = evaluate({
      teacherId: 'T2',
      stage: '初中',
      completedCourses: 9,
      validReplies: 12,
      testScores: [75],
    });
    expect(result?.isPassed).toBe(true);
  });

  it('cannot count own-stage courses without the teacher stage', () => {
    const { stage: _omit, ...rest } = base;
    const result = evaluate(rest);
    expect(result?.gates[0]?.note).toBe('缺少教师学段，无法认定本学段课程');
    expect(result?.isPassed).toBe(false);
  });
});

describe('R4 licheng-space-evaluation-2022: expert scores, normalized index, bonus, prerequisites', () => {
  const ruleSet = assessmentOf('licheng-space-evaluation-2022');
  const good: AssessmentRecord = {
    teacherId: 'A',
    stage: '小学',
    schoolId: 'S1',
    metrics: {
      microCourseScore: 20,
      interactionScore: 8,
      activityScore: 12,
      innovationScore: 7,
      depthIndex: 500,
    },
    items: { microCourseMinutes: [10, 12, 15, 11, 14], activityWorks: [10, 25] },
  };
  const withIndex = (teacherId: string, depthIndex: number): AssessmentRecord => ({
    ...good,
    teacherId,
    metrics: { ...good.metrics, depthIndex },
  });

  it('normalizes the index: 5 + (x − min)/(max − min) × 35', () => {
    const output = evaluateAssessment(
      ruleSet,
      { records: [withIndex('A', 100), withIndex('B', 300), withIndex('C', 500)] },
      { now },
    );
    const depth = output.records.map(
      (r) => r.components.find((c) => c.key === 'depthIndex')?.points,
    );
    expect(depth).toEqual([5, 22.5, 40]);
    expect(output.records.map((r) => r.score)).toEqual([52, 69.5, 87]);
  });

  it('gives everyone 40 when max = min', () => {
    const output = evaluateAssessment(
      ruleSet,
      { records: [withIndex('A', 200), withIndex('B', 200)] },
      { now },
    );
    expect(
      output.records.map((r) => r.components.find((c) => c.key === 'depthIndex')?.points),
    ).toEqual([40, 40]);
  });

  it('adds the bonus: school support by either role, class application 1 + 2 + 2', () => {
    const [result] = evaluateAssessment(
      ruleSet,
      {
        records: [
          {
            ...good,
            metrics: {
              ...good.metrics,
              isFeatureLeadOverOneYear: true,
              hasClassSpace: true,
              classResources: 50,
              classArticles: 19,
            },
          },
        ],
      },
      { now },
    ).records;
    expect(result?.baseScore).toBe(20 + 8 + 12 + 7 + 40);
    expect(result?.bonusScore).toBe(5 + 1 + 2);
    expect(result?.score).toBe(95);
  });

  it.each([
    { stage: '幼儿园' as const, minutes: [5, 10, 6, 7, 8], isMet: true },
    { stage: '幼儿园' as const, minutes: [5, 10, 6, 7, 11], isMet: false },
    { stage: '小学' as const, minutes: [10, 15, 12, 13, 9], isMet: false },
    { stage: '高中' as const, minutes: [15, 20, 16, 17, 18], isMet: true },
    { stage: '初中' as const, minutes: [15, 20, 16, 17, 14], isMet: false },
  ])('micro-course length by stage $stage $minutes → $isMet', ({ stage, minutes, isMet }) => {
    const [result] = evaluateAssessment(
      ruleSet,
      { records: [{ ...good, stage, items: { ...good.items, microCourseMinutes: minutes } }] },
      { now },
    ).records;
    expect(result?.gates[0]?.isMet).toBe(isMet);
    expect(result?.isPassed).toBe(isMet);
  });

  it('says how many micro-courses and activities are missing', () => {
    const [result] = evaluateAssessment(
      ruleSet,
      {
        records: [{ ...good, items: { microCourseMinutes: [10, 12, 9], activityWorks: [9, 30] } }],
      },
      { now },
    ).records;
    expect(result?.missing).toEqual([
      '还差 3 节合格的原创微课（每节 10–15 分钟）',
      '还差 1 项合格的教学活动（每项不少于 10 个作品）',
    ]);
  });

  it('selects the top N with ties at the boundary all included (and excluded under the other rule)', () => {
    const top2 = {
      ...ruleSet,
      selection: { top: 2, tieRule: 'include-ties' as const, requirePass: true },
    };
    const records = [
      withIndex('A', 500),
      withIndex('B', 300),
      withIndex('C', 300),
      withIndex('D', 100),
    ];
    const included = evaluateAssessment(top2, { records }, { now });
    expect(included.records.map((r) => [r.teacherId, r.rank, r.isSelected])).toEqual([
      ['A', 1, true],
      ['B', 2, true],
      ['C', 2, true],
      ['D', 4, false],
    ]);
    expect(included.summary.selected).toBe(3);
    const excluded = evaluateAssessment(
      { ...top2, selection: { ...top2.selection, tieRule: 'exclude-ties' } },
      { records },
      { now },
    );
    expect(excluded.records.map((r) => r.isSelected)).toEqual([true, false, false, false]);
  });

  it('warns when a school has two super admins', () => {
    const output = evaluateAssessment(
      ruleSet,
      {
        records: [
          { ...good, teacherId: 'A', metrics: { ...good.metrics, isSuperAdminOverOneYear: true } },
          { ...good, teacherId: 'B', metrics: { ...good.metrics, isSuperAdminOverOneYear: true } },
        ],
      },
      { now },
    );
    expect(output.summary.warnings).toEqual([
      '学校 S1 有 2 名教师标为「学校超级管理员满一年」，每校至多 1 名（A、B）',
    ]);
  });
});

describe('assessment input validation', () => {
  it.each([
    { input: { records: [{ teacherId: '' }] }, path: 'records[0].teacherId', message: '不能为空' },
    {
      input: { records: [{ teacherId: 'A', testScores: [101] }] },
      path: 'records[0].testScores[0]',
      message: '成绩不能超过 100',
    },
    {
      input: { records: [{ teacherId: 'A', stage: '大学' }] },
      path: 'records[0].stage',
      message: null,
    },
    {
      input: { records: [{ teacherId: 'A', watchMinutes: 5 }] },
      path: 'records[0]',
      message: '不认识的字段：watchMinutes',
    },
    {
      input: {
        records: [
          {
            teacherId: 'A',
            discussions: [
              { type: 'reply', at: '2023-08-01 09:00', deadline: '2023-08-02T00:00:00+08:00' },
            ],
          },
        ],
      },
      path: 'records[0].discussions[0].at',
      message: '应为带时区的时间，例如 2023-07-16T08:30:00+08:00',
    },
    {
      input: { records: [{ teacherId: 'A' }, { teacherId: 'A' }] },
      path: 'records[1].teacherId',
      message: '教师 A 重复出现',
    },
  ])('rejects $path', ({ input, path, message }) => {
    const parsed = parseWith(assessmentInputSchema, input);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const issue = parsed.errors.find((error) => error.path === path);
    expect(issue, JSON.stringify(parsed.errors)).toBeDefined();
    if (message !== null) expect(issue?.message).toBe(message);
    else expect(issue?.message).toMatch(/[\u4e00-\u9fff]/);
  });
});
