/** Contract of the app itself: info, host dialogs, jobs, audit log. */
import { z } from 'zod';
import { method, needs, SIGNED_IN } from './define';
import { fileRef, isoDateTime, jobId } from './common.schemas';

const fileFilter = z.object({ name: z.string(), extensions: z.array(z.string()) });

export const auditEntry = z.object({
  seq: z.number().int().positive(),
  at: isoDateTime,
  /** The operator's name at the time (display name and user name), or who tried to log in. */
  actor: z.string(),
  /** The operator's id; null for entries from before operators existed and for unknown users. */
  actorId: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  summary: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const systemContract = {
  'system/info': method(
    z.object({}),
    z.object({
      appName: z.string(),
      version: z.string(),
      dataDir: z.string(),
      keySource: z.enum(['safeStorage', 'env', 'keyfile']),
      migrations: z.array(z.string()),
      /** Whether the host shows native open/save dialogs (Electron) or the UI uploads/downloads. */
      hasNativeDialogs: z.boolean(),
      teacherCount: z.number().int().nonnegative(),
    }),
    'read',
    SIGNED_IN,
  ),
  'system/pickOpenFile': method(
    z.object({ title: z.string(), filters: z.array(fileFilter).default([]) }),
    /** The chosen file as a handle to read; null when the user cancelled. */
    z.object({ file: fileRef.nullable() }),
    'read',
    SIGNED_IN,
  ),
  'system/pickSaveFile': method(
    z.object({
      title: z.string(),
      defaultName: z.string(),
      filters: z.array(fileFilter).default([]),
    }),
    /** Where to save, as a handle to pass to an export; null when the user cancelled. */
    z.object({ target: fileRef.nullable() }),
    'read',
    SIGNED_IN,
  ),
  'jobs/cancel': method(
    z.object({ jobId }),
    z.object({ isCancelled: z.boolean() }),
    'read',
    SIGNED_IN,
  ),
  'audit/list': method(
    z.object({
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().positive().max(500).default(100),
    }),
    z.object({ rows: z.array(auditEntry), total: z.number().int().nonnegative() }),
    'read',
    needs('audit.read'),
  ),
  'audit/verify': method(
    z.object({}),
    z.object({
      isIntact: z.boolean(),
      checked: z.number().int().nonnegative(),
      /** First entry whose hash does not match, when the chain is broken. */
      brokenAtSeq: z.number().int().positive().nullable(),
    }),
    'read',
    needs('audit.read'),
  ),
} as const;
