/**
 * The logged-in operator, shared by the shell and the pages: who they are, their home unit, and
 * what they may do. The auth gate provides it once the session is active; pages ask `useCan` to
 * hide what the operator's rights do not allow (the core refuses it anyway: this is courtesy, not
 * protection).
 */
import { createContext, useContext, type ReactNode } from 'react';
import { type Me, type UnitRef } from '@shared/api/auth.contract';
import { type Permission } from '@shared/domain/auth/permissions';

export interface Session {
  me: Me;
  /** The unit this installation serves. */
  installation: UnitRef | null;
  idleLockMinutes: number;
  /** Ends the session and returns to the login screen. */
  logout: () => Promise<void>;
  /** Reads the session again (after a change of password, roles or settings). */
  refresh: () => void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ value, children }: { value: Session; children: ReactNode }) {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

export function useMe(): Me {
  return useSession().me;
}

export function hasPermission(
  me: Pick<Me, 'permissions'> | null | undefined,
  permission: Permission,
): boolean {
  return me?.permissions.includes(permission) ?? false;
}

/** Whether the logged-in operator holds `permission`. */
export function useCan(permission: Permission): boolean {
  return hasPermission(useContext(SessionContext)?.me, permission);
}
