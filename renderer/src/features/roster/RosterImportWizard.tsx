/**
 * The roster import, in the order an officer works: choose the workbook, let the core check it
 * (progress, cancel), review what would change (counts, every error, transfers to confirm, unknown
 * schools to create), then commit the valid rows in one transaction. Nothing is written before 确认导入.
 */
import { useCallback, useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Flex,
  Result,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { type OrgNode } from '@shared/api/org.contract';
import { type ImportCommitResult, type ImportPreview } from '@shared/api/roster.contract';
import { call } from '../../api/client';
import { datedFileName } from '../../api/files';
import { useJob } from '../../api/use-job';
import { ErrorGrid, pagesOf, type ErrorPageFetcher } from '../../components/grid/ErrorGrid';
import {
  ImportWizardFrame,
  ImportWizardModal,
} from '../../components/import-wizard/ImportWizardFrame';
import { useImportWizard } from '../../components/import-wizard/use-import-wizard';
import { StatRow } from '../../components/StatRow';
import { useSaveWorkbook } from '../../components/use-save-workbook';
import { IMPORT_TEXT, EXPORT_TEXT } from './roster.strings';

interface WizardProps {
  open: boolean;
  orgNodes: readonly OrgNode[];
  onClose: () => void;
  onImported: () => void;
}

function PreviewSummary({ preview }: { preview: ImportPreview }) {
  return (
    <StatRow
      items={[
        { label: IMPORT_TEXT.total, value: preview.total, testId: 'import-stat-total' },
        { label: IMPORT_TEXT.new, value: preview.new, tone: 'good', testId: 'import-stat-new' },
        {
          label: IMPORT_TEXT.updated,
          value: preview.updated,
          tone: 'warn',
          testId: 'import-stat-updated',
        },
        { label: IMPORT_TEXT.unchanged, value: preview.unchanged, testId: 'import-stat-unchanged' },
        {
          label: IMPORT_TEXT.errors,
          value: preview.errorRowCount,
          tone: 'bad',
          testId: 'import-stat-errors',
        },
      ]}
    />
  );
}

interface ReviewProps {
  preview: ImportPreview;
  districts: { value: string; label: string }[];
  confirmTransfers: boolean;
  onConfirmTransfers: (value: boolean) => void;
  createSchools: boolean;
  onCreateSchools: (value: boolean) => void;
  districtId: string | null;
  onDistrict: (value: string | null) => void;
}

/** The workbook of an import's rejected rows. */
function useErrorWorkbook(importId: string): { download: () => Promise<void>; isSaving: boolean } {
  return useSaveWorkbook({
    dialogTitle: IMPORT_TEXT.downloadErrors,
    defaultName: datedFileName(EXPORT_TEXT.errorsFileStem),
    write: (target) => call('roster/exportErrors', { importId, target }),
    downloadedText: IMPORT_TEXT.errorsDownloaded,
    savedText: IMPORT_TEXT.errorsSaved,
  });
}

function ErrorsTab({ preview }: { preview: ImportPreview }) {
  const importId = preview.importId;
  const { download, isSaving } = useErrorWorkbook(importId);
  const hasAllErrors = preview.errorCount <= preview.errors.length;
  const firstErrors = preview.errors;
  // The preview carries the first errors; only a file with more of them is paged from the core.
  const fetchPage = useCallback<ErrorPageFetcher>(
    (offset, limit) =>
      hasAllErrors
        ? pagesOf(firstErrors)(offset, limit)
        : call('roster/importErrors', { importId, offset, limit }),
    [hasAllErrors, firstErrors, importId],
  );

  if (preview.errorCount === 0) {
    return (
      <Alert type="success" showIcon title={IMPORT_TEXT.noErrors} data-testid="import-no-errors" />
    );
  }
  return (
    <Flex vertical gap={8}>
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary">{IMPORT_TEXT.errorsHint}</Typography.Text>
        <Button
          icon={<DownloadOutlined />}
          onClick={() => void download()}
          loading={isSaving}
          data-testid="import-download-errors"
        >
          {IMPORT_TEXT.downloadErrors}
        </Button>
      </Flex>
      <ErrorGrid fetchPage={fetchPage} height={260} testId="import-error-grid" />
    </Flex>
  );
}

function ImportReview(props: ReviewProps) {
  const { preview, districts } = props;
  const tabs = [
    {
      key: 'errors',
      label: IMPORT_TEXT.tabErrors(preview.errorCount),
      children: <ErrorsTab preview={preview} />,
    },
  ];
  if (preview.transfers.length > 0) {
    const t = IMPORT_TEXT.transferColumns;
    tabs.push({
      key: 'transfers',
      label: IMPORT_TEXT.tabTransfers(preview.transfers.length),
      children: (
        <Flex vertical gap={8} data-testid="import-transfers">
          <Typography.Text type="secondary">{IMPORT_TEXT.transfersHint}</Typography.Text>
          <Table
            size="small"
            rowKey="row"
            pagination={false}
            scroll={{ y: 200 }}
            dataSource={preview.transfers}
            columns={[
              { title: t.row, dataIndex: 'row', width: 72 },
              { title: t.name, dataIndex: 'name', width: 100 },
              {
                title: t.idNumber,
                dataIndex: 'idNumberMasked',
                width: 180,
                className: 'cell-mono',
              },
              { title: t.from, dataIndex: 'fromSchool' },
              { title: t.to, dataIndex: 'toSchool' },
            ]}
          />
          <Checkbox
            checked={props.confirmTransfers}
            onChange={(event) => props.onConfirmTransfers(event.target.checked)}
            data-testid="import-confirm-transfers"
          >
            {IMPORT_TEXT.transferConfirm}
          </Checkbox>
        </Flex>
      ),
    });
  }
  if (preview.unknownSchools.length > 0) {
    const c = IMPORT_TEXT.unknownSchoolColumns;
    tabs.push({
      key: 'schools',
      label: IMPORT_TEXT.tabUnknownSchools(preview.unknownSchools.length),
      children: (
        <Flex vertical gap={8} data-testid="import-unknown-schools">
          <Typography.Text type="secondary">{IMPORT_TEXT.unknownSchoolsHint}</Typography.Text>
          <Table
            size="small"
            rowKey="name"
            pagination={false}
            scroll={{ y: 180 }}
            dataSource={preview.unknownSchools}
            columns={[
              { title: c.name, dataIndex: 'name', width: 220 },
              { title: c.rows, dataIndex: 'rows', width: 72 },
              {
                title: c.suggestions,
                dataIndex: 'suggestions',
                render: (suggestions: string[]) =>
                  suggestions.length === 0 ? (
                    <Typography.Text type="secondary">{IMPORT_TEXT.noSuggestions}</Typography.Text>
                  ) : (
                    suggestions.map((s) => <Tag key={s}>{s}</Tag>)
                  ),
              },
            ]}
          />
          <Space wrap>
            <Checkbox
              checked={props.createSchools}
              onChange={(event) => props.onCreateSchools(event.target.checked)}
              data-testid="import-create-schools"
            >
              {IMPORT_TEXT.createSchools}
            </Checkbox>
            <Select
              style={{ width: 260 }}
              showSearch
              optionFilterProp="label"
              disabled={!props.createSchools}
              placeholder={IMPORT_TEXT.districtPlaceholder}
              options={districts}
              value={props.districtId ?? undefined}
              onChange={(value: string) => props.onDistrict(value)}
              data-testid="import-district"
            />
          </Space>
        </Flex>
      ),
    });
  }

  return (
    <Flex vertical gap={12} data-testid="import-preview" data-import-id={preview.importId}>
      <Typography.Text type="secondary" data-testid="import-file-line">
        {IMPORT_TEXT.fileLine(preview.fileName, preview.sheetName, preview.headerRow)}
      </Typography.Text>
      <PreviewSummary preview={preview} />
      {preview.unknownColumns.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={IMPORT_TEXT.unknownColumnsTitle}
          description={preview.unknownColumns.join('、')}
          data-testid="import-unknown-columns"
        />
      )}
      {preview.notes.length > 0 && (
        <Alert
          type="info"
          showIcon
          title={IMPORT_TEXT.notesTitle}
          description={preview.notes.join('\n')}
          style={{ whiteSpace: 'pre-line' }}
          data-testid="import-notes"
        />
      )}
      <Tabs size="small" items={tabs} />
    </Flex>
  );
}

