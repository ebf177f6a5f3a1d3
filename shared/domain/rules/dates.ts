/**
 * Calendar arithmetic for the rule engine without `Date` objects or time zones of the host.
 *
 * Rules count days, weeks, months and years in China local time, whatever machine evaluates them,
 * so dates are handled as integer day numbers (days since 1970-01-01) and event timestamps as epoch
 * milliseconds parsed from ISO strings that carry their own offset. The civil-date conversions are
 * Howard Hinnant's algorithms: exact, allocation-free and fast enough for a million events.
 */

const MS_PER_DAY = 86_400_000;

/** Day number (days since 1970-01-01) of a proleptic Gregorian date. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export function civilFromDays(dayNumber: number): CivilDate {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a valid `YYYY-MM-DD`, or null when the text is not a real calendar date. */
export function parseIsoDate(text: string): number | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return daysFromCivil(year, month, day);
}

/** Like `parseIsoDate` for text already validated by a schema. */
export function dayOf(text: string): number {
  const value = parseIsoDate(text);
  if (value === null) throw new RangeError(`Not an ISO date: ${text}`);
  return value;
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

export function formatDay(dayNumber: number): string {
  const { year, month, day } = civilFromDays(dayNumber);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

export function yearOfDay(dayNumber: number): number {
  return civilFromDays(dayNumber).year;
}

/** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** Day number of the first day of the week containing `dayNumber` (weeks start on `weekStartsOn`). */
export function weekStartOf(dayNumber: number, weekStartsOn: number): number {
  return dayNumber - ((weekdayOf(dayNumber) - weekStartsOn + 7) % 7);
}

/** A month as one integer (year × 12 + month − 1), usable as a period key. */
export function monthKeyOf(dayNumber: number): number {
  const { year, month } = civilFromDays(dayNumber);
  return year * 12 + month - 1;
}

/** The same month and day `years` earlier; 29 Feb falls back to 28 Feb in common years. */
export function addYears(dayNumber: number, years: number): number {
  const { year, month, day } = civilFromDays(dayNumber);
  const target = year + years;
  return daysFromCivil(target, month, Math.min(day, daysInMonth(target, month)));
}

const MONTH_DAY = /^(\d{2})-(\d{2})$/;

/** Day number of `MM-DD` in `year`, or null when that day does not exist in that year. */
export function monthDayInYear(monthDay: string, year: number): number | null {
  const match = MONTH_DAY.exec(monthDay);
  if (!match) return null;
  const month = Number(match[1]);
  const day = Number(match[2]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return daysFromCivil(year, month, day);
}

export function isValidMonthDay(text: string): boolean {
  // 29 Feb is accepted: it exists in leap years and the caller reports it for other years.
  return monthDayInYear(text, 2000) !== null;
}

/**
 * ISO 8601 date-time with a mandatory offset (`Z` or `±HH:MM`), seconds and fraction optional:
 * an event time without an offset would be read differently on different machines.
 */
export const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

const DIGIT_POSITIONS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15];

function digit(text: string, index: number): number {
  return text.charCodeAt(index) - 48;
}

function twoDigits(text: string, index: number): number {
  return digit(text, index) * 10 + digit(text, index + 1);
}

/**
 * Epoch milliseconds of an ISO date-time with offset, or NaN when it is malformed or not a real
 * time. Hand-rolled on character codes because the points evaluator parses a million of them.
 */
export function parseDateTimeMs(text: string): number {
  const length = text.length;
  if (length < 17 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return Number.NaN;
  if (text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58) return Number.NaN;
  for (const position of DIGIT_POSITIONS) {
    const code = text.charCodeAt(position);
    if (code < 48 || code > 57) return Number.NaN;
  }
  const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  let index = 16;
  let second = 0;
  let millis = 0;
  if (text.charCodeAt(index) === 58) {
    second = twoDigits(text, index + 1);
    if (!(second >= 0 && second <= 59) || text.length < index + 3) return Number.NaN;
    index += 3;
    if (text.charCodeAt(index) === 46) {
      index += 1;
      let scale = 100;
      while (index < length) {
        const d = digit(text, index);
        if (d < 0 || d > 9) break;
        millis += d * scale;
        scale /= 10;
        index += 1;
      }
      millis = Math.floor(millis);
    }
  }
  let offsetMinutes = 0;
  const sign = text.charCodeAt(index);
  if (sign === 90 && index === length - 1) {
    offsetMinutes = 0;
  } else if (
    (sign === 43 || sign === 45) &&
    index === length - 6 &&
    text.charCodeAt(index + 3) === 58
  ) {
    offsetMinutes = twoDigits(text, index + 1) * 60 + twoDigits(text, index + 4);
    if (sign === 45) offsetMinutes = -offsetMinutes;
  } else {
    return Number.NaN;
  }
  if (
    !(month >= 1 && month <= 12) ||
    !(day >= 1 && day <= daysInMonth(year, month)) ||
    !(hour >= 0 && hour <= 23) ||
    !(minute >= 0 && minute <= 59) ||
    !(second >= 0 && second <= 59) ||
    Math.abs(offsetMinutes) > 18 * 60
  ) {
    return Number.NaN;
  }
  const days = daysFromCivil(year, month, day);
  return ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60_000 + second * 1000 + millis;
}

/** Local day number of an instant, for a zone `offsetMinutes` east of UTC (China: 480). */
export function localDayOfMs(ms: number, offsetMinutes: number): number {
  return Math.floor((ms + offsetMinutes * 60_000) / MS_PER_DAY);
}

export { MS_PER_DAY };
