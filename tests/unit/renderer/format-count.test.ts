// The UI's number format (renderer/src/components/format-count.ts) writes what
// toLocaleString('zh-CN') writes, without asking ICU for it.
import { describe, expect, it } from 'vitest';
import { formatCount } from '../../../renderer/src/components/format-count';

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [7, '7'],
    [999, '999'],
    [1000, '1,000'],
    [30000, '30,000'],
    [1234567, '1,234,567'],
    [-1234, '-1,234'],
    [1.5, '1.5'],
    [1234.5678, '1,234.568'],
    [0.25, '0.25'],
    [-0.0001, '0'],
    [2.0, '2'],
  ])('%d → %s', (value, text) => {
    expect(formatCount(value)).toBe(text);
  });

  it('agrees with the zh-CN number format on a spread of values', () => {
    const values: number[] = [];
    for (let value = 1; value < 1e13; value = value * 7 + 3) values.push(value, -value, value / 8);
    for (const value of values) {
      expect(formatCount(value)).toBe(value.toLocaleString('zh-CN'));
    }
  });

  it('leaves what is not a number as JavaScript writes it', () => {
    expect(formatCount(Number.NaN)).toBe('NaN');
    expect(formatCount(Number.POSITIVE_INFINITY)).toBe('Infinity');
  });
});
