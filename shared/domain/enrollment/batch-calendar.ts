/**
 * Checks of a project's batch calendar as an office edits it (dates as YYYY-MM-DD text, which
 * compare as dates). Each problem names the batch and the field, in Chinese:
 * - a batch ends on or after the day it opens;
 * - its enrollment window opens no later than it closes, and closes before the batch opens;
 * - swaps and withdrawals end no earlier than enrollment and no later than the batch;
 * - batches open in their numbered order;
 * - batches do not overlap, unless the project's rules make them overlap (R1's 20-day batches
 *   opening every half month do).
 */

export interface BatchDates {
  no: number;
  name: string;
  startsOn: string;
  endsOn: string;
  enrollFrom: string | null;
  enrollUntil: string;
  changeUntil: string;
}

export type BatchField = 'startsOn' | 'endsOn' | 'enrollFrom' | 'enrollUntil' | 'changeUntil';

export interface BatchIssue {
  no: number;
  field: BatchField;
  message: string;
}

/** Whether any two batches of the list share a day. */
export function batchesOverlap(
  batches: readonly Pick<BatchDates, 'startsOn' | 'endsOn'>[],
): boolean {
  const sorted = [...batches].sort((a, b) => (a.startsOn < b.startsOn ? -1 : 1));
  return sorted.some((b, i) => i > 0 && b.startsOn <= (sorted[i - 1]?.endsOn ?? ''));
}

export function checkBatchCalendar(
  batches: readonly BatchDates[],
  options: { allowOverlap: boolean },
): BatchIssue[] {
  const issues: BatchIssue[] = [];
  const sorted = [...batches].sort((a, b) => a.no - b.no);
  sorted.forEach((b, i) => {
    const add = (field: BatchField, message: string): void => {
      issues.push({ no: b.no, field, message: `${b.name}：${message}` });
    };
    if (b.endsOn < b.startsOn) add('endsOn', `结束日期 ${b.endsOn} 早于开班日期 ${b.startsOn}`);
    if (b.enrollFrom !== null && b.enrollFrom > b.enrollUntil) {
      add('enrollFrom', `报名开始 ${b.enrollFrom} 晚于报名截止 ${b.enrollUntil}`);
    }
    if (b.enrollUntil >= b.startsOn) {
      add('enrollUntil', `报名须在开班（${b.startsOn}）之前截止，现为 ${b.enrollUntil}`);
    }
    if (b.changeUntil < b.enrollUntil) {
      add('changeUntil', `换人、退回截止 ${b.changeUntil} 早于报名截止 ${b.enrollUntil}`);
    } else if (b.changeUntil > b.endsOn) {
      add('changeUntil', `换人、退回截止 ${b.changeUntil} 晚于本期结束 ${b.endsOn}`);
    }
    const before = sorted[i - 1];
    if (!before) return;
    if (b.startsOn <= before.startsOn) {
      add('startsOn', `开班日期 ${b.startsOn} 应晚于${before.name}的开班日期 ${before.startsOn}`);
    } else if (!options.allowOverlap && b.startsOn <= before.endsOn) {
      add(
        'startsOn',
        `与${before.name}（至 ${before.endsOn}）时间重叠；本项目的规则不允许各期重叠`,
      );
    }
  });
  return issues;
}

export type ProjectPhase = 'preparing' | 'enrolling' | 'running' | 'closed';

/**
 * A project's phase on `today`, from its batch dates: 已结束 after its last batch, 进行中 from
 * its first batch's opening to its last batch's end, 报名中 while a window is open before that,
 * 筹备 otherwise.
 */
export function projectPhase(
  batches: readonly Pick<BatchDates, 'startsOn' | 'endsOn' | 'enrollFrom' | 'enrollUntil'>[],
  today: string,
): ProjectPhase {
  if (batches.length === 0) return 'preparing';
  const firstStart = batches.reduce((m, b) => (b.startsOn < m ? b.startsOn : m), '9999-12-31');
  const lastEnd = batches.reduce((m, b) => (b.endsOn > m ? b.endsOn : m), '0000-01-01');
  if (today > lastEnd) return 'closed';
  if (today >= firstStart) return 'running';
  const isOpen = batches.some(
    (b) => (b.enrollFrom === null || b.enrollFrom <= today) && today <= b.enrollUntil,
  );
  return isOpen ? 'enrolling' : 'preparing';
}
