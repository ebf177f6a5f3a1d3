/**
 * 批量报名: an .xlsx of 身份证号 + 课程 (optional 理由) checked by the core row by row as a dry run
 * (`enrollment/importPreview`, progress and cancel), reviewed as counts and each row's outcome with
 * its sheet row number and the core's reasons; 下载错误行 saves the rejected rows as a workbook
 * (`enrollment/exportImportErrors`) to correct and import again; 确认报名 enrolls the accepted rows.
 */
import { useState } from 'react';
import { Alert, Button, Flex, Result, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { type MethodOutput } from '@shared/api/contract';
import { type BatchRow } from '@shared/api/projects.contract';
import { ApiError } from '../../api/api-error';
import { call, startJob } from '../../api/client';
import { datedFileName } from '../../api/files';
import { useJob } from '../../api/use-job';
import { ErrorGrid, pagesOf } from '../../components/grid/ErrorGrid';
import {
  ImportWizardFrame,
  ImportWizardModal,
} from '../../components/import-wizard/ImportWizardFrame';
import { useImportWizard, type ImportJob } from '../../components/import-wizard/use-import-wizard';
import { StatRow } from '../../components/StatRow';
import { useSaveWorkbook } from '../../components/use-save-workbook';
import { countOutcomes, reasonLines } from './enrollment-results';
import { ENROLLMENT_TEXT } from './enrollment.strings';

type Preview = MethodOutput<'enrollment/importPreview'>;
type PreviewRow = Preview['rows'][number];
type Enrolled = MethodOutput<'enrollment/enroll'>;
type CommitInput = { entries: Preview['entries'] };

const STATUS_COLORS: Record<PreviewRow['status'], string> = {
  accepted: 'success',
  unchanged: 'default',
  rejected: 'error',
};

interface EnrollImportWizardProps {
  batch: BatchRow;
  open: boolean;
  onClose: () => void;
  onImported: () => void;
}

function Review({ preview }: { preview: Preview }) {
  const t = ENROLLMENT_TEXT.bulk;
  const c = t.columns;
  // Errors of rows listed below are shown there with their reasons; the others (a row the core
  // could not read at all) are listed apart.
  const listed = new Set(preview.rows.map((r) => r.row));
  const otherErrors = preview.errors.filter((e) => !listed.has(e.row));
  const { download, isSaving } = useSaveWorkbook({
    dialogTitle: t.downloadErrors,
    defaultName: datedFileName(t.errorsStem),
    // The core keeps the preview's rejected rows (an hour, for this operator).
    write: async (target) => {
      if (!preview.errorsId) throw new ApiError('NOT_FOUND', t.nothingRejected);
      return startJob('enrollment/exportImportErrors', {
        errorsId: preview.errorsId,
        ...(target ? { target } : {}),
      }).result;
    },
    downloadedText: t.errorsDownloaded,
    savedText: t.errorsSaved,
  });
  return (
    <Flex vertical gap={12} data-testid="enroll-import-preview">
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary">{t.sheet(preview.sheetName)}</Typography.Text>
        {preview.rejected > 0 && (
          <Button
            icon={<DownloadOutlined />}
            loading={isSaving}
            onClick={() => void download()}
            data-testid="enroll-import-download-errors"
          >
            {t.downloadErrors}
          </Button>
        )}
      </Flex>
      <StatRow
        items={[
          { label: t.total, value: preview.total, testId: 'enroll-import-total' },
          {
            label: t.accepted,
            value: preview.accepted,
            tone: 'good',
            testId: 'enroll-import-accepted',
          },
          { label: t.unchanged, value: preview.unchanged, testId: 'enroll-import-unchanged' },
          {
            label: t.rejected,
            value: preview.rejected,
            tone: 'bad',
            testId: 'enroll-import-rejected',
          },
        ]}
      />
      {preview.entries.length === 0 && <Alert type="warning" showIcon title={t.nothing} />}
      {otherErrors.length > 0 && (
        <Flex vertical gap={4}>
          <Typography.Text type="danger">{t.errorsTitle(otherErrors.length)}</Typography.Text>
          <ErrorGrid
            fetchPage={pagesOf(otherErrors)}
            height={Math.min(200, 56 + otherErrors.length * 34)}
            testId="enroll-import-errors"
          />
        </Flex>
      )}
      <Table<PreviewRow>
        size="small"
        rowKey="row"
        dataSource={preview.rows}
        pagination={preview.rows.length > 8 ? { pageSize: 8, size: 'small' } : false}
        data-testid="enroll-import-rows"
        columns={[
          { title: c.row, dataIndex: 'row', width: 64, align: 'right' },
          { title: c.teacher, dataIndex: 'teacherName', width: 90 },
          { title: c.idNumber, dataIndex: 'idNumberMasked', width: 170 },
          { title: c.course, dataIndex: 'courseName', width: 170, ellipsis: true },
          {
            title: c.status,
            dataIndex: 'status',
            width: 90,
            render: (status: PreviewRow['status']) => (
              <Tag color={STATUS_COLORS[status]}>{t.statusLabels[status]}</Tag>
            ),
          },
          {
            title: c.reasons,
            dataIndex: 'reasons',
            render: (reasons: string[]) => reasons.join('；'),
          },
        ]}
      />
    </Flex>
  );
}

function Done({ result }: { result: Enrolled }) {
  const t = ENROLLMENT_TEXT.bulk;
  const { accepted } = countOutcomes(result.results);
  const refused = result.results.filter((r) => !r.isAccepted);
  return (
    <Flex vertical gap={8} data-testid="enroll-import-done">
      <Result status="success" title={t.doneTitle(accepted)} style={{ padding: '16px 0' }} />
      {refused.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t.doneRejected(refused.length)}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 16 }}>
              {refused.map((r) => (
                <li key={r.teacherId}>{reasonLines(r).join('；')}</li>
              ))}
            </ul>
          }
        />
      )}
    </Flex>
  );
}

