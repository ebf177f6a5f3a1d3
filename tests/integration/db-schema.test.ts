/**
 * The migrated schema and the entities agree, the file is encrypted, and every connection runs
 * with the pragmas the app relies on. Real encrypted files in temp dirs, migrations applied.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import 'reflect-metadata';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { type AppError, isAppError } from '@shared/api/envelope';
import { migrations } from '../../migrations';
import { getMeta, setMeta } from '../../electron/db/meta';
import {
  MIGRATIONS_TABLE,
  hasPlaintextSqliteHeader,
  migrationNames,
  openDatabase,
  openRawConnection,
} from '../../electron/db/open-database';
import { TempDirs } from '../support/temp-dir';
import { sqliteOf } from '../support/engines';

const KEY = 'c0ffee'.repeat(10) + 'abcd';
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

interface TableInfoRow {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}

interface ForeignKeyRow {
  table: string;
  from: string;
  to: string;
  on_delete: string;
}

/** Differences between the entities of a data source and the tables they map, read with PRAGMAs. */
function schemaMismatches(dataSource: DataSource, sqlite: Database.Database): string[] {
  const problems: string[] = [];
  for (const meta of dataSource.entityMetadatas) {
    const table = meta.tableName;
    const info = sqlite
      .prepare<[], TableInfoRow>(`SELECT * FROM pragma_table_info('${table}')`)
      .all();
    if (info.length === 0) {
      problems.push(`${table}: table missing`);
      continue;
    }
    const byName = new Map(info.map((c) => [c.name, c]));
    for (const column of meta.columns) {
      const found = byName.get(column.databaseName);
      if (!found) {
        problems.push(`${table}.${column.databaseName}: column missing`);
        continue;
      }
      const entityType = String(column.type).toLowerCase();
      if (found.type.toLowerCase() !== entityType) {
        problems.push(
          `${table}.${column.databaseName}: type ${found.type} vs entity ${entityType}`,
        );
      }
      if ((found.notnull === 0) !== column.isNullable) {
        problems.push(
          `${table}.${column.databaseName}: nullable ${found.notnull === 0} vs entity ${column.isNullable}`,
        );
      }
      if (found.pk > 0 !== column.isPrimary) {
        problems.push(
          `${table}.${column.databaseName}: primary ${found.pk > 0} vs entity ${column.isPrimary}`,
        );
      }
    }
    const mapped = new Set(meta.columns.map((c) => c.databaseName));
    for (const c of info)
      if (!mapped.has(c.name)) problems.push(`${table}.${c.name}: not mapped by the entity`);

    const fks = sqlite
      .prepare<[], ForeignKeyRow>(`SELECT * FROM pragma_foreign_key_list('${table}')`)
      .all();
    const expectedFks = meta.foreignKeys.map(
      (fk) =>
        `${fk.columnNames.join(',')}->${fk.referencedTablePath}(${fk.referencedColumnNames.join(',')}) ${fk.onDelete ?? 'NO ACTION'}`,
    );
    const actualFks = fks.map((fk) => `${fk.from}->${fk.table}(${fk.to}) ${fk.on_delete}`);
    if (JSON.stringify([...expectedFks].sort()) !== JSON.stringify([...actualFks].sort())) {
      problems.push(
        `${table}: foreign keys ${actualFks.join('; ')} vs entity ${expectedFks.join('; ')}`,
      );
    }
  }
  const userTables = sqlite
    .prepare<[string], { name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> ?`,
    )
    .all(MIGRATIONS_TABLE)
    .map((r) => r.name);
  const entityTables = new Set(dataSource.entityMetadatas.map((m) => m.tableName));
  for (const t of userTables) if (!entityTables.has(t)) problems.push(`${t}: table has no entity`);
  return problems;
}

// Deliberately wrong mappings of app_meta: each must be caught, or the agreement checks prove nothing.
@Entity({ name: 'app_meta' })
class MetaWithExtraColumn {
  @PrimaryColumn({ type: 'text', name: 'key' }) key: string;
  @Column({ type: 'text', name: 'value' }) value: string;
  @Column({ type: 'text', name: 'note', nullable: true }) note: string | null;
}
@Entity({ name: 'app_meta' })
class MetaWithNullableValue {
  @PrimaryColumn({ type: 'text', name: 'key' }) key: string;
  @Column({ type: 'text', name: 'value', nullable: true }) value: string | null;
}
@Entity({ name: 'app_meta' })
class MetaWithWrongType {
  @PrimaryColumn({ type: 'text', name: 'key' }) key: string;
  @Column({ type: 'integer', name: 'value' }) value: number;
}
@Entity({ name: 'app_meta' })
class MetaMissingColumn {
  @PrimaryColumn({ type: 'text', name: 'key' }) key: string;
}

async function withDataSource<T>(
  dbPath: string,
  entityList: unknown[],
  use: (ds: DataSource) => Promise<T>,
): Promise<T> {
  const ds = new DataSource({
    type: 'better-sqlite3',
    driver: Database,
    database: dbPath,
    key: KEY,
    entities: entityList as (new () => object)[],
    synchronize: false,
    logging: false,
  });
  await ds.initialize();
  try {
    return await use(ds);
  } finally {
    await ds.destroy();
  }
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw error;
  return error;
}

function rawSqlite(ds: DataSource): Database.Database {
  return (ds.driver as unknown as { databaseConnection: Database.Database }).databaseConnection;
}

describe('migrated schema', () => {
  it('runs every migration on an empty database without a backup', async () => {
    const dataDir = dirs.make('schema');
    const db = await openDatabase({ dataDir, key: KEY });
    try {
      expect(db.ranMigrations).toEqual(migrationNames(migrations));
      expect(db.appliedMigrations).toEqual(migrationNames(migrations));
      expect(db.backupPath).toBeNull();
      expect(fs.existsSync(`${dataDir}/backups`)).toBe(false);
    } finally {
      await db.close();
    }
  });

  it("agrees with the entities by TypeORM's own schema diff", async () => {
    const db = await openDatabase({ dataDir: dirs.make('schema'), key: KEY });
    try {
      expect(db.dataSource.entityMetadatas.map((m) => m.tableName).sort()).toEqual(
        [
          'api_token',
          'app_meta',
          'audit_log',
          'import_row',
          'import_session',
          'operator_account',
          'operator_role',
          'org_unit',
          'outbox',
          'project',
          'project_batch',
          'course',
          'quota',
          'enrollment',
          'waitlist_entry',
          'plagiarism_ban',
          'role',
          'role_permission',
          'rule_set',
          'teacher',
          'teacher_stage',
        ].sort(),
      );
      const log = await db.dataSource.driver.createSchemaBuilder().log();
      expect(log.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('agrees with the entities column by column (PRAGMA table_info, foreign_key_list)', async () => {
    const db = await openDatabase({ dataDir: dirs.make('schema'), key: KEY });
    try {
      expect(schemaMismatches(db.dataSource, sqliteOf(db))).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it.each([
    { drift: 'an extra entity column', entity: MetaWithExtraColumn },
    { drift: 'a nullability change', entity: MetaWithNullableValue },
    { drift: 'a type change', entity: MetaWithWrongType },
    { drift: 'an unmapped table column', entity: MetaMissingColumn },
  ])('both agreement checks catch $drift', async ({ entity }) => {
    const db = await openDatabase({ dataDir: dirs.make('schema'), key: KEY });
    const dbPath = db.location;
    await db.close();
    await withDataSource(dbPath, [entity], async (ds) => {
      const log = await ds.driver.createSchemaBuilder().log();
      expect(log.upQueries.length).toBeGreaterThan(0);
      expect(schemaMismatches(ds, rawSqlite(ds)).some((p) => p.startsWith('app_meta'))).toBe(true);
    });
  });
});

describe('encryption at rest', () => {
  it('writes no plaintext: no SQLite header and no readable marker in the file', async () => {
    const dataDir = dirs.make('enc');
    const marker = 'PLAINTEXT-MARKER-师训通-0123456789';
    const db = await openDatabase({ dataDir, key: KEY });
    await db.write((tx) => setMeta(tx, 'marker', marker));
    const dbPath = db.location;
    await db.close();

    const bytes = fs.readFileSync(dbPath);
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.subarray(0, 16).equals(SQLITE_MAGIC)).toBe(false);
    expect(hasPlaintextSqliteHeader(dbPath)).toBe(false);
    expect(bytes.includes(Buffer.from(marker, 'utf8'))).toBe(false);
    expect(bytes.includes(Buffer.from('CREATE TABLE', 'utf8'))).toBe(false);

    // The marker really is in there, for whoever holds the key.
    const reopened = await openDatabase({ dataDir, key: KEY });
    try {
      expect(await getMeta(reopened.reader, 'marker')).toBe(marker);
      expect(await getMeta(reopened.reader, 'absent')).toBeNull();
    } finally {
      await reopened.close();
    }
  });

  it('cannot be read without the key', async () => {
    const db = await openDatabase({ dataDir: dirs.make('enc'), key: KEY });
    const dbPath = db.location;
    await db.close();
    const plain = new Database(dbPath, { fileMustExist: true });
    try {
      expect(() => plain.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(
        /not a database/,
      );
    } finally {
      plain.close();
    }
    const keyed = openRawConnection(dbPath, KEY);
    try {
      expect(keyed.prepare<[], { n: number }>('SELECT count(*) AS n FROM teacher').get()?.n).toBe(
        0,
      );
    } finally {
      keyed.close();
    }
  });
});

describe('connection pragmas', () => {
  it.each([
    { pragma: 'journal_mode', expected: 'wal' },
    { pragma: 'synchronous', expected: 2 },
    { pragma: 'foreign_keys', expected: 1 },
    { pragma: 'busy_timeout', expected: 5000 },
  ])('$pragma is $expected on new, reopened and raw connections', async ({ pragma, expected }) => {
    const dataDir = dirs.make('pragma');
    for (let open = 0; open < 2; open += 1) {
      const db = await openDatabase({ dataDir, key: KEY });
      try {
        expect(sqliteOf(db).pragma(pragma, { simple: true })).toBe(expected);
      } finally {
        await db.close();
      }
    }
    const raw = openRawConnection(`${dataDir}/traindesk.db`, KEY);
    try {
      expect(raw.pragma(pragma, { simple: true })).toBe(expected);
    } finally {
      raw.close();
    }
  });

  it('enforces foreign keys on the connection TypeORM uses', async () => {
    const db = await openDatabase({ dataDir: dirs.make('pragma'), key: KEY });
    try {
      await expect(
        db.dataSource.query(
          `INSERT INTO teacher (id, id_number, name, gender, birth_date, school_id, stages, row_hash, created_at, updated_at)
           VALUES ('t1', '110101199003071234', '张三', '男', '1990-03-07', 'no-such-school', '小学', 'h', 'now', 'now')`,
        ),
      ).rejects.toThrow(/FOREIGN KEY/);
    } finally {
      await db.close();
    }
  });

  it('shares one connection between TypeORM and the raw handle (one transaction)', async () => {
    const db = await openDatabase({ dataDir: dirs.make('pragma'), key: KEY });
    try {
      await db.dataSource.transaction(async (manager) => {
        await manager.query(`INSERT INTO app_meta (key, value) VALUES ('k', 'v')`);
        expect(sqliteOf(db).inTransaction).toBe(true);
        expect(sqliteOf(db).prepare(`SELECT value FROM app_meta WHERE key = 'k'`).get()).toEqual({
          value: 'v',
        });
      });
      expect(sqliteOf(db).inTransaction).toBe(false);
    } finally {
      await db.close();
    }
  });
});

describe('plaintext database files', () => {
  it('refuses an unencrypted SQLite file with a clear message and leaves it untouched', async () => {
    const dataDir = dirs.make('plain');
    const plain = new Database(`${dataDir}/traindesk.db`);
    plain.exec(`CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('明文')`);
    plain.close();
    const before = fs.readFileSync(`${dataDir}/traindesk.db`);

    const error = await rejection(openDatabase({ dataDir, key: KEY }));
    expect(error.code).toBe('DB_KEY_INVALID');
    expect(error.message).toContain('没有加密');
    expect(error.details).toEqual({ isPlaintext: true });
    expect(fs.readFileSync(`${dataDir}/traindesk.db`).equals(before)).toBe(true);
  });
});
