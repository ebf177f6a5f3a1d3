/**
 * The project drawer's batches: a table to pick a batch (its courses below), and for the
 * organizer's offices an edit mode for names and dates saved with `projects/saveBatches`. The
 * core checks the calendar as a whole; its refusals stand next to the batch and field they name,
 * and when a changed batch already has enrollments it asks for a reason, which is then sent along.
 */
import { useState } from 'react';
import dayjs from 'dayjs';
import { Alert, App, Button, DatePicker, Flex, Input, Table, Tooltip, Typography } from 'antd';
import { CloseOutlined, EditOutlined, SaveOutlined } from '@ant-design/icons';
import { type BatchRow, type ProjectRow } from '@shared/api/projects.contract';
import { call } from '../../api/client';
import { toApiError } from '../../api/api-error';
import { useCan, useMe } from '../../api/session';
import { useErrorNotice } from '../../components/errors';
import {
  asksForReason,
  batchIssues,
  changedBatches,
  holdsOrganizer,
  type BatchField,
  type BatchIssue,
} from './batch-edit';
import { PROJECTS_TEXT } from './projects.strings';
import { ReasonModal } from './QuotaDialogs';

interface BatchesSectionProps {
  project: ProjectRow;
  batchId: string | null;
  onPick: (batchId: string) => void;
}

const DATE = 'YYYY-MM-DD';

