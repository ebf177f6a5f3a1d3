/**
 * The "choose a workbook" step of every import. In a browser: drag and drop or click, then upload
 * to the bridge. In Electron: the native open dialog (the preload gives the core paths, not bytes).
 * Either way the caller receives a path the core can read.
 */
import { useState } from 'react';
import { Button, Flex, Typography, Upload } from 'antd';
import { FileExcelOutlined, FolderOpenOutlined, InboxOutlined } from '@ant-design/icons';
import { ApiError } from '../api/api-error';
import { pickOpenFile, uploadForImport, type PickedFile } from '../api/files';
import { useSystemInfo } from '../api/system-info';
import { FILE_PICK_TEXT } from './components.strings';
import { useErrorNotice } from './errors';

interface FilePickProps {
  onPicked: (file: PickedFile) => void;
  disabled?: boolean;
  testId?: string;
  /** Scope of the error notices (see useErrorNotice), so the caller can close them when stale. */
  noticeScope?: string;
}

export function FilePick({
  onPicked,
  disabled = false,
  testId = 'file-pick',
  noticeScope,
}: FilePickProps) {
  const { info } = useSystemInfo();
  const showError = useErrorNotice(noticeScope);
  const [isBusy, setBusy] = useState(false);

  if (info?.hasNativeDialogs) {
    const choose = async (): Promise<void> => {
      setBusy(true);
      try {
        const picked = await pickOpenFile(FILE_PICK_TEXT.dialogTitle);
        if (picked) onPicked(picked);
      } catch (error) {
        showError(error);
      } finally {
        setBusy(false);
      }
    };
    return (
      <Flex vertical align="center" gap={12} style={{ padding: '32px 0' }} data-testid={testId}>
        <FileExcelOutlined style={{ fontSize: 40, color: '#1d7a46' }} />
        <Typography.Text type="secondary">{FILE_PICK_TEXT.nativeHint}</Typography.Text>
        <Button
          type="primary"
          icon={<FolderOpenOutlined />}
          loading={isBusy}
          disabled={disabled}
          onClick={() => void choose()}
        >
          {FILE_PICK_TEXT.chooseButton}
        </Button>
      </Flex>
    );
  }

  const handleFile = async (file: File): Promise<void> => {
    if (!file.name.toLowerCase().endsWith('.xlsx')) {
      showError(new ApiError('BAD_FILE', FILE_PICK_TEXT.notXlsx(file.name)));
      return;
    }
    setBusy(true);
    try {
      onPicked(await uploadForImport(file));
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid={testId}>
      <Upload.Dragger
        accept=".xlsx"
        multiple={false}
        showUploadList={false}
        disabled={disabled || isBusy}
        beforeUpload={(file) => {
          void handleFile(file);
          // The bridge has its own upload route; antd's request would not carry the token.
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">
          {isBusy ? FILE_PICK_TEXT.uploading : FILE_PICK_TEXT.dragTitle}
        </p>
        <p className="ant-upload-hint">{FILE_PICK_TEXT.dragHint}</p>
      </Upload.Dragger>
    </div>
  );
}
