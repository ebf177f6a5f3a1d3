/**
 * The teachers grid: AG Grid's Infinite Row Model over `roster/list`, so sorting, filtering and
 * paging happen in the core and 30,000 teachers load as fast as 30. Column layout is remembered;
 * a double-click opens the editor. Reloads itself when the core reports roster changes.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { AgGridReact } from 'ag-grid-react';
import {
  type ColDef,
  type GetRowIdParams,
  type GridApi,
  type GridReadyEvent,
  type IDatasource,
  type RowDoubleClickedEvent,
  type StateUpdatedEvent,
} from 'ag-grid-community';
import { Button, Checkbox, Flex, Popover, Tooltip, Typography } from 'antd';
import { ReloadOutlined, SettingOutlined } from '@ant-design/icons';
import { type RosterFilter, type TeacherRow } from '@shared/api/roster.contract';
import { callOrTakeEarly } from '../../api/early-calls';
import { useDataChanged } from '../../api/use-api-query';
import { useErrorNotice } from '../../components/errors';
import { gridLocaleText, gridTheme } from '../../components/grid/grid-setup';
import { readStored, writeStored } from '../../components/use-stored-state';
import {
  COLUMN_STATE_KEY,
  isColumnLayout,
  pickColumnLayout,
  rosterColumns,
} from './roster-columns';
import { BLOCK_SIZE, rosterListInput } from './roster-first-rows';
import { ROSTER_TEXT } from './roster.strings';

interface RosterGridProps {
  filter: RosterFilter;
  /** Double-click opens the editor; absent for an operator who may not edit. */
  onOpenTeacher?: (row: TeacherRow) => void;
  /** Bumped by the page after its own writes. */
  reloadSignal: number;
  /** Told once, when the first block of rows has come (or could not be read). */
  onFirstBlock?: () => void;
  /** Shown after the count (the page's 清除筛选). */
  captionExtra?: ReactNode;
}

type LoadState = 'loading' | 'ready' | 'error';

// Grid options defined once, outside the component: AG Grid compares its props by reference, and a
// new defaultColDef on each render (the caption's total, the load state) made it rebuild every
// column, twice or more before the first rows were shown.
const DEFAULT_COL_DEF: ColDef<TeacherRow> = {
  sortable: true,
  resizable: true,
  suppressHeaderMenuButton: true,
};
const getRowId = (params: GetRowIdParams<TeacherRow>): string => params.data.id;

function ColumnChooser({ api }: { api: GridApi<TeacherRow> }) {
  const [, setVersion] = useState(0);
  const hidden = new Set(
    api
      .getColumnState()
      .filter((c) => c.hide)
      .map((c) => c.colId),
  );
  return (
    <Flex vertical gap={4} style={{ minWidth: 140 }} data-testid="roster-columns-panel">
      {rosterColumns.map((col) => {
        const colId = col.colId ?? '';
        return (
          <Checkbox
            key={colId}
            checked={!hidden.has(colId)}
            onChange={(event) => {
              api.setColumnsVisible([colId], event.target.checked);
              setVersion((v) => v + 1);
            }}
          >
            {col.headerName}
          </Checkbox>
        );
      })}
      <Button
        size="small"
        style={{ marginTop: 6 }}
        onClick={() => {
          api.resetColumnState();
          setVersion((v) => v + 1);
        }}
      >
        {ROSTER_TEXT.resetColumns}
      </Button>
    </Flex>
  );
}

