/**
 * Credit-hour rule sets (R5): daily caps by category, the yearly minimum, the five-year cycle with
 * category bounds, and the yes/no checks that credits feed (title evaluation by title and tenure,
 * certificate re-registration, annual-appraisal excellence, honours, personalized training).
 *
 * Hours are summed as integer hundredths so that 47.9 stays below 48 and 8 × 6 is exactly 48.
 * Every cut (a daily cap, the school-based bound) is listed with its reason.
 */
import { fragment } from '../text-fragment';
import { z } from 'zod';
import {
  compareText,
  idText,
  isoDateText,
  keyText,
  labelText,
  nonNegativeNumber,
  num,
  positiveInt,
  ruleSetMetaShape,
} from './common';
import { addYears, dayOf, daysFromCivil, formatDay, yearOfDay } from './dates';

export const teacherTitles = ['初级', '中级', '高级', '正高级'] as const;
export const teacherTitle = z.enum(teacherTitles);
export type TeacherTitle = z.infer<typeof teacherTitle>;

const hours = z.number({ error: '应为数字' }).min(0, '不能为负数').max(100_000, '数值过大');

const windowRule = {
  lookbackYears: positiveInt.max(20),
  minimum: nonNegativeNumber,
  /** Whether the cycle's category bounds (school-based ≤ 120, A-class ≥ 240) apply in this window. */
  applyCategoryBounds: z.boolean(),
};

export const creditsRuleSetSchema = z
  .strictObject({
    kind: z.literal('credits'),
    ...ruleSetMetaShape,
    /** Categories of training; the order is the priority when a daily cap cuts hours. */
    categories: z
      .array(z.strictObject({ code: keyText, label: labelText }))
      .min(1)
      .max(30),
    /** Per-day caps; `categories` null = all hours of the day (R5: 8, school-based 6). */
    dailyCaps: z
      .array(
        z.strictObject({
          categories: z.array(keyText).min(1).nullable(),
          max: hours.refine((value) => value > 0, '应大于 0'),
          label: z.string().max(100).nullable(),
        }),
      )
      .max(20),
    /** Minimum per calendar year (R5: 48); below it a teacher cannot be rated excellent. */
    yearlyMinimum: hours,
    cycle: z.strictObject({
      years: positiveInt.max(10),
      minimum: hours,
      /** First year of the first cycle (cycles follow every `years` years); a teacher may differ. */
      firstStartYear: z.number().int().min(1900).max(2200),
      /** Whether every year of the cycle must also reach the yearly minimum for the cycle to count
       *  as met (R5: no, the yearly minimum only serves the annual appraisal). */
      requireYearlyMinimum: z.boolean(),
    }),
    /** Bounds over a cycle: `maxCounted` ignores the excess, `minRequired` must be reached. */
    categoryBounds: z
      .array(
        z.strictObject({
          label: labelText,
          categories: z.array(keyText).min(1),
          maxCounted: hours.nullable(),
          minRequired: hours.nullable(),
        }),
      )
      .max(20),
    /** `rolling`: the N years up to the day before the application date; `calendar-years`: the N
     *  whole calendar years before the application year. */
    windowMode: z.enum(['rolling', 'calendar-years']),
    /** Title-evaluation thresholds; for a title the row with the highest `minTenureYears` not above
     *  the teacher's tenure applies. */
    titleRules: z
      .array(
        z.strictObject({
          title: teacherTitle,
          minTenureYears: z.number().int().min(0).max(60),
          ...windowRule,
        }),
      )
      .max(50),
    certificateRenewal: z.strictObject({ applyCategoryBounds: z.boolean() }).nullable(),
    honours: z.strictObject(windowRule).nullable(),
    personalizedTraining: z
      .strictObject({ minimumTimes: positiveInt, years: positiveInt.max(20) })
      .nullable(),
  })
  .superRefine((ruleSet, ctx) => {
    const codes = new Set<string>();
    ruleSet.categories.forEach((category, index) => {
      if (codes.has(category.code)) {
        ctx.addIssue({
          code: 'custom',
          path: ['categories', index, 'code'],
          message: `类别 ${fragment(category.code)} 重复`,
        });
      }
      codes.add(category.code);
    });
    const check = (list: readonly string[] | null, path: (string | number)[]) =>
      list?.forEach((code, i) => {
        if (!codes.has(code))
          ctx.addIssue({
            code: 'custom',
            path: [...path, i],
            message: `未声明的学分类别 ${fragment(code)}`,
          });
      });
    ruleSet.dailyCaps.forEach((cap, index) =>
      check(cap.categories, ['dailyCaps', index, 'categories']),
    );
    ruleSet.categoryBounds.forEach((bound, index) => {
      check(bound.categories, ['categoryBounds', index, 'categories']);
      if (bound.maxCounted === null && bound.minRequired === null) {
        ctx.addIssue({
          code: 'custom',
          path: ['categoryBounds', index],
          message: 'maxCounted 与 minRequired 至少填一项',
        });
      }
    });
  });
