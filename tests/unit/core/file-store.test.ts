/** Export, error-workbook and template names carry the local time the user saw, not UTC. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '@shared/api/envelope';
import { downloadName, writeFailure } from '../../../electron/services/files/saved-file';

let savedTz: string | undefined;

beforeEach(() => {
  savedTz = process.env.TZ;
});
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('downloadName', () => {
  it('names a 00:47 Beijing-time export after 00:47 of that day', () => {
    process.env.TZ = 'Asia/Shanghai';
    expect(downloadName('教师花名册', '2026-03-01T16:47:05.000Z')).toBe(
      '教师花名册-20260302-004705.xlsx',
    );
  });

  it('follows the machine zone, whatever it is', () => {
    process.env.TZ = 'America/New_York';
    expect(downloadName('x', '2026-03-01T16:47:05.000Z')).toBe('x-20260301-114705.xlsx');
    process.env.TZ = 'UTC';
    expect(downloadName('x', '2026-03-01T16:47:05+08:00')).toBe('x-20260301-084705.xlsx');
  });
});

describe('writeFailure', () => {
  it.each([
    ['EACCES', '没有写入该位置的权限'],
    ['EISDIR', '文件夹'],
    ['ENOENT', '不存在'],
    ['ENAMETOOLONG', '太长'],
    ['ENOSPC', '磁盘空间不足'],
  ])('says %s in Chinese, as a file problem', (code, words) => {
    const raw = Object.assign(new Error(`${code}: raw English`), { code });
    const mapped = writeFailure(raw, '花名册.xlsx');
    expect(isAppError(mapped)).toBe(true);
    if (!isAppError(mapped)) return;
    expect(mapped.code).toBe('BAD_FILE');
    expect(mapped.message).toContain(words);
    expect(mapped.message).toContain('花名册.xlsx');
    expect(mapped.message.replace('花名册.xlsx', '')).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('leaves other errors as they are', () => {
    const other = new TypeError('bug');
    expect(writeFailure(other, 'x.xlsx')).toBe(other);
  });
});
