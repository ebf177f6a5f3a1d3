import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileHandles } from '../../../electron/core/file-handles';
import { isAppError } from '@shared/api/envelope';

const dirs: string[] = [];
function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'traindesk-handles-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function codeOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    return isAppError(error) ? error.code : 'THROWN';
  }
}

describe('FileHandles', () => {
  it('gives opaque handles for chosen paths and resolves them by kind only', () => {
    const files = new FileHandles(dataDir());
    const ref = files.registerPath('/home/user/花名册.xlsx', 'in');
    expect(ref.handle).toMatch(/^[\w-]{32}$/);
    expect(ref.fileName).toBe('花名册.xlsx');
    expect(files.resolve(ref.handle, 'in')).toMatchObject({
      path: path.resolve('/home/user/花名册.xlsx'),
      isOwned: false,
    });
    expect(codeOf(() => files.resolve(ref.handle, 'out'))).toBe('NOT_FOUND');
    expect(codeOf(() => files.resolve('../../etc/passwd', 'in'))).toBe('NOT_FOUND');
    expect(codeOf(() => files.resolve('x'.repeat(32), 'in'))).toBe('NOT_FOUND');
  });

  it('deletes its own files on release, never a chosen one', () => {
    const dir = dataDir();
    const files = new FileHandles(dir);
    const chosen = path.join(dir, 'chosen.xlsx');
    fs.writeFileSync(chosen, 'x');
    const ref = files.registerPath(chosen, 'out');
    files.release(ref.handle);
    expect(fs.existsSync(chosen)).toBe(true);
    const owned = files.createOwned('导出.xlsx', 'out');
    fs.writeFileSync(owned.path, 'y');
    files.release(owned.handle);
    expect(fs.existsSync(owned.path)).toBe(false);
    expect(fs.readdirSync(files.dir)).toEqual([]);
  });

  it('expires handles and purges expired and stray files, keeping live ones', () => {
    let now = 1_000_000;
    const files = new FileHandles(dataDir(), 60_000, () => now);
    const old = files.createOwned('旧.xlsx', 'in');
    fs.writeFileSync(old.path, 'old');
    now += 30_000;
    const fresh = files.createOwned('新.xlsx', 'in');
    fs.writeFileSync(fresh.path, 'new');
    now += 40_000;
    expect(codeOf(() => files.resolve(old.handle, 'in'))).toBe('NOT_FOUND');
    expect(files.purgeExpired()).toBe(1);
    expect(fs.existsSync(old.path)).toBe(false);
    expect(files.resolve(fresh.handle, 'in').path).toBe(fresh.path);
  });

  it('removes the folders where the released version kept uploads and exports', () => {
    const dir = dataDir();
    for (const legacy of ['uploads', 'exports']) {
      fs.mkdirSync(path.join(dir, legacy));
      fs.writeFileSync(path.join(dir, legacy, 'roster.xlsx'), 'ID numbers');
    }
    new FileHandles(dir).purgeLegacyFolders(dir);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
