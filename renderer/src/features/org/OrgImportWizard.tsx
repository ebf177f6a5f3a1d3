/**
 * Import of an org list (.xlsx: 单位名称, 类型, 上级单位, 代码) with the same two steps as the roster:
 * the core checks the file and reports what it would create and every error; 确认导入 commits.
 */
import { useMemo } from 'react';
import { Alert, Flex, Result, Typography } from 'antd';
import { type MethodOutput } from '@shared/api/contract';
import { useJob } from '../../api/use-job';
import { ErrorGrid, pagesOf } from '../../components/grid/ErrorGrid';
import {
  ImportWizardFrame,
  ImportWizardModal,
} from '../../components/import-wizard/ImportWizardFrame';
import { useImportWizard } from '../../components/import-wizard/use-import-wizard';
import { StatRow } from '../../components/StatRow';
import { ORG_IMPORT_TEXT } from './org.strings';

type Preview = MethodOutput<'org/importPreview'>;

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
  const wizard = useImportWizard({
    previewJob: useJob('org/importPreview'),
    commitJob: useJob('org/importCommit'),
    onImported,
  });

  return (
    <ImportWizardFrame
      wizard={wizard}
      text={ORG_IMPORT_TEXT}
      testIds={{
        wizard: 'org-import-wizard',
        file: 'org-import-file',
        progress: 'org-import-progress',
        error: 'org-import-error',
        commitProgress: 'org-import-commit-progress',
        commit: 'org-import-commit',
        fileClose: 'org-import-close',
        doneClose: 'org-import-close',
      }}
      bodyMinHeight={260}
      intro={ORG_IMPORT_TEXT.intro}
      renderReview={(preview) => <Review preview={preview} />}
      renderDone={({ inserted }) => (
        <Result
          status="success"
          title={ORG_IMPORT_TEXT.doneTitle}
          subTitle={ORG_IMPORT_TEXT.doneSummary(inserted)}
          data-testid="org-import-done"
          data-inserted={inserted}
        />
      )}
      toCommitInput={(preview) => ({ importId: preview.importId })}
      hasFooterWhileCommitting
      onClose={onClose}
    />
  );
}

export function OrgImportWizard({ open, onClose, onImported }: OrgImportWizardProps) {
  return (
    <ImportWizardModal open={open} title={ORG_IMPORT_TEXT.title} width={860} onClose={onClose}>
      <WizardBody onClose={onClose} onImported={onImported} />
    </ImportWizardModal>
  );
}
