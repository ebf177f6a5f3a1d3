/** R1 batch calendar: 9 batches of 20 days on the 1st/16th, enrollment windows, cutoffs. */
import { describe, expect, it } from 'vitest';
import {
  evaluateCalendar,
  generateBatches,
  type CalendarRuleSet,
} from '@shared/domain/rules/calendar';
import { calendarOf } from './helpers';

const ruleSet = calendarOf('jiangsu-online-2023');

describe('jiangsu-online-2023 calendar', () => {
  const batches = generateBatches(ruleSet, 2023);

  it('generates 9 batches from 16 Jul to 5 Dec, each 20 days', () => {
    expect(batches.map((batch) => [batch.start, batch.end])).toEqual([
      ['2023-07-16', '2023-08-04'],
      ['2023-08-01', '2023-08-20'],
      ['2023-08-16', '2023-09-04'],
      ['2023-09-01', '2023-09-20'],
      ['2023-09-16', '2023-10-05'],
      ['2023-10-01', '2023-10-20'],
      ['2023-10-16', '2023-11-04'],
      ['2023-11-01', '2023-11-20'],
      ['2023-11-16', '2023-12-05'],
    ]);
    expect(batches[0]?.name).toBe('第 1 期');
  });

  it('opens enrollment 5 days before opening and closes the day before; swaps until the end', () => {
    expect(batches[0]).toMatchObject({
      enrollmentOpens: '2023-07-11',
      enrollmentCloses: '2023-07-15',
      changeUntil: '2023-08-04',
    });
    expect(batches[8]).toMatchObject({
      enrollmentOpens: '2023-11-11',
      enrollmentCloses: '2023-11-15',
      changeUntil: '2023-12-05',
    });
  });

  it.each([
    {
      action: 'enroll' as const,
      on: '2023-07-10',
      isAllowed: false,
      reason: '第 1 期报名 2023-07-11 才开始（报名时间 2023-07-11 至 2023-07-15）',
    },
    {
      action: 'enroll' as const,
      on: '2023-07-11',
      isAllowed: true,
      reason: '在第 1 期报名时间 2023-07-11 至 2023-07-15 内',
    },
    {
      action: 'enroll' as const,
      on: '2023-07-15',
      isAllowed: true,
      reason: '在第 1 期报名时间 2023-07-11 至 2023-07-15 内',
    },
    {
      action: 'enroll' as const,
      on: '2023-07-16',
      isAllowed: false,
      reason: '第 1 期报名已于 2023-07-15 截止',
    },
    {
      action: 'swap' as const,
      on: '2023-08-04',
      isAllowed: true,
      reason: '第 1 期可换人至 2023-08-04（含当天）',
    },
    {
      action: 'withdraw' as const,
      on: '2023-08-05',
      isAllowed: false,
      reason: '第 1 期已于 2023-08-04 结束，之后不允许退回报名',
    },
    {
      action: 'submit-quota' as const,
      on: '2023-07-06',
      isAllowed: true,
      reason: '在截止日 2023-07-06 之前（含当天），可以提交',
    },
    {
      action: 'submit-quota' as const,
      on: '2023-07-07',
      isAllowed: false,
      reason: '已过全年配额提交截止日 2023-07-06',
    },
  ])('$action on $on → $isAllowed', ({ action, on, isAllowed, reason }) => {
    const output = evaluateCalendar(
      ruleSet,
      { year: 2023, checks: [{ action, on, batchNo: 1 }] },
      { now: '2023-07-01' },
    );
    expect(output.checks[0]).toMatchObject({ isAllowed, reason });
  });

  it('the annual quota is due before 7 Jul', () => {
    const output = evaluateCalendar(ruleSet, {}, { now: '2024-03-01' });
    expect(output.year).toBe(2024);
    expect(output.quotaDeadline).toEqual({ dueBefore: '2024-07-07', lastDay: '2024-07-06' });
  });

  it('warns about the same project two years in a row, unless the admin gave a reason; may block', () => {
    const check = {
      action: 'enroll' as const,
      batchNo: 2,
      on: '2023-07-28',
      tookSameProjectLastYear: true,
    };
    const warn = evaluateCalendar(
      ruleSet,
      { year: 2023, checks: [check, { ...check, overrideReason: '学科带头人需要' }] },
      { now: '2023-07-01' },
    );
    expect(warn.checks.map((c) => [c.isAllowed, c.warnings])).toEqual([
      [true, ['该教师上一年已参加同一项目，原则上不得连续两年参加；如确需报名请填写理由']],
      [true, ['该教师上一年已参加同一项目，管理员已说明理由：学科带头人需要']],
    ]);
    const block = evaluateCalendar(
      { ...ruleSet, repeatEnrollment: 'block' },
      { year: 2023, checks: [check] },
      { now: '2023-07-01' },
    );
    expect(block.checks[0]?.isAllowed).toBe(false);
  });

  it('rejects a batch that does not exist', () => {
    const output = evaluateCalendar(
      ruleSet,
      { year: 2023, checks: [{ action: 'swap', batchNo: 10, on: '2023-07-20' }] },
      { now: '2023-07-01' },
    );
    expect(output.checks[0]).toMatchObject({
      isAllowed: false,
      reason: '没有第 10 期（本年共 9 期）',
    });
  });
});

describe('other calendars', () => {
  const explicit: CalendarRuleSet = {
    ...ruleSet,
    batches: {
      mode: 'explicit',
      list: [
        { name: '暑期集中培训', start: '07-15', end: '08-25' },
        { name: '寒假', start: '12-20', end: '01-10' },
        { name: null, start: '02-29', end: '03-10' },
      ],
    },
    enrollment: { opensDaysBefore: null, closesDaysBefore: 5 },
  };

  it('takes explicit batches, runs over New Year and skips days the year lacks', () => {
    const output = evaluateCalendar(explicit, { year: 2023 }, { now: '2023-01-01' });
    expect(
      output.batches.map((b) => [b.name, b.start, b.end, b.enrollmentOpens, b.enrollmentCloses]),
    ).toEqual([
      ['暑期集中培训', '2023-07-15', '2023-08-25', null, '2023-07-10'],
      ['寒假', '2023-12-20', '2024-01-10', null, '2023-12-15'],
    ]);
    expect(output.notes).toEqual(['有 1 期的日期在 2023 年不存在（如 2 月 29 日），已略过']);
    expect(evaluateCalendar(explicit, { year: 2024 }, { now: '2023-01-01' }).batches).toHaveLength(
      3,
    );
  });

  it('regular batches continue into the next year', () => {
    const winter: CalendarRuleSet = {
      ...ruleSet,
      batches: {
        mode: 'regular',
        firstStart: '12-16',
        count: 3,
        startDays: [1, 16],
        lengthDays: 10,
      },
    };
    expect(generateBatches(winter, 2023).map((b) => b.start)).toEqual([
      '2023-12-16',
      '2024-01-01',
      '2024-01-16',
    ]);
  });

  it('handles start days that a month lacks', () => {
    const monthly: CalendarRuleSet = {
      ...ruleSet,
      batches: { mode: 'regular', firstStart: '01-30', count: 3, startDays: [30], lengthDays: 5 },
    };
    expect(generateBatches(monthly, 2023).map((b) => b.start)).toEqual([
      '2023-01-30',
      '2023-03-30',
      '2023-04-30',
    ]);
  });
});