function CommitDone({ result }: { result: ImportCommitResult }) {
  const { download, isSaving } = useErrorWorkbook(result.importId);
  const leftOut = result.rejected + result.skipped;
  return (
    <Result
      // Rows left out are not a success to wave through: the officer has to fix and re-import them.
      status={leftOut > 0 ? 'warning' : 'success'}
      title={leftOut > 0 ? IMPORT_TEXT.doneWithLeftOut(leftOut) : IMPORT_TEXT.doneTitle}
      subTitle={IMPORT_TEXT.doneSummary(result)}
      data-testid="import-done"
      data-left-out={leftOut}
      extra={
        <Flex vertical gap={12} align="center">
          <StatRow
            items={[
              {
                label: IMPORT_TEXT.inserted,
                value: result.inserted,
                tone: 'good',
                testId: 'import-done-inserted',
              },
              {
                label: IMPORT_TEXT.updated,
                value: result.updated,
                tone: 'warn',
                testId: 'import-done-updated',
              },
              {
                label: IMPORT_TEXT.transferred,
                value: result.transferred,
                testId: 'import-done-transferred',
              },
              { label: IMPORT_TEXT.skipped, value: result.skipped, testId: 'import-done-skipped' },
              {
                label: IMPORT_TEXT.rejected,
                value: result.rejected,
                tone: 'bad',
                testId: 'import-done-rejected',
              },
              {
                label: IMPORT_TEXT.schoolsCreated,
                value: result.schoolsCreated,
                testId: 'import-done-schools',
              },
            ]}
          />
          {leftOut > 0 && (
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void download()}
              loading={isSaving}
              data-testid="import-done-download-errors"
            >
              {IMPORT_TEXT.downloadErrors}
            </Button>
          )}
        </Flex>
      }
    />
  );
}

