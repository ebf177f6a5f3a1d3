/**
 * 导入课程: an .xlsx of courses checked by the core (`projects/coursesImportPreview`, nothing
 * saved), shown as counts, the row errors with their sheet row numbers and columns, and each row's
 * outcome; 合并 puts the valid courses into the batch's course grid (by code), which the officer
 * then saves with 保存课程.
 */
import { useState } from 'react';
import { Alert, Button, Flex, Modal, Table, Tag, Typography } from 'antd';
import { type MethodOutput } from '@shared/api/contract';
import { type ApiError, isCancelled, toApiError } from '../../api/api-error';
import { type PickedFile } from '../../api/files';
import { useJob } from '../../api/use-job';
import { ErrorAlert } from '../../components/errors';
import { FilePick } from '../../components/FilePick';
import { ErrorGrid, pagesOf } from '../../components/grid/ErrorGrid';
import { JobProgress } from '../../components/JobProgress';
import { StatRow } from '../../components/StatRow';
import { type CourseInputRow } from './course-rows';
import { PROJECTS_TEXT } from './projects.strings';

export type CoursePreview = MethodOutput<'projects/coursesImportPreview'>;
type RowStatus = CoursePreview['rows'][number]['status'];

const STATUS_COLORS: Record<RowStatus, string> = {
  new: 'success',
  changed: 'warning',
  unchanged: 'default',
  rejected: 'error',
};

interface CourseImportModalProps {
  batchId: string;
  batchName: string;
  isOpen: boolean;
  onClose: () => void;
  onMerge: (courses: CourseInputRow[]) => void;
}

function count(preview: CoursePreview, status: RowStatus): number {
  return preview.rows.filter((r) => r.status === status).length;
}

function ImportBody({
  batchId,
  onClose,
  onMerge,
}: Pick<CourseImportModalProps, 'batchId' | 'onClose' | 'onMerge'>) {
  const t = PROJECTS_TEXT.courseImport;
  const job = useJob('projects/coursesImportPreview');
  const [preview, setPreview] = useState<CoursePreview | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const check = async (file: PickedFile): Promise<void> => {
    setPreview(null);
    setError(null);
    try {
      setPreview(await job.run({ batchId, file: file.handle }));
    } catch (caught) {
      if (!isCancelled(caught)) setError(toApiError(caught));
    }
  };

  const isFileStep = preview === null && !job.isRunning && error === null;
  const footer = (
    <Flex justify="end" gap={8} className="modal-footer-bar">
      {!isFileStep && (
        <Button
          disabled={job.isRunning}
          onClick={() => {
            setPreview(null);
            setError(null);
          }}
          data-testid="course-import-reselect"
        >
          {t.reselect}
        </Button>
      )}
      <Button onClick={onClose}>{t.cancel}</Button>
      {preview && (
        <Button
          type="primary"
          disabled={preview.courses.length === 0}
          onClick={() => onMerge(preview.courses)}
          data-testid="course-import-merge"
        >
          {t.merge(preview.courses.length)}
        </Button>
      )}
    </Flex>
  );

  return (
    <Flex vertical gap={12} data-testid="course-import">
      <Typography.Text type="secondary">{t.intro}</Typography.Text>
      {isFileStep && <FilePick onPicked={(file) => void check(file)} testId="course-import-file" />}
      {job.isRunning && (
        <JobProgress
          progress={job.progress}
          onCancel={job.cancel}
          isCancelling={job.isCancelling}
          testId="course-import-progress"
        />
      )}
      {error && <ErrorAlert error={error} testId="course-import-error" />}
      {preview && (
        <>
          <Typography.Text data-testid="course-import-sheet">
            {t.sheet(preview.sheetName)}
          </Typography.Text>
          <StatRow
            items={[
              { label: t.total, value: preview.total, testId: 'course-import-total' },
              {
                label: t.new,
                value: count(preview, 'new'),
                tone: 'good',
                testId: 'course-import-new',
              },
              {
                label: t.changed,
                value: count(preview, 'changed'),
                tone: 'warn',
                testId: 'course-import-changed',
              },
              {
                label: t.unchanged,
                value: count(preview, 'unchanged'),
                testId: 'course-import-unchanged',
              },
              {
                label: t.rejected,
                value: count(preview, 'rejected'),
                tone: 'bad',
                testId: 'course-import-rejected',
              },
            ]}
          />
          {preview.courses.length === 0 && (
            <Alert type="warning" showIcon title={t.nothing} data-testid="course-import-nothing" />
          )}
          {preview.errors.length > 0 && (
            <Flex vertical gap={4}>
              <Typography.Text type="danger">
                {t.errorsTitle(preview.errors.length)}
              </Typography.Text>
              <ErrorGrid
                fetchPage={pagesOf(preview.errors)}
                height={Math.min(220, 56 + preview.errors.length * 34)}
                testId="course-import-errors"
              />
            </Flex>
          )}
          <Typography.Text strong>{t.rowsTitle}</Typography.Text>
          <Table
            size="small"
            rowKey="row"
            dataSource={preview.rows}
            pagination={preview.rows.length > 8 ? { pageSize: 8, size: 'small' } : false}
            data-testid="course-import-rows"
            columns={[
              { title: t.errorRow, dataIndex: 'row', width: 70, align: 'right' },
              { title: t.code, dataIndex: 'code', width: 120 },
              { title: t.name, dataIndex: 'name' },
              {
                title: t.status,
                dataIndex: 'status',
                width: 90,
                render: (status: RowStatus) => (
                  <Tag color={STATUS_COLORS[status]}>{t.statusLabels[status]}</Tag>
                ),
              },
            ]}
          />
        </>
      )}
      {footer}
    </Flex>
  );
}

export function CourseImportModal({ isOpen, batchName, onClose, ...rest }: CourseImportModalProps) {
  return (
    <Modal
      open={isOpen}
      title={PROJECTS_TEXT.courseImport.title(batchName)}
      width={820}
      footer={null}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      centered
    >
      <ImportBody onClose={onClose} {...rest} />
    </Modal>
  );
}
