/**
 * Reads workbooks the app produced (exports, error rows) back with exceljs, as plain text cells,
 * so tests assert what an officer would see in Excel. exceljs is loaded the app's way (with its
 * UTF-8 fix), since the workbook fixtures do the same in this process.
 */
import type ExcelJS from 'exceljs';
import { loadExcelJs } from '../../electron/services/files/exceljs';

export interface SheetTable {
  sheetName: string;
  header: string[];
  rows: Record<string, string>[];
  /** Whether every filled cell of the column is a text cell (IDs and phones must not be numbers). */
  isTextColumn: (column: string) => boolean;
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'richText' in value)
    return value.richText.map((r) => r.text).join('');
  return cell.text;
}

/** The first sheet; the header is the first row that contains `headerMarker` (title rows above are skipped). */
export async function readSheet(file: string, headerMarker = '姓名'): Promise<SheetTable> {
  const workbook = new (loadExcelJs().Workbook)();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error(`${file} has no worksheet`);
  let header: string[] = [];
  let headerRow = 0;
  const rows: Record<string, string>[] = [];
  const types = new Map<string, ExcelJS.ValueType[]>();
  sheet.eachRow((row, rowNumber) => {
    const texts: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c += 1) texts.push(cellText(row.getCell(c)).trim());
    if (!headerRow) {
      if (texts.includes(headerMarker)) {
        header = texts;
        headerRow = rowNumber;
      }
      return;
    }
    const record: Record<string, string> = {};
    header.forEach((name, i) => {
      if (!name) return;
      record[name] = texts[i] ?? '';
      const list = types.get(name) ?? [];
      list.push(row.getCell(i + 1).type);
      types.set(name, list);
    });
    rows.push(record);
  });
  if (!headerRow) throw new Error(`${file}: no header row containing ${headerMarker}`);
  return {
    sheetName: sheet.name,
    header: header.filter((h) => h !== ''),
    rows,
    isTextColumn: (column) => {
      const { ValueType } = loadExcelJs();
      const text = new Set([ValueType.String, ValueType.SharedString, ValueType.RichText]);
      const filled = (types.get(column) ?? []).filter((type) => type !== ValueType.Null);
      return filled.length > 0 && filled.every((type) => text.has(type));
    },
  };
}

/** Writes a simple one-sheet workbook (an org list, say) with a header row. */
export async function writeSimpleWorkbook(
  file: string,
  header: string[],
  rows: (string | null)[][],
): Promise<void> {
  const workbook = new (loadExcelJs().Workbook)();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  await workbook.xlsx.writeFile(file);
}
