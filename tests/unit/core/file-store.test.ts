/** Export and error-workbook names carry the local time the user saw, not UTC. */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localStamp, timestampedPath } from '../../../electron/services/files/file-store';
import { TempDirs } from '../../support/temp-dir';

const dirs = new TempDirs();
let savedTz: string | undefined;

beforeEach(() => {
  savedTz = process.env.TZ;
});
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
  dirs.cleanup();
});

describe('timestampedPath', () => {
  it('names a 00:47 Beijing-time export after 00:47 of that day', () => {
    process.env.TZ = 'Asia/Shanghai';
    const dir = dirs.make('file-store');
    const target = timestampedPath(dir, 'exports', '教师花名册.xlsx', '2026-03-01T16:47:05.000Z');
    expect(path.basename(target)).toBe('20260302-004705-教师花名册.xlsx');
    expect(path.dirname(target)).toBe(path.join(dir, 'exports'));
  });

  it('follows the machine zone, whatever it is', () => {
    process.env.TZ = 'America/New_York';
    expect(localStamp('2026-03-01T16:47:05.000Z')).toBe('20260301-114705');
    process.env.TZ = 'UTC';
    expect(localStamp('2026-03-01T16:47:05+08:00')).toBe('20260301-084705');
  });
});
