/**
 * Points rule sets: research points (R3) and the depth-application index (R4) as an action
 * catalogue with caps, evaluated into a per-person, per-day ledger that says why each event earned
 * what it earned, then totals, credit-hour conversion, levels, awards and min–max normalization.
 *
 * Time: event timestamps carry their own offset; the day, week, month and year an event counts in
 * are those of the rule set's zone (`timeZoneOffsetMinutes`, 480 = China), never the host's.
 * Order: each person's events are processed in time order (ties broken by content), so the ledger
 * does not depend on the order of the input. The evaluator avoids per-event allocations apart from
 * the ledger entry itself, because dashboards evaluate a year of events at once.
 */
import { fragment } from '../text-fragment';
import { z } from 'zod';
import {
  ceilShare,
  compareText,
  ID_MAX_LENGTH,
  idText,
  isIsoDateTime,
  KEY_PATTERN,
  isoDateText,
  isoDateTimeText,
  keyText,
  labelText,
  nonNegativeNumber,
  num,
  percentNumber,
  positiveInt,
  roundTo,
  ruleSetMetaShape,
  refineUniqueIds,
  registerFastParser,
} from './common';
import {
  dayOf,
  parseIsoDate,
  formatDay,
  localDayOfMs,
  MS_PER_DAY,
  monthKeyOf,
  parseDateTimeMs,
  weekStartOf,
} from './dates';
import { minMaxNormalize, selectTop, type Ratio } from './ranking';

// ---------------------------------------------------------------------------------------------
// Rule-set schema

const pointValue = z.number({ error: '应为数字' }).int('积分应为整数').min(-10_000).max(10_000);

export const capPeriods = ['day', 'week', 'month', 'year', 'activity', 'window'] as const;
export type CapPeriod = (typeof capPeriods)[number];

const PERIOD_LABEL: Record<CapPeriod, string> = {
  day: '当日',
  week: '本周',
  month: '本月',
  year: '本年',
  activity: '每次活动',
  window: '统计期内',
};

export const pointsActionSchema = z.strictObject({
  code: keyText,
  label: labelText,
  /** Points per occurrence; negative for a penalty (扣分). Ignored when `tiers` is set. */
  points: pointValue,
  /** Roles the action applies to (e.g. owner, member); null = everyone. */
  roles: z.array(keyText).min(1).nullable(),
  /** Points by completion rate at the deadline: the highest tier whose minRate ≤ the rate. */
  tiers: z
    .array(z.strictObject({ minRate: percentNumber, points: pointValue }))
    .min(1)
    .max(20)
    .nullable(),
  /** The event must last at least this long (R3 reading ≥ 3 min; upload of a video > 5 min). */
  minDuration: z
    .strictObject({ minutes: z.number().positive(), isInclusive: z.boolean() })
    .nullable(),
  /** The event's `quantity` must reach this (R4: ≥ 10 students graded). */
  minQuantity: z.strictObject({ value: positiveInt, unit: z.string().max(10) }).nullable(),
  /** At most one scored occurrence per period, per resource or per activity. */
  oncePer: z.enum(['day', 'week', 'month', 'year', 'resource', 'activity', 'window']).nullable(),
  /** `by-deadline`: only until the event's (original) deadline; `within-days-after-deadline`: a
   *  report due within N days after the deadline. */
  timing: z
    .discriminatedUnion('type', [
      z.strictObject({ type: z.literal('by-deadline') }),
      z.strictObject({ type: z.literal('within-days-after-deadline'), days: positiveInt }),
    ])
    .nullable(),
  /** Consecutive-day bonus: from the `fromDay`-th consecutive day on, `points` per day; a day
   *  without the action restarts the count (R4 login). */
  streak: z
    .strictObject({ fromDay: z.number().int().min(2).max(366), points: pointValue })
    .nullable(),
});
export type PointsAction = z.infer<typeof pointsActionSchema>;

export const pointsCapSchema = z.strictObject({
  id: keyText,
  /** Shown in reasons; null → generated, e.g. 当日上限 5 分. */
  label: z.string().max(100).nullable(),
  per: z.enum(capPeriods),
  max: positiveInt,
  /** Actions whose points count toward this cap. A penalty listed here counts inside the cap
   *  (it frees room); a penalty not listed is deducted outside any cap. */
  actions: z.array(keyText).min(1).max(50),
});
export type PointsCap = z.infer<typeof pointsCapSchema>;

export const awardSchema = z.strictObject({
  id: keyText,
  label: labelText,
  /** `person`: rank people; `group`: rank workshops/schools by their members' points. */
  subject: z.enum(['person', 'group']),
  /** For `person`: rank within each group (null = everyone together). For `group`: the group. */
  groupBy: z.enum(['workshopId', 'schoolId', 'projectId']).nullable(),
  /** Only people with these roles are candidates / counted in group means; null = everyone. */
  roles: z.array(keyText).min(1).nullable(),
  /** Top share, in percent; the number selected is ceil(candidates × share). */
  sharePercent: z.number().gt(0, '应大于 0').max(100, '不能超过 100'),
  measure: z.enum(['total', 'mean']),
  tieRule: z.enum(['include-ties', 'exclude-ties']),
});
export type PointsAward = z.infer<typeof awardSchema>;

