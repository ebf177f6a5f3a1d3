// The live arithmetic of 名额分配: Σ of the children per batch, the red cells when Σ exceeds the
// unit's seats, and which cells 保存 sends (and whether it needs a reason).
import { describe, expect, it } from 'vitest';
import { type QuotaSheet, type QuotaUnitRow } from '@shared/api/projects.contract';
import {
  cellKey,
  changedCells,
  changesSavedSeats,
  childSum,
  editsFromProposal,
  overBatches,
  parseSeats,
  quotaGridRows,
  sheetSummary,
} from '../../../renderer/src/features/projects/quota-model';

const batch = (id: string, no: number) => ({
  id,
  no,
  name: `第${no}期`,
  startsOn: '2027-07-16',
  endsOn: '2027-08-04',
  enrollFrom: '2027-07-11',
  enrollUntil: '2027-07-15',
  changeUntil: '2027-08-04',
});

const unit = (id: string, teachers: number, seats: [number, number]): QuotaUnitRow => ({
  unit: { id, name: `单位${id}`, kind: 'district' },
  teachers,
  cells: [
    {
      batchId: 'b1',
      seats: seats[0],
      isSaved: seats[0] > 0,
      handedDown: 0,
      enrolled: 0,
      remaining: seats[0],
    },
    {
      batchId: 'b2',
      seats: seats[1],
      isSaved: seats[1] > 0,
      handedDown: 0,
      enrolled: 0,
      remaining: seats[1],
    },
  ],
  totalSeats: seats[0] + seats[1],
  coveragePercent: 0,
  totalEnrolled: 0,
  enrolledPercent: 0,
});

const sheet: QuotaSheet = {
  project: { id: 'p', code: 'S1', name: '项目' },
  batches: [batch('b1', 1), batch('b2', 2)],
  parent: {
    ...unit('city', 300, [100, 50]),
    cells: [
      { batchId: 'b1', seats: 100, isSaved: true, handedDown: 60, enrolled: 5, remaining: 35 },
      { batchId: 'b2', seats: 50, isSaved: true, handedDown: 0, enrolled: 0, remaining: 50 },
    ],
  },
  children: [unit('d1', 200, [40, 0]), unit('d2', 100, [20, 0])],
  coverage: null,
  canEdit: true,
  editNote: null,
};

describe('childSum and overBatches', () => {
  it('adds the children with the edits over the saved seats', () => {
    expect(childSum(sheet, 'b1', {})).toBe(60);
    expect(childSum(sheet, 'b1', { [cellKey('d1', 'b1')]: 70 })).toBe(90);
  });

  it('marks a batch whose children hold more than the unit', () => {
    expect(overBatches(sheet, {})).toEqual(new Set());
    expect(overBatches(sheet, { [cellKey('d1', 'b1')]: 81 })).toEqual(new Set(['b1']));
    expect(overBatches(sheet, { [cellKey('d1', 'b1')]: 80 })).toEqual(new Set());
  });

  it('follows an edit of the unit itself (the year quota)', () => {
    expect(overBatches(sheet, { [cellKey('city', 'b1')]: 59 })).toEqual(new Set(['b1']));
  });
});

describe('changedCells', () => {
  it('sends only the edits that differ from what is saved', () => {
    const edits = { [cellKey('d1', 'b1')]: 40, [cellKey('d2', 'b2')]: 7 };
    expect(changedCells(sheet, edits)).toEqual([{ unitId: 'd2', batchId: 'b2', seats: 7 }]);
  });

  it('asks for a reason only when seats already given change', () => {
    expect(changesSavedSeats(sheet, [{ unitId: 'd2', batchId: 'b2', seats: 7 }])).toBe(false);
    expect(changesSavedSeats(sheet, [{ unitId: 'd1', batchId: 'b1', seats: 30 }])).toBe(true);
  });

  it('takes a proposal as edits, leaving out cells equal to the saved ones', () => {
    expect(
      editsFromProposal(sheet, [
        { unitId: 'd1', batchId: 'b1', seats: 40 },
        { unitId: 'd1', batchId: 'b2', seats: 33 },
      ]),
    ).toEqual({ [cellKey('d1', 'b2')]: 33 });
  });
});

describe('quotaGridRows', () => {
  it('puts Σ and what is left under the children', () => {
    const rows = quotaGridRows(
      sheet,
      { [cellKey('d2', 'b2')]: 10 },
      { sum: '合计', remaining: '剩余' },
    );
    expect(rows.parent.total).toBe(150);
    expect(rows.children.map((r) => r.seats)).toEqual([
      { b1: 40, b2: 0 },
      { b1: 20, b2: 10 },
    ]);
    const [sum, remaining] = rows.bottom;
    expect(sum?.seats).toEqual({ b1: 60, b2: 10 });
    expect(sum?.total).toBe(70);
    expect(remaining?.seats).toEqual({ b1: 40, b2: 40 });
    expect(rows.children[1]?.coveragePercent).toBe(30);
  });
});

describe('sheetSummary and parseSeats', () => {
  it('adds up the unit’s own cells', () => {
    expect(sheetSummary(sheet)).toEqual({ seats: 150, handedDown: 60, enrolled: 5, remaining: 85 });
  });

  it('accepts whole numbers from 0 only', () => {
    expect(parseSeats('12')).toBe(12);
    expect(parseSeats(0)).toBe(0);
    expect(parseSeats(' 7 ')).toBe(7);
    expect(parseSeats('-1')).toBeNull();
    expect(parseSeats('1.5')).toBeNull();
    expect(parseSeats('')).toBeNull();
    expect(parseSeats(null)).toBeNull();
    expect(parseSeats('2000000')).toBeNull();
  });
});
