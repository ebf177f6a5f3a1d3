import fs from 'node:fs';
import { PRESETS as OPERATOR_PRESETS } from '../../../migrations/1765100000000-Operators';
import { GRANTS as PROJECT_GRANTS } from '../../../migrations/1765300000000-Projects';
import { GRANTS as ENROLLMENT_GRANTS } from '../../../migrations/1765400000000-Enrollment';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  isPermission,
  PERMISSION_CODES,
  PERMISSION_GROUPS,
  PERMISSIONS,
  ROLE_PRESETS,
} from '@shared/domain/auth/permissions';

describe('rights and role presets', () => {
  it('names every right in Chinese and groups each exactly once', () => {
    for (const code of PERMISSION_CODES) expect(PERMISSIONS[code]).toMatch(/\p{Script=Han}/u);
    const grouped = PERMISSION_GROUPS.flatMap((g) => g.permissions);
    expect([...grouped].sort()).toEqual([...PERMISSION_CODES].sort());
    expect(new Set(grouped).size).toBe(grouped.length);
  });

  it('ships the five preset roles with known rights only', () => {
    expect(ROLE_PRESETS.map((r) => r.code)).toEqual([
      'admin',
      'project_admin',
      'school_officer',
      'finance',
      'viewer',
    ]);
    for (const role of ROLE_PRESETS) {
      expect(role.name).toMatch(/\p{Script=Han}/u);
      expect(role.permissions.every(isPermission)).toBe(true);
      expect(new Set(role.permissions).size).toBe(role.permissions.length);
    }
  });

  it('keeps the administrator out of training decisions and teachers, and the viewer read-only', () => {
    const rights = (code: string) => ROLE_PRESETS.find((r) => r.code === code)?.permissions ?? [];
    expect(rights('admin')).toContain('operators.manage');
    expect(rights('admin').some((p) => p.startsWith('roster.') || p === 'rules.edit')).toBe(false);
    expect(rights('viewer').every((p) => p.endsWith('.read'))).toBe(true);
    expect(rights('school_officer')).not.toContain('roster.exportFullId');
    expect(rights('school_officer')).not.toContain('org.edit');
    expect(rights('project_admin')).not.toContain('operators.manage');
  });

  it('are what docs/operators.md says, right by right and role by role', () => {
    const doc = fs.readFileSync(path.resolve(__dirname, '../../../docs/operators.md'), 'utf8');
    const order = ['admin', 'project_admin', 'school_officer', 'finance', 'viewer'];
    const rows = [...doc.matchAll(/^\| `([a-z]+\.[A-Za-z]+)` \| ([^|]+) \|(.*)\|$/gm)];
    expect(rows.map((r) => r[1]).sort()).toEqual([...PERMISSION_CODES].sort());
    for (const row of rows) {
      const code = row[1] as keyof typeof PERMISSIONS;
      expect(row[2]?.trim(), code).toBe(PERMISSIONS[code]);
      const marks = (row[3] ?? '').split('|').map((cell) => cell.includes('✓'));
      const holders = order.filter((_, i) => marks[i]);
      const expected = order.filter((role) =>
        ROLE_PRESETS.find((r) => r.code === role)?.permissions.includes(code),
      );
      expect(holders, code).toEqual(expected);
    }
  });

  it('are what the migrations wrote (their frozen copies add up to the catalogue)', () => {
    for (const role of ROLE_PRESETS) {
      const created = OPERATOR_PRESETS.find((p) => p.code === role.code);
      expect(created?.name, role.code).toBe(role.name);
      const rights = [
        ...(created?.rights ?? []),
        ...(PROJECT_GRANTS[role.code] ?? []),
        ...(ENROLLMENT_GRANTS[role.code] ?? []),
      ];
      expect([...rights].sort(), role.code).toEqual([...role.permissions].sort());
    }
  });
});
