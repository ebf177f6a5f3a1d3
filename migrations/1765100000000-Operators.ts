/**
 * Operators, roles and API tokens (issue 8), and who wrote each audit entry:
 *
 * - `role` and `role_permission`: roles are data; the presets below are the ones this migration
 *   ships (a frozen copy: a later change of the presets is a migration of its own).
 * - `operator_account` (user name unique in lower case, home unit, password hash, lock-out state,
 *   `credentials_epoch` that ends open sessions when the password is reset or the account
 *   disabled) and `operator_role`.
 * - `api_token`: tokens for automation, stored as their SHA-256 only.
 * - `audit_log.actor_id` (the operator's id; null for entries written before) and
 *   `import_session.owner_id` (an import is previewed, paged and committed by one operator).
 */
import { type MigrationInterface, type QueryRunner } from 'typeorm';
import {
  check,
  createTable,
  foreignKey,
  grantRights,
  integer,
  sqlText,
  text,
} from './schema-helpers';

/** The preset roles and their rights as this migration creates them. */
export const PRESETS: readonly {
  code: string;
  name: string;
  description: string;
  rights: string[];
}[] = [
  {
    code: 'admin',
    name: '系统管理员',
    description: '管理用户、系统设置与操作日志，维护单位；不参与培训业务，不查看教师信息',
    rights: ['org.read', 'org.edit', 'audit.read', 'operators.manage', 'settings.manage'],
  },
  {
    code: 'project_admin',
    name: '项目管理员',
    description: '市、区县或省级项目办：维护本单位及下级的单位、花名册与规则，可导出完整身份证号',
    rights: [
      'org.read',
      'org.edit',
      'roster.read',
      'roster.edit',
      'roster.export',
      'roster.exportFullId',
      'rules.read',
      'rules.edit',
    ],
  },
  {
    code: 'school_officer',
    name: '学校培训专干',
    description: '维护本校花名册，导出（身份证号打码），查看规则',
    rights: ['org.read', 'roster.read', 'roster.edit', 'roster.export', 'rules.read'],
  },
  {
    code: 'finance',
    name: '财务审核',
    description: '个性化培训报销审核与付款记录（该功能尚未开放，目前只能查看单位）',
    rights: ['org.read'],
  },
  {
    code: 'viewer',
    name: '查看',
    description: '只读：查看单位、花名册与规则（如督导、检查人员）',
    rights: ['org.read', 'roster.read', 'rules.read'],
  },
];

const byCode = (name: string, column: string, table: string, onDelete: 'RESTRICT' | 'CASCADE') => ({
  name,
  columnNames: [column],
  referencedTableName: table,
  referencedColumnNames: ['code'],
  onDelete,
  onUpdate: 'NO ACTION',
});

export class Operators1765100000000 implements MigrationInterface {
  name = 'Operators1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTable(queryRunner, {
      name: 'role',
      columns: [
        text('code', { isPrimary: true }),
        text('name'),
        text('description'),
        integer('is_preset', { default: '0' }),
      ],
      checks: [check('ck_role_is_preset', '"is_preset" IN (0, 1)')],
    });
    await createTable(queryRunner, {
      name: 'role_permission',
      columns: [text('role_code', { isPrimary: true }), text('permission', { isPrimary: true })],
      foreignKeys: [byCode('fk_role_permission_role', 'role_code', 'role', 'CASCADE')],
    });
    await createTable(queryRunner, {
      name: 'operator_account',
      columns: [
        text('id', { isPrimary: true }),
        text('user_name'),
        text('display_name'),
        text('home_unit_id'),
        integer('is_active', { default: '1' }),
        integer('must_change_password', { default: '0' }),
        integer('is_demo', { default: '0' }),
        text('password_hash'),
        integer('credentials_epoch', { default: '0' }),
        integer('failed_logins', { default: '0' }),
        text('locked_until', { isNullable: true }),
        text('last_login_at', { isNullable: true }),
        text('created_at'),
        text('updated_at'),
      ],
      checks: [
        check('ck_operator_account_is_active', '"is_active" IN (0, 1)'),
        check('ck_operator_account_must_change', '"must_change_password" IN (0, 1)'),
        check('ck_operator_account_is_demo', '"is_demo" IN (0, 1)'),
        check('ck_operator_account_user_name', '"user_name" = lower("user_name")'),
      ],
      foreignKeys: [
        foreignKey('fk_operator_account_home_unit', 'home_unit_id', 'org_unit', 'RESTRICT'),
      ],
      indices: [
        { name: 'ux_operator_account_user_name', columnNames: ['user_name'], isUnique: true },
        { name: 'ix_operator_account_home_unit', columnNames: ['home_unit_id'] },
      ],
    });
    await createTable(queryRunner, {
      name: 'operator_role',
      columns: [text('operator_id', { isPrimary: true }), text('role_code', { isPrimary: true })],
      foreignKeys: [
        foreignKey('fk_operator_role_operator', 'operator_id', 'operator_account', 'CASCADE'),
        byCode('fk_operator_role_role', 'role_code', 'role', 'RESTRICT'),
      ],
    });
    await createTable(queryRunner, {
      name: 'api_token',
      columns: [
        text('id', { isPrimary: true }),
        text('operator_id'),
        text('name'),
        text('token_hash'),
        text('created_at'),
        text('created_by'),
        text('last_used_at', { isNullable: true }),
        text('revoked_at', { isNullable: true }),
      ],
      foreignKeys: [
        foreignKey('fk_api_token_operator', 'operator_id', 'operator_account', 'RESTRICT'),
      ],
      indices: [{ name: 'ux_api_token_hash', columnNames: ['token_hash'], isUnique: true }],
    });
    for (const role of PRESETS) {
      await queryRunner.query(
        `INSERT INTO "role" ("code", "name", "description", "is_preset")
         VALUES (${sqlText(role.code)}, ${sqlText(role.name)}, ${sqlText(role.description)}, 1)`,
      );
    }
    await grantRights(queryRunner, Object.fromEntries(PRESETS.map((r) => [r.code, r.rights])));
    // ALTER TABLE on both engines: TypeORM's addColumn rebuilds a SQLite table, which would drop
    // the audit log's append-only triggers with it.
    await queryRunner.query(`ALTER TABLE "audit_log" ADD COLUMN "actor_id" text`);
    await queryRunner.query(`ALTER TABLE "import_session" ADD COLUMN "owner_id" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "import_session" DROP COLUMN "owner_id"`);
    await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "actor_id"`);
    for (const table of [
      'api_token',
      'operator_role',
      'operator_account',
      'role_permission',
      'role',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
