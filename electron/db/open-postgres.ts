/**
 * Opens TrainDesk's database on a PostgreSQL server (a district or city office's shared server)
 * and brings its schema up to date with the same migrations as the SQLite file.
 *
 * Several processes may open one database at once (two `serve` processes, the job thread, the
 * CLI): migrations run in one transaction under a transaction-scoped advisory lock, so only one
 * of them migrates and the others find the schema current. A database holding migrations this
 * build does not know is refused before anything is written, as on SQLite.
 *
 * Encryption at rest is the server's job here (disk or tablespace encryption); the connection can
 * be TLS (`sslmode` in the URL, a CA file). There is no file to back up before migrating: the
 * migration transaction either commits whole or leaves the schema as it was.
 */
import fs from 'node:fs';
import { DataSource, type Logger, MigrationExecutor } from 'typeorm';
import { AppError } from '@shared/api/envelope';
import {
  type AppDatabase,
  assembleDatabase,
  type MigrationClass,
  MIGRATIONS_TABLE,
  migrationNames,
} from './database';
import { entities } from './entities';

export interface OpenPostgresOptions {
  url: string;
  caFile: string | null;
  migrations: MigrationClass[];
  logger: Logger;
}

/** pg_advisory_xact_lock key of schema migrations ("TDmigr" as a number). */
const MIGRATION_LOCK_KEY = 0x54446d6967;
const POOL_SIZE = 10;

export async function openPostgres(options: OpenPostgresOptions): Promise<AppDatabase> {
  const location = redactUrl(options.url);
  const ssl = options.caFile ? { ca: readCa(options.caFile) } : undefined;
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    ...(ssl ? { ssl } : {}),
    entities,
    migrations: options.migrations,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'all',
    migrationsRun: false,
    synchronize: false,
    logging: false,
    logger: options.logger,
    applicationName: 'traindesk',
    poolSize: POOL_SIZE,
    extra: { connectionTimeoutMillis: 10_000 },
  });
  try {
    await dataSource.initialize();
  } catch (error) {
    throw new AppError(
      'DB_UNAVAILABLE',
      `无法连接数据库服务器（${location}）：${describeConnectError(error)}。请检查服务器地址、端口、用户名和密码，以及服务器是否已启动。`,
    );
  }
  let applied: string[];
  let ran: string[];
  try {
    ({ applied, ran } = await migrate(dataSource, migrationNames(options.migrations)));
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return assembleDatabase({
    engine: 'postgres',
    dataSource,
    sqlite: null,
    location,
    appliedMigrations: applied,
    ranMigrations: ran,
    backupPath: null,
  });
}

async function migrate(
  dataSource: DataSource,
  knownNames: readonly string[],
): Promise<{ applied: string[]; ran: string[] }> {
  const runner = dataSource.createQueryRunner('master');
  try {
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      const before = await appliedMigrations(runner.query.bind(runner));
      const unknown = before.filter((name) => !knownNames.includes(name));
      if (unknown.length > 0) {
        throw new AppError(
          'DB_TOO_NEW',
          `数据库由更新版本的师训通创建（包含本版本不认识的升级：${unknown.join('、')}），请先升级本软件再打开。`,
          { unknownMigrations: unknown },
        );
      }
      let ran: string[] = [];
      if (knownNames.some((name) => !before.includes(name))) {
        const executor = new MigrationExecutor(dataSource, runner);
        executor.transaction = 'all';
        try {
          ran = (await executor.executePendingMigrations()).map((m) => m.name);
        } catch (error) {
          throw new AppError(
            'INTERNAL',
            '数据库升级失败，已全部回滚，数据库保持原样。请把日志交给技术支持。',
            { cause: error instanceof Error ? error.message : String(error) },
          );
        }
      }
      const applied = await appliedMigrations(runner.query.bind(runner));
      await runner.commitTransaction();
      return { applied, ran };
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    }
  } finally {
    await runner.release();
  }
}

type Query = (sql: string, params?: unknown[]) => Promise<unknown>;

async function appliedMigrations(query: Query): Promise<string[]> {
  const exists = (await query(`SELECT to_regclass($1) IS NOT NULL AS "exists"`, [
    `"${MIGRATIONS_TABLE}"`,
  ])) as { exists: boolean }[];
  if (!exists[0]?.exists) return [];
  const rows = (await query(`SELECT name FROM "${MIGRATIONS_TABLE}" ORDER BY id`)) as {
    name: string;
  }[];
  return rows.map((row) => row.name);
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

function readCa(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw new AppError('DB_UNAVAILABLE', `无法读取数据库服务器的 CA 证书文件：${file}`);
  }
}

function describeConnectError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return '连接被拒绝（服务器未启动或端口不对）';
    case 'ENOTFOUND':
      return '找不到该服务器地址';
    case 'ETIMEDOUT':
      return '连接超时';
    case '28P01':
    case '28000':
      return '用户名或密码不正确';
    case '3D000':
      return '数据库不存在';
    default:
      return '连接失败';
  }
}
