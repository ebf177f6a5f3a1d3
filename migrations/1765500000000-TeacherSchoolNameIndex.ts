/**
 * The roster's default page (a unit's teachers in pinyin order) read from one index: schools, then
 * the name's sort key, then id. Before it, a page of 100 from a city's 30,000 teachers read every
 * teacher's row to sort them, and on the encrypted file those rows outgrow the connection's page
 * cache, so each page decrypted the table again: ≈ 37 ms a page, and on a busy machine (the app's
 * own window starting) 200–350 ms for the first rows. Through this index the ids of a page come
 * from ≈ 2 MB of index pages that stay cached, and only the page's own rows are read: ≈ 1 ms.
 *
 * PostgreSQL keeps the key in byte order (COLLATE "C"), the order the roster sorts it in.
 */
import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { engineOf } from './schema-helpers';

export class TeacherSchoolNameIndex1765500000000 implements MigrationInterface {
  name = 'TeacherSchoolNameIndex1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      engineOf(queryRunner) === 'postgres'
        ? `CREATE INDEX "ix_teacher_school_name" ON "teacher" ("school_id", "name_key" COLLATE "C", "id")`
        : `CREATE INDEX "ix_teacher_school_name" ON "teacher" ("school_id", "name_key", "id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_teacher_school_name"`);
  }
}
