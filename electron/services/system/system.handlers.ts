/** Contract handlers of the app itself: info, host dialogs, job cancellation, audit log, demo. */
import { listAudit, verifyAuditChain } from '../../db/audit-log';
import { TeacherEntity } from '../../db/entities/teacher.entity';
import { type HandlerMap } from '../../core/handler-types';
import { type ServiceContext } from '../../core/service-context';
import { DemoService } from '../demo/demo.service';

type SystemMethods =
  | 'system/info'
  | 'system/pickOpenFile'
  | 'system/pickSaveFile'
  | 'jobs/cancel'
  | 'audit/list'
  | 'audit/verify'
  | 'demo/create';

export interface SystemInfoSource {
  appName: string;
  version: string;
  keySource: 'safeStorage' | 'env' | 'keyfile';
  cancelJob(jobId: string): boolean;
}

export function systemHandlers(
  ctx: ServiceContext,
  source: SystemInfoSource,
): HandlerMap<SystemMethods> {
  const demo = new DemoService(ctx);
  return {
    'system/info': async () => ({
      appName: source.appName,
      version: source.version,
      dataDir: ctx.dataDir,
      keySource: source.keySource,
      migrations: ctx.db.appliedMigrations,
      hasNativeDialogs: ctx.host.hasNativeDialogs,
      teacherCount: await ctx.db.reader.manager.count(TeacherEntity),
    }),
    // The chosen paths stay in the core: the UI gets handles to pass on.
    'system/pickOpenFile': async (input) => {
      const chosen = await ctx.host.pickOpenFile(input.title, input.filters);
      return { file: chosen ? ctx.files.registerPath(chosen, 'in') : null };
    },
    'system/pickSaveFile': async (input) => {
      const chosen = await ctx.host.pickSaveFile(input.title, input.defaultName, input.filters);
      return { target: chosen ? ctx.files.registerPath(chosen, 'out') : null };
    },
    'jobs/cancel': (input) => ({ isCancelled: source.cancelJob(input.jobId) }),
    'audit/list': (input) => listAudit(ctx.db, input.offset, input.limit),
    'audit/verify': () => verifyAuditChain(ctx.db),
    'demo/create': (input, call) => demo.create(input.teachers, call),
  };
}
