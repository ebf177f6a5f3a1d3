/**
 * Files cross the contract as opaque, expiring handles, never as paths: the renderer cannot name a
 * file on the machine, only one the user chose in a native dialog or uploaded to the bridge.
 *
 * A handle is 24 random bytes (base64url). Its record is a small JSON file in `<data>/files`, so
 * the thread serving the UI, the job thread and a restarted app all see the same handles. Files
 * the app holds for the user (uploads, exports waiting for their download) live beside the records
 * and are the app's own: they are deleted when their job ends or they are downloaded, and purged
 * when they expire (default one hour) and at startup. A path the user chose in a dialog is never
 * deleted, only forgotten. Rosters hold full ID numbers, so none of these files stays around.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '@shared/api/envelope';

export type HandleKind = 'in' | 'out';

export interface FileRef {
  handle: string;
  fileName: string;
}

export interface ResolvedFile extends FileRef {
  path: string;
  /** The app's own temporary file (an upload, or an export for download), deleted on release. */
  isOwned: boolean;
}

interface HandleRecord {
  handle: string;
  kind: HandleKind;
  path: string;
  fileName: string;
  isOwned: boolean;
  expiresAt: number;
}

export const FILES_DIR_NAME = 'files';
export const DEFAULT_FILE_TTL_MS = 3600_000;
const HANDLE_PATTERN = /^[A-Za-z0-9_-]{32}$/;

export class FileHandles {
  readonly dir: string;

  constructor(
    dataDir: string,
    private readonly ttlMs = DEFAULT_FILE_TTL_MS,
    private readonly clock: () => number = Date.now,
  ) {
    this.dir = path.join(dataDir, FILES_DIR_NAME);
  }

  /** A file the user chose in a native dialog (or named on the command line): read or written in place. */
  registerPath(filePath: string, kind: HandleKind): FileRef {
    return this.save({
      kind,
      path: path.resolve(filePath),
      fileName: path.basename(filePath),
      isOwned: false,
    });
  }

  /** A new file of the app's own (an upload being received, an export to be downloaded). */
  createOwned(fileName: string, kind: HandleKind): ResolvedFile {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const handle = newHandle();
    const ext = path.extname(fileName).toLowerCase() === '.xlsx' ? '.xlsx' : '.bin';
    const record: HandleRecord = {
      handle,
      kind,
      path: path.join(this.dir, `${handle}${ext}`),
      fileName: cleanFileName(fileName),
      isOwned: true,
      expiresAt: this.clock() + this.ttlMs,
    };
    this.writeRecord(record);
    return { handle, fileName: record.fileName, path: record.path, isOwned: true };
  }

  /** What a handle stands for, or NOT_FOUND in Chinese (unknown, expired, or of the other kind). */
  resolve(handle: string, kind: HandleKind): ResolvedFile {
    const record = this.readRecord(handle);
    if (!record || record.kind !== kind || record.expiresAt < this.clock()) {
      throw new AppError(
        'NOT_FOUND',
        kind === 'in'
          ? '所选文件已失效（超过一小时或已用过），请重新选择文件'
          : '保存位置已失效，请重新导出',
      );
    }
    return {
      handle: record.handle,
      fileName: record.fileName,
      path: record.path,
      isOwned: record.isOwned,
    };
  }

  /** Forgets a handle; the app's own file goes with it. */
  release(handle: string): void {
    const record = this.readRecord(handle);
    if (!record) return;
    if (record.isOwned) fs.rmSync(record.path, { force: true });
    fs.rmSync(this.recordPath(handle), { force: true });
  }

  /**
   * Folders where the first released version kept uploads and bridge exports (rosters with full
   * ID numbers) for good: nothing there is still needed, so they go at startup.
   */
  purgeLegacyFolders(dataDir: string): void {
    for (const legacy of ['uploads', 'exports']) {
      fs.rmSync(path.join(dataDir, legacy), { recursive: true, force: true });
    }
  }

  /**
   * Deletes what expired, and any file of the folder that no live record owns and is older than
   * the expiry (left by a crash). Returns how many files went.
   */
  purgeExpired(): number {
    if (!fs.existsSync(this.dir)) return 0;
    const now = this.clock();
    const live = new Set<string>();
    let removed = 0;
    for (const name of fs.readdirSync(this.dir)) {
      if (!name.endsWith('.json')) continue;
      const record = this.readRecord(name.slice(0, -'.json'.length));
      if (record && record.expiresAt >= now) {
        live.add(path.basename(record.path));
        live.add(name);
        continue;
      }
      if (record?.isOwned) fs.rmSync(record.path, { force: true });
      fs.rmSync(path.join(this.dir, name), { force: true });
      removed += 1;
    }
    for (const name of fs.readdirSync(this.dir)) {
      if (live.has(name)) continue;
      const file = path.join(this.dir, name);
      const stat = fs.statSync(file, { throwIfNoEntry: false });
      if (stat && now - stat.mtimeMs > this.ttlMs) {
        fs.rmSync(file, { force: true, recursive: true });
        removed += 1;
      }
    }
    return removed;
  }

  private save(fields: Omit<HandleRecord, 'handle' | 'expiresAt'>): FileRef {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const record: HandleRecord = {
      ...fields,
      handle: newHandle(),
      expiresAt: this.clock() + this.ttlMs,
    };
    this.writeRecord(record);
    return { handle: record.handle, fileName: record.fileName };
  }

  private recordPath(handle: string): string {
    return path.join(this.dir, `${handle}.json`);
  }

  private writeRecord(record: HandleRecord): void {
    fs.writeFileSync(this.recordPath(record.handle), JSON.stringify(record), { mode: 0o600 });
  }

  private readRecord(handle: string): HandleRecord | null {
    if (!HANDLE_PATTERN.test(handle)) return null;
    try {
      return JSON.parse(fs.readFileSync(this.recordPath(handle), 'utf8')) as HandleRecord;
    } catch {
      return null;
    }
  }
}

function newHandle(): string {
  return crypto.randomBytes(24).toString('base64url');
}

/** A display name: no folders, no control characters, bounded. */
function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .filter((ch) => ch.charCodeAt(0) >= 32)
    .join('')
    .trim();
  return cleaned.slice(0, 200) || '文件.xlsx';
}
