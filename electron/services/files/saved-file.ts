/**
 * Files by handle in the services. An input is read from the file behind its handle and used up.
 * An export is written where the user chose in a native save dialog (a handle from
 * system/pickSaveFile), or into a file of the app's own that the browser downloads once through
 * the bridge and that is deleted after the download or on expiry.
 */
import { AppError } from '@shared/api/envelope';
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
    throw writeFailure(error, out.fileName);
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

/**
 * What the operating system said when a file could not be written, for the user (in Chinese):
 * the place they chose may be read-only, full, a folder, or gone.
 */
export function writeFailure(error: unknown, fileName: string): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const reasons: Record<string, string> = {
    EACCES: '没有写入该位置的权限',
    EPERM: '没有写入该位置的权限',
    EROFS: '该位置只读',
    ENOSPC: '磁盘空间不足',
    EDQUOT: '磁盘配额已满',
    EISDIR: '所选位置是一个文件夹',
    ENOENT: '所选文件夹不存在或已被移走',
    ENOTDIR: '所选路径中有一部分不是文件夹',
    ENAMETOOLONG: '文件名或路径太长',
    EBUSY: '文件正被其他程序占用（例如在 Excel 中打开着）',
    EMFILE: '打开的文件太多',
  };
  const reason = typeof code === 'string' ? reasons[code] : undefined;
  if (!reason) return error;
  return new AppError(
    'BAD_FILE',
    `无法保存「${fileName}」：${reason}。请换一个位置或关闭占用它的程序后重试。`,
    {
      reason: code,
    },
  );
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
