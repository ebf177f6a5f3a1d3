/**
 * Assessment rule sets: how a learner passes a training (R1 weighted score, R2 all-of gates, R4
 * expert evaluation with a normalized index and bonus items), as data plus one pure evaluator.
 *
 * Every record's result explains itself: each component with its points, each gate with its count,
 * and a `missing` list that says in Chinese exactly what is still needed to pass.
 */
import { fragment } from '../text-fragment';
import { z } from 'zod';
import { stage } from '@shared/api/common.schemas';
import {
  idText,
  isoDateTimeText,
  keyText,
  labelText,
  nonNegativeInt,
  nonNegativeNumber,
  num,
  percentNumber,
  positiveInt,
  roundTo,
  ruleSetMetaShape,
  refineUniqueIds,
} from './common';
import { parseDateTimeMs } from './dates';
import { minMaxNormalize, selectTop, type TieRule } from './ranking';

// ---------------------------------------------------------------------------------------------
// Rule-set schema

export const assessmentMetricSchema = z.strictObject({
  key: keyText,
  /** Shown in explanations, e.g. 观看时长. */
  label: labelText,
  /** Shown after numbers, e.g. 分钟, 分, 份; may be empty. */
  unit: z.string().max(10),
  type: z.enum(['number', 'flag']),
});
export type AssessmentMetric = z.infer<typeof assessmentMetricSchema>;

const points = z.number({ error: '应为数字' }).min(0, '不能为负数').max(1000, '分值过大');

const componentBase = {
  key: keyText,
  label: labelText,
  /** Optional heading the component belongs to, e.g. 空间建设与融合应用. */
  section: z.string().max(50).nullable(),
  /** Points at full marks (the weight, for scores out of 100). */
  maxPoints: points.refine((value) => value > 0, '满分应大于 0'),
  /** Bonus components (加分项) are added on top and never count toward a pass shortfall. */
  isBonus: z.boolean(),
};

export const assessmentComponentSchema = z.discriminatedUnion('type', [
  /** Full marks once `metric` reaches `target` (R1 watch time); below it proportional or nothing. */
  z.strictObject({
    ...componentBase,
    type: z.literal('target'),
    metric: keyText,
    target: z.number().positive('目标值应大于 0'),
    belowTarget: z.enum(['proportional', 'zero']),
  }),
  /** `metric` is a 0–100 score scaled to `maxPoints` (R1 objective/subjective homework). */
  z.strictObject({ ...componentBase, type: z.literal('percent'), metric: keyText }),
  /** `metric` is already in points, 0 … maxPoints (R4 expert scores). */
  z.strictObject({ ...componentBase, type: z.literal('points'), metric: keyText }),
  /** Full marks when any of the flags is true (R1 excellent homework, R4 school support). */
  z.strictObject({
    ...componentBase,
    type: z.literal('flag'),
    metrics: z.array(keyText).min(1, '至少一个指标').max(10),
  }),
  /** Full marks when `metric` ≥ `min` (R4: ≥ 50 class resources). */
  z.strictObject({
    ...componentBase,
    type: z.literal('threshold'),
    metric: keyText,
    min: z.number(),
  }),
  /** R4: minPoints + (x − min)/(max − min) × (maxPoints − minPoints) over all records. */
  z.strictObject({
    ...componentBase,
    type: z.literal('normalized'),
    metric: keyText,
    minPoints: points,
    /** Points for everyone when all values are equal (max = min). */
    whenAllEqual: points,
  }),
]);
export type AssessmentComponent = z.infer<typeof assessmentComponentSchema>;

const valueRange = z.strictObject({ min: z.number().nullable(), max: z.number().nullable() });

const gateBase = { key: keyText, label: labelText };

