/**
 * Opens the encrypted database and brings its schema up to date, refusing anything that could
 * damage it: a wrong key, a plaintext file, or migrations from a newer build are all rejected
 * before a single byte is written.
 *
 * Encryption is SQLite3 Multiple Ciphers (the `better-sqlite3-multiple-ciphers` build) with its
 * default cipher, ChaCha20-Poly1305 (sqleet scheme: per-page nonce and authentication tag, key
 * derived with PBKDF2-SHA256). The key is applied exactly as TypeORM does (`PRAGMA key = "…"`), so
 * raw connections opened here read the same files.
 *
 * Migrations run at startup, all pending ones in one transaction with foreign keys off (SQLite
 * rebuilds tables on some changes) and `PRAGMA foreign_key_check` before the commit. A database
 * that already holds data is first copied with `VACUUM INTO` into `<dataDir>/backups/`; sqlite3mc
 * writes that copy with the main database's cipher and key, and the copy must reopen with the key
 * and pass `integrity_check` before any migration runs.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { DataSource, type Logger } from 'typeorm';
import { AppError } from '@shared/api/envelope';
import { migrations as defaultMigrations } from '../../migrations';
import { DEFAULT_DB_FILE_NAME, isAcceptableDbKey } from './db-key';
import {
  type AppDatabase,
  assembleDatabase,
  type MigrationClass,
  MIGRATIONS_TABLE,
  migrationNames,
} from './database';
import { entities } from './entities';
import { openPostgres } from './open-postgres';

export {
  type AppDatabase,
  type MigrationClass,
  MIGRATIONS_TABLE,
  migrationNames,
} from './database';

export interface OpenDatabaseOptions {
  dataDir: string;
  /** The SQLite file's key (unused on PostgreSQL). */
  key: string;
  /**
   * `postgres://user:pass@host:port/db` (with `sslmode` if wanted): the server instead of the
   * embedded file. TLS: `sslmode=require|verify-ca|verify-full` in the URL, `caFile` for the CA.
   */
  url?: string | null;
  /** PEM file of the CA that signed the server's certificate. */
  caFile?: string | null;
  /** Default: the ordered list in `migrations/index.ts`. */
  migrations?: MigrationClass[];
  /** Default: `traindesk.db`. */
  fileName?: string;
}

export const BACKUP_DIR_NAME = 'backups';
const BUSY_TIMEOUT_MS = 5000;
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Opens the database this installation uses: the server at `options.url`, else the SQLite file. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<AppDatabase> {
  if (options.url) {
    return openPostgres({
      url: options.url,
      caFile: options.caFile ?? null,
      migrations: options.migrations ?? defaultMigrations,
      logger: silentLogger,
    });
  }
  return openSqlite(options);
}

async function openSqlite(options: OpenDatabaseOptions): Promise<AppDatabase> {
  const { dataDir, key } = options;
  if (!isAcceptableDbKey(key)) {
    throw new AppError(
      'DB_KEY_INVALID',
      '数据库密钥格式无效（至少 32 个字符，不能包含空格、引号或反斜杠），无法打开数据库。',
    );
  }
  const migrationClasses = options.migrations ?? defaultMigrations;
  const knownNames = migrationNames(migrationClasses);
  const dbPath = path.resolve(dataDir, options.fileName ?? DEFAULT_DB_FILE_NAME);
  fs.mkdirSync(dataDir, { recursive: true });
  assertNotPlaintext(dbPath);

  // Filled in by prepareDatabase, which TypeORM calls from inside initialize().
  const opened: { connection: Database.Database | null; preflight: Preflight | null } = {
    connection: null,
    preflight: null,
  };
  const dataSource = new DataSource({
    type: 'better-sqlite3',
    driver: Database,
    database: dbPath,
    key,
    timeout: BUSY_TIMEOUT_MS,
    // Runs right after TypeORM keys the connection and before anything else touches the file.
    prepareDatabase: (db: Database.Database) => {
      opened.connection = db;
      opened.preflight = checkBeforeAnyWrite(db, dbPath, knownNames);
      applyConnectionPragmas(db);
    },
    entities,
    migrations: migrationClasses,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'all',
    migrationsRun: false,
    synchronize: false,
    logging: false,
    logger: silentLogger,
  });

  try {
    await dataSource.initialize();
  } catch (error) {
    // TypeORM leaves the connection open when prepareDatabase throws.
    closeQuietly(opened.connection);
    throw error;
  }
  const sqlite = rawConnection(dataSource);
  if (!opened.preflight) {
    await dataSource.destroy();
    throw new AppError('INTERNAL', '数据库连接未完成打开前的检查');
  }
  const { applied, hasUserTables } = opened.preflight;

  const pending = knownNames.filter((name) => !applied.includes(name));
  let backupPath: string | null = null;
  let ranMigrations: string[] = [];
  try {
    if (pending.length > 0) {
      if (applied.length > 0 || hasUserTables) {
        backupPath = backupBeforeMigration(sqlite, dataDir, key, pending[0] ?? 'migration');
      }
      ranMigrations = await runPendingMigrations(dataSource, sqlite, pending);
    }
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }

  return assembleDatabase({
    engine: 'sqlite',
    dataSource,
    sqlite,
    location: dbPath,
    appliedMigrations: readAppliedMigrations(sqlite),
    ranMigrations,
    backupPath,
  });
}

