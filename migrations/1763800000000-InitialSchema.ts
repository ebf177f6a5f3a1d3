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
  index,
  ORG_KINDS,
  oneOf,
  perEngine,
  serial,
  text,
} from './schema-helpers';

/** The unique expression indexes of org_unit, the same on both engines. */
export const ORG_UNIT_EXPRESSION_INDEXES = [
  `CREATE UNIQUE INDEX "ux_org_unit_parent_name" ON "org_unit" (coalesce("parent_id", ''), "name")`,
  `CREATE UNIQUE INDEX "ux_org_unit_parent_code" ON "org_unit" (coalesce("parent_id", ''), "code") WHERE "code" IS NOT NULL`,
];

export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTable(queryRunner, {
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
      indices: [index('ix_org_unit_parent', ['parent_id'])],
    });
    for (const sql of ORG_UNIT_EXPRESSION_INDEXES) await queryRunner.query(sql);

    await createTable(queryRunner, {
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
      indices: [
        index('ux_teacher_id_number', ['id_number'], true),
        index('ix_teacher_school', ['school_id']),
      ],
    });

    await createTable(queryRunner, {
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
    });

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
