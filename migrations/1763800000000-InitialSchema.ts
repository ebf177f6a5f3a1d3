/**
 * The first schema: org units, teachers, the import staging area and the append-only,
 * hash-chained audit log. Immutable once released: change the schema with a new migration.
 *
 * Written in the dialect TypeORM's SQLite schema reader parses (quoted identifiers, named foreign
 * keys), so its schema diff against the entities is empty and can be asserted by a test. Value
 * checks are unnamed column CHECKs, which TypeORM does not model; the expression indexes on
 * `ifnull(parent_id, '')` are declared unsynchronised on the entity.
 */
import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "org_unit" (
        "id" TEXT PRIMARY KEY NOT NULL,
        "code" TEXT NULL,
        "name" TEXT NOT NULL,
        "kind" TEXT NOT NULL CHECK ("kind" IN ('province', 'city', 'district', 'school')),
        "parent_id" TEXT NULL,
        "created_at" TEXT NOT NULL,
        "updated_at" TEXT NOT NULL,
        CONSTRAINT "fk_org_unit_parent" FOREIGN KEY ("parent_id") REFERENCES "org_unit" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_org_unit_parent_name" ON "org_unit" (ifnull("parent_id", ''), "name")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_org_unit_parent_code" ON "org_unit" (ifnull("parent_id", ''), "code") WHERE "code" IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "ix_org_unit_parent" ON "org_unit" ("parent_id")`);
    await queryRunner.query(`
      CREATE TABLE "teacher" (
        "id" TEXT PRIMARY KEY NOT NULL,
        "id_number" TEXT NOT NULL,
        "name" TEXT NOT NULL,
        "gender" TEXT NOT NULL CHECK ("gender" IN ('男', '女')),
        "birth_date" TEXT NOT NULL,
        "school_id" TEXT NOT NULL,
        "stages" TEXT NOT NULL,
        "subject" TEXT NULL,
        "title" TEXT NULL,
        "mobile" TEXT NULL,
        "employment_status" TEXT NOT NULL DEFAULT '在职',
        "row_hash" TEXT NOT NULL,
        "created_at" TEXT NOT NULL,
        "updated_at" TEXT NOT NULL,
        CONSTRAINT "fk_teacher_school" FOREIGN KEY ("school_id") REFERENCES "org_unit" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_teacher_id_number" ON "teacher" ("id_number")`,
    );
    await queryRunner.query(`CREATE INDEX "ix_teacher_school" ON "teacher" ("school_id")`);
    await queryRunner.query(`
      CREATE TABLE "import_session" (
        "id" TEXT PRIMARY KEY NOT NULL,
        "kind" TEXT NOT NULL CHECK ("kind" IN ('teacher', 'org')),
        "file_name" TEXT NOT NULL,
        "status" TEXT NOT NULL CHECK ("status" IN ('previewed', 'committed', 'discarded')),
        "summary" TEXT NOT NULL,
        "created_at" TEXT NOT NULL,
        "committed_at" TEXT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE "audit_log" (
        "seq" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
        "at" TEXT NOT NULL,
        "actor" TEXT NOT NULL,
        "action" TEXT NOT NULL,
        "entity" TEXT NOT NULL,
        "entity_id" TEXT NULL,
        "summary" TEXT NOT NULL,
        "details" TEXT NULL,
        "prev_hash" TEXT NOT NULL,
        "hash" TEXT NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TRIGGER "audit_log_no_update" BEFORE UPDATE ON "audit_log"
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`);
    await queryRunner.query(`
      CREATE TRIGGER "audit_log_no_delete" BEFORE DELETE ON "audit_log"
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`);
    await queryRunner.query(`
      CREATE TABLE "app_meta" (
        "key" TEXT PRIMARY KEY NOT NULL,
        "value" TEXT NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['app_meta', 'audit_log', 'import_session', 'teacher', 'org_unit']) {
      await queryRunner.query(`DROP TABLE IF EXISTS "${table}"`);
    }
  }
}