function WizardBody({ orgNodes, onClose, onImported }: Omit<WizardProps, 'open'>) {
  const [confirmTransfers, setConfirmTransfers] = useState(false);
  const [createSchools, setCreateSchools] = useState(false);
  const [districtId, setDistrictId] = useState<string | null>(null);
  const wizard = useImportWizard({
    previewJob: useJob('roster/importPreview'),
    commitJob: useJob('roster/importCommit'),
    onImported,
    onPreviewStart: () => {
      setConfirmTransfers(false);
      setCreateSchools(false);
      setDistrictId(null);
    },
  });

  const districts = useMemo(() => {
    const byId = new Map(orgNodes.map((n) => [n.id, n]));
    return orgNodes
      .filter((n) => n.kind === 'district')
      .map((n) => {
        const parent = n.parentId ? byId.get(n.parentId) : undefined;
        return { value: n.id, label: parent ? `${parent.name} / ${n.name}` : n.name };
      })
      .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
  }, [orgNodes]);

  const toCommitInput = (preview: ImportPreview) => ({
    importId: preview.importId,
    confirmTransfers,
    createSchools:
      createSchools && districtId && preview.unknownSchools.length > 0
        ? { districtId, names: preview.unknownSchools.map((s) => s.name) }
        : undefined,
  });

  const needsDistrict = createSchools && !districtId;

  return (
    <ImportWizardFrame
      wizard={wizard}
      text={IMPORT_TEXT}
      testIds={{
        wizard: 'roster-import-wizard',
        file: 'import-file',
        progress: 'import-progress',
        error: 'import-error',
        commitProgress: 'import-commit-progress',
        reselect: 'import-reselect',
        commit: 'import-commit',
        doneClose: 'import-close',
      }}
      bodyMinHeight={300}
      intro={<TemplateIntro />}
      renderReview={(preview) => (
        <ImportReview
          preview={preview}
          districts={districts}
          confirmTransfers={confirmTransfers}
          onConfirmTransfers={setConfirmTransfers}
          createSchools={createSchools}
          onCreateSchools={setCreateSchools}
          districtId={districtId}
          onDistrict={setDistrictId}
        />
      )}
      renderDone={(result) => <CommitDone result={result} />}
      toCommitInput={toCommitInput}
      canCommit={!needsDistrict}
      footerNote={
        needsDistrict && (
          <Typography.Text type="warning" style={{ marginRight: 'auto' }}>
            {IMPORT_TEXT.districtRequired}
          </Typography.Text>
        )
      }
      onClose={onClose}
    />
  );
}

/** 下载导入模板: the empty workbook with the recognised headers, saved or downloaded. */
export function TemplateButton({ testId }: { testId: string }) {
  const { download, isSaving } = useSaveWorkbook({
    dialogTitle: IMPORT_TEXT.templateDialogTitle,
    defaultName: IMPORT_TEXT.templateFileName,
    write: (target) => call('roster/template', { target }),
    downloadedText: IMPORT_TEXT.templateDownloaded,
    savedText: IMPORT_TEXT.templateSaved,
  });
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={isSaving}
      onClick={() => void download()}
      data-testid={testId}
    >
      {IMPORT_TEXT.templateButton}
    </Button>
  );
}

/** What the import takes, and the template (导入模板) for an office that has no sheet yet. */
function TemplateIntro() {
  return (
    <Flex align="center" gap={12} wrap>
      <Typography.Text type="secondary" style={{ flex: 1, minWidth: 320 }}>
        {IMPORT_TEXT.templateIntro}
      </Typography.Text>
      <TemplateButton testId="import-template" />
    </Flex>
  );
}

export function RosterImportWizard({ open, orgNodes, onClose, onImported }: WizardProps) {
  return (
    <ImportWizardModal open={open} title={IMPORT_TEXT.title} width={980} onClose={onClose}>
      <WizardBody orgNodes={orgNodes} onClose={onClose} onImported={onImported} />
    </ImportWizardModal>
  );
}
