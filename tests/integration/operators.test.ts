/**
 * Operators over the contract, on both engines: first-run setup, logging in and the lock-out, the
 * idle lock and the session's lifetime, passwords, the last administrator, API tokens, and who the
 * audit log names.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Me, type OperatorRow } from '@shared/api/auth.contract';
import { callerOf, openTestCore, TESTER, type TestCore } from '../support/core-harness';
import { ENGINES } from '../support/engines';
import { createTempDir, removeTempDir } from '../support/temp-dir';

const opened: TestCore[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.close();
});

async function open(options: Parameters<typeof openTestCore>[0]): Promise<TestCore> {
  const t = await openTestCore(options);
  opened.push(t);
  return t;
}

function codeOf(envelope: { ok: boolean; error?: { code: string } }): string {
  return envelope.ok ? 'OK' : (envelope.error?.code ?? '?');
}

describe.each(ENGINES)('operators on %s', (engine) => {
  it('sets up an empty installation once: nothing else answers before, setup refuses after', async () => {
    const t = await open({ engine, setup: 'none' });
    const anon = callerOf(t.core);
    expect(codeOf(await anon.raw('org/tree'))).toBe('SETUP_REQUIRED');
    expect(codeOf(await anon.raw('auth/login', TESTER))).toBe('SETUP_REQUIRED');
    const state = await anon.call<{ isSetUp: boolean; session: string }>('auth/state');
    expect(state).toMatchObject({ isSetUp: false, session: 'none' });
    expect(await anon.call('setup/units')).toEqual({ nodes: [] });
    const weak = await anon.raw('setup/complete', {
      unit: { create: { name: '东湖区', kind: 'district' } },
      admin: { displayName: '管理员', userName: 'boss', password: 'boss' },
    });
    expect(codeOf(weak)).toBe('INVALID_INPUT');
    const me = await anon.call<Me>('setup/complete', {
      unit: { create: { name: '东湖区', kind: 'district' } },
      admin: { displayName: '管理员', userName: 'Boss', password: 'boss-pass-1' },
    });
    expect(me).toMatchObject({
      userName: 'boss',
      roles: [{ code: 'admin', name: '系统管理员' }],
      homeUnit: { name: '东湖区', kind: 'district' },
      mustChangePassword: false,
    });
    // The setup logged its administrator in.
    expect(anon.session).not.toBeNull();
    expect(codeOf(await anon.raw('org/tree'))).toBe('OK');
    const again = await callerOf(t.core).raw('setup/complete', {
      unit: { create: { name: '西湖区', kind: 'district' } },
      admin: { displayName: '另一人', userName: 'boss2', password: 'boss-pass-2' },
    });
    expect(codeOf(again)).toBe('CONFLICT');
    expect(codeOf(await callerOf(t.core).raw('setup/units'))).toBe('CONFLICT');
    expect(codeOf(await callerOf(t.core).raw('setup/demo', { jobId: 'demo-after-setup' }))).toBe(
      'CONFLICT',
    );
    const audit = await t.rows<{ action: string; actor: string; actor_id: string | null }>(
      'SELECT action, actor, actor_id FROM audit_log ORDER BY seq',
    );
    expect(audit).toEqual([{ action: 'setup.complete', actor: '管理员（boss）', actor_id: me.id }]);
  });

  it('locks an account after five wrong passwords, says the same for unknown names, and lets an administrator unlock it', async () => {
    let now = Date.parse('2026-12-01T01:00:00.000Z');
    const t = await open({ engine, now: () => new Date(now).toISOString() });
    const officer = await t.operator('lockme', ['viewer'], t.rootId);
    const tab = callerOf(t.core);
    const wrong = { userName: 'lockme', password: 'wrong-pass-0' };
    const unknown = { userName: 'nobody', password: 'wrong-pass-0' };
    const messages: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const refused = await tab.raw('auth/login', wrong);
      messages.push(refused.ok ? '' : refused.error.message);
      const alsoRefused = await tab.raw('auth/login', unknown);
      messages.push(alsoRefused.ok ? '' : alsoRefused.error.message);
    }
    expect(new Set(messages)).toEqual(new Set(['用户名或密码不正确']));
    const fifth = await tab.raw('auth/login', wrong);
    const fifthUnknown = await tab.raw('auth/login', unknown);
    expect(fifth.ok ? '' : fifth.error.message).toContain('已锁定');
    // A name without an account locks the same way: the message tells nothing about who exists.
    expect(fifthUnknown.ok ? '' : fifthUnknown.error.message).toContain('已锁定');
    const rightWhileLocked = await tab.raw('auth/login', {
      userName: 'lockme',
      password: officer.password,
    });
    expect(rightWhileLocked.ok ? '' : rightWhileLocked.error.message).toContain('已锁定');
    const listed = await t.call<{ rows: OperatorRow[] }>('operators/list');
    expect(listed.rows.find((r) => r.userName === 'lockme')?.lockedUntil).not.toBeNull();
    // After 15 minutes the account opens again by itself.
    now += 15 * 60_000 + 1;
    await t.call('auth/unlock', { password: TESTER.password });
    expect(
      codeOf(await tab.raw('auth/login', { userName: 'lockme', password: officer.password })),
    ).toBe('OK');
    // An administrator may also lift a lock-out before then.
    for (let i = 0; i < 5; i += 1) await tab.raw('auth/login', wrong);
    await t.call('operators/unlock', { id: officer.id });
    expect(
      codeOf(await tab.raw('auth/login', { userName: 'lockme', password: officer.password })),
    ).toBe('OK');
    const actions = await t.rows<{ action: string; actor_id: string | null }>(
      `SELECT action, actor_id FROM audit_log WHERE action LIKE 'auth.%' OR action = 'operator.unlock' ORDER BY seq`,
    );
    const counted = (action: string) => actions.filter((a) => a.action === action).length;
    expect(counted('auth.lockout')).toBe(2);
    expect(counted('operator.unlock')).toBe(1);
    // Failed logins are audited too; an unknown name has no operator id.
    expect(
      actions.filter((a) => a.action === 'auth.login.failed' && a.actor_id === null),
    ).not.toEqual([]);
    expect(
      actions.filter((a) => a.action === 'auth.login.failed' && a.actor_id === officer.id),
    ).not.toEqual([]);
    expect(await t.call('audit/verify')).toMatchObject({ isIntact: true });
  });

  it('locks an idle session, unlocks it with the password, and ends it after 12 hours', async () => {
    let now = Date.parse('2026-12-01T01:00:00.000Z');
    const t = await open({ engine, now: () => new Date(now).toISOString() });
    await t.call('settings/update', { idleLockMinutes: 5 });
    now += 5 * 60_000 + 1;
    const locked = await t.raw('org/tree');
    expect(codeOf(locked)).toBe('SESSION_LOCKED');
    expect(await t.call('auth/state')).toMatchObject({ session: 'locked' });
    expect(codeOf(await t.raw('auth/unlock', { password: 'not-it-1' }))).toBe('UNAUTHENTICATED');
    await t.call('auth/unlock', { password: TESTER.password });
    expect(codeOf(await t.raw('org/tree'))).toBe('OK');
    // The page can lock at once when it sees the user away.
    await t.call('auth/lock');
    expect(codeOf(await t.raw('org/tree'))).toBe('SESSION_LOCKED');
    await t.call('auth/unlock', { password: TESTER.password });
    for (let hour = 0; hour < 12; hour += 1) {
      now += 4 * 60_000;
      expect(codeOf(await t.raw('org/tree'))).toBe('OK');
      now += 56 * 60_000;
      await t.raw('auth/unlock', { password: TESTER.password });
    }
    expect(codeOf(await t.raw('org/tree'))).toBe('UNAUTHENTICATED');
  });

  it('makes a new operator change the first password, and ends sessions when an administrator resets it', async () => {
    const t = await open({ engine });
    const created = await t.call<OperatorRow>('operators/create', {
      userName: 'Wang.Li.ok',
      displayName: '王丽',
      roles: ['viewer'],
      homeUnitId: t.rootId,
      password: 'first-pass-1',
    });
    expect(created).toMatchObject({ userName: 'wang.li.ok', mustChangePassword: true });
    expect(JSON.stringify(created)).not.toMatch(/first-pass|scrypt/);
    const tab = callerOf(t.core);
    const me = await tab.call<Me>('auth/login', {
      userName: 'WANG.LI.OK',
      password: 'first-pass-1',
    });
    expect(me.mustChangePassword).toBe(true);
    expect(codeOf(await tab.raw('org/tree'))).toBe('PASSWORD_CHANGE_REQUIRED');
    const same = await tab.raw('auth/changePassword', {
      currentPassword: 'first-pass-1',
      newPassword: 'first-pass-1',
    });
    expect(codeOf(same)).toBe('INVALID_INPUT');
    const userName = await tab.raw('auth/changePassword', {
      currentPassword: 'first-pass-1',
      newPassword: 'Wang.Li.ok',
    });
    expect(userName.ok ? '' : userName.error.message).toContain('不能与用户名相同');
    await tab.call('auth/changePassword', {
      currentPassword: 'first-pass-1',
      newPassword: 'second-pass-2',
    });
    expect(codeOf(await tab.raw('org/tree'))).toBe('OK');
    // A second tab of the same operator, then the administrator resets the password: both end.
    const other = callerOf(t.core);
    await other.call('auth/login', { userName: 'wang.li.ok', password: 'second-pass-2' });
    await t.call('operators/resetPassword', { id: created.id, password: 'reset-pass-3' });
    expect(codeOf(await tab.raw('org/tree'))).toBe('UNAUTHENTICATED');
    expect(codeOf(await other.raw('org/tree'))).toBe('UNAUTHENTICATED');
    const again = await tab.call<Me>('auth/login', {
      userName: 'wang.li.ok',
      password: 'reset-pass-3',
    });
    expect(again.mustChangePassword).toBe(true);
  });

  it('never leaves the installation without an active system administrator', async () => {
    const t = await open({ engine });
    const { me } = await t.call<{ me: Me }>('auth/state');
    expect(codeOf(await t.raw('operators/update', { id: me.id, isActive: false }))).toBe(
      'CONFLICT',
    );
    const demoted = await t.raw('operators/update', { id: me.id, roles: ['project_admin'] });
    expect(demoted.ok ? '' : demoted.error.message).toContain('最后一个启用的系统管理员');
    const second = await t.operator('admin2', ['admin'], t.rootId);
    // With a second administrator, the first may give up the role.
    expect(codeOf(await t.raw('operators/update', { id: me.id, roles: ['project_admin'] }))).toBe(
      'OK',
    );
    // Role changes apply to open sessions at their next call: the tester lost operators.manage.
    expect(codeOf(await t.raw('operators/list'))).toBe('FORBIDDEN');
    expect(
      codeOf(await second.caller.raw('operators/update', { id: second.id, isActive: false })),
    ).toBe('CONFLICT');
  });

  it('lets automation log in with an API token shown once, until it is revoked', async () => {
    const t = await open({ engine });
    const bot = await t.operator('bot', ['viewer'], t.rootId);
    const created = await t.call<{ row: { id: string }; token: string }>('tokens/create', {
      operatorId: bot.id,
      name: '夜间同步',
    });
    expect(created.token).toMatch(/^tdk_[\w-]{43}$/);
    const listed = JSON.stringify(await t.call('tokens/list'));
    expect(listed).toContain('夜间同步');
    expect(listed).not.toContain(created.token);
    const stored = await t.rows<{ token_hash: string }>('SELECT token_hash FROM api_token');
    expect(stored[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(created.token);
    const script = callerOf(t.core);
    const me = await script.call<Me>('auth/login', { apiToken: created.token });
    expect(me.userName).toBe('bot');
    expect(codeOf(await script.raw('roster/list'))).toBe('OK');
    await t.call('tokens/revoke', { id: created.row.id });
    expect(codeOf(await script.raw('roster/list'))).toBe('UNAUTHENTICATED');
    expect(codeOf(await callerOf(t.core).raw('auth/login', { apiToken: created.token }))).toBe(
      'UNAUTHENTICATED',
    );
  });
});

describe('an existing data folder from before operators', () => {
  it('upgrades, keeps its teachers, and is set up on one of its own units', async () => {
    const dir = createTempDir('released');
    try {
      fs.copyFileSync(
        path.resolve(__dirname, '../fixtures/released-0.1.0/traindesk.db'),
        path.join(dir, 'traindesk.db'),
      );
      const { createAppCore } = await import('../../electron/core/app-core');
      const core = await createAppCore({
        dataDir: dir,
        key: 'fixture'.repeat(6),
        keySource: 'env',
        logError: () => undefined,
      });
      try {
        const tab = callerOf(core);
        expect(await tab.call('auth/state')).toMatchObject({ isSetUp: false });
        const { nodes } = await tab.call<{
          nodes: { id: string; kind: string; teacherCount: number }[];
        }>('setup/units');
        expect(nodes).toHaveLength(412);
        const top = nodes.find((n) => n.teacherCount === 300);
        if (!top) throw new Error('no unit holds all 300 teachers');
        await tab.call('setup/complete', {
          unit: { existingId: top.id },
          admin: { displayName: '管理员', userName: 'boss', password: 'boss-pass-1' },
        });
        await tab.call('operators/update', {
          id: (await tab.call<{ me: Me }>('auth/state')).me.id,
          roles: ['admin', 'viewer'],
        });
        expect(await tab.call('system/info')).toMatchObject({ teacherCount: 300 });
        expect(await tab.call('audit/verify')).toMatchObject({ isIntact: true });
      } finally {
        await core.close();
      }
    } finally {
      removeTempDir(dir);
    }
  });
});
