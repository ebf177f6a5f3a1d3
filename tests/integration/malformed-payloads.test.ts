/**
 * No method answers INTERNAL to a malformed payload, and no answer echoes much of it: every method
 * of the contract is called with wrong types, missing and unknown fields, deep nesting, huge
 * strings, invalid dates and invisible characters (issue 11). Seeded, so a failure repeats.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '@shared/api/contract';
import { getPreset, listPresets } from '@shared/domain/rules';
import { openTestCore, type TestCore } from '../support/core-harness';

let t: TestCore;

beforeAll(async () => {
  t = await openTestCore();
});

afterAll(async () => {
  await t.close();
});

function nested(depth: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i += 1) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

const HUGE = 'x'.repeat(1_000_000);
const presets = listPresets().map((p) => getPreset(p.id) as unknown as Record<string, unknown>);

/** Presets with one field broken, as a hand-edited rule set would be. */
function brokenRuleSets(): unknown[] {
  const out: unknown[] = [];
  for (const preset of presets) {
    out.push({ ...preset, id: HUGE });
    out.push({ ...preset, [`\u202E${HUGE}`]: 1 });
    if (preset.kind === 'points') {
      out.push({ ...preset, window: { from: HUGE, to: '2024-01-01' } });
      out.push({ ...preset, window: { from: '2024-02-30', to: '2024-13-01' } });
    }
  }
  return out;
}

const ATOMS: unknown[] = [
  undefined,
  null,
  0,
  -1,
  1e308,
  '',
  HUGE,
  '\u0000\u202E',
  '2024-13-45',
  'x'.repeat(70),
  [],
  {},
  true,
];

function payloads(): unknown[] {
  const out: unknown[] = [...ATOMS, nested(2000)];
  const fields = [
    'id',
    'jobId',
    'path',
    'name',
    'kind',
    'parentId',
    'ruleSet',
    'ruleSetId',
    'input',
    'now',
    'patch',
    'importId',
    'offset',
    'limit',
    'teachers',
    'maxRows',
    'sort',
    'title',
    'filters',
  ];
  for (const field of fields) {
    for (const atom of ATOMS) out.push({ [field]: atom });
    out.push({ [field]: nested(2000) });
  }
  out.push(JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {}}}'));
  for (const ruleSet of brokenRuleSets()) {
    out.push({ ruleSet });
    out.push({ ruleSet, input: { events: [{ personId: HUGE }] }, now: '2024-01-01' });
    out.push({ ruleSet, input: nested(2000), now: '2024-02-30' });
  }
  out.push({ ruleSetId: presets[0]?.id, input: nested(2000), now: '2024-01-01' });
  out.push({
    ruleSetId: presets[0]?.id,
    input: { records: [{ metrics: { [HUGE]: 1 } }] },
    now: '2024-01-01',
  });
  out.push({ id: 'x', patch: { name: '\u0000', mobile: HUGE, stages: ['大学'] } });
  return out;
}

describe('malformed payloads', () => {
  it('never answer INTERNAL, and never echo more than a short fragment', async () => {
    const failures: string[] = [];
    const all = payloads();
    for (const method of Object.keys(contract)) {
      if (method === 'setup/demo') continue; // valid input only creates data; covered elsewhere
      for (const [i, payload] of all.entries()) {
        const result = await t.raw(method, payload);
        if (result.ok) continue;
        const size = JSON.stringify(result.error).length;
        if (result.error.code === 'INTERNAL' || size > 20_000) {
          failures.push(
            `${method} #${i}: ${result.error.code} (${size} chars) ${result.error.message.slice(0, 120)}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('never answer INTERNAL to random JSON (property)', async () => {
    const methods = Object.keys(contract).filter((m) => m !== 'setup/demo');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...methods),
        fc.jsonValue({ maxDepth: 6 }),
        async (method, payload) => {
          const result = await t.raw(method, payload);
          expect(result.ok ? 'OK' : result.error.code).not.toBe('INTERNAL');
        },
      ),
      { seed: 1107, numRuns: 400 },
    );
  });
});
