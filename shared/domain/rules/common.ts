/**
 * Pieces every rule-set kind shares: metadata fields, date formats, number helpers, and the
 * translation of zod issues into Chinese messages with readable paths.
 *
 * Rule sets and inputs are often written by hand by a training office, so a validation failure must
 * say in Chinese where (`records[3].watchMinutes`) and what is wrong.
 */
import { z } from 'zod';
import { fragment } from '../text-fragment';
import { ISO_DATE_TIME, isValidMonthDay, parseDateTimeMs, parseIsoDate } from './dates';

/** Format version of rule-set JSON; bump it (and migrate) when the shape changes incompatibly. */
export const RULE_SET_FORMAT_VERSION = 1;

export const isoDateText = z
  .string({ error: '应为日期文本，格式 YYYY-MM-DD' })
  .refine((text) => parseIsoDate(text) !== null, { message: '应为有效日期，格式 YYYY-MM-DD' });

/** The rule of `isoDateTimeText`, shared with hand-written fast validators so they cannot drift. */
export function isIsoDateTime(text: string): boolean {
  return ISO_DATE_TIME.test(text) && !Number.isNaN(parseDateTimeMs(text));
}

export const isoDateTimeText = z
  .string({ error: '应为时间文本，例如 2023-07-16T08:30:00+08:00' })
  .refine(isIsoDateTime, {
    message: '应为带时区的时间，例如 2023-07-16T08:30:00+08:00',
  });

export const monthDayText = z
  .string({ error: '应为月日文本，格式 MM-DD' })
  .refine(isValidMonthDay, { message: '应为有效月日，格式 MM-DD，例如 07-16' });

/** The pattern of `keyText` (no `g` flag: `test` must stay stateless for fast validators). */
export const KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,47}$/;

export const keyText = z
  .string({ error: '应为文本' })
  .regex(KEY_PATTERN, '应以字母开头，只含字母、数字、下划线或连字符（最长 48 位）');

export const ID_MAX_LENGTH = 64;

export const idText = z
  .string({ error: '应为文本' })
  .trim()
  .min(1, '不能为空')
  .max(ID_MAX_LENGTH, '最长 64 个字符');

export const labelText = z
  .string({ error: '应为文本' })
  .trim()
  .min(1, '不能为空')
  .max(100, '最长 100 个字符');

export const nonNegativeInt = z
  .number({ error: '应为数字' })
  .int('应为整数')
  .min(0, '不能为负数')
  .max(1_000_000_000, '数值过大');

export const positiveInt = z
  .number({ error: '应为数字' })
  .int('应为整数')
  .min(1, '应大于 0')
  .max(1_000_000_000, '数值过大');

export const nonNegativeNumber = z
  .number({ error: '应为数字' })
  .min(0, '不能为负数')
  .max(1_000_000_000, '数值过大');

export const percentNumber = z
  .number({ error: '应为数字' })
  .min(0, '百分比不能小于 0')
  .max(100, '百分比不能大于 100');

export const sourceSchema = z.strictObject({
  /** Title of the notice, e.g. 关于做好2023年省中小学（幼儿园）教师学科类在线学习的通知. */
  title: labelText.max(200),
  /** Document number, e.g. 苏师干训〔2023〕25号. */
  reference: z.string().max(100).nullable(),
  issuer: z.string().max(100).nullable(),
  date: isoDateText.nullable(),
});
export type RuleSource = z.infer<typeof sourceSchema>;

/** Fields every rule set carries, whatever its kind. */
export const ruleSetMetaShape = {
  version: z.literal(RULE_SET_FORMAT_VERSION, { error: '规则集格式版本 version 目前只能是 1' }),
  id: z
    .string({ error: '应为文本' })
    .regex(/^[a-z0-9][a-z0-9-]{1,63}$/, '规则集编号只能包含小写字母、数字和连字符（2–64 位）'),
  name: labelText,
  description: z.string({ error: '应为文本' }).max(4000, '最长 4000 个字符'),
  source: sourceSchema.nullable(),
};

const zhLocale = z.locales.zhCN();

