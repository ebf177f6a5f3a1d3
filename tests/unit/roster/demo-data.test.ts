import { describe, expect, it } from 'vitest';
import { checkIdNumber } from '@shared/domain/roster/id-number';
import { checkMobile } from '@shared/domain/roster/mobile';
import {
  chineseNumber,
  generateDemoWorkspace,
  mulberry32,
  type DemoWorkspace,
} from '@shared/domain/roster/demo-data';
import { CANONICAL_TITLES, EMPLOYMENT_STATUSES } from '@shared/domain/roster/vocabulary';

const TODAY = '2025-06-01';
const big: DemoWorkspace = generateDemoWorkspace({ seed: 20240901, teachers: 30_000 });

describe('mulberry32', () => {
  it('is deterministic per seed and stays in [0, 1)', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const c = mulberry32(2);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(c()).not.toBe(xs[0]);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('chineseNumber', () => {
  it.each([
    [1, '一'],
    [10, '十'],
    [11, '十一'],
    [20, '二十'],
    [25, '二十五'],
    [99, '九十九'],
  ])('%d → %s', (n, expected) => {
    expect(chineseNumber(n)).toBe(expected);
  });
});

describe('generateDemoWorkspace', () => {
  it('is deterministic: same seed, same output; another seed, other output', () => {
    const a = generateDemoWorkspace({ seed: 7, teachers: 2000 });
    const b = generateDemoWorkspace({ seed: 7, teachers: 2000 });
    const c = generateDemoWorkspace({ seed: 8, teachers: 2000 });
    expect(b).toEqual(a);
    expect(c.teachers.map((t) => t.idNumber)).not.toEqual(a.teachers.map((t) => t.idNumber));
  });

  // Its speed is a figure of `npm run bench` (demo_workspace_30k), not an assertion here.
  it('generates exactly the requested number of teachers', () => {
    expect(big.teachers).toHaveLength(30_000);
    expect(generateDemoWorkspace({ seed: 1, teachers: 0 }).teachers).toHaveLength(0);
    expect(generateDemoWorkspace({ seed: 1, teachers: 1 }).teachers).toHaveLength(1);
  });

  it('builds province → city → 6–8 districts → several hundred schools', () => {
    const byKind = (kind: string) => big.units.filter((u) => u.kind === kind);
    expect(byKind('province').map((u) => u.name)).toEqual(['示范省']);
    expect(byKind('city').map((u) => u.name)).toEqual(['示范市']);
    expect(byKind('district').length).toBeGreaterThanOrEqual(6);
    expect(byKind('district').length).toBeLessThanOrEqual(8);
    expect(byKind('school').length).toBeGreaterThanOrEqual(250);
    expect(byKind('school').length).toBeLessThanOrEqual(600);
    for (const d of byKind('district')) {
      const schools = big.units.filter((u) => u.parentKey === d.key);
      expect(schools.filter((s) => /职业/.test(s.name))).toHaveLength(1);
      expect(schools.some((s) => s.name.endsWith('幼儿园'))).toBe(true);
      expect(schools.some((s) => s.name.endsWith('小学'))).toBe(true);
      expect(schools.some((s) => s.name.endsWith('初级中学'))).toBe(true);
      expect(schools.some((s) => s.name.endsWith('高级中学'))).toBe(true);
      expect(schools.every((s) => s.name.startsWith(d.name))).toBe(true);
    }
  });

  it('keeps keys unique, parents existing, names unique within a parent, codes unique', () => {
    const keys = new Set(big.units.map((u) => u.key));
    expect(keys.size).toBe(big.units.length);
    expect(big.units.every((u) => u.parentKey === null || keys.has(u.parentKey))).toBe(true);
    const names = new Set(big.units.map((u) => `${u.parentKey ?? ''}/${u.name}`));
    expect(names.size).toBe(big.units.length);
    expect(new Set(big.units.map((u) => u.code)).size).toBe(big.units.length);
  });

  it('gives every teacher a valid, unique ID from the fictional province 39', () => {
    const ids = new Set<string>();
    for (const t of big.teachers) {
      const checked = checkIdNumber(t.idNumber, TODAY);
      expect(checked.ok, t.idNumber).toBe(true);
      if (checked.ok) {
        expect(checked.birthDate).toBe(t.birthDate);
        expect(checked.gender).toBe(t.gender);
      }
      expect(t.idNumber.startsWith('39')).toBe(true);
      ids.add(t.idNumber);
    }
    expect(ids.size).toBe(big.teachers.length);
    const years = big.teachers.map((t) => Number(t.birthDate.slice(0, 4)));
    expect(Math.min(...years)).toBeGreaterThanOrEqual(1965);
    expect(Math.max(...years)).toBeLessThanOrEqual(2001);
  });

  it('matches stages to the school type and uses the known vocabularies', () => {
    const schools = new Map(big.units.map((u) => [u.key, u]));
    // One assertion over all 30,000 teachers (150,000 expect calls took seconds on a busy machine).
    const problems: string[] = [];
    for (const t of big.teachers) {
      const school = schools.get(t.schoolKey);
      const name = school?.name ?? '';
      if (name !== t.schoolName) problems.push(`${t.idNumber}: school ${t.schoolName} vs ${name}`);
      const expected = name.endsWith('幼儿园')
        ? [['幼儿园']]
        : name.endsWith('小学')
          ? [['小学']]
          : name.endsWith('初级中学')
            ? [['初中']]
            : name.endsWith('高级中学') && !name.includes('职业')
              ? [['高中']]
              : /职业/.test(name)
                ? [['中职']]
                : [['初中'], ['高中'], ['初中', '高中']];
      if (!expected.some((stages) => stages.join() === t.stages.join()))
        problems.push(`${t.idNumber}: stages ${t.stages.join()} at ${name}`);
      if (t.title === null || !CANONICAL_TITLES.includes(t.title))
        problems.push(`${t.idNumber}: title ${t.title}`);
      if (!EMPLOYMENT_STATUSES.includes(t.employmentStatus))
        problems.push(`${t.idNumber}: status ${t.employmentStatus}`);
      if (t.mobile !== null && !checkMobile(t.mobile).ok)
        problems.push(`${t.idNumber}: mobile ${t.mobile}`);
    }
    expect(problems).toEqual([]);
  });

  it('is mostly 在职 with realistic shares', () => {
    const share = (pred: (t: (typeof big.teachers)[number]) => boolean) =>
      big.teachers.filter(pred).length / big.teachers.length;
    expect(share((t) => t.employmentStatus === '在职')).toBeGreaterThan(0.85);
    expect(share((t) => t.gender === '女')).toBeGreaterThan(0.55);
    expect(share((t) => t.mobile !== null)).toBeGreaterThan(0.9);
    expect(new Set(big.teachers.map((t) => t.name)).size).toBeGreaterThan(3000);
  });
});
