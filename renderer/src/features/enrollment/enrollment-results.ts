/** Reading the core's enrollment decisions (pure, tested): who passed, and who may wait for a seat. */
import { type EnrollmentResult } from '@shared/api/projects.contract';

export function countOutcomes(results: readonly EnrollmentResult[]): {
  accepted: number;
  rejected: number;
} {
  const accepted = results.filter((r) => r.isAccepted).length;
  return { accepted, rejected: results.length - accepted };
}

/** A teacher refused only because the school's seats are gone may join the waitlist. */
export function mayWaitlist(result: EnrollmentResult): boolean {
  if (result.isAccepted) return false;
  const blocking = result.findings.filter((f) => f.isBlocking);
  return blocking.length > 0 && blocking.every((f) => f.code === 'NO_SEATS');
}

/** The reasons to show: blocking ones first, then warnings; each the core's Chinese sentence. */
export function reasonLines(result: EnrollmentResult): string[] {
  const blocking = result.findings.filter((f) => f.isBlocking).map((f) => f.message);
  const notes = result.findings.filter((f) => !f.isBlocking).map((f) => f.message);
  return [...blocking, ...notes];
}

/**
 * What a 理由 answers: R1's repeat rule (the teacher took the same project last year) and a late
 * enrollment the rules allow with a reason (补报) — asked for, or already explained.
 */
const REPEAT_CODES = new Set([
  'REPEAT_WARNING',
  'REPEAT_OVERRIDDEN',
  'LATE_NEEDS_REASON',
  'LATE_OVERRIDDEN',
]);
/** The refusals a reason lifts. */
const REASON_CURES = new Set(['REPEAT_WARNING', 'LATE_NEEDS_REASON']);

/** Whether the officer may give a reason (理由) for this teacher: the repeat warning concerns them. */
export function asksRepeatReason(result: EnrollmentResult): boolean {
  return result.findings.some((f) => REPEAT_CODES.has(f.code));
}

/** Whether a reason alone would let the teacher in: the repeat warning is all that blocks them. */
export function blockedOnlyByRepeat(result: EnrollmentResult): boolean {
  if (result.isAccepted) return false;
  const blocking = result.findings.filter((f) => f.isBlocking);
  return blocking.length > 0 && blocking.every((f) => REASON_CURES.has(f.code));
}

/**
 * The batch the page opens on: the first whose enrollment has not closed (the one an officer is
 * working on), else the last one.
 */
export function defaultBatch<B extends { enrollUntil: string }>(
  batches: readonly B[],
  today: string,
): B | null {
  return batches.find((b) => today <= b.enrollUntil) ?? batches.at(-1) ?? null;
}
