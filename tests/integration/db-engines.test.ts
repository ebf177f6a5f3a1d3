/**
 * The portable schema: migrations run on both engines, the migrated schema equals the entities
 * (TypeORM's own diff is empty), and a database made by the released version upgrades with its
 * data and its audit chain intact.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type DataSource } from 'typeorm';
import { migrationNames, openDatabase } from '../../electron/db/open-database';
import { migrations } from '../../migrations';
import { ENGINES, freshTarget, type EngineTarget } from '../support/engines';
import { TempDirs } from '../support/temp-dir';

const KEY = 'ab'.repeat(32);
const targets: EngineTarget[] = [];
const dirs = new TempDirs();
afterEach(async () => {
  for (const t of targets.splice(0)) await t.cleanup();
  dirs.cleanup();
});

/** The statements TypeORM would run to make the schema match the entities (none when they agree). */
async function schemaDiff(dataSource: DataSource): Promise<string[]> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((q) => q.query);
}

describe.each(ENGINES)('schema on %s', (engine) => {
  it('runs every migration on an empty database, and the schema equals the entities', async () => {
    const target = await freshTarget(engine, 'schema');
    targets.push(target);
    const db = await openDatabase({ dataDir: target.dataDir, key: KEY, url: target.url });
    try {
      expect(db.engine).toBe(engine);
      expect(db.ranMigrations).toEqual(migrationNames(migrations));
      expect(db.appliedMigrations).toEqual(migrationNames(migrations));
      expect(await schemaDiff(db.dataSource)).toEqual([]);
    } finally {
      await db.close();
    }
    const again = await openDatabase({ dataDir: target.dataDir, key: KEY, url: target.url });
    try {
      expect(again.ranMigrations).toEqual([]);
    } finally {
      await again.close();
    }
  });

  it('keeps the audit log append-only', async () => {
    const target = await freshTarget(engine, 'audit');
    targets.push(target);
    const db = await openDatabase({ dataDir: target.dataDir, key: KEY, url: target.url });
    try {
      const q = (sql: string): Promise<unknown> => db.dataSource.query(sql);
      await q(
        `INSERT INTO audit_log (at, actor, action, entity, summary, prev_hash, hash) VALUES ('2026-01-01T00:00:00Z', 'a', 'x', 'y', 's', 'p', 'h')`,
      );
      await expect(q(`UPDATE audit_log SET actor = 'b'`)).rejects.toThrow(/append-only/);
      await expect(q(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    } finally {
      await db.close();
    }
  });
});

describe('a database made by the released version (SQLite)', () => {
  const FIXTURE = path.resolve(__dirname, '../fixtures/released-0.1.0/traindesk.db');
  const FIXTURE_KEY = 'fixture'.repeat(6);

  it('upgrades with its data intact, after a verified backup, to the schema of the entities', async () => {
    const dataDir = dirs.make('released');
    fs.copyFileSync(FIXTURE, path.join(dataDir, 'traindesk.db'));
    const db = await openDatabase({ dataDir, key: FIXTURE_KEY });
    try {
      expect(db.ranMigrations).toEqual([
        'PortableSchema1764900000000',
        'NameSortKeys1765000000000',
        'Operators1765100000000',
        'OrgNameSortKeys1765200000000',
        'Projects1765300000000',
        'Enrollment1765400000000',
        'TeacherSchoolNameIndex1765500000000',
      ]);
      expect(db.backupPath).not.toBeNull();
      expect(await schemaDiff(db.dataSource)).toEqual([]);
      const count = async (table: string): Promise<number> =>
        Number(
          ((await db.dataSource.query(`SELECT count(*) AS n FROM ${table}`)) as { n: number }[])[0]
            ?.n,
        );
      expect(await count('org_unit')).toBe(412);
      expect(await count('teacher')).toBe(300);
      expect(await count('rule_set')).toBe(1);
      expect(await count('audit_log')).toBe(2);
      // Every teacher already there got the pinyin sort key of its name.
      expect(await count(`teacher WHERE name_key NOT LIKE '%' || char(1) || name`)).toBe(0);
      // And every unit the pinyin sort key of its name.
      expect(await count(`org_unit WHERE name_key NOT LIKE '%' || char(1) || name`)).toBe(0);
      const sqlite = db.sqlite;
      if (!sqlite) throw new Error('expected SQLite');
      expect(sqlite.pragma('foreign_key_check')).toEqual([]);
      // The rebuilt tables keep their constraints: a bad kind and a duplicate name are refused.
      expect(() =>
        sqlite
          .prepare(
            `INSERT INTO org_unit (id, name, kind, created_at, updated_at) VALUES ('x', 'x', 'planet', 'a', 'a')`,
          )
          .run(),
      ).toThrow(/CHECK constraint failed: ck_org_unit_kind/);
      const top = sqlite
        .prepare(`SELECT name FROM org_unit WHERE parent_id IS NULL LIMIT 1`)
        .get() as { name: string };
      expect(() =>
        sqlite
          .prepare(
            `INSERT INTO org_unit (id, name, kind, created_at, updated_at) VALUES ('y', ?, 'city', 'a', 'a')`,
          )
          .run(top.name),
      ).toThrow(/UNIQUE constraint failed/);
    } finally {
      await db.close();
    }
  });
});
