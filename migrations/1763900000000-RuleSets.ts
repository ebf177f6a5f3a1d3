/**
 * Rule sets an office saved (cloned from a preset and adjusted). Presets themselves ship with the
 * app and are not stored. `body` is the rule set's JSON, validated by its zod schema on save.
 */
import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class RuleSets1763900000000 implements MigrationInterface {
  name = 'RuleSets1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "rule_set" (
        "id" TEXT PRIMARY KEY NOT NULL,
        "name" TEXT NOT NULL,
        "kinds" TEXT NOT NULL,
        "based_on" TEXT NULL,
        "body" TEXT NOT NULL,
        "created_at" TEXT NOT NULL,
        "updated_at" TEXT NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS "rule_set"`);
  }
}
