/**
 * Operators (who logs in), their roles, roles' rights and API tokens. Flags are integers 0/1 on
 * both engines. Passwords are stored only as their scrypt hash (electron/services/auth/password.ts),
 * API tokens only as their SHA-256.
 */
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrgUnitEntity } from './org-unit.entity';

@Entity({ name: 'role' })
@Check('ck_role_is_preset', '"is_preset" IN (0, 1)')
export class RoleEntity {
  @PrimaryColumn({ type: 'text', name: 'code' })
  code: string;

  @Column({ type: 'text', name: 'name' })
  name: string;

  @Column({ type: 'text', name: 'description' })
  description: string;

  @Column({ type: 'integer', name: 'is_preset', default: 0 })
  isPreset: number;
}

@Entity({ name: 'role_permission' })
export class RolePermissionEntity {
  @PrimaryColumn({ type: 'text', name: 'role_code' })
  roleCode: string;

  @PrimaryColumn({ type: 'text', name: 'permission' })
  permission: string;

  @ManyToOne(() => RoleEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'role_code',
    referencedColumnName: 'code',
    foreignKeyConstraintName: 'fk_role_permission_role',
  })
  role?: RoleEntity;
}

@Entity({ name: 'operator_account' })
@Check('ck_operator_account_is_active', '"is_active" IN (0, 1)')
@Check('ck_operator_account_must_change', '"must_change_password" IN (0, 1)')
@Check('ck_operator_account_is_demo', '"is_demo" IN (0, 1)')
@Check('ck_operator_account_user_name', '"user_name" = lower("user_name")')
export class OperatorEntity {
  @PrimaryColumn({ type: 'text', name: 'id' })
  id: string;

  @Index('ux_operator_account_user_name', { unique: true })
  @Column({ type: 'text', name: 'user_name' })
  userName: string;

  @Column({ type: 'text', name: 'display_name' })
  displayName: string;

  @Index('ix_operator_account_home_unit')
  @Column({ type: 'text', name: 'home_unit_id' })
  homeUnitId: string;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'home_unit_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_operator_account_home_unit',
  })
  homeUnit?: OrgUnitEntity;

  @Column({ type: 'integer', name: 'is_active', default: 1 })
  isActive: number;

  @Column({ type: 'integer', name: 'must_change_password', default: 0 })
  mustChangePassword: number;

  /** A demo account whose password is still the documented demo one. */
  @Column({ type: 'integer', name: 'is_demo', default: 0 })
  isDemo: number;

  @Column({ type: 'text', name: 'password_hash' })
  passwordHash: string;

  /** Raised when the password is reset or changed or the account disabled: older sessions end. */
  @Column({ type: 'integer', name: 'credentials_epoch', default: 0 })
  credentialsEpoch: number;

  @Column({ type: 'integer', name: 'failed_logins', default: 0 })
  failedLogins: number;

  @Column({ type: 'text', name: 'locked_until', nullable: true })
  lockedUntil: string | null;

  @Column({ type: 'text', name: 'last_login_at', nullable: true })
  lastLoginAt: string | null;

  @Column({ type: 'text', name: 'created_at' })
  createdAt: string;

  @Column({ type: 'text', name: 'updated_at' })
  updatedAt: string;
}

@Entity({ name: 'operator_role' })
export class OperatorRoleEntity {
  @PrimaryColumn({ type: 'text', name: 'operator_id' })
  operatorId: string;

  @PrimaryColumn({ type: 'text', name: 'role_code' })
  roleCode: string;

  @ManyToOne(() => OperatorEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'operator_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_operator_role_operator',
  })
  operator?: OperatorEntity;

  @ManyToOne(() => RoleEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'role_code',
    referencedColumnName: 'code',
    foreignKeyConstraintName: 'fk_operator_role_role',
  })
  role?: RoleEntity;
}

@Entity({ name: 'api_token' })
export class ApiTokenEntity {
  @PrimaryColumn({ type: 'text', name: 'id' })
  id: string;

  @Column({ type: 'text', name: 'operator_id' })
  operatorId: string;

  @ManyToOne(() => OperatorEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'operator_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_api_token_operator',
  })
  operator?: OperatorEntity;

  @Column({ type: 'text', name: 'name' })
  name: string;

  @Index('ux_api_token_hash', { unique: true })
  @Column({ type: 'text', name: 'token_hash' })
  tokenHash: string;

  @Column({ type: 'text', name: 'created_at' })
  createdAt: string;

  /** Who created it (the administrator's name at the time). */
  @Column({ type: 'text', name: 'created_by' })
  createdBy: string;

  @Column({ type: 'text', name: 'last_used_at', nullable: true })
  lastUsedAt: string | null;

  @Column({ type: 'text', name: 'revoked_at', nullable: true })
  revokedAt: string | null;
}
