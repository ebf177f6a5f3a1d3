/**
 * Batch calendars (R1): a project's batches, their enrollment windows, the swap/withdraw cutoff and
 * the annual quota deadline, generated for a year from a few numbers, plus yes/no answers to
 * "may this be done on that day?" with the reason.
 *
 * All dates are local calendar days (`YYYY-MM-DD`); a window's last day is included.
 */
import { z } from 'zod';
import { monthDayText, isoDateText, num, positiveInt, ruleSetMetaShape } from './common';
import {
  civilFromDays,
  dayOf,
  daysFromCivil,
  daysInMonth,
  formatDay,
  monthDayInYear,
  yearOfDay,
} from './dates';

const dayCount = z
  .number({ error: '应为数字' })
  .int('应为整数')
  .min(0, '不能为负数')
  .max(366, '不能超过 366 天');

export const calendarRuleSetSchema = z
  .strictObject({
    kind: z.literal('calendar'),
    ...ruleSetMetaShape,
    batches: z.discriminatedUnion('mode', [
      /** R1: `count` batches from `firstStart`, each opening on one of `startDays` of a month. */
      z.strictObject({
        mode: z.literal('regular'),
        firstStart: monthDayText,
        count: positiveInt.max(60),
        startDays: z.array(z.number().int().min(1).max(31)).min(1).max(31),
        lengthDays: positiveInt.max(366),
      }),
      z.strictObject({
        mode: z.literal('explicit'),
        list: z
          .array(
            z.strictObject({
              name: z.string().max(50).nullable(),
              start: monthDayText,
              end: monthDayText,
            }),
          )
          .min(1)
          .max(60),
      }),
    ]),
    enrollment: z.strictObject({
      /** Window opens this many days before the opening day (R1: 5); null = no opening limit. */
      opensDaysBefore: dayCount.nullable(),
      /** Window closes (last day included) this many days before the opening day (R1: 1). */
      closesDaysBefore: dayCount,
      /**
       * After the window, an enrollment may still go through with a reason (补报), until the
       * batch's change cutoff; R1: no (absent = no).
       */
      lateWithReason: z.boolean().optional(),
    }),
    /** Swap / withdraw allowed up to and including this day (R1: the batch's last day). */
    changeCutoff: z.strictObject({
      relativeTo: z.enum(['start', 'end']),
      offsetDays: z.number().int().min(-366).max(366),
    }),
    /** Whole-year quota per batch due (R1: before 7 Jul); null when the project has none. */
    quotaDeadline: z
      .strictObject({
        monthDay: monthDayText,
        /** false: due *before* that day, so the last day is the day before. */
        isInclusive: z.boolean(),
        /** After the deadline, seats may still be changed with a reason; R1: no (absent = no). */
        allowsOverride: z.boolean().optional(),
      })
      .nullable(),
    /** Taking the same project two years in a row (R1: a warning an admin may override with a reason). */
    repeatEnrollment: z.enum(['allow', 'warn', 'block']),
  })
  .superRefine((ruleSet, ctx) => {
    if (ruleSet.batches.mode === 'regular') {
      const day = Number(ruleSet.batches.firstStart.slice(3));
      if (!ruleSet.batches.startDays.includes(day)) {
        ctx.addIssue({
          code: 'custom',
          path: ['batches', 'firstStart'],
          message: '首期开班日应是 startDays 中的一天',
        });
      }
    }
    if (
      ruleSet.enrollment.opensDaysBefore !== null &&
      ruleSet.enrollment.opensDaysBefore < ruleSet.enrollment.closesDaysBefore
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['enrollment', 'opensDaysBefore'],
        message: '报名开始不能晚于报名截止',
      });
    }
  });
export type CalendarRuleSet = z.infer<typeof calendarRuleSetSchema>;

