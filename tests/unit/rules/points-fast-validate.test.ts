/**
 * The hand-written validator for points input must agree with zod exactly: same data (trimmed ids,
 * same keys in the same order, absent optionals absent) when it accepts, and zod's own Chinese
 * errors (it defers) otherwise. Checked against `pointsInputSchema.safeParse` on random inputs
 * biased to the edges of every field, plus a table of hand-picked cases.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { issuesOf, parseWith, zhErrorMap, type Parsed } from '@shared/domain/rules/common';
import {
  fastParsePointsInput,
  pointsInputSchema,
  type PointsInput,
} from '@shared/domain/rules/points';

function viaZod(json: unknown): Parsed<PointsInput> {
  const result = pointsInputSchema.safeParse(json, { error: zhErrorMap });
  return result.success
    ? { ok: true, data: result.data }
    : { ok: false, errors: issuesOf(result.error) };
}

/** Asserts parseWith ≡ zod (and fast ⇒ zod accepts the same data); returns the fast result. */
function expectSameAsZod(json: unknown): PointsInput | null {
  const expected = viaZod(json);
  const fast = fastParsePointsInput(json);
  if (fast !== null) {
    expect(expected.ok).toBe(true);
    if (expected.ok) {
      expect(fast).toStrictEqual(expected.data);
      // Key order too, since outputs are serialized.
      expect(JSON.stringify(fast)).toBe(JSON.stringify(expected.data));
    }
  }
  const actual = parseWith(pointsInputSchema, json);
  expect(actual).toStrictEqual(expected);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
  return fast;
}

// ---------------------------------------------------------------------------------------------
// Arbitraries: `valid*` only produce accepted values; `edgy*` mix in near misses and wrong types.

const whitespace = fc
  .array(fc.constantFrom(' ', '\t', '\n', '\u3000', '\u00a0', '\ufeff'), { maxLength: 2 })
  .map((chars) => chars.join(''));

const validId = fc
  .tuple(
    whitespace,
    fc.string({ minLength: 1, maxLength: 64 }).filter((s) => s === s.trim() && s !== ''),
    whitespace,
  )
  .map(([before, core, after]) => before + core + after);

const wrongType = fc.constantFrom<unknown>(null, 1, true, {}, [], 'x', Symbol.iterator);

const edgyId = fc.oneof(
  { arbitrary: validId, weight: 14 },
  fc.constantFrom(
    '',
    '   ',
    '\u3000',
    'a'.repeat(64),
    'a'.repeat(65),
    ` ${'a'.repeat(64)} `,
    ` ${'a'.repeat(65)}`,
  ),
  fc.string({ maxLength: 70 }),
  wrongType,
);

const validKey = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,47}$/);
const edgyKey = fc.oneof(
  { arbitrary: validKey, weight: 14 },
  fc.constantFrom('A' + 'b'.repeat(47), 'A' + 'b'.repeat(48), '1a', 'a b', 'a\n', ' a', '', '_a'),
  wrongType,
);

const two = (max: number): fc.Arbitrary<string> =>
  fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));

const validDateTime = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
    month: fc.integer({ min: 1, max: 12 }).map((n) => String(n).padStart(2, '0')),
    day: fc.integer({ min: 1, max: 28 }).map((n) => String(n).padStart(2, '0')),
    hour: two(23),
    minute: two(59),
    rest: fc.oneof(
      fc.constant(''),
      two(59).map((s) => `:${s}`),
      fc.tuple(two(59), fc.stringMatching(/^\d{1,9}$/)).map(([s, fraction]) => `:${s}.${fraction}`),
    ),
    offset: fc.oneof(
      fc.constant('Z'),
      fc
        .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 18 * 60 }))
        .map(([sign, m]) => `${sign}${two2(Math.floor(m / 60))}:${two2(m % 60)}`),
    ),
  })
  .map((p) => `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}${p.rest}${p.offset}`);

function two2(value: number): string {
  return String(value).padStart(2, '0');
}

const edgyDateTime = fc.oneof(
  { arbitrary: validDateTime, weight: 14 },
  fc.constantFrom(
    '2023-02-29T08:00:00+08:00',
    '2024-02-29T08:00:00+08:00',
    '2023-07-16T24:00:00+08:00',
    '2023-07-16T08:60:00+08:00',
    '2023-07-16T08:00:60Z',
    '2023-07-16T08:00:00',
    '2023-07-16T08:00:00z',
    '2023-07-16T08:00:00+0800',
    '2023-07-16T08:00:00+18:00',
    '2023-07-16T08:00:00+18:01',
    '2023-07-16T08:00:00-19:00',
    '2023-07-16T08:00:00.Z',
    '2023-07-16T08:00:00.1234567890Z',
    '2023-07-16T08:00:00.123456789Z',
    '2023-07-16 08:00:00Z',
    '2023-7-16T08:00:00Z',
    '2023-07-16T08:00Z',
    ' 2023-07-16T08:00Z',
    '2023-07-16',
  ),
  wrongType,
);

