/**
 * Opening is safe: a wrong key or a database from a newer build is refused without a byte
 * written; pending migrations run after a verified encrypted backup, all in one transaction that
 * leaves the database exactly as it was when any of them fails.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { type AppError, isAppError } from '@shared/api/envelope';
import { InitialSchema1763800000000 } from '../../migrations/1763800000000-InitialSchema';
import { appendAudit } from '../../electron/db/audit-log';
import { withCacheSize } from '../../electron/db/cache-size';
import {
  type MigrationClass,
  MIGRATIONS_TABLE,
  hasPlaintextSqliteHeader,
  integrityCheck,
  openDatabase,
  openRawConnection,
  quickCheck,
} from '../../electron/db/open-database';
import { TempDirs } from '../support/temp-dir';
import { sqliteOf } from '../support/engines';

const KEY = '5eed'.repeat(16);
const OTHER_KEY = 'bad0'.repeat(16);
const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

class AddOrgNote1763800000001 implements MigrationInterface {
  name = 'AddOrgNote1763800000001';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "org_unit" ADD COLUMN "note" TEXT NULL`);
    await q.query(`UPDATE "org_unit" SET "note" = '迁移写入'`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "org_unit" DROP COLUMN "note"`);
  }
}

class AddSettingsTable1763800000002 implements MigrationInterface {
  name = 'AddSettingsTable1763800000002';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "setting" ("k" TEXT PRIMARY KEY NOT NULL, "v" TEXT NOT NULL)`);
    await q.query(`INSERT INTO "setting" VALUES ('a', 'b')`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "setting"`);
  }
}

class FailsHalfway1763800000003 implements MigrationInterface {
  name = 'FailsHalfway1763800000003';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "half_done" ("x" TEXT)`);
    await q.query(`UPDATE "org_unit" SET "name" = "name" || '（已改）'`);
    await q.query(`INSERT INTO "no_such_table" VALUES (1)`);
  }
  async down(): Promise<void> {}
}

class LeavesOrphan1763800000004 implements MigrationInterface {
  name = 'LeavesOrphan1763800000004';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "org_unit" WHERE "kind" = 'school'`);
  }
  async down(): Promise<void> {}
}

/** A table rebuild SQLite needs for some column changes: only possible with foreign keys off. */
class RebuildOrgUnit1763800000005 implements MigrationInterface {
  name = 'RebuildOrgUnit1763800000005';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "org_unit_new" (
        "id" TEXT PRIMARY KEY NOT NULL, "code" TEXT NULL, "name" TEXT NOT NULL, "kind" TEXT NOT NULL,
        "parent_id" TEXT NULL, "created_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL, "remark" TEXT NULL,
        CONSTRAINT "fk_org_unit_parent" FOREIGN KEY ("parent_id") REFERENCES "org_unit" ("id") ON DELETE RESTRICT
      )`);
    await q.query(
      `INSERT INTO "org_unit_new" SELECT "id", "code", "name", "kind", "parent_id", "created_at", "updated_at", NULL FROM "org_unit"`,
    );
    await q.query(`DROP TABLE "org_unit"`);
    await q.query(`ALTER TABLE "org_unit_new" RENAME TO "org_unit"`);
  }
  async down(): Promise<void> {}
}

const BASE: MigrationClass[] = [InitialSchema1763800000000];

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function sidecars(dbPath: string): string[] {
  return ['-wal', '-shm', '-journal'].filter((suffix) => fs.existsSync(dbPath + suffix));
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw error;
  return error;
}

/** A closed database at the first migration with a district, a school, a teacher and an audit entry. */
async function seededDatabase(dataDir: string): Promise<string> {
  const db = await openDatabase({ dataDir, key: KEY, migrations: BASE });
  const now = '2025-09-01T08:00:00.000+08:00';
  await db.write(async (tx) => {
    const insertOrg = sqliteOf(db).prepare(
      `INSERT INTO org_unit (id, code, name, kind, parent_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    insertOrg.run('d1', '330102', '上城区', 'district', null, now, now);
    insertOrg.run('s1', null, '上城区实验小学', 'school', 'd1', now, now);
    sqliteOf(db)
      .prepare(
        `INSERT INTO teacher (id, id_number, name, gender, birth_date, school_id, stages, row_hash, created_at, updated_at)
         VALUES ('t1', '11010119900307123X', '李四', '女', '1990-03-07', 's1', '小学', 'h', ?, ?)`,
      )
      .run(now, now);
    await appendAudit(tx, {
      actor: 'test',
      action: 'org.create',
      entity: 'org_unit',
      entityId: 's1',
      summary: '新建学校',
    });
  });
  const dbPath = db.location;
  await db.close();
  return dbPath;
}

