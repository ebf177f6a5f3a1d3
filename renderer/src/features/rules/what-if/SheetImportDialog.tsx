/**
 * Records from an .xlsx: the workbook goes to the core (upload in a browser, a path in Electron),
 * `rules/readSheet` returns its first sheet, and the officer maps each record field to a column
 * (pre-matched by header name) before the rows join the table. Reading is a job: the dialog shows
 * its progress and can stop it (closing the dialog stops it too).
 */
import { useMemo, useState } from 'react';
import { Alert, Flex, Modal, Radio, Select, Table, Typography } from 'antd';
import { type MethodOutput } from '@shared/api/contract';
import { isCancelled } from '../../../api/api-error';
import { type PickedFile } from '../../../api/files';
import { useJob } from '../../../api/use-job';
import { ErrorAlert } from '../../../components/errors';
import { FilePick } from '../../../components/FilePick';
import { JobProgress } from '../../../components/JobProgress';
import { WHATIF_TEXT } from '../rules.strings';
import { type CellValue } from './cell-values';
import { type AddMode } from './PasteDialog';
import { type RecordColumn } from './record-tables';
import { guessMapping, rowsFromSheet } from './table-text';

type Sheet = MethodOutput<'rules/readSheet'>;

interface SheetImportDialogProps {
  open: boolean;
  columns: readonly RecordColumn[];
  onClose: () => void;
  onRows: (rows: Record<string, CellValue>[], mode: AddMode) => void;
}

function MappingStep({
  sheet,
  columns,
  mapping,
  setMapping,
}: {
  sheet: Sheet;
  columns: readonly RecordColumn[];
  mapping: Record<string, number | null>;
  setMapping: (next: Record<string, number | null>) => void;
}) {
  const options = [
    { value: -1, label: WHATIF_TEXT.importSkip },
    ...sheet.headers.map((header, index) => ({ value: index, label: header })),
  ];
  return (
    <Flex vertical gap={8}>
      <Typography.Text>
        {WHATIF_TEXT.importSheet(sheet.sheetName, sheet.rows.length, sheet.isTruncated)}
      </Typography.Text>
      <Typography.Text type="secondary">{WHATIF_TEXT.importMapHint}</Typography.Text>
      <Table<RecordColumn>
        size="small"
        bordered
        rowKey="field"
        pagination={false}
        dataSource={[...columns]}
        scroll={{ y: 320 }}
        data-testid="whatif-import-mapping"
        columns={[
          {
            title: WHATIF_TEXT.importField,
            dataIndex: 'label',
            render: (label: string, column) => (column.isRequired ? `${label} *` : label),
          },
          {
            title: WHATIF_TEXT.importColumn,
            key: 'column',
            width: 260,
            render: (_: unknown, column) => (
              <Select<number>
                size="small"
                style={{ width: '100%' }}
                value={mapping[column.field] ?? -1}
                options={options}
                onChange={(value) =>
                  setMapping({ ...mapping, [column.field]: value < 0 ? null : value })
                }
              />
            ),
          },
        ]}
      />
    </Flex>
  );
}

export function SheetImportDialog({ open, columns, onClose, onRows }: SheetImportDialogProps) {
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const [error, setError] = useState<unknown>(null);
  const job = useJob('rules/readSheet');
  const [mapping, setMapping] = useState<Record<string, number | null>>({});
  const [mode, setMode] = useState<AddMode>('replace');
  const hasMapping = useMemo(
    () => Object.values(mapping).some((value) => value !== null),
    [mapping],
  );

  const reset = (): void => {
    setSheet(null);
    setError(null);
    setMapping({});
  };

  const read = async (file: PickedFile): Promise<void> => {
    setError(null);
    try {
      const result = await job.run({ file: file.handle });
      setSheet(result);
      setMapping(guessMapping(result.headers, columns));
    } catch (caught) {
      // A cancelled read leaves the dialog where it was: the officer can pick another file.
      if (!isCancelled(caught)) setError(caught);
    }
  };

  return (
    <Modal
      open={open}
      title={WHATIF_TEXT.importTitle}
      width={720}
      okText={WHATIF_TEXT.importOk}
      cancelText={WHATIF_TEXT.cancel}
      okButtonProps={{ disabled: !sheet || !hasMapping, 'data-testid': 'whatif-import-ok' }}
      onOk={() => {
        if (!sheet) return;
        onRows(rowsFromSheet(sheet.rows, columns, mapping), mode);
        reset();
      }}
      onCancel={() => {
        if (job.isRunning) job.cancel();
        reset();
        onClose();
      }}
      destroyOnHidden
    >
      <Flex vertical gap={10} data-testid="whatif-import-dialog">
        {!sheet && !job.isRunning && (
          <FilePick onPicked={(file) => void read(file)} testId="whatif-import-file" />
        )}
        {job.isRunning && (
          <JobProgress
            progress={job.progress}
            onCancel={job.cancel}
            isCancelling={job.isCancelling}
            testId="whatif-import-progress"
          />
        )}
        {error !== null && <ErrorAlert error={error} />}
        {sheet && (
          <>
            <MappingStep
              sheet={sheet}
              columns={columns}
              mapping={mapping}
              setMapping={setMapping}
            />
            <Radio.Group value={mode} onChange={(event) => setMode(event.target.value as AddMode)}>
              <Radio value="replace">{WHATIF_TEXT.importReplace}</Radio>
              <Radio value="append">{WHATIF_TEXT.importAppend}</Radio>
            </Radio.Group>
            {!hasMapping && <Alert type="warning" showIcon title={WHATIF_TEXT.importNoColumns} />}
          </>
        )}
      </Flex>
    </Modal>
  );
}
