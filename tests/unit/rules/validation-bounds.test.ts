/**
 * Validation never throws and never echoes much input: an invalid date inside a rule set used to
 * escape as INTERNAL "Not an ISO date" with up to 1 MB of the value; keys and ids are quoted short.
 */
import { describe, expect, it } from 'vitest';
import { getPreset, listPresets, validateRuleSet } from '@shared/domain/rules';
import { fragment, hasUnsafeCharacters } from '@shared/domain/text-fragment';

const HUGE = 'x'.repeat(1_000_000);

function pointsPreset(): Record<string, unknown> {
  const preset = listPresets().find((p) => p.kinds.includes('points'));
  if (!preset) throw new Error('no points preset');
  return JSON.parse(JSON.stringify(getPreset(preset.id))) as Record<string, unknown>;
}

function expectBounded(result: ReturnType<typeof validateRuleSet>): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  for (const issue of result.errors) {
    expect(issue.message.length).toBeLessThanOrEqual(201);
    expect(issue.path.length).toBeLessThan(400);
    expect(hasUnsafeCharacters(issue.message)).toBe(false);
  }
}

describe('rule-set validation on hostile values', () => {
  it.each([
    ['from', { from: HUGE, to: '2024-01-01' }],
    ['to', { from: '2024-01-01', to: `2024-02-30${HUGE}` }],
    ['both', { from: '2024-13-01', to: 'not a date' }],
  ])('answers an invalid window.%s with issues instead of throwing', (_label, window) => {
    const ruleSet = { ...pointsPreset(), window };
    const result = validateRuleSet(ruleSet);
    expectBounded(result);
    if (!result.ok) expect(result.errors.some((e) => e.path.startsWith('window'))).toBe(true);
  });

  it('still reports a window whose end is before its start', () => {
    const result = validateRuleSet({
      ...pointsPreset(),
      window: { from: '2024-02-01', to: '2024-01-01' },
    });
    expect(result).toMatchObject({
      ok: false,
      errors: [{ path: 'window.to', message: '结束日期早于开始日期' }],
    });
  });

  it('quotes duplicate ids, unknown keys and their paths short and without bidi characters', () => {
    const ruleSet = pointsPreset();
    const actions = ruleSet.actions as Record<string, unknown>[];
    const code = `\u202E${'a'.repeat(100_000)}`;
    ruleSet.actions = [{ ...actions[0], code }, { ...actions[0], code }, ...actions.slice(1)];
    ruleSet[`\u202E${HUGE}`] = 1;
    ruleSet[`${'k'.repeat(50_000)}\u0000`] = 2;
    const result = validateRuleSet(ruleSet);
    expectBounded(result);
    if (!result.ok) {
      expect(result.errors.some((e) => e.message.startsWith('不认识的字段'))).toBe(true);
      expect(JSON.stringify(result.errors).length).toBeLessThan(5000);
    }
  });
});

describe('fragment', () => {
  it.each([
    ['short text unchanged', '张三', 40, '张三'],
    ['cut with an ellipsis', 'abcdef', 3, 'abc…'],
    ['bidi, zero-width and controls dropped', 'a\u202Eb\u200Bc\u0000d\nE', 40, 'abcdE'],
    ['astral characters counted once', '𠀀𠀁𠀂', 2, '𠀀𠀁…'],
    ['only invisible characters: named', '\u202E\u202E', 40, 'U+202E'],
    ['empty stays empty', '', 40, ''],
  ])('%s', (_label, text, max, expected) => {
    expect(fragment(text, max)).toBe(expected);
  });

  it('bounds the quote of a huge value', () => {
    expect(fragment(HUGE)).toHaveLength(41);
  });
});