/** Everything a failed migration could have touched: schema, migration records, data. */
function snapshot(dbPath: string): unknown {
  const db = openRawConnection(dbPath, KEY, { readonly: true });
  try {
    return {
      schema: db
        .prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name`)
        .all(),
      migrations: db.prepare(`SELECT * FROM "${MIGRATIONS_TABLE}" ORDER BY id`).all(),
      orgs: db.prepare(`SELECT * FROM org_unit ORDER BY id`).all(),
      teachers: db.prepare(`SELECT * FROM teacher ORDER BY id`).all(),
      audit: db.prepare(`SELECT * FROM audit_log ORDER BY seq`).all(),
    };
  } finally {
    db.close();
  }
}

describe('wrong key', () => {
  it('is refused with DB_KEY_INVALID and the file is byte-for-byte unchanged', async () => {
    const dataDir = dirs.make('key');
    const dbPath = await seededDatabase(dataDir);
    const before = sha256(dbPath);
    expect(sidecars(dbPath)).toEqual([]);

    const error = await rejection(openDatabase({ dataDir, key: OTHER_KEY, migrations: BASE }));
    expect(error.code).toBe('DB_KEY_INVALID');
    expect(error.message).toContain('数据库密钥不正确');
    expect(error.message).toContain('文件未被修改');
    expect(sha256(dbPath)).toBe(before);
    expect(sidecars(dbPath)).toEqual([]);

    // Still a sound database for the right key.
    const db = await openDatabase({ dataDir, key: KEY, migrations: BASE });
    try {
      expect(quickCheck(sqliteOf(db))).toBe('ok');
      expect(
        sqliteOf(db).prepare<[], { n: number }>('SELECT count(*) AS n FROM teacher').get()?.n,
      ).toBe(1);
    } finally {
      await db.close();
    }
  });

  it.each([
    { label: 'too short', key: 'abc123' },
    { label: 'with a quote', key: `${'a'.repeat(40)}"` },
    { label: 'with a space', key: `${'a'.repeat(20)} ${'b'.repeat(20)}` },
  ])('rejects a malformed key ($label) before touching the data dir', async ({ key }) => {
    const dataDir = path.join(dirs.make('key'), 'never-created');
    const error = await rejection(openDatabase({ dataDir, key }));
    expect(error.code).toBe('DB_KEY_INVALID');
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});

describe('databases from a newer build', () => {
  it('are refused with DB_TOO_NEW naming the unknown migration, file unchanged', async () => {
    const dataDir = dirs.make('too-new');
    const newer = await openDatabase({
      dataDir,
      key: KEY,
      migrations: [...BASE, AddSettingsTable1763800000002],
    });
    const dbPath = newer.location;
    await newer.close();
    const before = sha256(dbPath);

    const error = await rejection(openDatabase({ dataDir, key: KEY, migrations: BASE }));
    expect(error.code).toBe('DB_TOO_NEW');
    expect(error.message).toContain('AddSettingsTable1763800000002');
    expect(error.message).toContain('请先升级本软件');
    expect(error.details).toEqual({ unknownMigrations: ['AddSettingsTable1763800000002'] });
    expect(sha256(dbPath)).toBe(before);
    expect(sidecars(dbPath)).toEqual([]);
    expect(fs.existsSync(path.join(dataDir, 'backups'))).toBe(false);
  });
});

describe('migrating a database that holds data', () => {
  it('first makes an encrypted, verified backup, then applies the new migration', async () => {
    const dataDir = dirs.make('backup');
    const dbPath = await seededDatabase(dataDir);

    const db = await openDatabase({
      dataDir,
      key: KEY,
      migrations: [...BASE, AddOrgNote1763800000001],
    });
    let backupPath: string;
    try {
      expect(db.ranMigrations).toEqual(['AddOrgNote1763800000001']);
      expect(db.appliedMigrations).toEqual([
        'InitialSchema1763800000000',
        'AddOrgNote1763800000001',
      ]);
      expect(
        sqliteOf(db)
          .prepare<[], { note: string }>(`SELECT note FROM org_unit WHERE id = 'd1'`)
          .get()?.note,
      ).toBe('迁移写入');
      expect(sqliteOf(db).pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.backupPath).not.toBeNull();
      backupPath = db.backupPath ?? '';
    } finally {
      await db.close();
    }

    expect(path.dirname(backupPath)).toBe(path.join(dataDir, 'backups'));
    expect(path.basename(backupPath)).toMatch(
      /^traindesk-\d{8}-\d{6}-\d{3}-before-AddOrgNote1763800000001\.db$/,
    );
    expect(hasPlaintextSqliteHeader(backupPath)).toBe(false);
    expect(fs.readFileSync(backupPath).includes(Buffer.from('上城区实验小学', 'utf8'))).toBe(false);

    const backup = openRawConnection(backupPath, KEY, { readonly: true });
    try {
      expect(integrityCheck(backup)).toBe('ok');
      // The state before the migration: the data, and no new column.
      expect(backup.prepare(`SELECT name FROM org_unit ORDER BY id`).pluck().all()).toEqual([
        '上城区',
        '上城区实验小学',
      ]);
      const columns = backup
        .prepare(`SELECT name FROM pragma_table_info('org_unit')`)
        .pluck()
        .all();
      expect(columns).not.toContain('note');
      expect(backup.prepare(`SELECT name FROM "${MIGRATIONS_TABLE}"`).pluck().all()).toEqual([
        'InitialSchema1763800000000',
      ]);
    } finally {
      backup.close();
    }
    expect(() => openRawConnection(backupPath, OTHER_KEY, { readonly: true })).toThrow(
      /数据库密钥不正确/,
    );
    expect(integrityOf(dbPath)).toBe('ok');
  });

  it('makes no backup when nothing is pending', async () => {
    const dataDir = dirs.make('backup');
    await seededDatabase(dataDir);
    const db = await openDatabase({ dataDir, key: KEY, migrations: BASE });
    try {
      expect(db.ranMigrations).toEqual([]);
      expect(db.backupPath).toBeNull();
    } finally {
      await db.close();
    }
    expect(fs.existsSync(path.join(dataDir, 'backups'))).toBe(false);
  });

  it.each([
    {
      label: 'a failing migration',
      added: [FailsHalfway1763800000003],
      message: /数据库升级失败，已全部回滚/,
    },
    {
      label: 'a good migration followed by a failing one (one transaction for all)',
      added: [AddOrgNote1763800000001, AddSettingsTable1763800000002, FailsHalfway1763800000003],
      message: /数据库升级失败，已全部回滚/,
    },
    {
      label: 'a migration leaving a dangling foreign key',
      added: [LeavesOrphan1763800000004],
      message: /外键检查未通过/,
    },
  ])('rolls back everything after $label', async ({ added, message }) => {
    const dataDir = dirs.make('rollback');
    const dbPath = await seededDatabase(dataDir);
    const before = snapshot(dbPath);

    const error = await rejection(
      openDatabase({ dataDir, key: KEY, migrations: [...BASE, ...added] }),
    );
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toMatch(message);
    expect(snapshot(dbPath)).toEqual(before);

    // Back on the old build, the database opens as if nothing had happened, foreign keys on.
    const db = await openDatabase({ dataDir, key: KEY, migrations: BASE });
    try {
      expect(db.ranMigrations).toEqual([]);
      expect(sqliteOf(db).pragma('foreign_keys', { simple: true })).toBe(1);
      expect(integrityCheck(sqliteOf(db))).toBe('ok');
    } finally {
      await db.close();
    }
  });

  it('runs a table rebuild with foreign keys off and turns them back on after', async () => {
    const dataDir = dirs.make('rebuild');
    await seededDatabase(dataDir);
    const db = await openDatabase({
      dataDir,
      key: KEY,
      migrations: [...BASE, RebuildOrgUnit1763800000005],
    });
    try {
      expect(db.ranMigrations).toEqual(['RebuildOrgUnit1763800000005']);
      expect(sqliteOf(db).pragma('foreign_keys', { simple: true })).toBe(1);
      expect(sqliteOf(db).pragma('foreign_key_check')).toEqual([]);
      expect(sqliteOf(db).prepare(`SELECT school_id FROM teacher`).pluck().get()).toBe('s1');
      expect(() => sqliteOf(db).prepare(`DELETE FROM org_unit WHERE id = 's1'`).run()).toThrow(
        /FOREIGN KEY/,
      );
    } finally {
      await db.close();
    }
  });
});

function integrityOf(dbPath: string): string {
  const db = openRawConnection(dbPath, KEY, { readonly: true });
  try {
    return integrityCheck(db);
  } finally {
    db.close();
  }
}

describe('a bigger page cache for one bulk write', () => {
  it('holds for the call only, also when the call fails', async () => {
    const db = await openDatabase({ dataDir: dirs.make('cache'), key: KEY });
    try {
      sqliteOf(db).pragma('cache_size = -8192');
      const during = await withCacheSize(sqliteOf(db), 32_768, () =>
        Promise.resolve(sqliteOf(db).pragma('cache_size', { simple: true })),
      );
      expect(during).toBe(-32_768);
      expect(sqliteOf(db).pragma('cache_size', { simple: true })).toBe(-8192);
      await expect(
        withCacheSize(sqliteOf(db), 65_536, () => Promise.reject(new Error('写入失败'))),
      ).rejects.toThrow('写入失败');
      expect(sqliteOf(db).pragma('cache_size', { simple: true })).toBe(-8192);
    } finally {
      await db.close();
    }
  });
});
