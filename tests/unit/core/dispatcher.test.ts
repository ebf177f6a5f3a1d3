import { ANONYMOUS, as, identityOf, operator } from '../../support/identities';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract } from '@shared/api/contract';
import { type Access, method, mergeContract, SIGNED_IN } from '@shared/api/define';
import { isPermission, PERMISSION_CODES } from '@shared/domain/auth/permissions';
import { AppError } from '@shared/api/envelope';
import { type JobProgressEvent } from '@shared/api/events';
import {
  assertHandlersCoverContract,
  createDispatcher,
  mergeHandlers,
} from '../../../electron/core/dispatcher';
import { type AllHandlers, type CallContext } from '../../../electron/core/handler-types';
import { type AuditNote, type WritePath } from '../../../electron/core/write-path';
import { type Tx } from '../../../electron/db/database';

/** A write path that records what the dispatcher hands it, with a stand-in transaction. */
function recordingWritePath() {
  const calls: { kind: string; method?: string; action?: string; notes: AuditNote[] }[] = [];
  const tx = { engine: 'sqlite', isWrite: true } as unknown as Tx;
  const writePath: WritePath = {
    write: async (effect, call, run) => {
      const notes: AuditNote[] = [];
      calls.push({ kind: 'write', method: call.method, action: effect.action, notes });
      return run(tx, (n) => notes.push(n));
    },
    disclose: async (effect, call, run) => {
      const notes: AuditNote[] = [];
      calls.push({ kind: 'disclose', method: call.method, action: effect.action, notes });
      return run((n) => notes.push(n));
    },
    read: async (run) => {
      calls.push({ kind: 'read', notes: [] });
      return run();
    },
  };
  return { writePath, calls, tx };
}

const orgNode = {
  id: 'u1',
  code: null,
  name: '示范市',
  kind: 'city',
  parentId: null,
  teacherCount: 0,
};

function dispatcherWith(handlers: Record<string, (input: never, ctx: CallContext) => unknown>) {
  const logged: string[] = [];
  const { writePath, calls, tx } = recordingWritePath();
  const dispatcher = createDispatcher(
    handlers as unknown as AllHandlers,
    (m) => logged.push(m),
    writePath,
  );
  return { dispatcher, logged, calls, tx };
}

describe('dispatcher', () => {
  it('refuses a method that is not in the contract with UNKNOWN_METHOD', async () => {
    const { dispatcher } = dispatcherWith({});
    const result = await dispatcher.dispatch('roster/drop', {}, as());
    expect(result).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_METHOD', message: expect.stringContaining('roster/drop') },
    });
  });

  it.each([
    ['missing name', { kind: 'city', parentId: null }],
    ['empty name', { name: '  ', kind: 'city', parentId: null }],
    ['unknown kind', { name: '示范市', kind: 'village', parentId: null }],
    ['wrong type', { name: 42, kind: 'city', parentId: null }],
    ['not an object', 'org'],
  ])('validates input (%s) before calling the handler', async (_label, input) => {
    let calls = 0;
    const { dispatcher } = dispatcherWith({ 'org/create': () => ((calls += 1), orgNode) });
    const result = await dispatcher.dispatch('org/create', input, as());
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_INPUT');
      expect(Array.isArray(result.error.details)).toBe(true);
    }
    expect(calls).toBe(0);
  });

  it('passes the parsed input (trimmed, with defaults) and the actor to the handler', async () => {
    let seen: unknown;
    let actor = '';
    const { dispatcher } = dispatcherWith({
      'org/create': (input: unknown, ctx: CallContext) => {
        seen = input;
        actor = ctx.operator?.displayName ?? '';
        return orgNode;
      },
    });
    const result = await dispatcher.dispatch(
      'org/create',
      { name: ' 示范市 ', kind: 'city', parentId: null },
      as({ displayName: '张老师' }),
    );
    expect(result).toEqual({ ok: true, data: orgNode });
    expect(seen).toEqual({ name: '示范市', kind: 'city', parentId: null });
    expect(actor).toBe('张老师');
  });

  it('turns an AppError into its envelope and anything else into INTERNAL', async () => {
    const { dispatcher, logged } = dispatcherWith({
      'org/delete': () => {
        throw new AppError('CONFLICT', '还有下级单位', { children: 2 });
      },
      'org/tree': () => {
        throw new TypeError('boom');
      },
    });
    expect(await dispatcher.dispatch('org/delete', { id: 'x' }, as())).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '还有下级单位', details: { children: 2 } },
    });
    const internal = await dispatcher.dispatch('org/tree', {}, as());
    expect(internal.ok).toBe(false);
    if (!internal.ok) expect(internal.error.code).toBe('INTERNAL');
    expect(logged).toEqual(['org/tree']);
  });

  it('refuses handler output that breaks the contract', async () => {
    const { dispatcher, logged } = dispatcherWith({ 'org/tree': () => ({ nodes: [{ id: 1 }] }) });
    const result = await dispatcher.dispatch('org/tree', {}, as());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('INTERNAL');
    expect(logged).toEqual(['org/tree']);
  });

  it('reports progress of jobs with their id, cancels them, and refuses a second run of the same id', async () => {
    let release: () => void = () => undefined;
    const { dispatcher } = dispatcherWith({
      'setup/demo': (_input: unknown, ctx: CallContext) =>
        new Promise((resolve, reject) => {
          ctx.progress({ phase: 'write', message: '进行中', done: 1, total: 2 });
          ctx.signal.addEventListener('abort', () => reject(new Error('aborted')));
          release = () => resolve({ orgUnits: 1, teachers: 100, accounts: 6 });
        }),
    });
    const progress: JobProgressEvent[] = [];
    const first = dispatcher.dispatch(
      'setup/demo',
      { jobId: 'job-0001' },
      as({}, { onProgress: (e) => progress.push(e) }),
    );
    const second = await dispatcher.dispatch('setup/demo', { jobId: 'job-0001' }, as());
    expect(second.ok ? null : second.error.code).toBe('CONFLICT');
    expect(dispatcher.cancel('job-0001')).toBe(true);
    const result = await first;
    expect(result.ok ? null : result.error.code).toBe('CANCELLED');
    expect(progress).toEqual([
      { jobId: 'job-0001', phase: 'write', message: '进行中', done: 1, total: 2 },
    ]);
    expect(dispatcher.cancel('job-0001')).toBe(false);
    release();
  });
});

