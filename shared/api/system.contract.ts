/** Contract of the app itself: info, host dialogs, jobs, audit log, demo workspace. */
import { z } from 'zod';
import { method, writes } from './define';
import { fileRef, id, isoDateTime, jobId } from './common.schemas';

const fileFilter = z.object({ name: z.string(), extensions: z.array(z.string()) });

export const auditEntry = z.object({
  seq: z.number().int().positive(),
  at: isoDateTime,
  actor: z.string(),
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
  ),
  'system/pickOpenFile': method(
    z.object({ title: z.string(), filters: z.array(fileFilter).default([]) }),
    /** The chosen file as a handle to read; null when the user cancelled. */
    z.object({ file: fileRef.nullable() }),
    'read',
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
  ),
  'jobs/cancel': method(z.object({ jobId }), z.object({ isCancelled: z.boolean() }), 'read'),
  'audit/list': method(
    z.object({
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().positive().max(500).default(100),
    }),
    z.object({ rows: z.array(auditEntry), total: z.number().int().nonnegative() }),
    'read',
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
  ),
  'demo/create': method(
    z.object({ jobId, teachers: z.number().int().min(100).max(200_000).default(30_000) }),
    z.object({
      orgUnits: z.number().int().nonnegative(),
      teachers: z.number().int().nonnegative(),
      rootId: id,
    }),
    writes('demo.create', '创建演示数据', 'org_unit', ['org', 'roster']),
    { isJob: true },
  ),
} as const;
