// The roster grid's columns (ids the core sorts by, cell text and classes) and the remembered layout.
import { describe, expect, it } from 'vitest';
import {
  type CellClassParams,
  type ColDef,
  type GridState,
  type ValueFormatterParams,
} from 'ag-grid-community';
import { type EmploymentStatus } from '@shared/api/common.schemas';
import { teacherRow, type TeacherRow } from '@shared/api/roster.contract';
import {
  isColumnLayout,
  pickColumnLayout,
  rosterColumns,
} from '../../../renderer/src/features/roster/roster-columns';

const ROW: TeacherRow = {
  id: 't-1',
  name: '张三',
  idNumberMasked: '320102********123X',
  gender: '男',
  birthDate: '1985-06-01',
  schoolId: 's-1',
  schoolName: '实验小学',
  districtName: '东湖区',
  stages: ['小学'],
  subject: '语文',
  title: '一级教师',
  mobile: '13800000000',
  employmentStatus: '在职',
  updatedAt: '2025-03-01T08:05:09',
};

function column(colId: string): ColDef<TeacherRow> {
  const found = rosterColumns.find((c) => c.colId === colId);
  if (!found) throw new Error(`no column ${colId}`);
  return found;
}

// The formatters read only `value` and `data`; the grid's other params do not matter to them.
function formatted(colId: string, value: unknown): string {
  const formatter = column(colId).valueFormatter;
  if (typeof formatter !== 'function') throw new Error(`${colId} has no formatter function`);
  return formatter({ value, data: ROW } as ValueFormatterParams<TeacherRow>);
}

function cellClass(row: TeacherRow | undefined): unknown {
  const classOf = column('employmentStatus').cellClass;
  if (typeof classOf !== 'function') throw new Error('employmentStatus has no cellClass function');
  return classOf({ data: row } as CellClassParams<TeacherRow>);
}

describe('rosterColumns', () => {
  it('names every column by its row field, once (the core sorts by column id)', () => {
    const fields = Object.keys(teacherRow.shape);
    const ids = rosterColumns.map((c) => c.colId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of rosterColumns) {
      expect(c.field).toBe(c.colId);
      expect(fields).toContain(c.colId);
    }
  });

  it('has a Chinese header on every column', () => {
    for (const c of rosterColumns) expect(c.headerName).toMatch(/\p{Script=Han}/u);
  });

  it('leaves only the mobile column unsortable', () => {
    expect(rosterColumns.filter((c) => c.sortable === false).map((c) => c.colId)).toEqual([
      'mobile',
    ]);
  });

  it.each<[string, unknown, string]>([
    ['stages', ['小学', '初中'], '小学、初中'],
    ['stages', ['中职'], '中职'],
    ['stages', [], ''],
    ['stages', undefined, ''],
    ['stages', '小学', ''],
    ['updatedAt', '2025-03-01T08:05:09', '2025-03-01 08:05'],
    ['updatedAt', '2024-12-31T23:59:59', '2024-12-31 23:59'],
    ['updatedAt', null, ''],
    ['updatedAt', undefined, ''],
  ])('formats %s %j as %j', (colId, value, expected) => {
    expect(formatted(colId, value)).toBe(expected);
  });

  it.each<[EmploymentStatus, string]>([
    ['在职', 'cell-status-active'],
    ['借调', 'cell-status-note'],
    ['离岗', 'cell-status-note'],
    ['退休', 'cell-status-muted'],
    ['调出', 'cell-status-muted'],
  ])('marks status %s with %s', (status, expected) => {
    expect(cellClass({ ...ROW, employmentStatus: status })).toBe(expected);
  });

  it('gives a row still loading no status class', () => {
    expect(cellClass(undefined)).toBeUndefined();
  });
});

describe('pickColumnLayout', () => {
  it('keeps the column layout and drops the rest of the grid state', () => {
    const state: GridState = {
      version: '36.0.0',
      columnOrder: { orderedColIds: ['name', 'mobile'] },
      columnSizing: { columnSizingModel: [{ colId: 'name', width: 120 }] },
      columnVisibility: { hiddenColIds: ['title'] },
      sort: { sortModel: [{ colId: 'name', sort: 'asc' }] },
      scroll: { top: 400, left: 0 },
      focusedCell: { colId: 'name', rowIndex: 3, rowPinned: null },
    };
    expect(pickColumnLayout(state)).toEqual({
      columnOrder: state.columnOrder,
      columnSizing: state.columnSizing,
      columnVisibility: state.columnVisibility,
      sort: state.sort,
    });
  });
});

describe('isColumnLayout', () => {
  it.each<[string, unknown, boolean]>([
    ['a layout', { columnOrder: { orderedColIds: ['name'] } }, true],
    ['an empty object', {}, true],
    ['null', null, false],
    ['an array', [], false],
    ['a string', 'name', false],
    ['a number', 3, false],
    ['undefined', undefined, false],
  ])('%s → %s', (_name, value, expected) => {
    expect(isColumnLayout(value)).toBe(expected);
  });
});
