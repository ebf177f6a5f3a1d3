/**
 * Where the database encryption key comes from. The key never lives next to the database in clear
 * text when it can be avoided:
 *
 * - Electron: a random key wrapped by the OS keychain (`safeStorage`, passed in as a `KeyWrapper`
 *   so this layer does not import `electron`), stored in `<dataDir>/traindesk.key.enc`.
 * - serve / CLI: `TRAINDESK_DB_KEY` from the environment, else `<dataDir>/traindesk.key`, a random
 *   key in a file readable only by its owner. That file is the weaker option: anyone who can read
 *   it as this user can open the database; it protects a copied-away database file, not a logged-in
 *   account. It is refused, like ssh refuses a private key, when group or others can read it.
 *
 * A key is never invented when a database already exists without one: a fresh key would only make
 * the existing file unreadable.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '@shared/api/envelope';

export type KeySource = 'safeStorage' | 'env' | 'keyfile';

export interface ResolvedDbKey {
  key: string;
  source: KeySource;
  /** Set (in Chinese) when a weaker fallback was used; show it to the user or log it. */
  warning?: string;
}

/** The part of Electron's `safeStorage` this layer needs; fakes implement it in tests. */
export interface KeyWrapper {
  isAvailable(): boolean;
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
}

export const DB_KEY_ENV_VAR = 'TRAINDESK_DB_KEY';
export const KEY_FILE_NAME = 'traindesk.key';
export const WRAPPED_KEY_FILE_NAME = 'traindesk.key.enc';
export const DEFAULT_DB_FILE_NAME = 'traindesk.db';

const MIN_KEY_LENGTH = 32;
const GENERATED_KEY_BYTES = 32;
// Printable ASCII without whitespace, quotes or backslash: the key goes into `PRAGMA key = "…"`,
// and a character SQL would read differently from the user would silently change the key.
const KEY_CHARS = /^[!#-&(-[\]-~]+$/;

/** Whether a string is acceptable as a database key (at least 32 plain characters). */
export function isAcceptableDbKey(key: string): boolean {
  return key.length >= MIN_KEY_LENGTH && KEY_CHARS.test(key);
}

/** A new random key: 32 bytes from the OS CSPRNG, as 64 hex digits. */
export function generateDbKey(): string {
  return randomBytes(GENERATED_KEY_BYTES).toString('hex');
}

/** Key for serve / CLI mode: the environment variable wins, else the owner-only key file. */
export function resolveDbKey(options: {
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  dbFileName?: string;
}): ResolvedDbKey {
  const env = options.env ?? process.env;
  const fromEnv = env[DB_KEY_ENV_VAR];
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!isAcceptableDbKey(fromEnv)) {
      throw new AppError(
        'DB_KEY_INVALID',
        `环境变量 ${DB_KEY_ENV_VAR} 中的数据库密钥无效：至少需要 ${MIN_KEY_LENGTH} 个字符，且不能包含空格、引号或反斜杠（建议用 openssl rand -hex 32 生成 64 位十六进制密钥）。`,
      );
    }
    return { key: fromEnv, source: 'env' };
  }
  return {
    key: readOrCreateKeyFile(options.dataDir, options.dbFileName ?? DEFAULT_DB_FILE_NAME),
    source: 'keyfile',
  };
}

/**
 * Key for the desktop app: wrapped by the OS keychain. Falls back to the key file (with a warning)
 * when the keychain is not available, e.g. a Linux session without a secret service.
 */
export function resolveWrappedDbKey(options: {
  dataDir: string;
  wrapper: KeyWrapper;
  dbFileName?: string;
}): ResolvedDbKey {
  const { dataDir, wrapper } = options;
  const dbFileName = options.dbFileName ?? DEFAULT_DB_FILE_NAME;
  const wrappedPath = path.join(dataDir, WRAPPED_KEY_FILE_NAME);
  const keyFilePath = path.join(dataDir, KEY_FILE_NAME);
  const isAvailable = wrapper.isAvailable();

  if (fs.existsSync(wrappedPath)) {
    if (isAvailable) return { key: unwrapKey(wrapper, wrappedPath), source: 'safeStorage' };
    if (fs.existsSync(keyFilePath)) {
      return {
        key: readOrCreateKeyFile(dataDir, dbFileName),
        source: 'keyfile',
        warning: keyFileWarning(),
      };
    }
    throw new AppError(
      'DB_KEY_INVALID',
      '系统密钥服务（钥匙串/凭据管理器）当前不可用，无法解开数据库密钥。请登录到创建数据库时的同一用户桌面会话后重试（文件未被修改）。',
    );
  }

  if (!isAvailable) {
    return {
      key: readOrCreateKeyFile(dataDir, dbFileName),
      source: 'keyfile',
      warning: keyFileWarning(),
    };
  }

  // A key file left by an earlier run without the keychain: wrap that key, then remove the clear
  // copy, so the database stays readable and the key is no longer on disk in clear text.
  if (fs.existsSync(keyFilePath)) {
    const key = readKeyFile(keyFilePath);
    writeWrappedKey(wrapper, wrappedPath, key);
    fs.rmSync(keyFilePath);
    return { key, source: 'safeStorage' };
  }

  assertNoOrphanDatabase(dataDir, dbFileName, wrappedPath);
  const key = generateDbKey();
  writeWrappedKey(wrapper, wrappedPath, key);
  return { key, source: 'safeStorage' };
}

function keyFileWarning(): string {
  return '系统密钥服务不可用，数据库密钥改为保存在数据目录的密钥文件中（仅当前用户可读）。这种方式较弱：能以当前用户身份读取该文件的人都能打开数据库。';
}

