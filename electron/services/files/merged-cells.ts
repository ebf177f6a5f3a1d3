/**
 * Merged cells. Excel shows only the top-left cell of a merge; values stored in the other cells of
 * the range (left behind when cells were merged, or planted) are invisible to the person who checks
 * the sheet, so they must not become data. <mergeCells> comes after <sheetData> in a sheet, so the
 * file check collects the ranges while it scans the sheet anyway, and the reader blanks the hidden
 * cells as the rows stream by.
 */
import { EMPTY_CELL } from '@shared/domain/roster/cell';
import { type ParsedRow } from './sheet-xml';

/** A merged range: rows as the sheet numbers them (1-based), columns as indexes (0 = A). */
export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** More merges than this are not a roster's; the rest are not tracked (bounded memory). */
export const MAX_MERGES = 100_000;

const REF = /^\$?([A-Za-z]{1,3})\$?(\d{1,7}):\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** The range of a mergeCell ref such as "A1:C2", or null when it is not one. */
export function parseMergeRef(ref: string): MergeRange | null {
  const m = REF.exec(ref.trim());
  if (!m) return null;
  const a = { row: Number(m[2]), col: columnIndex(m[1] ?? 'A') };
  const b = { row: Number(m[4]), col: columnIndex(m[3] ?? 'A') };
  const range = {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
  return range.top === range.bottom && range.left === range.right ? null : range;
}

/**
 * Blanks the cells that merges hide, row by row (rows arrive in ascending order). Only the ranges
 * covering the current row are looked at, so the work per row is bounded by its merges.
 */
export class MergeMask {
  private readonly ranges: MergeRange[];
  private next = 0;
  private active: MergeRange[] = [];

  constructor(ranges: readonly MergeRange[]) {
    this.ranges = [...ranges].sort((a, b) => a.top - b.top);
  }

  apply(row: ParsedRow): ParsedRow {
    const n = row.rowNumber;
    while (this.next < this.ranges.length && (this.ranges[this.next]?.top ?? 0) <= n) {
      const range = this.ranges[this.next];
      if (range) this.active.push(range);
      this.next += 1;
    }
    if (this.active.length === 0) return row;
    this.active = this.active.filter((r) => r.bottom >= n);
    let cells = row.cells;
    for (const r of this.active) {
      const from = r.top === n ? r.left + 1 : r.left;
      const to = Math.min(r.right, cells.length - 1);
      for (let c = from; c <= to; c += 1) {
        if (cells[c] === EMPTY_CELL) continue;
        if (cells === row.cells) cells = [...row.cells];
        cells[c] = EMPTY_CELL;
      }
    }
    if (cells === row.cells) return row;
    while (cells.length > 0 && cells[cells.length - 1] === EMPTY_CELL) cells.pop();
    return { rowNumber: n, cells };
  }
}
