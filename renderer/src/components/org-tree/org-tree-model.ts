/**
 * Pure helpers over the flat `org/tree` list: build the hierarchy, find ancestors, filter by a search
 * text keeping the path to each match, and the kind a unit's children must have.
 */
import { type OrgKind } from '@shared/api/common.schemas';
import { type OrgNode } from '@shared/api/org.contract';

export interface OrgTreeItem {
  node: OrgNode;
  children: OrgTreeItem[];
}

const KIND_ORDER: Record<OrgKind, number> = { province: 0, city: 1, district: 2, school: 3 };

/** Province → city → district → school; a school has no children. */
export function childKindOf(kind: OrgKind): OrgKind | null {
  switch (kind) {
    case 'province':
      return 'city';
    case 'city':
      return 'district';
    case 'district':
      return 'school';
    case 'school':
      return null;
  }
}

function compareItems(a: OrgTreeItem, b: OrgTreeItem): number {
  return (
    KIND_ORDER[a.node.kind] - KIND_ORDER[b.node.kind] ||
    (a.node.code ?? '').localeCompare(b.node.code ?? '') ||
    a.node.name.localeCompare(b.node.name, 'zh-CN')
  );
}

/** Units whose parent is missing from the list are shown as roots rather than lost. */
export function buildForest(nodes: readonly OrgNode[]): OrgTreeItem[] {
  const items = new Map<string, OrgTreeItem>();
  for (const node of nodes) items.set(node.id, { node, children: [] });
  const roots: OrgTreeItem[] = [];
  for (const item of items.values()) {
    const parent = item.node.parentId ? items.get(item.node.parentId) : undefined;
    if (parent) parent.children.push(item);
    else roots.push(item);
  }
  const sortDeep = (list: OrgTreeItem[]): void => {
    list.sort(compareItems);
    for (const item of list) sortDeep(item.children);
  };
  sortDeep(roots);
  return roots;
}

export function indexById(nodes: readonly OrgNode[]): Map<string, OrgNode> {
  return new Map(nodes.map((node) => [node.id, node]));
}

/** The ids from the root down to (not including) `id`. */
export function ancestorIds(byId: ReadonlyMap<string, OrgNode>, id: string): string[] {
  const path: string[] = [];
  const seen = new Set<string>([id]);
  let current = byId.get(id)?.parentId ?? null;
  while (current && !seen.has(current)) {
    seen.add(current);
    path.unshift(current);
    current = byId.get(current)?.parentId ?? null;
  }
  return path;
}

/** The matches and every unit on the way to them; null when nothing matches. */
export function filterForest(forest: readonly OrgTreeItem[], text: string): OrgTreeItem[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return [...forest];
  const visit = (item: OrgTreeItem): OrgTreeItem | null => {
    const children = item.children.map(visit).filter((c): c is OrgTreeItem => c !== null);
    const isMatch =
      item.node.name.toLowerCase().includes(needle) ||
      (item.node.code ?? '').toLowerCase().includes(needle);
    return isMatch || children.length > 0 ? { node: item.node, children } : null;
  };
  return forest.map(visit).filter((c): c is OrgTreeItem => c !== null);
}

export function collectIds(forest: readonly OrgTreeItem[]): string[] {
  const ids: string[] = [];
  const walk = (list: readonly OrgTreeItem[]): void => {
    for (const item of list) {
      if (item.children.length > 0) ids.push(item.node.id);
      walk(item.children);
    }
  };
  walk(forest);
  return ids;
}

/** Ids of the top levels, expanded on first view so a newcomer sees the districts at once. */
export function defaultExpandedIds(forest: readonly OrgTreeItem[], depth = 2): string[] {
  const ids: string[] = [];
  const walk = (list: readonly OrgTreeItem[], level: number): void => {
    if (level >= depth) return;
    for (const item of list) {
      if (item.children.length === 0) continue;
      ids.push(item.node.id);
      walk(item.children, level + 1);
    }
  };
  walk(forest, 0);
  return ids;
}
