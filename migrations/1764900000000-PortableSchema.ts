/**
 * The schema both engines share from here on:
 *
 * - A SQLite database made by the released DDL gets its checks named (`ck_…`) and its expression
 *   indexes on `coalesce(…)`, exactly as the rewritten first migration makes them, so that the
 *   entities describe every database alike. SQLite cannot add a constraint to a table, so those
 *   three tables are rebuilt (create, copy, drop, rename: the documented procedure, run with
 *   foreign keys off as every migration here is). Databases made by this build skip that step.
 * - The transactional outbox: one row per change, written in the change's transaction, for the
 *   platform sync to send (idempotent by its op id, a UUIDv7).
 * - Import staging in real tables keyed by the import session (not TEMP tables bound to one
 *   connection), so any connection of any process can preview, page the errors and commit.
 *   Deleting the session deletes its staged rows.
 */
import { type MigrationInterface, type QueryRunner } from 'typeorm';
import {
  IMPORT_SESSION_TABLE,
  ORG_UNIT_INDEXES,
  ORG_UNIT_TABLE,
  TEACHER_INDEXES,
  TEACHER_TABLE,
} from './1763800000000-InitialSchema';
import { createTable, engineOf, foreignKey, integer, text, type TableSpec } from './schema-helpers';

export class PortableSchema1764900000000 implements MigrationInterface {
  name = 'PortableSchema1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (engineOf(queryRunner) === 'sqlite' && (await isReleasedSqliteDdl(queryRunner))) {
      await rebuildReleasedTables(queryRunner);
    }

    await createTable(queryRunner, {
      name: 'outbox',
      columns: [
        text('op_id', { isPrimary: true }),
        text('method'),
        text('entity'),
        text('entity_id', { isNullable: true }),
        text('actor'),
        text('payload'),
        text('created_at'),
      ],
    });

    await createTable(queryRunner, {
      name: 'import_row',
      withoutRowid: true,
      columns: [
        text('session_id', { isPrimary: true }),
        integer('row_no', { isPrimary: true }),
        text('status'),
        text('payload', { isNullable: true }),
        text('original', { isNullable: true }),
        text('errors', { isNullable: true }),
        // How many errors the row holds: pages of errors are found without parsing JSON.
        integer('error_count', { default: '0' }),
      ],
      foreignKeys: [foreignKey('fk_import_row_session', 'session_id', 'import_session', 'CASCADE')],
    });

    await createTable(queryRunner, {
      name: 'teacher_stage',
      // One B-tree keyed by (session, row) instead of a table and its key's index: staging a
      // 100,000-row preview writes half the pages.
      withoutRowid: true,
      columns: [
        text('session_id', { isPrimary: true }),
        integer('row_no', { isPrimary: true }),
        text('status'),
        // The id the teacher gets if the commit inserts the row, made while staging.
        text('new_id'),
        text('id_number'),
        text('name'),
        text('name_key'),
        text('gender'),
        text('birth_date'),
        text('school_id', { isNullable: true }),
        text('school_name'),
        text('stages'),
        text('subject', { isNullable: true }),
        text('title', { isNullable: true }),
        text('mobile', { isNullable: true }),
        text('employment_status'),
        text('row_hash', { isNullable: true }),
      ],
      // No index on id_number: the commit joins the roster's unique index from the staged side.
      foreignKeys: [
        foreignKey('fk_teacher_stage_session', 'session_id', 'import_session', 'CASCADE'),
      ],
    });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['teacher_stage', 'import_row', 'outbox']) {
      await queryRunner.dropTable(table, true);
    }
  }
}

async function isReleasedSqliteDdl(queryRunner: QueryRunner): Promise<boolean> {
  const rows = (await queryRunner.query(
    `SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'org_unit'`,
  )) as { sql: string }[];
  return rows.length > 0 && !(rows[0]?.sql ?? '').includes('ck_org_unit_kind');
}

/** The three tables of the released DDL whose checks had no names, as the first migration makes them now. */
const REBUILT: { spec: TableSpec; after: readonly string[] }[] = [
  { spec: ORG_UNIT_TABLE, after: ORG_UNIT_INDEXES },
  { spec: TEACHER_TABLE, after: TEACHER_INDEXES },
  { spec: IMPORT_SESSION_TABLE, after: [] },
];

async function rebuildReleasedTables(queryRunner: QueryRunner): Promise<void> {
  for (const { spec, after } of REBUILT) {
    const fresh = `${spec.name}__new`;
    await createTable(queryRunner, { ...spec, name: fresh });
    const list = spec.columns.map((c) => `"${c.name}"`).join(', ');
    await queryRunner.query(`INSERT INTO "${fresh}" (${list}) SELECT ${list} FROM "${spec.name}"`);
    await queryRunner.query(`DROP TABLE "${spec.name}"`);
    await queryRunner.query(`ALTER TABLE "${fresh}" RENAME TO "${spec.name}"`);
    for (const sql of after) await queryRunner.query(sql);
  }
}
