/**
 * Where the database key comes from: the environment, an owner-only key file, or a key wrapped by
 * the OS keychain (here a fake keychain, a real XOR implementation, not a mock).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type AppError, isAppError } from '@shared/api/envelope';
import {
  DB_KEY_ENV_VAR,
  KEY_FILE_NAME,
  type KeyWrapper,
  WRAPPED_KEY_FILE_NAME,
  resolveDbKey,
  resolveWrappedDbKey,
} from '../../electron/db/db-key';
import { openDatabase } from '../../electron/db/open-database';
import { TempDirs } from '../support/temp-dir';

const isPosix = process.platform !== 'win32';
const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

/** A keychain stand-in: XOR with a per-instance secret, tagged so a foreign secret is detected. */
class XorKeyWrapper implements KeyWrapper {
  constructor(
    private readonly secret: string,
    private readonly isUp = true,
  ) {}

  isAvailable(): boolean {
    return this.isUp;
  }

  encrypt(plain: string): Buffer {
    if (!this.isUp) throw new Error('keychain unavailable');
    return Buffer.from(
      `xor1:${this.tag()}:${this.xor(Buffer.from(plain, 'utf8')).toString('base64')}`,
      'utf8',
    );
  }

  decrypt(data: Buffer): string {
    if (!this.isUp) throw new Error('keychain unavailable');
    const [version, tag, body] = data.toString('utf8').split(':');
    if (version !== 'xor1' || tag !== this.tag() || body === undefined)
      throw new Error('Error while decrypting');
    return this.xor(Buffer.from(body, 'base64')).toString('utf8');
  }

  private xor(bytes: Buffer): Buffer {
    const secret = Buffer.from(this.secret, 'utf8');
    return Buffer.from(bytes.map((b, i) => b ^ (secret[i % secret.length] ?? 0)));
  }

  private tag(): string {
    return Buffer.from(this.secret).toString('hex').slice(0, 8);
  }
}

function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

