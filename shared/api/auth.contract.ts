/**
 * Contract of operators: the first-run setup, logging in and out, the idle lock, passwords, the
 * operators and their roles, API tokens for automation, and the settings that go with them.
 *
 * Sessions are the wire's business: a successful `auth/login` (or `setup/complete`) starts one and
 * the wire keeps its token (the bridge in an HttpOnly cookie, Electron per window, the CLI in
 * memory); no method returns a session token, a password or a password hash.
 */
import { z } from 'zod';
import { PERMISSION_CODES } from '../domain/auth/permissions';
import { MAX_PASSWORD_LENGTH, USER_NAME_MAX } from '../domain/auth/password-policy';
import { id, isoDateTime, jobId, orgKind } from './common.schemas';
import { method, needs, PUBLIC, SESSION, SIGNED_IN, writes } from './define';
import { orgNode } from './org.contract';

export const permissionCode = z.enum(PERMISSION_CODES as [string, ...string[]]);
export const roleCode = z.string().min(1).max(32);

const password = z.string().min(1).max(MAX_PASSWORD_LENGTH);
const userName = z.string().trim().min(1).max(USER_NAME_MAX);
const displayName = z.string().trim().min(1).max(50);

export const unitRef = z.object({ id, name: z.string(), kind: orgKind });
export type UnitRef = z.infer<typeof unitRef>;

/** The logged-in operator, as the UI needs them: who, which office, which rights. */
export const me = z.object({
  id,
  userName: z.string(),
  displayName: z.string(),
  roles: z.array(z.object({ code: roleCode, name: z.string() })),
  permissions: z.array(permissionCode),
  /** Their home unit: their scope is the subtree under it. */
  homeUnit: unitRef,
  mustChangePassword: z.boolean(),
});
export type Me = z.infer<typeof me>;

export const demoAccount = z.object({
  userName: z.string(),
  displayName: z.string(),
  roleName: z.string(),
  unitName: z.string(),
});

export const authState = z.object({
  /** False until the first-run setup (or the demo workspace) has made the first administrator. */
  isSetUp: z.boolean(),
  /** The unit this installation serves. */
  installation: unitRef.nullable(),
  /** 'none': log in; 'locked': re-enter the password; 'active': signed in. */
  session: z.enum(['none', 'locked', 'active']),
  me: me.nullable(),
  idleLockMinutes: z.number().int().positive(),
  /** The demo accounts whose password is still the demo one (only while demo data is in use). */
  demoAccounts: z.array(demoAccount),
  demoPassword: z.string().nullable(),
});
export type AuthState = z.infer<typeof authState>;