export const pointsRuleSetSchema = z
  .strictObject({
    kind: z.literal('points'),
    ...ruleSetMetaShape,
    /** Offset of the zone the days are counted in, minutes east of UTC (China: 480). */
    timeZoneOffsetMinutes: z.number().int().min(-720).max(840),
    /** First day of a week: 0 Sunday … 6 Saturday (R4: 1, Monday). */
    weekStartsOn: z.number().int().min(0).max(6),
    /** Events outside these dates (inclusive, local) count nothing; null = no window. */
    window: z.strictObject({ from: isoDateText, to: isoDateText }).nullable(),
    roles: z.array(z.strictObject({ code: keyText, label: labelText })).max(20),
    actions: z.array(pointsActionSchema).min(1).max(200),
    caps: z.array(pointsCapSchema).max(200),
    conversion: z
      .strictObject({
        pointsPerStep: positiveInt,
        hoursPerStep: z.number().positive(),
        /** `floor-steps`: only whole steps count (R3: each full 100 points); `proportional`. */
        rounding: z.enum(['floor-steps', 'proportional']),
      })
      .nullable(),
    levels: z.array(z.strictObject({ minPoints: positiveInt, name: labelText })).max(20),
    awards: z.array(awardSchema).max(20),
    normalization: z
      .strictObject({
        minScore: nonNegativeNumber,
        maxScore: nonNegativeNumber,
        whenAllEqual: nonNegativeNumber,
        decimals: z.number().int().min(0).max(4),
        groupBy: z.enum(['workshopId', 'schoolId', 'projectId']).nullable(),
      })
      .nullable(),
  })
  .superRefine((ruleSet, ctx) => {
    const codes = new Set<string>();
    ruleSet.actions.forEach((action, index) => {
      if (codes.has(action.code)) {
        ctx.addIssue({
          code: 'custom',
          path: ['actions', index, 'code'],
          message: `行为 ${fragment(action.code)} 重复`,
        });
      }
      codes.add(action.code);
      action.tiers?.forEach((tier, i, tiers) => {
        const previous = tiers[i - 1];
        if (previous && previous.minRate >= tier.minRate) {
          ctx.addIssue({
            code: 'custom',
            path: ['actions', index, 'tiers', i, 'minRate'],
            message: '档位应按完成率从低到高排列',
          });
        }
      });
      const roleCodes = new Set(ruleSet.roles.map((role) => role.code));
      action.roles?.forEach((role, i) => {
        if (!roleCodes.has(role)) {
          ctx.addIssue({
            code: 'custom',
            path: ['actions', index, 'roles', i],
            message: `角色 ${fragment(role)} 未在 roles 中声明`,
          });
        }
      });
    });
    const capIds = new Set<string>();
    ruleSet.caps.forEach((cap, index) => {
      if (capIds.has(cap.id))
        ctx.addIssue({
          code: 'custom',
          path: ['caps', index, 'id'],
          message: `上限 ${fragment(cap.id)} 重复`,
        });
      capIds.add(cap.id);
      cap.actions.forEach((code, i) => {
        if (!codes.has(code)) {
          ctx.addIssue({
            code: 'custom',
            path: ['caps', index, 'actions', i],
            message: `上限引用了不存在的行为 ${fragment(code)}`,
          });
        }
      });
    });
    ruleSet.levels.forEach((level, index, levels) => {
      const previous = levels[index - 1];
      if (previous && previous.minPoints >= level.minPoints) {
        ctx.addIssue({
          code: 'custom',
          path: ['levels', index, 'minPoints'],
          message: '等级应按积分从低到高排列',
        });
      }
    });
    ruleSet.awards.forEach((award, index) => {
      if (award.subject === 'group' && award.groupBy === null) {
        ctx.addIssue({
          code: 'custom',
          path: ['awards', index, 'groupBy'],
          message: '按集体评选时需指定分组 groupBy',
        });
      }
      if (award.subject === 'person' && award.measure !== 'total') {
        ctx.addIssue({
          code: 'custom',
          path: ['awards', index, 'measure'],
          message: '个人评选只能按总积分 total',
        });
      }
    });
    // Refinements run even when a field already failed (zod reports every problem at once), so
    // the dates may be invalid here: compare only real ones, never throw (the field's own issue
    // already says what is wrong with an invalid one).
    const from = ruleSet.window ? parseIsoDate(ruleSet.window.from) : null;
    const to = ruleSet.window ? parseIsoDate(ruleSet.window.to) : null;
    if (from !== null && to !== null && from > to) {
      ctx.addIssue({ code: 'custom', path: ['window', 'to'], message: '结束日期早于开始日期' });
    }
    if (ruleSet.normalization && ruleSet.normalization.minScore > ruleSet.normalization.maxScore) {
      ctx.addIssue({
        code: 'custom',
        path: ['normalization', 'minScore'],
        message: '最低分不能高于最高分',
      });
    }
  });
export type PointsRuleSet = z.infer<typeof pointsRuleSetSchema>;

// ---------------------------------------------------------------------------------------------
// Input schema

export const pointsPersonSchema = z.strictObject({
  personId: idText,
  name: z.string().max(50).optional(),
  role: keyText.optional(),
  workshopId: idText.optional(),
  schoolId: idText.optional(),
  projectId: idText.optional(),
});
export type PointsPerson = z.infer<typeof pointsPersonSchema>;

export const pointsEventSchema = z.strictObject({
  personId: idText,
  action: keyText,
  /** When it happened, with offset, e.g. 2023-03-01T08:00:00+08:00. */
  at: isoDateTimeText,
  id: idText.optional(),
  resourceId: idText.optional(),
  activityId: idText.optional(),
  durationMinutes: z.number().min(0).max(100_000).optional(),
  quantity: z.number().int().min(0).max(1_000_000).optional(),
  /** Completion rate in percent, measured at the (original) deadline. */
  completionRate: percentNumber.optional(),
  /** The activity's original deadline; an extension does not move it. */
  deadline: isoDateTimeText.optional(),
});
export type PointsEvent = z.infer<typeof pointsEventSchema>;

export const pointsInputSchema = z
  .strictObject({
    /** Optional roster: roles and groups for awards; people without events score 0. */
    people: z.array(pointsPersonSchema).max(1_000_000).optional(),
    events: z.array(pointsEventSchema).max(5_000_000),
  })
  .superRefine((input, ctx) =>
    refineUniqueIds(
      ctx,
      input.people,
      (p) => p.personId,
      { base: ['people'], idKey: 'personId' },
      (id) => `人员 ${fragment(id)} 重复出现`,
    ),
  );
export type PointsInput = z.infer<typeof pointsInputSchema>;

// Fast validation: a million events cost zod about twice the evaluation itself. Each check below
// mirrors one constraint of the schemas above; anything unusual (other prototypes, `undefined`
// values, any failed check, duplicates) returns null so that zod runs and words the errors.

