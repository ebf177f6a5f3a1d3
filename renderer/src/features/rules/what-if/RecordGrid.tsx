/**
 * The small editable table of the what-if panel (AG Grid, client-side rows): one column per record
 * field of the chosen rule kind, choices shown by their Chinese labels, cells the build step could
 * not read outlined in red. Rows are held by the panel; the grid only edits them.
 */
import { useEffect, useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import {
  type CellValueChangedEvent,
  type ColDef,
  type GridApi,
  type SelectionChangedEvent,
  type ValueFormatterParams,
} from 'ag-grid-community';
import { gridLocaleText, gridTheme } from '../../../components/grid/grid-setup';
import { WHATIF_TEXT } from '../rules.strings';
import { type CellValue } from './cell-values';
import { type RecordColumn, type RecordRow } from './record-tables';

interface RecordGridProps {
  columns: readonly RecordColumn[];
  rows: readonly RecordRow[];
  /** `${rowId}|${field}` of cells that could not be read. */
  errorCells: ReadonlySet<string>;
  onChange: (rowId: string, field: string, value: CellValue) => void;
  onSelectionChange: (rowIds: string[]) => void;
}

const ROW_HEIGHT = 34;
const HEADER_HEIGHT = 36;
/** Room for a horizontal scrollbar and the borders, so the last row is never hidden under it. */
const CHROME_HEIGHT = 20;
const MIN_HEIGHT = 150;
const MAX_HEIGHT = 460;

function formatter(column: RecordColumn) {
  return (params: ValueFormatterParams<RecordRow, CellValue>): string => {
    const value = params.value;
    if (value === null || value === undefined) return '';
    if (column.type === 'boolean' && typeof value === 'boolean')
      return value ? WHATIF_TEXT.yes : WHATIF_TEXT.no;
    if (column.type === 'select') {
      return column.options?.find((option) => option.value === value)?.label ?? String(value);
    }
    return String(value);
  };
}

function columnDef(column: RecordColumn, errorCells: ReadonlySet<string>): ColDef<RecordRow> {
  const base: ColDef<RecordRow> = {
    colId: column.field,
    field: column.field,
    headerName: column.isRequired ? `${column.label} *` : column.label,
    headerTooltip: column.label,
    // Columns keep their width and share what is left, so a short table still fills the card.
    minWidth: column.width ?? 120,
    flex: 1,
    editable: true,
    valueFormatter: formatter(column),
    cellClassRules: {
      'rules-cell-error': (params) =>
        params.data !== undefined && errorCells.has(`${params.data.rowId}|${column.field}`),
    },
  };
  // Data types are set, never inferred: a pasted cell that did not read as a number stays text,
  // shown as typed, and the build step reports it.
  switch (column.type) {
    case 'number':
    case 'integer':
      return {
        ...base,
        cellDataType: 'number',
        type: 'rightAligned',
        cellEditor: 'agNumberCellEditor',
        cellEditorParams: { precision: column.type === 'integer' ? 0 : undefined },
      };
    case 'boolean':
      return { ...base, cellDataType: 'boolean', valueFormatter: undefined };
    case 'select':
      return {
        ...base,
        cellDataType: 'text',
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: {
          values: [...(column.options ?? []).map((option) => option.value), null],
        },
      };
    case 'numberList':
    case 'date':
    case 'dateTime':
    case 'text':
      return {
        ...base,
        cellDataType: 'text',
        cellEditor: 'agTextCellEditor',
        cellClass: column.type === 'text' ? undefined : 'cell-mono',
      };
  }
}

export function RecordGrid({
  columns,
  rows,
  errorCells,
  onChange,
  onSelectionChange,
}: RecordGridProps) {
  const [api, setApi] = useState<GridApi<RecordRow> | null>(null);
  const columnDefs = useMemo<ColDef<RecordRow>[]>(
    () => [
      {
        colId: 'rowNo',
        headerName: '#',
        width: 56,
        editable: false,
        valueGetter: (params) => (params.node?.rowIndex ?? 0) + 1,
        cellClass: 'rules-row-number',
      },
      ...columns.map((column) => columnDef(column, errorCells)),
    ],
    [columns, errorCells],
  );
  // A row's data object is kept across edits, so the error outlines need an explicit refresh.
  useEffect(() => {
    api?.refreshCells({ force: true });
  }, [api, errorCells]);

  const height = Math.min(
    MAX_HEIGHT,
    Math.max(MIN_HEIGHT, HEADER_HEIGHT + rows.length * ROW_HEIGHT + CHROME_HEIGHT),
  );
  return (
    // The cells hold what the user typed or pasted (ids, category codes): theirs, as they are.
    <div style={{ height }} data-testid="whatif-grid" data-rows={rows.length} translate="no">
      <AgGridReact<RecordRow>
        theme={gridTheme}
        localeText={gridLocaleText}
        rowData={rows as RecordRow[]}
        columnDefs={columnDefs}
        getRowId={(params) => params.data.rowId}
        defaultColDef={{ sortable: false, resizable: true, suppressHeaderMenuButton: true }}
        rowSelection={{
          mode: 'multiRow',
          checkboxes: true,
          headerCheckbox: true,
          enableClickSelection: false,
        }}
        selectionColumnDef={{ width: 44, pinned: 'left' }}
        stopEditingWhenCellsLoseFocus
        singleClickEdit={false}
        enterNavigatesVerticallyAfterEdit={false}
        onGridReady={(event) => setApi(event.api)}
        onCellValueChanged={(event: CellValueChangedEvent<RecordRow>) => {
          const field = event.colDef.field;
          if (event.data && field)
            onChange(event.data.rowId, field, (event.newValue as CellValue) ?? null);
        }}
        onSelectionChanged={(event: SelectionChangedEvent<RecordRow>) =>
          onSelectionChange(event.api.getSelectedRows().map((row) => row.rowId))
        }
        overlayNoRowsTemplate={`<span class="rules-grid-empty">${WHATIF_TEXT.noRows}</span>`}
      />
    </div>
  );
}
