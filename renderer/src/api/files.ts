/**
 * Files across the two wires, always as opaque handles (the UI never names a path). In Electron
 * the user chooses files in native dialogs and the core hands back handles for them; in a browser
 * the file is uploaded to the bridge, which answers with a handle, and results come back as
 * one-time download URLs. Screens call these helpers and never branch on the wire themselves.
 */
import { type SavedFile } from '@shared/api/roster.contract';
import { FILE_TEXT } from './api.strings';
import { call, uploadFile } from './client';

export interface PickedFile {
  /** The handle the core gave the file: what `…/importPreview` takes. */
  handle: string;
  fileName: string;
}

export const XLSX_FILTER = { name: FILE_TEXT.xlsxFilterName, extensions: ['xlsx'] };

/** Native open dialog (Electron). Null when the user cancelled. */
export async function pickOpenFile(title: string): Promise<PickedFile | null> {
  const { file } = await call('system/pickOpenFile', { title, filters: [XLSX_FILTER] });
  return file;
}

/** Browser: sends the file to the bridge. */
export async function uploadForImport(file: File): Promise<PickedFile> {
  const uploaded = await uploadFile(file);
  return { handle: uploaded.handle, fileName: uploaded.fileName || file.name };
}

export type SaveTarget = { isCancelled: true } | { isCancelled: false; target: string | undefined };

/**
 * Where an export should be written. With native dialogs the user chooses a place now (the core
 * keeps it behind a handle); on the bridge the core writes a file of its own and returns a download
 * URL, so `target` stays undefined.
 */
export async function chooseSaveTarget(
  hasNativeDialogs: boolean,
  title: string,
  defaultName: string,
): Promise<SaveTarget> {
  if (!hasNativeDialogs) return { isCancelled: false, target: undefined };
  const { target } = await call('system/pickSaveFile', {
    title,
    defaultName,
    filters: [XLSX_FILTER],
  });
  return target ? { isCancelled: false, target: target.handle } : { isCancelled: true };
}

/** Browser: starts the download of a file the core wrote. Electron: nothing to do, it is saved. */
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