const PERSON_KEYS = new Set(Object.keys(pointsPersonSchema.shape));
const EVENT_KEYS = new Set(Object.keys(pointsEventSchema.shape));
const INPUT_KEYS = new Set(['people', 'events']);

/** A plain JSON-like object whose enumerable keys (own and inherited) all belong to `allowed`. */
function plainRecord(value: unknown, allowed: ReadonlySet<string>): Record<string, unknown> | null {
  if (
    typeof value !== 'object' ||
    value === null ||
    Object.getPrototypeOf(value) !== Object.prototype
  )
    return null;
  for (const key in value) if (!allowed.has(key)) return null;
  return value as Record<string, unknown>;
}

/** `idText`: trimmed, 1–64 characters. */
function fastId(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return text.length >= 1 && text.length <= ID_MAX_LENGTH ? text : null;
}

function fastKey(value: unknown): string | null {
  return typeof value === 'string' && KEY_PATTERN.test(value) ? value : null;
}

function fastDateTime(value: unknown): string | null {
  return typeof value === 'string' && isIsoDateTime(value) ? value : null;
}

/** A number within [min, max] (NaN fails both comparisons; the bounds exclude ±Infinity). */
function fastNumber(value: unknown, min: number, max: number): number | null {
  return typeof value === 'number' && value >= min && value <= max ? value : null;
}

function fastPerson(value: unknown): PointsPerson | null {
  const raw = plainRecord(value, PERSON_KEYS);
  if (raw === null) return null;
  const personId = fastId(raw.personId);
  if (personId === null) return null;
  // Built in shape order, like zod, so that even key order matches.
  const person: PointsPerson = { personId };
  if ('name' in raw) {
    const name = raw.name;
    if (typeof name !== 'string' || name.length > 50) return null;
    person.name = name;
  }
  if ('role' in raw) {
    const role = fastKey(raw.role);
    if (role === null) return null;
    person.role = role;
  }
  for (const key of ['workshopId', 'schoolId', 'projectId'] as const) {
    if (key in raw) {
      const id = fastId(raw[key]);
      if (id === null) return null;
      person[key] = id;
    }
  }
  return person;
}

function fastEvent(value: unknown): PointsEvent | null {
  const raw = plainRecord(value, EVENT_KEYS);
  if (raw === null) return null;
  const personId = fastId(raw.personId);
  const action = fastKey(raw.action);
  const at = fastDateTime(raw.at);
  if (personId === null || action === null || at === null) return null;
  const event: PointsEvent = { personId, action, at };
  if ('id' in raw) {
    const id = fastId(raw.id);
    if (id === null) return null;
    event.id = id;
  }
  if ('resourceId' in raw) {
    const id = fastId(raw.resourceId);
    if (id === null) return null;
    event.resourceId = id;
  }
  if ('activityId' in raw) {
    const id = fastId(raw.activityId);
    if (id === null) return null;
    event.activityId = id;
  }
  if ('durationMinutes' in raw) {
    const minutes = fastNumber(raw.durationMinutes, 0, 100_000);
    if (minutes === null) return null;
    event.durationMinutes = minutes;
  }
  if ('quantity' in raw) {
    const quantity = fastNumber(raw.quantity, 0, 1_000_000);
    if (quantity === null || !Number.isInteger(quantity)) return null;
    event.quantity = quantity;
  }
  if ('completionRate' in raw) {
    const rate = fastNumber(raw.completionRate, 0, 100);
    if (rate === null) return null;
    event.completionRate = rate;
  }
  if ('deadline' in raw) {
    const deadline = fastDateTime(raw.deadline);
    if (deadline === null) return null;
    event.deadline = deadline;
  }
  return event;
}

/** `pointsInputSchema` for input it is sure is valid; null means "ask zod". */
export function fastParsePointsInput(json: unknown): PointsInput | null {
  const raw = plainRecord(json, INPUT_KEYS);
  if (raw === null || !Array.isArray(raw.events) || raw.events.length > 5_000_000) return null;
  const input: Partial<PointsInput> = {};
  if ('people' in raw) {
    const rawPeople: unknown = raw.people;
    if (!Array.isArray(rawPeople) || rawPeople.length > 1_000_000) return null;
    const people: PointsPerson[] = new Array<PointsPerson>(rawPeople.length);
    const seen = new Set<string>();
    for (let i = 0; i < rawPeople.length; i += 1) {
      const person = fastPerson(rawPeople[i]);
      if (person === null || seen.has(person.personId)) return null;
      seen.add(person.personId);
      people[i] = person;
    }
    input.people = people;
  }
  const rawEvents: unknown[] = raw.events;
  const events: PointsEvent[] = new Array<PointsEvent>(rawEvents.length);
  for (let i = 0; i < rawEvents.length; i += 1) {
    const event = fastEvent(rawEvents[i]);
    if (event === null) return null;
    events[i] = event;
  }
  input.events = events;
  return input as PointsInput;
}

registerFastParser(pointsInputSchema, fastParsePointsInput);

// ---------------------------------------------------------------------------------------------
// Output

export interface LedgerEntry {
  /** Index of the event in the input. */
  index: number;
  at: string;
  action: string;
  label: string;
  /** Points the action asks for before limits (tier, streak, penalty). */
  requested: number;
  points: number;
  reason: string;
}

export interface LedgerDay {
  date: string;
  points: number;
  entries: LedgerEntry[];
}

export interface PersonPoints {
  personId: string;
  name: string | null;
  role: string | null;
  workshopId: string | null;
  schoolId: string | null;
  projectId: string | null;
  total: number;
  eventCount: number;
  /** Empty when evaluated with `detail: 'totals'`. */
  days: LedgerDay[];
  byAction: { action: string; label: string; count: number; points: number }[];
  creditHours: number | null;
  conversionNote: string | null;
  level: string | null;
  nextLevel: { name: string; pointsNeeded: number } | null;
  normalizedScore: number | null;
  /** Labels of the person awards won. */
  awards: string[];
}

