/**
 * The operators as a grid (用户名, 姓名, 角色, 所属单位, 状态, 上次登录, 需改密码) with their actions:
 * edit (name, roles, unit), reset the password, disable or enable, lift a lock-out after wrong
 * passwords. The core's refusals (the last administrator cannot be disabled…) are shown as it
 * words them.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import dayjs from 'dayjs';
import { AgGridReact } from 'ag-grid-react';
import { type ColDef, type ICellRendererParams } from 'ag-grid-community';
import { App, Button, Empty, Flex, Input, Popconfirm, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { type OperatorRow } from '@shared/api/auth.contract';
import { call } from '../../api/client';
import { useMe } from '../../api/session';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorAlert, useErrorNotice } from '../../components/errors';
import { gridLocaleText, gridTheme } from '../../components/grid/grid-setup';
import { OperatorDrawer, type EditorMode } from './OperatorDrawer';
import { matchesOperator, operatorStatus, type OperatorStatus } from './operators-model';
import { OPERATORS_TEXT, USERS_TEXT } from './operators.strings';
import { ResetPasswordModal } from './ResetPasswordModal';

const NO_ROWS: OperatorRow[] = [];

/** What the grid's cells call; stable for the grid's life (it reads the latest handlers). */
interface RowActionsContext {
  meId: string;
  onEdit: (row: OperatorRow) => void;
  onReset: (row: OperatorRow) => void;
  onToggle: (row: OperatorRow) => Promise<void>;
  onUnlock: (row: OperatorRow) => Promise<void>;
}

function formatTime(at: string | null): string {
  return at ? dayjs(at).format('YYYY-MM-DD HH:mm') : '';
}

function StatusCell({ status }: { status: OperatorStatus }) {
  const t = USERS_TEXT.status;
  switch (status.kind) {
    case 'active':
      return <span className="operator-status-active">{t.active}</span>;
    case 'disabled':
      return <span className="operator-status-disabled">{t.disabled}</span>;
    case 'locked':
      return (
        <span className="operator-status-locked">
          {t.lockedUntil(dayjs(status.until).format('HH:mm'))}
        </span>
      );
  }
}

function RowActions({
  row,
  isLocked,
  context,
}: {
  row: OperatorRow;
  isLocked: boolean;
  context: RowActionsContext;
}) {
  const a = USERS_TEXT.actions;
  const isSelf = row.id === context.meId;
  return (
    <Flex className="operator-actions" gap={2} align="center" wrap={false}>
      <Button
        size="small"
        type="link"
        onClick={() => context.onEdit(row)}
        data-testid={`operator-edit-${row.userName}`}
      >
        {a.edit}
      </Button>
      <Button
        size="small"
        type="link"
        onClick={() => context.onReset(row)}
        data-testid={`operator-reset-${row.userName}`}
      >
        {a.resetPassword}
      </Button>
      {!isSelf && (
        <Popconfirm
          title={
            row.isActive
              ? USERS_TEXT.disableConfirmTitle(row.displayName)
              : USERS_TEXT.enableConfirmTitle(row.displayName)
          }
          description={row.isActive ? USERS_TEXT.disableConfirmBody : undefined}
          okText={USERS_TEXT.confirmOk}
          cancelText={USERS_TEXT.cancel}
          okButtonProps={{
            danger: row.isActive,
            'data-testid': `operator-toggle-ok-${row.userName}`,
          }}
          onConfirm={() => context.onToggle(row)}
        >
          <Button
            size="small"
            type="link"
            danger={row.isActive}
            data-testid={`operator-toggle-${row.userName}`}
          >
            {row.isActive ? a.disable : a.enable}
          </Button>
        </Popconfirm>
      )}
      {isLocked && (
        <Button
          size="small"
          type="link"
          onClick={() => void context.onUnlock(row)}
          data-testid={`operator-unlock-${row.userName}`}
        >
          {a.unlock}
        </Button>
      )}
    </Flex>
  );
}