/**
 * A plain better-sqlite3 connection to an existing encrypted file, keyed, checked and configured
 * (pragmas) the same way as `openDatabase`, without TypeORM and without migrations: for worker
 * threads or child processes that share the database once the main process has opened it, and
 * for backups, checks and tests.
 */
export function openRawConnection(
  filePath: string,
  key: string,
  options: { readonly?: boolean; fileMustExist?: boolean } = {},
): Database.Database {
  assertNotPlaintext(filePath);
  const db = new Database(filePath, {
    readonly: options.readonly ?? false,
    fileMustExist: options.fileMustExist ?? true,
    timeout: BUSY_TIMEOUT_MS,
  });
  try {
    applyKey(db, key);
    assertKeyWorks(db, filePath);
    // A read-only connection cannot switch the journal mode (a VACUUM INTO copy is not in WAL).
    applyConnectionPragmas(db, { setJournalMode: !(options.readonly ?? false) });
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** `PRAGMA quick_check`: "ok", or the problems found, one per line. */
export function quickCheck(db: Database.Database | { sqlite: Database.Database }): string {
  return checkPragma(db, 'quick_check');
}

/** `PRAGMA integrity_check`: "ok", or the problems found, one per line. Reads every page. */
export function integrityCheck(db: Database.Database | { sqlite: Database.Database }): string {
  return checkPragma(db, 'integrity_check');
}

/** Whether a file starts with the plaintext SQLite header (i.e. is not encrypted). */
export function hasPlaintextSqliteHeader(filePath: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(filePath, 'r');
  } catch (error) {
    if (isNodeError(error) && error.code === 'ENOENT') return false;
    throw error;
  }
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    return read === head.length && head.equals(SQLITE_HEADER);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * TypeORM prints migration failures in English even with logging off; ours reach the user as a
 * Chinese AppError (with the cause in `details`) instead.
 */
export const silentLogger: Logger = {
  logQuery: () => undefined,
  logQueryError: () => undefined,
  logQuerySlow: () => undefined,
  logSchemaBuild: () => undefined,
  logMigration: () => undefined,
  log: () => undefined,
};

interface Preflight {
  applied: string[];
  hasUserTables: boolean;
}

function checkBeforeAnyWrite(
  db: Database.Database,
  dbPath: string,
  knownNames: readonly string[],
): Preflight {
  assertKeyWorks(db, dbPath);
  const applied = readAppliedMigrations(db);
  const unknown = applied.filter((name) => !knownNames.includes(name));
  if (unknown.length > 0) {
    throw new AppError(
      'DB_TOO_NEW',
      `数据库由更新版本的师训通创建（包含本版本不认识的升级：${unknown.join('、')}），请先升级本软件再打开。`,
      { unknownMigrations: unknown },
    );
  }
  const userTables = db
    .prepare<[], { n: number }>(
      `SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`,
    )
    .get();
  return { applied, hasUserTables: (userTables?.n ?? 0) > 0 };
}

function applyConnectionPragmas(db: Database.Database, options = { setJournalMode: true }): void {
  if (options.setJournalMode) {
    const journalMode = db.pragma('journal_mode = WAL', { simple: true });
    if (journalMode !== 'wal') {
      throw new AppError(
        'INTERNAL',
        `无法把数据库切换到 WAL 日志模式（当前：${String(journalMode)}）`,
      );
    }
  }
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
}

/** Keys a connection exactly as TypeORM's better-sqlite3 driver does. */
function applyKey(db: Database.Database, key: string): void {
  db.pragma(`key = ${JSON.stringify(key)}`);
}

function assertKeyWorks(db: Database.Database, dbPath: string): void {
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    if (isSqliteError(error) && error.code === 'SQLITE_NOTADB') {
      throw new AppError(
        'DB_KEY_INVALID',
        `数据库密钥不正确，无法打开数据库（文件未被修改）：${dbPath}。请确认使用的是创建该数据库时的密钥或密钥文件；如果该文件不是师训通的数据库，请检查数据目录。`,
      );
    }
    throw error;
  }
}

function assertNotPlaintext(dbPath: string): void {
  if (hasPlaintextSqliteHeader(dbPath)) {
    throw new AppError(
      'DB_KEY_INVALID',
      `数据库文件 ${dbPath} 没有加密，不是师训通创建的数据库，已拒绝打开（文件未被修改）。请检查数据目录是否正确。`,
      { isPlaintext: true },
    );
  }
}

function readAppliedMigrations(db: Database.Database): string[] {
  const hasTable = db
    .prepare<[string], { n: number }>(
      `SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?`,
    )
    .get(MIGRATIONS_TABLE);
  if (!hasTable?.n) return [];
  return db
    .prepare<[], { name: string }>(`SELECT name FROM "${MIGRATIONS_TABLE}" ORDER BY id`)
    .all()
    .map((row) => row.name);
}

function backupBeforeMigration(
  sqlite: Database.Database,
  dataDir: string,
  key: string,
  firstPending: string,
): string {
  const backupDir = path.join(dataDir, BACKUP_DIR_NAME);
  fs.mkdirSync(backupDir, { recursive: true });
  const stamp = localTimestamp(new Date());
  const target = path.join(
    backupDir,
    `traindesk-${stamp}-before-${firstPending.replace(/[^\w.-]/g, '_')}.db`,
  );
  sqlite.prepare('VACUUM INTO ?').run(target);

  let problem: string | null = null;
  if (hasPlaintextSqliteHeader(target)) {
    problem = '备份文件没有加密';
  } else {
    try {
      const copy = openRawConnection(target, key, { readonly: true });
      try {
        const result = integrityCheck(copy);
        if (result !== 'ok') problem = `完整性检查未通过：${result}`;
      } finally {
        copy.close();
      }
    } catch (error) {
      problem = `无法打开备份：${error instanceof Error ? error.message : String(error)}`;
    }
  }
  if (problem !== null) {
    fs.rmSync(target, { force: true });
    throw new AppError(
      'INTERNAL',
      `升级数据库前的备份校验失败（${problem}），已停止升级，数据库未被修改。请检查磁盘空间后重试。`,
      { backupPath: target },
    );
  }
  return target;
}

async function runPendingMigrations(
  dataSource: DataSource,
  sqlite: Database.Database,
  pending: string[],
): Promise<string[]> {
  // The transaction is ours, not TypeORM's, so that the foreign key check can run before the
  // commit; TypeORM sees it active and runs every pending migration inside it.
  const queryRunner = dataSource.createQueryRunner();
  sqlite.pragma('foreign_keys = OFF'); // a no-op inside a transaction, so before BEGIN
  try {
    await queryRunner.startTransaction();
    try {
      const ran = await dataSource.runMigrations({ transaction: 'all' });
      const violations = sqlite.pragma('foreign_key_check') as unknown[];
      if (violations.length > 0) {
        throw new AppError('INTERNAL', '数据库升级后外键检查未通过，升级已回滚，数据库保持原样。', {
          violations: violations.slice(0, 20),
        });
      }
      await queryRunner.commitTransaction();
      return ran.map((migration) => migration.name);
    } catch (error) {
      if (sqlite.inTransaction) await queryRunner.rollbackTransaction();
      if (error instanceof AppError) throw error;
      throw new AppError(
        'INTERNAL',
        `数据库升级失败，已全部回滚，数据库保持原样（待执行的升级：${pending.join('、')}）。`,
        { cause: error instanceof Error ? error.message : String(error) },
      );
    }
  } finally {
    sqlite.pragma('foreign_keys = ON');
    await queryRunner.release();
  }
}

function rawConnection(dataSource: DataSource): Database.Database {
  const driver = dataSource.driver as unknown as { databaseConnection?: Database.Database };
  if (!driver.databaseConnection) throw new AppError('INTERNAL', '数据库连接未建立');
  return driver.databaseConnection;
}

function checkPragma(
  db: Database.Database | { sqlite: Database.Database },
  pragma: 'quick_check' | 'integrity_check',
): string {
  const sqlite = 'sqlite' in db ? db.sqlite : db;
  const rows = sqlite.pragma(pragma) as Record<string, string>[];
  return rows.map((row) => Object.values(row)[0] ?? '').join('\n');
}

/** Local time as YYYYMMDD-HHmmss-SSS: what the office sees on its clock, sortable by name. */
function localTimestamp(d: Date): string {
  const p = (n: number, width = 2): string => String(n).padStart(width, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}-${p(d.getMilliseconds(), 3)}`;
}

function closeQuietly(db: Database.Database | null): void {
  if (db?.open) db.close();
}

function isSqliteError(error: unknown): error is Error & { code: string } {
  return error instanceof Database.SqliteError;
}

function isNodeError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'code' in error;
}
