/**
 * The first schema: org units, teachers, the import sessions and the append-only, hash-chained
 * audit log. Released first as SQLite DDL; rewritten with the schema builder so that it runs on
 * PostgreSQL too. A database the released DDL made (unnamed column checks, `ifnull` indexes) is
 * brought to exactly this shape by `PortableSchema1764900000000`.
 *
 * Uniqueness of names and codes within a parent treats the top level (no parent) as one parent:
 * expression indexes on `coalesce(parent_id, '')`, which TypeORM cannot describe (the entity
 * declares them unsynchronised). The audit log refuses UPDATE and DELETE with a trigger per engine.
 */
import { type MigrationInterface, type QueryRunner } from 'typeorm';
import {
  check,
  createTable,
  foreignKey,
  GENDERS,
  IMPORT_KINDS,
  IMPORT_STATUSES,
  ORG_KINDS,
  oneOf,
  perEngine,
  serial,
  type TableSpec,
  text,
} from './schema-helpers';

/** The unique expression indexes of org_unit, the same on both engines. */
export const ORG_UNIT_EXPRESSION_INDEXES = [
  `CREATE UNIQUE INDEX "ux_org_unit_parent_name" ON "org_unit" (coalesce("parent_id", ''), "name")`,
  `CREATE UNIQUE INDEX "ux_org_unit_parent_code" ON "org_unit" (coalesce("parent_id", ''), "code") WHERE "code" IS NOT NULL`,
];

/*
 * The tables whose released SQLite DDL had unnamed checks, as this migration makes them, with their
 * indexes: PortableSchema1764900000000 rebuilds databases made by the released DDL to exactly these.
 */

export const ORG_UNIT_TABLE: TableSpec = {
  name: 'org_unit',
  columns: [
    text('id', { isPrimary: true }),
    text('code', { isNullable: true }),
    text('name'),
    text('kind'),
    text('parent_id', { isNullable: true }),
    text('created_at'),
    text('updated_at'),
  ],
  checks: [check('ck_org_unit_kind', oneOf('kind', ORG_KINDS))],
  foreignKeys: [foreignKey('fk_org_unit_parent', 'parent_id', 'org_unit', 'RESTRICT')],
};
export const ORG_UNIT_INDEXES = [
  `CREATE INDEX "ix_org_unit_parent" ON "org_unit" ("parent_id")`,
  ...ORG_UNIT_EXPRESSION_INDEXES,
];

export const TEACHER_TABLE: TableSpec = {
  name: 'teacher',
  columns: [
    text('id', { isPrimary: true }),
    text('id_number'),
    text('name'),
    text('gender'),
    text('birth_date'),
    text('school_id'),
    text('stages'),
    text('subject', { isNullable: true }),
    text('title', { isNullable: true }),
    text('mobile', { isNullable: true }),
    text('employment_status', { default: "'在职'" }),
    text('row_hash'),
    text('created_at'),
    text('updated_at'),
  ],
  checks: [check('ck_teacher_gender', oneOf('gender', GENDERS))],
  foreignKeys: [foreignKey('fk_teacher_school', 'school_id', 'org_unit', 'RESTRICT')],
};
export const TEACHER_INDEXES = [
  `CREATE UNIQUE INDEX "ux_teacher_id_number" ON "teacher" ("id_number")`,
  `CREATE INDEX "ix_teacher_school" ON "teacher" ("school_id")`,
];

export const IMPORT_SESSION_TABLE: TableSpec = {
  name: 'import_session',
  columns: [
    text('id', { isPrimary: true }),
    text('kind'),
    text('file_name'),
    text('status'),
    text('summary'),
    text('created_at'),
    text('committed_at', { isNullable: true }),
  ],
  checks: [
    check('ck_import_session_kind', oneOf('kind', IMPORT_KINDS)),
    check('ck_import_session_status', oneOf('status', IMPORT_STATUSES)),
  ],
};

export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, indexes] of [
      [ORG_UNIT_TABLE, ORG_UNIT_INDEXES],
      [TEACHER_TABLE, TEACHER_INDEXES],
      [IMPORT_SESSION_TABLE, []],
    ] as const) {
      await createTable(queryRunner, table);
      for (const sql of indexes) await queryRunner.query(sql);
    }

    await createTable(queryRunner, {
      name: 'audit_log',
      columns: [
        serial('seq'),
        text('at'),
        text('actor'),
        text('action'),
        text('entity'),
        text('entity_id', { isNullable: true }),
        text('summary'),
        text('details', { isNullable: true }),
        text('prev_hash'),
        text('hash'),
      ],
    });
    await perEngine(queryRunner, AUDIT_APPEND_ONLY);

    await createTable(queryRunner, {
      name: 'app_meta',
      columns: [text('key', { isPrimary: true }), text('value')],
    });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['app_meta', 'audit_log', 'import_session', 'teacher', 'org_unit']) {
      await queryRunner.dropTable(table, true);
    }
    if (queryRunner.connection.driver.options.type === 'postgres') {
      await queryRunner.query(`DROP FUNCTION IF EXISTS audit_log_append_only()`);
    }
  }
}

/** Triggers that make the audit log append-only (UPDATE, DELETE and, on PostgreSQL, TRUNCATE). */
export const AUDIT_APPEND_ONLY = {
  sqlite: [
    `CREATE TRIGGER "audit_log_no_update" BEFORE UPDATE ON "audit_log"
     BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
    `CREATE TRIGGER "audit_log_no_delete" BEFORE DELETE ON "audit_log"
     BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
  ],
  postgres: [
    `CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`,
    `CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON "audit_log"
     FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
    `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log"
     FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`,
  ],
} as const;
