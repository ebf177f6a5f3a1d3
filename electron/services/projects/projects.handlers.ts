/** Contract handlers of training projects and quotas. */
import { type HandlerMap } from '../../core/handler-types';
import { type ServiceContext } from '../../core/service-context';
import { requireScope } from '../org/unit-scope';
import { ProjectsService } from './projects.service';
import { EnrollmentService } from './enrollment.service';
import { ProjectExports } from './project-exports';
import {
  previewEnrollmentImport,
  RecentImportErrors,
  writeEnrollmentImportErrors,
} from './enrollment-import';
import { withInputFile } from '../files/saved-file';
import { QuotasService } from './quotas.service';
import { previewCourseImport } from './course-import';

type ProjectMethods =
  | 'projects/list'
  | 'projects/get'
  | 'projects/create'
  | 'projects/saveBatches'
  | 'quotas/show'
  | 'quotas/propose'
  | 'quotas/set'
  | 'quotas/reclaim'
  | 'quotas/export'
  | 'enrollment/export'
  | 'enrollment/importPreview'
  | 'enrollment/exportImportErrors'
  | 'projects/courses'
  | 'projects/saveCourses'
  | 'projects/coursesImportPreview'
  | 'enrollment/check'
  | 'enrollment/enroll'
  | 'enrollment/withdraw'
  | 'enrollment/leaveWaitlist'
  | 'enrollment/swap'
  | 'enrollment/waitlist'
  | 'enrollment/list'
  | 'enrollment/recordBan';

export function projectsHandlers(ctx: ServiceContext): HandlerMap<ProjectMethods> {
  const projects = new ProjectsService(ctx);
  const quotas = new QuotasService(ctx);
  const enrollment = new EnrollmentService(ctx);
  const exports = new ProjectExports(ctx);
  const recentErrors = new RecentImportErrors();
  return {
    'projects/list': async (_input, call) => ({ rows: await projects.list(call) }),
    'projects/get': async (input, call) =>
      projects.toRow(await projects.load(input.id, requireScope(call))),
    'projects/create': (input, call) => projects.create(input, call),
    'projects/saveBatches': (input, call) => projects.saveBatches(input, call),
    'quotas/show': (input, call) => quotas.sheet(input, call),
    'quotas/propose': (input, call) => quotas.propose(input, call),
    'quotas/set': (input, call) => quotas.set(input, call),
    'quotas/reclaim': (input, call) => quotas.reclaim(input, call),
    'quotas/export': (input, call) => exports.quotas(input, call),
    'enrollment/export': (input, call) => exports.enrollments(input, call),
    'enrollment/importPreview': (input, call) =>
      withInputFile(ctx.files, input.file, (file) =>
        previewEnrollmentImport(
          ctx,
          { batchId: input.batchId, path: file.path, fileName: file.fileName },
          recentErrors,
          call,
        ),
      ),
    'enrollment/exportImportErrors': (input, call) =>
      writeEnrollmentImportErrors(ctx, input.errorsId, recentErrors, input.target, call),
    'projects/courses': async (input, call) => ({
      rows: await enrollment.courses(input.batchId, call),
    }),
    'projects/saveCourses': async (input, call) => ({
      rows: await enrollment.saveCourses(input, call),
    }),
    'projects/coursesImportPreview': (input, call) =>
      withInputFile(ctx.files, input.file, (file) =>
        previewCourseImport(ctx, { batchId: input.batchId, path: file.path }, call),
      ),
    'enrollment/check': async (input, call) => ({ results: await enrollment.check(input, call) }),
    'enrollment/enroll': async (input, call) => ({ results: await enrollment.enroll(input, call) }),
    'enrollment/withdraw': (input, call) => enrollment.withdraw(input, call),
    'enrollment/leaveWaitlist': (input, call) => enrollment.leaveWaitlist(input, call),
    'enrollment/swap': (input, call) => enrollment.swap(input, call),
    'enrollment/waitlist': (input, call) => enrollment.waitlist(input, call),
    'enrollment/list': async (input, call) => ({ rows: await enrollment.list(input, call) }),
    'enrollment/recordBan': (input, call) => enrollment.recordBan(input, call),
  };
}