function modeOf(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

describe('key file (serve / CLI)', () => {
  it('is created on first run with 32 random bytes, owner-only, and reused after', () => {
    const dataDir = path.join(dirs.make('keyfile'), 'data');
    const first = resolveDbKey({ dataDir, env: {} });
    expect(first.source).toBe('keyfile');
    expect(first.key).toMatch(/^[0-9a-f]{64}$/);
    const keyPath = path.join(dataDir, KEY_FILE_NAME);
    expect(fs.readFileSync(keyPath, 'utf8').trim()).toBe(first.key);
    if (isPosix) expect(modeOf(keyPath)).toBe(0o600);
    expect(fs.readdirSync(dataDir)).toEqual([KEY_FILE_NAME]);

    expect(resolveDbKey({ dataDir, env: {} })).toEqual(first);
    expect(resolveDbKey({ dataDir: dirs.make('keyfile'), env: {} }).key).not.toBe(first.key);
  });

  it.runIf(isPosix).each(['0640', '0604', '0644', '0660', '0666', '0610'])(
    'is refused when group or others have access (mode %s)',
    (octal) => {
      const mode = parseInt(octal, 8);
      const dataDir = dirs.make('keyfile');
      resolveDbKey({ dataDir, env: {} });
      const keyPath = path.join(dataDir, KEY_FILE_NAME);
      fs.chmodSync(keyPath, mode);
      const error = caught(() => resolveDbKey({ dataDir, env: {} }));
      expect(error.code).toBe('DB_KEY_INVALID');
      expect(error.message).toContain('权限过于开放');
      expect(error.message).toContain(`chmod 600 "${keyPath}"`);
    },
  );

  it.runIf(isPosix).each(['0600', '0400'])('is accepted with owner-only mode %s', (octal) => {
    const mode = parseInt(octal, 8);
    const dataDir = dirs.make('keyfile');
    const { key } = resolveDbKey({ dataDir, env: {} });
    fs.chmodSync(path.join(dataDir, KEY_FILE_NAME), mode);
    expect(resolveDbKey({ dataDir, env: {} }).key).toBe(key);
  });

  it.each([
    { label: 'too short', content: 'abc\n' },
    { label: 'empty', content: '' },
    { label: 'containing a quote', content: `${'a'.repeat(40)}"\n` },
  ])('is refused when its content is invalid ($label)', ({ content }) => {
    const dataDir = dirs.make('keyfile');
    fs.writeFileSync(path.join(dataDir, KEY_FILE_NAME), content, { mode: 0o600 });
    expect(caught(() => resolveDbKey({ dataDir, env: {} })).code).toBe('DB_KEY_INVALID');
  });

  it('is not invented for a database that already exists without one', async () => {
    const dataDir = dirs.make('keyfile');
    const { key } = resolveDbKey({ dataDir, env: {} });
    const db = await openDatabase({ dataDir, key });
    await db.close();
    fs.rmSync(path.join(dataDir, KEY_FILE_NAME));

    const error = caught(() => resolveDbKey({ dataDir, env: {} }));
    expect(error.code).toBe('DB_KEY_INVALID');
    expect(error.message).toContain('找不到它的密钥');
    expect(fs.existsSync(path.join(dataDir, KEY_FILE_NAME))).toBe(false);
  });

  it('opens the same database across restarts', async () => {
    const dataDir = dirs.make('keyfile');
    for (let run = 0; run < 2; run += 1) {
      const db = await openDatabase({ dataDir, key: resolveDbKey({ dataDir, env: {} }).key });
      await db.close();
    }
  });
});

describe(`${DB_KEY_ENV_VAR}`, () => {
  const envKey = 'E'.repeat(8) + '0123456789abcdef'.repeat(3);

  it('wins over an existing key file, and creates none', () => {
    const withFile = dirs.make('env');
    resolveDbKey({ dataDir: withFile, env: {} });
    expect(resolveDbKey({ dataDir: withFile, env: { [DB_KEY_ENV_VAR]: envKey } })).toEqual({
      key: envKey,
      source: 'env',
    });

    const withoutFile = dirs.make('env');
    expect(resolveDbKey({ dataDir: withoutFile, env: { [DB_KEY_ENV_VAR]: envKey } }).source).toBe(
      'env',
    );
    expect(fs.readdirSync(withoutFile)).toEqual([]);
  });

  it('is ignored when empty', () => {
    expect(resolveDbKey({ dataDir: dirs.make('env'), env: { [DB_KEY_ENV_VAR]: '' } }).source).toBe(
      'keyfile',
    );
  });

  it.each([
    { label: '31 characters', value: 'a'.repeat(31) },
    { label: 'a space', value: `${'a'.repeat(20)} ${'b'.repeat(20)}` },
    { label: 'a quote', value: `${'a'.repeat(40)}'` },
    { label: 'a backslash', value: `${'a'.repeat(40)}\\` },
    { label: 'non-ASCII', value: '密'.repeat(40) },
  ])('is rejected with $label', ({ value }) => {
    const error = caught(() =>
      resolveDbKey({ dataDir: dirs.make('env'), env: { [DB_KEY_ENV_VAR]: value } }),
    );
    expect(error.code).toBe('DB_KEY_INVALID');
    expect(error.message).toContain(DB_KEY_ENV_VAR);
  });

  it('defaults to process.env', () => {
    vi.stubEnv(DB_KEY_ENV_VAR, envKey);
    try {
      expect(resolveDbKey({ dataDir: dirs.make('env') })).toEqual({ key: envKey, source: 'env' });
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('wrapped key (desktop, safeStorage)', () => {
  it('round-trips through the keychain and never stores the key in clear', () => {
    const dataDir = dirs.make('wrapped');
    const keychain = new XorKeyWrapper('钥匙串-secret');
    const first = resolveWrappedDbKey({ dataDir, wrapper: keychain });
    expect(first).toEqual({
      key: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
      source: 'safeStorage',
    });

    const wrappedPath = path.join(dataDir, WRAPPED_KEY_FILE_NAME);
    expect(fs.readdirSync(dataDir)).toEqual([WRAPPED_KEY_FILE_NAME]);
    expect(fs.readFileSync(wrappedPath).includes(Buffer.from(first.key))).toBe(false);
    if (isPosix) expect(modeOf(wrappedPath)).toBe(0o600);

    expect(resolveWrappedDbKey({ dataDir, wrapper: keychain })).toEqual(first);
  });

  it('cannot be unwrapped by another keychain (another user or machine)', () => {
    const dataDir = dirs.make('wrapped');
    resolveWrappedDbKey({ dataDir, wrapper: new XorKeyWrapper('mine') });
    const error = caught(() =>
      resolveWrappedDbKey({ dataDir, wrapper: new XorKeyWrapper('theirs') }),
    );
    expect(error.code).toBe('DB_KEY_INVALID');
    expect(error.message).toContain('无法用系统密钥服务解开');
  });

  it('falls back to the key file with a warning when the keychain is unavailable', () => {
    const dataDir = dirs.make('wrapped');
    const result = resolveWrappedDbKey({ dataDir, wrapper: new XorKeyWrapper('x', false) });
    expect(result.source).toBe('keyfile');
    expect(result.warning).toContain('较弱');
    expect(fs.readFileSync(path.join(dataDir, KEY_FILE_NAME), 'utf8').trim()).toBe(result.key);
    expect(fs.existsSync(path.join(dataDir, WRAPPED_KEY_FILE_NAME))).toBe(false);
  });

  it('moves a fallback key file into the keychain once it is available', () => {
    const dataDir = dirs.make('wrapped');
    const fallback = resolveWrappedDbKey({ dataDir, wrapper: new XorKeyWrapper('k', false) });
    const keychain = new XorKeyWrapper('k');
    expect(resolveWrappedDbKey({ dataDir, wrapper: keychain })).toEqual({
      key: fallback.key,
      source: 'safeStorage',
    });
    expect(fs.readdirSync(dataDir)).toEqual([WRAPPED_KEY_FILE_NAME]);
    expect(resolveWrappedDbKey({ dataDir, wrapper: keychain }).key).toBe(fallback.key);
  });

  it('refuses, rather than inventing a new key, when the keychain holding the key is unavailable', () => {
    const dataDir = dirs.make('wrapped');
    resolveWrappedDbKey({ dataDir, wrapper: new XorKeyWrapper('k') });
    const error = caught(() =>
      resolveWrappedDbKey({ dataDir, wrapper: new XorKeyWrapper('k', false) }),
    );
    expect(error.code).toBe('DB_KEY_INVALID');
    expect(fs.readdirSync(dataDir)).toEqual([WRAPPED_KEY_FILE_NAME]);
  });

  it('opens the database with the unwrapped key across restarts', async () => {
    const dataDir = dirs.make('wrapped');
    const keychain = new XorKeyWrapper('k');
    for (let run = 0; run < 2; run += 1) {
      const db = await openDatabase({
        dataDir,
        key: resolveWrappedDbKey({ dataDir, wrapper: keychain }).key,
      });
      await db.close();
    }
    expect(fs.readdirSync(dataDir).sort()).toEqual(['traindesk.db', WRAPPED_KEY_FILE_NAME]);
  });
});
