/** Contract handlers of the rule engine. */
import { type HandlerMap } from '../../core/handler-types';
import { type ServiceContext } from '../../core/service-context';
import { readTable } from '../files/read-table';
import { RulesService } from './rules.service';
import { withInputFile } from '../files/saved-file';

type RulesMethods =
  | 'rules/list'
  | 'rules/get'
  | 'rules/validate'
  | 'rules/save'
  | 'rules/delete'
  | 'rules/evaluate'
  | 'rules/readSheet';

export function rulesHandlers(ctx: ServiceContext): HandlerMap<RulesMethods> {
  const rules = new RulesService(ctx);
  return {
    'rules/list': async () => ({ items: await rules.list() }),
    'rules/get': (input) => rules.get(input.id),
    'rules/validate': (input) => rules.validate(input.ruleSet),
    'rules/save': (input, call) => rules.save(input.ruleSet, input.basedOn, call),
    'rules/delete': async (input, call) => {
      await rules.delete(input.id, call);
      return { deleted: true as const };
    },
    'rules/evaluate': (input) => rules.evaluate(input),
    'rules/readSheet': (input, call) =>
      withInputFile(ctx.files, input.file, async (file) => {
        const { rowNumbers: _rows, ...table } = await readTable(file.path, input.maxRows, call);
        return table;
      }),
  };
}