function edgyNumber(min: number, max: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: fc.integer({ min, max }), weight: 14 },
    { arbitrary: fc.double({ min, max, noNaN: true }), weight: 6 },
    fc.constantFrom(min, max, -0, min - 1, max + 0.5, max + 1, Number.NaN, Infinity, -Infinity),
    fc.double(),
    fc.constantFrom<unknown>('1', null, true, 10n),
  );
}

const edgyName = fc.oneof(
  { arbitrary: fc.string({ maxLength: 50 }), weight: 14 },
  fc.constantFrom('x'.repeat(50), 'x'.repeat(51), ' ', ''),
  wrongType,
);

/**
 * An object with some of `optional`, all of `required`; when `edgy`, sometimes one unknown key and
 * sometimes a null prototype (which the fast path leaves to zod).
 */
function objectOf(
  required: Record<string, fc.Arbitrary<unknown>>,
  optional: Record<string, fc.Arbitrary<unknown>>,
  edgy: boolean,
): fc.Arbitrary<Record<string, unknown>> {
  const base = fc.record(
    { ...required, ...optional },
    { requiredKeys: Object.keys(required), noNullPrototype: true },
  ) as fc.Arbitrary<Record<string, unknown>>;
  if (!edgy) return base;
  return fc
    .tuple(
      base,
      fc.oneof(
        { arbitrary: fc.constant(null), weight: 12 },
        fc.constantFrom('extra', 'personID', 'toString'),
      ),
      fc.integer({ min: 0, max: 19 }),
    )
    .map(([object, extra, dice]) => {
      const copy = extra === null ? object : { ...object, [extra]: 1 };
      return dice === 0
        ? (Object.assign(Object.create(null), copy) as Record<string, unknown>)
        : copy;
    });
}

const personIdPool = fc.constantFrom('p1', ' p1', 'p1\t', 'p2', 'p3', '');

function personOf(edgy: boolean): fc.Arbitrary<unknown> {
  const object = objectOf(
    { personId: edgy ? fc.oneof(personIdPool, edgyId) : validId },
    {
      name: edgy ? edgyName : fc.string({ maxLength: 50 }),
      role: edgy ? edgyKey : validKey,
      workshopId: edgy ? edgyId : validId,
      schoolId: edgy ? edgyId : validId,
      projectId: edgy ? edgyId : validId,
    },
    edgy,
  );
  return edgy ? fc.oneof({ arbitrary: object, weight: 9 }, wrongType) : object;
}

function eventOf(edgy: boolean): fc.Arbitrary<unknown> {
  const object = objectOf(
    {
      personId: edgy ? edgyId : validId,
      action: edgy ? edgyKey : validKey,
      at: edgy ? edgyDateTime : validDateTime,
    },
    {
      id: edgy ? edgyId : validId,
      resourceId: edgy ? edgyId : validId,
      activityId: edgy ? edgyId : validId,
      durationMinutes: edgy
        ? edgyNumber(0, 100_000)
        : fc.double({ min: 0, max: 100_000, noNaN: true }),
      quantity: edgy ? edgyNumber(0, 1_000_000) : fc.integer({ min: 0, max: 1_000_000 }),
      completionRate: edgy ? edgyNumber(0, 100) : fc.double({ min: 0, max: 100, noNaN: true }),
      deadline: edgy ? edgyDateTime : validDateTime,
    },
    edgy,
  );
  return edgy ? fc.oneof({ arbitrary: object, weight: 9 }, wrongType) : object;
}

const validInput = objectOf(
  { events: fc.array(eventOf(false), { maxLength: 4 }) },
  {
    people: fc
      .uniqueArray(personOf(false), {
        maxLength: 4,
        selector: (p) => String((p as { personId: string }).personId).trim(),
      })
      .map((people) => people),
  },
  false,
);

const edgyInput = fc.oneof(
  {
    arbitrary: objectOf(
      {
        events: fc.oneof(
          { arbitrary: fc.array(eventOf(true), { maxLength: 3 }), weight: 9 },
          wrongType,
        ),
      },
      {
        people: fc.oneof(
          { arbitrary: fc.array(personOf(true), { maxLength: 3 }), weight: 9 },
          wrongType,
        ),
      },
      true,
    ),
    weight: 19,
  },
  wrongType,
);

// ---------------------------------------------------------------------------------------------

