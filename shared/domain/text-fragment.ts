/**
 * Quoting user input inside a message. Messages are shown, logged, stored with import errors and
 * exported; a quoted value must therefore be short (a 5,000-character sheet name made a
 * 5,031-character message) and must not carry characters that reorder or hide the text around it
 * (U+202E turns the rest of a line backwards; NUL and other controls cut or garble it).
 */

/** Default length of a quoted fragment, in characters as a person counts them. */
export const FRAGMENT_MAX_CHARS = 40;

/**
 * C0 and C1 controls (tab, line ends included: a fragment is one line), DEL, bidirectional
 * formatting (ALM, LRM, RLM, LRE…RLO, LRI…PDI) and the invisible zero-width characters.
 */
function isUnsafe(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x061c ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2069) ||
    code === 0xfeff
  );
}

function codeName(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * At most `maxChars` characters of `text`, without control, bidi or zero-width characters, with
 * "…" when cut. Reads only as far as it needs, so a 1 MB value costs no more than a short one. A
 * text made only of such characters is named by its first one (U+202E), so the user still learns
 * what is there.
 */
export function fragment(text: string, maxChars = FRAGMENT_MAX_CHARS): string {
  let out = '';
  let kept = 0;
  let firstUnsafe = -1;
  for (let i = 0; i < text.length;) {
    const code = text.codePointAt(i) ?? 0;
    const width = code > 0xffff ? 2 : 1;
    if (isUnsafe(code)) {
      if (firstUnsafe < 0) firstUnsafe = code;
    } else {
      if (kept === maxChars) return `${out}…`;
      out += text.slice(i, i + width);
      kept += 1;
    }
    i += width;
  }
  return out === '' && firstUnsafe >= 0 ? codeName(firstUnsafe) : out;
}

/** True when `text` holds a control, bidi or zero-width character (see `fragment`). */
export function hasUnsafeCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (isUnsafe(text.charCodeAt(i))) return true;
  return false;
}
