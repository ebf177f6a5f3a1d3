import { describe, expect, it } from 'vitest';
import { closestNames, createNameMatcher, foldName } from '@shared/domain/roster/closest-names';
import { generateDemoWorkspace } from '@shared/domain/roster/demo-data';

const SCHOOLS = [
  '示范市东湖区实验小学',
  '示范市东湖区第一小学',
  '示范市东湖区第二小学',
  '示范市东湖区桂花小学',
  '示范市东湖区实验幼儿园',
  '示范市东湖区第一初级中学',
  '示范市西岭区实验小学',
  '示范市西岭区桂花幼儿园',
  '示范市西岭区第一中学',
  '示范市青溪县石桥镇中心小学',
];

describe('closestNames', () => {
  it.each([
    ['示范市东湖区实验小学校', '示范市东湖区实验小学'],
    ['东湖区实验小学', '示范市东湖区实验小学'],
    ['东湖实验小学', '示范市东湖区实验小学'],
    ['示范市东湖区笫一小学', '示范市东湖区第一小学'],
    ['东湖区桂花小学', '示范市东湖区桂花小学'],
    ['西岭区一中', '示范市西岭区第一中学'],
    ['石桥镇中心小学', '示范市青溪县石桥镇中心小学'],
    ['示范市西岭区实验小学', '示范市西岭区实验小学'],
    ['示范市东湖区 实验小学', '示范市东湖区实验小学'],
    ['示范市东湖区实验小学（本部）', '示范市东湖区实验小学'],
  ])('%s → %s first', (query, best) => {
    expect(closestNames(query, SCHOOLS)[0]).toBe(best);
  });

  it('weights the distinctive part over the shared prefix', () => {
    // Shares 示范市东湖区…小学 with several schools, but 桂花 only with the two 桂花 schools.
    const result = closestNames('示范市西岭区桂花小学', SCHOOLS);
    expect(result[0]).toBe('示范市东湖区桂花小学');
    expect(result).toContain('示范市西岭区桂花幼儿园');
    expect(result).not.toContain('示范市东湖区第二小学');
  });

  it('returns at most `limit` names', () => {
    expect(closestNames('东湖区小学', SCHOOLS, 2)).toHaveLength(2);
    expect(closestNames('东湖区小学', SCHOOLS)).toHaveLength(3);
    expect(closestNames('东湖区小学', SCHOOLS, 0)).toEqual([]);
  });

  it('suggests nothing for unrelated names', () => {
    expect(closestNames('火星第一航天学院', SCHOOLS)).toEqual([]);
    expect(closestNames('', SCHOOLS)).toEqual([]);
    expect(closestNames('实验小学', [])).toEqual([]);
  });

  it('does not repeat a candidate listed twice', () => {
    expect(closestNames('东湖实验小学', ['示范市东湖区实验小学', '示范市东湖区实验小学'])).toEqual([
      '示范市东湖区实验小学',
    ]);
  });

  it('sees candidates added to the same array', () => {
    const list = ['示范市东湖区实验小学'];
    expect(closestNames('北塘区实验小学', list)).toEqual(['示范市东湖区实验小学']);
    list.push('示范市北塘区实验小学');
    expect(closestNames('北塘区实验小学', list)[0]).toBe('示范市北塘区实验小学');
  });

  it('folds widths, spaces and brackets', () => {
    expect(foldName(' 实验小学（本部） ')).toBe(foldName('实验小学(本部)'));
  });

  // Its speed is a figure of `npm run bench` (closest_names), not an assertion here.
  it('finds a close name for each of 1,000 unknown names among 2,000 schools', () => {
    const names = generateDemoWorkspace({ seed: 3, teachers: 0 })
      .units.filter((u) => u.kind === 'school')
      .map((u) => u.name);
    const candidates = Array.from(
      { length: 2000 },
      (_, i) => `${names[i % names.length] ?? ''}${Math.floor(i / names.length) || ''}`,
    );
    const matcher = createNameMatcher(candidates);
    let found = 0;
    for (let i = 0; i < 1000; i += 1) {
      const query = (names[(i * 7) % names.length] ?? '').replace('示范市', '');
      if (matcher.closest(query).length > 0) found += 1;
    }
    expect(found).toBe(1000);
  });
});
