import { describe, expect, it } from 'vitest';
import {
  batchesOverlap,
  checkBatchCalendar,
  projectPhase,
  type BatchDates,
} from '@shared/domain/enrollment/batch-calendar';
import { generateBatches } from '@shared/domain/rules/calendar';
import { getPreset } from '@shared/domain/rules/presets';
import { partOf } from '@shared/domain/rules/rule-set';
import { type CalendarRuleSet } from '@shared/domain/rules/calendar';

/** Two batches that do not overlap: 1–20 March and 1–20 April, windows in the days before. */
function pair(): BatchDates[] {
  return [
    {
      no: 1,
      name: '第 1 期',
      startsOn: '2027-03-01',
      endsOn: '2027-03-20',
      enrollFrom: '2027-02-20',
      enrollUntil: '2027-02-28',
      changeUntil: '2027-03-20',
    },
    {
      no: 2,
      name: '第 2 期',
      startsOn: '2027-04-01',
      endsOn: '2027-04-20',
      enrollFrom: '2027-03-25',
      enrollUntil: '2027-03-31',
      changeUntil: '2027-04-20',
    },
  ];
}

function withFirst(changes: Partial<BatchDates>): BatchDates[] {
  const [first, second] = pair();
  return [{ ...(first as BatchDates), ...changes }, second as BatchDates];
}

describe('checkBatchCalendar', () => {
  it('accepts a calendar that keeps every rule', () => {
    expect(checkBatchCalendar(pair(), { allowOverlap: false })).toEqual([]);
  });

  it.each<[string, Partial<BatchDates>, string, string]>([
    [
      'an end before the start',
      { endsOn: '2027-02-28', changeUntil: '2027-02-28' },
      'endsOn',
      '早于开班日期',
    ],
    [
      'a window opening after it closes',
      { enrollFrom: '2027-03-01' },
      'enrollFrom',
      '晚于报名截止',
    ],
    [
      'a window closing on the opening day',
      { enrollUntil: '2027-03-01' },
      'enrollUntil',
      '须在开班（2027-03-01）之前截止',
    ],
    [
      'swaps ending before enrollment closes',
      { changeUntil: '2027-02-27' },
      'changeUntil',
      '早于报名截止',
    ],
    ['swaps ending after the batch', { changeUntil: '2027-03-21' }, 'changeUntil', '晚于本期结束'],
  ])('names the batch and the field for %s', (_case, changes, field, words) => {
    const issues = checkBatchCalendar(withFirst(changes), { allowOverlap: false });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ no: 1, field });
    expect(issues[0]?.message).toContain('第 1 期：');
    expect(issues[0]?.message).toContain(words);
  });

  it('takes the edges as allowed: window closing the day before, swaps to the last day', () => {
    const edges = withFirst({ enrollUntil: '2027-02-28', changeUntil: '2027-03-20' });
    expect(checkBatchCalendar(edges, { allowOverlap: false })).toEqual([]);
    // A window with no opening day (the rules may set none).
    expect(checkBatchCalendar(withFirst({ enrollFrom: null }), { allowOverlap: false })).toEqual(
      [],
    );
  });

  it('refuses overlapping batches unless the rules make them overlap', () => {
    const [first, second] = pair();
    const overlapping = [
      first as BatchDates,
      {
        ...(second as BatchDates),
        startsOn: '2027-03-20',
        enrollFrom: '2027-03-10',
        enrollUntil: '2027-03-19',
      },
    ];
    const refused = checkBatchCalendar(overlapping, { allowOverlap: false });
    expect(refused.map((i) => [i.no, i.field])).toEqual([[2, 'startsOn']]);
    expect(refused[0]?.message).toContain('与第 1 期（至 2027-03-20）时间重叠');
    expect(checkBatchCalendar(overlapping, { allowOverlap: true })).toEqual([]);
    // The day after the first batch ends is not an overlap.
    const after = [
      first as BatchDates,
      {
        ...(second as BatchDates),
        startsOn: '2027-03-21',
        enrollFrom: '2027-03-10',
        enrollUntil: '2027-03-19',
      },
    ];
    expect(checkBatchCalendar(after, { allowOverlap: false })).toEqual([]);
  });

  it('keeps the batches in their numbered order', () => {
    const [first, second] = pair();
    const swapped = [
      first as BatchDates,
      {
        ...(second as BatchDates),
        startsOn: '2027-02-25',
        endsOn: '2027-02-26',
        enrollFrom: null,
        enrollUntil: '2027-02-24',
        changeUntil: '2027-02-26',
      },
    ];
    const issues = checkBatchCalendar(swapped, { allowOverlap: true });
    expect(issues.map((i) => i.field)).toEqual(['startsOn']);
    expect(issues[0]?.message).toContain('应晚于第 1 期的开班日期');
  });

  it('finds that R1’s calendar overlaps by its own rules (20 days, opening every half month)', () => {
    const bundle = getPreset('jiangsu-online-2023');
    const calendar = bundle ? (partOf(bundle, 'calendar') as CalendarRuleSet) : null;
    expect(calendar).not.toBeNull();
    const batches = generateBatches(calendar as CalendarRuleSet, 2027).map((b) => ({
      startsOn: b.start,
      endsOn: b.end,
    }));
    expect(batchesOverlap(batches)).toBe(true);
    expect(batchesOverlap(pair())).toBe(false);
  });
});

describe('projectPhase', () => {
  it.each<[string, string]>([
    ['2027-02-01', 'preparing'],
    ['2027-02-20', 'enrolling'],
    ['2027-02-28', 'enrolling'],
    ['2027-03-01', 'running'],
    // Between batches, the project is still under way.
    ['2027-03-22', 'running'],
    ['2027-04-20', 'running'],
    ['2027-04-21', 'closed'],
  ])('on %s is %s', (today, phase) => {
    expect(projectPhase(pair(), today)).toBe(phase);
  });

  it('is 筹备 for a project without batches', () => {
    expect(projectPhase([], '2027-01-01')).toBe('preparing');
  });
});
