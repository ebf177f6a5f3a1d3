/**
 * The seats of one sheet as an AG Grid: the unit itself on top, its children below, then Σ of the
 * children and what is not yet handed down. Batches are columns. A batch whose Σ exceeds the
 * unit's seats turns red at once, before anything is saved.
 */
import { useMemo } from 'react';
import { AgGridReact } from 'ag-grid-react';
import {
  type CellClassParams,
  type ColDef,
  type EditableCallbackParams,
  type ValueSetterParams,
} from 'ag-grid-community';
import { type QuotaSheet } from '@shared/api/projects.contract';
import { gridLocaleText, gridTheme } from '../../components/grid/grid-setup';
import {
  cellKey,
  childSum,
  overBatches,
  parseSeats,
  quotaGridRows,
  shownSeats,
  type QuotaGridRow,
  type SeatEdits,
} from './quota-model';
import { QUOTAS_TEXT } from './projects.strings';
import { formatCount } from '../../components/format-count';

interface QuotaGridProps {
  sheet: QuotaSheet;
  edits: SeatEdits;
  /** Children's cells may be edited. */
  canEditChildren: boolean;
  /** The unit's own cells may be edited (the organizer's year quota). */
  canEditParent: boolean;
  onEdit: (unitId: string, batchId: string, seats: number) => void;
  /** Opens a child's own sheet; absent when children have no units under them. */
  onDrill?: (unitId: string, name: string) => void;
}

export function QuotaGrid({
  sheet,
  edits,
  canEditChildren,
  canEditParent,
  onEdit,
  onDrill,
}: QuotaGridProps) {
  const t = QUOTAS_TEXT.grid;
  const rows = useMemo(() => {
    const built = quotaGridRows(sheet, edits, {
      sum: t.sumRow,
      remaining: t.remainingRow,
    });
    return [
      { ...built.parent, name: t.parentRow(built.parent.name) },
      ...built.children,
      // A unit with no units under it (a school) has nothing to add up.
      ...(built.children.length > 0 ? built.bottom : []),
    ];
  }, [sheet, edits, t]);
  const over = useMemo(() => overBatches(sheet, edits), [sheet, edits]);

  const columns = useMemo<ColDef<QuotaGridRow>[]>(() => {
    const isEditable = (params: EditableCallbackParams<QuotaGridRow>): boolean => {
      const kind = params.data?.kind;
      return (kind === 'child' && canEditChildren) || (kind === 'parent' && canEditParent);
    };
    const batchColumns = sheet.batches.map<ColDef<QuotaGridRow>>((batch) => ({
      colId: `batch-${batch.no}`,
      headerName: batch.name,
      headerTooltip: `${batch.startsOn} 至 ${batch.endsOn}`,
      flex: 1,
      minWidth: 72,
      type: 'rightAligned',
      editable: isEditable,
      cellEditor: 'agNumberCellEditor',
      cellEditorParams: { min: 0, max: 1_000_000, precision: 0 },
      valueGetter: (params) => params.data?.seats[batch.id] ?? 0,
      valueSetter: (params: ValueSetterParams<QuotaGridRow>) => {
        const unitId = params.data.unitId;
        const seats = parseSeats(params.newValue);
        if (unitId === null || seats === null) return false;
        onEdit(unitId, batch.id, seats);
        return false;
      },
      cellClassRules: {
        'quota-cell-over': (params: CellClassParams<QuotaGridRow>) =>
          over.has(batch.id) && (params.data?.kind === 'child' || params.data?.kind === 'sum'),
        'quota-cell-negative': (params: CellClassParams<QuotaGridRow>) =>
          params.data?.kind === 'remaining' && (params.data.seats[batch.id] ?? 0) < 0,
        'quota-cell-edited': (params: CellClassParams<QuotaGridRow>) =>
          params.data?.unitId !== null &&
          params.data?.unitId !== undefined &&
          edits[cellKey(params.data.unitId, batch.id)] !== undefined,
        'quota-cell-editable': (params: CellClassParams<QuotaGridRow>) =>
          (params.data?.kind === 'child' && canEditChildren) ||
          (params.data?.kind === 'parent' && canEditParent),
      },
      tooltipValueGetter: (params) =>
        over.has(batch.id) && params.data?.kind === 'sum'
          ? t.overTip(childSum(sheet, batch.id, edits), shownSeats(sheet.parent, batch.id, edits))
          : undefined,
    }));
    return [
      {
        colId: 'unit',
        headerName: t.unit,
        field: 'name',
        pinned: 'left',
        width: 240,
        tooltipValueGetter: (params) =>
          params.data?.kind === 'child' && onDrill ? t.drillTip : undefined,
        cellClassRules: {
          'quota-unit-link': (params: CellClassParams<QuotaGridRow>) =>
            params.data?.kind === 'child' && onDrill !== undefined,
        },
        onCellClicked: (params) => {
          if (params.data?.kind === 'child' && params.data.unitId && onDrill) {
            onDrill(params.data.unitId, params.data.name);
          }
        },
      },
      {
        colId: 'teachers',
        headerName: t.teachers,
        field: 'teachers',
        flex: 1,
        minWidth: 80,
        type: 'rightAligned',
        valueFormatter: (params) =>
          typeof params.value === 'number' ? formatCount(params.value) : '',
      },
      ...batchColumns,
      {
        colId: 'total',
        headerName: t.total,
        field: 'total',
        flex: 1,
        minWidth: 80,
        type: 'rightAligned',
        valueFormatter: (params) =>
          typeof params.value === 'number' ? formatCount(params.value) : '',
      },
      {
        colId: 'coverage',
        headerName: t.coverage,
        field: 'coveragePercent',
        flex: 1,
        minWidth: 80,
        type: 'rightAligned',
        valueFormatter: (params) =>
          typeof params.value === 'number' ? `${params.value.toFixed(1)}%` : '',
      },
    ];
  }, [sheet, edits, over, canEditChildren, canEditParent, onEdit, onDrill, t]);

  return (
    <div style={{ height: Math.min(38 + rows.length * 34 + 18, 600) }} data-testid="quota-grid">
      <AgGridReact<QuotaGridRow>
        theme={gridTheme}
        localeText={gridLocaleText}
        rowData={rows}
        columnDefs={columns}
        getRowId={(params) => params.data.rowId}
        getRowClass={(params) =>
          params.data?.kind === 'sum' || params.data?.kind === 'remaining'
            ? 'quota-row-total'
            : params.data?.kind === 'parent'
              ? 'quota-row-parent'
              : undefined
        }
        defaultColDef={{ sortable: false, suppressMovable: true, resizable: true }}
        singleClickEdit
        stopEditingWhenCellsLoseFocus
        tooltipShowDelay={300}
      />
    </div>
  );
}
