/**
 * Files across the two wires. In Electron the core reads and writes paths chosen in native dialogs;
 * in a browser the file is uploaded to the bridge and results come back as one-time download URLs.
 * Screens call these helpers and never branch on the wire themselves.
 */
import { type SavedFile } from '@shared/api/roster.contract';
import { FILE_TEXT } from './api.strings';
import { call, uploadFile } from './client';

export interface PickedFile {
  /** A path on the machine running the core: what `…/importPreview` takes. */
  path: string;
  fileName: string;
}

export const XLSX_FILTER = { name: FILE_TEXT.xlsxFilterName, extensions: ['xlsx'] };

function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}

/** Native open dialog (Electron). Null when the user cancelled. */
export async function pickOpenFile(title: string): Promise<PickedFile | null> {
  const { path } = await call('system/pickOpenFile', { title, filters: [XLSX_FILTER] });
  return path ? { path, fileName: baseName(path) } : null;
}

/** Browser: sends the file to the bridge. */
export async function uploadForImport(file: File): Promise<PickedFile> {
  const uploaded = await uploadFile(file);
  return { path: uploaded.path, fileName: uploaded.fileName || file.name };
}

export type SaveTarget = { isCancelled: true } | { isCancelled: false; path: string | undefined };

/**
 * Where an export should be written. With native dialogs the user chooses a path now; on the bridge
 * the core picks a temporary file and returns a download URL, so `path` stays undefined.
 */
export async function chooseSaveTarget(
  hasNativeDialogs: boolean,
  title: string,
  defaultName: string,
): Promise<SaveTarget> {
  if (!hasNativeDialogs) return { isCancelled: false, path: undefined };
  const { path } = await call('system/pickSaveFile', {
    title,
    defaultName,
    filters: [XLSX_FILTER],
  });
  return path ? { isCancelled: false, path } : { isCancelled: true };
}

/** Browser: starts the download of a file the core wrote. Electron: nothing to do, it is at `path`. */
export function deliverSavedFile(saved: SavedFile): void {
  if (!saved.downloadUrl) return;
  const link = document.createElement('a');
  link.href = saved.downloadUrl;
  link.download = saved.fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/** A file name with today's date, e.g. `<stem>-20250301.xlsx`. */
export function datedFileName(stem: string, now: Date = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${stem}-${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}.xlsx`;
}