export interface AwardRanking {
  /** Group the ranking was made in (e.g. a project id), null when everyone ranks together. */
  scope: string | null;
  candidates: number;
  quota: number;
  threshold: number | null;
  tiedAtBoundary: number;
  winners: { id: string; name: string | null; value: number; rank: number }[];
  note: string;
}

export interface AwardResult {
  id: string;
  label: string;
  subject: 'person' | 'group';
  groupBy: string | null;
  rankings: AwardRanking[];
}

export interface PointsOutput {
  kind: 'points';
  ruleSetId: string;
  people: PersonPoints[];
  awards: AwardResult[];
  summary: {
    people: number;
    events: number;
    totalPoints: number;
    normalization: { scope: string | null; min: number | null; max: number | null }[];
  };
}

export interface PointsOptions {
  /** `totals` leaves out the per-day ledger (for dashboards that need only the figures). */
  detail?: 'full' | 'totals';
}

// ---------------------------------------------------------------------------------------------
// Evaluation

const PERIOD_CODE: Record<CapPeriod, number> = {
  day: 0,
  week: 1,
  month: 2,
  year: 3,
  activity: 4,
  window: 5,
};
const ONCE_CODE = {
  day: 0,
  week: 1,
  month: 2,
  year: 3,
  resource: 6,
  activity: 4,
  window: 5,
} as const;

interface CompiledAction {
  action: PointsAction;
  caps: number[];
  fullReason: string;
  roles: Set<string> | null;
  roleReason: string;
  onceCode: number;
  onceReason: string;
  needsActivity: boolean;
  /** "Too short" reasons by duration, built once per distinct duration. */
  shortReasons: Map<number, string>;
}

interface CompiledCap {
  periodCode: number;
  max: number;
  text: string;
  /** Reason when the cap is already full, prebuilt because it is the most common one. */
  fullText: string;
}

function compile(ruleSet: PointsRuleSet): {
  actions: CompiledAction[];
  caps: CompiledCap[];
  index: Map<string, number>;
} {
  const index = new Map<string, number>();
  ruleSet.actions.forEach((action, i) => index.set(action.code, i));
  const labelOf = (code: string) => ruleSet.actions[index.get(code) ?? -1]?.label ?? code;
  const roleLabel = (code: string) =>
    ruleSet.roles.find((role) => role.code === code)?.label ?? code;
  const caps: CompiledCap[] = ruleSet.caps.map((cap) => {
    const base = cap.label ?? `${PERIOD_LABEL[cap.per]}上限 ${cap.max} 分`;
    const shared =
      cap.actions.length > 1 && cap.label === null
        ? `（${cap.actions.map(labelOf).join('、')}共用）`
        : '';
    const text = base + shared;
    return {
      periodCode: PERIOD_CODE[cap.per],
      max: cap.max,
      text,
      fullText: `${text}已满，不计分`,
    };
  });
  const actions = ruleSet.actions.map((action): CompiledAction => {
    const capIndexes: number[] = [];
    ruleSet.caps.forEach((cap, i) => {
      if (cap.actions.includes(action.code)) capIndexes.push(i);
    });
    const onceLabel =
      action.oncePer === null
        ? ''
        : action.oncePer === 'resource'
          ? '同一资源'
          : action.oncePer === 'activity'
            ? '同一活动'
            : PERIOD_LABEL[action.oncePer];
    return {
      action,
      caps: capIndexes,
      fullReason: action.points < 0 ? `扣 ${-action.points} 分` : `计 ${action.points} 分`,
      roles: action.roles ? new Set(action.roles) : null,
      roleReason: action.roles
        ? `此项只适用于${action.roles.map(roleLabel).join('、')}，不计分`
        : '',
      onceCode: action.oncePer === null ? -1 : ONCE_CODE[action.oncePer],
      onceReason: `${onceLabel}已计过分，不再计分`,
      needsActivity:
        action.oncePer === 'activity' || capIndexes.some((i) => caps[i]?.periodCode === 4),
      shortReasons: new Map<number, string>(),
    };
  });
  return { actions, caps, index };
}

function tierPoints(
  tiers: readonly { minRate: number; points: number }[],
  rate: number,
): { points: number; minRate: number } | null {
  let found: { points: number; minRate: number } | null = null;
  for (const tier of tiers) {
    if (rate >= tier.minRate) found = tier;
  }
  return found;
}

function compareOptional(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a < b ? -1 : 1;
}

function compareOptionalNumber(a: number | undefined, b: number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a - b;
}

/** Unknown actions are input errors (usually a typo); everything else becomes a ledger reason. */
export function checkPointsInput(
  ruleSet: PointsRuleSet,
  input: PointsInput,
): { path: string; message: string }[] {
  const codes = new Set(ruleSet.actions.map((action) => action.code));
  const errors: { path: string; message: string }[] = [];
  const events = input.events;
  for (let i = 0; i < events.length && errors.length < 100; i += 1) {
    const event = events[i];
    if (event && !codes.has(event.action)) {
      errors.push({ path: `events[${i}].action`, message: `规则集中没有行为 ${event.action}` });
    }
  }
  return errors;
}

