/**
 * Import of an org list (.xlsx: 单位名称, 类型, 上级单位, 代码) with the same two steps as the roster:
 * the core checks the file and reports what it would create and every error; 确认导入 commits.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Flex, Modal, Result, Steps, Typography } from 'antd';
import { type MethodOutput } from '@shared/api/contract';
import { isCancelled, toApiError, type ApiError } from '../../api/api-error';
import { type PickedFile } from '../../api/files';
import { useJob } from '../../api/use-job';
import { ErrorAlert, useErrorNotice } from '../../components/errors';
import { FilePick } from '../../components/FilePick';
import { ErrorGrid, pagesOf } from '../../components/grid/ErrorGrid';
import { JobProgress } from '../../components/JobProgress';
import { StatRow } from '../../components/StatRow';
import { ORG_IMPORT_TEXT } from './org.strings';

type Preview = MethodOutput<'org/importPreview'>;
type Step = 'file' | 'preview' | 'commit' | 'done';
const STEP_INDEX: Record<Step, number> = { file: 0, preview: 1, commit: 2, done: 3 };

interface OrgImportWizardProps {
  open: boolean;
  onClose: () => void;
  onImported: () => void;
}

function Review({ preview }: { preview: Preview }) {
  const fetchPage = useMemo(() => pagesOf(preview.errors), [preview.errors]);
  return (
    <Flex vertical gap={12} data-testid="org-import-preview">
      <StatRow
        items={[
          { label: ORG_IMPORT_TEXT.total, value: preview.total, testId: 'org-import-stat-total' },
          {
            label: ORG_IMPORT_TEXT.new,
            value: preview.new,
            tone: 'good',
            testId: 'org-import-stat-new',
          },
          {
            label: ORG_IMPORT_TEXT.unchanged,
            value: preview.unchanged,
            testId: 'org-import-stat-unchanged',
          },
          {
            label: ORG_IMPORT_TEXT.errors,
            value: preview.errors.length,
            tone: 'bad',
            testId: 'org-import-stat-errors',
          },
        ]}
      />
      {preview.errors.length === 0 ? (
        <Alert type="success" showIcon title={ORG_IMPORT_TEXT.noErrors} />
      ) : (
        <>
          <Typography.Text strong>
            {ORG_IMPORT_TEXT.errorsTitle(preview.errors.length)}
          </Typography.Text>
          <Typography.Text type="secondary">{ORG_IMPORT_TEXT.errorsHint}</Typography.Text>
          <ErrorGrid fetchPage={fetchPage} height={240} testId="org-import-error-grid" />
        </>
      )}
    </Flex>
  );
}

function WizardBody({ onClose, onImported }: Omit<OrgImportWizardProps, 'open'>) {
  const showError = useErrorNotice();
  const previewJob = useJob('org/importPreview');
  const commitJob = useJob('org/importCommit');
  const [step, setStep] = useState<Step>('file');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewError, setPreviewError] = useState<ApiError | null>(null);
  const [inserted, setInserted] = useState<number | null>(null);

  const startPreview = async (file: PickedFile): Promise<void> => {
    setStep('preview');
    setPreview(null);
    setPreviewError(null);
    try {
      setPreview(await previewJob.run({ path: file.path, fileName: file.fileName }));
    } catch (error) {
      if (isCancelled(error)) {
        // Back to the file step; the notice says that nothing was changed.
        setStep('file');
        showError(error);
      } else {
        setPreviewError(toApiError(error));
      }
    }
  };

  const commit = async (): Promise<void> => {
    if (!preview) return;
    setStep('commit');
    try {
      const result = await commitJob.run({ importId: preview.importId });
      setInserted(result.inserted);
      setStep('done');
      onImported();
    } catch (error) {
      showError(error);
      setStep('preview');
    }
  };

  return (
    <Flex vertical gap={16} data-testid="org-import-wizard" data-step={step}>
      <Steps
        size="small"
        current={STEP_INDEX[step]}
        items={[
          { title: ORG_IMPORT_TEXT.stepFile },
          { title: ORG_IMPORT_TEXT.stepPreview },
          { title: ORG_IMPORT_TEXT.stepCommit },
          { title: ORG_IMPORT_TEXT.stepDone },
        ]}
      />
      <div style={{ minHeight: 260 }}>
        {step === 'file' && (
          <Flex vertical gap={12}>
            <Typography.Text type="secondary">{ORG_IMPORT_TEXT.intro}</Typography.Text>
            <FilePick onPicked={(file) => void startPreview(file)} testId="org-import-file" />
          </Flex>
        )}
        {step === 'preview' && previewJob.isRunning && (
          <JobProgress
            progress={previewJob.progress}
            onCancel={previewJob.cancel}
            isCancelling={previewJob.isCancelling}
            testId="org-import-progress"
          />
        )}
        {step === 'preview' && previewError && (
          <ErrorAlert error={previewError} testId="org-import-error" />
        )}
        {step === 'preview' && preview && <Review preview={preview} />}
        {step === 'commit' && (
          <JobProgress
            progress={commitJob.progress}
            onCancel={commitJob.cancel}
            isCancelling={commitJob.isCancelling}
            testId="org-import-commit-progress"
          />
        )}
        {step === 'done' && inserted !== null && (
          <Result
            status="success"
            title={ORG_IMPORT_TEXT.doneTitle}
            subTitle={ORG_IMPORT_TEXT.doneSummary(inserted)}
            data-testid="org-import-done"
            data-inserted={inserted}
          />
        )}
      </div>
      <Flex justify="flex-end" gap={8} className="modal-footer-bar">
        {step === 'preview' && (
          <>
            <Button onClick={() => setStep('file')} disabled={previewJob.isRunning}>
              {ORG_IMPORT_TEXT.reselect}
            </Button>
            <Button
              type="primary"
              disabled={!preview}
              onClick={() => void commit()}
              data-testid="org-import-commit"
            >
              {ORG_IMPORT_TEXT.commit}
            </Button>
          </>
        )}
        {(step === 'file' || step === 'done') && (
          <Button
            type={step === 'done' ? 'primary' : 'default'}
            onClick={onClose}
            data-testid="org-import-close"
          >
            {ORG_IMPORT_TEXT.close}
          </Button>
        )}
      </Flex>
    </Flex>
  );
}

export function OrgImportWizard({ open, onClose, onImported }: OrgImportWizardProps) {
  return (
    <Modal
      open={open}
      title={ORG_IMPORT_TEXT.title}
      width={860}
      footer={null}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      centered
    >
      <WizardBody onClose={onClose} onImported={onImported} />
    </Modal>
  );
}
