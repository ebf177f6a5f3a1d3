/**
 * The roster's figures follow what the grid shows: the same filter and unit as roster/list, on
 * both engines, so 共 N 人 under the grid and the statistics panel always agree.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OrgNode } from '@shared/api/org.contract';
import { nameSortKey, textSortKey } from '@shared/domain/roster/name-key';
import { openTestCore, type TestCore } from '../support/core-harness';
import { ENGINES } from '../support/engines';

interface Stats {
  total: number;
  byStage: { key: string; count: number }[];
  byTitle: { key: string; count: number }[];
  byGender: { key: string; count: number }[];
}

describe.each(ENGINES)('roster statistics on %s', (engine) => {
  let t: TestCore;
  let district: OrgNode;

  beforeAll(async () => {
    t = await openTestCore({ engine, setup: { demo: 3000 } });
    district = (await t.call<{ nodes: OrgNode[] }>('org/tree')).nodes.find(
      (n) => n.kind === 'district',
    ) as OrgNode;
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['no filter', {}],
    ['a stage and a title', { stage: '高中', title: '高级教师' }],
    ['a unit and a gender', { gender: '女' }],
    ['a name search', { search: '王' }],
    ['a filter that matches nobody', { search: '没有这个人' }],
  ])('agree with the grid for %s', async (label, filter) => {
    const withUnit = label.startsWith('a unit') ? { ...filter, orgId: district.id } : filter;
    const stats = await t.call<Stats>('roster/stats', withUnit);
    const list = await t.call<{ total: number }>('roster/list', { ...withUnit, limit: 1 });
    expect(stats.total).toBe(list.total);
    const sum = (rows: { count: number }[]): number => rows.reduce((n, r) => n + r.count, 0);
    expect(sum(stats.byGender)).toBe(stats.total);
    expect(sum(stats.byTitle)).toBe(stats.total);
    if ('stage' in filter) expect(stats.byStage.map((s) => s.key)).toContain('高中');
    if ('title' in filter) expect(stats.byTitle.map((s) => s.key)).toEqual(['高级教师']);
    if ('gender' in filter) expect(stats.byGender.map((s) => s.key)).toEqual(['女']);
    if (label.includes('nobody'))
      expect(stats).toEqual({ total: 0, byStage: [], byTitle: [], byGender: [] });
  });

  it('sorts names by pinyin, in pages that join up', async () => {
    const page = async (offset: number, sort: 'asc' | 'desc') =>
      (
        await t.call<{ rows: { name: string; id: string }[] }>('roster/list', {
          sort: [{ colId: 'name', sort }],
          offset,
          limit: 500,
        })
      ).rows;
    const names = [...(await page(0, 'asc')), ...(await page(500, 'asc'))].map((r) => r.name);
    const byPinyin = [...names].sort((a, b) =>
      nameSortKey(a) < nameSortKey(b) ? -1 : nameSortKey(a) > nameSortKey(b) ? 1 : 0,
    );
    expect(names).toEqual(byPinyin);
    const byCodePoint = [...names].sort();
    expect(names).not.toEqual(byCodePoint);
    const last = (await page(0, 'desc'))[0]?.name ?? '';
    const all = await t.rows<{ name: string }>('SELECT name FROM teacher');
    const maxKey = all
      .map((r) => nameSortKey(r.name))
      .sort()
      .at(-1);
    expect(nameSortKey(last)).toBe(maxKey);
  });

  it('sorts school names by pinyin too', async () => {
    const rows = (
      await t.call<{ rows: { schoolName: string }[] }>('roster/list', {
        sort: [{ colId: 'schoolName', sort: 'asc' }],
        limit: 1000,
      })
    ).rows;
    const schools = rows.map((r) => r.schoolName);
    const key = (name: string): string => textSortKey(name);
    const byPinyin = [...schools].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    expect(schools).toEqual(byPinyin);
    expect(new Set(schools).size).toBeGreaterThan(3);
  });

  it.each([
    ['districtName', 'desc', { gender: '男' }],
    ['birthDate', 'asc', { stage: '高中' }],
    ['name', 'asc', { orgId: 'district' }],
  ] as const)(
    'pages sorted by %s (%s) join up to the whole sorted list, tie broken by name and id',
    async (colId, direction, filter) => {
      const input = {
        ...filter,
        ...('orgId' in filter ? { orgId: district.id } : {}),
        sort: [{ colId, sort: direction }],
      };
      type Row = { id: string; name: string; districtName: string | null; birthDate: string };
      const whole = await t.call<{ rows: Row[]; total: number }>('roster/list', {
        ...input,
        limit: 1000,
      });
      expect(whole.rows.length).toBe(whole.total);
      expect(whole.total).toBeGreaterThan(100);
      const pages: Row[] = [];
      for (let offset = 0; offset < whole.total; offset += 97) {
        const page = await t.call<{ rows: Row[]; total: number }>('roster/list', {
          ...input,
          offset,
          limit: 97,
        });
        expect(page.total).toBe(whole.total);
        pages.push(...page.rows);
      }
      expect(pages.map((r) => r.id)).toEqual(whole.rows.map((r) => r.id));
      // The order itself: the column, then the name's key, then the id.
      const value = (r: Row): string =>
        colId === 'districtName'
          ? textSortKey(r.districtName ?? '')
          : colId === 'birthDate'
            ? r.birthDate
            : '';
      const compare = (a: Row, b: Row): number => {
        const byColumn = value(a) < value(b) ? -1 : value(a) > value(b) ? 1 : 0;
        if (byColumn !== 0) return direction === 'desc' ? -byColumn : byColumn;
        const [ka, kb] = [nameSortKey(a.name), nameSortKey(b.name)];
        if (ka !== kb) return ka < kb ? -1 : 1;
        return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
      };
      expect(whole.rows.map((r) => r.id)).toEqual([...whole.rows].sort(compare).map((r) => r.id));
    },
  );

  it('counts each title, gender and stage as the table does, most first', async () => {
    const stats = await t.call<Stats>('roster/stats', {});
    const teachers = await t.rows<{ title: string | null; gender: string; stages: string }>(
      'SELECT title, gender, stages FROM teacher',
    );
    const tally = (keys: string[]): Map<string, number> => {
      const counts = new Map<string, number>();
      for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
      return counts;
    };
    const asMap = (rows: { key: string; count: number }[]): Map<string, number> =>
      new Map(rows.map((r) => [r.key, r.count]));
    expect(asMap(stats.byTitle)).toEqual(tally(teachers.map((r) => r.title ?? '未填')));
    expect(asMap(stats.byGender)).toEqual(tally(teachers.map((r) => r.gender)));
    expect(asMap(stats.byStage)).toEqual(tally(teachers.flatMap((r) => r.stages.split(','))));
    for (const list of [stats.byTitle, stats.byGender, stats.byStage]) {
      const counts = list.map((r) => r.count);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
    }
  });

  it('filters down from the whole roster', async () => {
    const all = await t.call<Stats>('roster/stats', {});
    const some = await t.call<Stats>('roster/stats', { stage: '高中', title: '高级教师' });
    expect(all.total).toBe(3000);
    expect(some.total).toBeGreaterThan(0);
    expect(some.total).toBeLessThan(all.total);
  });
});
