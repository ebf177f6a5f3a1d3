/**
 * Files by handle in the services. An input is read from the file behind its handle and used up.
 * An export is written where the user chose in a native save dialog (a handle from
 * system/pickSaveFile), or into a file of the app's own that the browser downloads once through
 * the bridge and that is deleted after the download or on expiry.
 */
import { type SavedFile } from '@shared/api/roster.contract';
import { type FileHandles, type ResolvedFile } from '../../core/file-handles';
import { type HostPort } from '../../core/host-port';

/** The file to write for an export: the chosen target, else a new file of the app's own. */
export function exportTarget(
  files: FileHandles,
  target: string | undefined,
  defaultName: string,
): ResolvedFile {
  return target ? files.resolve(target, 'out') : files.createOwned(defaultName, 'out');
}

/**
 * Runs an export into its target and describes the result. A failed export leaves nothing behind;
 * a chosen place is forgotten once written (the file is the user's now).
 */
export async function writeExport(
  files: FileHandles,
  host: HostPort,
  out: ResolvedFile,
  write: (path: string) => Promise<number>,
): Promise<SavedFile> {
  let rows: number;
  try {
    rows = await write(out.path);
  } catch (error) {
    files.release(out.handle);
    throw error;
  }
  if (!out.isOwned) files.release(out.handle);
  return {
    fileName: out.fileName,
    savedTo: out.isOwned ? null : out.path,
    handle: out.isOwned ? out.handle : null,
    downloadUrl: out.isOwned ? host.downloadUrlFor(out) : null,
    rows,
  };
}

/** A download's name, stamped with the local date and time (what the office's clock shows). */
export function downloadName(stem: string, nowIso: string): string {
  const d = new Date(nowIso);
  const p = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
  return `${stem}-${stamp}.xlsx`;
}

/**
 * Runs `use` on the file behind an input handle. The handle is used up: an upload is deleted
 * when its job ends, whatever the outcome (to try again, the user chooses the file again).
 */
export async function withInputFile<T>(
  files: FileHandles,
  handle: string,
  use: (file: ResolvedFile) => Promise<T>,
): Promise<T> {
  const file = files.resolve(handle, 'in');
  try {
    return await use(file);
  } finally {
    files.release(handle);
  }
}
