/** Contract handlers of the roster feature. */
import { writeErrorWorkbook } from '../files/error-workbook';
import { type HandlerMap } from '../../core/handler-types';
import { type ServiceContext } from '../../core/service-context';
import { RosterImportService } from './roster-import.service';
import { writeRosterTemplate } from './roster-template';
import { RosterService } from './roster.service';
import { withInputFile } from '../files/saved-file';

type RosterMethods =
  | 'roster/list'
  | 'roster/stats'
  | 'roster/create'
  | 'roster/delete'
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
    'roster/list': (input, call) => roster.list(input, call),
    'roster/stats': (input, call) => roster.stats(input, call),
    'roster/create': (input, call) => roster.create(input, call),
    'roster/delete': (input, call) => roster.delete(input.id, call),
    'roster/update': (input, call) => roster.update(input, call),
    'roster/importPreview': (input, call) =>
      withInputFile(ctx.files, input.file, (file) =>
        imports.preview({ path: file.path, fileName: file.fileName }, call),
      ),
    'roster/importCommit': (input, call) => imports.commit(input, call),
    'roster/importErrors': (input, call) =>
      imports.errors(input.importId, input.offset, input.limit, call),
    'roster/exportErrors': async (input, call) =>
      writeErrorWorkbook(ctx, await imports.errorRows(input.importId, call), input.target, call),
    'roster/template': (input) => writeRosterTemplate(ctx, input.target),
    'roster/export': (input, call) => {
      const { jobId: _jobId, ...rest } = input;
      return roster.export(rest, call);
    },
  };
}