function DateCell({
  value,
  onChange,
  label,
  hasIssue,
  allowClear = false,
  testId,
}: {
  value: string | null;
  onChange: (value: string | null) => void;
  label: string;
  hasIssue: boolean;
  allowClear?: boolean;
  testId: string;
}) {
  const t = PROJECTS_TEXT.detail;
  return (
    <DatePicker
      size="small"
      format={DATE}
      value={value ? dayjs(value) : null}
      allowClear={allowClear}
      status={hasIssue ? 'error' : undefined}
      placeholder={allowClear ? t.enrollFromOpen : t.datePlaceholder}
      onChange={(day) => onChange(day ? day.format(DATE) : null)}
      aria-label={label}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}

export function BatchesSection({ project, batchId, onPick }: BatchesSectionProps) {
  const t = PROJECTS_TEXT.detail;
  const c = t.batchColumns;
  const me = useMe();
  const canManage = useCan('projects.manage');
  const holds = holdsOrganizer(me.homeUnit, project.organizer);
  const { message } = App.useApp();
  const showError = useErrorNotice();
  const [drafts, setDrafts] = useState<BatchRow[] | null>(null);
  const [issues, setIssues] = useState<BatchIssue[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const [isAskingReason, setAskingReason] = useState(false);
  const [reasonWhy, setReasonWhy] = useState<string | null>(null);
  const isEditing = drafts !== null;

  const update = (id: string, patch: Partial<BatchRow>): void => {
    setDrafts((rows) => rows?.map((row) => (row.id === id ? { ...row, ...patch } : row)) ?? null);
  };

  const stopEditing = (): void => {
    setDrafts(null);
    setIssues([]);
    setProblem(null);
    setAskingReason(false);
  };

  const save = async (reason?: string): Promise<void> => {
    if (!drafts) return;
    const empty = drafts.find((row) => row.name.trim() === '');
    if (empty) {
      setIssues([{ no: empty.no, field: 'name', message: t.nameRequired(empty.no) }]);
      setProblem(t.batchesRefused);
      return;
    }
    const batches = changedBatches(project.batches, drafts);
    if (batches.length === 0) {
      void message.info(t.batchesUnchanged);
      stopEditing();
      return;
    }
    setSaving(true);
    try {
      await call('projects/saveBatches', {
        projectId: project.id,
        batches,
        ...(reason ? { reason } : {}),
      });
      void message.success(t.batchesSaved(batches.length));
      stopEditing();
    } catch (caught) {
      const error = toApiError(caught);
      if (error.code === 'INVALID_INPUT' && asksForReason(error.details)) {
        setIssues([]);
        setProblem(null);
        setReasonWhy(error.message);
        setAskingReason(true);
      } else if (error.code === 'INVALID_INPUT' && batchIssues(error.details).length > 0) {
        setAskingReason(false);
        setIssues(batchIssues(error.details));
        setProblem(t.batchesRefused);
      } else {
        setAskingReason(false);
        showError(error);
      }
    } finally {
      setSaving(false);
    }
  };

  const issueOf = (no: number, field: BatchField): boolean =>
    issues.some((i) => i.no === no && i.field === field);

  const dateColumn = (field: Exclude<BatchField, 'name'>, title: string, width: number) => ({
    title,
    dataIndex: field,
    width,
    render: (value: string | null, row: BatchRow) =>
      isEditing ? (
        <DateCell
          value={value}
          label={`${row.name}${title}`}
          hasIssue={issueOf(row.no, field)}
          allowClear={field === 'enrollFrom'}
          onChange={(day) =>
            update(row.id, field === 'enrollFrom' ? { enrollFrom: day } : { [field]: day ?? '' })
          }
          testId={`batch-${row.no}-${field}`}
        />
      ) : (
        (value ?? PROJECTS_TEXT.none)
      ),
  });

  const editButton = (() => {
    if (!canManage) return null;
    const button = (
      <Button
        size="small"
        icon={<EditOutlined />}
        disabled={!holds}
        onClick={() => setDrafts(project.batches.map((b) => ({ ...b })))}
        data-testid="batches-edit"
      >
        {t.editBatches}
      </Button>
    );
    return holds ? (
      button
    ) : (
      <Tooltip title={t.editBatchesTip(project.organizer.name)}>
        <span data-testid="batches-edit-locked">{button}</span>
      </Tooltip>
    );
  })();

  return (
    <div>
      <Flex justify="space-between" align="center">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t.batches}
        </Typography.Title>
        {isEditing ? (
          <Flex gap={8}>
            <Button size="small" icon={<CloseOutlined />} onClick={stopEditing}>
              {t.cancelEdit}
            </Button>
            <Button
              size="small"
              type="primary"
              icon={<SaveOutlined />}
              loading={isSaving && !isAskingReason}
              onClick={() => void save()}
              data-testid="batches-save"
            >
              {t.saveBatches}
            </Button>
          </Flex>
        ) : (
          editButton
        )}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {isEditing ? t.editHint : t.batchHint}
      </Typography.Text>
      {problem && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          title={problem}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {issues.map((issue) => (
                <li key={`${issue.no}-${issue.field}-${issue.message}`}>{issue.message}</li>
              ))}
            </ul>
          }
          data-testid="batches-issues"
        />
      )}
      <Table<BatchRow>
        size="small"
        rowKey="id"
        dataSource={drafts ?? project.batches}
        pagination={false}
        style={{ marginTop: 8 }}
        rowClassName={(row) =>
          [
            row.id === batchId && !isEditing ? 'ant-table-row-selected' : '',
            issues.some((i) => i.no === row.no) ? 'batch-row-issue' : '',
          ].join(' ')
        }
        onRow={(row) =>
          isEditing ? {} : { onClick: () => onPick(row.id), style: { cursor: 'pointer' } }
        }
        data-testid="batches-table"
        data-editing={isEditing ? 'true' : 'false'}
        columns={[
          { title: c.no, dataIndex: 'no', width: 56, align: 'right' },
          {
            title: c.name,
            dataIndex: 'name',
            render: (value: string, row) =>
              isEditing ? (
                <Input
                  size="small"
                  value={value}
                  maxLength={50}
                  status={issueOf(row.no, 'name') ? 'error' : undefined}
                  onChange={(e) => update(row.id, { name: e.target.value })}
                  aria-label={`${c.name}${row.no}`}
                />
              ) : (
                value
              ),
          },
          dateColumn('startsOn', c.startsOn, isEditing ? 128 : 110),
          dateColumn('endsOn', c.endsOn, isEditing ? 128 : 110),
          dateColumn('enrollFrom', c.enrollFrom, isEditing ? 128 : 110),
          dateColumn('enrollUntil', c.enrollUntil, isEditing ? 128 : 110),
          dateColumn('changeUntil', c.changeUntil, isEditing ? 128 : 130),
        ]}
      />
      <ReasonModal
        isOpen={isAskingReason}
        isSaving={isSaving}
        hint={t.reasonHint}
        detail={reasonWhy}
        placeholder={t.reasonPlaceholder}
        testId="batches-reason"
        onCancel={() => setAskingReason(false)}
        onConfirm={(reason) => void save(reason)}
      />
    </div>
  );
}
