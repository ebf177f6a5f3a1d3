/**
 * Plain helpers of 用户与权限: an operator's status as shown (enabled, disabled, locked until…),
 * the search over the list, the unit tree for the unit picker, and the roles × rights table.
 */
import { type OperatorRow, type RoleInfo } from '@shared/api/auth.contract';
import { type OrgNode } from '@shared/api/org.contract';
import { PERMISSIONS, type Permission } from '@shared/domain/auth/permissions';
import { buildForest, type OrgTreeItem } from '../../components/org-tree/org-tree-model';

export type OperatorStatus =
  { kind: 'active' } | { kind: 'disabled' } | { kind: 'locked'; until: string };

/** Disabled wins over locked (a disabled account cannot log in whatever its lock says). */
export function operatorStatus(
  row: Pick<OperatorRow, 'isActive' | 'lockedUntil'>,
  now: number,
): OperatorStatus {
  if (!row.isActive) return { kind: 'disabled' };
  if (row.lockedUntil && Date.parse(row.lockedUntil) > now) {
    return { kind: 'locked', until: row.lockedUntil };
  }
  return { kind: 'active' };
}

/** Name, user name, unit or role containing `text` (letter case ignored). */
export function matchesOperator(row: OperatorRow, text: string): boolean {
  const needle = text.trim().toLowerCase();
  if (!needle) return true;
  return [row.userName, row.displayName, row.homeUnit.name, ...row.roles.map((r) => r.name)].some(
    (value) => value.toLowerCase().includes(needle),
  );
}

export interface UnitOption {
  value: string;
  title: string;
  children: UnitOption[];
}

/** The org units as the unit picker's tree. */
export function unitOptions(nodes: readonly OrgNode[]): UnitOption[] {
  const toOption = (item: OrgTreeItem): UnitOption => ({
    value: item.node.id,
    title: item.node.name,
    children: item.children.map(toOption),
  });
  return buildForest(nodes).map(toOption);
}

export interface RightRow {
  key: Permission;
  group: string;
  /** Rows the group cell spans (0 for the group's later rows). */
  groupSpan: number;
  name: string;
  /** Role code → whether the role grants this right. */
  grants: Record<string, boolean>;
}

/** One row per right, grouped as `groups` lists them, with a tick per role that grants it. */
export function rightsTable(
  roles: readonly { code: RoleInfo['code']; permissions: readonly string[] }[],
  groups: readonly { label: string; permissions: readonly Permission[] }[],
): RightRow[] {
  const rows: RightRow[] = [];
  for (const group of groups) {
    group.permissions.forEach((permission, index) => {
      const grants: Record<string, boolean> = {};
      for (const role of roles) grants[role.code] = role.permissions.includes(permission);
      rows.push({
        key: permission,
        group: group.label,
        groupSpan: index === 0 ? group.permissions.length : 0,
        name: PERMISSIONS[permission],
        grants,
      });
    });
  }
  return rows;
}

/** How many operators hold each role. */
export function roleHolders(rows: readonly Pick<OperatorRow, 'roles'>[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    for (const role of row.roles) counts.set(role.code, (counts.get(role.code) ?? 0) + 1);
  }
  return counts;
}
