/**
 * What every import wizard shows around its own review and summary: the modal, the four steps, the
 * file picker, the check's and the commit's progress (with cancel), the inline check error, and the
 * footer buttons (重新选择文件 / 确认导入 / 关闭). Texts and test ids come from the feature, so each
 * wizard keeps its own words and selectors.
 */
import { type ReactNode } from 'react';
import { Button, Flex, Modal, Steps, Typography } from 'antd';
import { ErrorAlert } from '../errors';
import { FilePick } from '../FilePick';
import { IMPORT_NOTICE_SCOPE } from './use-import-wizard';
import { JobProgress } from '../JobProgress';
import { IMPORT_STEP_INDEX } from './import-wizard-model';
import { type ImportWizard } from './use-import-wizard';

interface ImportWizardModalProps {
  open: boolean;
  title: string;
  width: number;
  onClose: () => void;
  children: ReactNode;
}

/** The body is destroyed on close, so reopening starts again at the file step with no job running. */
export function ImportWizardModal({
  open,
  title,
  width,
  onClose,
  children,
}: ImportWizardModalProps) {
  return (
    <Modal
      open={open}
      title={title}
      width={width}
      footer={null}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      centered
    >
      {children}
    </Modal>
  );
}

export interface ImportWizardText {
  stepFile: string;
  stepPreview: string;
  stepCommit: string;
  stepDone: string;
  reselect: string;
  commit: string;
  close: string;
}

export interface ImportWizardTestIds {
  wizard: string;
  file: string;
  progress: string;
  error: string;
  commitProgress: string;
  commit: string;
  doneClose: string;
  fileClose?: string;
  reselect?: string;
}

interface ImportWizardFrameProps<TPreview, TCommitInput, TResult> {
  wizard: ImportWizard<TPreview, TCommitInput, TResult>;
  text: ImportWizardText;
  testIds: ImportWizardTestIds;
  bodyMinHeight: number;
  /** Above the file picker: what the workbook must contain (and, for rosters, the template). */
  intro?: ReactNode;
  renderReview: (preview: TPreview) => ReactNode;
  renderDone: (result: TResult) => ReactNode;
  toCommitInput: (preview: TPreview) => TCommitInput;
  /** False while the review still lacks a choice the commit needs. */
  canCommit?: boolean;
  /** Shown at the start of the footer on the preview step (why 确认导入 is disabled). */
  footerNote?: ReactNode;
  /** Keeps the (empty) footer bar under the commit progress instead of hiding it. */
  hasFooterWhileCommitting?: boolean;
  onClose: () => void;
}

export function ImportWizardFrame<TPreview, TCommitInput, TResult>({
  wizard,
  text,
  testIds,
  bodyMinHeight,
  intro,
  renderReview,
  renderDone,
  toCommitInput,
  canCommit = true,
  footerNote,
  hasFooterWhileCommitting = false,
  onClose,
}: ImportWizardFrameProps<TPreview, TCommitInput, TResult>) {
  const { step, preview, previewError, result, previewJob, commitJob } = wizard;
  const filePick = (
    <FilePick
      onPicked={(file) => void wizard.startPreview(file)}
      testId={testIds.file}
      noticeScope={IMPORT_NOTICE_SCOPE}
    />
  );

  return (
    <Flex vertical gap={16} data-testid={testIds.wizard} data-step={step}>
      <Steps
        size="small"
        current={IMPORT_STEP_INDEX[step]}
        items={[
          { title: text.stepFile },
          { title: text.stepPreview },
          { title: text.stepCommit },
          { title: text.stepDone },
        ]}
      />
      <div style={{ minHeight: bodyMinHeight }}>
        {step === 'file' &&
          (intro === undefined ? (
            filePick
          ) : (
            <Flex vertical gap={12}>
              {typeof intro === 'string' ? (
                <Typography.Text type="secondary">{intro}</Typography.Text>
              ) : (
                intro
              )}
              {filePick}
            </Flex>
          ))}
        {step === 'preview' && previewJob.isRunning && (
          <JobProgress
            progress={previewJob.progress}
            onCancel={previewJob.cancel}
            isCancelling={previewJob.isCancelling}
            testId={testIds.progress}
          />
        )}
        {step === 'preview' && previewError && (
          <ErrorAlert error={previewError} testId={testIds.error} />
        )}
        {step === 'preview' && preview !== null && renderReview(preview)}
        {step === 'commit' && (
          <JobProgress
            progress={commitJob.progress}
            onCancel={commitJob.cancel}
            isCancelling={commitJob.isCancelling}
            testId={testIds.commitProgress}
          />
        )}
        {step === 'done' && result !== null && renderDone(result)}
      </div>
      {(step !== 'commit' || hasFooterWhileCommitting) && (
        <Flex justify="flex-end" gap={8} className="modal-footer-bar">
          {step === 'preview' && (
            <>
              {footerNote}
              <Button
                onClick={wizard.reselect}
                disabled={previewJob.isRunning}
                data-testid={testIds.reselect}
              >
                {text.reselect}
              </Button>
              <Button
                type="primary"
                disabled={preview === null || !canCommit}
                onClick={() => void wizard.commit(toCommitInput)}
                data-testid={testIds.commit}
              >
                {text.commit}
              </Button>
            </>
          )}
          {step === 'file' && (
            <Button onClick={onClose} data-testid={testIds.fileClose}>
              {text.close}
            </Button>
          )}
          {step === 'done' && (
            <Button type="primary" onClick={onClose} data-testid={testIds.doneClose}>
              {text.close}
            </Button>
          )}
        </Flex>
      )}
    </Flex>
  );
}
