/**
 * Mainland mobile numbers. Rosters carry them in every shape people type: +86 prefixes, spaces,
 * dashes, full-width digits, or a landline in the "phone" column; all of these must either fold
 * to the 11 digits or be reported precisely.
 */
import { quoteValue, removeAllSpaces, toHalfWidth } from './text';

export type MobileCheckResult =
  | { ok: true; mobile: string }
  | { ok: false; code: 'MOBILE_EMPTY' | 'MOBILE_LANDLINE' | 'MOBILE_FORMAT'; message: string };

/** Half-width, no spaces, dashes or brackets, and no +86 / 0086 / 86 country prefix. */
export function normalizeMobile(raw: string): string {
  const compact = removeAllSpaces(toHalfWidth(raw)).replace(/[-‐‑‒–—―()]/gu, '');
  const match = /^(?:\+86|0086|86)(1\d{10})$/.exec(compact);
  return match?.[1] ?? compact;
}

export function checkMobile(raw: string): MobileCheckResult {
  const mobile = normalizeMobile(raw);
  if (mobile === '') return { ok: false, code: 'MOBILE_EMPTY', message: '手机号码为空。' };
  if (/^1[3-9]\d{9}$/.test(mobile)) return { ok: true, mobile };
  if (/^0\d{9,11}$/.test(mobile)) {
    return {
      ok: false,
      code: 'MOBILE_LANDLINE',
      message: `${quoteValue(raw.trim())}看起来是座机号码，这一列请填写 11 位手机号码。`,
    };
  }
  if (/^\d+$/.test(mobile) && mobile.length !== 11) {
    return {
      ok: false,
      code: 'MOBILE_FORMAT',
      message: `手机号码${quoteValue(raw.trim())}是 ${mobile.length} 位，应为 11 位，请核对。`,
    };
  }
  return {
    ok: false,
    code: 'MOBILE_FORMAT',
    message: `手机号码${quoteValue(raw.trim())}格式不正确：应为以 13–19 开头的 11 位数字（可带 +86）。`,
  };
}