export const assessmentGateSchema = z.discriminatedUnion('type', [
  /** R2: all courses of the teacher's own stage completed. */
  z.strictObject({
    ...gateBase,
    type: z.literal('courses'),
    required: positiveInt,
    ownStageOnly: z.boolean(),
  }),
  /** R2: at least `required` valid replies (length, before the topic's deadline, not new topics). */
  z.strictObject({
    ...gateBase,
    type: z.literal('replies'),
    required: positiveInt,
    minChars: nonNegativeInt,
    /** `non-whitespace`: spaces and line breaks do not count toward the length. */
    charCounting: z.enum(['all', 'non-whitespace']),
    /** Whether a reply made exactly at the deadline still counts. */
    isDeadlineInclusive: z.boolean(),
    /** Whether starting a new topic (发帖) counts as a reply. */
    countsTopics: z.boolean(),
  }),
  /** R2: the best of the first `maxAttempts` test scores reaches `passScore`. */
  z.strictObject({
    ...gateBase,
    type: z.literal('best-attempt'),
    maxAttempts: positiveInt,
    passScore: z.number().min(0).max(100),
  }),
  z.strictObject({
    ...gateBase,
    type: z.literal('metric-at-least'),
    metric: keyText,
    min: z.number(),
  }),
  /** R4: at least `minCount` items (micro-courses, activities) whose value lies in a range. */
  z.strictObject({
    ...gateBase,
    type: z.literal('items'),
    item: keyText,
    /** e.g. 原创微课 */
    itemLabel: labelText,
    /** Counting word, e.g. 节, 项. */
    countUnit: z.string().max(5),
    /** Unit of each item's value, e.g. 分钟, 个作品. */
    valueUnit: z.string().max(10),
    minCount: positiveInt,
    each: valueRange,
    /** Range by the teacher's stage; stages not listed use `each`. */
    eachByStage: z.partialRecord(stage, valueRange).nullable(),
  }),
]);
export type AssessmentGate = z.infer<typeof assessmentGateSchema>;

export const assessmentRuleSetSchema = z
  .strictObject({
    kind: z.literal('assessment'),
    ...ruleSetMetaShape,
    metrics: z.array(assessmentMetricSchema).max(100),
    scoring: z
      .strictObject({
        components: z.array(assessmentComponentSchema).min(1, '至少一个评分项').max(50),
        /** Score needed to pass, or null when there is no pass mark (R4 ranks instead). */
        passMark: points.nullable(),
        excellentMark: points.nullable(),
        /** R1: excellent also needs qualitative conditions judged by people. */
        excellentNeedsReview: z.boolean(),
        /** Decimals the score is rounded to before it is compared with the marks. */
        decimals: z.number().int().min(0).max(4),
      })
      .nullable(),
    /** All-of conditions; every one must be met to pass. */
    gates: z.array(assessmentGateSchema).max(20),
    plagiarism: z
      .strictObject({
        /** Metric holding the quoted share of the homework, in percent. */
        metric: keyText,
        /** More than this is plagiarism (R1: 30). */
        maxPercent: percentNumber,
        ban: z.enum(['none', 'rest-of-calendar-year']),
        /** What the ban covers, e.g. 其他省级教师在线培训项目. */
        banScope: z.string().max(100),
      })
      .nullable(),
    /** Credit hours a pass earns (R2: 25); 0 when the project grants none. */
    creditHoursOnPass: nonNegativeNumber,
    /** Keep only the best `top` (R4: the district picks 25 spaces). */
    selection: z
      .strictObject({
        top: positiveInt,
        tieRule: z.enum(['include-ties', 'exclude-ties']),
        requirePass: z.boolean(),
      })
      .nullable(),
    /** At most `max` records per group may have a flag (R4: one super admin per school). */
    groupLimits: z
      .array(
        z.strictObject({
          metric: keyText,
          groupBy: z.literal('schoolId'),
          max: positiveInt,
        }),
      )
      .max(10),
  })
  .superRefine((ruleSet, ctx) => {
    const metrics = new Map<string, AssessmentMetric>();
    ruleSet.metrics.forEach((metric, index) => {
      if (metrics.has(metric.key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['metrics', index, 'key'],
          message: `指标 ${fragment(metric.key)} 重复`,
        });
      }
      metrics.set(metric.key, metric);
    });
    const expectMetric = (key: string, type: 'number' | 'flag', path: (string | number)[]) => {
      const metric = metrics.get(key);
      if (!metric)
        ctx.addIssue({
          code: 'custom',
          path,
          message: `引用了未在 metrics 中声明的指标 ${fragment(key)}`,
        });
      else if (metric.type !== type) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: `指标 ${fragment(key)} 应为${type === 'flag' ? '是/否（flag）' : '数值（number）'}类型`,
        });
      }
    };
    if (!ruleSet.scoring && ruleSet.gates.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['gates'],
        message: '评分 scoring 和合格条件 gates 至少要有一项',
      });
    }
    if (ruleSet.scoring) {
      const keys = new Set<string>();
      let total = 0;
      ruleSet.scoring.components.forEach((component, index) => {
        const path = ['scoring', 'components', index];
        if (keys.has(component.key)) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'key'],
            message: `评分项 ${fragment(component.key)} 重复`,
          });
        }
        keys.add(component.key);
        total += component.maxPoints;
        if (component.type === 'flag') {
          component.metrics.forEach((key, i) => expectMetric(key, 'flag', [...path, 'metrics', i]));
        } else {
          expectMetric(component.metric, 'number', [...path, 'metric']);
        }
        if (component.type === 'normalized') {
          if (component.minPoints > component.maxPoints) {
            ctx.addIssue({
              code: 'custom',
              path: [...path, 'minPoints'],
              message: '最低分不能高于满分',
            });
          }
          if (component.whenAllEqual > component.maxPoints) {
            ctx.addIssue({
              code: 'custom',
              path: [...path, 'whenAllEqual'],
              message: '不能高于满分',
            });
          }
        }
      });
      const { passMark, excellentMark } = ruleSet.scoring;
      if (passMark !== null && passMark > total) {
        ctx.addIssue({
          code: 'custom',
          path: ['scoring', 'passMark'],
          message: `合格线高于总分 ${num(total)}`,
        });
      }
      if (excellentMark !== null && passMark !== null && excellentMark < passMark) {
        ctx.addIssue({
          code: 'custom',
          path: ['scoring', 'excellentMark'],
          message: '优秀线不能低于合格线',
        });
      }
    } else if (ruleSet.selection) {
      ctx.addIssue({ code: 'custom', path: ['selection'], message: '按名次遴选需要评分 scoring' });
    }
    const gateKeys = new Set<string>();
    ruleSet.gates.forEach((gate, index) => {
      if (gateKeys.has(gate.key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['gates', index, 'key'],
          message: `合格条件 ${fragment(gate.key)} 重复`,
        });
      }
      gateKeys.add(gate.key);
      if (gate.type === 'metric-at-least')
        expectMetric(gate.metric, 'number', ['gates', index, 'metric']);
    });
    if (ruleSet.plagiarism)
      expectMetric(ruleSet.plagiarism.metric, 'number', ['plagiarism', 'metric']);
    ruleSet.groupLimits.forEach((limit, index) =>
      expectMetric(limit.metric, 'flag', ['groupLimits', index, 'metric']),
    );
  });
