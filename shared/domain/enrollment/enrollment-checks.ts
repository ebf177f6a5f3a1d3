/**
 * Whether one teacher may take one seat of one batch and course, decided the same way for a single
 * enrollment, a dry run, a bulk import, a swap and a promotion from the waitlist: every check gives
 * its reason in Chinese, and R1's choices are settings (the repeat rule: allow, warn — an override
 * reason lets it through — or block; late enrollment with a reason until the change cutoff, or not).
 *
 * Dates are China calendar days (YYYY-MM-DD), compared as text; a window's last day is included.
 */
import { type EmploymentStatus, type Stage } from '@shared/api/common.schemas';

export type RepeatRule = 'allow' | 'warn' | 'block';

export interface EnrollmentCase {
  /** The service clock's day in China. */
  today: string;
  action: 'enroll' | 'swap' | 'promote';
  batch: {
    name: string;
    enrollFrom: string | null;
    enrollUntil: string;
    /** Last day a seat may be swapped (or given back). */
    changeUntil: string;
  };
  teacher: { name: string; employmentStatus: EmploymentStatus; stages: readonly Stage[] };
  course: { name: string; stage: Stage; capacityLeft: number | null };
  /** Seats of the school in this batch not yet taken (a swap keeps its own seat: pass 1 or more). */
  seatsLeft: number;
  /** The teacher already holds a seat of this project (this year), in this or another batch. */
  isEnrolledInProject: boolean;
  /** The teacher took the same project the year before. */
  tookLastYear: boolean;
  repeatRule: RepeatRule;
  /** Whether the rules let an enrollment after the window through with a reason (补报). */
  lateWithReason: boolean;
  /** The officer's reason for letting a repeat (rule 'warn') or a late enrollment through. */
  overrideReason: string | null;
  /** The last day of a plagiarism ban on the teacher, when there is one. */
  banUntil: string | null;
}

export type CheckCode =
  | 'WINDOW_NOT_OPEN'
  | 'WINDOW_CLOSED'
  | 'LATE_NEEDS_REASON'
  | 'LATE_OVERRIDDEN'
  | 'BATCH_OVER'
  | 'TEACHER_INACTIVE'
  | 'STAGE_MISMATCH'
  | 'ALREADY_ENROLLED'
  | 'REPEAT_BLOCKED'
  | 'REPEAT_WARNING'
  | 'REPEAT_OVERRIDDEN'
  | 'BANNED'
  | 'NO_SEATS'
  | 'COURSE_FULL'
  /** Found by the service before the checks: no such teacher in scope, no such course. */
  | 'TEACHER_UNKNOWN'
  | 'COURSE_UNKNOWN';

export interface CheckFinding {
  code: CheckCode;
  /** A reason that refuses the seat; a warning lets it through and is shown and audited. */
  isBlocking: boolean;
  message: string;
}

export interface CheckResult {
  isAllowed: boolean;
  findings: CheckFinding[];
}

/** Statuses that count as an active teacher (R1: those teaching or seconded). */
const ACTIVE: readonly EmploymentStatus[] = ['在职', '借调'];

