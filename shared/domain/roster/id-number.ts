/**
 * National ID numbers (居民身份证号码, GB 11643-1999). A teacher is keyed by this number, so it is
 * validated strictly and never repaired by guessing: a wrong check digit or a number Excel turned
 * into 3.20102E+17 is reported, not "fixed".
 */
import { removeAllSpaces, quoteValue, toHalfWidth } from './text';

export type Gender = '男' | '女';

export type IdCheckResult =
  | { ok: true; idNumber: string; birthDate: string; gender: Gender }
  | { ok: false; code: IdErrorCode; message: string };

export type IdErrorCode =
  | 'ID_EMPTY'
  | 'ID_CHARS'
  | 'ID_OLD_15'
  | 'ID_LENGTH'
  | 'ID_STORED_AS_NUMBER'
  | 'ID_BIRTH_DATE'
  | 'ID_CHECK_DIGIT';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
/** Oldest birth year accepted: the oldest living person was born after it; anything older is a typo. */
const MIN_BIRTH_YEAR = 1900;
const MAX_AGE_YEARS = 120;

/**
 * Full-width digits and letters to half-width, every kind of space removed (U+3000, NBSP,
 * zero-width), x to X. A leading apostrophe, which people type to force text in Excel and which
 * sometimes survives into the cell, is dropped as well.
 */
export function normalizeIdNumber(raw: string): string {
  return removeAllSpaces(toHalfWidth(raw))
    .replace(/^['‘’]+/u, '')
    .replace(/x/g, 'X');
}

/** The GB 11643 (ISO 7064 MOD 11-2) check character for the first 17 digits. */
export function idCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new RangeError('idCheckDigit needs exactly 17 digits');
  }
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    sum += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  }
  return CHECK_CHARS.charAt(sum % 11);
}

/**
 * Builds a valid 18-character number from its parts (used by the demo data and test fixtures).
 * `sequence` is the 3-digit order code; its parity is the gender (odd = 男).
 */
export function buildIdNumber(area6: string, birthDate: string, sequence: number): string {
  const birth = birthDate.replace(/-/g, '');
  if (!/^\d{6}$/.test(area6) || !/^\d{8}$/.test(birth) || !Number.isInteger(sequence)) {
    throw new RangeError(
      'buildIdNumber: area6 is 6 digits, birthDate YYYY-MM-DD, sequence an integer',
    );
  }
  if (sequence < 0 || sequence > 999) throw new RangeError('buildIdNumber: sequence is 0–999');
  const first17 = `${area6}${birth}${String(sequence).padStart(3, '0')}`;
  return first17 + idCheckDigit(first17);
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** What Excel's General format shows for a long number, e.g. 3.20102E+17. */
const SCIENTIFIC = /^\d(\.\d+)?E\+?\d+$/i;

export function idStoredAsNumberMessage(shown: string): string {
  return (
    `身份证号被 Excel 存成了数值（显示为 ${shown}）。数值最多只保留 15 位有效数字，` +
    '这个号码的最后几位已经丢失，系统不会猜测补全。' +
    '请把“身份证号”列的单元格格式设置为“文本”，重新录入（或粘贴）完整的 18 位号码后再导入。'
  );
}

function fail(code: IdErrorCode, message: string): IdCheckResult {
  return { ok: false, code, message };
}

/**
 * Validates an 18-character ID number. `today` (YYYY-MM-DD) enables the checks that the birth
 * date is not in the future and not more than 120 years ago; without it only the calendar is checked.
 */
export function checkIdNumber(raw: string, today?: string): IdCheckResult {
  const id = normalizeIdNumber(raw);
  if (id === '') return fail('ID_EMPTY', '身份证号为空，请填写 18 位身份证号。');

  if (SCIENTIFIC.test(id)) return fail('ID_STORED_AS_NUMBER', idStoredAsNumberMessage(id));

  const bad = /^[0-9X]*$/.test(id)
    ? []
    : Array.from(new Set(Array.from(id).filter((ch) => !/[0-9X]/.test(ch))));
  if (bad.length > 0) {
    const shown = bad
      .slice(0, 5)
      .map((ch) => quoteValue(ch))
      .join('、');
    return fail(
      'ID_CHARS',
      `身份证号${quoteValue(id)}含有无效字符 ${shown}：只能由数字组成，最后一位可以是 X。`,
    );
  }
  const xAt = id.indexOf('X');
  if (xAt !== -1 && xAt !== id.length - 1) {
    return fail('ID_CHARS', `身份证号${quoteValue(id)}中的 X 只能出现在最后一位。`);
  }

  if (id.length === 15 && xAt === -1) {
    return fail(
      'ID_OLD_15',
      `身份证号${quoteValue(id)}是 15 位的第一代身份证号码，已停止使用。` +
        '请改填本人现行的 18 位身份证号（第二代身份证上的号码），系统不会自动升位。',
    );
  }
  if (id.length !== 18) {
    return fail('ID_LENGTH', `身份证号应为 18 位，${quoteValue(id)}是 ${id.length} 位，请核对。`);
  }

  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return fail(
      'ID_BIRTH_DATE',
      `身份证号第 7–14 位的出生日期 ${id.slice(6, 14)} 不是真实存在的日期，请核对号码。`,
    );
  }
  if (year < MIN_BIRTH_YEAR) {
    return fail(
      'ID_BIRTH_DATE',
      `身份证号中的出生日期 ${birthDate} 早于 ${MIN_BIRTH_YEAR} 年，请核对号码。`,
    );
  }
  if (today !== undefined) {
    if (birthDate > today) {
      return fail('ID_BIRTH_DATE', `身份证号中的出生日期 ${birthDate} 晚于今天，请核对号码。`);
    }
    const oldest = `${Number(today.slice(0, 4)) - MAX_AGE_YEARS}${today.slice(4)}`;
    if (birthDate < oldest) {
      return fail(
        'ID_BIRTH_DATE',
        `身份证号中的出生日期 ${birthDate} 表示年龄超过 ${MAX_AGE_YEARS} 岁，请核对号码。`,
      );
    }
  }

  if (idCheckDigit(id.slice(0, 17)) !== id.charAt(17)) {
    return fail(
      'ID_CHECK_DIGIT',
      `身份证号${quoteValue(id)}的校验位（最后一位）不正确，请核对号码。`,
    );
  }

  const gender: Gender = Number(id.charAt(16)) % 2 === 1 ? '男' : '女';
  return { ok: true, idNumber: id, birthDate, gender };
}

/**
 * The form shown everywhere except audited exports: first 6 + 8 stars + last 4
 * (e.g. 320102********123X). Shorter input is masked but for its last 4 characters.
 */
export function maskIdNumber(id: string): string {
  const chars = Array.from(id);
  if (chars.length >= 18) {
    return `${chars.slice(0, 6).join('')}********${chars.slice(-4).join('')}`;
  }
  if (chars.length <= 4) return '*'.repeat(chars.length);
  return '*'.repeat(chars.length - 4) + chars.slice(-4).join('');
}
