// Reading enrollment decisions: counts, who may join the waitlist, and the reasons in order.
import { describe, expect, it } from 'vitest';
import { type EnrollmentResult } from '@shared/api/projects.contract';
import {
  asksRepeatReason,
  blockedOnlyByRepeat,
  countOutcomes,
  defaultBatch,
  mayWaitlist,
  reasonLines,
} from '../../../renderer/src/features/enrollment/enrollment-results';

const result = (
  isAccepted: boolean,
  findings: { code: string; isBlocking: boolean; message: string }[],
): EnrollmentResult => ({
  teacherId: 't',
  teacherName: '张老师',
  courseId: 'c',
  isAccepted,
  findings,
  enrollmentId: null,
});

const noSeats = { code: 'NO_SEATS', isBlocking: true, message: '本校名额已用完' };
const notOpen = { code: 'WINDOW_NOT_OPEN', isBlocking: true, message: '还不能报名' };
const warning = { code: 'REPEAT_WARNING', isBlocking: false, message: '去年已参加' };

describe('enrollment results', () => {
  it('counts accepted and rejected', () => {
    expect(countOutcomes([result(true, []), result(false, [notOpen])])).toEqual({
      accepted: 1,
      rejected: 1,
    });
  });

  it('offers the waitlist only when the seats are the sole reason', () => {
    expect(mayWaitlist(result(false, [noSeats]))).toBe(true);
    expect(mayWaitlist(result(false, [noSeats, warning]))).toBe(true);
    expect(mayWaitlist(result(false, [noSeats, notOpen]))).toBe(false);
    expect(mayWaitlist(result(true, []))).toBe(false);
  });

  it('lists blocking reasons before warnings', () => {
    expect(reasonLines(result(false, [warning, notOpen]))).toEqual(['还不能报名', '去年已参加']);
  });
});

describe('R1 repeat rule', () => {
  const repeat = { code: 'REPEAT_WARNING', isBlocking: true, message: '去年已参加，请填写理由' };
  const overridden = { code: 'REPEAT_OVERRIDDEN', isBlocking: false, message: '已说明理由' };

  it('asks for a reason when the repeat rule concerns the teacher, warned or explained', () => {
    expect(asksRepeatReason(result(false, [repeat]))).toBe(true);
    expect(asksRepeatReason(result(true, [overridden]))).toBe(true);
    expect(asksRepeatReason(result(false, [noSeats]))).toBe(false);
  });

  it('asks for a reason for a late enrollment the rules allow (补报), too', () => {
    const late = { code: 'LATE_NEEDS_REASON', isBlocking: true, message: '请填写理由' };
    const closed = { code: 'WINDOW_CLOSED', isBlocking: true, message: '已截止' };
    expect(asksRepeatReason(result(false, [late]))).toBe(true);
    expect(blockedOnlyByRepeat(result(false, [late, repeat]))).toBe(true);
    expect(asksRepeatReason(result(false, [closed]))).toBe(false);
    expect(blockedOnlyByRepeat(result(false, [closed]))).toBe(false);
  });

  it('knows when a reason alone would let the teacher in', () => {
    expect(blockedOnlyByRepeat(result(false, [repeat]))).toBe(true);
    expect(blockedOnlyByRepeat(result(false, [repeat, noSeats]))).toBe(false);
    expect(blockedOnlyByRepeat(result(true, [overridden]))).toBe(false);
  });
});

describe('defaultBatch', () => {
  const batches = [
    { no: 1, enrollUntil: '2026-10-31' },
    { no: 2, enrollUntil: '2026-11-15' },
    { no: 3, enrollUntil: '2026-11-30' },
  ];
  it('opens on the first batch still taking enrollments', () => {
    expect(defaultBatch(batches, '2026-11-10')?.no).toBe(2);
    expect(defaultBatch(batches, '2026-11-15')?.no).toBe(2);
    expect(defaultBatch(batches, '2026-01-01')?.no).toBe(1);
  });
  it('opens on the last batch once all have closed, and on none without batches', () => {
    expect(defaultBatch(batches, '2027-01-01')?.no).toBe(3);
    expect(defaultBatch([], '2027-01-01')).toBeNull();
  });
});
