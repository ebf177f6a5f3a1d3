import { describe, expect, it } from 'vitest';
import {
  banUntilEndOfYear,
  checkEnrollment,
  checkWithdraw,
  type EnrollmentCase,
  tookSameProjectLastYear,
} from '@shared/domain/enrollment/enrollment-checks';

/** R1's first batch of 2023: window 11–15 July, runs 16 July – 4 August. */
const BATCH = {
  name: '第 1 期',
  enrollFrom: '2023-07-11',
  enrollUntil: '2023-07-15',
  changeUntil: '2023-08-04',
};

function base(overrides: Partial<EnrollmentCase> = {}): EnrollmentCase {
  return {
    today: '2023-07-12',
    action: 'enroll',
    batch: BATCH,
    teacher: { name: '张三', employmentStatus: '在职', stages: ['小学'] },
    course: { name: '小学数学', stage: '小学', capacityLeft: null },
    seatsLeft: 3,
    isEnrolledInProject: false,
    tookLastYear: false,
    repeatRule: 'warn',
    lateWithReason: false,
    overrideReason: null,
    banUntil: null,
    ...overrides,
  };
}

const codes = (c: EnrollmentCase): string[] =>
  checkEnrollment(c)
    .findings.filter((f) => f.isBlocking)
    .map((f) => f.code);

