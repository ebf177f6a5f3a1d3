/**
 * Tables that arrive as text or as a sheet: cells copied from Excel or WPS (tab-separated, quoted
 * when a cell holds a tab, a line break or a quote), and the header of an imported workbook. Both are
 * matched to the record columns by name, so a sheet with its own column order still lands right.
 */
import { normalizeCell, type CellValue } from './cell-values';
import { type RecordColumn } from './record-tables';

/** Excel's clipboard text → rows of cells. A trailing line break does not make an empty row. */
export function parseTabText(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let isCellStart = true;
  while (i < text.length) {
    const char = text[i];
    if (isCellStart && char === '"') {
      // A quoted cell: runs to the closing quote; "" inside is one quote.
      i += 1;
      while (i < text.length) {
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        cell += text[i];
        i += 1;
      }
      isCellStart = false;
      continue;
    }
    if (char === '\t') {
      row.push(cell);
      cell = '';
      isCellStart = true;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      isCellStart = true;
    } else {
      cell += char;
      isCellStart = false;
    }
    i += 1;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((cells) => cells.some((value) => value.trim() !== ''));
}

function normalizeHeader(text: string): string {
  return text.toLowerCase().replace(/[（]/g, '(').replace(/[）]/g, ')').replace(/\s+/g, '');
}

function withoutParenthesis(text: string): string {
  return text.replace(/\(.*\)$/, '');
}

/** The record column a header names (its label, its label without the unit, or its field). */
export function matchColumn(header: string, columns: readonly RecordColumn[]): RecordColumn | null {
  const wanted = normalizeHeader(header);
  if (wanted === '') return null;
  for (const column of columns) {
    const label = normalizeHeader(column.label);
    const field = normalizeHeader(column.field.replace(/^(metric|item):/, ''));
    if (wanted === label || wanted === field || wanted === normalizeHeader(column.field))
      return column;
  }
  for (const column of columns) {
    if (withoutParenthesis(wanted) === withoutParenthesis(normalizeHeader(column.label)))
      return column;
  }
  return null;
}

export interface PastedTable {
  rows: Record<string, CellValue>[];
  hasHeader: boolean;
  /** Header cells that match no column (ignored). */
  unknownHeaders: string[];
}

/**
 * Pasted rows as records. The first row is a header when at least half of its non-empty cells name
 * a column; otherwise cells are taken in the table's column order.
 */
export function rowsFromPaste(text: string, columns: readonly RecordColumn[]): PastedTable {
  const cells = parseTabText(text);
  const first = cells[0] ?? [];
  const named = first.filter((value) => value.trim() !== '');
  const matches = first.map((value) => matchColumn(value, columns));
  const hasHeader =
    named.length > 0 && matches.filter((match) => match !== null).length * 2 >= named.length;
  const order: (RecordColumn | null)[] = hasHeader ? matches : [...columns];
  const body = hasHeader ? cells.slice(1) : cells;
  const rows = body.map((values) => {
    const row: Record<string, CellValue> = {};
    values.forEach((value, index) => {
      const column = order[index];
      if (column) row[column.field] = normalizeCell(value, column.type, column.options);
    });
    return row;
  });
  const unknownHeaders = hasHeader
    ? first.filter((value, index) => value.trim() !== '' && matches[index] === null)
    : [];
  return { rows, hasHeader, unknownHeaders };
}

/**
 * Sheet rows as records, by a chosen header for each column (`mapping[field]` = header index).
 */
export function rowsFromSheet(
  sheetRows: readonly (readonly CellValue[])[],
  columns: readonly RecordColumn[],
  mapping: Readonly<Record<string, number | null>>,
): Record<string, CellValue>[] {
  return sheetRows
    .map((values) => {
      const row: Record<string, CellValue> = {};
      for (const column of columns) {
        const index = mapping[column.field];
        if (index === null || index === undefined) continue;
        row[column.field] = normalizeCell(values[index] ?? null, column.type, column.options);
      }
      return row;
    })
    .filter((row) => Object.values(row).some((value) => value !== null));
}

/** The header index each column most likely comes from, by name; null when none matches. */
export function guessMapping(
  headers: readonly string[],
  columns: readonly RecordColumn[],
): Record<string, number | null> {
  const mapping: Record<string, number | null> = {};
  const used = new Set<number>();
  for (const column of columns) {
    const index = headers.findIndex(
      (header, i) => !used.has(i) && matchColumn(header, [column]) !== null,
    );
    mapping[column.field] = index >= 0 ? index : null;
    if (index >= 0) used.add(index);
  }
  return mapping;
}
