/**
 * Enrollment (issue 9): the seats schools fill with their teachers, the waitlist, and plagiarism
 * bans. Invariants the database keeps on both engines:
 * - one active enrollment per teacher and project (a partial unique index on status 'enrolled');
 * - one waiting place per teacher and batch (the same on status 'waiting');
 * - `seq` numbers enrollments in commit order (first come, first served), unique per project.
 * Seats ≥ enrolled is checked by the write that enrolls, in its transaction (quotas.service.ts).
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

export const ENROLLMENT_STATUSES = ['enrolled', 'withdrawn', 'replaced'] as const;
export const WAITLIST_STATUSES = ['waiting', 'promoted', 'removed'] as const;

/** The partial unique indexes, the same text on both engines (TypeORM cannot describe them). */
export const ENROLLMENT_PARTIAL_INDEXES = [
  `CREATE UNIQUE INDEX "ux_enrollment_active" ON "enrollment" ("project_id", "teacher_id") WHERE "status" = 'enrolled'`,
  `CREATE UNIQUE INDEX "ux_waitlist_waiting" ON "waitlist_entry" ("batch_id", "teacher_id") WHERE "status" = 'waiting'`,
];

/** The right this migration adds, and who gets it (a frozen copy). */
export const GRANTS: Record<string, readonly string[]> = {
  project_admin: ['enrollment.manage'],
  school_officer: ['enrollment.manage'],
};

export class Enrollment1765400000000 implements MigrationInterface {
  name = 'Enrollment1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTable(queryRunner, {
      name: 'enrollment',
      columns: [
        text('id', { isPrimary: true }),
        text('project_id'),
        text('batch_id'),
        text('course_id'),
        text('teacher_id'),
        text('school_id'),
        text('status'),
        integer('seq'),
        text('override_reason', { isNullable: true }),
        text('created_at'),
        text('created_by'),
        text('ended_at', { isNullable: true }),
        text('end_reason', { isNullable: true }),
        text('replaced_by', { isNullable: true }),
      ],
      checks: [check('ck_enrollment_status', oneOf('status', ENROLLMENT_STATUSES))],
      foreignKeys: [
        foreignKey('fk_enrollment_project', 'project_id', 'project', 'CASCADE'),
        foreignKey('fk_enrollment_batch', 'batch_id', 'project_batch', 'CASCADE'),
        foreignKey('fk_enrollment_course', 'course_id', 'course', 'RESTRICT'),
        foreignKey('fk_enrollment_teacher', 'teacher_id', 'teacher', 'RESTRICT'),
        foreignKey('fk_enrollment_school', 'school_id', 'org_unit', 'RESTRICT'),
      ],
      indices: [
        { name: 'ux_enrollment_seq', columnNames: ['project_id', 'seq'], isUnique: true },
        { name: 'ix_enrollment_batch_school', columnNames: ['batch_id', 'school_id', 'status'] },
        { name: 'ix_enrollment_teacher', columnNames: ['teacher_id'] },
      ],
    });
    await createTable(queryRunner, {
      name: 'waitlist_entry',
      columns: [
        text('id', { isPrimary: true }),
        text('project_id'),
        text('batch_id'),
        text('course_id'),
        text('teacher_id'),
        text('school_id'),
        integer('position'),
        text('status'),
        text('override_reason', { isNullable: true }),
        text('created_at'),
        text('created_by'),
        text('ended_at', { isNullable: true }),
        text('enrollment_id', { isNullable: true }),
      ],
      checks: [check('ck_waitlist_status', oneOf('status', WAITLIST_STATUSES))],
      foreignKeys: [
        foreignKey('fk_waitlist_project', 'project_id', 'project', 'CASCADE'),
        foreignKey('fk_waitlist_batch', 'batch_id', 'project_batch', 'CASCADE'),
        foreignKey('fk_waitlist_course', 'course_id', 'course', 'RESTRICT'),
        foreignKey('fk_waitlist_teacher', 'teacher_id', 'teacher', 'RESTRICT'),
        foreignKey('fk_waitlist_school', 'school_id', 'org_unit', 'RESTRICT'),
      ],
      indices: [
        {
          name: 'ix_waitlist_batch_school',
          columnNames: ['batch_id', 'school_id', 'status', 'position'],
        },
      ],
    });
    await createTable(queryRunner, {
      name: 'plagiarism_ban',
      columns: [
        text('id', { isPrimary: true }),
        text('teacher_id'),
        text('until'),
        text('evidence'),
        text('created_at'),
        text('created_by'),
      ],
      foreignKeys: [foreignKey('fk_plagiarism_ban_teacher', 'teacher_id', 'teacher', 'RESTRICT')],
      indices: [{ name: 'ix_plagiarism_ban_teacher', columnNames: ['teacher_id'] }],
    });
    for (const sql of ENROLLMENT_PARTIAL_INDEXES) await queryRunner.query(sql);
    await grantRights(queryRunner, GRANTS);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DELETE FROM "role_permission" WHERE "permission" = 'enrollment.manage'`,
    );
    for (const table of ['plagiarism_ban', 'waitlist_entry', 'enrollment']) {
      await queryRunner.dropTable(table);
    }
  }
}
