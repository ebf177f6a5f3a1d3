/**
 * Saving a workbook the core writes: in Electron where the user chooses (native dialog), in a
 * browser as a download; either way a notice says where it went and a refusal shows the core's words.
 */
import { useState } from 'react';
import { App } from 'antd';
import { type SavedFile } from '@shared/api/roster.contract';
import { chooseSaveTarget, deliverSavedFile } from '../api/files';
import { useSystemInfo } from '../api/system-info';
import { useErrorNotice } from './errors';

/**
 * Saves (Electron: where the user chooses) or downloads (browser) a workbook the core writes, and
 * says where it went.
 */
export function useSaveWorkbook(options: {
  dialogTitle: string;
  defaultName: string;
  write: (target: string | undefined) => Promise<SavedFile>;
  downloadedText: (fileName: string) => string;
  savedText: (where: string) => string;
}): { download: () => Promise<void>; isSaving: boolean } {
  const { info } = useSystemInfo();
  const { message } = App.useApp();
  const showError = useErrorNotice();
  const [isSaving, setSaving] = useState(false);
  const download = async (): Promise<void> => {
    setSaving(true);
    try {
      const target = await chooseSaveTarget(
        info?.hasNativeDialogs ?? false,
        options.dialogTitle,
        options.defaultName,
      );
      if (target.isCancelled) return;
      const saved = await options.write(target.target);
      deliverSavedFile(saved);
      void message.success(
        saved.downloadUrl
          ? options.downloadedText(saved.fileName)
          : options.savedText(saved.savedTo ?? saved.fileName),
      );
    } catch (error) {
      showError(error);
    } finally {
      setSaving(false);
    }
  };
  return { download, isSaving };
}
