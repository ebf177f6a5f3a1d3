/**
 * Reads what an AG Grid shows: rendered rows as `{ colId: text }`, merged across the pinned and
 * centre containers (a row's cells live in both), ordered by row index.
 */
import { type Locator } from '@playwright/test';

export type GridRow = Record<string, string>;

/** The few DOM members used in the page (the tests' tsconfig has no DOM library). */
interface ElementLike {
  textContent: string | null;
  getAttribute(name: string): string | null;
  closest(selector: string): ElementLike | null;
  querySelectorAll(selector: string): ArrayLike<ElementLike>;
}

export async function readGridRows(grid: Locator): Promise<GridRow[]> {
  return grid.evaluate((element: unknown) => {
    const root = element as ElementLike;
    const rows = new Map<number, Record<string, string>>();
    for (const cell of Array.from(root.querySelectorAll('.ag-row .ag-cell[col-id]'))) {
      const row = cell.closest('.ag-row');
      const index = Number(row?.getAttribute('row-index'));
      const colId = cell.getAttribute('col-id');
      if (!Number.isInteger(index) || !colId) continue;
      const entry = rows.get(index) ?? {};
      entry[colId] = (cell.textContent ?? '').trim();
      rows.set(index, entry);
    }
    return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, entry]) => entry);
  });
}

/** Locator of one cell, by row index and column id. */
export function gridCell(grid: Locator, rowIndex: number, colId: string): Locator {
  return grid.locator(`.ag-row[row-index="${rowIndex}"] .ag-cell[col-id="${colId}"]`);
}
