/**
 * Property tests: for any input, no cap is exceeded, ledgers add up, allocations are exact and
 * respect minimums, and results do not depend on the order of the input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateAssessment, type AssessmentRecord } from '@shared/domain/rules/assessment';
import { evaluateCredits, type CreditRecord } from '@shared/domain/rules/credits';
import {
  evaluatePoints,
  type PointsEvent,
  type PointsOutput,
  type PointsPerson,
  type PointsRuleSet,
} from '@shared/domain/rules/points';
import { allocateLargestRemainder } from '@shared/domain/rules/quota-policy';
import { selectTop } from '@shared/domain/rules/ranking';
import { assessmentOf, creditsOf, pointsOf } from './helpers';

const HOUR = 3_600_000;

/** Local (UTC+8) period keys computed independently of the engine, with Date in UTC. */
function periodKeys(at: string): Record<'day' | 'week' | 'month' | 'year', string> {
  const local = new Date(Date.parse(at) + 8 * HOUR);
  const day = local.toISOString().slice(0, 10);
  const monday = new Date(local.getTime() - ((local.getUTCDay() + 6) % 7) * 24 * HOUR);
  return {
    day,
    week: monday.toISOString().slice(0, 10),
    month: day.slice(0, 7),
    year: day.slice(0, 4),
  };
}

function permute<T>(items: readonly T[], keys: readonly number[]): T[] {
  return items
    .map((item, i) => ({ item, key: keys[i % Math.max(1, keys.length)] ?? 0, i }))
    .sort((a, b) => a.key - b.key || a.i - b.i)
    .map((entry) => entry.item);
}

function withoutIndex(output: PointsOutput): unknown {
  return {
    ...output,
    people: output.people.map((person) => ({
      ...person,
      days: person.days.map((day) => ({
        ...day,
        entries: day.entries.map(({ index: _index, ...entry }) => entry),
      })),
    })),
  };
}

/**
 * Events concentrated on a few actions and days, so that caps, once-per rules and streaks are hit
 * often rather than by luck.
 */
function eventsArbitrary(ruleSet: PointsRuleSet, year: number): fc.Arbitrary<PointsEvent[]> {
  const codes = ruleSet.actions.map((action) => action.code);
  return fc
    .record({
      actions: fc.subarray(codes, { minLength: 1, maxLength: 3 }),
      days: fc.integer({ min: 1, max: 21 }),
      startDay: fc.integer({ min: 0, max: 300 }),
    })
    .chain(({ actions, days, startDay }) => {
      const start = Date.UTC(year, 0, 1) + startDay * 24 * HOUR;
      const iso = (value: number) => new Date(value).toISOString().replace('.000Z', 'Z');
      const event = fc
        .record({
          personId: fc.constantFrom('P1', 'P2', 'P3'),
          action: fc.constantFrom(...actions),
          hours: fc.integer({ min: 0, max: days * 24 - 1 }),
          resourceId: fc.option(fc.constantFrom('R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8'), {
            nil: undefined,
            freq: 8,
          }),
          activityId: fc.option(fc.constantFrom('A1', 'A2', 'A3'), { nil: undefined, freq: 8 }),
          durationMinutes: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined, freq: 8 }),
          quantity: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined, freq: 8 }),
          completionRate: fc.option(
            fc.integer({ min: 0, max: 10_000 }).map((v) => v / 100),
            { nil: undefined, freq: 8 },
          ),
          deadlineShift: fc.option(fc.integer({ min: -5 * 24, max: 10 * 24 }), {
            nil: undefined,
            freq: 8,
          }),
        })
        .map(({ hours, deadlineShift, ...rest }) => {
          const time = start + hours * HOUR;
          const item: PointsEvent = { personId: rest.personId, action: rest.action, at: iso(time) };
          if (rest.resourceId !== undefined) item.resourceId = rest.resourceId;
          if (rest.activityId !== undefined) item.activityId = rest.activityId;
          if (rest.durationMinutes !== undefined) item.durationMinutes = rest.durationMinutes;
          if (rest.quantity !== undefined) item.quantity = rest.quantity;
          if (rest.completionRate !== undefined) item.completionRate = rest.completionRate;
          if (deadlineShift !== undefined) item.deadline = iso(time + deadlineShift * HOUR);
          return item;
        });
      return fc.array(event, { maxLength: 200 });
    });
}

