/**
 * Rule sets an office saved (cloned from a preset and adjusted). Presets themselves ship with the
 * app and are not stored. `body` is the rule set's JSON, validated by its zod schema on save.
 * Released as SQLite DDL; rewritten with the schema builder (same table) to run on both engines.
 */
import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { createTable, text } from './schema-helpers';

export class RuleSets1763900000000 implements MigrationInterface {
  name = 'RuleSets1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTable(queryRunner, {
      name: 'rule_set',
      columns: [
        text('id', { isPrimary: true }),
        text('name'),
        text('kinds'),
        text('based_on', { isNullable: true }),
        text('body'),
        text('created_at'),
        text('updated_at'),
      ],
    });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('rule_set', true);
  }
}
