/**
 * Quota policies (R1): share a number of seats among the units one level down in proportion to
 * their teachers, with per-unit minimums, by the largest-remainder method; check that no level hands
 * out more than it has; check the coverage floor and name the units that break it.
 *
 * The split is exact integer arithmetic: allocations always sum to the total, are never negative
 * and never below a minimum, and ties are broken by a documented order (larger remainder, then more
 * teachers, then smaller id), so the same input always gives the same seats.
 */
import { fragment } from '../text-fragment';
import { z } from 'zod';
import { orgKind, type OrgKind } from '@shared/api/common.schemas';
import {
  compareText,
  idText,
  nonNegativeInt,
  num,
  percentNumber,
  ruleSetMetaShape,
  refineUniqueIds,
} from './common';

export const quotaPolicyRuleSetSchema = z.strictObject({
  kind: z.literal('quota-policy'),
  ...ruleSetMetaShape,
  allocation: z.strictObject({
    /** What the split is proportional to. */
    basis: z.literal('teachers'),
    /** Order used when remainders are equal (documented, not configurable yet). */
    tieBreak: z.literal('larger-basis-then-id'),
    /** Minimum for a unit that does not state its own. */
    defaultMinimum: nonNegativeInt,
  }),
  /** Σ of the children's quotas must not exceed the parent's, at every level. */
  checkChildSums: z.boolean(),
  /** R1: each city's participants ≥ 10 % of its teachers. */
  coverageFloor: z
    .strictObject({
      orgKind,
      minPercent: percentNumber,
      /** Count enrolled participants, or the seats handed down. */
      measure: z.enum(['participants', 'quota']),
    })
    .nullable(),
});
export type QuotaPolicyRuleSet = z.infer<typeof quotaPolicyRuleSetSchema>;

export interface QuotaNode {
  id: string;
  name?: string | undefined;
  kind?: OrgKind | undefined;
  teachers?: number | undefined;
  quota?: number | undefined;
  participants?: number | undefined;
  children?: QuotaNode[] | undefined;
}

export const quotaNodeSchema: z.ZodType<QuotaNode> = z.lazy(() =>
  z.strictObject({
    id: idText,
    name: z.string().max(100).optional(),
    kind: orgKind.optional(),
    teachers: nonNegativeInt.optional(),
    quota: nonNegativeInt.optional(),
    participants: nonNegativeInt.optional(),
    children: z.array(quotaNodeSchema).max(100_000).optional(),
  }),
);

export const quotaSplitInputSchema = z.strictObject({
  total: nonNegativeInt,
  children: z
    .array(
      z.strictObject({
        id: idText,
        name: z.string().max(100).optional(),
        teachers: nonNegativeInt,
        minimum: nonNegativeInt.optional(),
      }),
    )
    .min(1, '至少一个下级单位')
    .max(100_000),
});
export type QuotaSplitInput = z.infer<typeof quotaSplitInputSchema>;

export const quotaPolicyInputSchema = z
  .strictObject({
    /** Share `total` among `children`. */
    split: quotaSplitInputSchema.optional(),
    /** Check sums and the coverage floor over an org tree. */
    tree: quotaNodeSchema.optional(),
  })
  .superRefine((input, ctx) => {
    if (!input.split && !input.tree)
      ctx.addIssue({ code: 'custom', path: [], message: 'split 和 tree 至少提供一项' });
    refineUniqueIds(
      ctx,
      input.split?.children,
      (child) => child.id,
      { base: ['split', 'children'], idKey: 'id' },
      (id) => `单位 ${fragment(id)} 重复`,
    );
    const seen = new Set<string>();
    const walk = (node: QuotaNode, path: (string | number)[]) => {
      if (seen.has(node.id))
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'id'],
          message: `单位 ${fragment(node.id)} 在树中重复出现`,
        });
      seen.add(node.id);
      node.children?.forEach((child, index) => walk(child, [...path, 'children', index]));
    };
    if (input.tree) walk(input.tree, ['tree']);
  });
