/**
 * The arithmetic of a quota sheet while it is being edited, kept pure so it can be tested: the
 * seats each cell shows (saved value or the edit over it), Σ of the children per batch, the batches
 * where Σ exceeds the unit's own seats (their cells turn red before anything is saved), and the
 * cells to send on 保存.
 */
import { type QuotaSheet, type QuotaUnitRow } from '@shared/api/projects.contract';

/** Edited seats, by `cellKey(unitId, batchId)`. */
export type SeatEdits = Readonly<Record<string, number>>;

export interface SeatCell {
  unitId: string;
  batchId: string;
  seats: number;
}

export type QuotaRowKind = 'parent' | 'child' | 'sum' | 'remaining';

export interface QuotaGridRow {
  /** Row identity for the grid: the unit's id, or the kind for the two computed rows. */
  rowId: string;
  kind: QuotaRowKind;
  unitId: string | null;
  name: string;
  teachers: number | null;
  /** Seats per batch id, as shown (edits included). */
  seats: Record<string, number>;
  total: number;
  coveragePercent: number | null;
}

export function cellKey(unitId: string, batchId: string): string {
  return `${unitId}|${batchId}`;
}

export function savedSeats(row: QuotaUnitRow, batchId: string): number {
  return row.cells.find((c) => c.batchId === batchId)?.seats ?? 0;
}

export function shownSeats(row: QuotaUnitRow, batchId: string, edits: SeatEdits): number {
  return edits[cellKey(row.unit.id, batchId)] ?? savedSeats(row, batchId);
}

/** Σ of the children's seats in one batch, edits included. */
export function childSum(sheet: QuotaSheet, batchId: string, edits: SeatEdits): number {
  return sheet.children.reduce((sum, child) => sum + shownSeats(child, batchId, edits), 0);
}

/** The batches whose children together hold more than the unit (edits included). */
export function overBatches(sheet: QuotaSheet, edits: SeatEdits): Set<string> {
  const over = new Set<string>();
  for (const batch of sheet.batches) {
    if (childSum(sheet, batch.id, edits) > shownSeats(sheet.parent, batch.id, edits)) {
      over.add(batch.id);
    }
  }
  return over;
}

/** The edited cells whose value differs from the saved one, in sheet order. */
export function changedCells(sheet: QuotaSheet, edits: SeatEdits): SeatCell[] {
  const cells: SeatCell[] = [];
  for (const row of [sheet.parent, ...sheet.children]) {
    for (const batch of sheet.batches) {
      const edited = edits[cellKey(row.unit.id, batch.id)];
      if (edited !== undefined && edited !== savedSeats(row, batch.id)) {
        cells.push({ unitId: row.unit.id, batchId: batch.id, seats: edited });
      }
    }
  }
  return cells;
}

/** Whether a change replaces seats that were already given (the core then needs a reason). */
export function changesSavedSeats(sheet: QuotaSheet, cells: readonly SeatCell[]): boolean {
  const rows = new Map([sheet.parent, ...sheet.children].map((r) => [r.unit.id, r]));
  return cells.some((cell) => {
    const row = rows.get(cell.unitId);
    // A saved 0 is a decision too: changing it needs a reason like any saved seats.
    return row?.cells.find((c) => c.batchId === cell.batchId)?.isSaved === true;
  });
}

/** Edits from a proposal: only the cells that differ from what is saved. */
export function editsFromProposal(sheet: QuotaSheet, cells: readonly SeatCell[]): SeatEdits {
  const rows = new Map([sheet.parent, ...sheet.children].map((r) => [r.unit.id, r]));
  const edits: Record<string, number> = {};
  for (const cell of cells) {
    const row = rows.get(cell.unitId);
    if (row && savedSeats(row, cell.batchId) !== cell.seats) {
      edits[cellKey(cell.unitId, cell.batchId)] = cell.seats;
    }
  }
  return edits;
}

function unitRow(kind: 'parent' | 'child', row: QuotaUnitRow, sheet: QuotaSheet, edits: SeatEdits) {
  const seats: Record<string, number> = {};
  let total = 0;
  for (const batch of sheet.batches) {
    const value = shownSeats(row, batch.id, edits);
    seats[batch.id] = value;
    total += value;
  }
  return {
    rowId: row.unit.id,
    kind,
    unitId: row.unit.id,
    name: row.unit.name,
    teachers: row.teachers,
    seats,
    total,
    coveragePercent:
      row.teachers > 0 ? Math.round((total / row.teachers) * 1000) / 10 : row.coveragePercent,
  } satisfies QuotaGridRow;
}

/** The grid's rows: the unit itself, its children, then Σ of the children and what is left. */
export function quotaGridRows(
  sheet: QuotaSheet,
  edits: SeatEdits,
  labels: { sum: string; remaining: string },
): { parent: QuotaGridRow; children: QuotaGridRow[]; bottom: QuotaGridRow[] } {
  const parent = unitRow('parent', sheet.parent, sheet, edits);
  const children = sheet.children.map((child) => unitRow('child', child, sheet, edits));
  const sum: Record<string, number> = {};
  const remaining: Record<string, number> = {};
  for (const batch of sheet.batches) {
    const value = childSum(sheet, batch.id, edits);
    sum[batch.id] = value;
    remaining[batch.id] = (parent.seats[batch.id] ?? 0) - value;
  }
  const add = (values: Record<string, number>): number =>
    Object.values(values).reduce((a, b) => a + b, 0);
  return {
    parent,
    children,
    bottom: [
      {
        rowId: 'sum',
        kind: 'sum',
        unitId: null,
        name: labels.sum,
        teachers: sheet.children.reduce((a, c) => a + c.teachers, 0),
        seats: sum,
        total: add(sum),
        coveragePercent: null,
      },
      {
        rowId: 'remaining',
        kind: 'remaining',
        unitId: null,
        name: labels.remaining,
        teachers: null,
        seats: remaining,
        total: add(remaining),
        coveragePercent: null,
      },
    ],
  };
}

/** Totals of the unit's own cells, for the header summary. */
export function sheetSummary(sheet: QuotaSheet): {
  seats: number;
  handedDown: number;
  enrolled: number;
  remaining: number;
} {
  const sum = { seats: 0, handedDown: 0, enrolled: 0, remaining: 0 };
  for (const cell of sheet.parent.cells) {
    sum.seats += cell.seats;
    sum.handedDown += cell.handedDown;
    sum.enrolled += cell.enrolled;
    sum.remaining += cell.remaining;
  }
  return sum;
}

/** Parses what a person typed into a seats cell: a whole number ≥ 0, else null. */
export function parseSeats(value: unknown): number | null {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
  const trimmed = text.trim();
  if (!/^\d{1,7}$/.test(trimmed)) return null;
  const seats = Number(trimmed);
  return seats <= 1_000_000 ? seats : null;
}