describe('effects', () => {
  it('runs a write inside the write path, with its transaction and an audit note', async () => {
    let seenTx: Tx | undefined;
    const { dispatcher, calls, tx } = dispatcherWith({
      'org/delete': (_input: unknown, ctx: CallContext) => {
        seenTx = ctx.tx;
        ctx.audit?.({ entityId: 'x', summary: '删除学校：甲' });
        return { deleted: true };
      },
    });
    const result = await dispatcher.dispatch('org/delete', { id: 'x' }, as({ displayName: '张' }));
    expect(result).toEqual({ ok: true, data: { deleted: true } });
    expect(seenTx).toBe(tx);
    expect(calls).toEqual([
      {
        kind: 'write',
        method: 'org/delete',
        action: 'org.delete',
        notes: [{ entityId: 'x', summary: '删除学校：甲' }],
      },
    ]);
  });

  it('runs a read through the read guard, without a transaction', async () => {
    let seenTx: Tx | undefined = {} as Tx;
    const { dispatcher, calls } = dispatcherWith({
      'org/tree': (_input: unknown, ctx: CallContext) => {
        seenTx = ctx.tx;
        return { nodes: [] };
      },
    });
    expect((await dispatcher.dispatch('org/tree', {}, as())).ok).toBe(true);
    expect(seenTx).toBeUndefined();
    expect(calls.map((c) => c.kind)).toEqual(['read']);
  });

  it('audits a disclosure, and a write whose output breaks the contract never commits', async () => {
    const { dispatcher, calls } = dispatcherWith({
      'roster/exportErrors': (_input: unknown, ctx: CallContext) => {
        ctx.audit?.({ summary: '导出错误行 3 行' });
        return { fileName: 'x.xlsx', savedTo: '/x.xlsx', handle: null, downloadUrl: null, rows: 3 };
      },
      'org/create': () => ({ wrong: true }),
    });
    expect((await dispatcher.dispatch('roster/exportErrors', { importId: 'i' }, as())).ok).toBe(
      true,
    );
    const bad = await dispatcher.dispatch(
      'org/create',
      { name: '甲', kind: 'city', parentId: null },
      as(),
    );
    expect(bad.ok ? null : bad.error.code).toBe('INTERNAL');
    expect(calls.map((c) => [c.kind, c.action])).toEqual([
      ['disclose', 'roster.export.errors'],
      ['write', 'org.create'],
    ]);
  });
});