describe('fast points-input validation', () => {
  it('takes the fast path for valid input and returns exactly what zod returns', () => {
    fc.assert(
      fc.property(validInput, (input) => {
        expect(expectSameAsZod(input)).not.toBeNull();
      }),
      { numRuns: 400 },
    );
  });

  it('agrees with zod (data or identical errors) on slightly invalid input', () => {
    let fast = 0;
    let rejected = 0;
    fc.assert(
      fc.property(edgyInput, (input) => {
        if (expectSameAsZod(input) !== null) fast += 1;
        if (!viaZod(input).ok) rejected += 1;
      }),
      { numRuns: 1500 },
    );
    // Both branches must actually be exercised for the comparison to mean anything.
    expect(fast).toBeGreaterThan(100);
    expect(rejected).toBeGreaterThan(500);
  });

  const event = { personId: 'p1', action: 'login', at: '2023-07-16T08:30:00+08:00' };
  const withHiddenId = Object.defineProperty({ ...event }, 'id', {
    value: ' e1 ',
    enumerable: false,
  });
  const withUndefined = { ...event, id: undefined };
  const nullProto = Object.assign(Object.create(null) as object, event);
  class EventClass {
    personId = 'p1';
    action = 'login';
    at = '2023-07-16T08:30:00+08:00';
  }
  const sparse: unknown[] = [event];
  sparse.length = 2;

  const cases: { name: string; input: unknown; fast: boolean }[] = [
    { name: 'minimal', input: { events: [event] }, fast: true },
    { name: 'empty events', input: { events: [] }, fast: true },
    {
      name: 'trimmed ids',
      input: { events: [{ ...event, personId: ' p1 ', id: '\te1\n' }] },
      fast: true,
    },
    {
      name: 'every optional field',
      input: {
        people: [
          {
            personId: 'p1',
            name: '',
            role: 'member',
            workshopId: 'w',
            schoolId: 's',
            projectId: 'x',
          },
        ],
        events: [
          {
            ...event,
            id: 'e',
            resourceId: 'r',
            activityId: 'a',
            durationMinutes: 100_000,
            quantity: 1_000_000,
            completionRate: 100,
            deadline: '2023-07-16T08:30:00.123456789-12:00',
          },
        ],
      },
      fast: true,
    },
    {
      name: 'key order of the input differs',
      input: { events: [{ at: event.at, action: 'login', personId: 'p1' }], people: [] },
      fast: true,
    },
    {
      name: 'negative zero',
      input: { events: [{ ...event, durationMinutes: -0, quantity: -0 }] },
      fast: true,
    },
    {
      name: 'duplicate person after trim',
      input: { people: [{ personId: 'p1' }, { personId: ' p1' }], events: [] },
      fast: false,
    },
    { name: 'blank id', input: { events: [{ ...event, personId: ' \u3000 ' }] }, fast: false },
    { name: 'id of 65', input: { events: [{ ...event, id: 'a'.repeat(65) }] }, fast: false },
    { name: 'fractional quantity', input: { events: [{ ...event, quantity: 1.5 }] }, fast: false },
    {
      name: 'rate over 100',
      input: { events: [{ ...event, completionRate: 100.01 }] },
      fast: false,
    },
    {
      name: 'NaN duration',
      input: { events: [{ ...event, durationMinutes: Number.NaN }] },
      fast: false,
    },
    {
      name: 'no offset',
      input: { events: [{ ...event, at: '2023-07-16T08:30:00' }] },
      fast: false,
    },
    {
      name: 'offset beyond 18h',
      input: { events: [{ ...event, deadline: '2023-07-16T08:30:00+18:30' }] },
      fast: false,
    },
    { name: 'unknown event key', input: { events: [{ ...event, note: 'x' }] }, fast: false },
    { name: 'unknown top-level key', input: { events: [], extra: 1 }, fast: false },
    {
      name: '__proto__ key from JSON',
      input: JSON.parse(`{"events":[],"__proto__":{"a":1}}`) as unknown,
      fast: false,
    },
    { name: 'undefined optional value', input: { events: [withUndefined] }, fast: false },
    { name: 'people undefined', input: { events: [], people: undefined }, fast: false },
    { name: 'non-enumerable id (zod reads it too)', input: { events: [withHiddenId] }, fast: true },
    { name: 'null-prototype event', input: { events: [nullProto] }, fast: false },
    { name: 'class instance event', input: { events: [new EventClass()] }, fast: false },
    { name: 'sparse events', input: { events: sparse }, fast: false },
    { name: 'events missing', input: { people: [] }, fast: false },
    { name: 'events not a list', input: { events: {} }, fast: false },
    { name: 'not an object', input: [], fast: false },
    { name: 'null', input: null, fast: false },
  ];

  it.each(cases)('$name', ({ input, fast }) => {
    const result = expectSameAsZod(input);
    expect(result !== null).toBe(fast);
  });

  it('leaves lists over the schema maximum to zod', () => {
    const events: unknown[] = new Array<unknown>(5_000_001).fill(event);
    expect(fastParsePointsInput({ events })).toBeNull();
  });
});