export type QuotaPolicyInput = z.infer<typeof quotaPolicyInputSchema>;

export interface Allocation {
  id: string;
  name: string | null;
  teachers: number;
  minimum: number;
  /** Proportional share before rounding, two decimals (of what was left after fixed minimums). */
  ideal: number;
  allocated: number;
  reason: string;
}

export interface SplitResult {
  total: number;
  isFeasible: boolean;
  allocations: Allocation[];
  allocatedSum: number;
  message: string;
}

export interface QuotaViolation {
  nodeId: string;
  name: string;
  rule: 'child-sum' | 'coverage-floor';
  message: string;
}

export interface QuotaPolicyOutput {
  kind: 'quota-policy';
  ruleSetId: string;
  split: SplitResult | null;
  tree: {
    nodes: number;
    violations: QuotaViolation[];
    coverage: {
      nodeId: string;
      name: string;
      teachers: number;
      value: number;
      required: number;
      isMet: boolean;
    }[];
  } | null;
}

/**
 * Largest-remainder split with minimums. Units whose proportional share falls below their minimum
 * get the minimum; the rest is shared again among the others until no share falls below a minimum.
 * If every remaining unit has 0 teachers they share equally.
 */
export function allocateLargestRemainder(
  input: QuotaSplitInput,
  defaultMinimum: number,
): SplitResult {
  const children = input.children.map((child) => ({
    id: child.id,
    name: child.name ?? null,
    teachers: child.teachers,
    minimum: child.minimum ?? defaultMinimum,
  }));
  const total = input.total;
  const minimumSum = children.reduce((sum, child) => sum + child.minimum, 0);
  if (minimumSum > total) {
    return {
      total,
      isFeasible: false,
      allocations: children.map((child) => ({
        ...child,
        ideal: 0,
        allocated: 0,
        reason: '无法分配',
      })),
      allocatedSum: 0,
      message: `各下级最低配额合计 ${minimumSum} 超过可分配总数 ${total}，无法分配`,
    };
  }
  const fixed = new Array<boolean>(children.length).fill(false);
  let remaining = total;
  let weights: number[] = [];
  let weightSum = 0;
  for (;;) {
    remaining = total;
    weightSum = 0;
    children.forEach((child, i) => {
      if (fixed[i]) remaining -= child.minimum;
      else weightSum += child.teachers;
    });
    const isEqual = weightSum === 0;
    weights = children.map((child, i) => (fixed[i] ? 0 : isEqual ? 1 : child.teachers));
    if (isEqual) weightSum = weights.reduce((sum, w) => sum + w, 0);
    let changed = false;
    children.forEach((child, i) => {
      // ideal < minimum  ⇔  remaining × w < minimum × weightSum (exact in integers)
      if (!fixed[i] && weightSum > 0 && remaining * (weights[i] ?? 0) < child.minimum * weightSum) {
        fixed[i] = true;
        changed = true;
      }
    });
    if (!changed) break;
  }
  const floors = children.map((_, i) =>
    fixed[i] || weightSum === 0 ? 0 : Math.floor((remaining * (weights[i] ?? 0)) / weightSum),
  );
  const remainders = children.map((_, i) =>
    fixed[i] || weightSum === 0 ? 0 : (remaining * (weights[i] ?? 0)) % weightSum,
  );
  let leftover = remaining - floors.reduce((sum, value) => sum + value, 0);
  const order = children
    .map((child, i) => ({ child, i }))
    .filter(({ i }) => !fixed[i])
    .sort(
      (a, b) =>
        (remainders[b.i] ?? 0) - (remainders[a.i] ?? 0) ||
        b.child.teachers - a.child.teachers ||
        compareText(a.child.id, b.child.id),
    );
  const bonus = new Array<number>(children.length).fill(0);
  for (const { i } of order) {
    if (leftover <= 0) break;
    bonus[i] = 1;
    leftover -= 1;
  }
  const allocations = children.map((child, i): Allocation => {
    const ideal = weightSum === 0 || fixed[i] ? 0 : (remaining * (weights[i] ?? 0)) / weightSum;
    if (fixed[i]) {
      const naive =
        weightSum === 0
          ? 0
          : (total * child.teachers) /
            Math.max(
              1,
              children.reduce((s, c) => s + c.teachers, 0),
            );
      return {
        ...child,
        ideal: Math.round(naive * 100) / 100,
        allocated: child.minimum,
        reason: `按比例应得 ${num(naive)}，低于最低配额 ${child.minimum}，按最低配额分配`,
      };
    }
    const allocated = (floors[i] ?? 0) + (bonus[i] ?? 0);
    return {
      ...child,
      ideal: Math.round(ideal * 100) / 100,
      allocated,
      reason:
        `按比例 ${num(ideal)} 取整为 ${floors[i] ?? 0}` +
        ((bonus[i] ?? 0) > 0 ? '，按最大余数补 1' : ''),
    };
  });
  const allocatedSum = allocations.reduce((sum, allocation) => sum + allocation.allocated, 0);
  return {
    total,
    isFeasible: true,
    allocations,
    allocatedSum,
    message: `按教师人数比例分配 ${total} 个名额（最大余数法；余数相同时教师多者优先，再按编号）`,
  };
}

