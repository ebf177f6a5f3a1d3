/** Presets, validation of hand-written rule sets, and the evaluateRuleSet entry point. */
import { describe, expect, it } from 'vitest';
import {
  evaluateRuleSet,
  getPreset,
  listPresets,
  ruleSetSchema,
  validateRuleSet,
  type RuleSet,
} from '@shared/domain/rules';
import { at } from './helpers';

describe('presets', () => {
  it('lists the presets with stable ids, kinds and sources', () => {
    expect(listPresets().map((preset) => [preset.id, preset.kinds, preset.rule])).toEqual([
      ['jiangsu-online-2023', ['assessment', 'calendar', 'quota-policy'], 'R1'],
      ['taizhou-shishuo-2023', ['assessment'], 'R2'],
      ['taizhou-lifecloud-owner-2020', ['points'], 'R3'],
      ['taizhou-lifecloud-member-2020', ['points'], 'R3'],
      ['taizhou-lifecloud-2020', ['points'], 'R3'],
      ['licheng-depth-index-2022', ['points'], 'R4'],
      ['licheng-space-evaluation-2022', ['assessment'], 'R4'],
      ['qingdao-credits-2018', ['credits'], 'R5'],
    ]);
    for (const preset of listPresets()) {
      expect(preset.summary).toMatch(/[\u4e00-\u9fff]/);
      expect(preset.source?.title).toMatch(/通知$/);
    }
  });

  it.each(listPresets().map((preset) => preset.id))(
    '%s is a valid rule set and plain JSON',
    (id) => {
      const preset = getPreset(id);
      const parsed = validateRuleSet(preset);
      expect(parsed.ok ? [] : parsed.errors).toEqual([]);
      expect(JSON.parse(JSON.stringify(preset))).toEqual(preset);
    },
  );

  it('hands out copies', () => {
    const first = getPreset('taizhou-shishuo-2023');
    if (first?.kind !== 'assessment') throw new Error('unexpected kind');
    first.creditHoursOnPass = 99;
    const second = getPreset('taizhou-shishuo-2023');
    expect(second?.kind === 'assessment' && second.creditHoursOnPass).toBe(25);
    expect(getPreset('no-such-preset')).toBeNull();
  });
});

