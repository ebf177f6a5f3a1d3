/** Contract handlers of the rule engine. */
import { AppError } from '@shared/api/envelope';
import { type SheetCell } from '@shared/domain/roster/cell';
import { type HandlerMap } from '../../core/handler-types';
import { type ServiceContext } from '../../core/service-context';
import { sniffSpreadsheet } from '../roster/file-sniff';
import { readWorkbook } from '../roster/xlsx-reader';
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

type CellValue = string | number | boolean | null;

function plainValue(cell: SheetCell | undefined): CellValue {
  if (!cell) return null;
  switch (cell.type) {
    case 'text':
      return cell.text.trim();
    case 'number':
      return cell.value;
    case 'bool':
      return cell.value;
    case 'date':
      return cell.iso;
    default:
      return null;
  }
}

/** The first visible sheet as a header row plus data rows, for what-if tables. */
async function readSheet(
  path: string,
  maxRows: number,
): Promise<{ sheetName: string; headers: string[]; rows: CellValue[][]; isTruncated: boolean }> {
  const sniff = await sniffSpreadsheet(path);
  if (!sniff.ok) throw new AppError('BAD_FILE', sniff.message, { reason: sniff.code });
  for await (const sheet of readWorkbook(path, sniff)) {
    let headers: string[] | null = null;
    const rows: CellValue[][] = [];
    let isTruncated = false;
    for await (const row of sheet.rows) {
      const values = row.cells.map(plainValue);
      if (values.every((v) => v === null || v === '')) continue;
      if (!headers) {
        headers = values.map((v, i) => (v === null || v === '' ? `列${i + 1}` : String(v)));
        continue;
      }
      if (rows.length >= maxRows) {
        isTruncated = true;
        continue;
      }
      rows.push(headers.map((_, i) => values[i] ?? null));
    }
    if (headers) return { sheetName: sheet.name, headers, rows, isTruncated };
  }
  throw new AppError('BAD_FILE', '工作簿中没有任何数据');
}

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
    'rules/readSheet': (input) =>
      withInputFile(ctx.files, input.file, (file) => readSheet(file.path, input.maxRows)),
  };
}