const pointsCases: { id: string; year: number; people: PointsPerson[] }[] = [
  {
    id: 'taizhou-lifecloud-owner-2020',
    year: 2023,
    people: ['P1', 'P2', 'P3'].map((personId) => ({ personId, role: 'owner' })),
  },
  {
    id: 'taizhou-lifecloud-member-2020',
    year: 2023,
    people: ['P1', 'P2', 'P3'].map((personId) => ({ personId, role: 'member' })),
  },
  {
    id: 'taizhou-lifecloud-2020',
    year: 2023,
    people: [
      { personId: 'P1', role: 'owner', workshopId: 'W1', schoolId: 'S1', projectId: 'X' },
      { personId: 'P2', role: 'member', workshopId: 'W1', schoolId: 'S2', projectId: 'X' },
      { personId: 'P3', role: 'member', workshopId: 'W2', schoolId: 'S2', projectId: 'X' },
    ],
  },
  { id: 'licheng-depth-index-2022', year: 2022, people: [] },
];

describe.each(pointsCases)('points $id', ({ id, year, people }) => {
  const ruleSet = pointsOf(id);
  const events = eventsArbitrary(ruleSet, year);

  it('never exceeds a cap, at any point of the ledger, and counts once-per items once', () => {
    fc.assert(
      fc.property(events, (list) => {
        const output = evaluatePoints(ruleSet, { people, events: list });
        for (const person of output.people) {
          for (const cap of ruleSet.caps) {
            const used = new Map<string, number>();
            for (const day of person.days) {
              for (const entry of day.entries) {
                if (!cap.actions.includes(entry.action)) continue;
                const event = list[entry.index] as PointsEvent;
                const key =
                  cap.per === 'activity'
                    ? (event.activityId ?? '')
                    : cap.per === 'window'
                      ? ''
                      : periodKeys(entry.at)[cap.per];
                const value = (used.get(key) ?? 0) + entry.points;
                used.set(key, value);
                expect(value).toBeLessThanOrEqual(cap.max);
              }
            }
          }
          for (const action of ruleSet.actions.filter((a) => a.oncePer !== null)) {
            const seen = new Set<string>();
            for (const entry of person.days.flatMap((day) => day.entries)) {
              if (entry.action !== action.code || entry.points <= 0) continue;
              const event = list[entry.index] as PointsEvent;
              const key =
                action.oncePer === 'resource'
                  ? `${event.resourceId}`
                  : action.oncePer === 'activity'
                    ? `${event.activityId}`
                    : action.oncePer === 'window'
                      ? ''
                      : periodKeys(entry.at)[action.oncePer as 'day' | 'week' | 'month' | 'year'];
              expect(seen.has(key)).toBe(false);
              seen.add(key);
            }
          }
        }
      }),
      { numRuns: 250 },
    );
  });

  it('totals equal the sum of awarded points, and every event is in the ledger once', () => {
    fc.assert(
      fc.property(events, (list) => {
        const output = evaluatePoints(ruleSet, { people, events: list });
        let all = 0;
        const indexes: number[] = [];
        for (const person of output.people) {
          const entries = person.days.flatMap((day) => day.entries);
          const sum = entries.reduce((total, entry) => total + entry.points, 0);
          expect(person.total).toBe(sum);
          expect(person.days.reduce((total, day) => total + day.points, 0)).toBe(sum);
          expect(person.byAction.reduce((total, action) => total + action.points, 0)).toBe(sum);
          for (const entry of entries) {
            indexes.push(entry.index);
            expect(entry.points).toBeLessThanOrEqual(Math.max(entry.requested, 0));
            expect(entry.reason).not.toBe('');
          }
          all += sum;
        }
        expect(output.summary.totalPoints).toBe(all);
        expect(indexes.sort((a, b) => a - b)).toEqual(list.map((_, i) => i));
      }),
      { numRuns: 250 },
    );
  });

  it('is deterministic and independent of the order of events', () => {
    fc.assert(
      fc.property(
        events,
        fc.array(fc.integer(), { minLength: 1, maxLength: 200 }),
        (list, keys) => {
          const first = evaluatePoints(ruleSet, { people, events: list });
          expect(evaluatePoints(ruleSet, { people, events: list })).toEqual(first);
          const shuffled = evaluatePoints(ruleSet, {
            people: permute(people, keys),
            events: permute(list, keys),
          });
          expect(withoutIndex(shuffled)).toEqual(withoutIndex(first));
        },
      ),
      { numRuns: 250 },
    );
  });
});