export function RosterGrid({
  filter,
  onOpenTeacher,
  reloadSignal,
  onFirstBlock,
  captionExtra,
}: RosterGridProps) {
  const showError = useErrorNotice();
  // The datasource must change only with the filter (a new one reloads the grid), not with these.
  const showErrorRef = useRef(showError);
  const onFirstBlockRef = useRef(onFirstBlock);
  useEffect(() => {
    showErrorRef.current = showError;
    onFirstBlockRef.current = onFirstBlock;
  }, [showError, onFirstBlock]);
  const hasSettled = useRef(false);
  const settled = useCallback((): void => {
    if (hasSettled.current) return;
    hasSettled.current = true;
    onFirstBlockRef.current?.();
  }, []);
  const [api, setApi] = useState<GridApi<TeacherRow> | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [loadState, setLoadState] = useState<LoadState>('loading');
  const pending = useRef(0);
  const [initialState] = useState(() => readStored(COLUMN_STATE_KEY, isColumnLayout));

  const filterKey = JSON.stringify(filter);
  const datasource = useMemo<IDatasource>(() => {
    const query = JSON.parse(filterKey) as RosterFilter;
    return {
      getRows: (params) => {
        pending.current += 1;
        setLoadState('loading');
        // The first block may have been asked for already, on a cold start (roster-first-rows.ts).
        callOrTakeEarly(
          'roster/list',
          rosterListInput(query, params.sortModel, params.startRow, params.endRow),
        ).then(
          (page) => {
            params.successCallback(page.rows, page.total);
            setTotal(page.total);
            pending.current -= 1;
            if (pending.current === 0) setLoadState('ready');
            settled();
          },
          (error: unknown) => {
            params.failCallback();
            pending.current -= 1;
            setLoadState('error');
            showErrorRef.current(error);
            settled();
          },
        );
      },
    };
  }, [filterKey, settled]);

  const refresh = useCallback(() => api?.refreshInfiniteCache(), [api]);
  useDataChanged(['roster', 'org'], refresh);
  useEffect(() => {
    if (reloadSignal > 0) refresh();
  }, [reloadSignal, refresh]);

  const onGridReady = useCallback((event: GridReadyEvent<TeacherRow>) => setApi(event.api), []);
  const onRowDoubleClicked = useCallback(
    (event: RowDoubleClickedEvent<TeacherRow>) => {
      if (event.data) onOpenTeacher?.(event.data);
    },
    [onOpenTeacher],
  );

  const onStateUpdated = useCallback((event: StateUpdatedEvent<TeacherRow>) => {
    if (event.sources.every((source) => source === 'gridInitializing')) return;
    writeStored(COLUMN_STATE_KEY, pickColumnLayout(event.state));
  }, []);

  return (
    <Flex vertical style={{ flex: 1, minHeight: 0 }}>
      <Flex className="grid-caption" align="center" justify="space-between">
        <Flex gap={8} align="center">
          <Typography.Text type="secondary" data-testid="roster-total">
            {total !== null
              ? ROSTER_TEXT.total(total)
              : loadState === 'loading'
                ? ROSTER_TEXT.totalLoading
                : ''}
          </Typography.Text>
          {captionExtra}
        </Flex>
        <Flex gap={4}>
          <Tooltip title={ROSTER_TEXT.refresh}>
            <Button
              size="small"
              type="text"
              icon={<ReloadOutlined />}
              onClick={refresh}
              aria-label={ROSTER_TEXT.refresh}
              data-testid="roster-refresh"
            />
          </Tooltip>
          {api && (
            <Popover
              trigger="click"
              placement="bottomRight"
              content={<ColumnChooser api={api} />}
              destroyOnHidden
            >
              <Button
                size="small"
                type="text"
                icon={<SettingOutlined />}
                data-testid="roster-columns"
              >
                {ROSTER_TEXT.columnsButton}
              </Button>
            </Popover>
          )}
        </Flex>
      </Flex>
      <div
        style={{ flex: 1, minHeight: 0 }}
        data-testid="roster-grid"
        data-state={loadState}
        data-total={total ?? ''}
      >
        <AgGridReact<TeacherRow>
          theme={gridTheme}
          localeText={gridLocaleText}
          rowModelType="infinite"
          datasource={datasource}
          cacheBlockSize={BLOCK_SIZE}
          maxBlocksInCache={50}
          getRowId={getRowId}
          columnDefs={rosterColumns}
          defaultColDef={DEFAULT_COL_DEF}
          initialState={initialState}
          onStateUpdated={onStateUpdated}
          onGridReady={onGridReady}
          onRowDoubleClicked={onRowDoubleClicked}
          enableCellTextSelection
          ensureDomOrder
        />
      </div>
    </Flex>
  );
}
