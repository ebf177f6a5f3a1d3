/**
 * Who a call acts for, resolved once per call by the core (auth.service.ts) and checked by the
 * dispatcher against the method's declared access before the handler runs. Plain data, so the
 * main thread can hand it to the job thread with the call.
 */
import { type Access } from '@shared/api/define';
import { AppError } from '@shared/api/envelope';
import { type Permission, PERMISSIONS } from '@shared/domain/auth/permissions';

export interface Operator {
  id: string;
  userName: string;
  displayName: string;
  roles: { code: string; name: string }[];
  permissions: Permission[];
  /** The home unit: the operator's scope is the subtree under it. */
  homeUnitId: string;
  mustChangePassword: boolean;
}

export type Identity =
  | { kind: 'anonymous'; isSetUp: boolean }
  | { kind: 'operator'; operator: Operator; isLocked: boolean };

/** The subtree a call may see and change: the operator's home unit and everything under it. */
export interface Scope {
  rootId: string;
}

/** How an operator is named in the audit log and the outbox: the name at the time of the act. */
export function actorName(operator: Pick<Operator, 'displayName' | 'userName'>): string {
  return `${operator.displayName}（${operator.userName}）`;
}

export function can(operator: Operator, permission: Permission): boolean {
  return operator.permissions.includes(permission);
}

function forbidden(permission: Permission): AppError {
  return new AppError(
    'FORBIDDEN',
    `您没有「${PERMISSIONS[permission]}」的权限，无法进行此操作；如确需办理，请联系系统管理员`,
    { permission },
  );
}

/**
 * The one access check, before the input is even read: null when the call may go on, else the
 * refusal. `alsoWhen` is checked by `checkConditionalAccess` once the input is valid.
 */
export function checkAccess(access: Access, identity: Identity): AppError | null {
  if (access.kind === 'public') return null;
  if (identity.kind === 'anonymous') {
    return identity.isSetUp
      ? new AppError('UNAUTHENTICATED', '请先登录')
      : new AppError('SETUP_REQUIRED', '请先完成初始设置：选择本机服务的单位并创建系统管理员');
  }
  if (access.kind === 'session') return null;
  if (identity.isLocked) {
    return new AppError('SESSION_LOCKED', '闲置时间过长，已自动锁定；请重新输入密码');
  }
  if (identity.operator.mustChangePassword) {
    return new AppError('PASSWORD_CHANGE_REQUIRED', '请先修改密码，然后才能继续使用');
  }
  if (access.kind === 'signedIn') return null;
  return can(identity.operator, access.permission) ? null : forbidden(access.permission);
}

/** The second right some methods ask for when a field of their (valid) input is true. */
export function checkConditionalAccess(
  access: Access,
  identity: Identity,
  input: Record<string, unknown>,
): AppError | null {
  if (access.kind !== 'permission' || !access.alsoWhen) return null;
  if (input[access.alsoWhen.field] !== true) return null;
  if (identity.kind !== 'operator') return forbidden(access.alsoWhen.permission);
  return can(identity.operator, access.alsoWhen.permission)
    ? null
    : forbidden(access.alsoWhen.permission);
}
