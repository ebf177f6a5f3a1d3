/**
 * What the auth gate shows for a session state, as plain functions: the first-run setup, the
 * login, the forced change of password, the lock, or the app. While locked, the app of the same
 * operator stays mounted (hidden) under the lock screen, so an unlock returns them to where they
 * were, unsaved edits included; anyone else starts afresh.
 */
import { type AuthState } from '@shared/api/auth.contract';

export type GateView = 'setup' | 'login' | 'changePassword' | 'locked' | 'app';

export function gateView(auth: AuthState): GateView {
  if (!auth.isSetUp) return 'setup';
  if (auth.session === 'none' || !auth.me) return 'login';
  if (auth.session === 'locked') return 'locked';
  if (auth.me.mustChangePassword) return 'changePassword';
  return 'app';
}

/**
 * The operator whose app is mounted after `auth` arrives: the signed-in one; while locked, the one
 * whose app was already mounted (if it is the same person); otherwise nobody.
 */
export function nextShellOwner(previous: string | null, auth: AuthState): string | null {
  const view = gateView(auth);
  const id = auth.me?.id ?? null;
  if (view === 'app') return id;
  if (view === 'locked' && previous !== null && previous === id) return previous;
  return null;
}

/** Milliseconds left before the idle lock, given the last activity; never negative. */
export function idleRemainingMs(lastActivity: number, now: number, limitMs: number): number {
  return Math.max(0, limitMs - (now - lastActivity));
}