describe('quota split', () => {
  const children = fc.uniqueArray(
    fc.record({
      id: fc.string({ minLength: 1, maxLength: 4 }),
      teachers: fc.integer({ min: 0, max: 5000 }),
      minimum: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 30, selector: (child) => child.id },
  );

  it('sums exactly to the total, respects minimums, is never negative and stays within 1 of the share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000 }),
        children,
        fc.integer({ min: 0, max: 5 }),
        (total, list, defaultMinimum) => {
          const result = allocateLargestRemainder({ total, children: list }, defaultMinimum);
          const minimumSum = list.reduce(
            (sum, child) => sum + (child.minimum ?? defaultMinimum),
            0,
          );
          expect(result.isFeasible).toBe(minimumSum <= total);
          if (!result.isFeasible) return;
          expect(result.allocatedSum).toBe(total);
          expect(result.allocations.reduce((sum, a) => sum + a.allocated, 0)).toBe(total);
          for (const allocation of result.allocations) {
            expect(Number.isInteger(allocation.allocated)).toBe(true);
            expect(allocation.allocated).toBeGreaterThanOrEqual(Math.max(0, allocation.minimum));
            if (!allocation.reason.includes('最低配额')) {
              expect(Math.abs(allocation.allocated - allocation.ideal)).toBeLessThan(1.01);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is independent of the order of the units', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000 }),
        children,
        fc.array(fc.integer(), { minLength: 1 }),
        (total, list, keys) => {
          const byId = (result: ReturnType<typeof allocateLargestRemainder>) =>
            Object.fromEntries(result.allocations.map((a) => [a.id, a.allocated]));
          expect(
            byId(allocateLargestRemainder({ total, children: permute(list, keys) }, 1)),
          ).toEqual(byId(allocateLargestRemainder({ total, children: list }, 1)));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('top-share selection', () => {
  it('include-ties selects at least the quota (when there are enough), exclude-ties at most', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 40 }),
        fc.integer({ min: 0, max: 40 }),
        (values, quota) => {
          const items = values.map((value, i) => ({ id: `I${String(i).padStart(2, '0')}`, value }));
          const pick = (tieRule: 'include-ties' | 'exclude-ties') =>
            selectTop(
              items,
              (item) => ({ num: item.value, den: 1 }),
              (item) => item.id,
              quota,
              tieRule,
            );
          const included = pick('include-ties');
          const excluded = pick('exclude-ties');
          expect(included.selectedCount).toBeGreaterThanOrEqual(Math.min(quota, items.length));
          expect(excluded.selectedCount).toBeLessThanOrEqual(quota);
          // Nobody selected has a lower value than somebody left out.
          for (const selection of [included, excluded]) {
            const selected = selection.ranked.filter((r) => r.isSelected).map((r) => r.item.value);
            const rest = selection.ranked.filter((r) => !r.isSelected).map((r) => r.item.value);
            if (selected.length > 0 && rest.length > 0)
              expect(Math.min(...selected)).toBeGreaterThan(Math.max(...rest));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('assessment', () => {
  const r1 = assessmentOf('jiangsu-online-2023');
  const r4 = assessmentOf('licheng-space-evaluation-2022');
  const record = fc.record({
    watchMinutes: fc.integer({ min: 0, max: 3000 }),
    homeworkObjective: fc.integer({ min: 0, max: 100 }),
    homeworkSubjective: fc.integer({ min: 0, max: 100 }),
    isExcellentHomework: fc.boolean(),
    interactionScore: fc.integer({ min: 0, max: 100 }),
    quotedPercent: fc.integer({ min: 0, max: 60 }),
    microCourseScore: fc.integer({ min: 0, max: 25 }),
    depthIndex: fc.integer({ min: 0, max: 2000 }),
    hasClassSpace: fc.boolean(),
  });
  const records = fc.array(record, { maxLength: 40 }).map((list): AssessmentRecord[] =>
    list.map((metrics, i) => ({
      teacherId: `T${i}`,
      stage: '小学',
      metrics,
      items: { microCourseMinutes: [10, 11, 12, 13, 14], activityWorks: [10, 10] },
    })),
  );

  it.each([
    ['R1', r1],
    ['R4', r4],
  ] as const)(
    '%s: scores stay within 0 … max and results do not depend on record order',
    (_name, ruleSet) => {
      const max = (ruleSet.scoring?.components ?? []).reduce((sum, c) => sum + c.maxPoints, 0);
      fc.assert(
        fc.property(records, fc.array(fc.integer(), { minLength: 1 }), (list, keys) => {
          const output = evaluateAssessment(ruleSet, { records: list }, { now: '2023-09-01' });
          const shuffled = evaluateAssessment(
            ruleSet,
            { records: permute(list, keys) },
            { now: '2023-09-01' },
          );
          const byId = (out: typeof output) =>
            Object.fromEntries(out.records.map((r) => [r.teacherId, r]));
          expect(byId(shuffled)).toEqual(byId(output));
          expect(shuffled.summary).toEqual(output.summary);
          for (const result of output.records) {
            expect(result.score).toBeGreaterThanOrEqual(0);
            expect(result.score).toBeLessThanOrEqual(max);
            expect(result.isPassed).toBe(result.missing.length === 0);
          }
        }),
        { numRuns: 100 },
      );
    },
  );
});

describe('credits', () => {
  const ruleSet = creditsOf('qingdao-credits-2018');
  const record = fc.record({
    day: fc.integer({ min: 0, max: 60 }),
    category: fc.constantFrom('A', 'B', 'school'),
    hours: fc.integer({ min: 0, max: 1000 }).map((v) => v / 100),
    year: fc.integer({ min: 2018, max: 2022 }),
  });
  const records = fc.array(record, { maxLength: 80 }).map((list): CreditRecord[] =>
    list.map(({ day, category, hours, year }) => ({
      date: new Date(Date.UTC(year, 0, 1 + day)).toISOString().slice(0, 10),
      category,
      hours,
    })),
  );

  it('never counts more than 8 a day (6 school-based), bounds only lower the cycle, order does not matter', () => {
    fc.assert(
      fc.property(records, fc.array(fc.integer(), { minLength: 1 }), (list, keys) => {
        const evaluate = (recordsList: CreditRecord[]) =>
          evaluateCredits(
            ruleSet,
            { asOf: '2022-12-31', teachers: [{ teacherId: 'T', records: recordsList }] },
            { now: '2022-12-31' },
          ).teachers[0];
        const result = evaluate(list);
        if (!result) throw new Error('no result');
        const raw = new Map<string, Map<string, number>>();
        for (const item of list) {
          const day = raw.get(item.date) ?? new Map<string, number>();
          day.set(item.category, (day.get(item.category) ?? 0) + Math.round(item.hours * 100));
          raw.set(item.date, day);
        }
        // Counted per year ≤ Σ over days of min(8, min(6, school) + others).
        const yearCap = new Map<number, number>();
        for (const [date, day] of raw) {
          const school = Math.min(600, day.get('school') ?? 0);
          const others = (day.get('A') ?? 0) + (day.get('B') ?? 0);
          const year = Number(date.slice(0, 4));
          yearCap.set(year, (yearCap.get(year) ?? 0) + Math.min(800, school + others));
        }
        for (const year of result.years) {
          expect(Math.round(year.counted * 100)).toBe(yearCap.get(year.year) ?? 0);
        }
        expect(result.cycle.total).toBeLessThanOrEqual(result.cycle.counted);
        const school = result.cycle.byCategory.find((c) => c.category === 'school')?.hours ?? 0;
        expect(result.cycle.total).toBeCloseTo(result.cycle.counted - Math.max(0, school - 120), 6);
        expect(evaluate(permute(list, keys))).toEqual(result);
      }),
      { numRuns: 100 },
    );
  });
});