export const calendarInputSchema = z.strictObject({
  /** Year to generate; defaults to the year of the evaluation's `now`. */
  year: z.number().int().min(2000).max(2200).optional(),
  /** Questions such as "may a school enroll into batch 3 on 2023-08-10?". */
  checks: z
    .array(
      z.strictObject({
        action: z.enum(['enroll', 'swap', 'withdraw', 'submit-quota']),
        /** 1-based batch number; not needed for `submit-quota`. */
        batchNo: positiveInt.optional(),
        on: isoDateText,
        /** The teacher took this project last year (R1 repeat rule). */
        tookSameProjectLastYear: z.boolean().optional(),
        /** The admin's reason for overriding the repeat warning. */
        overrideReason: z.string().max(200).optional(),
      }),
    )
    .max(10_000)
    .optional(),
});
export type CalendarInput = z.infer<typeof calendarInputSchema>;

export interface CalendarBatch {
  no: number;
  name: string;
  start: string;
  end: string;
  enrollmentOpens: string | null;
  enrollmentCloses: string;
  changeUntil: string;
}

export interface CalendarCheckResult {
  action: 'enroll' | 'swap' | 'withdraw' | 'submit-quota';
  batchNo: number | null;
  on: string;
  isAllowed: boolean;
  warnings: string[];
  reason: string;
}

export interface CalendarOutput {
  kind: 'calendar';
  ruleSetId: string;
  year: number;
  quotaDeadline: { dueBefore: string | null; lastDay: string } | null;
  batches: CalendarBatch[];
  checks: CalendarCheckResult[];
  notes: string[];
}

export interface CalendarOptions {
  now: string;
}

/** Start days of the batches: from `firstStart`, each next one the next allowed day of a month. */
function regularStarts(
  year: number,
  firstStart: string,
  count: number,
  startDays: readonly number[],
): number[] {
  const first = monthDayInYear(firstStart, year);
  if (first === null) return [];
  const allowed = [...new Set(startDays)].sort((a, b) => a - b);
  const starts = [first];
  let current = first;
  while (starts.length < count) {
    let { year: y, month, day } = civilFromDays(current);
    let next = allowed.find((d) => d > day && d <= daysInMonth(y, month));
    // Months without any allowed day (e.g. the 30th in February) are skipped.
    while (next === undefined) {
      month += 1;
      if (month > 12) {
        month = 1;
        y += 1;
      }
      day = 0;
      next = allowed.find((d) => d <= daysInMonth(y, month));
    }
    current = daysFromCivil(y, month, next);
    starts.push(current);
  }
  return starts;
}

export function generateBatches(ruleSet: CalendarRuleSet, year: number): CalendarBatch[] {
  const spans: { name: string | null; start: number; end: number }[] = [];
  if (ruleSet.batches.mode === 'regular') {
    const { firstStart, count, startDays, lengthDays } = ruleSet.batches;
    for (const start of regularStarts(year, firstStart, count, startDays)) {
      spans.push({ name: null, start, end: start + lengthDays - 1 });
    }
  } else {
    for (const item of ruleSet.batches.list) {
      const start = monthDayInYear(item.start, year);
      let end = monthDayInYear(item.end, year);
      if (start === null || end === null) continue;
      // A batch running over New Year ends in the next year.
      if (end < start) end = monthDayInYear(item.end, year + 1) ?? end;
      spans.push({ name: item.name, start, end });
    }
  }
  const { opensDaysBefore, closesDaysBefore } = ruleSet.enrollment;
  const cutoff = ruleSet.changeCutoff;
  return spans.map((span, index) => ({
    no: index + 1,
    name: span.name ?? `第 ${index + 1} 期`,
    start: formatDay(span.start),
    end: formatDay(span.end),
    enrollmentOpens: opensDaysBefore === null ? null : formatDay(span.start - opensDaysBefore),
    enrollmentCloses: formatDay(span.start - closesDaysBefore),
    changeUntil: formatDay(
      (cutoff.relativeTo === 'start' ? span.start : span.end) + cutoff.offsetDays,
    ),
  }));
}

const ACTION_LABEL = {
  enroll: '报名',
  swap: '换人',
  withdraw: '退回报名',
  'submit-quota': '提交全年配额',
} as const;

