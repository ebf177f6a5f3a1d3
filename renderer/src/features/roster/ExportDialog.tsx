/**
 * Export of the roster to .xlsx (`roster/export`). ID numbers are masked unless the officer asks for
 * full numbers, which the dialog says plainly is recorded in the operation log. On the bridge the
 * file is downloaded; in Electron it is written where the officer chose.
 */
import { useState } from 'react';
import { Alert, Button, Checkbox, Flex, Modal, Result } from 'antd';
import { ExportOutlined } from '@ant-design/icons';
import { type RosterFilter, type SavedFile } from '@shared/api/roster.contract';
import { chooseSaveTarget, datedFileName, deliverSavedFile } from '../../api/files';
import { useCan } from '../../api/session';
import { useSystemInfo } from '../../api/system-info';
import { useJob } from '../../api/use-job';
import { useErrorNotice } from '../../components/errors';
import { JobProgress } from '../../components/JobProgress';
import { EXPORT_TEXT } from './roster.strings';

interface ExportDialogProps {
  open: boolean;
  filter: RosterFilter;
  /** Human-readable description of the current filter, e.g. ['单位：城东区', '学段：小学']. */
  filterParts: string[];
  onClose: () => void;
}

type Phase = 'options' | 'running' | 'done';

function ExportBody({ filter, filterParts, onClose }: Omit<ExportDialogProps, 'open'>) {
  const { info } = useSystemInfo();
  const showError = useErrorNotice();
  const job = useJob('roster/export');
  const canExportFullId = useCan('roster.exportFullId');
  const [phase, setPhase] = useState<Phase>('options');
  const [onlyFiltered, setOnlyFiltered] = useState(true);
  const [includeFullId, setIncludeFullId] = useState(false);
  const [saved, setSaved] = useState<SavedFile | null>(null);

  const start = async (): Promise<void> => {
    try {
      const target = await chooseSaveTarget(
        info?.hasNativeDialogs ?? false,
        EXPORT_TEXT.saveDialogTitle,
        datedFileName(EXPORT_TEXT.fileStem),
      );
      if (target.isCancelled) return;
      setPhase('running');
      const scope = onlyFiltered ? filter : {};
      const result = await job.run({
        ...scope,
        includeFullIdNumber: canExportFullId && includeFullId,
        target: target.target,
      });
      deliverSavedFile(result);
      setSaved(result);
      setPhase('done');
    } catch (error) {
      setPhase('options');
      showError(error);
    }
  };

  if (phase === 'running') {
    return (
      <Flex vertical gap={16} style={{ padding: '16px 0' }} data-testid="export-running">
        <JobProgress
          progress={job.progress}
          onCancel={job.cancel}
          isCancelling={job.isCancelling}
          testId="export-progress"
        />
      </Flex>
    );
  }

  if (phase === 'done' && saved) {
    return (
      <Result
        status="success"
        title={EXPORT_TEXT.doneTitle}
        subTitle={
          saved.downloadUrl
            ? EXPORT_TEXT.downloaded(saved.fileName, saved.rows)
            : EXPORT_TEXT.saved(saved.savedTo ?? saved.fileName, saved.rows)
        }
        extra={
          <Button type="primary" onClick={onClose} data-testid="export-close">
            {EXPORT_TEXT.close}
          </Button>
        }
        data-testid="export-done"
        data-rows={saved.rows}
      />
    );
  }

  const hasFilter = filterParts.length > 0;
  return (
    <Flex vertical gap={14} data-testid="export-options">
      <div>
        <Checkbox
          checked={onlyFiltered}
          onChange={(event) => setOnlyFiltered(event.target.checked)}
          data-testid="export-only-filtered"
        >
          {EXPORT_TEXT.onlyFiltered}
        </Checkbox>
        <div className="field-hint">
          {onlyFiltered && hasFilter
            ? EXPORT_TEXT.filterSummary(filterParts)
            : EXPORT_TEXT.filterSummaryAll}
        </div>
      </div>
      {canExportFullId ? (
        <div>
          <Checkbox
            checked={includeFullId}
            onChange={(event) => setIncludeFullId(event.target.checked)}
            data-testid="export-full-id"
          >
            {EXPORT_TEXT.includeFullId}
          </Checkbox>
          {!includeFullId && <div className="field-hint">{EXPORT_TEXT.maskedNote}</div>}
        </div>
      ) : (
        <div className="field-hint" style={{ marginLeft: 0 }} data-testid="export-masked-only">
          {EXPORT_TEXT.maskedOnly}
        </div>
      )}
      {includeFullId && (
        <Alert
          type="warning"
          showIcon
          title={EXPORT_TEXT.fullIdWarningTitle}
          description={EXPORT_TEXT.fullIdWarning}
          data-testid="export-full-id-warning"
        />
      )}
      <Flex justify="flex-end" gap={8} className="modal-footer-bar">
        <Button onClick={onClose}>{EXPORT_TEXT.close}</Button>
        <Button
          type="primary"
          icon={<ExportOutlined />}
          onClick={() => void start()}
          data-testid="export-start"
        >
          {EXPORT_TEXT.start}
        </Button>
      </Flex>
    </Flex>
  );
}

export function ExportDialog({ open, onClose, ...rest }: ExportDialogProps) {
  return (
    <Modal
      open={open}
      title={EXPORT_TEXT.title}
      width={520}
      footer={null}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <ExportBody onClose={onClose} {...rest} />
    </Modal>
  );
}