function WizardBody({ batch, onClose, onImported }: Omit<EnrollImportWizardProps, 'open'>) {
  const t = ENROLLMENT_TEXT.bulk;
  const job = useJob('enrollment/importPreview');
  const [isCommitting, setCommitting] = useState(false);
  const previewJob: ImportJob<{ file: string }, Preview> = {
    ...job,
    run: (input) => job.run({ batchId: batch.id, file: input.file }),
  };
  const commitJob: ImportJob<CommitInput, Enrolled> = {
    run: async (input) => {
      setCommitting(true);
      try {
        return await call('enrollment/enroll', { batchId: batch.id, entries: input.entries });
      } finally {
        setCommitting(false);
      }
    },
    cancel: () => undefined,
    progress: null,
    isRunning: isCommitting,
    isCancelling: false,
  };
  const wizard = useImportWizard<Preview, CommitInput, Enrolled>({
    previewJob,
    commitJob,
    onImported,
  });
  return (
    <ImportWizardFrame
      wizard={wizard}
      text={{
        stepFile: t.stepFile,
        stepPreview: t.stepPreview,
        stepCommit: t.stepCommit,
        stepDone: t.stepDone,
        reselect: t.reselect,
        commit: wizard.preview ? t.commit(wizard.preview.entries.length) : t.commitNone,
        close: t.close,
      }}
      testIds={{
        wizard: 'enroll-import',
        file: 'enroll-import-file',
        progress: 'enroll-import-progress',
        error: 'enroll-import-error',
        commitProgress: 'enroll-import-commit-progress',
        commit: 'enroll-import-commit',
        doneClose: 'enroll-import-close',
        fileClose: 'enroll-import-file-close',
        reselect: 'enroll-import-reselect',
      }}
      bodyMinHeight={260}
      intro={t.intro}
      renderReview={(preview) => <Review preview={preview} />}
      renderDone={(result) => <Done result={result} />}
      toCommitInput={(preview) => ({ entries: preview.entries })}
      canCommit={(wizard.preview?.entries.length ?? 0) > 0}
      onClose={onClose}
    />
  );
}

export function EnrollImportWizard({ batch, open, onClose, onImported }: EnrollImportWizardProps) {
  return (
    <ImportWizardModal
      open={open}
      title={ENROLLMENT_TEXT.bulk.title(batch.name)}
      width={960}
      onClose={onClose}
    >
      <WizardBody batch={batch} onClose={onClose} onImported={onImported} />
    </ImportWizardModal>
  );
}
