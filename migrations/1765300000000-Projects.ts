/**
 * Training projects, their batches and courses, and the four-level quotas (issue 9).
 *
 * - `project`: code unique; the rule set it was created from, kept as a snapshot (`rules`), so a
 *   later edit of a saved rule set does not change a running project; stages and subjects as lists.
 * - `project_batch`: generated from the calendar part, editable; its enrollment window and the last
 *   day of swapping or withdrawing.
 * - `course`: per batch, with an optional capacity.
 * - `quota`: seats per batch and unit (0 means none, never "unlimited"); Σ of a unit's children never
 *   above its own seats, checked in the write's transaction (see quotas.service.ts).
 * - New rights for the preset roles: 查看培训项目与名额, 管理培训项目, 分配名额.
 */
import { type MigrationInterface, type QueryRunner } from 'typeorm';
import {
  check,
  createTable,
  foreignKey,
  grantRights,
  integer,
  oneOf,
  text,
} from './schema-helpers';

export const PROJECT_STATUSES = ['preparing', 'enrolling', 'running', 'closed'] as const;

/** The rights this migration adds, and the preset roles that get them (a frozen copy). */
export const GRANTS: Record<string, readonly string[]> = {
  project_admin: ['projects.read', 'projects.manage', 'quotas.manage'],
  school_officer: ['projects.read'],
  viewer: ['projects.read'],
};

export class Projects1765300000000 implements MigrationInterface {
  name = 'Projects1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTable(queryRunner, {
      name: 'project',
      columns: [
        text('id', { isPrimary: true }),
        text('code'),
        text('name'),
        integer('year'),
        text('organizer_unit_id'),
        text('rule_set_id'),
        text('rules'),
        text('stages'),
        text('subjects'),
        text('status'),
        text('created_at'),
        text('updated_at'),
      ],
      checks: [check('ck_project_status', oneOf('status', PROJECT_STATUSES))],
      foreignKeys: [
        foreignKey('fk_project_organizer', 'organizer_unit_id', 'org_unit', 'RESTRICT'),
      ],
      indices: [{ name: 'ux_project_code', columnNames: ['code'], isUnique: true }],
    });
    await createTable(queryRunner, {
      name: 'project_batch',
      columns: [
        text('id', { isPrimary: true }),
        text('project_id'),
        integer('no'),
        text('name'),
        text('starts_on'),
        text('ends_on'),
        text('enroll_from', { isNullable: true }),
        text('enroll_until'),
        text('change_until'),
      ],
      foreignKeys: [foreignKey('fk_project_batch_project', 'project_id', 'project', 'CASCADE')],
      indices: [{ name: 'ux_project_batch_no', columnNames: ['project_id', 'no'], isUnique: true }],
    });
    await createTable(queryRunner, {
      name: 'course',
      columns: [
        text('id', { isPrimary: true }),
        text('batch_id'),
        text('code'),
        text('name'),
        text('stage'),
        text('subject', { isNullable: true }),
        integer('hours'),
        integer('capacity', { isNullable: true }),
      ],
      checks: [check('ck_course_capacity', '"capacity" IS NULL OR "capacity" >= 0')],
      foreignKeys: [foreignKey('fk_course_batch', 'batch_id', 'project_batch', 'CASCADE')],
      indices: [
        { name: 'ux_course_batch_code', columnNames: ['batch_id', 'code'], isUnique: true },
      ],
    });
    await createTable(queryRunner, {
      name: 'quota',
      columns: [
        text('batch_id', { isPrimary: true }),
        text('unit_id', { isPrimary: true }),
        text('project_id'),
        integer('seats'),
        text('updated_at'),
      ],
      checks: [check('ck_quota_seats', '"seats" >= 0')],
      foreignKeys: [
        foreignKey('fk_quota_batch', 'batch_id', 'project_batch', 'CASCADE'),
        foreignKey('fk_quota_unit', 'unit_id', 'org_unit', 'RESTRICT'),
        foreignKey('fk_quota_project', 'project_id', 'project', 'CASCADE'),
      ],
      indices: [{ name: 'ix_quota_project', columnNames: ['project_id'] }],
    });
    await grantRights(queryRunner, GRANTS);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DELETE FROM "role_permission" WHERE "permission" IN ('projects.read', 'projects.manage', 'quotas.manage')`,
    );
    for (const table of ['quota', 'course', 'project_batch', 'project']) {
      await queryRunner.dropTable(table);
    }
  }
}
