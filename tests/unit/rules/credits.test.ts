/** R5 qingdao-credits-2018: daily caps, 48 a year, 360 a cycle, bounds, title and other checks. */
import { describe, expect, it } from 'vitest';
import {
  evaluateCredits,
  type CreditRecord,
  type CreditsInput,
} from '@shared/domain/rules/credits';
import { daysFromCivil, formatDay } from '@shared/domain/rules/dates';
import { creditsOf } from './helpers';

const ruleSet = creditsOf('qingdao-credits-2018');

/** `total` hours of a category in `year`, `perDay` a day from the `offset`-th day of the year. */
function hours(
  year: number,
  category: string,
  total: number,
  perDay = 8,
  offset = 0,
): CreditRecord[] {
  const list: CreditRecord[] = [];
  let left = Math.round(total * 100);
  let day = daysFromCivil(year, 1, 1) + offset;
  while (left > 0) {
    const cents = Math.min(perDay * 100, left);
    list.push({ date: formatDay(day), category, hours: cents / 100 });
    left -= cents;
    day += 1;
  }
  return list;
}

function evaluateOne(
  records: CreditRecord[],
  asOf: string,
  extra: Partial<CreditsInput['teachers'][number]> = {},
) {
  const output = evaluateCredits(
    ruleSet,
    { asOf, teachers: [{ teacherId: 'T', records, ...extra }] },
    { now: asOf },
  );
  const teacher = output.teachers[0];
  if (!teacher) throw new Error('no result');
  return teacher;
}

const purpose = (teacher: ReturnType<typeof evaluateOne>, name: string) =>
  teacher.purposes.find((entry) => entry.purpose === name);

describe('daily caps: 8 a day, school-based 6 a day', () => {
  it.each([
    {
      records: [{ date: '2023-03-01', category: 'A', hours: 10 }],
      counted: 8,
      reason: '受每日上限 8 学分限制，只计 8（原 10）',
    },
    {
      records: [{ date: '2023-03-01', category: 'school', hours: 7 }],
      counted: 6,
      reason: '受校本培训每日上限 6 学分限制，只计 6（原 7）',
    },
    {
      records: [
        { date: '2023-03-01', category: 'school', hours: 6 },
        { date: '2023-03-01', category: 'A', hours: 4 },
      ],
      counted: 8,
      reason: '受每日上限 8 学分限制，只计 4（原 6）',
    },
    {
      records: [
        { date: '2023-03-01', category: 'A', hours: 8 },
        { date: '2023-03-01', category: 'B', hours: 2 },
      ],
      counted: 8,
      reason: '每日上限 8 学分已满，此条不计',
    },
  ])('$records.length record(s) → $counted', ({ records, counted, reason }) => {
    const teacher = evaluateOne(records, '2023-12-31');
    expect(teacher.years.find((year) => year.year === 2023)?.counted).toBe(counted);
    expect(teacher.adjustments.map((entry) => entry.reason)).toEqual([reason]);
  });

  it('fractions add up exactly: 8 × 6 = 48 and 0.1 steps', () => {
    const tenths = Array.from({ length: 10 }, () => ({
      date: '2023-05-05',
      category: 'A',
      hours: 0.1,
    }));
    const teacher = evaluateOne([...hours(2023, 'A', 47), ...tenths], '2023-12-31');
    expect(teacher.years.find((year) => year.year === 2023)?.counted).toBe(48);
    expect(purpose(teacher, 'annual-appraisal')?.isEligible).toBe(true);
  });
});

describe('yearly minimum 48 (annual appraisal)', () => {
  it.each([
    {
      total: 47.9,
      isEligible: false,
      reason: '2023 年计 47.9 学分，不足 48，年度考核不得评为优秀等次',
    },
    { total: 48, isEligible: true, reason: '2023 年计 48 学分，达到 48，可参评优秀等次' },
    { total: 60, isEligible: true, reason: '2023 年计 60 学分，达到 48，可参评优秀等次' },
  ])('$total → $isEligible', ({ total, isEligible, reason }) => {
    const teacher = evaluateOne(hours(2023, 'A', total), '2023-12-31');
    const appraisal = purpose(teacher, 'annual-appraisal');
    expect(appraisal?.isEligible).toBe(isEligible);
    expect(appraisal?.reasons).toEqual([reason]);
    expect(teacher.years.find((year) => year.year === 2023)?.meetsMinimum).toBe(isEligible);
  });

  it('judges the requested appraisal year', () => {
    const output = evaluateCredits(
      ruleSet,
      {
        asOf: '2024-01-10',
        appraisalYear: 2023,
        teachers: [{ teacherId: 'T', records: hours(2023, 'A', 50) }],
      },
      { now: '2024-01-10' },
    );
    expect(output.teachers[0]?.purposes[0]?.label).toBe('2023 年度考核评优');
    expect(output.teachers[0]?.purposes[0]?.isEligible).toBe(true);
  });
});