export type AssessmentRuleSet = z.infer<typeof assessmentRuleSetSchema>;

// ---------------------------------------------------------------------------------------------
// Input schema

export const assessmentRecordSchema = z.strictObject({
  teacherId: idText,
  name: z.string().max(50).optional(),
  stage: stage.optional(),
  schoolId: idText.optional(),
  /** Values of the metrics the rule set declares; flags as true/false. */
  metrics: z.record(keyText, z.union([z.number(), z.boolean()])).optional(),
  /** R2 course progress; `stage` is the course's stage. */
  courses: z
    .array(z.strictObject({ courseId: idText, stage: stage.optional(), isCompleted: z.boolean() }))
    .max(500)
    .optional(),
  /** Completed courses as counted by the platform, when there is no `courses` list. */
  completedCourses: nonNegativeInt.optional(),
  /** R2 forum activity: new topics and replies, with the topic's deadline. */
  discussions: z
    .array(
      z
        .strictObject({
          type: z.enum(['topic', 'reply']),
          topicId: idText.optional(),
          /** Length as counted by the platform; otherwise counted from `text`. */
          chars: nonNegativeInt.optional(),
          text: z.string().max(20_000).optional(),
          at: isoDateTimeText,
          deadline: isoDateTimeText,
        })
        .refine((item) => item.chars !== undefined || item.text !== undefined, {
          message: '回帖需提供字数 chars 或正文 text',
        }),
    )
    .max(5000)
    .optional(),
  /** Valid replies as counted by the platform, when there is no `discussions` list. */
  validReplies: nonNegativeInt.optional(),
  /** Test scores in the order taken. */
  testScores: z
    .array(z.number().min(0, '成绩不能为负').max(100, '成绩不能超过 100'))
    .max(100)
    .optional(),
  /** Lists of item values for `items` gates, e.g. micro-course minutes. */
  items: z.record(keyText, z.array(z.number()).max(1000)).optional(),
});
export type AssessmentRecord = z.infer<typeof assessmentRecordSchema>;

export const assessmentInputSchema = z
  .strictObject({ records: z.array(assessmentRecordSchema).max(1_000_000) })
  .superRefine((input, ctx) =>
    refineUniqueIds(
      ctx,
      input.records,
      (r) => r.teacherId,
      { base: ['records'], idKey: 'teacherId' },
      (id) => `教师 ${fragment(id)} 重复出现`,
    ),
  );
export type AssessmentInput = z.infer<typeof assessmentInputSchema>;

/**
 * Metric names and types in records must match the rule set: a typo (watchMinute) would otherwise
 * silently count as missing data.
 */
