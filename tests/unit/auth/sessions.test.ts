import { describe, expect, it } from 'vitest';
import { SESSION_LIFETIME_MS, SessionStore } from '../../../electron/core/sessions';

describe('session store', () => {
  it('finds a session by its token only, never by what it keeps', () => {
    const store = new SessionStore(() => 1000);
    const { token, record } = store.begin('op-1', 0);
    expect(store.find(token)).toBe(record);
    expect(store.find(record.key)).toBeNull();
    expect(store.find(`${token}x`)).toBeNull();
    expect(store.find('')).toBeNull();
    expect(store.find(null)).toBeNull();
    expect(record.key).not.toContain(token);
  });

  it('locks after the idle time, unlocks, and ends after its lifetime', () => {
    let now = 0;
    const store = new SessionStore(() => now);
    const { token, record } = store.begin('op-1', 0);
    now = 15 * 60_000;
    expect(store.lockIfIdle(record, 15 * 60_000)).toBe(false);
    now += 1;
    expect(store.lockIfIdle(record, 15 * 60_000)).toBe(true);
    store.unlock(record);
    expect(store.lockIfIdle(record, 15 * 60_000)).toBe(false);
    now = SESSION_LIFETIME_MS;
    expect(store.find(token)).toBeNull();
  });

  it('ends every session of one operator, and only theirs', () => {
    const store = new SessionStore(() => 0);
    const a = store.begin('op-1', 0);
    const b = store.begin('op-1', 0);
    const c = store.begin('op-2', 0);
    store.endAllOf('op-1');
    expect(store.find(a.token)).toBeNull();
    expect(store.find(b.token)).toBeNull();
    expect(store.find(c.token)).toBe(c.record);
  });
});
