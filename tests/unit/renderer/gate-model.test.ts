// The auth gate's choice of screen, who keeps their app under the lock, and the idle countdown.
import { describe, expect, it } from 'vitest';
import { type AuthState, type Me } from '@shared/api/auth.contract';
import { gateView, idleRemainingMs, nextShellOwner } from '../../../renderer/src/app/gate-model';

const me = (id: string, mustChangePassword = false): Me => ({
  id,
  userName: `user-${id}`,
  displayName: '张老师',
  roles: [{ code: 'project_admin', name: '项目管理员' }],
  permissions: ['roster.read'],
  homeUnit: { id: 'u1', name: '示范市', kind: 'city' },
  mustChangePassword,
});

const state = (patch: Partial<AuthState>): AuthState => ({
  isSetUp: true,
  installation: { id: 'u1', name: '示范市', kind: 'city' },
  session: 'none',
  me: null,
  idleLockMinutes: 15,
  demoAccounts: [],
  demoPassword: null,
  ...patch,
});

describe('gateView', () => {
  it('asks for the first-run setup before anything else', () => {
    expect(gateView(state({ isSetUp: false, session: 'active', me: me('a') }))).toBe('setup');
  });

  it('shows the login without a session, or without an operator', () => {
    expect(gateView(state({ session: 'none' }))).toBe('login');
    expect(gateView(state({ session: 'active', me: null }))).toBe('login');
  });

  it('locks before it asks for a new password', () => {
    expect(gateView(state({ session: 'locked', me: me('a', true) }))).toBe('locked');
    expect(gateView(state({ session: 'active', me: me('a', true) }))).toBe('changePassword');
  });

  it('opens the app for an active session with a current password', () => {
    expect(gateView(state({ session: 'active', me: me('a') }))).toBe('app');
  });
});

describe('nextShellOwner', () => {
  it('is the signed-in operator while the app is open', () => {
    expect(nextShellOwner(null, state({ session: 'active', me: me('a') }))).toBe('a');
  });

  it('keeps the same operator’s app under the lock', () => {
    expect(nextShellOwner('a', state({ session: 'locked', me: me('a') }))).toBe('a');
  });

  it('mounts no app under a lock found on arrival (a reload while locked)', () => {
    expect(nextShellOwner(null, state({ session: 'locked', me: me('a') }))).toBeNull();
  });

  it('never shows one operator’s app to another', () => {
    expect(nextShellOwner('a', state({ session: 'locked', me: me('b') }))).toBeNull();
  });

  it('lets go of the app at logout and while the password must change', () => {
    expect(nextShellOwner('a', state({ session: 'none' }))).toBeNull();
    expect(nextShellOwner('a', state({ session: 'active', me: me('a', true) }))).toBeNull();
  });
});

describe('idleRemainingMs', () => {
  it('counts down from the last activity and stops at zero', () => {
    const limit = 15 * 60_000;
    expect(idleRemainingMs(1_000, 1_000, limit)).toBe(limit);
    expect(idleRemainingMs(1_000, 61_000, limit)).toBe(limit - 60_000);
    expect(idleRemainingMs(1_000, 1_000 + limit, limit)).toBe(0);
    expect(idleRemainingMs(1_000, 1_000 + 2 * limit, limit)).toBe(0);
  });
});
