/**
 * Events the core pushes to the UI (SSE on the bridge, webContents.send in Electron).
 * Long jobs report progress at least every 500 ms while they run.
 */
import { z } from 'zod';
import { DATA_SCOPES, type EVENT_NAMES } from './values';

export const jobProgressEvent = z.object({
  jobId: z.string(),
  /** Machine-readable phase, e.g. 'read', 'validate', 'stage', 'commit', 'write'. */
  phase: z.string(),
  /** Human-readable phase label in Chinese, e.g. '正在读取第 12000 行'. */
  message: z.string(),
  done: z.number().int().nonnegative(),
  /** Unknown while streaming a file whose row count is not known yet. */
  total: z.number().int().nonnegative().nullable(),
});
export type JobProgressEvent = z.infer<typeof jobProgressEvent>;

export const dataScope = z.enum(DATA_SCOPES);
export type DataScope = z.infer<typeof dataScope>;

export const dataChangedEvent = z.object({
  /** Which part of the data changed, so open views can refresh. */
  scope: dataScope,
});
export type DataChangedEvent = z.infer<typeof dataChangedEvent>;

/** A command chosen in the desktop app's menu, for the UI to carry out. */
export const menuCommandEvent = z.object({
  command: z.enum(['roster-import', 'roster-export', 'about']),
});
export type MenuCommandEvent = z.infer<typeof menuCommandEvent>;

export const eventSchemas = {
  'job/progress': jobProgressEvent,
  'data/changed': dataChangedEvent,
  'app/menu': menuCommandEvent,
} as const satisfies Record<(typeof EVENT_NAMES)[number], z.ZodType>;

export type EventName = keyof typeof eventSchemas;
export type EventPayload<E extends EventName> = z.infer<(typeof eventSchemas)[E]>;
