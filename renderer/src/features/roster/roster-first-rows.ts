/**
 * The roster grid's row queries, and the first of them started before the page exists: on a cold
 * start the first block of rows is asked for with the session check (early-calls.ts), so the grid
 * finds it waiting when it sets itself up. The early query must be the grid's first one exactly:
 * the unit filter comes from the tree, which is not loaded yet, so the grid's first query has no
 * filter; the sort is the remembered column layout's, as the grid starts with it.
 */
import { type MethodInput } from '@shared/api/contract';
import { type RosterFilter } from '@shared/api/roster.contract';
import { startEarly } from '../../api/early-calls';
import { readStored } from '../../components/use-stored-state';
import { COLUMN_STATE_KEY, isColumnLayout } from './roster-columns';

/** Rows per query (AG Grid's cache block). */
export const BLOCK_SIZE = 100;

export interface SortItem {
  colId: string;
  sort: 'asc' | 'desc';
}

/** The `roster/list` input for the rows from `startRow` to `endRow` (exclusive). */
export function rosterListInput(
  filter: RosterFilter,
  sort: readonly SortItem[],
  startRow: number,
  endRow: number,
): MethodInput<'roster/list'> {
  return {
    ...filter,
    sort: sort.map((s) => ({ colId: s.colId, sort: s.sort })),
    offset: startRow,
    limit: endRow - startRow,
  };
}

/** The sort the grid starts with: the remembered layout's, else none. */
export function initialSort(): SortItem[] {
  const model: unknown = readStored(COLUMN_STATE_KEY, isColumnLayout)?.sort?.sortModel;
  // Stored by some build of the app: only well-formed items (the grid ignores the others too).
  return Array.isArray(model)
    ? model.filter(isSortItem).map(({ colId, sort }) => ({ colId, sort }))
    : [];
}

function isSortItem(value: unknown): value is SortItem {
  if (typeof value !== 'object' || value === null) return false;
  const { colId, sort } = value as Record<string, unknown>;
  return typeof colId === 'string' && (sort === 'asc' || sort === 'desc');
}

/** Starts the grid's first query (the first block, no filter, the remembered sort). */
export function startFirstRows(): void {
  startEarly('roster/list', rosterListInput({}, initialSort(), 0, BLOCK_SIZE));
}
