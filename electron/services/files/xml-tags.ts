/**
 * A linear scan of the start and end tags of a small XML part (workbook.xml, relationships,
 * styles.xml, [Content_Types].xml). It replaces regular expressions such as `<xf\b([^>]*)>`,
 * which on a part full of unclosed tags searched the rest of the text once per tag: a 4 KB
 * workbook (400,000 unclosed `<xf ` tags once inflated) took an estimated 15 minutes.
 *
 * Every character is looked at a bounded number of times: the scan only moves forward, and where
 * the text stops being well-formed (a tag, quote, comment or CDATA section that never closes) it
 * stops, because nothing after that point can be read reliably anyway.
 */

export interface XmlTag {
  /** The element's name without its namespace prefix (x:sheet → sheet). */
  local: string;
  /** Attributes by their full name (r:id stays r:id), entity references not yet decoded. */
  attrs: Map<string, string>;
  isEnd: boolean;
  isSelfClosing: boolean;
  /** Offset of '<' and the offset after '>' in the text. */
  start: number;
  end: number;
}

/** Counts the characters a scan examined, so tests can hold parsers to linear work. */
export interface ScanCounter {
  chars: number;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Ends of a name: whitespace, '/', '>', '=' or the start of another tag. */
function endsName(c: number): boolean {
  return isSpace(c) || c === 47 || c === 62 || c === 61 || c === 60;
}

/**
 * The tags of `xml` in document order (comments, CDATA, processing instructions and DOCTYPE are
 * skipped). A malformed tag (no name, an attribute without a quoted value, a '<' inside it) is
 * skipped from where it breaks; text that never closes ends the scan.
 */
export function* scanTags(xml: string, counter?: ScanCounter): Generator<XmlTag> {
  const n = xml.length;
  let i = xml.indexOf('<');
  let seen = 0;
  const count = (to: number): void => {
    if (counter && to > seen) {
      counter.chars += to - seen;
      seen = to;
    }
  };
  while (i >= 0 && i < n) {
    count(i);
    const next = xml.charCodeAt(i + 1);
    if (next === 33 /* ! */ || next === 63 /* ? */) {
      const close = xml.startsWith('<!--', i)
        ? '-->'
        : xml.startsWith('<![CDATA[', i)
          ? ']]>'
          : next === 63
            ? '?>'
            : '>';
      const at = xml.indexOf(close, i + 2);
      if (at < 0) {
        count(n);
        return;
      }
      count(at + close.length);
      i = xml.indexOf('<', at + close.length);
      continue;
    }
    const isEnd = next === 47; /* / */
    let p = isEnd ? i + 2 : i + 1;
    const nameStart = p;
    while (p < n && !endsName(xml.charCodeAt(p))) p += 1;
    const name = xml.slice(nameStart, p);
    const attrs = new Map<string, string>();
    let isSelfClosing = false;
    let isBroken = name === '';
    let end = -1;
    while (!isBroken && p < n) {
      const c = xml.charCodeAt(p);
      if (isSpace(c)) {
        p += 1;
        continue;
      }
      if (c === 62 /* > */) {
        end = p + 1;
        break;
      }
      if (c === 47 /* / */ && xml.charCodeAt(p + 1) === 62) {
        isSelfClosing = true;
        end = p + 2;
        break;
      }
      if (isEnd || c === 60 || c === 61) {
        isBroken = true;
        break;
      }
      const attrStart = p;
      while (p < n && !endsName(xml.charCodeAt(p))) p += 1;
      const attrName = xml.slice(attrStart, p);
      while (p < n && isSpace(xml.charCodeAt(p))) p += 1;
      if (xml.charCodeAt(p) !== 61 /* = */) {
        isBroken = true;
        break;
      }
      p += 1;
      while (p < n && isSpace(xml.charCodeAt(p))) p += 1;
      const quote = xml.charCodeAt(p);
      if (quote !== 34 && quote !== 39) {
        isBroken = true;
        break;
      }
      const valueEnd = xml.indexOf(quote === 34 ? '"' : "'", p + 1);
      if (valueEnd < 0) {
        count(n);
        return;
      }
      attrs.set(attrName, xml.slice(p + 1, valueEnd));
      p = valueEnd + 1;
    }
    count(Math.min(p, n));
    if (end < 0) {
      if (p >= n) return;
      // Resume at the next '<' after where the tag broke, never before it: nothing is read twice.
      i = xml.indexOf('<', p + (xml.charCodeAt(p) === 60 ? 0 : 1));
      continue;
    }
    const colon = name.indexOf(':');
    yield {
      local: colon >= 0 ? name.slice(colon + 1) : name,
      attrs,
      isEnd,
      isSelfClosing,
      start: i,
      end,
    };
    i = xml.indexOf('<', end);
  }
  count(n);
}

/** An attribute by its local name, whatever its prefix (r:id, x:id…); exact names win. */
export function attrByLocal(attrs: Map<string, string>, local: string): string | undefined {
  const exact = attrs.get(local);
  if (exact !== undefined) return exact;
  for (const [name, value] of attrs) if (name.endsWith(`:${local}`)) return value;
  return undefined;
}
