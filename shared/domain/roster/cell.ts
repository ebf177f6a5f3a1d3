/**
 * The neutral cell model between the spreadsheet reader (electron/, exceljs) and the pure
 * validators. Cells keep Excel's own type because it carries meaning: an ID number stored as a
 * number has already lost digits, a formula is not data.
 */
import { GARBLED_MESSAGE, quoteValue, REPLACEMENT_CHAR } from './text';

export type SheetCell =
  | { type: 'empty' }
  | { type: 'text'; text: string }
  | { type: 'number'; value: number }
  /** YYYY-MM-DD, or a full ISO date-time when the cell has a time of day. */
  | { type: 'date'; iso: string }
  | { type: 'bool'; value: boolean }
  /** The formula text, with or without the leading =. */
  | { type: 'formula'; formula: string }
  /** An Excel error value such as #N/A or #VALUE!. */
  | { type: 'error'; text: string };

export const EMPTY_CELL: SheetCell = { type: 'empty' };

/**
 * A number as Excel's General format shows it: integers up to 11 digits in full, longer ones in
 * scientific notation with 6 significant digits (320102199003071234 → 3.20102E+17), so a message
 * can show the user exactly what they see in their sheet.
 */
export function excelGeneralNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e11 || abs < 1e-9)) {
    const [mantissa = '', exponent = '0'] = value.toExponential(5).split('e');
    const trimmed = mantissa.replace(/\.?0+$/u, '');
    const exp = Number(exponent);
    const sign = exp < 0 ? '-' : '+';
    return `${trimmed}E${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(10)));
}

/** The text a person sees in the cell; used for messages and for the originals in error workbooks. */
export function cellText(cell: SheetCell | undefined): string {
  if (cell === undefined) return '';
  switch (cell.type) {
    case 'empty':
      return '';
    case 'text':
      return cell.text;
    case 'number':
      return excelGeneralNumber(cell.value);
    case 'date':
      return cell.iso.replace(/T00:00(:00(\.000)?)?(Z|[+-]00:00)?$/u, '');
    case 'bool':
      return cell.value ? 'TRUE' : 'FALSE';
    case 'formula':
      return cell.formula.startsWith('=') ? cell.formula : `=${cell.formula}`;
    case 'error':
      return cell.text;
  }
}

/** True for cells that hold nothing a person would call a value (empty, or only spaces). */
export function isBlankCell(cell: SheetCell | undefined): boolean {
  if (cell === undefined || cell.type === 'empty') return true;
  return cell.type === 'text' && cell.text.replace(/[\s\u200B-\u200D\u2060\uFEFF]/gu, '') === '';
}

/**
 * A data cell's text for a validator, or null when the cell cannot be data: a formula, an Excel
 * error value, or text garbled in decoding. Each of those is reported once through `report`.
 */
export function dataCellText(
  cell: SheetCell | undefined,
  report: (code: string, message: string) => void,
): string | null {
  if (cell?.type === 'formula') {
    report(
      'FORMULA_CELL',
      `这一格是公式（${quoteValue(cellText(cell), 40)}），不是数据。请复制该列后“选择性粘贴 → 数值”，再导入。`,
    );
    return null;
  }
  if (cell?.type === 'error') {
    report('CELL_ERROR', `这一格是 Excel 错误值 ${cell.text}，请填写正确的内容。`);
    return null;
  }
  const value = cellText(cell);
  if (value.includes(REPLACEMENT_CHAR)) {
    report('CELL_GARBLED', GARBLED_MESSAGE);
    return null;
  }
  return value;
}
