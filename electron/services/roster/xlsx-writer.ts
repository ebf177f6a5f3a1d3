/**
 * Streaming .xlsx writer for exports: ID numbers and phone numbers are text cells (format "@") so
 * Excel never turns them into numbers, and text that would start a formula is neutralised.
 */
import fs from 'node:fs';
import { neutralizeFormulaText } from '@shared/domain/roster/export-safety';
import { loadExcelJs } from '../files/exceljs';

export interface ColumnSpec {
  header: string;
  width: number;
  /** Text format, so Excel keeps digits as typed (ID numbers, phones). */
  isText?: boolean;
}

export interface SheetWriter {
  addRow(values: (string | number | null)[]): void;
  commit(): Promise<void>;
}

export async function openSheetWriter(
  path: string,
  sheetName: string,
  columns: ColumnSpec[],
): Promise<SheetWriter> {
  // The file is opened here, not by exceljs: a place that cannot be written (a missing folder, no
  // permission) fails now with its reason, and a failure while writing (a full disk) rejects the
  // commit instead of leaving it waiting for a stream that will never finish.
  const stream = fs.createWriteStream(path, { mode: 0o600 });
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  const failed = new Promise<never>((_, reject) => {
    stream.once('error', reject);
  });
  failed.catch(() => undefined);
  const workbook = new (loadExcelJs().stream.xlsx.WorkbookWriter)({
    stream,
    useSharedStrings: false,
    useStyles: true,
  });
  workbook.creator = '师训通 TrainDesk';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({
    header: c.header,
    key: `c${i}`,
    width: c.width,
    style: c.isText ? { numFmt: '@' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  return {
    addRow(values) {
      sheet
        .addRow(values.map((v) => (typeof v === 'string' ? neutralizeFormulaText(v) : v)))
        .commit();
    },
    async commit() {
      sheet.commit();
      await Promise.race([workbook.commit(), failed]);
    },
  };
}
