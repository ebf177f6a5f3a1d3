/** Contract handlers of the org feature: thin, they validate nothing (the dispatcher did) and delegate. */
import { type HandlerMap } from '../../core/handler-types';
import { type ServiceContext } from '../../core/service-context';
import { OrgImportService } from './org-import.service';
import { OrgService } from './org.service';
import { requireScope } from './unit-scope';
import { withInputFile } from '../files/saved-file';

type OrgMethods =
  | 'org/tree'
  | 'org/create'
  | 'org/update'
  | 'org/delete'
  | 'org/importPreview'
  | 'org/importCommit';

export function orgHandlers(ctx: ServiceContext): HandlerMap<OrgMethods> {
  const orgs = new OrgService(ctx);
  const imports = new OrgImportService(ctx);
  return {
    'org/tree': async (_input, call) => ({
      nodes: await orgs.tree(undefined, requireScope(call)),
    }),
    'org/create': (input, call) => orgs.create(input, call),
    'org/update': (input, call) => orgs.update(input, call),
    'org/delete': async (input, call) => {
      await orgs.delete(input.id, call);
      return { deleted: true as const };
    },
    'org/importPreview': (input, call) =>
      withInputFile(ctx.files, input.file, (file) =>
        imports.preview({ path: file.path, fileName: file.fileName }, call),
      ),
    'org/importCommit': (input, call) => imports.commit(input.importId, call),
  };
}