export function evaluatePoints(
  ruleSet: PointsRuleSet,
  input: PointsInput,
  options: PointsOptions = {},
): PointsOutput {
  const isFull = (options.detail ?? 'full') === 'full';
  const { actions, caps, index: actionIndex } = compile(ruleSet);
  const events = input.events;
  const n = events.length;
  const offset = ruleSet.timeZoneOffsetMinutes;
  const weekStartsOn = ruleSet.weekStartsOn;
  const windowFrom = ruleSet.window ? dayOf(ruleSet.window.from) : Number.NEGATIVE_INFINITY;
  const windowTo = ruleSet.window ? dayOf(ruleSet.window.to) : Number.POSITIVE_INFINITY;
  const windowReason = ruleSet.window
    ? `不在统计期 ${ruleSet.window.from} 至 ${ruleSet.window.to} 内，不计分`
    : '';

  // People: roster first, then anyone who only appears in events.
  const personIndex = new Map<string, number>();
  const people: PointsPerson[] = [];
  for (const person of input.people ?? []) {
    personIndex.set(person.personId, people.length);
    people.push(person);
  }
  const eventPerson = new Int32Array(n);
  const eventAction = new Int32Array(n);
  const eventMs = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    const event = events[i] as PointsEvent;
    let p = personIndex.get(event.personId);
    if (p === undefined) {
      p = people.length;
      personIndex.set(event.personId, p);
      people.push({ personId: event.personId });
    }
    eventPerson[i] = p;
    const a = actionIndex.get(event.action);
    if (a === undefined)
      throw new Error(`Unknown action ${event.action}; run checkPointsInput first`);
    eventAction[i] = a;
    const ms = parseDateTimeMs(event.at);
    eventMs[i] = ms;
  }

  // Counting sort by person, then time order within each person.
  const personCount = people.length;
  const starts = new Int32Array(personCount + 1);
  for (let i = 0; i < n; i += 1) {
    const slot = (eventPerson[i] as number) + 1;
    starts[slot] = (starts[slot] as number) + 1;
  }
  for (let p = 0; p < personCount; p += 1)
    starts[p + 1] = (starts[p + 1] as number) + (starts[p] as number);
  // The times and actions are copied into person order (`sortedMs[k]` belongs to `order[k]`):
  // reading them through `order[k]` in the loops below missed the CPU cache on almost every event
  // (a million events do not fit in it), which cost more than the rules themselves.
  const fill = starts.slice(0, personCount);
  const order = new Int32Array(n);
  const sortedMs = new Float64Array(n);
  const sortedAction = new Int32Array(n);
  for (let i = 0; i < n; i += 1) {
    const p = eventPerson[i] as number;
    const k = fill[p] as number;
    order[k] = i;
    sortedMs[k] = eventMs[i] as number;
    sortedAction[k] = eventAction[i] as number;
    fill[p] = k + 1;
  }
  const compareEvents = (x: number, y: number): number => {
    const dt = (eventMs[x] as number) - (eventMs[y] as number);
    if (dt !== 0) return dt;
    const da = (eventAction[x] as number) - (eventAction[y] as number);
    if (da !== 0) return da;
    const ex = events[x] as PointsEvent;
    const ey = events[y] as PointsEvent;
    return (
      compareOptional(ex.id, ey.id) ||
      compareOptional(ex.resourceId, ey.resourceId) ||
      compareOptional(ex.activityId, ey.activityId) ||
      compareOptionalNumber(ex.durationMinutes, ey.durationMinutes) ||
      compareOptionalNumber(ex.quantity, ey.quantity) ||
      compareOptionalNumber(ex.completionRate, ey.completionRate) ||
      compareOptional(ex.deadline, ey.deadline) ||
      compareOptional(ex.at, ey.at) ||
      x - y
    );
  };

  // Exports are usually chronological already: then the sort is skipped.
  const isSorted = (start: number, end: number): boolean => {
    for (let k = start + 1; k < end; k += 1) {
      const previous = sortedMs[k - 1] as number;
      const current = sortedMs[k] as number;
      if (previous < current) continue;
      if (previous > current || compareEvents(order[k - 1] as number, order[k] as number) > 0)
        return false;
    }
    return true;
  };

  // Scratch space for the largest person, reused: typed arrays live outside the JS heap, and
  // thousands of short-lived ones made the engine collect garbage early.
  let longest = 0;
  for (let p = 0; p < personCount; p += 1)
    longest = Math.max(longest, (starts[p + 1] as number) - (starts[p] as number));
  const scratchKeys = new Float64Array(longest);
  const scratchOrder = new Int32Array(longest);
  const scratchMs = new Float64Array(longest);
  const scratchAction = new Int32Array(longest);

  /**
   * Time order of one person's events. Timestamps are packed with the position into one float and
   * sorted natively (much faster than a comparator sort); runs of equal timestamps are then ordered
   * by content, so that ties never depend on the order of the input.
   */
  const sortSegment = (start: number, end: number): void => {
    const length = end - start;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let k = start; k < end; k += 1) {
      const ms = sortedMs[k] as number;
      if (ms < min) min = ms;
      if (ms > max) max = ms;
    }
    if ((max - min + 1) * length >= 2 ** 52) {
      const segment = Array.from(order.subarray(start, end));
      segment.sort(compareEvents);
      order.set(segment, start);
      regather(start, end);
      return;
    }
    const keys = scratchKeys.subarray(0, length);
    for (let j = 0; j < length; j += 1) {
      keys[j] = ((sortedMs[start + j] as number) - min) * length + j;
    }
    keys.sort();
    scratchOrder.set(order.subarray(start, end));
    scratchMs.set(sortedMs.subarray(start, end));
    scratchAction.set(sortedAction.subarray(start, end));
    for (let j = 0; j < length; j += 1) {
      const from = (keys[j] as number) % length;
      order[start + j] = scratchOrder[from] as number;
      sortedMs[start + j] = scratchMs[from] as number;
      sortedAction[start + j] = scratchAction[from] as number;
    }
    let runStart = start;
    for (let k = start + 1; k <= end; k += 1) {
      if (k === end || sortedMs[k] !== sortedMs[runStart]) {
        if (k - runStart > 1) {
          const run = Array.from(order.subarray(runStart, k));
          run.sort(compareEvents);
          order.set(run, runStart);
          // Equal times: only the actions can have moved.
          regather(runStart, k);
        }
        runStart = k;
      }
    }
  };
  /** Refreshes the person-order copies after `order[start, end)` was rearranged by content. */
  const regather = (start: number, end: number): void => {
    for (let k = start; k < end; k += 1) {
      const e = order[k] as number;
      sortedMs[k] = eventMs[e] as number;
      sortedAction[k] = eventAction[e] as number;
    }
  };

  const capCount = caps.length;
  const capUsed = new Float64Array(capCount);
  const capKey = new Float64Array(capCount);
  const capByActivity: (Map<string, number> | null)[] = new Array<Map<string, number> | null>(
    capCount,
  ).fill(null);
  const actionCount = actions.length;
  const onceKey = new Float64Array(actionCount);
  const onceSets: (Set<string> | null)[] = new Array<Set<string> | null>(actionCount).fill(null);
  const streakLastDay = new Float64Array(actionCount);
  const streakLength = new Int32Array(actionCount);
  const actionPoints = new Float64Array(actionCount);
  const actionTimes = new Int32Array(actionCount);
  const dayText = new Map<number, string>();
  const textOfDay = (day: number): string => {
    let text = dayText.get(day);
    if (text === undefined) {
      text = formatDay(day);
      dayText.set(day, text);
    }
    return text;
  };

  // State of the event being processed, read by the helpers below (defined once, not per event).
  let day = 0;
  let month = 0;
  let year = 0;
  let monthOfDay = Number.NaN;
  let activityId = '';
  const periodKey = (code: number): number => {
    if (code === 0) return day;
    if (code === 1) return weekStartOf(day, weekStartsOn);
    if (code === 2 || code === 3) {
      if (day !== monthOfDay) {
        monthOfDay = day;
        month = monthKeyOf(day);
        year = Math.floor(month / 12);
      }
      return code === 2 ? month : year;
    }
    return 0;
  };
  const readCap = (c: number, cap: CompiledCap): number => {
    if (cap.periodCode === 4) return capByActivity[c]?.get(activityId) ?? 0;
    const key = periodKey(cap.periodCode);
    if (capKey[c] !== key) {
      capKey[c] = key;
      capUsed[c] = 0;
    }
    return capUsed[c] as number;
  };
  const writeCap = (c: number, cap: CompiledCap, value: number): void => {
    if (cap.periodCode !== 4) {
      capUsed[c] = value;
      return;
    }
    let map = capByActivity[c];
    if (!map) {
      map = new Map<string, number>();
      capByActivity[c] = map;
    }
    map.set(activityId, value);
  };

  const results: PersonPoints[] = [];
  let grandTotal = 0;
  for (let p = 0; p < personCount; p += 1) {
    const person = people[p] as PointsPerson;
    const start = starts[p] as number;
    const end = starts[p + 1] as number;
    if (end - start > 1 && !isSorted(start, end)) sortSegment(start, end);
    capUsed.fill(0);
    capKey.fill(Number.NaN);
    capByActivity.fill(null);
    onceKey.fill(Number.NaN);
    onceSets.fill(null);
    streakLastDay.fill(Number.NaN);
    streakLength.fill(0);
    actionPoints.fill(0);
    actionTimes.fill(0);

    const days: LedgerDay[] = [];
    let currentDay = Number.NaN;
    let currentLedger: LedgerDay | null = null;
    let entrySlot = 0;
    let total = 0;

    for (let k = start; k < end; k += 1) {
      const e = order[k] as number;
      const event = events[e] as PointsEvent;
      const a = sortedAction[k] as number;
      const compiled = actions[a] as CompiledAction;
      const action = compiled.action;
      const ms = sortedMs[k] as number;
      day = localDayOfMs(ms, offset);
      activityId = compiled.needsActivity ? (event.activityId ?? '') : '';

      // What the action asks for before any limit: a tier by completion rate, or its points.
      let requested = action.points;
      let tierNote = '';
      let reason: string | null = null;
      if (action.tiers !== null) {
        requested = 0;
        if (event.completionRate === undefined) {
          reason = '缺少完成率 completionRate，不计分';
        } else {
          const tier = tierPoints(action.tiers, event.completionRate);
          if (tier === null) {
            reason = `完成率 ${num(event.completionRate)}%，未达最低档 ${num(action.tiers[0]?.minRate ?? 0)}%，不计分`;
          } else {
            requested = tier.points;
            tierNote = `完成率 ${num(event.completionRate)}% 达到 ${num(tier.minRate)}% 档，`;
          }
        }
      }

      if (day < windowFrom || day > windowTo) {
        reason = windowReason;
      } else if (
        compiled.roles !== null &&
        (person.role === undefined || !compiled.roles.has(person.role))
      ) {
        reason = compiled.roleReason;
      } else if (reason !== null) {
        // Tier problem found above.
      } else if (action.timing !== null) {
        if (event.deadline === undefined) {
          reason = '缺少截止时间 deadline，不计分';
        } else {
          const deadline = parseDateTimeMs(event.deadline);
          if (action.timing.type === 'by-deadline') {
            if (ms > deadline) reason = '晚于活动原定截止时间，不计分';
          } else if (ms < deadline || ms > deadline + action.timing.days * MS_PER_DAY) {
            reason = `不在活动截止后 ${action.timing.days} 天内，不计分`;
          }
        }
      }
      if (reason === null && action.minDuration !== null) {
        const minutes = event.durationMinutes;
        if (minutes === undefined) reason = '缺少时长 durationMinutes，不计分';
        else if (
          action.minDuration.isInclusive
            ? minutes < action.minDuration.minutes
            : minutes <= action.minDuration.minutes
        ) {
          let cached = compiled.shortReasons.get(minutes);
          if (cached === undefined) {
            cached = `时长 ${num(minutes)} 分钟，${action.minDuration.isInclusive ? '不足' : '未超过'} ${num(action.minDuration.minutes)} 分钟，不计分`;
            if (compiled.shortReasons.size < 1000) compiled.shortReasons.set(minutes, cached);
          }
          reason = cached;
        }
      }
      if (
        reason === null &&
        action.minQuantity !== null &&
        (event.quantity ?? 0) < action.minQuantity.value
      ) {
        const unit = action.minQuantity.unit;
        reason = `数量 ${event.quantity ?? 0} ${unit}，未达 ${action.minQuantity.value} ${unit}，不计分`;
      }
      if (reason === null && compiled.needsActivity && event.activityId === undefined) {
        reason = '缺少活动编号 activityId，不计分';
      }
      if (reason === null && action.oncePer === 'resource' && event.resourceId === undefined) {
        reason = '缺少资源编号 resourceId，不计分';
      }

      // Once per period / resource / activity: a repeat earns nothing.
      let onceSetKey: string | null = null;
      if (reason === null && compiled.onceCode >= 0) {
        const code = compiled.onceCode;
        if (code === 6 || code === 4) {
          onceSetKey = code === 6 ? (event.resourceId as string) : activityId;
          if (onceSets[a]?.has(onceSetKey)) reason = compiled.onceReason;
        } else if (onceKey[a] === periodKey(code)) {
          reason = compiled.onceReason;
        }
      }

      let streakNote = '';
      if (reason === null && action.streak !== null) {
        const last = streakLastDay[a] as number;
        const length =
          last === day - 1
            ? (streakLength[a] as number) + 1
            : last === day
              ? (streakLength[a] as number)
              : 1;
        streakLength[a] = length;
        streakLastDay[a] = day;
        if (length >= action.streak.fromDay) requested = action.streak.points;
        streakNote = `连续第 ${length} 天，`;
      }

      let points = 0;
      if (reason === null) {
        const capIndexes = compiled.caps;
        if (requested < 0) {
          // A penalty is deducted in full; inside a cap it frees room for later points.
          points = requested;
          let inside = '';
          for (const c of capIndexes) {
            const cap = caps[c] as CompiledCap;
            writeCap(c, cap, readCap(c, cap) + points);
            inside = inside === '' ? cap.text : `${inside}、${cap.text}`;
          }
          reason = inside === '' ? compiled.fullReason : `${compiled.fullReason}（计入${inside}）`;
        } else {
          let allowed = requested;
          let binding = -1;
          for (const c of capIndexes) {
            const cap = caps[c] as CompiledCap;
            const room = cap.max - readCap(c, cap);
            if (room < allowed) {
              allowed = room < 0 ? 0 : room;
              binding = c;
            }
          }
          points = allowed;
          if (points !== 0) {
            for (const c of capIndexes) {
              const cap = caps[c] as CompiledCap;
              writeCap(c, cap, readCap(c, cap) + points);
            }
          }
          if (binding < 0) {
            reason =
              tierNote === '' && streakNote === ''
                ? compiled.fullReason
                : `${tierNote}${streakNote}计 ${points} 分`;
          } else {
            const capText = (caps[binding] as CompiledCap).text;
            reason =
              points === 0
                ? tierNote === '' && streakNote === ''
                  ? (caps[binding] as CompiledCap).fullText
                  : `${tierNote}${streakNote}${capText}已满，不计分`
                : `${tierNote}${streakNote}受${capText}限制，只计 ${points} 分（原应 ${requested} 分）`;
          }
        }
        if (points > 0 && compiled.onceCode >= 0) {
          if (onceSetKey !== null) {
            let set = onceSets[a];
            if (!set) {
              set = new Set<string>();
              onceSets[a] = set;
            }
            set.add(onceSetKey);
          } else {
            onceKey[a] = periodKey(compiled.onceCode);
          }
        }
      }

      total += points;
      actionPoints[a] = (actionPoints[a] as number) + points;
      actionTimes[a] = (actionTimes[a] as number) + 1;
      if (isFull) {
        if (day !== currentDay || currentLedger === null) {
          currentDay = day;
          // Sized to the day's event count: an array grown by push keeps room for 17 entries,
          // and most days hold one or two, so the spare slots were most of the ledger's memory
          // (and of the garbage collector's copying).
          let count = 1;
          while (k + count < end && localDayOfMs(sortedMs[k + count] as number, offset) === day)
            count += 1;
          currentLedger = {
            date: textOfDay(day),
            points: 0,
            entries: new Array<LedgerEntry>(count),
          };
          entrySlot = 0;
          days.push(currentLedger);
        }
        currentLedger.points += points;
        currentLedger.entries[entrySlot] = {
          index: e,
          at: event.at,
          action: action.code,
          label: action.label,
          requested,
          points,
          reason: reason,
        };
        entrySlot += 1;
      }
    }
    grandTotal += total;
    const byAction: PersonPoints['byAction'] = [];
    for (let a = 0; a < actionCount; a += 1) {
      if ((actionTimes[a] as number) > 0) {
        const action = (actions[a] as CompiledAction).action;
        byAction.push({
          action: action.code,
          label: action.label,
          count: actionTimes[a] as number,
          points: actionPoints[a] as number,
        });
      }
    }
    results.push({
      personId: person.personId,
      name: person.name ?? null,
      role: person.role ?? null,
      workshopId: person.workshopId ?? null,
      schoolId: person.schoolId ?? null,
      projectId: person.projectId ?? null,
      total,
      eventCount: end - start,
      days,
      byAction,
      ...conversionOf(ruleSet, total),
      ...levelOf(ruleSet, total),
      normalizedScore: null,
      awards: [],
    });
  }
  results.sort((x, y) => compareText(x.personId, y.personId));

  const normalization = applyNormalization(ruleSet, results);
  const awards = ruleSet.awards.map((award) => selectAward(award, results));

  return {
    kind: 'points',
    ruleSetId: ruleSet.id,
    people: results,
    awards,
    summary: { people: results.length, events: n, totalPoints: grandTotal, normalization },
  };
}

