/** Contract handlers of the app itself: info, host dialogs, job cancellation, audit log. */
import { listAudit, verifyAuditChain } from '../../db/audit-log';
import { OrgRepository } from '../org/org.repository';
import { requireScope, UnitScope } from '../org/unit-scope';
import { TeacherRepository } from '../roster/teacher.repository';
import { type HandlerMap } from '../../core/handler-types';
import { type ServiceContext } from '../../core/service-context';

type SystemMethods =
  | 'system/info'
  | 'system/pickOpenFile'
  | 'system/pickSaveFile'
  | 'jobs/cancel'
  | 'audit/list'
  | 'audit/verify';

export interface SystemInfoSource {
  appName: string;
  version: string;
  keySource: 'safeStorage' | 'env' | 'keyfile';
  /** Cancels a job of this operator's; false when they have no such job running. */
  cancelJob(jobId: string, operatorId: string): boolean;
}

export function systemHandlers(
  ctx: ServiceContext,
  source: SystemInfoSource,
): HandlerMap<SystemMethods> {
  const teachers = new TeacherRepository(ctx.db);
  const orgs = new OrgRepository(ctx.db);
  return {
    'system/info': async (_input, call) => ({
      appName: source.appName,
      version: source.version,
      dataDir: ctx.dataDir,
      keySource: source.keySource,
      migrations: ctx.db.appliedMigrations,
      hasNativeDialogs: ctx.host.hasNativeDialogs,
      // Of the operator's scope: the status bar says how many teachers they look after.
      teacherCount: await teachers.count({
        schools: (await UnitScope.load(orgs, requireScope(call))).schools(),
      }),
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
    'jobs/cancel': (input, call) => ({
      isCancelled: call.operator ? source.cancelJob(input.jobId, call.operator.id) : false,
    }),
    'audit/list': (input) => listAudit(ctx.db, input.offset, input.limit),
    'audit/verify': () => verifyAuditChain(ctx.db),
  };
}
