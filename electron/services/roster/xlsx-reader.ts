/**
 * Streaming reader of .xlsx sheets into the neutral cell model of shared/domain/roster/cell.ts.
 *
 * It reads a file the sniff (file-sniff.ts) has already checked, part by part: the workbook and its
 * relationships (sheet names, tab order, hidden state), the shared-string table, then each visible
 * worksheet as a stream of rows (files/sheet-xml.ts). Every part is inflated in bounded chunks with
 * its size and CRC verified, so memory stays flat (≈ 130 MB for 100,000 rows, most of it the shared
 * strings) and a part that lies about its size is refused the moment it does.
 *
 * Cells keep their Excel type, so the validators can tell an ID number Excel stored as a number
 * (digits already lost) from one stored as text. Of the styles only the number formats are read,
 * to tell dates (numbers shown as dates) from numbers (files/sheet-styles.ts).
 *
 * exceljs remains the writer (exports, error workbooks) and the reference these parsers are tested
 * against (tests/unit/roster/xlsx-reader.test.ts).
 */
import { type TextDecoder } from 'node:util';
import { AppError } from '@shared/api/envelope';
import { type SheetCell } from '@shared/domain/roster/cell';
import { fragment } from '@shared/domain/text-fragment';
import {
  SharedStringsParser,
  SheetParser,
  SheetLimitError,
  SheetXmlError,
  type ParsedRow,
} from '../files/sheet-xml';
import { parseDateStyles } from '../files/sheet-styles';
import {
  DEFAULT_FILE_LIMITS,
  FileCheckError,
  partDecoder,
  readPart,
  readPartText,
  type ZipPart,
} from './file-sniff';
import { MergeMask, type MergeRange } from '../files/merged-cells';
import { type WorkbookLayout } from '../files/workbook-parts';

export type SheetRow = ParsedRow;

export interface SheetStream {
  name: string;
  /** Its zip entry, e.g. xl/worksheets/sheet1.xml (the sniff's SheetInfo.entry). */
  entry: string;
  rows: AsyncIterable<SheetRow>;
}

export interface ReadOptions {
  signal?: AbortSignal;
  /** Rows of one sheet above which reading stops (the sniff's limit). */
  maxRows?: number;
  /**
   * Columns of one row above which reading stops (the sniff's limit). The file check judges the
   * cells that name their column; this also holds for cells placed by position alone.
   */
  maxColumns?: number;
}

function bad(
  code: 'FILE_CORRUPT' | 'FILE_TOO_MANY_ROWS' | 'FILE_TOO_MANY_COLUMNS' | 'FILE_CELL_TOO_LONG',
  message: string,
): AppError {
  return new AppError('BAD_FILE', message, { reason: code });
}

function corrupt(detail: string): AppError {
  return bad(
    'FILE_CORRUPT',
    `文件已损坏，无法读取（${detail}）。请重新获取原始文件，或用 Excel/WPS 打开后另存为 .xlsx 再导入。`,
  );
}

/**
 * A part's text in chunks (stopping quietly once `signal` aborts), with the file checks' refusals
 * turned into the import's errors.
 */
async function* decodePart(
  path: string,
  part: ZipPart,
  signal: AbortSignal | undefined,
): AsyncGenerator<string> {
  let decoder: TextDecoder | null = null;
  try {
    for await (const chunk of readPart(path, part)) {
      if (signal?.aborted) return;
      decoder ??= partDecoder(chunk);
      yield decoder.decode(chunk, { stream: true });
    }
    const rest = decoder?.decode() ?? '';
    if (rest !== '') yield rest;
  } catch (error) {
    if (error instanceof FileCheckError)
      throw new AppError('BAD_FILE', error.failure.message, { reason: error.failure.code });
    throw error;
  }
}

function xmlFailure(part: ZipPart, error: unknown): unknown {
  // A limit of Excel's broken (a 40,000-character cell) is not damage: say which limit instead.
  if (error instanceof SheetLimitError) return bad('FILE_CELL_TOO_LONG', error.message);
  if (error instanceof SheetXmlError) return corrupt(`“${fragment(part.name)}”：${error.message}`);
  return error;
}

