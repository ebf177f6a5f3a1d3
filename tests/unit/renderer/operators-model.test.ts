// 用户与权限's helpers: an operator's status, the search, the unit picker's tree and the rights table.
import { describe, expect, it } from 'vitest';
import { type OperatorRow } from '@shared/api/auth.contract';
import { type OrgNode } from '@shared/api/org.contract';
import { PERMISSION_GROUPS, ROLE_PRESETS } from '@shared/domain/auth/permissions';
import {
  matchesOperator,
  operatorStatus,
  rightsTable,
  roleHolders,
  unitOptions,
} from '../../../renderer/src/features/operators/operators-model';

const NOW = Date.parse('2026-03-01T08:00:00Z');

const row = (patch: Partial<OperatorRow>): OperatorRow => ({
  id: 'o1',
  userName: 'donghu.li',
  displayName: '李明',
  roles: [{ code: 'school_officer', name: '学校培训专干' }],
  homeUnit: { id: 's1', name: '示范市东湖区实验小学', kind: 'school' },
  isActive: true,
  mustChangePassword: false,
  lockedUntil: null,
  lastLoginAt: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  ...patch,
});

describe('operatorStatus', () => {
  it('is active, disabled, or locked until a time still ahead', () => {
    expect(operatorStatus(row({}), NOW)).toEqual({ kind: 'active' });
    expect(operatorStatus(row({ isActive: false }), NOW)).toEqual({ kind: 'disabled' });
    expect(operatorStatus(row({ lockedUntil: '2026-03-01T08:10:00Z' }), NOW)).toEqual({
      kind: 'locked',
      until: '2026-03-01T08:10:00Z',
    });
  });

  it('forgets a lock-out that is over, and says disabled over locked', () => {
    expect(operatorStatus(row({ lockedUntil: '2026-03-01T07:59:00Z' }), NOW)).toEqual({
      kind: 'active',
    });
    expect(
      operatorStatus(row({ isActive: false, lockedUntil: '2026-03-01T08:10:00Z' }), NOW),
    ).toEqual({ kind: 'disabled' });
  });
});

describe('matchesOperator', () => {
  it('finds by name, user name (any case), unit and role', () => {
    expect(matchesOperator(row({}), '')).toBe(true);
    expect(matchesOperator(row({}), '李')).toBe(true);
    expect(matchesOperator(row({}), 'DONGHU')).toBe(true);
    expect(matchesOperator(row({}), '实验小学')).toBe(true);
    expect(matchesOperator(row({}), '专干')).toBe(true);
    expect(matchesOperator(row({}), '财务')).toBe(false);
  });
});

describe('unitOptions', () => {
  it('nests the units as the tree picker needs them', () => {
    const node = (id: string, kind: OrgNode['kind'], parentId: string | null): OrgNode => ({
      id,
      kind,
      parentId,
      name: id,
      code: null,
      teacherCount: 0,
    });
    const options = unitOptions([
      node('school', 'school', 'district'),
      node('city', 'city', null),
      node('district', 'district', 'city'),
    ]);
    expect(options).toEqual([
      {
        value: 'city',
        title: 'city',
        children: [
          {
            value: 'district',
            title: 'district',
            children: [{ value: 'school', title: 'school', children: [] }],
          },
        ],
      },
    ]);
  });
});

describe('rightsTable', () => {
  const rows = rightsTable(ROLE_PRESETS, PERMISSION_GROUPS);

  it('has one row per right, in the groups’ order, each group cell spanning its rows', () => {
    expect(rows.map((r) => r.key)).toEqual(PERMISSION_GROUPS.flatMap((g) => g.permissions));
    for (const group of PERMISSION_GROUPS) {
      const ofGroup = rows.filter((r) => r.group === group.label);
      expect(ofGroup.map((r) => r.groupSpan)).toEqual(
        group.permissions.map((_, i) => (i === 0 ? group.permissions.length : 0)),
      );
    }
  });

  it('ticks what each role grants, with the rights’ Chinese names', () => {
    const fullId = rows.find((r) => r.key === 'roster.exportFullId');
    expect(fullId?.name).toBe('导出完整身份证号');
    expect(fullId?.grants).toEqual({
      admin: false,
      project_admin: true,
      school_officer: false,
      finance: false,
      viewer: false,
    });
    const manage = rows.find((r) => r.key === 'operators.manage');
    expect(manage?.grants.admin).toBe(true);
    expect(manage?.grants.project_admin).toBe(false);
  });
});

describe('roleHolders', () => {
  it('counts the operators of each role, an operator of two roles in both', () => {
    const counts = roleHolders([
      row({}),
      row({ roles: [{ code: 'admin', name: '系统管理员' }] }),
      row({
        roles: [
          { code: 'admin', name: '系统管理员' },
          { code: 'finance', name: '财务审核' },
        ],
      }),
    ]);
    expect(Object.fromEntries(counts)).toEqual({ school_officer: 1, admin: 2, finance: 1 });
  });
});
