/**
 * Editing a project's batch calendar (pure, tested): who may do it, which batches changed, and how
 * to read the core's refusals (the issues per batch and field, or the request for a reason).
 */
import { type OrgKind } from '@shared/api/common.schemas';
import { type BatchRow, type ProjectRow } from '@shared/api/projects.contract';

const KIND_RANK: Record<OrgKind, number> = { province: 0, city: 1, district: 2, school: 3 };

/**
 * Whether an office's scope holds a project's organizer. A visible project is organized either
 * inside the office's scope or by one of its ancestors, so the kinds tell them apart.
 */
export function holdsOrganizer(
  home: { id: string; kind: OrgKind },
  organizer: ProjectRow['organizer'],
): boolean {
  return home.id === organizer.id || KIND_RANK[organizer.kind] > KIND_RANK[home.kind];
}

export type BatchField =
  'name' | 'startsOn' | 'endsOn' | 'enrollFrom' | 'enrollUntil' | 'changeUntil';

export type BatchInput = Omit<BatchRow, 'no'>;

/** The batches whose name or dates differ from what the core holds, as `projects/saveBatches` takes. */
export function changedBatches(
  saved: readonly BatchRow[],
  drafts: readonly BatchRow[],
): BatchInput[] {
  const byId = new Map(saved.map((b) => [b.id, b]));
  const out: BatchInput[] = [];
  for (const draft of drafts) {
    const before = byId.get(draft.id);
    const name = draft.name.trim();
    if (
      before &&
      before.name === name &&
      before.startsOn === draft.startsOn &&
      before.endsOn === draft.endsOn &&
      before.enrollFrom === draft.enrollFrom &&
      before.enrollUntil === draft.enrollUntil &&
      before.changeUntil === draft.changeUntil
    ) {
      continue;
    }
    out.push({
      id: draft.id,
      name,
      startsOn: draft.startsOn,
      endsOn: draft.endsOn,
      enrollFrom: draft.enrollFrom,
      enrollUntil: draft.enrollUntil,
      changeUntil: draft.changeUntil,
    });
  }
  return out;
}

export interface BatchIssue {
  no: number;
  field: string;
  message: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The issues of a refused calendar (`details.issues`), or none when the refusal has another shape. */
export function batchIssues(details: unknown): BatchIssue[] {
  if (!isRecord(details) || !Array.isArray(details.issues)) return [];
  const out: BatchIssue[] = [];
  for (const item of details.issues as unknown[]) {
    if (!isRecord(item)) continue;
    const { no, field, message } = item;
    if (typeof no === 'number' && typeof message === 'string') {
      out.push({ no, field: typeof field === 'string' ? field : '', message });
    }
  }
  return out;
}

/** Whether the core refused only for want of a reason (a changed batch already has enrollments). */
export function asksForReason(details: unknown): boolean {
  return isRecord(details) && details.field === 'reason';
}