export function checkEnrollment(c: EnrollmentCase): CheckResult {
  const findings: CheckFinding[] = [];
  const refuse = (code: CheckCode, message: string): void => {
    findings.push({ code, isBlocking: true, message });
  };
  if (c.action === 'swap') {
    if (c.today > c.batch.changeUntil) {
      refuse('BATCH_OVER', `${c.batch.name}已于 ${c.batch.changeUntil} 结束换人，不能再换人`);
    }
  } else if (c.batch.enrollFrom !== null && c.today < c.batch.enrollFrom) {
    refuse(
      'WINDOW_NOT_OPEN',
      `${c.batch.name}的报名从 ${c.batch.enrollFrom} 开始（截至 ${c.batch.enrollUntil}），现在还不能报名`,
    );
  } else if (c.today > c.batch.enrollUntil && c.action === 'enroll') {
    const reason = c.overrideReason?.trim() ?? '';
    if (!c.lateWithReason || c.today > c.batch.changeUntil) {
      refuse('WINDOW_CLOSED', `${c.batch.name}的报名已于 ${c.batch.enrollUntil} 截止`);
    } else if (reason === '') {
      refuse(
        'LATE_NEEDS_REASON',
        `${c.batch.name}的报名已于 ${c.batch.enrollUntil} 截止；按规则可补报至 ${c.batch.changeUntil}，请填写理由`,
      );
    } else {
      findings.push({
        code: 'LATE_OVERRIDDEN',
        isBlocking: false,
        message: `${c.batch.name}的报名已于 ${c.batch.enrollUntil} 截止，补报理由：${reason}`,
      });
    }
  } else if (c.action === 'promote' && c.today > c.batch.changeUntil) {
    refuse('BATCH_OVER', `${c.batch.name}已于 ${c.batch.changeUntil} 结束，候补不能再递补`);
  }
  if (!ACTIVE.includes(c.teacher.employmentStatus)) {
    refuse(
      'TEACHER_INACTIVE',
      `${c.teacher.name}的在职状态为「${c.teacher.employmentStatus}」，不能报名`,
    );
  }
  if (!c.teacher.stages.includes(c.course.stage)) {
    const taught = c.teacher.stages.length > 0 ? c.teacher.stages.join('、') : '未填';
    refuse(
      'STAGE_MISMATCH',
      `课程「${c.course.name}」是${c.course.stage}学段，${c.teacher.name}任教${taught}，学段不符`,
    );
  }
  if (c.isEnrolledInProject) {
    refuse('ALREADY_ENROLLED', `${c.teacher.name}已报名本项目的其他批次或课程，同一年只能报一次`);
  }
  if (c.tookLastYear) {
    if (c.repeatRule === 'block') {
      refuse('REPEAT_BLOCKED', `${c.teacher.name}去年已参加同一项目，按规则不能连续两年参加`);
    } else if (c.repeatRule === 'warn') {
      if (c.overrideReason && c.overrideReason.trim() !== '') {
        findings.push({
          code: 'REPEAT_OVERRIDDEN',
          isBlocking: false,
          message: `${c.teacher.name}去年已参加同一项目；已说明理由：${c.overrideReason.trim()}`,
        });
      } else {
        refuse(
          'REPEAT_WARNING',
          `${c.teacher.name}去年已参加同一项目，原则上不连续参加；如确需报名，请填写理由`,
        );
      }
    }
  }
  if (c.banUntil !== null && c.today <= c.banUntil) {
    refuse('BANNED', `${c.teacher.name}因作业抄袭被禁止参加省级在线培训，至 ${c.banUntil}`);
  }
  if (c.seatsLeft <= 0) {
    refuse('NO_SEATS', `${c.teacher.name}所在学校${c.batch.name}的名额已用完，可加入候补名单`);
  }
  if (c.course.capacityLeft !== null && c.course.capacityLeft <= 0) {
    refuse('COURSE_FULL', `课程「${c.course.name}」已满`);
  }
  return { isAllowed: findings.every((f) => !f.isBlocking), findings };
}

/** Whether a seat may be given back (退回报名) on `today`: until the batch's change cutoff. */
export function checkWithdraw(
  today: string,
  batch: { name: string; changeUntil: string },
): CheckFinding | null {
  return today > batch.changeUntil
    ? {
        code: 'BATCH_OVER',
        isBlocking: true,
        message: `${batch.name}已于 ${batch.changeUntil} 结束，不能再退回报名`,
      }
    : null;
}

/** The last day of a plagiarism ban found on `on` (R1: until the end of that calendar year). */
export function banUntilEndOfYear(on: string): string {
  return `${on.slice(0, 4)}-12-31`;
}

/**
 * R1's repeat rule looks at the project's year, not at the day of enrolling: a teacher enrolled in
 * the 2023 project (even on 31 December) took it "last year" for the 2024 project, not for 2025.
 */
export function tookSameProjectLastYear(
  projectYear: number,
  pastYears: readonly number[],
): boolean {
  return pastYears.includes(projectYear - 1);
}
