// Remembered view preferences: a stored value that is missing, corrupt or of an older shape must
// fall back quietly, and a storage that refuses writes must not break the view.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  isString,
  isStringArray,
  isStringOrNull,
  readStored,
  writeStored,
} from '../../../renderer/src/components/use-stored-state';

/** An in-memory Storage, optionally failing the way a full or disabled localStorage does. */
class MemoryStorage implements Storage {
  readonly items = new Map<string, string>();
  isBroken = false;

  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    if (this.isBroken) throw new Error('SecurityError');
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.isBroken) throw new Error('QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    if (this.isBroken) throw new Error('SecurityError');
    this.items.delete(key);
  }
}

let storage: MemoryStorage;

beforeEach(() => {
  storage = new MemoryStorage();
  vi.stubGlobal('localStorage', storage);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('writeStored and readStored', () => {
  it.each<[string, unknown]>([
    ['a string', 'd-donghu'],
    ['null', null],
    ['a list', ['p', 'c-shifan']],
    ['an object', { columnOrder: { orderedColIds: ['name'] } }],
  ])('round-trips %s under the traindesk. prefix', (_name, value) => {
    writeStored('org.selected', value);
    expect([...storage.items.keys()]).toEqual(['traindesk.org.selected']);
    expect(readStored('org.selected', (v): v is unknown => v !== undefined)).toEqual(value);
  });

  it('removes the preference when the value is undefined', () => {
    writeStored('org.selected', 'd-donghu');
    writeStored('org.selected', undefined);
    expect(storage.items.size).toBe(0);
  });

  it.each<[string, string | null]>([
    ['nothing stored', null],
    ['corrupt JSON', '{"orderedColIds": ['],
    ['a value of another shape (an older build)', '{"expanded": true}'],
    ['a number where a string was expected', '42'],
  ])('reads %s as undefined', (_name, raw) => {
    if (raw !== null) storage.items.set('traindesk.org.selected', raw);
    expect(readStored('org.selected', isString)).toBeUndefined();
  });

  it('reads undefined when storage is unavailable', () => {
    storage.items.set('traindesk.org.selected', '"d-donghu"');
    storage.isBroken = true;
    expect(readStored('org.selected', isString)).toBeUndefined();
  });

  it('does not throw when storage refuses the write', () => {
    storage.isBroken = true;
    expect(() => writeStored('org.selected', 'd-donghu')).not.toThrow();
    expect(() => writeStored('org.selected', undefined)).not.toThrow();
  });

  it('does not read another key', () => {
    writeStored('org.expanded', ['p']);
    expect(readStored('org.selected', isStringArray)).toBeUndefined();
    expect(readStored('org.expanded', isStringArray)).toEqual(['p']);
  });
});

describe('validators', () => {
  it.each<[unknown, boolean, boolean, boolean]>([
    // value, isString, isStringOrNull, isStringArray
    ['d-donghu', true, true, false],
    ['', true, true, false],
    [null, false, true, false],
    [undefined, false, false, false],
    [42, false, false, false],
    [[], false, false, true],
    [['p', 'c'], false, false, true],
    [['p', 1], false, false, false],
    [{ 0: 'p', length: 1 }, false, false, false],
  ])('%j', (value, string, stringOrNull, stringArray) => {
    expect(isString(value)).toBe(string);
    expect(isStringOrNull(value)).toBe(stringOrNull);
    expect(isStringArray(value)).toBe(stringArray);
  });
});
