/** A sheet of an .xlsx read as a plain table (header row + data rows), for what-ifs and list imports. */
import { AppError } from '@shared/api/envelope';
import { type SheetCell } from '@shared/domain/roster/cell';
import { type CallContext } from '../../core/handler-types';
import { ProgressReporter } from '../../core/progress';
import { sniffSpreadsheet } from '../roster/file-sniff';
import { readWorkbook } from '../roster/xlsx-reader';

export type CellValue = string | number | boolean | null;

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

const CANCELLED_MESSAGE = '已取消读取工作簿';

/**
 * The first visible sheet with data as a header row plus data rows, with each row's number in the
 * sheet (what row errors refer to): for what-if tables and list imports. Runs in a job: it reports
 * the rows read and stops when the caller cancels.
 */
export async function readTable(
  path: string,
  maxRows: number,
  call: CallContext,
  /**
   * Which row is the header: the first row with content (default), or the first of the top 20
   * rows this accepts (a title line may come first); rows above it are skipped.
   */
  isHeader?: (values: string[]) => boolean,
): Promise<{
  sheetName: string;
  headers: string[];
  rows: CellValue[][];
  rowNumbers: number[];
  isTruncated: boolean;
}> {
  const progress = new ProgressReporter(call).start();
  try {
    progress.update({ phase: 'check', message: '正在检查文件…', done: 0, total: null }, true);
    const sniff = await sniffSpreadsheet(path);
    if (call.signal.aborted) throw new AppError('CANCELLED', CANCELLED_MESSAGE);
    if (!sniff.ok) throw new AppError('BAD_FILE', sniff.message, { reason: sniff.code });
    let seen = 0;
    for await (const sheet of readWorkbook(path, sniff, { signal: call.signal })) {
      let headers: string[] | null = null;
      const rows: CellValue[][] = [];
      const rowNumbers: number[] = [];
      let isTruncated = false;
      let skipped = 0;
      for await (const row of sheet.rows) {
        seen += 1;
        progress.update({
          phase: 'read',
          message: `正在读取第 ${seen.toLocaleString('en-US')} 行`,
          done: seen,
          total: null,
        });
        const values = row.cells.map(plainValue);
        if (values.every((v) => v === null || v === '')) continue;
        if (!headers) {
          const texts = values.map((v) => (v === null ? '' : String(v)));
          skipped += 1;
          if (isHeader && !isHeader(texts) && skipped <= 20) continue;
          headers = texts.map((v, i) => (v === '' ? `列${i + 1}` : v));
          continue;
        }
        if (rows.length >= maxRows) {
          isTruncated = true;
          continue;
        }
        rows.push(headers.map((_, i) => values[i] ?? null));
        rowNumbers.push(row.rowNumber);
      }
      if (call.signal.aborted) break;
      if (headers) return { sheetName: sheet.name, headers, rows, rowNumbers, isTruncated };
    }
    // The reader stops quietly once the signal aborts: that is a cancellation, not an empty file.
    if (call.signal.aborted) throw new AppError('CANCELLED', CANCELLED_MESSAGE);
    throw new AppError('BAD_FILE', '工作簿中没有任何数据');
  } finally {
    progress.stop();
  }
}