function unwrapKey(wrapper: KeyWrapper, wrappedPath: string): string {
  let key: string;
  try {
    key = wrapper.decrypt(fs.readFileSync(wrappedPath));
  } catch (error) {
    throw new AppError(
      'DB_KEY_INVALID',
      `无法用系统密钥服务解开数据库密钥（${wrappedPath}）：它可能是在另一台电脑或另一个系统用户下创建的。请在原来的用户下打开，或从备份恢复（文件未被修改）。`,
      { cause: errorMessage(error) },
    );
  }
  if (!isAcceptableDbKey(key)) {
    throw new AppError(
      'DB_KEY_INVALID',
      `数据库密钥文件 ${wrappedPath} 的内容无效，无法打开数据库（文件未被修改）。`,
    );
  }
  return key;
}

function writeWrappedKey(wrapper: KeyWrapper, wrappedPath: string, key: string): void {
  const sealed = wrapper.encrypt(key);
  // Read it back before relying on it: a keychain that cannot decrypt what it just encrypted
  // would otherwise lock the user out of the database on the next start.
  if (wrapper.decrypt(sealed) !== key) {
    throw new AppError('INTERNAL', '系统密钥服务无法正确保存数据库密钥，已停止创建数据库。');
  }
  fs.mkdirSync(path.dirname(wrappedPath), { recursive: true, mode: 0o700 });
  const written = writeNewFileExclusive(wrappedPath, sealed);
  if (!written)
    throw new AppError(
      'CONFLICT',
      `数据库密钥文件 ${wrappedPath} 已被另一个程序创建，请重新启动师训通。`,
    );
}

function readOrCreateKeyFile(dataDir: string, dbFileName: string): string {
  const keyPath = path.join(dataDir, KEY_FILE_NAME);
  if (fs.existsSync(keyPath)) return readKeyFile(keyPath);
  assertNoOrphanDatabase(dataDir, dbFileName, keyPath);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = generateDbKey();
  // Another process may have won the race: then its key is the one the database uses.
  if (!writeNewFileExclusive(keyPath, Buffer.from(`${key}\n`, 'utf8'))) return readKeyFile(keyPath);
  return key;
}

/** Reads the key file, refusing it when anyone but its owner can read it. */
function readKeyFile(keyPath: string): string {
  const fd = fs.openSync(keyPath, 'r');
  try {
    // Checked on the open descriptor, so the file checked is the file read.
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) {
      throw new AppError('DB_KEY_INVALID', `数据库密钥文件 ${keyPath} 不是普通文件，已拒绝使用。`);
    }
    if (isPosix()) assertOwnerOnly(keyPath, stat);
    const key = fs.readFileSync(fd, 'utf8').trim();
    if (!isAcceptableDbKey(key)) {
      throw new AppError(
        'DB_KEY_INVALID',
        `数据库密钥文件 ${keyPath} 的内容无效（应为至少 ${MIN_KEY_LENGTH} 个字符的密钥）。请从备份恢复该文件（数据库未被修改）。`,
      );
    }
    return key;
  } finally {
    fs.closeSync(fd);
  }
}

function assertOwnerOnly(keyPath: string, stat: fs.Stats): void {
  const mode = stat.mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new AppError(
      'DB_KEY_INVALID',
      `数据库密钥文件 ${keyPath} 的权限过于开放（当前为 ${mode.toString(8).padStart(4, '0')}，同组或其他用户可以访问）。为保护数据，已拒绝使用该密钥。请执行 chmod 600 "${keyPath}" 后重试。`,
      { mode: mode.toString(8) },
    );
  }
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) {
    throw new AppError(
      'DB_KEY_INVALID',
      `数据库密钥文件 ${keyPath} 不属于当前用户，已拒绝使用。请以该文件所有者的身份运行，或修改文件所有者后重试。`,
    );
  }
}

function assertNoOrphanDatabase(dataDir: string, dbFileName: string, keyPath: string): void {
  const dbPath = path.join(dataDir, dbFileName);
  if (fs.existsSync(dbPath) && fs.statSync(dbPath).size > 0) {
    throw new AppError(
      'DB_KEY_INVALID',
      `数据目录中已有数据库 ${dbPath}，但找不到它的密钥（${keyPath}）。没有原来的密钥无法打开数据库：请从备份恢复密钥文件，或通过环境变量 ${DB_KEY_ENV_VAR} 提供密钥（文件未被修改）。`,
    );
  }
}

/**
 * Writes a file with owner-only permissions, all or nothing: the content goes to a temporary file
 * first and is then hard-linked into place, which fails if the target exists. Returns false when
 * the target already existed (another process created it first).
 */
function writeNewFileExclusive(target: string, content: Buffer): boolean {
  const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = fs.openSync(temp, 'wx', 0o600);
  try {
    // The umask cannot widen 0600, but a pre-existing ACL default could: set it explicitly.
    if (isPosix()) fs.fchmodSync(fd, 0o600);
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    try {
      fs.linkSync(temp, target);
    } catch (error) {
      if (errorCode(error) === 'EEXIST') return false;
      // Filesystems without hard links (FAT, some network shares): an exclusive copy instead.
      if (!['EPERM', 'ENOTSUP', 'EXDEV', 'ENOSYS'].includes(errorCode(error) ?? '')) throw error;
      try {
        fs.copyFileSync(temp, target, fs.constants.COPYFILE_EXCL);
      } catch (copyError) {
        if (errorCode(copyError) === 'EEXIST') return false;
        throw copyError;
      }
    }
    syncDirectory(path.dirname(target));
    return true;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

function syncDirectory(dir: string): void {
  if (!isPosix()) return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function isPosix(): boolean {
  return process.platform !== 'win32';
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string'
    ? error.code
    : undefined;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