export function evaluateCalendar(
  ruleSet: CalendarRuleSet,
  input: CalendarInput,
  options: CalendarOptions,
): CalendarOutput {
  const year = input.year ?? yearOfDay(dayOf(options.now));
  const batches = generateBatches(ruleSet, year);
  const notes: string[] = [];
  if (ruleSet.batches.mode === 'explicit' && batches.length < ruleSet.batches.list.length) {
    notes.push(
      `有 ${ruleSet.batches.list.length - batches.length} 期的日期在 ${year} 年不存在（如 2 月 29 日），已略过`,
    );
  }
  let quotaDeadline: CalendarOutput['quotaDeadline'] = null;
  let quotaLastDay: number | null = null;
  if (ruleSet.quotaDeadline) {
    const day = monthDayInYear(ruleSet.quotaDeadline.monthDay, year);
    if (day !== null) {
      quotaLastDay = ruleSet.quotaDeadline.isInclusive ? day : day - 1;
      quotaDeadline = {
        dueBefore: ruleSet.quotaDeadline.isInclusive ? null : formatDay(day),
        lastDay: formatDay(quotaLastDay),
      };
    }
  }

  const checks = (input.checks ?? []).map((check): CalendarCheckResult => {
    const on = dayOf(check.on);
    const label = ACTION_LABEL[check.action];
    const base = {
      action: check.action,
      batchNo: check.batchNo ?? null,
      on: check.on,
      warnings: [] as string[],
    };
    if (check.action === 'submit-quota') {
      if (quotaLastDay === null)
        return { ...base, isAllowed: true, reason: '本项目没有全年配额提交截止日' };
      const isAllowed = on <= quotaLastDay;
      return {
        ...base,
        isAllowed,
        reason: isAllowed
          ? `在截止日 ${formatDay(quotaLastDay)} 之前（含当天），可以提交`
          : `已过全年配额提交截止日 ${formatDay(quotaLastDay)}`,
      };
    }
    const batch = check.batchNo === undefined ? undefined : batches[check.batchNo - 1];
    if (!batch) {
      return {
        ...base,
        isAllowed: false,
        reason: `没有第 ${check.batchNo ?? '?'} 期（本年共 ${batches.length} 期）`,
      };
    }
    if (check.action === 'enroll') {
      const opens = batch.enrollmentOpens === null ? null : dayOf(batch.enrollmentOpens);
      const closes = dayOf(batch.enrollmentCloses);
      let isAllowed = (opens === null || on >= opens) && on <= closes;
      const window = `${batch.enrollmentOpens ?? '不限'} 至 ${batch.enrollmentCloses}`;
      let reason = isAllowed
        ? `在${batch.name}报名时间 ${window} 内`
        : opens !== null && on < opens
          ? `${batch.name}报名 ${batch.enrollmentOpens} 才开始（报名时间 ${window}）`
          : `${batch.name}报名已于 ${batch.enrollmentCloses} 截止`;
      if (check.tookSameProjectLastYear === true && ruleSet.repeatEnrollment !== 'allow') {
        if (ruleSet.repeatEnrollment === 'block') {
          isAllowed = false;
          reason += '；该教师上一年已参加同一项目，不得连续两年参加';
        } else if (check.overrideReason !== undefined && check.overrideReason.trim() !== '') {
          base.warnings.push(
            `该教师上一年已参加同一项目，管理员已说明理由：${check.overrideReason.trim()}`,
          );
        } else {
          base.warnings.push(
            '该教师上一年已参加同一项目，原则上不得连续两年参加；如确需报名请填写理由',
          );
        }
      }
      return { ...base, isAllowed, reason };
    }
    const until = dayOf(batch.changeUntil);
    const isAllowed = on <= until;
    return {
      ...base,
      isAllowed,
      reason: isAllowed
        ? `${batch.name}可${label}至 ${batch.changeUntil}（含当天）`
        : `${batch.name}已于 ${batch.changeUntil} 结束，之后不允许${label}`,
    };
  });

  if (ruleSet.batches.mode === 'regular') {
    const { count, lengthDays } = ruleSet.batches;
    notes.push(
      `共 ${count} 期，每期 ${num(lengthDays)} 天，开班日为每月 ${ruleSet.batches.startDays.join('、')} 日`,
    );
  }
  return { kind: 'calendar', ruleSetId: ruleSet.id, year, quotaDeadline, batches, checks, notes };
}
