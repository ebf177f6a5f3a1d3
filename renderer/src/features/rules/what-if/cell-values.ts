/**
 * Cells of the what-if table as people type, paste or import them, turned into the values the
 * engine takes: numbers, 是/否, lists of scores, dates and times with an offset. Text that cannot be
 * read is never guessed: it is reported with the row and column so the office can fix it.
 */
import { WHATIF_TEXT } from '../rules.strings';

export type CellValue = string | number | boolean | null;

export type ColumnType =
  'text' | 'number' | 'integer' | 'boolean' | 'select' | 'numberList' | 'date' | 'dateTime';

export interface ColumnOption {
  value: string;
  label: string;
}

export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

const P = WHATIF_TEXT.parse;

export function isBlank(value: CellValue | undefined): boolean {
  return (
    value === null || value === undefined || (typeof value === 'string' && value.trim() === '')
  );
}

function text(value: CellValue): string {
  return typeof value === 'string' ? value.trim() : String(value);
}

export function readNumber(value: CellValue): Read<number> {
  if (typeof value === 'number') return { ok: true, value };
  const raw = text(value).replace(/,/g, '').replace(/%$/, '');
  const parsed = raw === '' ? Number.NaN : Number(raw);
  return Number.isFinite(parsed)
    ? { ok: true, value: parsed }
    : { ok: false, message: P.notNumber(text(value)) };
}

export function readInteger(value: CellValue): Read<number> {
  const parsed = readNumber(value);
  if (!parsed.ok) return parsed;
  return Number.isInteger(parsed.value)
    ? parsed
    : { ok: false, message: P.notInteger(text(value)) };
}

const TRUE_TEXT = new Set(['是', 'true', '1', 'y', 'yes', '√', '✓', '有']);
const FALSE_TEXT = new Set(['否', 'false', '0', 'n', 'no', '×', '✗', '无']);

export function readBoolean(value: CellValue): Read<boolean> {
  if (typeof value === 'boolean') return { ok: true, value };
  const raw = text(value).toLowerCase();
  if (TRUE_TEXT.has(raw)) return { ok: true, value: true };
  if (FALSE_TEXT.has(raw)) return { ok: true, value: false };
  return { ok: false, message: P.notBoolean(text(value)) };
}

/** "72, 58；90" → [72, 58, 90]: Excel users separate with commas, semicolons or spaces. */
export function readNumberList(value: CellValue): Read<number[]> {
  if (typeof value === 'number') return { ok: true, value: [value] };
  const parts = text(value)
    .split(/[,，;；、\s]+/)
    .filter((part) => part !== '');
  const numbers: number[] = [];
  for (const part of parts) {
    const parsed = Number(part);
    if (!Number.isFinite(parsed)) return { ok: false, message: P.notNumber(part) };
    numbers.push(parsed);
  }
  return { ok: true, value: numbers };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= last;
}

const DATE_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;
/** exceljs gives a date cell as midnight UTC of that calendar day. */
const MIDNIGHT_UTC = /^(\d{4}-\d{2}-\d{2})T00:00:00(?:\.000)?Z$/;

export function readDate(value: CellValue): Read<string> {
  const raw = text(value);
  const midnight = MIDNIGHT_UTC.exec(raw);
  const match = DATE_TEXT.exec(midnight?.[1] ?? raw);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (isRealDate(year, month, day))
      return { ok: true, value: `${year}-${pad(month)}-${pad(day)}` };
  }
  return { ok: false, message: P.notDate(raw) };
}

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const LOCAL_TIME =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+|T)(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** The offset text of a zone given in minutes east of UTC: 480 → +08:00. */
export function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * A time with an offset. A time typed without one is read in the rule set's zone (the what-if
 * table says so), which is what an office means by "08:00"; a bare date is refused, because a
 * deadline "on 3 March" could mean its first or its last second.
 */
export function readDateTime(value: CellValue, offsetMinutes: number): Read<string> {
  const raw = text(value);
  if (WITH_OFFSET.test(raw)) return { ok: true, value: raw };
  const match = LOCAL_TIME.exec(raw);
  if (match) {
    const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(match[i]));
    const second = Number(match[6] ?? 0);
    if (
      year !== undefined &&
      month !== undefined &&
      day !== undefined &&
      hour !== undefined &&
      minute !== undefined &&
      isRealDate(year, month, day) &&
      hour < 24 &&
      minute < 60 &&
      second < 60
    ) {
      return {
        ok: true,
        value: `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${offsetText(offsetMinutes)}`,
      };
    }
  }
  return { ok: false, message: P.notDateTime(raw) };
}

export function readOption(value: CellValue, options: readonly ColumnOption[]): Read<string> {
  const raw = text(value);
  const found = options.find((option) => option.value === raw || option.label === raw);
  return found ? { ok: true, value: found.value } : { ok: false, message: P.notOption(raw) };
}

/**
 * A pasted or imported cell stored in the type its column edits with, when it reads cleanly;
 * otherwise kept as the text given, so the build step reports it instead of losing it.
 */
export function normalizeCell(
  value: CellValue,
  type: ColumnType,
  options: readonly ColumnOption[] = [],
): CellValue {
  if (isBlank(value)) return null;
  switch (type) {
    case 'number': {
      const parsed = readNumber(value);
      return parsed.ok ? parsed.value : value;
    }
    case 'integer': {
      const parsed = readInteger(value);
      return parsed.ok ? parsed.value : value;
    }
    case 'boolean': {
      const parsed = readBoolean(value);
      return parsed.ok ? parsed.value : value;
    }
    case 'select': {
      const parsed = readOption(value, options);
      return parsed.ok ? parsed.value : value;
    }
    case 'date': {
      const parsed = readDate(value);
      return parsed.ok ? parsed.value : value;
    }
    case 'numberList':
    case 'dateTime':
    case 'text':
      return typeof value === 'string' ? value.trim() : String(value);
  }
}
