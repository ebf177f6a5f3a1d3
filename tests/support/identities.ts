/**
 * Identities for unit tests of the dispatcher: who a call comes from, as the core resolves it
 * from a session (integration tests log in for real through core-harness.ts).
 */
import { PERMISSION_CODES, type Permission } from '@shared/domain/auth/permissions';
import { type DispatchOptions } from '../../electron/core/dispatcher';
import { type SessionIntent } from '../../electron/core/handler-types';
import { type Identity, type Operator } from '../../electron/core/operator';

export const NO_SESSION_CHANGES: SessionIntent = {
  begin: () => undefined,
  end: () => undefined,
  lock: () => undefined,
  unlock: () => undefined,
};

export function operator(overrides: Partial<Operator> = {}): Operator {
  return {
    id: 'op-1',
    userName: 'tester',
    displayName: '测试员',
    roles: [{ code: 'admin', name: '系统管理员' }],
    permissions: [...PERMISSION_CODES],
    homeUnitId: 'unit-root',
    mustChangePassword: false,
    ...overrides,
  };
}

export function identityOf(op: Operator, isLocked = false): Identity {
  return { kind: 'operator', operator: op, isLocked };
}

/** Dispatch options for a signed-in operator (every right unless `permissions` says otherwise). */
export function as(
  overrides: Partial<Operator> & { permissions?: Permission[] } = {},
  extra: Partial<DispatchOptions> = {},
): DispatchOptions {
  return { identity: identityOf(operator(overrides)), session: NO_SESSION_CHANGES, ...extra };
}

export const ANONYMOUS: DispatchOptions = {
  identity: { kind: 'anonymous', isSetUp: true },
  session: NO_SESSION_CHANGES,
};
