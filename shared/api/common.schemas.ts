/** Schemas used by several contract parts. Payloads are plain JSON: ISO dates, string ids. */
import { z } from 'zod';
import { EMPLOYMENT_STATUSES, FILE_HANDLE_PATTERN, ORG_KINDS, STAGES } from './values';

export const id = z.string().min(1).max(64);
export const isoDateTime = z.string().datetime({ offset: true });
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A client-chosen id for a long job, so it can subscribe to progress and cancel before the reply. */
export const jobId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/);

export const orgKind = z.enum(ORG_KINDS);
export type OrgKind = z.infer<typeof orgKind>;

export const stage = z.enum(STAGES);
export type Stage = z.infer<typeof stage>;

export const gender = z.enum(['男', '女']);

export const employmentStatus = z.enum(EMPLOYMENT_STATUSES);
export type EmploymentStatus = z.infer<typeof employmentStatus>;

/** One problem with one row of an imported sheet. `row` is the sheet's own row number. */
export const rowError = z.object({
  row: z.number().int().positive(),
  column: z.string(),
  code: z.string(),
  message: z.string(),
});
export type RowError = z.infer<typeof rowError>;

/**
 * A file crosses the contract as an opaque, expiring handle, never as a path: one the user chose
 * in a native dialog, uploaded to the bridge, or an export waiting for its download.
 */
export const fileHandle = z.string().regex(FILE_HANDLE_PATTERN, '文件标识无效');

/** A handle with the file's name, for showing. */
export const fileRef = z.object({ handle: fileHandle, fileName: z.string() });
export type FileRefDto = z.infer<typeof fileRef>;

export const sortModel = z
  .array(z.object({ colId: z.string().max(64), sort: z.enum(['asc', 'desc']) }))
  .max(5);