describe('cycle: 360 in 5 years, school-based counts at most 120, A-class at least 240', () => {
  const asOf = '2022-12-31';
  const cycle = (records: CreditRecord[]) => evaluateOne(records, asOf).cycle;

  it('school-based above 120 is capped at 120', () => {
    const result = cycle([...hours(2018, 'A', 240), ...hours(2019, 'school', 150, 6)]);
    expect([result.startYear, result.endYear]).toEqual([2018, 2022]);
    expect(result.counted).toBe(390);
    expect(result.total).toBe(360);
    expect(result.isMet).toBe(true);
    expect(result.bounds[0]?.note).toBe('校本培训学分 150，最多计 120，超出的 30 不计');
  });

  it('exactly 120 school-based counts in full', () => {
    const result = cycle([...hours(2018, 'A', 240), ...hours(2019, 'school', 120, 6)]);
    expect(result.total).toBe(360);
    expect(result.bounds[0]?.note).toBe('校本培训学分 120，未超过 120，按实计');
  });

  it('one hour short of 360', () => {
    const result = cycle([...hours(2018, 'A', 240), ...hours(2019, 'school', 119, 6)]);
    expect(result.isMet).toBe(false);
    expect(result.reasons[0]).toBe('2018–2022 周期计 359 学分，不足 360（还差 1）');
  });

  it('360 in total but A-class below 240 is not met', () => {
    const result = cycle([...hours(2018, 'A', 200), ...hours(2019, 'B', 160)]);
    expect(result.total).toBe(360);
    expect(result.isMet).toBe(false);
    expect(result.bounds.find((bound) => bound.kind === 'min')?.note).toBe(
      'A 类学分 200，不足 240（还差 40）',
    );
  });

  it('hours outside the cycle do not count toward it', () => {
    const result = cycle([
      ...hours(2017, 'A', 300),
      ...hours(2023, 'A', 100),
      ...hours(2020, 'A', 300),
    ]);
    expect(result.total).toBe(300);
  });

  it('certificate renewal follows the cycle', () => {
    const met = evaluateOne([...hours(2018, 'A', 240), ...hours(2021, 'B', 120)], asOf);
    expect(purpose(met, 'certificate-renewal')?.isEligible).toBe(true);
    const short = evaluateOne([...hours(2018, 'A', 240), ...hours(2021, 'B', 100)], asOf);
    expect(purpose(short, 'certificate-renewal')?.isEligible).toBe(false);
    expect(purpose(short, 'certificate-renewal')?.reasons.at(-1)).toBe(
      '达不到周期学分要求，教师资格证书暂缓注册',
    );
  });

  it('a teacher may have their own cycle start', () => {
    const teacher = evaluateOne(hours(2020, 'A', 100), '2022-06-01', { cycleStartYear: 2020 });
    expect([teacher.cycle.startYear, teacher.cycle.endYear]).toEqual([2020, 2024]);
  });
});

