/**
 * Text clean-up shared by the roster validators. Spreadsheets typed on Chinese input methods mix
 * full-width and half-width forms and odd spaces (U+3000, NBSP, zero-width); every validator must
 * fold them the same way, or the same value typed twice would compare unequal.
 */
import { fragment } from '../text-fragment';

/** Whitespace plus the invisible characters that \s does not cover but Excel cells often carry. */
const ANY_SPACE = /[\s\u200B-\u200D\u2060\uFEFF]+/gu;
/** The same characters, for a test (no /g: no lastIndex state). */
const HAS_SPACE = /[\s\u200B-\u200D\u2060\uFEFF]/u;
const HAS_FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/u;

/** Full-width ASCII (U+FF01–U+FF5E) to half-width, and the ideographic space to a plain space. */
export function toHalfWidth(text: string): string {
  // Most cells have nothing to fold: an import calls this for every cell of 100,000 rows.
  if (!HAS_FULL_WIDTH.test(text)) return text;
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

export function removeAllSpaces(text: string): string {
  return HAS_SPACE.test(text) ? text.replace(ANY_SPACE, '') : text;
}

/** Trim and fold every run of whitespace (of any kind) into one ASCII space. */
export function collapseSpaces(text: string): string {
  // Without any space there is nothing to fold or trim (trim removes only characters \s covers).
  return HAS_SPACE.test(text) ? text.replace(ANY_SPACE, ' ').trim() : text;
}

/**
 * Quotes a user value inside a message, cut short so that a hostile 1 MB cell cannot bloat the
 * error list (errors are kept per row and exported), and without characters that would reorder or
 * hide the message around it (text-fragment.ts).
 */
export function quoteValue(text: string, maxChars = 24): string {
  return `“${fragment(text, maxChars)}”`;
}

/** Length in characters as a person counts them (code points, so rare 𠀀-range names count once). */
export function charLength(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

/**
 * U+FFFD never belongs in a roster: it is what a broken decoder leaves behind. Storing it would
 * silently corrupt a name or a school, so such a cell is an error of its own.
 */
export const REPLACEMENT_CHAR = '\uFFFD';
export const GARBLED_MESSAGE =
  '这一格含有无法识别的乱码字符“\uFFFD”，可能是文件编码损坏。请在 Excel 中检查并改正这一格后重新导入。';
