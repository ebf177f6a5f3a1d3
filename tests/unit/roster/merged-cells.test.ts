/** Merged ranges: only a merge's top-left cell is read; the cells it hides are blank. */
import { describe, expect, it } from 'vitest';
import { EMPTY_CELL, type SheetCell } from '@shared/domain/roster/cell';
import { MergeMask, parseMergeRef } from '../../../electron/services/files/merged-cells';

const t = (text: string): SheetCell => ({ type: 'text', text });

describe('parseMergeRef', () => {
  it.each([
    ['A1:C2', { top: 1, left: 0, bottom: 2, right: 2 }],
    ['$B$3:$A$1', { top: 1, left: 0, bottom: 3, right: 1 }],
    ['A1:A1', null],
    ['A1', null],
    [`A1:${'B'.repeat(1000)}2`, null],
  ])('%s', (ref, expected) => {
    expect(parseMergeRef(ref)).toEqual(expected);
  });
});

describe('MergeMask', () => {
  it('keeps the top-left cell of each range and blanks the rest, row by row', () => {
    const mask = new MergeMask([
      { top: 2, left: 1, bottom: 3, right: 2 },
      { top: 5, left: 0, bottom: 5, right: 3 },
    ]);
    const rows = [
      { rowNumber: 1, cells: [t('a'), t('b'), t('c')] },
      { rowNumber: 2, cells: [t('a'), t('top-left'), t('hidden')] },
      { rowNumber: 3, cells: [t('a'), t('hidden'), t('hidden'), t('d')] },
      { rowNumber: 4, cells: [t('a'), t('b'), t('c')] },
      { rowNumber: 5, cells: [t('title'), t('hidden'), EMPTY_CELL, t('hidden')] },
    ].map((row) => mask.apply(row).cells);
    expect(rows).toEqual([
      [t('a'), t('b'), t('c')],
      [t('a'), t('top-left')],
      [t('a'), EMPTY_CELL, EMPTY_CELL, t('d')],
      [t('a'), t('b'), t('c')],
      [t('title')],
    ]);
  });
});
