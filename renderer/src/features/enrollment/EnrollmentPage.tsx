/**
 * 报名管理: for a project and batch, the seats the operator's unit has left, the enrolled teachers
 * and the waitlist; 报名 (check, then confirm), 换人 and 退回 for those who may enroll.
 */
import { useState } from 'react';
import dayjs from 'dayjs';
import { Alert, Button, Empty, Flex, Select, Table, Tabs, Typography } from 'antd';
import {
  DownloadOutlined,
  FileExcelOutlined,
  ReloadOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import { type EnrollmentRow } from '@shared/api/projects.contract';
import { useCan } from '../../api/session';
import { useApiQuery } from '../../api/use-api-query';
import { datedFileName } from '../../api/files';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/errors';
import { PageHeader } from '../../components/PageHeader';
import { StatRow } from '../../components/StatRow';
import { useSaveWorkbook } from '../../components/use-save-workbook';
import { EnrollDialog } from './EnrollDialog';
import { EnrollImportWizard } from './EnrollImportWizard';
import { defaultBatch } from './enrollment-results';
import { ProjectPicker, useChosenProject } from '../../components/ProjectPicker';
import { ENROLLMENT_TEXT } from './enrollment.strings';
import { LeaveWaitlistDialog, SwapDialog, WithdrawDialog } from './RowDialogs';

type RowAction = { kind: 'swap' | 'withdraw' | 'leaveWaitlist'; row: EnrollmentRow } | null;

export function EnrollmentPage() {
  const t = ENROLLMENT_TEXT;
  const canEnroll = useCan('enrollment.manage');
  const { projects, rows: projectRows, project, choose: setProjectId } = useChosenProject();
  const [batchId, setBatchId] = useState<string | null>(null);
  const today = dayjs().format('YYYY-MM-DD');
  const batch =
    project?.batches.find((b) => b.id === batchId) ??
    defaultBatch(project?.batches ?? [], today) ??
    null;
  const sheet = useApiQuery(
    'quotas/show',
    { projectId: project?.id ?? '' },
    { isEnabled: project !== null, refreshOn: ['projects'] },
  );
  const list = useApiQuery(
    'enrollment/list',
    { projectId: project?.id ?? '', ...(batch ? { batchId: batch.id } : {}) },
    { isEnabled: project !== null && batch !== null, refreshOn: ['projects'] },
  );
  const [isEnrolling, setEnrolling] = useState(false);
  const [isImporting, setImporting] = useState(false);
  const [action, setAction] = useState<RowAction>(null);
  const [promotion, setPromotion] = useState<string | null>(null);
  const exportList = useSaveWorkbook({
    dialogTitle: t.exportTitle,
    defaultName: datedFileName(t.exportStem(batch?.name ?? '')),
    write: (target) =>
      call('enrollment/export', {
        projectId: project?.id ?? '',
        ...(batch ? { batchId: batch.id } : {}),
        ...(target ? { target } : {}),
      }),
    downloadedText: t.exportDownloaded,
    savedText: t.exportSaved,
  });

  const cell = sheet.data?.parent.cells.find((c) => c.batchId === batch?.id);
  const rows = list.data?.rows ?? [];
  const enrolled = rows.filter((r) => r.kind === 'enrolled');
  const waiting = rows.filter((r) => r.kind === 'waiting');
  const reload = (): void => {
    sheet.reload();
    list.reload();
  };
  const c = t.columns;
  const windowNote = !batch
    ? null
    : today > batch.changeUntil
      ? t.over(batch.name, batch.changeUntil)
      : today > batch.enrollUntil
        ? t.closed(batch.name, batch.enrollUntil)
        : batch.enrollFrom !== null && today < batch.enrollFrom
          ? t.notOpen(batch.name, batch.enrollFrom)
          : null;

  const columns = (kind: EnrollmentRow['kind']) => [
    { title: c.order, dataIndex: 'order', width: 60, align: 'right' as const },
    {
      title: c.teacher,
      key: 'teacher',
      width: 90,
      render: (_: unknown, row: EnrollmentRow) => row.teacher.name,
    },
    {
      title: c.idNumber,
      key: 'idNumber',
      width: 180,
      render: (_: unknown, row: EnrollmentRow) => row.teacher.idNumberMasked,
    },
    {
      title: c.school,
      key: 'school',
      ellipsis: true,
      render: (_: unknown, row: EnrollmentRow) => row.school.name,
    },
    {
      title: c.course,
      key: 'course',
      ellipsis: true,
      render: (_: unknown, row: EnrollmentRow) => row.course.name,
    },
    {
      title: c.createdAt,
      dataIndex: 'createdAt',
      width: 150,
      render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm'),
    },
    {
      title: c.createdBy,
      dataIndex: 'createdBy',
      width: 110,
      render: (by: string) => <span translate="no">{by}</span>,
    },
    {
      title: c.note,
      dataIndex: 'overrideReason',
      width: 140,
      ellipsis: true,
      render: (note: string | null) => note ?? '',
    },
    ...(canEnroll
      ? [
          {
            title: c.actions,
            key: 'actions',
            width: 120,
            render: (_: unknown, row: EnrollmentRow) =>
              kind === 'enrolled' ? (
                <Flex gap={4}>
                  <Button size="small" type="link" onClick={() => setAction({ kind: 'swap', row })}>
                    {t.swap}
                  </Button>
                  <Button
                    size="small"
                    type="link"
                    danger
                    onClick={() => setAction({ kind: 'withdraw', row })}
                  >
                    {t.withdraw}
                  </Button>
                </Flex>
              ) : (
                <Button
                  size="small"
                  type="link"
                  danger
                  onClick={() => setAction({ kind: 'leaveWaitlist', row })}
                  data-testid="leave-waitlist"
                >
                  {t.leaveWaitlist}
                </Button>
              ),
          },
        ]
      : []),
  ];

  /** The enrolled teachers or the waiting ones of the batch, 50 a page. */
  const rowsTable = (
    rows: EnrollmentRow[],
    kind: EnrollmentRow['kind'],
    emptyText: string,
    testId: string,
  ) => (
    <Table<EnrollmentRow>
      size="small"
      rowKey="id"
      loading={list.isLoading}
      dataSource={rows}
      pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
      locale={{ emptyText }}
      columns={columns(kind)}
      data-testid={testId}
    />
  );

  return (
    <div className="app-page" data-testid="enrollment-page">
      <PageHeader
        title={t.pageTitle}
        description={t.pageDescription}
        extra={
          <>
            <ProjectPicker
              label={t.project}
              rows={projectRows}
              value={project?.id}
              isLoading={projects.isLoading}
              width={280}
              onChange={(id) => {
                setProjectId(id);
                setBatchId(null);
                setPromotion(null);
              }}
              testId="enroll-project"
            />
            <Typography.Text type="secondary">{t.batch}</Typography.Text>
            <Select
              style={{ width: 110 }}
              value={batch?.id}
              options={(project?.batches ?? []).map((b) => ({ value: b.id, label: b.name }))}
              onChange={(id: string) => {
                setBatchId(id);
                setPromotion(null);
              }}
              data-testid="enroll-batch"
            />
            <Button icon={<ReloadOutlined />} onClick={reload}>
              {t.refresh}
            </Button>
          </>
        }
      />
      <div className="page-scroll">
        <Flex vertical gap={12}>
          {projects.error && <ErrorAlert error={projects.error} onRetry={projects.reload} />}
          {projects.data && projectRows.length === 0 && (
            <Empty description={t.noProjects} data-testid="enroll-no-projects" />
          )}
          {sheet.error && <ErrorAlert error={sheet.error} onRetry={sheet.reload} />}
          {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
          {!canEnroll && <Alert type="info" showIcon title={t.readOnly} />}
          {batch && (
            <>
              <Typography.Text type="secondary" data-testid="enroll-window">
                {t.window(batch.enrollFrom, batch.enrollUntil, batch.changeUntil)}
              </Typography.Text>
              {windowNote && (
                <Alert
                  type="warning"
                  showIcon
                  title={windowNote}
                  data-testid="enroll-window-note"
                />
              )}
              {promotion && (
                <Alert
                  type="success"
                  showIcon
                  closable={{ onClose: () => setPromotion(null) }}
                  title={promotion}
                  data-testid="enroll-promoted"
                />
              )}
              {sheet.data && (
                <Typography.Title level={5} style={{ margin: 0 }}>
                  {sheet.data.parent.unit.name}
                </Typography.Title>
              )}
              <StatRow
                items={[
                  { label: t.seats.seats, value: cell?.seats ?? 0, testId: 'enroll-seats' },
                  {
                    label: t.seats.handedDown,
                    value: cell?.handedDown ?? 0,
                    testId: 'enroll-handed',
                  },
                  { label: t.seats.enrolled, value: cell?.enrolled ?? 0, testId: 'enroll-count' },
                  {
                    label: t.seats.remaining,
                    value: cell?.remaining ?? 0,
                    tone: 'good',
                    testId: 'enroll-remaining',
                  },
                ]}
              />
              <Tabs
                tabBarExtraContent={
                  <Flex gap={8}>
                    <Button
                      icon={<DownloadOutlined />}
                      disabled={!batch}
                      loading={exportList.isSaving}
                      onClick={() => void exportList.download()}
                      data-testid="enroll-export"
                    >
                      {t.exportList}
                    </Button>
                    {canEnroll && (
                      <Button
                        icon={<FileExcelOutlined />}
                        disabled={!batch}
                        onClick={() => setImporting(true)}
                        data-testid="enroll-import-open"
                      >
                        {t.bulk.open}
                      </Button>
                    )}
                    {canEnroll && (
                      <Button
                        type="primary"
                        icon={<UserAddOutlined />}
                        disabled={!batch}
                        onClick={() => setEnrolling(true)}
                        data-testid="enroll-open"
                      >
                        {t.enroll}
                      </Button>
                    )}
                  </Flex>
                }
                items={[
                  {
                    key: 'enrolled',
                    label: t.tabs.enrolled(enrolled.length),
                    children: rowsTable(enrolled, 'enrolled', t.emptyEnrolled, 'enrolled-table'),
                  },
                  {
                    key: 'waiting',
                    label: t.tabs.waiting(waiting.length),
                    children: rowsTable(waiting, 'waiting', t.emptyWaiting, 'waiting-table'),
                  },
                ]}
              />
            </>
          )}
        </Flex>
      </div>
      {batch && (
        <EnrollDialog
          key={batch.id}
          batch={batch}
          isOpen={isEnrolling}
          onClose={() => setEnrolling(false)}
          onDone={reload}
        />
      )}
      {action?.kind === 'swap' && (
        <SwapDialog row={action.row} onClose={() => setAction(null)} onDone={reload} />
      )}
      {action?.kind === 'leaveWaitlist' && (
        <LeaveWaitlistDialog row={action.row} onClose={() => setAction(null)} onDone={reload} />
      )}
      {action?.kind === 'withdraw' && (
        <WithdrawDialog
          row={action.row}
          onClose={() => setAction(null)}
          onDone={reload}
          onPromoted={(promoted) =>
            setPromotion(
              t.promotedNote(action.row.teacher.name, promoted.teacher.name, promoted.batchName),
            )
          }
        />
      )}
      {batch && (
        <EnrollImportWizard
          key={`import-${batch.id}`}
          batch={batch}
          open={isImporting}
          onClose={() => setImporting(false)}
          onImported={reload}
        />
      )}
    </div>
  );
}