describe('access', () => {
  const tree = { 'org/tree': () => ({ nodes: [] }) };

  it('refuses an operator without the right before reading the input, naming the right in Chinese', async () => {
    let calls = 0;
    const { dispatcher } = dispatcherWith({ 'org/create': () => ((calls += 1), orgNode) });
    const result = await dispatcher.dispatch(
      'org/create',
      { not: 'even valid' },
      as({ permissions: ['org.read'] }),
    );
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'FORBIDDEN',
        message: expect.stringContaining('「维护单位」'),
        details: { permission: 'org.edit' },
      },
    });
    expect(calls).toBe(0);
  });

  it.each([
    ['no session after setup', ANONYMOUS, 'UNAUTHENTICATED'],
    [
      'no session before setup',
      { ...ANONYMOUS, identity: { kind: 'anonymous', isSetUp: false } } as const,
      'SETUP_REQUIRED',
    ],
    ['a locked session', { ...as(), identity: identityOf(operator(), true) }, 'SESSION_LOCKED'],
    ['a password to change', as({ mustChangePassword: true }), 'PASSWORD_CHANGE_REQUIRED'],
  ])('refuses %s with its own code', async (_label, options, code) => {
    const { dispatcher } = dispatcherWith(tree);
    const result = await dispatcher.dispatch('org/tree', {}, options);
    expect(result.ok ? 'OK' : result.error.code).toBe(code);
  });

  it('lets a locked session or one that must change its password log out, and anyone see the login state', async () => {
    const { dispatcher } = dispatcherWith({
      'auth/logout': () => ({ isLoggedOut: true }),
      'auth/state': () => ({
        isSetUp: true,
        installation: null,
        session: 'none',
        me: null,
        idleLockMinutes: 15,
        demoAccounts: [],
        demoPassword: null,
      }),
    });
    const locked = { ...as(), identity: identityOf(operator(), true) };
    expect((await dispatcher.dispatch('auth/logout', {}, locked)).ok).toBe(true);
    const mustChange = as({ mustChangePassword: true });
    expect((await dispatcher.dispatch('auth/logout', {}, mustChange)).ok).toBe(true);
    expect((await dispatcher.dispatch('auth/logout', {}, ANONYMOUS)).ok).toBe(false);
    expect((await dispatcher.dispatch('auth/state', {}, ANONYMOUS)).ok).toBe(true);
  });

  it('asks for the second right only when the input asks for full ID numbers', async () => {
    const saved = {
      fileName: 'a.xlsx',
      savedTo: null,
      handle: null,
      downloadUrl: null,
      rows: 0,
    };
    const { dispatcher } = dispatcherWith({ 'roster/export': () => saved });
    const officer = as({ permissions: ['roster.read', 'roster.export'] });
    const masked = await dispatcher.dispatch('roster/export', { jobId: 'job-mask-1' }, officer);
    expect(masked.ok).toBe(true);
    const full = await dispatcher.dispatch(
      'roster/export',
      { jobId: 'job-full-1', includeFullIdNumber: true },
      officer,
    );
    expect(full.ok ? 'OK' : full.error.code).toBe('FORBIDDEN');
    expect(full.ok ? '' : full.error.message).toContain('导出完整身份证号');
  });

  it('hands the handler the operator and their scope, never anything from the input', async () => {
    let seen: CallContext | null = null;
    const { dispatcher } = dispatcherWith({
      'org/tree': (_input: unknown, ctx: CallContext) => {
        seen = ctx;
        return { nodes: [] };
      },
    });
    await dispatcher.dispatch(
      'org/tree',
      { operatorId: 'admin-1', homeUnitId: 'elsewhere' },
      as({ id: 'op-7', homeUnitId: 'district-a' }),
    );
    const ctx = seen as CallContext | null;
    expect(ctx?.operator?.id).toBe('op-7');
    expect(ctx?.scope).toEqual({ rootId: 'district-a' });
  });
});

