/**
 * "粘贴表格": cells copied from Excel or WPS pasted as text (AG Grid Community has no clipboard
 * module), read as tab-separated rows, matched to the record columns by header or by order, and
 * previewed before they replace or extend the table.
 */
import { useMemo, useState } from 'react';
import { Alert, Input, Modal, Radio, Typography } from 'antd';
import { WHATIF_TEXT } from '../rules.strings';
import { type CellValue } from './cell-values';
import { type RecordColumn } from './record-tables';
import { rowsFromPaste } from './table-text';

export type AddMode = 'replace' | 'append';

interface PasteDialogProps {
  open: boolean;
  columns: readonly RecordColumn[];
  onClose: () => void;
  onRows: (rows: Record<string, CellValue>[], mode: AddMode) => void;
}

export function PasteDialog({ open, columns, onClose, onRows }: PasteDialogProps) {
  const [text, setText] = useState('');
  const [mode, setMode] = useState<AddMode>('replace');
  const parsed = useMemo(
    () => (text.trim() ? rowsFromPaste(text, columns) : null),
    [text, columns],
  );
  const count = parsed?.rows.length ?? 0;

  return (
    <Modal
      open={open}
      title={WHATIF_TEXT.pasteTitle}
      width={720}
      okText={WHATIF_TEXT.pasteOk}
      cancelText={WHATIF_TEXT.cancel}
      okButtonProps={{ disabled: count === 0, 'data-testid': 'whatif-paste-ok' }}
      onOk={() => {
        if (parsed) onRows(parsed.rows, mode);
        setText('');
      }}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{WHATIF_TEXT.pasteIntro}</Typography.Paragraph>
      <Input.TextArea
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder={WHATIF_TEXT.pastePlaceholder}
        autoSize={{ minRows: 8, maxRows: 16 }}
        className="rules-json-editor"
        spellCheck={false}
        data-testid="whatif-paste-text"
      />
      <div style={{ marginTop: 10 }}>
        <Radio.Group value={mode} onChange={(event) => setMode(event.target.value as AddMode)}>
          <Radio value="replace">{WHATIF_TEXT.pasteReplace}</Radio>
          <Radio value="append">{WHATIF_TEXT.pasteAppend}</Radio>
        </Radio.Group>
      </div>
      {parsed && (
        <Alert
          style={{ marginTop: 10 }}
          type={count > 0 ? 'info' : 'warning'}
          showIcon
          title={
            count > 0 ? WHATIF_TEXT.pasteParsed(count, parsed.hasHeader) : WHATIF_TEXT.pasteEmpty
          }
          description={
            parsed.unknownHeaders.length > 0
              ? WHATIF_TEXT.pasteUnknownHeaders(parsed.unknownHeaders.join('、'))
              : undefined
          }
          data-testid="whatif-paste-summary"
        />
      )}
    </Modal>
  );
}
