/**
 * Which kind of unit may sit under which: province → city → district/county → school. Schools
 * run directly by a city (市直学校) sit under the city itself.
 */
import { type OrgKind } from '../../api/common.schemas';

export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  province: '省',
  city: '市',
  district: '区县',
  school: '学校',
};

const ALLOWED_CHILDREN: Record<OrgKind, readonly OrgKind[]> = {
  province: ['city'],
  city: ['district', 'school'],
  district: ['school'],
  school: [],
};

export function allowedChildKinds(parent: OrgKind | null): readonly OrgKind[] {
  return parent === null ? ['province', 'city'] : ALLOWED_CHILDREN[parent];
}

/** Null when `child` may be created under `parent`, else the reason in Chinese. */
export function checkPlacement(child: OrgKind, parent: OrgKind | null): string | null {
  if (allowedChildKinds(parent).includes(child)) return null;
  const childLabel = ORG_KIND_LABELS[child];
  if (parent === null) return `${childLabel}必须放在上级单位之下`;
  const allowed = ALLOWED_CHILDREN[parent].map((k) => ORG_KIND_LABELS[k]).join('或');
  return allowed
    ? `${ORG_KIND_LABELS[parent]}之下只能建${allowed}，不能建${childLabel}`
    : `${ORG_KIND_LABELS[parent]}之下不能再建下级单位`;
}

export interface TreeUnit {
  id: string;
  parentId: string | null;
}

/** Sums a per-unit count up the tree: each unit gets its own count plus its descendants'. */
export function rollUpCounts<T extends TreeUnit>(
  units: readonly T[],
  ownCount: (unit: T) => number,
): Map<string, number> {
  const totals = new Map<string, number>();
  const byId = new Map(units.map((u) => [u.id, u]));
  for (const unit of units) {
    const count = ownCount(unit);
    if (count === 0) {
      if (!totals.has(unit.id)) totals.set(unit.id, 0);
      continue;
    }
    let current: T | undefined = unit;
    const seen = new Set<string>();
    while (current && !seen.has(current.id)) {
      seen.add(current.id);
      totals.set(current.id, (totals.get(current.id) ?? 0) + count);
      current = current.parentId ? byId.get(current.parentId) : undefined;
    }
  }
  return totals;
}

/** Ids of `rootId` and every unit below it. */
export function descendantIds<T extends TreeUnit>(
  units: readonly T[],
  rootId: string,
): Set<string> {
  const children = new Map<string, string[]>();
  for (const u of units) {
    if (u.parentId === null) continue;
    const list = children.get(u.parentId);
    if (list) list.push(u.id);
    else children.set(u.parentId, [u.id]);
  }
  const result = new Set<string>([rootId]);
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    for (const child of children.get(id) ?? []) {
      if (!result.has(child)) {
        result.add(child);
        stack.push(child);
      }
    }
  }
  return result;
}