describe('contract and handler maps', () => {
  it('declares for every method what it does to the data; writes and disclosures say it in Chinese', () => {
    for (const [name, spec] of Object.entries(contract)) {
      const effect = spec.effect as unknown;
      if (effect === 'read' || effect === 'scratch') continue;
      expect(effect, name).toMatchObject({ kind: expect.stringMatching(/^(write|disclose)$/) });
      const declared = effect as { action: string; label: string; entity: string };
      expect(declared.action, name).toMatch(/^[a-z]+(\.[a-z-]+)+$/);
      expect(declared.label, name).toMatch(/^\p{Script=Han}/u);
      expect(declared.entity, name).toMatch(/^[a-z_]+$/);
    }
  });

  it('declares the methods that change data as writes', () => {
    const writes = Object.entries(contract)
      .filter(([, spec]) => typeof spec.effect === 'object' && spec.effect.kind === 'write')
      .map(([name]) => name)
      .sort();
    expect(writes).toEqual(
      [
        'auth/changePassword',
        'auth/login',
        'auth/logout',
        'auth/unlock',
        'operators/create',
        'operators/resetPassword',
        'operators/unlock',
        'operators/update',
        'settings/update',
        'setup/complete',
        'setup/demo',
        'tokens/create',
        'tokens/revoke',
        'projects/create',
        'projects/saveBatches',
        'projects/saveCourses',
        'quotas/set',
        'quotas/reclaim',
        'enrollment/enroll',
        'enrollment/withdraw',
        'enrollment/swap',
        'enrollment/waitlist',
        'enrollment/leaveWaitlist',
        'enrollment/recordBan',
        'org/create',
        'org/delete',
        'org/importCommit',
        'org/update',
        'roster/create',
        'roster/delete',
        'roster/importCommit',
        'roster/update',
        'rules/delete',
        'rules/save',
      ].sort(),
    );
  });

  it('declares for every method who may call it: public, session, signed in, or a known right', () => {
    for (const [name, spec] of Object.entries(contract)) {
      const access = (spec as { access?: Access }).access;
      expect(access, name).toBeDefined();
      if (access?.kind === 'permission') {
        expect(isPermission(access.permission), name).toBe(true);
        if (access.alsoWhen) expect(isPermission(access.alsoWhen.permission), name).toBe(true);
      } else {
        expect(['public', 'session', 'signedIn'], name).toContain(access?.kind);
      }
    }
  });

  it('keeps the public methods to the login screen and the first-run setup', () => {
    const open = Object.entries(contract)
      .filter(([, spec]) => spec.access.kind === 'public')
      .map(([name]) => name)
      .sort();
    expect(open).toEqual(
      ['auth/login', 'auth/state', 'setup/complete', 'setup/demo', 'setup/units'].sort(),
    );
  });

  it('uses every right of the catalogue in some method (no right that guards nothing)', () => {
    const used = new Set<string>();
    for (const spec of Object.values(contract)) {
      if (spec.access.kind !== 'permission') continue;
      used.add(spec.access.permission);
      if (spec.access.alsoWhen) used.add(spec.access.alsoWhen.permission);
    }
    expect([...used].sort()).toEqual([...PERMISSION_CODES].sort());
  });

  it('names every method <feature>/<verb> and declares input and output schemas', () => {
    for (const [name, spec] of Object.entries(contract)) {
      expect(name).toMatch(/^[a-z][a-zA-Z]*\/[a-z][a-zA-Z]*$/);
      expect(spec.input).toBeInstanceOf(z.ZodType);
      expect(spec.output).toBeInstanceOf(z.ZodType);
    }
  });

  it('refuses a method declared twice, and malformed names', () => {
    const a = { 'x/get': method(z.object({}), z.object({}), 'read', SIGNED_IN) };
    expect(() =>
      mergeContract(a, { 'x/get': method(z.object({}), z.string(), 'read', SIGNED_IN) }),
    ).toThrow(/declared twice/);
    expect(() =>
      mergeContract({ 'x-get': method(z.object({}), z.object({}), 'read', SIGNED_IN) }),
    ).toThrow(/not of the form/);
  });

  it('refuses handler maps that miss or add methods, or handle one twice', () => {
    expect(() => assertHandlersCoverContract({})).toThrow(/Missing: \[.*org\/tree/);
    const all = Object.fromEntries(Object.keys(contract).map((name) => [name, () => undefined]));
    expect(() => assertHandlersCoverContract(all)).not.toThrow();
    expect(() => assertHandlersCoverContract({ ...all, 'x/extra': () => undefined })).toThrow(
      /extra: \[x\/extra\]/,
    );
    expect(() => mergeHandlers({ 'org/tree': () => 1 }, { 'org/tree': () => 2 })).toThrow(
      /two handlers/,
    );
  });
});
