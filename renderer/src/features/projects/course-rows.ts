/** The rows of a batch's course editor, and the check before 保存课程 (pure, tested). */
import { type Stage } from '@shared/api/common.schemas';
import { type CourseRow } from '@shared/api/projects.contract';

export interface CourseDraft {
  key: string;
  code: string;
  name: string;
  stage: Stage | null;
  subject: string;
  hours: number;
  capacity: number | null;
}

export interface CourseInputRow {
  code: string;
  name: string;
  stage: Stage;
  subject: string | null;
  hours: number;
  capacity: number | null;
}

export function draftsOf(rows: readonly CourseRow[]): CourseDraft[] {
  return rows.map((row) => ({
    key: row.id,
    code: row.code,
    name: row.name,
    stage: row.stage,
    subject: row.subject ?? '',
    hours: row.hours,
    capacity: row.capacity,
  }));
}

/** The courses to send, or the first problem (row numbers from 1) in Chinese via `text`. */
export function coursesToSave(
  drafts: readonly CourseDraft[],
  text: { incomplete: (row: number) => string; duplicate: (code: string) => string },
): { courses: CourseInputRow[] } | { problem: string } {
  const seen = new Set<string>();
  const courses: CourseInputRow[] = [];
  for (const [index, draft] of drafts.entries()) {
    const code = draft.code.trim();
    const name = draft.name.trim();
    if (!code || !name || !draft.stage) return { problem: text.incomplete(index + 1) };
    if (seen.has(code)) return { problem: text.duplicate(code) };
    seen.add(code);
    courses.push({
      code,
      name,
      stage: draft.stage,
      subject: draft.subject.trim() || null,
      hours: draft.hours,
      capacity: draft.capacity,
    });
  }
  return { courses };
}

/**
 * Imported courses merged into the grid by code: a row with the same code takes the file's values
 * (keeping its place), the others are added at the end with keys from `nextKey`.
 */
export function mergeCourses(
  drafts: readonly CourseDraft[],
  courses: readonly CourseInputRow[],
  nextKey: () => string,
): CourseDraft[] {
  const out = drafts.map((d) => ({ ...d }));
  const index = new Map(out.map((d, i) => [d.code.trim(), i]));
  for (const course of courses) {
    const values = {
      code: course.code,
      name: course.name,
      stage: course.stage,
      subject: course.subject ?? '',
      hours: course.hours,
      capacity: course.capacity,
    };
    const at = index.get(course.code);
    const existing = at === undefined ? undefined : out[at];
    if (at !== undefined && existing) {
      out[at] = { ...existing, ...values };
    } else {
      index.set(course.code, out.length);
      out.push({ key: nextKey(), ...values });
    }
  }
  return out;
}