function conversionOf(
  ruleSet: PointsRuleSet,
  total: number,
): { creditHours: number | null; conversionNote: string | null } {
  const conversion = ruleSet.conversion;
  if (!conversion) return { creditHours: null, conversionNote: null };
  const positive = Math.max(0, total);
  if (conversion.rounding === 'floor-steps') {
    const steps = Math.floor(positive / conversion.pointsPerStep);
    const hours = roundTo(steps * conversion.hoursPerStep, 2);
    return {
      creditHours: hours,
      conversionNote: `${total} 分，每满 ${conversion.pointsPerStep} 分认定 ${num(conversion.hoursPerStep)} 学时，计 ${num(hours)} 学时`,
    };
  }
  const hours = roundTo((positive / conversion.pointsPerStep) * conversion.hoursPerStep, 2);
  return {
    creditHours: hours,
    conversionNote: `${total} 分，按每 ${conversion.pointsPerStep} 分 ${num(conversion.hoursPerStep)} 学时折算，计 ${num(hours)} 学时`,
  };
}

function levelOf(
  ruleSet: PointsRuleSet,
  total: number,
): { level: string | null; nextLevel: { name: string; pointsNeeded: number } | null } {
  let level: string | null = null;
  let nextLevel: { name: string; pointsNeeded: number } | null = null;
  for (const entry of ruleSet.levels) {
    if (total >= entry.minPoints) level = entry.name;
    else {
      nextLevel = { name: entry.name, pointsNeeded: entry.minPoints - total };
      break;
    }
  }
  return { level, nextLevel };
}

