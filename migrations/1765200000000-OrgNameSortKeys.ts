/**
 * Unit names sort by pinyin on the server too (the roster's 学校 and 区县 columns): a stored key
 * (`org_unit.name_key`, shared/domain/roster/name-key.ts `textSortKey`) compared byte by byte, as
 * the teachers' names already are. Existing units get their key here, all at once (a province has
 * ≈ 14,000 units), one statement per 2,000.
 */
import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { textSortKey } from '@shared/domain/roster/name-key';
import { engineOf } from './schema-helpers';

const PAGE = 2000;

export class OrgNameSortKeys1765200000000 implements MigrationInterface {
  name = 'OrgNameSortKeys1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "org_unit" ADD COLUMN "name_key" text NOT NULL DEFAULT ''`,
    );
    const isPostgres = engineOf(queryRunner) === 'postgres';
    const units = (await queryRunner.query(`SELECT id, name FROM org_unit ORDER BY id`)) as {
      id: string;
      name: string;
    }[];
    for (let i = 0; i < units.length; i += PAGE) {
      const page = units.slice(i, i + PAGE);
      const params: string[] = [];
      const tuples = page.map((row, j) => {
        params.push(row.id, textSortKey(row.name));
        return isPostgres ? `($${2 * j + 1}, $${2 * j + 2})` : '(?, ?)';
      });
      await queryRunner.query(
        `UPDATE org_unit SET name_key = v.column2 FROM (VALUES ${tuples.join(', ')}) AS v
         WHERE org_unit.id = v.column1`,
        params,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "org_unit" DROP COLUMN "name_key"`);
  }
}
