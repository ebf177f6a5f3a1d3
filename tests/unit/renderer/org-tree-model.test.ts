// The org tree's pure helpers: hierarchy order, ancestors, search and the ids expanded on first view.
import { describe, expect, it } from 'vitest';
import { type OrgKind } from '@shared/api/common.schemas';
import { type OrgNode } from '@shared/api/org.contract';
import {
  ancestorIds,
  buildForest,
  childKindOf,
  collectIds,
  defaultExpandedIds,
  filterForest,
  indexById,
  type OrgTreeItem,
} from '../../../renderer/src/components/org-tree/org-tree-model';

const node = (
  id: string,
  kind: OrgKind,
  name: string,
  parentId: string | null,
  code: string | null = null,
): OrgNode => ({ id, kind, name, parentId, code, teacherCount: 0 });

// Listed children-first and out of order on purpose: the helpers must not rely on the core's order.
const NODES: OrgNode[] = [
  node('s-shiyan', 'school', '实验小学', 'd-donghu'),
  node('s-yk', 'school', 'YK 英才学校', 'd-xihu', '390101001'),
  node('s-diyi', 'school', '第一中学', 'd-donghu'),
  node('d-donghu', 'district', '东湖区', 'c-shifan', '390102'),
  node('d-xihu', 'district', '西湖区', 'c-shifan', '390101'),
  node('c-yangli', 'city', '样例市', 'p', '3902'),
  node('c-shifan', 'city', '示范市', 'p', '3901'),
  node('p', 'province', '示范省', null, '39'),
  node('s-orphan', 'school', '孤立学校', 'deleted-district'),
];

/** The tree as nested [id, children] pairs: compact to compare, and it shows the order. */
type Shape = [string, Shape[]];
const shape = (items: readonly OrgTreeItem[]): Shape[] =>
  items.map((item) => [item.node.id, shape(item.children)]);

const FULL: Shape[] = [
  [
    'p',
    [
      [
        'c-shifan',
        [
          ['d-xihu', [['s-yk', []]]],
          [
            'd-donghu',
            [
              ['s-diyi', []],
              ['s-shiyan', []],
            ],
          ],
        ],
      ],
      ['c-yangli', []],
    ],
  ],
  ['s-orphan', []],
];

describe('childKindOf', () => {
  it.each<[OrgKind, OrgKind | null]>([
    ['province', 'city'],
    ['city', 'district'],
    ['district', 'school'],
    ['school', null],
  ])('%s → %s', (kind, expected) => {
    expect(childKindOf(kind)).toBe(expected);
  });
});

describe('buildForest', () => {
  it('nests units under their parents, ordered by kind, then code, then name (pinyin)', () => {
    expect(shape(buildForest(NODES))).toEqual(FULL);
  });

  it('gives the same tree whatever the input order', () => {
    expect(shape(buildForest([...NODES].reverse()))).toEqual(FULL);
  });

  it('shows a unit whose parent is missing as a root instead of dropping it', () => {
    const roots = buildForest(NODES).map((item) => item.node.id);
    expect(roots).toContain('s-orphan');
  });

  it.each<[string, OrgNode[], string[]]>([
    [
      'kind before code',
      [node('s', 'school', '甲', null, '00'), node('p', 'province', '乙', null, '99')],
      ['p', 's'],
    ],
    [
      'a missing code sorts before any code',
      [node('a', 'city', '甲', null, '01'), node('b', 'city', '乙', null)],
      ['b', 'a'],
    ],
    [
      'name by pinyin when codes tie',
      [node('z', 'city', '中山市', null), node('a', 'city', '安庆市', null)],
      ['a', 'z'],
    ],
  ])('orders roots: %s', (_name, nodes, expected) => {
    expect(buildForest(nodes).map((item) => item.node.id)).toEqual(expected);
  });

  it('returns no roots for no units', () => {
    expect(buildForest([])).toEqual([]);
  });
});

describe('ancestorIds', () => {
  const byId = indexById(NODES);

  it.each<[string, string[]]>([
    ['s-shiyan', ['p', 'c-shifan', 'd-donghu']],
    ['d-xihu', ['p', 'c-shifan']],
    ['c-yangli', ['p']],
    ['p', []],
    ['not-a-unit', []],
  ])('%s → %j', (id, expected) => {
    expect(ancestorIds(byId, id)).toEqual(expected);
  });

  it('stops at a cycle instead of looping', () => {
    const cyclic = indexById([node('a', 'city', '甲', 'b'), node('b', 'city', '乙', 'a')]);
    expect(ancestorIds(cyclic, 'a')).toEqual(['b']);
  });

  it('indexes every unit by id', () => {
    expect([...byId.keys()].sort()).toEqual(NODES.map((n) => n.id).sort());
    expect(byId.get('d-donghu')?.name).toBe('东湖区');
  });
});

describe('filterForest', () => {
  const forest = buildForest(NODES);

  it.each<[string, string, Shape[]]>([
    ['an empty search', '', FULL],
    ['a blank search', '   ', FULL],
    [
      'a school name, with the path to it',
      '实验',
      [['p', [['c-shifan', [['d-donghu', [['s-shiyan', []]]]]]]]],
    ],
    [
      'a unit without the units under it that do not match',
      '东湖',
      [['p', [['c-shifan', [['d-donghu', []]]]]]],
    ],
    ['a code', '3902', [['p', [['c-yangli', []]]]]],
    [
      'latin letters, ignoring case and the spaces around the search',
      '  yk ',
      [['p', [['c-shifan', [['d-xihu', [['s-yk', []]]]]]]]],
    ],
    ['a root unit', '孤立', [['s-orphan', []]]],
    ['no match', '不存在的单位', []],
  ])('finds %s', (_name, text, expected) => {
    expect(shape(filterForest(forest, text))).toEqual(expected);
  });

  it('returns a new list, leaving the forest as it was', () => {
    const result = filterForest(forest, '');
    expect(result).not.toBe(forest);
    filterForest(forest, '实验');
    expect(shape(forest)).toEqual(FULL);
  });
});

describe('collectIds', () => {
  it('lists every unit that has children, parents first', () => {
    expect(collectIds(buildForest(NODES))).toEqual(['p', 'c-shifan', 'd-xihu', 'd-donghu']);
  });
});

describe('defaultExpandedIds', () => {
  const forest = buildForest(NODES);

  it('opens the province and its cities by default', () => {
    expect(defaultExpandedIds(forest)).toEqual(['p', 'c-shifan']);
  });

  it.each<[number, string[]]>([
    [0, []],
    [1, ['p']],
    [2, ['p', 'c-shifan']],
    [3, ['p', 'c-shifan', 'd-xihu', 'd-donghu']],
    [9, ['p', 'c-shifan', 'd-xihu', 'd-donghu']],
  ])('depth %i → %j', (depth, expected) => {
    expect(defaultExpandedIds(forest, depth)).toEqual(expected);
  });
});
