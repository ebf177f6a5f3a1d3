/** The depth bound every wire applies before a payload is cloned or validated recursively. */
import { describe, expect, it } from 'vitest';
import { exceedsDepth, MAX_PAYLOAD_DEPTH } from '../../../electron/core/payload-depth';

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

describe('exceedsDepth', () => {
  it.each([
    [0, false],
    [1, false],
    [MAX_PAYLOAD_DEPTH, false],
    [MAX_PAYLOAD_DEPTH + 1, true],
    [100_000, true],
  ])('a value nested %d levels: %s', (depth, expected) => {
    expect(exceedsDepth(nested(depth))).toBe(expected);
  });

  it('looks at every branch, and survives cycles', () => {
    expect(exceedsDepth({ shallow: 1, deep: nested(MAX_PAYLOAD_DEPTH) })).toBe(true);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(exceedsDepth(cycle)).toBe(false);
  });
});
