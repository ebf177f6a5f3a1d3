/**
 * The roster grid's columns and the remembered column layout. Column ids are the row fields, which
 * is also what the core sorts by; the one column the core cannot sort (mobile) is not sortable.
 */
import dayjs from 'dayjs';
import { type ColDef } from 'ag-grid-community';
import { type GridState } from 'ag-grid-community';
import { type TeacherRow } from '@shared/api/roster.contract';
import { COLUMN_TEXT } from './roster.strings';

const STATUS_CLASS: Record<TeacherRow['employmentStatus'], string> = {
  在职: 'cell-status-active',
  借调: 'cell-status-note',
  离岗: 'cell-status-note',
  退休: 'cell-status-muted',
  调出: 'cell-status-muted',
};

export const rosterColumns: ColDef<TeacherRow>[] = [
  { colId: 'name', field: 'name', headerName: COLUMN_TEXT.name, width: 96, pinned: 'left' },
  {
    colId: 'idNumberMasked',
    field: 'idNumberMasked',
    headerName: COLUMN_TEXT.idNumber,
    width: 178,
    cellClass: 'cell-mono',
  },
  { colId: 'gender', field: 'gender', headerName: COLUMN_TEXT.gender, width: 70 },
  { colId: 'birthDate', field: 'birthDate', headerName: COLUMN_TEXT.birthDate, width: 108 },
  { colId: 'schoolName', field: 'schoolName', headerName: COLUMN_TEXT.school, width: 200 },
  { colId: 'districtName', field: 'districtName', headerName: COLUMN_TEXT.district, width: 110 },
  {
    colId: 'stages',
    field: 'stages',
    headerName: COLUMN_TEXT.stages,
    width: 100,
    valueFormatter: (p) => (Array.isArray(p.value) ? p.value.join('、') : ''),
  },
  { colId: 'subject', field: 'subject', headerName: COLUMN_TEXT.subject, width: 90 },
  { colId: 'title', field: 'title', headerName: COLUMN_TEXT.title, width: 110 },
  {
    colId: 'mobile',
    field: 'mobile',
    headerName: COLUMN_TEXT.mobile,
    width: 122,
    sortable: false,
    cellClass: 'cell-mono',
  },
  {
    colId: 'employmentStatus',
    field: 'employmentStatus',
    headerName: COLUMN_TEXT.status,
    width: 84,
    cellClass: (p) => (p.data ? STATUS_CLASS[p.data.employmentStatus] : undefined),
  },
  {
    colId: 'updatedAt',
    field: 'updatedAt',
    headerName: COLUMN_TEXT.updatedAt,
    width: 140,
    valueFormatter: (p) =>
      typeof p.value === 'string' ? dayjs(p.value).format('YYYY-MM-DD HH:mm') : '',
  },
];

export const COLUMN_STATE_KEY = 'roster.grid.columns';

/** The parts of the grid state that describe the column layout; the rest is not remembered. */
export type ColumnLayout = Pick<
  GridState,
  'columnOrder' | 'columnSizing' | 'columnVisibility' | 'sort'
>;

export function pickColumnLayout(state: GridState): ColumnLayout {
  return {
    columnOrder: state.columnOrder,
    columnSizing: state.columnSizing,
    columnVisibility: state.columnVisibility,
    sort: state.sort,
  };
}

export function isColumnLayout(value: unknown): value is ColumnLayout {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
