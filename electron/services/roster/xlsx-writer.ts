/**
 * Streaming .xlsx writer for exports: ID numbers and phone numbers are text cells (format "@") so
 * Excel never turns them into numbers, and text that would start a formula is neutralised.
 */
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

export function openSheetWriter(
  path: string,
  sheetName: string,
  columns: ColumnSpec[],
): SheetWriter {
  const workbook = new (loadExcelJs().stream.xlsx.WorkbookWriter)({
    filename: path,
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
      await workbook.commit();
    },
  };
}