/** zod error map: a few friendlier texts, then zod's own zh-CN locale. */
export const zhErrorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return '缺少此项';
    if (issue.expected === 'int') return '应为整数';
    if (issue.expected === 'number') return '应为数字';
    if (issue.expected === 'string') return '应为文本';
    if (issue.expected === 'boolean') return '应为 true 或 false';
    if (issue.expected === 'array') return '应为列表';
    if (issue.expected === 'object') return '应为对象';
  }
  if (issue.code === 'unrecognized_keys') {
    const shown = issue.keys.slice(0, 5).map((key) => fragment(key));
    return `不认识的字段：${shown.join('、')}${issue.keys.length > 5 ? ` 等 ${issue.keys.length} 个` : ''}`;
  }
  if (issue.code === 'invalid_union' && issue.discriminator !== undefined) {
    const options = 'options' in issue && Array.isArray(issue.options) ? issue.options : [];
    return `${issue.discriminator} 的取值无效，应为 ${options.map(String).join(' / ')} 之一`;
  }
  return zhLocale.localeError(issue);
};

/** One problem found while validating a rule set or an input. */
export interface RuleIssue {
  /** Where, e.g. `records[3].watchMinutes`; empty for the whole document. */
  path: string;
  message: string;
}

/** A path as `records[3].metrics.x`; keys come from the input, so each is quoted short. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else {
      const key = fragment(String(part));
      text += text === '' ? key : `.${key}`;
    }
  }
  return text;
}

/**
 * Longest message of one issue. Messages quote input only through `fragment`; this bound is the
 * net under that rule, so no message can ever echo a megabyte of input.
 */
const ISSUE_MESSAGE_MAX_CHARS = 200;

export function issuesOf(error: z.ZodError): RuleIssue[] {
  return error.issues.map((issue) => ({
    path: formatPath(issue.path),
    message: fragment(issue.message, ISSUE_MESSAGE_MAX_CHARS),
  }));
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: RuleIssue[] };

/**
 * Hand-written validators for schemas whose inputs run to millions of items, where zod costs more
 * than the evaluation itself. A fast parser returns exactly what the schema would return for input
 * it is sure is valid, and null whenever it is not sure; zod then runs as usual, so error messages
 * come from one place only.
 */
const fastParsers = new Map<z.ZodType, (json: unknown) => unknown>();

export function registerFastParser<S extends z.ZodType>(
  schema: S,
  parse: (json: unknown) => z.output<S> | null,
): void {
  fastParsers.set(schema, parse);
}

/** Validate untrusted JSON against a schema, with Chinese messages. */
export function parseWith<S extends z.ZodType>(schema: S, json: unknown): Parsed<z.output<S>> {
  const fast = fastParsers.get(schema);
  if (fast !== undefined) {
    const data = fast(json);
    if (data !== null) return { ok: true, data: data as z.output<S> };
  }
  const result = schema.safeParse(json, { error: zhErrorMap });
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: issuesOf(result.error) };
}

const POWERS_OF_TEN = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000];

/**
 * Round half away from zero to `decimals` places. Values within float noise of a half (1.005) are
 * resolved on their 15-significant-digit form, so 1.005 → 1.01 as a person would expect; other
 * values take the fast path, because scores and ledgers round millions of numbers.
 */
export function roundTo(value: number, decimals: number): number {
  if (Number.isInteger(value)) return value;
  const factor = POWERS_OF_TEN[decimals] ?? 10 ** decimals;
  const scaled = Math.abs(value) * factor;
  const floor = Math.floor(scaled);
  const fraction = scaled - floor;
  let rounded: number;
  if (Math.abs(fraction - 0.5) > 1e-6) rounded = fraction > 0.5 ? floor + 1 : floor;
  else rounded = Math.round(Number(scaled.toPrecision(15)));
  const result = rounded / factor;
  return value < 0 ? -result : result;
}

/** Text of a number for messages: at most two decimals, no trailing zeros. */
export function num(value: number): string {
  return String(Number.isInteger(value) ? value : roundTo(value, 2));
}

/** `ceil(count × percent / 100)` computed without float drift (percent has at most 2 decimals). */
export function ceilShare(count: number, percent: number): number {
  const scaled = Math.round(count * Math.round(percent * 100));
  return Math.ceil(scaled / 10_000);
}

export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Reports every item whose id was already seen, at `[...basePath, index, idKey]`. */
export function refineUniqueIds<T>(
  ctx: z.RefinementCtx,
  items: readonly T[] | undefined,
  idOf: (item: T) => string,
  path: { base: (string | number)[]; idKey: string },
  message: (id: string) => string,
): void {
  const seen = new Set<string>();
  items?.forEach((item, index) => {
    const id = idOf(item);
    if (seen.has(id))
      ctx.addIssue({
        code: 'custom',
        path: [...path.base, index, path.idKey],
        message: message(id),
      });
    seen.add(id);
  });
}
