import { describe, expect, it } from 'vitest';
import {
  hashPassword,
  needsRehash,
  SCRYPT_PARAMS,
  verifyPassword,
} from '../../../electron/services/auth/password';

describe('password hashing (scrypt)', () => {
  it('uses memory-hard parameters at least at the OWASP minimum for scrypt, with a random salt per hash', async () => {
    expect(SCRYPT_PARAMS.N).toBeGreaterThanOrEqual(2 ** 15);
    expect(SCRYPT_PARAMS.r).toBeGreaterThanOrEqual(8);
    expect(SCRYPT_PARAMS.saltLength).toBeGreaterThanOrEqual(16);
    const a = await hashPassword('培训-pass-1');
    const b = await hashPassword('培训-pass-1');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('培训-pass-1');
  });

  it('verifies the right password only, and nothing against a malformed hash', async () => {
    const stored = await hashPassword('abcd1234');
    expect(await verifyPassword('abcd1234', stored)).toBe(true);
    expect(await verifyPassword('abcd1235', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
    expect(await verifyPassword('abcd1234', 'plain-text')).toBe(false);
    expect(await verifyPassword('abcd1234', 'scrypt$3$8$1$AAAA$BBBB')).toBe(false);
  });

  it('asks for a new hash when the stored one used weaker parameters', async () => {
    expect(needsRehash(await hashPassword('abcd1234'))).toBe(false);
    expect(needsRehash('scrypt$16384$8$1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5')).toBe(true);
  });
});
