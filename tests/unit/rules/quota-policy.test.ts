/** R1 quota policy: largest-remainder split with minimums, child sums, 10 % coverage floor. */
import { describe, expect, it } from 'vitest';
import {
  allocateLargestRemainder,
  evaluateQuotaPolicy,
  type QuotaNode,
} from '@shared/domain/rules/quota-policy';
import { quotaOf } from './helpers';

const ruleSet = quotaOf('jiangsu-online-2023');

const split = (total: number, children: { id: string; teachers: number; minimum?: number }[]) =>
  allocateLargestRemainder({ total, children }, 0);

describe('largest-remainder split', () => {
  it.each([
    { total: 100, teachers: [500, 300, 200], expected: [50, 30, 20] },
    { total: 10, teachers: [1, 1, 1], expected: [4, 3, 3] },
    { total: 7, teachers: [5, 3, 2], expected: [4, 2, 1] },
    { total: 3, teachers: [1, 2, 3], expected: [0, 1, 2] },
    { total: 0, teachers: [5, 5], expected: [0, 0] },
    { total: 5, teachers: [0, 0], expected: [3, 2] },
  ])('$total by $teachers → $expected', ({ total, teachers, expected }) => {
    const result = split(
      total,
      teachers.map((count, i) => ({ id: String.fromCharCode(65 + i), teachers: count })),
    );
    expect(result.allocations.map((a) => a.allocated)).toEqual(expected);
    expect(result.allocatedSum).toBe(total);
  });

  it('explains the rounding and the tie-break (equal remainder → more teachers first)', () => {
    const result = split(3, [
      { id: 'A', teachers: 1 },
      { id: 'B', teachers: 2 },
      { id: 'C', teachers: 3 },
    ]);
    expect(result.allocations.map((a) => a.reason)).toEqual([
      '按比例 0.5 取整为 0',
      '按比例 1 取整为 1',
      '按比例 1.5 取整为 1，按最大余数补 1',
    ]);
  });

  it('gives small units their minimum and shares the rest in proportion', () => {
    const result = split(10, [
      { id: 'A', teachers: 1000 },
      { id: 'B', teachers: 10, minimum: 2 },
      { id: 'C', teachers: 10, minimum: 2 },
    ]);
    expect(result.allocations.map((a) => a.allocated)).toEqual([6, 2, 2]);
    expect(result.allocations[1]?.reason).toBe('按比例应得 0.1，低于最低配额 2，按最低配额分配');
  });

  it('re-shares when fixing a minimum pushes another unit below its own', () => {
    const result = split(10, [
      { id: 'A', teachers: 60 },
      { id: 'B', teachers: 32, minimum: 3 },
      { id: 'C', teachers: 8, minimum: 3 },
    ]);
    // C: 0.8 < 3 → 3; then B: 7 × 32/92 = 2.43 < 3 → 3 (it had 3.2 before); A gets the remaining 4.
    expect(result.allocations.map((a) => a.allocated)).toEqual([4, 3, 3]);
  });

  it('refuses when the minimums exceed the total', () => {
    const result = split(10, [
      { id: 'A', teachers: 1, minimum: 5 },
      { id: 'B', teachers: 1, minimum: 6 },
    ]);
    expect(result.isFeasible).toBe(false);
    expect(result.message).toBe('各下级最低配额合计 11 超过可分配总数 10，无法分配');
  });
});

describe('tree checks', () => {
  const tree: QuotaNode = {
    id: 'JS',
    name: '江苏省',
    kind: 'province',
    quota: 2000,
    children: [
      {
        id: 'TZ',
        name: '泰州市',
        kind: 'city',
        teachers: 10_000,
        quota: 1000,
        children: [
          { id: 'HL', name: '海陵区', kind: 'district', quota: 600, participants: 600 },
          { id: 'GG', name: '高港区', kind: 'district', quota: 500, participants: 399 },
        ],
      },
      {
        id: 'NJ',
        name: '南京市',
        kind: 'city',
        quota: 900,
        children: [
          { id: 'XW', name: '玄武区', kind: 'district', teachers: 5000, participants: 400 },
          { id: 'GL', name: '鼓楼区', kind: 'district', teachers: 4000, participants: 500 },
        ],
      },
    ],
  };

  it('names every unit that hands out more than it has, and every city below 10 %', () => {
    const output = evaluateQuotaPolicy(ruleSet, { tree });
    expect(output.tree?.violations).toEqual([
      {
        nodeId: 'TZ',
        name: '泰州市',
        rule: 'child-sum',
        message: '泰州市：下级配额合计 1100 超过本级配额 1000（超出 100）',
      },
      {
        nodeId: 'TZ',
        name: '泰州市',
        rule: 'coverage-floor',
        message: '泰州市：参训 999 人，不足教师总数 10000 的 10%（至少 1000 人，还差 1 人）',
      },
    ]);
    expect(output.tree?.coverage).toEqual([
      { nodeId: 'TZ', name: '泰州市', teachers: 10_000, value: 999, required: 1000, isMet: false },
      { nodeId: 'NJ', name: '南京市', teachers: 9000, value: 900, required: 900, isMet: true },
    ]);
    expect(output.tree?.nodes).toBe(7);
  });

  it('exactly 10 % meets the floor', () => {
    const output = evaluateQuotaPolicy(ruleSet, {
      tree: { id: 'C', kind: 'city', teachers: 1001, participants: 101 },
    });
    expect(output.tree?.violations).toEqual([]);
    const short = evaluateQuotaPolicy(ruleSet, {
      tree: { id: 'C', kind: 'city', teachers: 1001, participants: 100 },
    });
    expect(short.tree?.violations[0]?.message).toBe(
      'C：参训 100 人，不足教师总数 1001 的 10%（至少 101 人，还差 1 人）',
    );
  });
});