export type CreditsRuleSet = z.infer<typeof creditsRuleSetSchema>;

export const creditRecordSchema = z.strictObject({
  date: isoDateText,
  category: keyText,
  hours,
  id: idText.optional(),
  title: z.string().max(200).optional(),
  /** A city personalized training session (个性化培训). */
  isPersonalized: z.boolean().optional(),
});
export type CreditRecord = z.infer<typeof creditRecordSchema>;

export const creditsInputSchema = z.strictObject({
  /** The application / evaluation date; defaults to the evaluation's `now`. */
  asOf: isoDateText.optional(),
  /** Year judged for the annual appraisal; defaults to the year of `asOf`. */
  appraisalYear: z.number().int().min(1900).max(2200).optional(),
  teachers: z
    .array(
      z.strictObject({
        teacherId: idText,
        name: z.string().max(50).optional(),
        /** Title applied for (职称评审), if any. */
        title: teacherTitle.optional(),
        /** Whole years in the current title. */
        tenureYears: z.number().int().min(0).max(60).optional(),
        cycleStartYear: z.number().int().min(1900).max(2200).optional(),
        records: z.array(creditRecordSchema).max(100_000),
      }),
    )
    .max(100_000),
});
export type CreditsInput = z.infer<typeof creditsInputSchema>;

export interface CreditsOptions {
  now: string;
}

interface CategoryAmount {
  category: string;
  label: string;
  hours: number;
}

export interface CreditsTeacherResult {
  teacherId: string;
  name: string | null;
  /** Records a daily cap cut. */
  adjustments: { date: string; category: string; hours: number; counted: number; reason: string }[];
  years: {
    year: number;
    hours: number;
    counted: number;
    byCategory: CategoryAmount[];
    meetsMinimum: boolean;
    note: string;
  }[];
  cycle: {
    startYear: number;
    endYear: number;
    /** After daily caps, before category bounds. */
    counted: number;
    /** After category bounds: what counts toward the cycle minimum. */
    total: number;
    byCategory: CategoryAmount[];
    bounds: {
      label: string;
      hours: number;
      limit: number;
      kind: 'max' | 'min';
      isMet: boolean;
      note: string;
    }[];
    isMet: boolean;
    reasons: string[];
  };
  purposes: {
    purpose:
      | 'annual-appraisal'
      | 'certificate-renewal'
      | 'title-evaluation'
      | 'honours'
      | 'personalized-training';
    label: string;
    /** Null when the question cannot be answered (e.g. no title applied for). */
    isEligible: boolean | null;
    window: { from: string; to: string } | null;
    counted: number | null;
    required: number | null;
    reasons: string[];
  }[];
}

export interface CreditsOutput {
  kind: 'credits';
  ruleSetId: string;
  asOf: string;
  teachers: CreditsTeacherResult[];
  summary: { teachers: number; cycleMet: number; appraisalEligible: number };
}

