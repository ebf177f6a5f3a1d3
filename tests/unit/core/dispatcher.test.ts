import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract } from '@shared/api/contract';
import { method, mergeContract } from '@shared/api/define';
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
    const result = await dispatcher.dispatch('roster/drop', {}, { actor: 't' });
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
    const result = await dispatcher.dispatch('org/create', input, { actor: 't' });
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
        actor = ctx.actor;
        return orgNode;
      },
    });
    const result = await dispatcher.dispatch(
      'org/create',
      { name: ' 示范市 ', kind: 'city', parentId: null },
      { actor: '张老师' },
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
    expect(await dispatcher.dispatch('org/delete', { id: 'x' }, { actor: 't' })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '还有下级单位', details: { children: 2 } },
    });
    const internal = await dispatcher.dispatch('org/tree', {}, { actor: 't' });
    expect(internal.ok).toBe(false);
    if (!internal.ok) expect(internal.error.code).toBe('INTERNAL');
    expect(logged).toEqual(['org/tree']);
  });

  it('refuses handler output that breaks the contract', async () => {
    const { dispatcher, logged } = dispatcherWith({ 'org/tree': () => ({ nodes: [{ id: 1 }] }) });
    const result = await dispatcher.dispatch('org/tree', {}, { actor: 't' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('INTERNAL');
    expect(logged).toEqual(['org/tree']);
  });

  it('reports progress of jobs with their id, cancels them, and refuses a second run of the same id', async () => {
    let release: () => void = () => undefined;
    const { dispatcher } = dispatcherWith({
      'demo/create': (_input: unknown, ctx: CallContext) =>
        new Promise((resolve, reject) => {
          ctx.progress({ phase: 'write', message: '进行中', done: 1, total: 2 });
          ctx.signal.addEventListener('abort', () => reject(new Error('aborted')));
          release = () => resolve({ orgUnits: 1, teachers: 100, rootId: 'r' });
        }),
    });
    const progress: JobProgressEvent[] = [];
    const first = dispatcher.dispatch(
      'demo/create',
      { jobId: 'job-0001' },
      { actor: 't', onProgress: (e) => progress.push(e) },
    );
    const second = await dispatcher.dispatch('demo/create', { jobId: 'job-0001' }, { actor: 't' });
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
    const result = await dispatcher.dispatch('org/delete', { id: 'x' }, { actor: '张' });
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
    expect((await dispatcher.dispatch('org/tree', {}, { actor: 't' })).ok).toBe(true);
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
    expect(
      (await dispatcher.dispatch('roster/exportErrors', { importId: 'i' }, { actor: 't' })).ok,
    ).toBe(true);
    const bad = await dispatcher.dispatch(
      'org/create',
      { name: '甲', kind: 'city', parentId: null },
      { actor: 't' },
    );
    expect(bad.ok ? null : bad.error.code).toBe('INTERNAL');
    expect(calls.map((c) => [c.kind, c.action])).toEqual([
      ['disclose', 'roster.export.errors'],
      ['write', 'org.create'],
    ]);
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
        'demo/create',
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

  it('names every method <feature>/<verb> and declares input and output schemas', () => {
    for (const [name, spec] of Object.entries(contract)) {
      expect(name).toMatch(/^[a-z][a-zA-Z]*\/[a-z][a-zA-Z]*$/);
      expect(spec.input).toBeInstanceOf(z.ZodType);
      expect(spec.output).toBeInstanceOf(z.ZodType);
    }
  });

  it('refuses a method declared twice, and malformed names', () => {
    const a = { 'x/get': method(z.object({}), z.object({}), 'read') };
    expect(() => mergeContract(a, { 'x/get': method(z.object({}), z.string(), 'read') })).toThrow(
      /declared twice/,
    );
    expect(() => mergeContract({ 'x-get': method(z.object({}), z.object({}), 'read') })).toThrow(
      /not of the form/,
    );
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