export function checkAssessmentInput(
  ruleSet: AssessmentRuleSet,
  input: AssessmentInput,
): { path: string; message: string }[] {
  const types = new Map(ruleSet.metrics.map((metric) => [metric.key, metric.type]));
  const errors: { path: string; message: string }[] = [];
  for (let i = 0; i < input.records.length && errors.length < 100; i += 1) {
    const metrics = input.records[i]?.metrics;
    if (!metrics) continue;
    for (const [key, value] of Object.entries(metrics)) {
      const type = types.get(key);
      const path = `records[${i}].metrics.${fragment(key)}`;
      if (type === undefined) errors.push({ path, message: `规则集中没有指标 ${fragment(key)}` });
      else if (type === 'number' && typeof value !== 'number')
        errors.push({ path, message: '应为数字' });
      else if (type === 'flag' && typeof value !== 'boolean')
        errors.push({ path, message: '应为 true 或 false' });
    }
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Output

export interface ComponentResult {
  key: string;
  label: string;
  section: string | null;
  isBonus: boolean;
  maxPoints: number;
  /** The metric value used (null when the record did not provide it). */
  value: number | boolean | null;
  points: number;
  note: string;
}

export interface GateResult {
  key: string;
  label: string;
  isMet: boolean;
  value: number;
  required: number;
  note: string;
}

export interface AssessmentRecordResult {
  teacherId: string;
  name: string | null;
  /** Total score including bonus, rounded; null when the rule set has no scoring. */
  score: number | null;
  baseScore: number | null;
  bonusScore: number | null;
  isPassed: boolean;
  /** Null when the rule set has no excellent mark. */
  isExcellent: boolean | null;
  components: ComponentResult[];
  gates: GateResult[];
  plagiarism: {
    isPlagiarism: boolean;
    quotedPercent: number | null;
    banUntil: string | null;
  } | null;
  creditHours: number;
  rank: number | null;
  isSelected: boolean | null;
  /** What is still needed to pass, in Chinese; empty once passed. */
  missing: string[];
  notes: string[];
}

export interface AssessmentOutput {
  kind: 'assessment';
  ruleSetId: string;
  records: AssessmentRecordResult[];
  summary: {
    records: number;
    passed: number;
    /** Percent of records, two decimals. */
    passRate: number;
    excellent: number;
    plagiarism: number;
    selected: number | null;
    warnings: string[];
  };
}

export interface AssessmentOptions {
  /** ISO date of the evaluation: the plagiarism ban runs to the end of this year. */
  now: string;
}

// ---------------------------------------------------------------------------------------------
// Evaluation

function countChars(text: string, mode: 'all' | 'non-whitespace'): number {
  let count = 0;
  for (const char of text) {
    if (mode === 'all' || !/\s/u.test(char)) count += 1;
  }
  return count;
}

function metricNumber(record: AssessmentRecord, key: string): number | null {
  const value = record.metrics?.[key];
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return null;
}

function metricFlag(record: AssessmentRecord, key: string): boolean {
  const value = record.metrics?.[key];
  return value === true || (typeof value === 'number' && value > 0);
}

function withUnit(value: number, unit: string): string {
  return unit === '' ? num(value) : `${num(value)} ${unit}`;
}

function rangeText(
  range: { min: number | null; max: number | null },
  countUnit: string,
  unit: string,
): string {
  if (range.min !== null && range.max !== null)
    return `每${countUnit} ${num(range.min)}–${num(range.max)} ${unit}`.trim();
  if (range.min !== null) return `每${countUnit}不少于 ${num(range.min)} ${unit}`.trim();
  if (range.max !== null) return `每${countUnit}不超过 ${num(range.max)} ${unit}`.trim();
  return '';
}

interface PreparedAssessment {
  metrics: Map<string, AssessmentMetric>;
  /** Per normalized component key: record index → points. */
  normalized: Map<string, Float64Array>;
  normalizedRange: Map<string, { min: number | null; max: number | null }>;
}

function prepare(
  ruleSet: AssessmentRuleSet,
  records: readonly AssessmentRecord[],
): PreparedAssessment {
  const metrics = new Map(ruleSet.metrics.map((metric) => [metric.key, metric]));
  const normalized = new Map<string, Float64Array>();
  const normalizedRange = new Map<string, { min: number | null; max: number | null }>();
  for (const component of ruleSet.scoring?.components ?? []) {
    if (component.type !== 'normalized') continue;
    const indexes: number[] = [];
    const values: number[] = [];
    records.forEach((record, index) => {
      const value = metricNumber(record, component.metric);
      if (value !== null) {
        indexes.push(index);
        values.push(value);
      }
    });
    const { scores, min, max } = minMaxNormalize(
      values,
      component.minPoints,
      component.maxPoints,
      component.whenAllEqual,
    );
    const byRecord = new Float64Array(records.length);
    indexes.forEach((recordIndex, i) => {
      byRecord[recordIndex] = scores[i] ?? 0;
    });
    normalized.set(component.key, byRecord);
    normalizedRange.set(component.key, { min, max });
  }
  return { metrics, normalized, normalizedRange };
}

/**
 * Per component, the explanation texts. They state the rule applied ("未达 1800 分钟，按比例折算");
 * the figures are in `value` and `points`. Built once per evaluation, not per record, because
 * 100,000 records × 5 components of fresh sentences cost more than the scoring itself.
 */
interface ComponentInfo {
  metricLabel: string;
  unit: string;
  missingNote: string;
  missingItem: string;
  /** Met / full marks. */
  metNote: string;
  /** Not met: proportional, zero, below threshold, or (flags) none of the flags. */
  unmetNote: string;
  /** Flag components: note per metric key that was true. */
  flagNotes: Map<string, string>;
}

function componentInfo(
  component: AssessmentComponent,
  metrics: Map<string, AssessmentMetric>,
  normalizedRange: Map<string, { min: number | null; max: number | null }>,
): ComponentInfo {
  const label = (key: string) => metrics.get(key)?.label ?? key;
  const metricKey = component.type === 'flag' ? (component.metrics[0] ?? '') : component.metric;
  const metricLabel = label(metricKey);
  const unit = metrics.get(metricKey)?.unit ?? '';
  const max = num(component.maxPoints);
  const info: ComponentInfo = {
    metricLabel,
    unit,
    missingNote: `缺少「${metricLabel}」数据，按 0 分计`,
    missingItem: `缺少「${metricLabel}」数据`,
    metNote: '',
    unmetNote: '',
    flagNotes: new Map(),
  };
  switch (component.type) {
    case 'flag':
      for (const key of component.metrics)
        info.flagNotes.set(key, `满足「${label(key)}」，得 ${max} 分`);
      info.unmetNote = `未满足「${component.metrics.map(label).join('」或「')}」`;
      break;
    case 'target':
      info.metNote = `达到 ${withUnit(component.target, unit)}，得满分`;
      info.unmetNote =
        component.belowTarget === 'proportional'
          ? `未达 ${withUnit(component.target, unit)}，按比例折算（${max} × 实际 / ${num(component.target)}）`
          : `未达 ${withUnit(component.target, unit)}，不得分`;
      break;
    case 'percent':
      info.metNote = `百分制得分折算为 ${max} 分（× ${max} / 100）`;
      break;
    case 'points':
      info.metNote = `按评分计（0–${max} 分）`;
      info.unmetNote = `评分超出 0–${max}，按边界计`;
      break;
    case 'threshold':
      info.metNote = `达到 ${withUnit(component.min, unit)}，得 ${max} 分`;
      info.unmetNote = `未达 ${withUnit(component.min, unit)}，不得分`;
      break;
    case 'normalized': {
      const range = normalizedRange.get(component.key);
      info.metNote =
        range && range.min !== null && range.max !== null && range.max !== range.min
          ? `按 ${num(component.minPoints)} + (x − ${num(range.min)}) / (${num(range.max)} − ${num(range.min)}) × ${num(component.maxPoints - component.minPoints)} 计算（参评者最低 ${num(range.min)}、最高 ${num(range.max)}）`
          : `所有参评者${metricLabel}相同，均得 ${num(component.whenAllEqual)} 分`;
      break;
    }
  }
  return info;
}

function componentResult(
  component: AssessmentComponent,
  value: number | boolean | null,
  points: number,
  note: string,
): ComponentResult {
  return {
    key: component.key,
    label: component.label,
    section: component.section,
    isBonus: component.isBonus,
    maxPoints: component.maxPoints,
    value,
    points,
    note,
  };
}

function evaluateComponent(
  component: AssessmentComponent,
  info: ComponentInfo,
  record: AssessmentRecord,
  recordIndex: number,
  prepared: PreparedAssessment,
  missing: string[],
): ComponentResult {
  const max = component.maxPoints;
  if (component.type === 'flag') {
    const hit = component.metrics.find((key) => metricFlag(record, key));
    return hit === undefined
      ? componentResult(component, false, 0, info.unmetNote)
      : componentResult(component, true, max, info.flagNotes.get(hit) ?? '');
  }
  const value = metricNumber(record, component.metric);
  if (value === null) {
    if (!component.isBonus) missing.push(info.missingItem);
    return componentResult(component, null, 0, info.missingNote);
  }
  switch (component.type) {
    case 'target': {
      if (value >= component.target) return componentResult(component, value, max, info.metNote);
      if (!component.isBonus) {
        missing.push(`${info.metricLabel}还差 ${withUnit(component.target - value, info.unit)}`);
      }
      const earned =
        component.belowTarget === 'zero' ? 0 : (max * Math.max(0, value)) / component.target;
      return componentResult(component, value, earned, info.unmetNote);
    }
    case 'percent':
      return componentResult(
        component,
        value,
        (max * Math.min(100, Math.max(0, value))) / 100,
        info.metNote,
      );
    case 'points': {
      const clamped = Math.min(max, Math.max(0, value));
      return componentResult(
        component,
        value,
        clamped,
        clamped === value ? info.metNote : info.unmetNote,
      );
    }
    case 'threshold':
      return value >= component.min
        ? componentResult(component, value, max, info.metNote)
        : componentResult(component, value, 0, info.unmetNote);
    case 'normalized':
      return componentResult(
        component,
        value,
        prepared.normalized.get(component.key)?.[recordIndex] ?? 0,
        info.metNote,
      );
  }
}

function evaluateGate(
  gate: AssessmentGate,
  record: AssessmentRecord,
  missing: string[],
): GateResult {
  const base = { key: gate.key, label: gate.label };
  switch (gate.type) {
    case 'courses': {
      let value = 0;
      let note: string;
      if (record.courses) {
        if (gate.ownStageOnly && record.stage === undefined) {
          note = '缺少教师学段，无法认定本学段课程';
        } else {
          const counted = new Set<string>();
          const otherStage = new Set<string>();
          for (const course of record.courses) {
            if (!course.isCompleted) continue;
            if (gate.ownStageOnly && course.stage !== record.stage) otherStage.add(course.courseId);
            else counted.add(course.courseId);
          }
          value = counted.size;
          note = `已完成${gate.ownStageOnly ? '本学段' : ''}课程 ${value} 门`;
          if (otherStage.size > 0) note += `（其他学段课程 ${otherStage.size} 门不计）`;
        }
      } else if (record.completedCourses !== undefined) {
        value = record.completedCourses;
        note = `平台统计已完成课程 ${value} 门`;
      } else {
        note = '缺少课程学习数据';
      }
      const isMet = value >= gate.required;
      if (!isMet)
        missing.push(
          `还差 ${gate.required - value} 门${gate.ownStageOnly ? '本学段' : ''}课程未完成（共需 ${gate.required} 门）`,
        );
      return { ...base, isMet, value, required: gate.required, note };
    }
    case 'replies': {
      let value = 0;
      let note: string;
      if (record.discussions) {
        let short = 0;
        let late = 0;
        let topics = 0;
        for (const item of record.discussions) {
          if (item.type === 'topic' && !gate.countsTopics) {
            topics += 1;
            continue;
          }
          const chars = item.chars ?? countChars(item.text ?? '', gate.charCounting);
          if (chars < gate.minChars) {
            short += 1;
            continue;
          }
          const at = parseDateTimeMs(item.at);
          const deadline = parseDateTimeMs(item.deadline);
          if (gate.isDeadlineInclusive ? at > deadline : at >= deadline) {
            late += 1;
            continue;
          }
          value += 1;
        }
        const excluded: string[] = [];
        if (short > 0) excluded.push(`${short} 条不足 ${gate.minChars} 字`);
        if (late > 0) excluded.push(`${late} 条晚于主题截止时间`);
        if (topics > 0) excluded.push(`自己发起的主题 ${topics} 个不计`);
        note = `有效回帖 ${value} 条${excluded.length > 0 ? `（${excluded.join('，')}）` : ''}`;
      } else if (record.validReplies !== undefined) {
        value = record.validReplies;
        note = `平台统计有效回帖 ${value} 条`;
      } else {
        note = '缺少讨论数据';
      }
      const isMet = value >= gate.required;
      if (!isMet) {
        missing.push(
          `还差 ${gate.required - value} 条有效回帖（每条不少于 ${gate.minChars} 字，须在主题截止前发表）`,
        );
      }
      return { ...base, isMet, value, required: gate.required, note };
    }
    case 'best-attempt': {
      const scores = record.testScores ?? [];
      const counted = scores.slice(0, gate.maxAttempts);
      const ignored = scores.length - counted.length;
      const best = counted.length > 0 ? Math.max(...counted) : null;
      const isMet = best !== null && best >= gate.passScore;
      let note =
        best === null ? '尚未参加测试' : `前 ${counted.length} 次测试最好成绩 ${num(best)} 分`;
      if (ignored > 0) note += `；第 ${gate.maxAttempts + 1} 次及以后的 ${ignored} 次测试不计`;
      if (!isMet) {
        const left = gate.maxAttempts - counted.length;
        if (best === null)
          missing.push(
            `尚未参加测试（${num(gate.passScore)} 分合格，最多 ${gate.maxAttempts} 次）`,
          );
        else if (left > 0)
          missing.push(
            `测试最好成绩 ${num(best)} 分，未达 ${num(gate.passScore)} 分，还可再考 ${left} 次`,
          );
        else
          missing.push(
            `${gate.maxAttempts} 次测试机会已用完，最好成绩 ${num(best)} 分，未达 ${num(gate.passScore)} 分`,
          );
      }
      return { ...base, isMet, value: best ?? 0, required: gate.passScore, note };
    }
    case 'metric-at-least': {
      const value = metricNumber(record, gate.metric);
      const isMet = value !== null && value >= gate.min;
      if (!isMet) {
        missing.push(
          value === null
            ? `缺少「${gate.label}」数据`
            : `${gate.label}还差 ${num(gate.min - value)}`,
        );
      }
      return {
        ...base,
        isMet,
        value: value ?? 0,
        required: gate.min,
        note: value === null ? '缺少数据' : `${num(value)}`,
      };
    }
    case 'items': {
      const values = record.items?.[gate.item] ?? [];
      const range =
        (record.stage !== undefined ? gate.eachByStage?.[record.stage] : undefined) ?? gate.each;
      let value = 0;
      for (const itemValue of values) {
        if (
          (range.min === null || itemValue >= range.min) &&
          (range.max === null || itemValue <= range.max)
        )
          value += 1;
      }
      const condition = rangeText(range, gate.countUnit, gate.valueUnit);
      const outOfRange = values.length - value;
      const isMet = value >= gate.minCount;
      if (!isMet) {
        missing.push(
          `还差 ${gate.minCount - value} ${gate.countUnit}合格的${gate.itemLabel}${condition !== '' ? `（${condition}）` : ''}`,
        );
      }
      const note = `合格的${gate.itemLabel} ${value} ${gate.countUnit}${outOfRange > 0 ? `，另有 ${outOfRange} ${gate.countUnit}不符合要求${condition !== '' ? `（${condition}）` : ''}` : ''}`;
      return { ...base, isMet, value, required: gate.minCount, note };
    }
  }
}

export function evaluateAssessment(
  ruleSet: AssessmentRuleSet,
  input: AssessmentInput,
  options: AssessmentOptions,
): AssessmentOutput {
  const records = input.records;
  const prepared = prepare(ruleSet, records);
  const scoring = ruleSet.scoring;
  const infos = (scoring?.components ?? []).map((component) =>
    componentInfo(component, prepared.metrics, prepared.normalizedRange),
  );
  const year = options.now.slice(0, 4);
  const results: AssessmentRecordResult[] = new Array<AssessmentRecordResult>(records.length);

  for (let index = 0; index < records.length; index += 1) {
    const record = records[index] as AssessmentRecord;
    const missing: string[] = [];
    const notes: string[] = [];
    let isPassed = true;

    let plagiarism: AssessmentRecordResult['plagiarism'] = null;
    if (ruleSet.plagiarism) {
      const rule = ruleSet.plagiarism;
      const quoted = metricNumber(record, rule.metric);
      const isPlagiarism = quoted !== null && quoted > rule.maxPercent;
      const banUntil =
        isPlagiarism && rule.ban === 'rest-of-calendar-year' ? `${year}-12-31` : null;
      plagiarism = { isPlagiarism, quotedPercent: quoted, banUntil };
      if (isPlagiarism) {
        isPassed = false;
        missing.push(
          `作业引用比例 ${num(quoted)}% 超过 ${num(rule.maxPercent)}%，判定为抄袭，本次培训不合格` +
            (banUntil !== null ? `；${banUntil} 前不得参加${rule.banScope}` : ''),
        );
      }
    }

    const gates = ruleSet.gates.map((gate) => evaluateGate(gate, record, missing));
    if (gates.some((gate) => !gate.isMet)) isPassed = false;

    let score: number | null = null;
    let baseScore: number | null = null;
    let bonusScore: number | null = null;
    let isExcellent: boolean | null = null;
    let components: ComponentResult[] = [];
    if (scoring) {
      const componentMissing: string[] = [];
      components = scoring.components.map((component, c) =>
        evaluateComponent(
          component,
          infos[c] as ComponentInfo,
          record,
          index,
          prepared,
          componentMissing,
        ),
      );
      let base = 0;
      let bonus = 0;
      for (const component of components) {
        if (component.isBonus) bonus += component.points;
        else base += component.points;
        component.points = roundTo(component.points, scoring.decimals);
      }
      baseScore = roundTo(base, scoring.decimals);
      bonusScore = roundTo(bonus, scoring.decimals);
      score = roundTo(base + bonus, scoring.decimals);
      if (scoring.passMark !== null && score < scoring.passMark) {
        isPassed = false;
        missing.push(
          `总分 ${num(score)} 分，还差 ${num(roundTo(scoring.passMark - score, scoring.decimals))} 分达到合格线 ${num(scoring.passMark)} 分`,
          ...componentMissing,
        );
      } else if (scoring.passMark === null) {
        missing.push(...componentMissing);
      }
      if (scoring.excellentMark !== null) {
        isExcellent = isPassed && score >= scoring.excellentMark;
        if (isExcellent && scoring.excellentNeedsReview)
          notes.push('总分达到优秀线，另需人工评定定性条件');
      }
    }
    const creditHours = isPassed ? ruleSet.creditHoursOnPass : 0;
    if (isPassed && creditHours > 0) notes.push(`合格，获得 ${num(creditHours)} 学时`);

    results[index] = {
      teacherId: record.teacherId,
      name: record.name ?? null,
      score,
      baseScore,
      bonusScore,
      isPassed,
      isExcellent,
      components,
      gates,
      plagiarism,
      creditHours,
      rank: null,
      isSelected: null,
      missing: isPassed ? [] : missing,
      notes,
    };
  }

  let selected: number | null = null;
  if (ruleSet.selection && scoring) {
    const selection = ruleSet.selection;
    const candidates = results.filter((result) => !selection.requirePass || result.isPassed);
    const outcome = selectTop(
      candidates,
      (result) => ({ num: result.score ?? 0, den: 1 }),
      (result) => result.teacherId,
      selection.top,
      selection.tieRule satisfies TieRule,
    );
    for (const entry of outcome.ranked) {
      entry.item.rank = entry.rank;
      entry.item.isSelected = entry.isSelected;
      if (entry.isSelected)
        entry.item.notes.push(`排名第 ${entry.rank}，入选前 ${selection.top} 名`);
      else entry.item.notes.push(`排名第 ${entry.rank}，未入选前 ${selection.top} 名`);
    }
    if (outcome.tiedAtBoundary > 1) {
      for (const entry of outcome.ranked) {
        if (
          entry.rank <= selection.top &&
          entry.rank + outcome.tiedAtBoundary - 1 > selection.top
        ) {
          entry.item.notes.push(
            selection.tieRule === 'include-ties'
              ? `第 ${entry.rank} 名并列 ${outcome.tiedAtBoundary} 人，按“并列均入选”规则全部入选`
              : `第 ${entry.rank} 名并列 ${outcome.tiedAtBoundary} 人，超出名额，按“并列均不入选”规则均不入选`,
          );
        }
      }
    }
    selected = outcome.selectedCount;
  }

  const warnings: string[] = [];
  for (const limit of ruleSet.groupLimits) {
    const label = prepared.metrics.get(limit.metric)?.label ?? limit.metric;
    const bySchool = new Map<string, string[]>();
    for (const record of records) {
      if (!metricFlag(record, limit.metric) || record.schoolId === undefined) continue;
      const list = bySchool.get(record.schoolId) ?? [];
      list.push(record.teacherId);
      bySchool.set(record.schoolId, list);
    }
    for (const [schoolId, teacherIds] of [...bySchool].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      if (teacherIds.length > limit.max) {
        warnings.push(
          `学校 ${schoolId} 有 ${teacherIds.length} 名教师标为「${label}」，每校至多 ${limit.max} 名（${[...teacherIds].sort().join('、')}）`,
        );
      }
    }
  }

  let passed = 0;
  let excellent = 0;
  let plagiarismCount = 0;
  for (const result of results) {
    if (result.isPassed) passed += 1;
    if (result.isExcellent === true) excellent += 1;
    if (result.plagiarism?.isPlagiarism) plagiarismCount += 1;
  }
  return {
    kind: 'assessment',
    ruleSetId: ruleSet.id,
    records: results,
    summary: {
      records: results.length,
      passed,
      passRate: results.length === 0 ? 0 : roundTo((passed * 100) / results.length, 2),
      excellent,
      plagiarism: plagiarismCount,
      selected,
      warnings,
    },
  };
}