function nameOf(node: QuotaNode): string {
  return node.name ?? node.id;
}

export function evaluateQuotaPolicy(
  ruleSet: QuotaPolicyRuleSet,
  input: QuotaPolicyInput,
): QuotaPolicyOutput {
  const split = input.split
    ? allocateLargestRemainder(input.split, ruleSet.allocation.defaultMinimum)
    : null;
  let tree: QuotaPolicyOutput['tree'] = null;
  if (input.tree) {
    const violations: QuotaViolation[] = [];
    const coverage: NonNullable<QuotaPolicyOutput['tree']>['coverage'] = [];
    let nodes = 0;
    const teachersOf = (node: QuotaNode): number => {
      if (node.teachers !== undefined) return node.teachers;
      return (node.children ?? []).reduce((sum, child) => sum + teachersOf(child), 0);
    };
    const measureOf = (node: QuotaNode, measure: 'participants' | 'quota'): number => {
      const own = node[measure];
      if (own !== undefined) return own;
      return (node.children ?? []).reduce((sum, child) => sum + measureOf(child, measure), 0);
    };
    const floor = ruleSet.coverageFloor;
    const walk = (node: QuotaNode) => {
      nodes += 1;
      const children = node.children ?? [];
      if (ruleSet.checkChildSums && node.quota !== undefined) {
        const withQuota = children.filter((child) => child.quota !== undefined);
        const sum = withQuota.reduce((total, child) => total + (child.quota ?? 0), 0);
        if (sum > node.quota) {
          violations.push({
            nodeId: node.id,
            name: nameOf(node),
            rule: 'child-sum',
            message: `${nameOf(node)}：下级配额合计 ${sum} 超过本级配额 ${node.quota}（超出 ${sum - node.quota}）`,
          });
        }
      }
      if (floor && node.kind === floor.orgKind) {
        const teachers = teachersOf(node);
        const value = measureOf(node, floor.measure);
        const scaled = Math.round(floor.minPercent * 100);
        const required = Math.ceil((teachers * scaled) / 10_000);
        const isMet = value >= required;
        coverage.push({ nodeId: node.id, name: nameOf(node), teachers, value, required, isMet });
        if (!isMet) {
          const what = floor.measure === 'participants' ? '参训' : '配额';
          violations.push({
            nodeId: node.id,
            name: nameOf(node),
            rule: 'coverage-floor',
            message: `${nameOf(node)}：${what} ${value} 人，不足教师总数 ${teachers} 的 ${num(floor.minPercent)}%（至少 ${required} 人，还差 ${required - value} 人）`,
          });
        }
      }
      for (const child of children) walk(child);
    };
    walk(input.tree);
    tree = { nodes, violations, coverage };
  }
  return { kind: 'quota-policy', ruleSetId: ruleSet.id, split, tree };
}