/** A workbook the file checks passed: its zip parts and where its sheets are (the sniff's result). */
export interface CheckedWorkbook {
  parts: readonly ZipPart[];
  layout: WorkbookLayout;
}

/**
 * Visible worksheets of the checked workbook at `path`, in tab order, each a stream of its
 * non-empty rows.
 */
export async function* readWorkbook(
  path: string,
  { parts, layout }: CheckedWorkbook,
  options: ReadOptions = {},
): AsyncGenerator<SheetStream> {
  const byName = new Map(parts.map((p) => [p.name.toLowerCase(), p]));
  const partAt = (name: string): ZipPart | undefined => byName.get(name.toLowerCase());
  const text = async (part: ZipPart): Promise<string> => {
    try {
      return await readPartText(path, part);
    } catch (error) {
      if (error instanceof FileCheckError)
        throw new AppError('BAD_FILE', error.failure.message, { reason: error.failure.code });
      throw error;
    }
  };
  let sharedStrings: readonly SheetCell[] = [];
  const sharedStringsPart = partAt(layout.sharedStringsEntry);
  if (sharedStringsPart) {
    const parser = new SharedStringsParser();
    try {
      for await (const piece of decodePart(path, sharedStringsPart, options.signal))
        parser.push(piece);
      if (options.signal?.aborted) return;
      sharedStrings = parser.end();
    } catch (error) {
      throw xmlFailure(sharedStringsPart, error);
    }
  }

  const stylesPart = partAt(layout.stylesEntry);
  const dates = {
    dateStyles: stylesPart ? parseDateStyles(await text(stylesPart)) : [],
    date1904: layout.date1904,
  };
  const maxRows = options.maxRows ?? DEFAULT_FILE_LIMITS.maxRows;
  for (const sheet of layout.sheets) {
    if (sheet.state === 'hidden' || sheet.state === 'veryHidden') continue;
    const part = partAt(sheet.entry);
    if (!part) throw corrupt(`工作表“${fragment(sheet.name)}”的内容缺失`);
    yield {
      name: sheet.name,
      entry: part.name,
      rows: sheetRows(path, part, sharedStrings, dates, maxRows, options, sheet.merges ?? []),
    };
    if (options.signal?.aborted) return;
  }
}

async function* sheetRows(
  path: string,
  part: ZipPart,
  sharedStrings: readonly SheetCell[],
  dates: { dateStyles: readonly boolean[]; date1904: boolean },
  maxRows: number,
  options: ReadOptions,
  merges: readonly MergeRange[],
): AsyncGenerator<SheetRow> {
  const queue: SheetRow[] = [];
  const maxColumns = options.maxColumns ?? DEFAULT_FILE_LIMITS.maxColumns;
  // Values under a merge are hidden in Excel: only the top-left cell of each range is read.
  const mask = merges.length > 0 ? new MergeMask(merges) : null;
  const parser = new SheetParser(
    sharedStrings,
    (row) => queue.push(mask ? mask.apply(row) : row),
    dates,
  );
  let rows = 0;
  const handOn = function* (): Generator<SheetRow> {
    rows += queue.length;
    if (rows > maxRows) {
      throw bad(
        'FILE_TOO_MANY_ROWS',
        `工作表至少有 ${rows.toLocaleString('en-US')} 行，超过了每次导入 ${maxRows.toLocaleString('en-US')} 行的上限。请删除末尾的空行或格式，或分成几个文件导入。`,
      );
    }
    for (const row of queue) {
      if (row.cells.length > maxColumns) {
        throw bad(
          'FILE_TOO_MANY_COLUMNS',
          `工作表第 ${row.rowNumber.toLocaleString('en-US')} 行用到了第 ${row.cells.length} 列，超过了每次导入最多 ${maxColumns} 列的上限。请删除不需要导入的列（包括右侧只有格式的空列），或把要导入的列复制到一个新工作表，另存后再导入。`,
        );
      }
      yield row;
    }
    queue.length = 0;
  };
  try {
    for await (const text of decodePart(path, part, options.signal)) {
      parser.push(text);
      yield* handOn();
    }
    if (options.signal?.aborted) return;
    parser.end();
  } catch (error) {
    throw xmlFailure(part, error);
  }
  yield* handOn();
}
