// Calls started before React renders (renderer/src/api/early-calls.ts): a view takes the early
// answer of exactly its call, once; a refused, failed, stale or different early call is never
// used, and the view's own call is made (and reports as usual) instead.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const wire = vi.hoisted(() => ({
  quiet: vi.fn<(method: string, input: unknown) => Promise<{ data: unknown } | null>>(),
  call: vi.fn<(method: string, input: unknown) => Promise<unknown>>(),
}));

vi.mock('../../../renderer/src/api/client', () => ({
  callQuietly: wire.quiet,
  call: wire.call,
}));

const { EARLY_MAX_AGE_MS, callKey, callOrTakeEarly, dropEarlyCalls, startEarly } =
  await import('../../../renderer/src/api/early-calls');

beforeEach(() => {
  wire.quiet.mockReset();
  wire.call.mockReset();
  wire.call.mockResolvedValue('asked now');
});

afterEach(() => {
  dropEarlyCalls();
  vi.useRealTimers();
});

describe('early calls', () => {
  it('gives the early answer to the same call, once', async () => {
    wire.quiet.mockResolvedValue({ data: 'asked early' });
    startEarly('system/info', {});
    expect(wire.quiet).toHaveBeenCalledTimes(1);

    await expect(callOrTakeEarly('system/info', {})).resolves.toBe('asked early');
    expect(wire.call).not.toHaveBeenCalled();
    // Taken: the next ask (a reload, another view) reads the core again.
    await expect(callOrTakeEarly('system/info', {})).resolves.toBe('asked now');
    expect(wire.call).toHaveBeenCalledTimes(1);
  });

  it('starts a call only once', () => {
    wire.quiet.mockResolvedValue({ data: 1 });
    startEarly('auth/state', {});
    startEarly('auth/state', {});
    expect(wire.quiet).toHaveBeenCalledTimes(1);
  });

  it('matches the input whatever the order of its keys, and nothing else', async () => {
    expect(callKey('roster/list', { offset: 0, limit: 100, sort: [] })).toBe(
      callKey('roster/list', { sort: [], limit: 100, offset: 0 }),
    );
    wire.quiet.mockResolvedValue({ data: 'first block' });
    startEarly('roster/list', { sort: [], offset: 0, limit: 100 });

    // Another block, another sort, another method: asked now.
    await expect(
      callOrTakeEarly('roster/list', { sort: [], offset: 100, limit: 100 }),
    ).resolves.toBe('asked now');
    await expect(
      callOrTakeEarly('roster/list', {
        sort: [{ colId: 'name', sort: 'asc' }],
        offset: 0,
        limit: 100,
      }),
    ).resolves.toBe('asked now');
    await expect(callOrTakeEarly('roster/stats', {})).resolves.toBe('asked now');
    await expect(callOrTakeEarly('roster/list', { limit: 100, offset: 0, sort: [] })).resolves.toBe(
      'first block',
    );
  });

  it('asks again, the usual way, when the early call was refused or failed', async () => {
    // Not logged in yet: the early call is refused quietly, the view's own call reports it.
    wire.quiet.mockResolvedValue(null);
    wire.call.mockRejectedValue(new Error('UNAUTHENTICATED'));
    startEarly('system/info', {});
    await expect(callOrTakeEarly('system/info', {})).rejects.toThrow('UNAUTHENTICATED');
    expect(wire.call).toHaveBeenCalledWith('system/info', {});
  });

  it('forgets what was not taken when told (a login, a logout, an unlock)', async () => {
    wire.quiet.mockResolvedValue({ data: 'the session of the start' });
    startEarly('roster/list', { sort: [], offset: 0, limit: 100 });
    dropEarlyCalls();
    await expect(callOrTakeEarly('roster/list', { sort: [], offset: 0, limit: 100 })).resolves.toBe(
      'asked now',
    );
  });

  it('does not use an answer older than the limit', async () => {
    vi.useFakeTimers();
    wire.quiet.mockResolvedValue({ data: 'old' });
    startEarly('system/info', {});
    vi.advanceTimersByTime(EARLY_MAX_AGE_MS + 1);
    await expect(callOrTakeEarly('system/info', {})).resolves.toBe('asked now');
  });
});