describe('validateRuleSet', () => {
  const shishuo = getPreset('taizhou-shishuo-2023') as RuleSet;
  const jiangsu = getPreset('jiangsu-online-2023') as RuleSet;
  const member = getPreset('taizhou-lifecloud-member-2020') as RuleSet;

  it.each([
    {
      name: 'unknown kind',
      json: { ...shishuo, kind: 'magic' },
      path: 'kind',
      message:
        'kind 的取值无效，应为 assessment / points / credits / calendar / quota-policy / bundle 之一',
    },
    {
      name: 'future version',
      json: { ...shishuo, version: 2 },
      path: 'version',
      message: '规则集格式版本 version 目前只能是 1',
    },
    {
      name: 'bad id',
      json: { ...shishuo, id: 'Bad Id' },
      path: 'id',
      message: '规则集编号只能包含小写字母、数字和连字符（2–64 位）',
    },
    {
      name: 'typo in a field',
      json: { ...shishuo, creditHoursOnPas: 25 },
      path: '',
      message: '不认识的字段：creditHoursOnPas',
    },
    {
      name: 'negative required count',
      json: {
        ...shishuo,
        gates: [{ key: 'c', label: '课程', type: 'courses', required: -1, ownStageOnly: true }],
      },
      path: 'gates[0].required',
      message: '应大于 0',
    },
    {
      name: 'component on an undeclared metric',
      json: {
        ...shishuo,
        scoring: {
          components: [
            {
              key: 'w',
              label: '观看',
              section: null,
              maxPoints: 100,
              isBonus: false,
              type: 'percent',
              metric: 'nope',
            },
          ],
          passMark: 60,
          excellentMark: null,
          excellentNeedsReview: false,
          decimals: 2,
        },
      },
      path: 'scoring.components[0].metric',
      message: '引用了未在 metrics 中声明的指标 nope',
    },
    {
      name: 'pass mark above the total',
      json: {
        ...shishuo,
        metrics: [{ key: 'x', label: 'x', unit: '', type: 'number' }],
        scoring: {
          components: [
            {
              key: 'w',
              label: '观看',
              section: null,
              maxPoints: 50,
              isBonus: false,
              type: 'percent',
              metric: 'x',
            },
          ],
          passMark: 60,
          excellentMark: null,
          excellentNeedsReview: false,
          decimals: 2,
        },
      },
      path: 'scoring.passMark',
      message: '合格线高于总分 50',
    },
    {
      name: 'cap on an unknown action',
      json:
        member.kind === 'points'
          ? { ...member, caps: [{ id: 'x', label: null, per: 'day', max: 5, actions: ['nope'] }] }
          : {},
      path: 'caps[0].actions[0]',
      message: '上限引用了不存在的行为 nope',
    },
    {
      name: 'cap per fortnight',
      json:
        member.kind === 'points'
          ? {
              ...member,
              caps: [{ id: 'x', label: null, per: 'fortnight', max: 5, actions: ['login'] }],
            }
          : {},
      path: 'caps[0].per',
      message: null,
    },
    {
      name: 'two calendars in a bundle',
      json:
        jiangsu.kind === 'bundle'
          ? { ...jiangsu, parts: [...jiangsu.parts, jiangsu.parts[1]] }
          : {},
      path: 'parts[3].kind',
      message: '组合中已有一个「批次日历」规则',
    },
    {
      name: 'a batch date that does not exist',
      json:
        jiangsu.kind === 'bundle'
          ? {
              ...jiangsu,
              parts: jiangsu.parts.map((part) =>
                part.kind === 'calendar'
                  ? { ...part, quotaDeadline: { monthDay: '02-30', isInclusive: true } }
                  : part,
              ),
            }
          : {},
      path: 'parts[1].quotaDeadline.monthDay',
      message: '应为有效月日，格式 MM-DD，例如 07-16',
    },
  ])('reports $name', ({ json, path, message }) => {
    const parsed = validateRuleSet(json);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const issue = parsed.errors.find((error) => error.path === path);
    expect(issue, JSON.stringify(parsed.errors)).toBeDefined();
    if (message !== null) expect(issue?.message).toBe(message);
    else expect(issue?.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('accepts a rule set written by hand in the documented shape', () => {
    const json: unknown = JSON.parse(`{
      "kind": "assessment", "version": 1, "id": "district-summer-2024", "name": "区暑期研修考核",
      "description": "观看满 600 分钟且测试 60 分合格", "source": null,
      "metrics": [{ "key": "watchMinutes", "label": "观看时长", "unit": "分钟", "type": "number" }],
      "scoring": null,
      "gates": [
        { "key": "watch", "label": "观看时长", "type": "metric-at-least", "metric": "watchMinutes", "min": 600 },
        { "key": "test", "label": "测试", "type": "best-attempt", "maxAttempts": 2, "passScore": 60 }
      ],
      "plagiarism": null, "creditHoursOnPass": 10, "selection": null, "groupLimits": []
    }`);
    const parsed = validateRuleSet(json);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const result = evaluateRuleSet(
      parsed.data,
      { records: [{ teacherId: 'T', metrics: { watchMinutes: 480 }, testScores: [70] }] },
      { now: '2024-08-01' },
    );
    expect(
      result.ok && result.output.kind === 'assessment' && result.output.records[0]?.missing,
    ).toEqual(['观看时长还差 120']);
  });

  it('the schema is the same object the contract will use', () => {
    expect(ruleSetSchema.safeParse(getPreset('qingdao-credits-2018')).success).toBe(true);
  });
});

describe('evaluateRuleSet', () => {
  const jiangsu = getPreset('jiangsu-online-2023') as RuleSet;

  it('evaluates the parts of a bundle that are given', () => {
    const result = evaluateRuleSet(
      jiangsu,
      {
        assessment: {
          records: [
            {
              teacherId: 'T',
              metrics: {
                watchMinutes: 1800,
                homeworkObjective: 100,
                homeworkSubjective: 100,
                interactionScore: 0,
              },
            },
          ],
        },
        calendar: { year: 2023 },
      },
      { now: '2023-07-01' },
    );
    expect(result.ok).toBe(true);
    if (!result.ok || result.output.kind !== 'bundle') return;
    expect(result.output.parts.map((part) => part.kind)).toEqual(['assessment', 'calendar']);
    const [assessment, calendar] = result.output.parts;
    expect(assessment?.kind === 'assessment' && assessment.records[0]?.score).toBe(80);
    expect(calendar?.kind === 'calendar' && calendar.batches).toHaveLength(9);
  });

  it('prefixes the errors of a part with its kind', () => {
    const result = evaluateRuleSet(
      jiangsu,
      { assessment: { records: [{ teacherId: 'T', metrics: { x: 'y' } }] } },
      { now: '2023-07-01' },
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((error) => error.path)).toEqual([
      'assessment.records[0].metrics.x',
    ]);
  });

  it.each([
    { input: {}, message: '请至少为一个部分提供输入：assessment / calendar / quota-policy' },
    { input: { points: { events: [] } }, message: '此组合规则没有「points」部分' },
  ])('refuses a bundle input without a usable part', ({ input, message }) => {
    const result = evaluateRuleSet(jiangsu, input, { now: '2023-07-01' });
    expect(!result.ok && result.errors.map((error) => error.message)).toEqual([message]);
  });

  it('names metrics the rule set does not declare, or of the wrong type', () => {
    const result = evaluateRuleSet(
      jiangsu,
      {
        assessment: {
          records: [{ teacherId: 'T', metrics: { watchMinute: 100, isExcellentHomework: 1 } }],
        },
      },
      { now: '2023-07-01' },
    );
    expect(!result.ok && result.errors).toEqual([
      {
        path: 'assessment.records[0].metrics.watchMinute',
        message: '规则集中没有指标 watchMinute',
      },
      { path: 'assessment.records[0].metrics.isExcellentHomework', message: '应为 true 或 false' },
    ]);
  });

  it('names unknown actions and undeclared credit categories', () => {
    const points = evaluateRuleSet(
      getPreset('licheng-depth-index-2022') as RuleSet,
      { events: [{ personId: 'P', action: 'logn', at: at('2022-03-01') }] },
      { now: '2022-12-01' },
    );
    expect(!points.ok && points.errors).toEqual([
      { path: 'events[0].action', message: '规则集中没有行为 logn' },
    ]);
    const credits = evaluateRuleSet(
      getPreset('qingdao-credits-2018') as RuleSet,
      {
        teachers: [{ teacherId: 'T', records: [{ date: '2023-01-01', category: 'C', hours: 2 }] }],
      },
      { now: '2023-12-01' },
    );
    expect(!credits.ok && credits.errors).toEqual([
      { path: 'teachers[0].records[0].category', message: '规则集中没有学分类别 C' },
    ]);
  });

  it('needs a valid now', () => {
    const result = evaluateRuleSet(jiangsu, { calendar: {} }, { now: '2023-02-30' });
    expect(!result.ok && result.errors).toEqual([
      { path: 'options.now', message: '应为有效日期，格式 YYYY-MM-DD' },
    ]);
  });

  it('outputs plain JSON', () => {
    const result = evaluateRuleSet(
      getPreset('taizhou-lifecloud-member-2020') as RuleSet,
      { events: [{ personId: 'P', action: 'login', at: at('2023-03-01') }] },
      { now: '2023-12-31' },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(JSON.parse(JSON.stringify(result.output))).toEqual(result.output);
  });
});