export const operatorRow = z.object({
  id,
  userName: z.string(),
  displayName: z.string(),
  roles: z.array(z.object({ code: roleCode, name: z.string() })),
  homeUnit: unitRef,
  isActive: z.boolean(),
  mustChangePassword: z.boolean(),
  /** Set while the account is locked after wrong passwords. */
  lockedUntil: isoDateTime.nullable(),
  lastLoginAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type OperatorRow = z.infer<typeof operatorRow>;

export const roleInfo = z.object({
  code: roleCode,
  name: z.string(),
  description: z.string(),
  permissions: z.array(permissionCode),
});
export type RoleInfo = z.infer<typeof roleInfo>;

export const apiTokenRow = z.object({
  id,
  name: z.string(),
  operator: z.object({ id, userName: z.string(), displayName: z.string() }),
  createdAt: isoDateTime,
  createdBy: z.string(),
  lastUsedAt: isoDateTime.nullable(),
  revokedAt: isoDateTime.nullable(),
});
export type ApiTokenRow = z.infer<typeof apiTokenRow>;

const newUnit = z.object({
  name: z.string().trim().min(1).max(100),
  kind: orgKind,
  code: z.string().trim().max(32).optional(),
});

export const authContract = {
  'auth/state': method(z.object({}), authState, 'read', PUBLIC),
  'auth/login': method(
    z.union([
      z.object({ userName, password }),
      /** Automation: an API token an administrator created. */
      z.object({ apiToken: z.string().min(1).max(200) }),
    ]),
    me,
    writes('auth.login', '登录', 'operator', []),
    PUBLIC,
  ),
  'auth/logout': method(
    z.object({}),
    z.object({ isLoggedOut: z.literal(true) }),
    writes('auth.logout', '退出登录', 'operator', []),
    SESSION,
  ),
  /** Locks the session now (the UI noticed the idle time); unlock with the password. */
  'auth/lock': method(z.object({}), z.object({ isLocked: z.literal(true) }), 'read', SESSION),
  'auth/unlock': method(
    z.object({ password }),
    me,
    writes('auth.unlock', '解除锁定', 'operator', []),
    SESSION,
  ),
  'auth/changePassword': method(
    z.object({ currentPassword: password, newPassword: password }),
    me,
    writes('auth.password.change', '修改密码', 'operator', ['operators']),
    SESSION,
  ),

  /** The units already in the database, to choose the installation's own (only before setup). */
  'setup/units': method(z.object({}), z.object({ nodes: z.array(orgNode) }), 'read', PUBLIC),
  /** First run: the unit this installation serves and its first administrator, who is logged in. */
  'setup/complete': method(
    z.object({
      unit: z.union([z.object({ existingId: id }), z.object({ create: newUnit })]),
      admin: z.object({ displayName, userName, password }),
    }),
    me,
    writes('setup.complete', '初始设置', 'operator', ['org', 'operators']),
    PUBLIC,
  ),
  /**
   * First run with the demo workspace instead: a fictional city with its teachers and one demo
   * account per role (password `demoPassword` of auth/state), for trying the app out.
   */
  'setup/demo': method(
    z.object({ jobId, teachers: z.number().int().min(100).max(200_000).default(30_000) }),
    z.object({
      orgUnits: z.number().int().nonnegative(),
      teachers: z.number().int().nonnegative(),
      accounts: z.number().int().nonnegative(),
    }),
    writes('setup.demo', '创建演示工作区', 'org_unit', ['org', 'roster', 'operators']),
    PUBLIC,
    { isJob: true },
  ),

  'operators/list': method(
    z.object({}),
    z.object({ rows: z.array(operatorRow) }),
    'read',
    needs('operators.manage'),
  ),
  'operators/roles': method(
    z.object({}),
    z.object({ roles: z.array(roleInfo) }),
    'read',
    needs('operators.manage'),
  ),
  /** A new operator, who must change the given first password at their first login. */
  'operators/create': method(
    z.object({
      userName,
      displayName,
      roles: z.array(roleCode).min(1).max(5),
      homeUnitId: id,
      password,
    }),
    operatorRow,
    writes('operator.create', '新建用户', 'operator', ['operators']),
    needs('operators.manage'),
  ),
  'operators/update': method(
    z.object({
      id,
      displayName: displayName.optional(),
      roles: z.array(roleCode).min(1).max(5).optional(),
      homeUnitId: id.optional(),
      isActive: z.boolean().optional(),
    }),
    operatorRow,
    writes('operator.update', '修改用户', 'operator', ['operators']),
    needs('operators.manage'),
  ),
  /** Sets a temporary password; the operator must change it at their next login. */
  'operators/resetPassword': method(
    z.object({ id, password }),
    operatorRow,
    writes('operator.password.reset', '重置密码', 'operator', ['operators']),
    needs('operators.manage'),
  ),
  /** Lifts the lock-out after wrong passwords before its 15 minutes are over. */
  'operators/unlock': method(
    z.object({ id }),
    operatorRow,
    writes('operator.unlock', '解除账号锁定', 'operator', ['operators']),
    needs('operators.manage'),
  ),

  'tokens/list': method(
    z.object({}),
    z.object({ rows: z.array(apiTokenRow) }),
    'read',
    needs('operators.manage'),
  ),
  /** An API token acting as `operatorId`; the token itself is in the answer, this once only. */
  'tokens/create': method(
    z.object({ operatorId: id, name: z.string().trim().min(1).max(50) }),
    z.object({ row: apiTokenRow, token: z.string() }),
    writes('token.create', '创建接口令牌', 'api_token', ['operators']),
    needs('operators.manage'),
  ),
  'tokens/revoke': method(
    z.object({ id }),
    apiTokenRow,
    writes('token.revoke', '吊销接口令牌', 'api_token', ['operators']),
    needs('operators.manage'),
  ),

  'settings/get': method(
    z.object({}),
    z.object({ idleLockMinutes: z.number().int().positive() }),
    'read',
    SIGNED_IN,
  ),
  'settings/update': method(
    z.object({ idleLockMinutes: z.number().int().min(1).max(480) }),
    z.object({ idleLockMinutes: z.number().int().positive() }),
    writes('settings.update', '修改系统设置', 'setting', ['settings']),
    needs('settings.manage'),
  ),
} as const;