/** Category codes in records must be declared by the rule set. */
export function checkCreditsInput(
  ruleSet: CreditsRuleSet,
  input: CreditsInput,
): { path: string; message: string }[] {
  const codes = new Set(ruleSet.categories.map((category) => category.code));
  const errors: { path: string; message: string }[] = [];
  input.teachers.forEach((teacher, t) =>
    teacher.records.forEach((record, r) => {
      if (!codes.has(record.category) && errors.length < 100) {
        errors.push({
          path: `teachers[${t}].records[${r}].category`,
          message: `规则集中没有学分类别 ${record.category}`,
        });
      }
    }),
  );
  return errors;
}

const toCents = (value: number): number => Math.round(value * 100);
const fromCents = (value: number): number => value / 100;

interface CountedRecord {
  day: number;
  category: string;
  cents: number;
  isPersonalized: boolean;
}

export function evaluateCredits(
  ruleSet: CreditsRuleSet,
  input: CreditsInput,
  options: CreditsOptions,
): CreditsOutput {
  const asOfText = input.asOf ?? options.now;
  const asOf = dayOf(asOfText);
  const asOfYear = yearOfDay(asOf);
  const appraisalYear = input.appraisalYear ?? asOfYear;
  const priority = new Map(ruleSet.categories.map((category, index) => [category.code, index]));
  const labelOf = new Map(ruleSet.categories.map((category) => [category.code, category.label]));
  const capText = ruleSet.dailyCaps.map(
    (cap) =>
      cap.label ??
      (cap.categories === null
        ? `每日上限 ${num(cap.max)} 学分`
        : `${cap.categories.map((code) => labelOf.get(code) ?? code).join('、')}每日上限 ${num(cap.max)} 学分`),
  );

  const window = (lookbackYears: number): { from: number; to: number } =>
    ruleSet.windowMode === 'rolling'
      ? { from: addYears(asOf, -lookbackYears), to: asOf - 1 }
      : {
          from: daysFromCivil(asOfYear - lookbackYears, 1, 1),
          to: daysFromCivil(asOfYear - 1, 12, 31),
        };

  const teachers = input.teachers.map((teacher): CreditsTeacherResult => {
    const sorted = teacher.records
      .map((record) => ({ record, day: dayOf(record.date) }))
      .sort(
        (x, y) =>
          x.day - y.day ||
          (priority.get(x.record.category) ?? 0) - (priority.get(y.record.category) ?? 0) ||
          compareText(x.record.id ?? '', y.record.id ?? '') ||
          compareText(x.record.title ?? '', y.record.title ?? '') ||
          y.record.hours - x.record.hours,
      );

    // Daily caps, in category priority order within each day.
    const adjustments: CreditsTeacherResult['adjustments'] = [];
    const counted: CountedRecord[] = [];
    let currentDay = Number.NaN;
    const used = new Array<number>(ruleSet.dailyCaps.length).fill(0);
    for (const { record, day } of sorted) {
      if (day !== currentDay) {
        currentDay = day;
        used.fill(0);
      }
      const cents = toCents(record.hours);
      let allowed = cents;
      let binding = -1;
      ruleSet.dailyCaps.forEach((cap, i) => {
        if (cap.categories !== null && !cap.categories.includes(record.category)) return;
        const room = Math.max(0, toCents(cap.max) - (used[i] ?? 0));
        if (room < allowed) {
          allowed = room;
          binding = i;
        }
      });
      ruleSet.dailyCaps.forEach((cap, i) => {
        if (cap.categories === null || cap.categories.includes(record.category))
          used[i] = (used[i] ?? 0) + allowed;
      });
      if (binding >= 0) {
        const text = capText[binding] ?? '';
        adjustments.push({
          date: record.date,
          category: record.category,
          hours: record.hours,
          counted: fromCents(allowed),
          reason:
            allowed === 0
              ? `${text}已满，此条不计`
              : `受${text}限制，只计 ${num(fromCents(allowed))}（原 ${num(record.hours)}）`,
        });
      }
      counted.push({
        day,
        category: record.category,
        cents: allowed,
        isPersonalized: record.isPersonalized === true,
      });
    }

    const byCategoryIn = (from: number, to: number): Map<string, number> => {
      const sums = new Map<string, number>();
      for (const item of counted) {
        if (item.day >= from && item.day <= to)
          sums.set(item.category, (sums.get(item.category) ?? 0) + item.cents);
      }
      return sums;
    };
    const amounts = (sums: Map<string, number>): CategoryAmount[] =>
      ruleSet.categories
        .filter((category) => (sums.get(category.code) ?? 0) !== 0)
        .map((category) => ({
          category: category.code,
          label: category.label,
          hours: fromCents(sums.get(category.code) ?? 0),
        }));
    const sumOf = (sums: Map<string, number>): number => {
      let total = 0;
      for (const value of sums.values()) total += value;
      return total;
    };
    const bounded = (sums: Map<string, number>) => {
      let total = sumOf(sums);
      const bounds: CreditsTeacherResult['cycle']['bounds'] = [];
      for (const bound of ruleSet.categoryBounds) {
        let cents = 0;
        for (const code of bound.categories) cents += sums.get(code) ?? 0;
        if (bound.maxCounted !== null) {
          const limit = toCents(bound.maxCounted);
          const excess = Math.max(0, cents - limit);
          total -= excess;
          bounds.push({
            label: bound.label,
            hours: fromCents(cents),
            limit: bound.maxCounted,
            kind: 'max',
            isMet: true,
            note:
              excess > 0
                ? `${bound.label} ${num(fromCents(cents))}，最多计 ${num(bound.maxCounted)}，超出的 ${num(fromCents(excess))} 不计`
                : `${bound.label} ${num(fromCents(cents))}，未超过 ${num(bound.maxCounted)}，按实计`,
          });
        }
        if (bound.minRequired !== null) {
          const limit = toCents(bound.minRequired);
          const isMet = cents >= limit;
          bounds.push({
            label: bound.label,
            hours: fromCents(cents),
            limit: bound.minRequired,
            kind: 'min',
            isMet,
            note: isMet
              ? `${bound.label} ${num(fromCents(cents))}，达到 ${num(bound.minRequired)}`
              : `${bound.label} ${num(fromCents(cents))}，不足 ${num(bound.minRequired)}（还差 ${num(fromCents(limit - cents))}）`,
          });
        }
      }
      return { total, bounds, boundsMet: bounds.every((bound) => bound.isMet) };
    };

    // Years: those of the current cycle plus any year with records.
    const firstStart = teacher.cycleStartYear ?? ruleSet.cycle.firstStartYear;
    const cycleYears = ruleSet.cycle.years;
    const startYear = firstStart + Math.floor((asOfYear - firstStart) / cycleYears) * cycleYears;
    const endYear = startYear + cycleYears - 1;
    const yearSet = new Set<number>();
    for (let year = startYear; year <= endYear; year += 1) yearSet.add(year);
    for (const item of counted) yearSet.add(yearOfDay(item.day));
    const minimumCents = toCents(ruleSet.yearlyMinimum);
    const years = [...yearSet]
      .sort((a, b) => a - b)
      .map((year) => {
        const sums = byCategoryIn(daysFromCivil(year, 1, 1), daysFromCivil(year, 12, 31));
        const total = sumOf(sums);
        let raw = 0;
        for (const { record, day } of sorted)
          if (yearOfDay(day) === year) raw += toCents(record.hours);
        const meetsMinimum = total >= minimumCents;
        return {
          year,
          hours: fromCents(raw),
          counted: fromCents(total),
          byCategory: amounts(sums),
          meetsMinimum,
          note: meetsMinimum
            ? `${year} 年计 ${num(fromCents(total))} 学分，达到每年 ${num(ruleSet.yearlyMinimum)} 学分`
            : `${year} 年计 ${num(fromCents(total))} 学分，不足每年 ${num(ruleSet.yearlyMinimum)} 学分（还差 ${num(fromCents(minimumCents - total))}）`,
        };
      });

    const cycleSums = byCategoryIn(daysFromCivil(startYear, 1, 1), daysFromCivil(endYear, 12, 31));
    const cycleBounded = bounded(cycleSums);
    const cycleMinimum = toCents(ruleSet.cycle.minimum);
    const cycleReasons: string[] = [];
    const isTotalMet = cycleBounded.total >= cycleMinimum;
    cycleReasons.push(
      isTotalMet
        ? `${startYear}–${endYear} 周期计 ${num(fromCents(cycleBounded.total))} 学分，达到 ${num(ruleSet.cycle.minimum)}`
        : `${startYear}–${endYear} 周期计 ${num(fromCents(cycleBounded.total))} 学分，不足 ${num(ruleSet.cycle.minimum)}（还差 ${num(fromCents(cycleMinimum - cycleBounded.total))}）`,
    );
    for (const bound of cycleBounded.bounds) cycleReasons.push(bound.note);
    let yearsMet = true;
    if (ruleSet.cycle.requireYearlyMinimum) {
      for (const year of years) {
        if (year.year >= startYear && year.year <= endYear && !year.meetsMinimum) {
          yearsMet = false;
          cycleReasons.push(year.note);
        }
      }
    }
    const cycleMet = isTotalMet && cycleBounded.boundsMet && yearsMet;

    const windowCheck = (
      purpose: CreditsTeacherResult['purposes'][number]['purpose'],
      label: string,
      rule: { lookbackYears: number; minimum: number; applyCategoryBounds: boolean },
      what: string,
      failText: string,
    ): CreditsTeacherResult['purposes'][number] => {
      const range = window(rule.lookbackYears);
      const sums = byCategoryIn(range.from, range.to);
      const result = rule.applyCategoryBounds
        ? bounded(sums)
        : { total: sumOf(sums), bounds: [], boundsMet: true };
      const required = toCents(rule.minimum);
      const isEligible = result.total >= required && result.boundsMet;
      const reasons = [
        `${what}：${formatDay(range.from)} 至 ${formatDay(range.to)} 计 ${num(fromCents(result.total))} 学分，` +
          (result.total >= required
            ? `达到 ${num(rule.minimum)}`
            : `不足 ${num(rule.minimum)}（还差 ${num(fromCents(required - result.total))}）`),
        ...result.bounds
          .filter((bound) => bound.kind === 'min' || bound.hours > bound.limit)
          .map((bound) => bound.note),
      ];
      if (!isEligible) reasons.push(failText);
      return {
        purpose,
        label,
        isEligible,
        window: { from: formatDay(range.from), to: formatDay(range.to) },
        counted: fromCents(result.total),
        required: rule.minimum,
        reasons,
      };
    };

    const purposes: CreditsTeacherResult['purposes'] = [];
    const appraisal = years.find((year) => year.year === appraisalYear);
    const appraisalCounted = appraisal?.counted ?? 0;
    const appraisalOk = toCents(appraisalCounted) >= minimumCents;
    purposes.push({
      purpose: 'annual-appraisal',
      label: `${appraisalYear} 年度考核评优`,
      isEligible: appraisalOk,
      window: { from: `${appraisalYear}-01-01`, to: `${appraisalYear}-12-31` },
      counted: appraisalCounted,
      required: ruleSet.yearlyMinimum,
      reasons: [
        appraisalOk
          ? `${appraisalYear} 年计 ${num(appraisalCounted)} 学分，达到 ${num(ruleSet.yearlyMinimum)}，可参评优秀等次`
          : `${appraisalYear} 年计 ${num(appraisalCounted)} 学分，不足 ${num(ruleSet.yearlyMinimum)}，年度考核不得评为优秀等次`,
      ],
    });
    if (ruleSet.certificateRenewal) {
      const rule = ruleSet.certificateRenewal;
      const total = rule.applyCategoryBounds ? cycleBounded.total : sumOf(cycleSums);
      const isEligible =
        total >= cycleMinimum && (!rule.applyCategoryBounds || cycleBounded.boundsMet) && yearsMet;
      purposes.push({
        purpose: 'certificate-renewal',
        label: '教师资格定期注册',
        isEligible,
        window: { from: `${startYear}-01-01`, to: `${endYear}-12-31` },
        counted: fromCents(total),
        required: ruleSet.cycle.minimum,
        reasons: [
          ...cycleReasons,
          isEligible ? '可以注册' : '达不到周期学分要求，教师资格证书暂缓注册',
        ],
      });
    }
    if (teacher.title === undefined) {
      if (ruleSet.titleRules.length > 0) {
        purposes.push({
          purpose: 'title-evaluation',
          label: '职称评审',
          isEligible: null,
          window: null,
          counted: null,
          required: null,
          reasons: ['未填写申报职称，无法判断'],
        });
      }
    } else {
      const tenure = teacher.tenureYears ?? 0;
      const candidates = ruleSet.titleRules.filter((rule) => rule.title === teacher.title);
      const rule = candidates
        .filter((entry) => entry.minTenureYears <= tenure)
        .sort((a, b) => b.minTenureYears - a.minTenureYears)[0];
      if (!rule) {
        purposes.push({
          purpose: 'title-evaluation',
          label: `职称评审（${teacher.title}）`,
          isEligible: null,
          window: null,
          counted: null,
          required: null,
          reasons: [
            candidates.length === 0
              ? `规则集没有${teacher.title}职称的学分要求`
              : `任职 ${tenure} 年，规则集没有适用的学分要求`,
          ],
        });
      } else {
        purposes.push(
          windowCheck(
            'title-evaluation',
            `职称评审（${teacher.title}，任职 ${tenure} 年）`,
            rule,
            `近 ${rule.lookbackYears} 年`,
            '学分达不到职称评审要求',
          ),
        );
      }
    }
    if (ruleSet.honours) {
      purposes.push(
        windowCheck(
          'honours',
          '评优评先',
          ruleSet.honours,
          `近 ${ruleSet.honours.lookbackYears} 年`,
          '学分达不到评优评先要求',
        ),
      );
    }
    if (ruleSet.personalizedTraining) {
      const rule = ruleSet.personalizedTraining;
      const range = window(rule.years);
      let times = 0;
      for (const item of counted)
        if (item.isPersonalized && item.day >= range.from && item.day <= range.to) times += 1;
      const isEligible = times >= rule.minimumTimes;
      purposes.push({
        purpose: 'personalized-training',
        label: `个性化培训（${rule.years} 年不少于 ${rule.minimumTimes} 次）`,
        isEligible,
        window: { from: formatDay(range.from), to: formatDay(range.to) },
        counted: times,
        required: rule.minimumTimes,
        reasons: [
          isEligible
            ? `近 ${rule.years} 年参加个性化培训 ${times} 次，达到 ${rule.minimumTimes} 次`
            : `近 ${rule.years} 年参加个性化培训 ${times} 次，还差 ${rule.minimumTimes - times} 次`,
        ],
      });
    }

    return {
      teacherId: teacher.teacherId,
      name: teacher.name ?? null,
      adjustments,
      years,
      cycle: {
        startYear,
        endYear,
        counted: fromCents(sumOf(cycleSums)),
        total: fromCents(cycleBounded.total),
        byCategory: amounts(cycleSums),
        bounds: cycleBounded.bounds,
        isMet: cycleMet,
        reasons: cycleReasons,
      },
      purposes,
    };
  });

  return {
    kind: 'credits',
    ruleSetId: ruleSet.id,
    asOf: asOfText,
    teachers,
    summary: {
      teachers: teachers.length,
      cycleMet: teachers.filter((teacher) => teacher.cycle.isMet).length,
      appraisalEligible: teachers.filter((teacher) =>
        teacher.purposes.some(
          (purpose) => purpose.purpose === 'annual-appraisal' && purpose.isEligible === true,
        ),
      ).length,
    },
  };
}
