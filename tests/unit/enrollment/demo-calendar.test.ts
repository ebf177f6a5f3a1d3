import { describe, expect, it } from 'vitest';
import { generateBatches, type CalendarRuleSet } from '@shared/domain/rules/calendar';
import { partOf, validateRuleSet } from '@shared/domain/rules/rule-set';
import { demoRuleSet } from '../../../electron/services/demo/demo-project';

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

describe('the demo project’s calendar', () => {
  it('on every day of two years: a valid rule set, a batch under way or over, two taking enrollments', () => {
    for (let n = 0; n < 731; n += 1) {
      const today = addDays('2026-01-01', n);
      const { ruleSet, year } = demoRuleSet(today);
      expect(validateRuleSet(ruleSet).ok, today).toBe(true);
      const calendar = partOf(ruleSet, 'calendar') as CalendarRuleSet;
      expect(calendar.quotaDeadline).toBeNull();
      const batches = generateBatches(calendar, year);
      expect(batches, today).toHaveLength(9);
      const first = batches[0];
      expect(first && first.start <= addDays(today, -31), today).toBe(true);
      expect(first && first.start > addDays(today, -47), today).toBe(true);
      const open = batches.filter(
        (b) => (b.enrollmentOpens ?? '') <= today && today <= b.enrollmentCloses,
      );
      expect(open.length, today).toBeGreaterThanOrEqual(2);
    }
  });
});
