/** Contract handlers of training projects and quotas. */
import { type HandlerMap } from '../../core/handler-types';
import { type ServiceContext } from '../../core/service-context';
import { requireScope } from '../org/unit-scope';
import { ProjectsService } from './projects.service';
import { QuotasService } from './quotas.service';

type ProjectMethods =
  | 'projects/list'
  | 'projects/get'
  | 'projects/create'
  | 'quotas/show'
  | 'quotas/propose'
  | 'quotas/set';

export function projectsHandlers(ctx: ServiceContext): HandlerMap<ProjectMethods> {
  const projects = new ProjectsService(ctx);
  const quotas = new QuotasService(ctx);
  return {
    'projects/list': async (_input, call) => ({ rows: await projects.list(call) }),
    'projects/get': async (input, call) =>
      projects.toRow(await projects.load(input.id, requireScope(call))),
    'projects/create': (input, call) => projects.create(input, call),
    'quotas/show': (input, call) => quotas.sheet(input, call),
    'quotas/propose': (input, call) => quotas.propose(input, call),
    'quotas/set': (input, call) => quotas.set(input, call),
  };
}