const columns: ColDef<OperatorRow>[] = [
  {
    colId: 'userName',
    field: 'userName',
    headerName: USERS_TEXT.columns.userName,
    width: 110,
    cellRenderer: (p: ICellRendererParams<OperatorRow>) => (
      <span className="operator-user-name" translate="no">
        {p.data?.userName}
      </span>
    ),
  },
  {
    colId: 'displayName',
    field: 'displayName',
    headerName: USERS_TEXT.columns.displayName,
    width: 150,
    cellRenderer: (p: ICellRendererParams<OperatorRow, string, RowActionsContext>) =>
      p.data && (
        <>
          {p.data.displayName}
          {p.data.id === p.context.meId && <span className="operator-self">{USERS_TEXT.you}</span>}
        </>
      ),
  },
  {
    colId: 'roles',
    headerName: USERS_TEXT.columns.roles,
    width: 140,
    valueGetter: (p) => p.data?.roles.map((r) => r.name).join('、') ?? '',
    cellRenderer: (p: ICellRendererParams<OperatorRow>) =>
      p.data?.roles.map((role) => (
        <Tag key={role.code} color={role.code === 'admin' ? 'blue' : undefined}>
          {role.name}
        </Tag>
      )),
  },
  {
    colId: 'unit',
    headerName: USERS_TEXT.columns.unit,
    flex: 1,
    minWidth: 160,
    valueGetter: (p) => p.data?.homeUnit.name ?? '',
    tooltipValueGetter: (p) => p.data?.homeUnit.name ?? '',
  },
  {
    colId: 'status',
    headerName: USERS_TEXT.columns.status,
    width: 150,
    // The status as of when the row is drawn (a lock-out ends by itself; the list reloads).
    valueGetter: (p) => (p.data ? operatorStatus(p.data, Date.now()) : null),
    valueFormatter: (p) => (p.value ? (p.value as OperatorStatus).kind : ''),
    comparator: (a: OperatorStatus | null, b: OperatorStatus | null) =>
      (a?.kind ?? '').localeCompare(b?.kind ?? ''),
    cellRenderer: (p: ICellRendererParams<OperatorRow, OperatorStatus | null>) =>
      p.value && <StatusCell status={p.value} />,
  },
  {
    colId: 'lastLoginAt',
    field: 'lastLoginAt',
    headerName: USERS_TEXT.columns.lastLogin,
    width: 140,
    valueFormatter: (p) => (p.value ? formatTime(p.value as string) : USERS_TEXT.neverLoggedIn),
  },
  {
    colId: 'mustChangePassword',
    headerName: USERS_TEXT.columns.mustChange,
    width: 90,
    // Text, not AG Grid's checkbox for a yes/no value.
    cellDataType: 'text',
    valueGetter: (p) =>
      p.data?.mustChangePassword ? USERS_TEXT.mustChangeYes : USERS_TEXT.mustChangeNo,
  },
  {
    colId: 'actions',
    headerName: USERS_TEXT.columns.actions,
    width: 240,
    sortable: false,
    valueGetter: (p) => (p.data ? operatorStatus(p.data, Date.now()).kind === 'locked' : false),
    cellRenderer: (p: ICellRendererParams<OperatorRow, boolean, RowActionsContext>) =>
      p.data && <RowActions row={p.data} isLocked={p.value === true} context={p.context} />,
  },
];