describe('title evaluation by title and tenure (rolling years before the application date)', () => {
  const asOf = '2023-09-01';
  it.each([
    {
      title: '初级' as const,
      tenure: 0,
      records: hours(2023, 'A', 71.99),
      isEligible: false,
      window: '2022-09-01',
    },
    {
      title: '初级' as const,
      tenure: 0,
      records: hours(2023, 'A', 72),
      isEligible: true,
      window: '2022-09-01',
    },
    {
      title: '中级' as const,
      tenure: 1,
      records: hours(2023, 'A', 72),
      isEligible: true,
      window: '2022-09-01',
    },
    {
      title: '中级' as const,
      tenure: 2,
      records: hours(2023, 'A', 72),
      isEligible: true,
      window: '2022-09-01',
    },
    {
      title: '中级' as const,
      tenure: 3,
      records: hours(2023, 'A', 215),
      isEligible: false,
      window: '2020-09-01',
    },
    {
      title: '中级' as const,
      tenure: 3,
      records: hours(2023, 'A', 216),
      isEligible: true,
      window: '2020-09-01',
    },
    {
      title: '中级' as const,
      tenure: 4,
      records: hours(2023, 'A', 287),
      isEligible: false,
      window: '2019-09-01',
    },
    {
      title: '中级' as const,
      tenure: 10,
      records: hours(2023, 'A', 288),
      isEligible: true,
      window: '2019-09-01',
    },
    {
      title: '高级' as const,
      tenure: 5,
      records: hours(2023, 'A', 360),
      isEligible: true,
      window: '2018-09-01',
    },
    {
      title: '正高级' as const,
      tenure: 5,
      records: hours(2023, 'A', 359),
      isEligible: false,
      window: '2018-09-01',
    },
  ])('$title, tenure $tenure → $isEligible', ({ title, tenure, records, isEligible, window }) => {
    const teacher = evaluateOne(records, asOf, { title, tenureYears: tenure });
    const check = purpose(teacher, 'title-evaluation');
    expect(check?.isEligible).toBe(isEligible);
    expect(check?.window).toEqual({ from: window, to: '2023-08-31' });
  });

  it('hours on the application day itself and before the window do not count', () => {
    const teacher = evaluateOne(
      [
        { date: '2022-08-31', category: 'A', hours: 8 },
        { date: '2023-09-01', category: 'A', hours: 8 },
        ...hours(2023, 'A', 64),
      ],
      asOf,
      { title: '初级', tenureYears: 0 },
    );
    expect(purpose(teacher, 'title-evaluation')?.counted).toBe(64);
  });

  it('senior titles apply the category bounds', () => {
    const teacher = evaluateOne(
      [...hours(2020, 'A', 210), ...hours(2021, 'school', 150, 6)],
      asOf,
      {
        title: '高级',
        tenureYears: 6,
      },
    );
    const check = purpose(teacher, 'title-evaluation');
    expect(check?.counted).toBe(330);
    expect(check?.isEligible).toBe(false);
    expect(check?.reasons).toEqual([
      '近 5 年：2018-09-01 至 2023-08-31 计 330 学分，不足 360（还差 30）',
      '校本培训学分 150，最多计 120，超出的 30 不计',
      'A 类学分 210，不足 240（还差 30）',
      '学分达不到职称评审要求',
    ]);
  });

  it('cannot answer without a title', () => {
    const teacher = evaluateOne(hours(2023, 'A', 100), asOf);
    expect(purpose(teacher, 'title-evaluation')).toMatchObject({
      isEligible: null,
      reasons: ['未填写申报职称，无法判断'],
    });
  });
});

describe('honours and personalized training', () => {
  it('honours need 360 in the last 5 years', () => {
    const teacher = evaluateOne([...hours(2019, 'A', 240), ...hours(2020, 'B', 120)], '2023-09-01');
    expect(purpose(teacher, 'honours')?.isEligible).toBe(true);
    const older = evaluateOne(
      [...hours(2018, 'A', 240, 8, 0), ...hours(2020, 'B', 120)],
      '2023-09-01',
    );
    expect(purpose(older, 'honours')?.isEligible).toBe(false);
  });

  it('personalized training at least 3 times in 5 years', () => {
    const sessions = (count: number): CreditRecord[] =>
      Array.from({ length: count }, (_, i) => ({
        date: `2022-0${i + 1}-10`,
        category: 'A',
        hours: 6,
        isPersonalized: true,
      }));
    expect(
      purpose(evaluateOne(sessions(2), '2023-09-01'), 'personalized-training')?.reasons,
    ).toEqual(['近 5 年参加个性化培训 2 次，还差 1 次']);
    expect(
      purpose(evaluateOne(sessions(3), '2023-09-01'), 'personalized-training')?.isEligible,
    ).toBe(true);
  });
});
