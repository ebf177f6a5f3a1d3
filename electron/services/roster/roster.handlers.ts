/** Contract handlers of the roster feature. */
import { type HandlerMap } from '../../core/handler-types';
import { type ServiceContext } from '../../core/service-context';
import { RosterImportService } from './roster-import.service';
import { writeRosterTemplate } from './roster-template';
import { RosterService } from './roster.service';

type RosterMethods =
  | 'roster/list'
  | 'roster/stats'
  | 'roster/update'
  | 'roster/importPreview'
  | 'roster/importCommit'
  | 'roster/importErrors'
  | 'roster/exportErrors'
  | 'roster/template'
  | 'roster/export';

export function rosterHandlers(ctx: ServiceContext): HandlerMap<RosterMethods> {
  const roster = new RosterService(ctx);
  const imports = new RosterImportService(ctx);
  return {
    'roster/list': (input) => roster.list(input),
    'roster/stats': (input) => roster.stats(input.orgId),
    'roster/update': (input, call) => roster.update(input, call.actor),
    'roster/importPreview': (input, call) => imports.preview(input, call),
    'roster/importCommit': (input, call) => imports.commit(input, call),
    'roster/importErrors': (input) => imports.errors(input.importId, input.offset, input.limit),
    'roster/exportErrors': (input) =>
      roster.writeErrorWorkbook(imports.errorRows(input.importId), input.path),
    'roster/template': (input) => writeRosterTemplate(ctx, input.path),
    'roster/export': (input, call) => {
      const { jobId: _jobId, ...rest } = input;
      return roster.export(rest, call);
    },
  };
}
