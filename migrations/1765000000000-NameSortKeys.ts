/**
 * Teachers' names sort by pinyin on the server: a stored sort key (`name_key`, see
 * shared/domain/roster/name-key.ts) compared byte by byte on both engines, with an index so the
 * roster grid pages through 800,000 names in pinyin order without sorting them all. Existing
 * teachers get their key here, a page of names at a time, set with one statement per page.
 */
import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { nameSortKey } from '@shared/domain/roster/name-key';
import { engineOf } from './schema-helpers';

const PAGE = 2000;

export class NameSortKeys1765000000000 implements MigrationInterface {
  name = 'NameSortKeys1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "teacher" ADD COLUMN "name_key" text NOT NULL DEFAULT ''`);
    const isPostgres = engineOf(queryRunner) === 'postgres';
    let after = '';
    for (;;) {
      const page = (await queryRunner.query(
        isPostgres
          ? `SELECT id, name FROM teacher WHERE id > $1 ORDER BY id LIMIT ${PAGE}`
          : `SELECT id, name FROM teacher WHERE id > ? ORDER BY id LIMIT ${PAGE}`,
        [after],
      )) as { id: string; name: string }[];
      if (page.length === 0) break;
      const params: string[] = [];
      const tuples = page.map((row, i) => {
        params.push(row.id, nameSortKey(row.name));
        return isPostgres ? `($${2 * i + 1}, $${2 * i + 2})` : '(?, ?)';
      });
      // VALUES columns are column1, column2 on both engines.
      await queryRunner.query(
        `UPDATE teacher SET name_key = v.column2 FROM (VALUES ${tuples.join(', ')}) AS v
         WHERE teacher.id = v.column1`,
        params,
      );
      after = (page[page.length - 1] as { id: string }).id;
      if (page.length < PAGE) break;
    }
    // PostgreSQL sorts text by the server's locale; the roster sorts the key byte by byte (COLLATE
    // "C"), so that is the order the index keeps there.
    await queryRunner.query(
      isPostgres
        ? `CREATE INDEX "ix_teacher_name_key" ON "teacher" ("name_key" COLLATE "C")`
        : `CREATE INDEX "ix_teacher_name_key" ON "teacher" ("name_key")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_teacher_name_key"`);
    await queryRunner.query(`ALTER TABLE "teacher" DROP COLUMN "name_key"`);
  }
}