export function UsersTab() {
  const { message } = App.useApp();
  const showError = useErrorNotice();
  const me = useMe();
  const list = useApiQuery('operators/list', {}, { refreshOn: ['operators'] });
  const rows = list.data?.rows ?? NO_ROWS;
  const [search, setSearch] = useState('');
  const [editor, setEditor] = useState<EditorMode | null>(null);
  const [resetting, setResetting] = useState<OperatorRow | null>(null);
  const visible = useMemo(() => rows.filter((row) => matchesOperator(row, search)), [rows, search]);
  const reload = list.reload;

  const onToggle = async (row: OperatorRow): Promise<void> => {
    try {
      await call('operators/update', { id: row.id, isActive: !row.isActive });
      void message.success(
        row.isActive ? USERS_TEXT.disabled(row.displayName) : USERS_TEXT.enabled(row.displayName),
      );
      reload();
    } catch (error) {
      showError(error);
    }
  };
  const onUnlock = async (row: OperatorRow): Promise<void> => {
    try {
      await call('operators/unlock', { id: row.id });
      void message.success(USERS_TEXT.unlocked(row.displayName));
      reload();
    } catch (error) {
      showError(error);
    }
  };
  const handlers = { onToggle, onUnlock };
  const handlersRef = useRef(handlers);
  useEffect(() => {
    handlersRef.current = handlers;
  });
  const [context] = useState<RowActionsContext>(() => ({
    meId: me.id,
    onEdit: (row) => setEditor({ type: 'edit', row }),
    onReset: setResetting,
    onToggle: (row) => handlersRef.current.onToggle(row),
    onUnlock: (row) => handlersRef.current.onUnlock(row),
  }));

  const isOnlyMe = list.data !== undefined && rows.length <= 1;
  return (
    <div className="operators-tab-body" data-testid="operators-users">
      <Flex gap={8} align="center">
        <Input
          allowClear
          style={{ width: 260 }}
          prefix={<SearchOutlined style={{ color: '#8a919f' }} />}
          placeholder={USERS_TEXT.searchPlaceholder}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          data-testid="operators-search"
        />
        <Typography.Text type="secondary" data-testid="operators-total">
          {list.data ? USERS_TEXT.total(rows.length) : ''}
        </Typography.Text>
        <Flex gap={8} style={{ marginLeft: 'auto' }}>
          <Tooltip title={OPERATORS_TEXT.refresh}>
            <Button
              icon={<ReloadOutlined />}
              onClick={reload}
              loading={list.isLoading}
              aria-label={OPERATORS_TEXT.refresh}
            />
          </Tooltip>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditor({ type: 'create' })}
            data-testid="operators-create"
          >
            {USERS_TEXT.create}
          </Button>
        </Flex>
      </Flex>
      {list.error && <ErrorAlert error={list.error} onRetry={reload} />}
      {isOnlyMe && (
        <Flex className="operators-empty" justify="center" data-testid="operators-empty">
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              <Flex vertical gap={4}>
                <Typography.Text strong>{USERS_TEXT.emptyTitle}</Typography.Text>
                <Typography.Text type="secondary">{USERS_TEXT.emptyDescription}</Typography.Text>
              </Flex>
            }
          >
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditor({ type: 'create' })}
            >
              {USERS_TEXT.create}
            </Button>
          </Empty>
        </Flex>
      )}
      <div
        className="operators-grid"
        data-testid="operators-grid"
        data-state={list.isLoading ? 'loading' : 'ready'}
        data-count={visible.length}
      >
        <AgGridReact<OperatorRow>
          theme={gridTheme}
          localeText={{ ...gridLocaleText, noRowsToShow: USERS_TEXT.noMatch }}
          rowData={visible}
          getRowId={(params) => params.data.id}
          columnDefs={columns}
          context={context}
          defaultColDef={{ sortable: true, resizable: true, suppressHeaderMenuButton: true }}
          loading={list.isLoading && list.data === undefined}
          onRowDoubleClicked={(event) => {
            if (event.data) setEditor({ type: 'edit', row: event.data });
          }}
          enableCellTextSelection
          ensureDomOrder
          tooltipShowDelay={400}
        />
      </div>
      <OperatorDrawer
        mode={editor}
        onClose={() => setEditor(null)}
        onSaved={() => {
          setEditor(null);
          reload();
        }}
      />
      <ResetPasswordModal
        row={resetting}
        onClose={() => setResetting(null)}
        onDone={() => {
          setResetting(null);
          reload();
        }}
      />
    </div>
  );
}