describe('enrollment checks', () => {
  it.each<[string, Partial<EnrollmentCase>, string[]]>([
    ['an ordinary case', {}, []],
    ['the first day of the window', { today: '2023-07-11' }, []],
    ['the day before the window', { today: '2023-07-10' }, ['WINDOW_NOT_OPEN']],
    ['the last day of the window', { today: '2023-07-15' }, []],
    ['the day after the window', { today: '2023-07-16' }, ['WINDOW_CLOSED']],
    [
      'a window without an opening day',
      { today: '2023-01-01', batch: { ...BATCH, enrollFrom: null } },
      [],
    ],
    ['a swap on the day the batch ends', { action: 'swap', today: '2023-08-04' }, []],
    ['a swap the day after', { action: 'swap', today: '2023-08-05' }, ['BATCH_OVER']],
    ['a promotion during the batch', { action: 'promote', today: '2023-07-20' }, []],
    ['a promotion after it', { action: 'promote', today: '2023-08-05' }, ['BATCH_OVER']],
    [
      'a teacher who left',
      { teacher: { name: '李四', employmentStatus: '调出', stages: ['小学'] } },
      ['TEACHER_INACTIVE'],
    ],
    [
      'a seconded teacher',
      { teacher: { name: '李四', employmentStatus: '借调', stages: ['小学'] } },
      [],
    ],
    [
      'a course of another stage',
      { course: { name: '初中语文', stage: '初中', capacityLeft: null } },
      ['STAGE_MISMATCH'],
    ],
    [
      'a teacher of two stages',
      {
        teacher: { name: '王五', employmentStatus: '在职', stages: ['小学', '初中'] },
        course: { name: '初中语文', stage: '初中', capacityLeft: null },
      },
      [],
    ],
    ['a second seat in the project', { isEnrolledInProject: true }, ['ALREADY_ENROLLED']],
    ['last year, rule allow', { tookLastYear: true, repeatRule: 'allow' }, []],
    ['last year, rule warn, no reason', { tookLastYear: true }, ['REPEAT_WARNING']],
    [
      'last year, rule warn, a reason',
      { tookLastYear: true, overrideReason: '学科带头人，学校需要' },
      [],
    ],
    [
      'last year, rule block, even with a reason',
      { tookLastYear: true, repeatRule: 'block', overrideReason: '理由' },
      ['REPEAT_BLOCKED'],
    ],
    [
      'after the window, no late rule',
      { today: '2023-07-16', overrideReason: '理由' },
      ['WINDOW_CLOSED'],
    ],
    [
      'after the window, late rule, no reason',
      { today: '2023-07-16', lateWithReason: true },
      ['LATE_NEEDS_REASON'],
    ],
    [
      'after the window, late rule, a reason, on the change cutoff',
      { today: '2023-08-04', lateWithReason: true, overrideReason: '新调入教师' },
      [],
    ],
    [
      'after the change cutoff, late rule, a reason',
      { today: '2023-08-05', lateWithReason: true, overrideReason: '新调入教师' },
      ['WINDOW_CLOSED'],
    ],
    ['a ban ending today', { today: '2023-07-12', banUntil: '2023-07-12' }, ['BANNED']],
    ['a ban ended yesterday', { today: '2023-07-12', banUntil: '2023-07-11' }, []],
    ['the last seat', { seatsLeft: 1 }, []],
    ['no seat left', { seatsLeft: 0 }, ['NO_SEATS']],
    [
      'a full course',
      { course: { name: '小学数学', stage: '小学', capacityLeft: 0 } },
      ['COURSE_FULL'],
    ],
    [
      'every reason at once',
      {
        today: '2023-07-16',
        teacher: { name: '赵六', employmentStatus: '退休', stages: [] },
        isEnrolledInProject: true,
        seatsLeft: 0,
      },
      ['WINDOW_CLOSED', 'TEACHER_INACTIVE', 'STAGE_MISMATCH', 'ALREADY_ENROLLED', 'NO_SEATS'],
    ],
  ])('%s', (_label, overrides, expected) => {
    expect(codes(base(overrides))).toEqual(expected);
  });

  it('says every reason in Chinese, and lets an overridden repeat through with its reason shown', () => {
    const all = checkEnrollment(
      base({
        today: '2023-07-16',
        teacher: { name: '赵六', employmentStatus: '退休', stages: [] },
        seatsLeft: 0,
        banUntil: '2023-12-31',
      }),
    );
    expect(all.isAllowed).toBe(false);
    for (const f of all.findings) expect(f.message).toMatch(/\p{Script=Han}/u);
    expect(all.findings.find((f) => f.code === 'WINDOW_CLOSED')?.message).toContain('2023-07-15');
    const overridden = checkEnrollment(base({ tookLastYear: true, overrideReason: '学校需要' }));
    expect(overridden.isAllowed).toBe(true);
    expect(overridden.findings).toEqual([
      expect.objectContaining({ code: 'REPEAT_OVERRIDDEN', isBlocking: false }),
    ]);
    expect(overridden.findings[0]?.message).toContain('学校需要');
    // A late enrollment the rules allow: asked for a reason up to the cutoff, then kept with it.
    const asked = checkEnrollment(base({ today: '2023-07-20', lateWithReason: true }));
    expect(asked.findings[0]?.message).toContain('按规则可补报至 2023-08-04，请填写理由');
    const late = checkEnrollment(
      base({ today: '2023-07-20', lateWithReason: true, overrideReason: '新调入教师' }),
    );
    expect(late.isAllowed).toBe(true);
    expect(late.findings).toEqual([
      expect.objectContaining({ code: 'LATE_OVERRIDDEN', isBlocking: false }),
    ]);
    expect(late.findings[0]?.message).toContain('补报理由：新调入教师');
  });

  it('lets a seat be given back until the batch ends, naming the day after', () => {
    expect(checkWithdraw('2023-08-04', BATCH)).toBeNull();
    expect(checkWithdraw('2023-08-05', BATCH)?.message).toContain('2023-08-04');
  });

  it('bans until the end of the calendar year, 31 December included', () => {
    const until = banUntilEndOfYear('2023-08-10');
    expect(until).toBe('2023-12-31');
    expect(
      codes(
        base({
          today: '2023-12-31',
          banUntil: until,
          batch: { ...BATCH, enrollFrom: null, enrollUntil: '2024-01-05' },
        }),
      ),
    ).toEqual(['BANNED']);
    expect(
      codes(
        base({
          today: '2024-01-01',
          banUntil: until,
          batch: { ...BATCH, enrollFrom: null, enrollUntil: '2024-01-05' },
        }),
      ),
    ).toEqual([]);
  });

  it('counts a repeat by the projects’ years, across 31 December', () => {
    expect(tookSameProjectLastYear(2024, [2023])).toBe(true);
    expect(tookSameProjectLastYear(2024, [2022])).toBe(false);
    expect(tookSameProjectLastYear(2024, [2024])).toBe(false);
    expect(tookSameProjectLastYear(2025, [2023, 2022])).toBe(false);
  });
});