function groupKeyOf(
  person: PersonPoints,
  groupBy: 'workshopId' | 'schoolId' | 'projectId',
): string | null {
  return person[groupBy];
}

function applyNormalization(
  ruleSet: PointsRuleSet,
  people: PersonPoints[],
): PointsOutput['summary']['normalization'] {
  const rule = ruleSet.normalization;
  if (!rule) return [];
  const groups = new Map<string | null, PersonPoints[]>();
  for (const person of people) {
    const key = rule.groupBy === null ? null : groupKeyOf(person, rule.groupBy);
    const list = groups.get(key) ?? [];
    list.push(person);
    groups.set(key, list);
  }
  const summary: PointsOutput['summary']['normalization'] = [];
  const keys = [...groups.keys()].sort((a, b) => compareText(a ?? '', b ?? ''));
  for (const key of keys) {
    const members = groups.get(key) ?? [];
    const { scores, min, max } = minMaxNormalize(
      members.map((person) => person.total),
      rule.minScore,
      rule.maxScore,
      rule.whenAllEqual,
    );
    members.forEach((person, i) => {
      person.normalizedScore = roundTo(scores[i] ?? 0, rule.decimals);
    });
    summary.push({ scope: key, min, max });
  }
  return summary;
}

function selectAward(award: PointsAward, people: PersonPoints[]): AwardResult {
  const candidates =
    award.roles === null
      ? people
      : people.filter((person) => person.role !== null && award.roles?.includes(person.role));
  const rankings: AwardRanking[] = [];
  const describe = (
    count: number,
    quota: number,
    tied: number,
    threshold: Ratio | null,
  ): string => {
    let note = `共 ${count} 个参评对象，前 ${num(award.sharePercent)}% 取 ${quota} 个（向上取整）`;
    if (tied > 1 && threshold !== null) {
      note +=
        award.tieRule === 'include-ties'
          ? `；名额边界处 ${tied} 个并列（${num(threshold.num / threshold.den)} 分），按“并列均入选”规则全部入选`
          : `；名额边界处 ${tied} 个并列，按“并列均不入选”规则均不入选`;
    } else if (tied > 1) {
      note += `；名额边界处 ${tied} 个并列，按“并列均不入选”规则均不入选`;
    }
    return note;
  };
  if (award.subject === 'person') {
    const groups = new Map<string | null, PersonPoints[]>();
    for (const person of candidates) {
      const key = award.groupBy === null ? null : groupKeyOf(person, award.groupBy);
      if (award.groupBy !== null && key === null) continue;
      const list = groups.get(key) ?? [];
      list.push(person);
      groups.set(key, list);
    }
    for (const key of [...groups.keys()].sort((a, b) => compareText(a ?? '', b ?? ''))) {
      const members = groups.get(key) ?? [];
      const quota = ceilShare(members.length, award.sharePercent);
      const selection = selectTop(
        members,
        (person) => ({ num: person.total, den: 1 }),
        (person) => person.personId,
        quota,
        award.tieRule,
      );
      const winners = selection.ranked
        .filter((entry) => entry.isSelected)
        .map((entry) => {
          entry.item.awards.push(award.label);
          return {
            id: entry.item.personId,
            name: entry.item.name,
            value: entry.item.total,
            rank: entry.rank,
          };
        });
      rankings.push({
        scope: key,
        candidates: members.length,
        quota,
        threshold: selection.threshold === null ? null : selection.threshold.num,
        tiedAtBoundary: selection.tiedAtBoundary,
        winners,
        note: describe(members.length, quota, selection.tiedAtBoundary, selection.threshold),
      });
    }
  } else {
    const groupBy = award.groupBy ?? 'workshopId';
    const groups = new Map<string, { sum: number; count: number }>();
    for (const person of candidates) {
      const key = groupKeyOf(person, groupBy);
      if (key === null) continue;
      const group = groups.get(key) ?? { sum: 0, count: 0 };
      group.sum += person.total;
      group.count += 1;
      groups.set(key, group);
    }
    const entries = [...groups].map(([id, group]) => ({
      id,
      value:
        award.measure === 'mean'
          ? { num: group.sum, den: group.count }
          : { num: group.sum, den: 1 },
    }));
    const quota = ceilShare(entries.length, award.sharePercent);
    const selection = selectTop(
      entries,
      (entry) => entry.value,
      (entry) => entry.id,
      quota,
      award.tieRule,
    );
    rankings.push({
      scope: null,
      candidates: entries.length,
      quota,
      threshold:
        selection.threshold === null
          ? null
          : roundTo(selection.threshold.num / selection.threshold.den, 2),
      tiedAtBoundary: selection.tiedAtBoundary,
      winners: selection.ranked
        .filter((entry) => entry.isSelected)
        .map((entry) => ({
          id: entry.item.id,
          name: null,
          value: roundTo(entry.item.value.num / entry.item.value.den, 2),
          rank: entry.rank,
        })),
      note: describe(entries.length, quota, selection.tiedAtBoundary, selection.threshold),
    });
  }
  return {
    id: award.id,
    label: award.label,
    subject: award.subject,
    groupBy: award.groupBy,
    rankings,
  };
}
