/**
 * The review grid of an import's row errors (行号, 列, 错误说明). Errors are data and there can be
 * many: the grid pages through them with the Infinite Row Model, from whatever source the caller
 * gives (the core's `…/importErrors`, or a list already in hand).
 */
import { useMemo } from 'react';
import { AgGridReact } from 'ag-grid-react';
import { type ColDef, type IDatasource } from 'ag-grid-community';
import { type RowError } from '@shared/api/common.schemas';
import { ERROR_GRID_TEXT } from '../components.strings';
import { gridLocaleText, gridTheme } from './grid-setup';

export type ErrorPageFetcher = (
  offset: number,
  limit: number,
) => Promise<{ errors: RowError[]; total: number }>;

interface ErrorGridProps {
  fetchPage: ErrorPageFetcher;
  height?: number;
  testId?: string;
}

const PAGE_SIZE = 500;

const columns: ColDef<RowError>[] = [
  { colId: 'row', field: 'row', headerName: ERROR_GRID_TEXT.row, width: 84, type: 'rightAligned' },
  {
    colId: 'column',
    field: 'column',
    headerName: ERROR_GRID_TEXT.column,
    width: 140,
    valueFormatter: (p) => (p.value ? String(p.value) : ERROR_GRID_TEXT.wholeRow),
  },
  {
    colId: 'message',
    field: 'message',
    headerName: ERROR_GRID_TEXT.message,
    flex: 1,
    minWidth: 280,
    tooltipField: 'message',
  },
  { colId: 'code', field: 'code', headerName: ERROR_GRID_TEXT.code, width: 150, hide: true },
];

/** Wraps a list already in memory as a page source. */
export function pagesOf(errors: readonly RowError[]): ErrorPageFetcher {
  return (offset, limit) =>
    Promise.resolve({ errors: errors.slice(offset, offset + limit), total: errors.length });
}

export function ErrorGrid({ fetchPage, height = 280, testId = 'error-grid' }: ErrorGridProps) {
  const datasource = useMemo<IDatasource>(
    () => ({
      getRows: (params) => {
        const limit = params.endRow - params.startRow;
        fetchPage(params.startRow, limit).then(
          (page) => params.successCallback(page.errors, page.total),
          () => params.failCallback(),
        );
      },
    }),
    [fetchPage],
  );

  return (
    <div style={{ height }} data-testid={testId}>
      <AgGridReact<RowError>
        theme={gridTheme}
        localeText={gridLocaleText}
        rowModelType="infinite"
        datasource={datasource}
        cacheBlockSize={PAGE_SIZE}
        columnDefs={columns}
        defaultColDef={{ sortable: false, resizable: true, suppressHeaderMenuButton: true }}
        enableCellTextSelection
        ensureDomOrder
        tooltipShowDelay={300}
      />
    </div>
  );
}
