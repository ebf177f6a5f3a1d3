/**
 * Streaming parsers for the two SpreadsheetML parts an import reads: worksheets
 * (xl/worksheets/sheetN.xml) and the shared-string table (xl/sharedStrings.xml).
 *
 * Why not a general SAX parser: a 100,000-row roster is ≈ 55 MB of XML and 1.5 million cells.
 * exceljs builds an event object per tag, then a Row and a Cell object per cell, and that alone
 * took longer than everything the import does with the rows. These parsers jump from "<" to "<"
 * with indexOf, read only the attributes that carry meaning (r, t; si/ref for shared formulas),
 * and produce the neutral cell model directly, sharing one immutable cell per shared string.
 *
 * Text arrives in chunks; each parser cuts it only after a complete element (a row, an <si>), so an
 * element never straddles two calls. XML that is not well formed where it matters throws a
 * SheetXmlError; everything the spec allows but Excel never writes (prefixed elements as the
 * OpenXML SDK writes them, CDATA, comments, '>' inside attribute values, entity and _xHHHH_
 * escapes, rich text and phonetic runs, inline strings, shared formulas) is read as Excel reads it.
 */
import { EMPTY_CELL, type SheetCell } from '@shared/domain/roster/cell';
import { fragment } from '@shared/domain/text-fragment';
import { isoTextToDateCell, serialToDateCell } from './sheet-styles';

export class SheetXmlError extends Error {}

/**
 * A sheet that is well formed but breaks one of Excel's own limits: not damage, so the reader says
 * which limit and how to get under it instead of calling the file corrupt.
 */
export class SheetLimitError extends SheetXmlError {}

/** Excel's limit for the text of one cell (and so for any value a roster can hold). */
export const MAX_CELL_CHARS = 32_767;

/** The neutral cells of one row: index 0 is column A; missing cells are EMPTY_CELL. */
export interface ParsedRow {
  /** The sheet's own row number, as Excel shows it. */
  rowNumber: number;
  cells: SheetCell[];
}

/** Excel's limits: 1,048,576 rows and 16,384 columns (XFD). */
const MAX_ROW = 1_048_576;
const MAX_COLUMN = 16_384;
/** An element larger than this without its end tag is not a roster row: stop instead of buffering. */
const MAX_PENDING_CHARS = 32 * 1024 * 1024;
/** Characters of the previous chunks searched again with a new one, for a tag split between them. */
const BOUNDARY_OVERLAP = 64;

const LT = 60; // <
const GT = 62; // >
const SLASH = 47; // /
const BANG = 33; // !
const QUESTION = 63; // ?
const EQUALS = 61; // =
const QUOTE = 34; // "
const APOS = 39; // '
const COLON = 58; // :

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** True when a name ends at position `i`: whitespace, '>' or '/' follows. */
function endsName(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c === GT || c === SLASH || isSpace(c);
}

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

function fromCodePoint(code: number): string {
  return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
}

/** XML character and entity references. */
export function decodeXmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (_m, hex: string | undefined, dec: string | undefined, name) =>
    hex !== undefined
      ? fromCodePoint(parseInt(hex, 16))
      : dec !== undefined
        ? fromCodePoint(parseInt(dec, 10))
        : (NAMED[name as string] ?? ''),
  );
}

/** Character data as XML defines it: line ends normalised to \n, then references decoded. */
function decodeXmlText(raw: string): string {
  return decodeXmlEntities(raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw);
}

const OOXML_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/**
 * OOXML's own escape for characters XML cannot carry (ECMA-376 ST_Xstring): _x000D_ is a carriage
 * return, and _x005F_ an underscore, so a literal "_x000D_" is written _x005F_x000D_.
 */
export function decodeOoxmlEscapes(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(OOXML_ESCAPE, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** A cell's string value, as a text cell or, for blank text, the empty cell. */
export function textCell(text: string): SheetCell {
  return text.trim() === '' ? EMPTY_CELL : { type: 'text', text };
}

/**
 * Column index (0 = A) of a cell reference such as "AB12" written at s[from, to), or -1 when the
 * reference does not start with 1–3 letters.
 */
function columnIndexAt(s: string, from: number, to: number): number {
  let col = 0;
  let i = from;
  for (; i < to && i - from < 3; i += 1) {
    const c = s.charCodeAt(i) | 0x20; // lower case
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  if (i === from) return -1;
  return col - 1;
}

/** The non-negative integer written at s[from, to) (at most 9 digits), or -1. */
function indexAt(s: string, from: number, to: number): number {
  if (to <= from || to - from > 9) return -1;
  let n = 0;
  for (let i = from; i < to; i += 1) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * True for a decimal number as SpreadsheetML writes one (xsd:double without INF/NaN): optional
 * sign, digits with an optional point, optional exponent. A scan, not a pattern, so it stays
 * linear on a long run of digits.
 */
export function isDecimalText(text: string): boolean {
  let i = 0;
  const n = text.length;
  const digits = (): number => {
    const from = i;
    while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i += 1;
    return i - from;
  };
  if (text[i] === '+' || text[i] === '-') i += 1;
  let mantissa = digits();
  if (text[i] === '.') {
    i += 1;
    mantissa += digits();
  }
  if (mantissa === 0) return false;
  if (text[i] === 'e' || text[i] === 'E') {
    i += 1;
    if (text[i] === '+' || text[i] === '-') i += 1;
    if (digits() === 0) return false;
  }
  return i === n;
}

function digitsAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i += 1) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
    if (n > MAX_ROW) return -1;
  }
  return to > from ? n : -1;
}

/**
 * The shared parts of both parsers: a tag reader with a reusable attribute table, text reading
 * across CDATA and comments, and the chunk buffer cut after complete elements.
 */
abstract class ChunkedXmlParser {
  /** Namespace prefix of SpreadsheetML elements in this part, with its colon ('' or 'x:'). */
  protected prefix = '';
  protected s = '';
  /**
   * Text not parsed yet, as the chunks it came in. It is joined and parsed only once a chunk
   * brings a place where it can be cut (a row or string item ends): re-joining and re-searching a
   * growing buffer on every chunk made one 31-million-character cell take 35 s.
   */
  private pendingParts: string[] = [];
  private pendingLength = 0;
  /** The end of the pending text, searched together with the next chunk. */
  private pendingTail = '';
  /** Characters handed to the element parser (`take`): the parsing work, counted for tests. */
  scannedChars = 0;
  /** Attributes of the last tag read: start/end offsets of names and values in `s`. */
  protected attrCount = 0;
  protected readonly attrName: number[] = [];
  protected readonly attrNameEnd: number[] = [];
  protected readonly attrValue: number[] = [];
  protected readonly attrValueEnd: number[] = [];
  protected selfClosing = false;
  /**
   * Where the last tag's one-letter attributes r, t and s are in `s` (-1: absent): a cell reads
   * them 1.5 million times in a 100,000-row roster, cheaper here than through the table.
   */
  protected refStart = -1;
  protected refEnd = -1;
  protected typeStart = -1;
  protected typeEnd = -1;
  protected styleStart = -1;
  protected styleEnd = -1;

  /** Feeds decoded text. */
  push(text: string): void {
    if (text === '') return;
    const window = this.pendingTail + text;
    this.pendingParts.push(text);
    this.pendingLength += text.length;
    const overlap = BOUNDARY_OVERLAP + this.prefix.length;
    this.pendingTail = window.length > overlap ? window.slice(-overlap) : window;
    if (this.mayCut(window)) {
      const pending = this.pendingParts.length === 1 ? text : this.pendingParts.join('');
      this.scannedChars += pending.length;
      const consumed = this.take(pending, false);
      this.s = '';
      const rest = consumed >= pending.length ? '' : pending.slice(consumed);
      this.pendingParts = rest === '' ? [] : [rest];
      this.pendingLength = rest.length;
      this.pendingTail = rest.length > overlap ? rest.slice(-overlap) : rest;
    }
    if (this.pendingLength > MAX_PENDING_CHARS) {
      throw new SheetLimitError(
        '有一行的内容超过了 3200 万个字符，远超 Excel 的单元格上限（每格 32,767 个字符）。请检查是否有异常的长文本或图片数据，删除后另存再导入。',
      );
    }
  }

  /** The end of input: parses what is left. */
  protected flush(): void {
    const rest = this.pendingParts.join('');
    this.pendingParts = [];
    this.pendingLength = 0;
    this.pendingTail = '';
    this.scannedChars += rest.length;
    this.take(rest, true);
    this.s = '';
  }

  /**
   * Whether `window` (the end of the pending text and a new chunk) may hold a place where the
   * pending text can be cut; a false "yes" only costs one parse attempt, a false "no" is a bug.
   */
  protected abstract mayCut(window: string): boolean;

  /** A cell's text, refused beyond Excel's own limit (a roster cell is never longer). */
  protected bounded(text: string): string {
    if (text.length > MAX_CELL_CHARS) {
      throw new SheetLimitError(
        `有一个单元格的内容超过了 ${MAX_CELL_CHARS.toLocaleString('en-US')} 个字符（Excel 每个单元格的上限），不是正常的花名册内容。请找到这个单元格，删除多余的内容后另存再导入。`,
      );
    }
    return text;
  }

  /**
   * Parses the complete elements at the start of `text` (all of it when `final`) and returns how
   * many characters were consumed; the rest is kept for the next chunk.
   */
  protected abstract take(text: string, final: boolean): number;

  /** True when the element name at s[i] is `local` in this part's namespace prefix. */
  protected isName(i: number, local: string): boolean {
    const s = this.s;
    const p = this.prefix;
    if (p.length > 0 && !s.startsWith(p, i)) return false;
    return s.startsWith(local, i + p.length) && endsName(s, i + p.length + local.length);
  }

  /**
   * Reads the attributes of the start tag whose name begins at `i` (just after "<"), up to its ">".
   * Returns the offset after ">" and sets `selfClosing`.
   */
  protected readTag(i: number, end: number): number {
    const s = this.s;
    let p = i;
    while (p < end && !endsName(s, p)) p += 1;
    this.attrCount = 0;
    this.refStart = -1;
    this.typeStart = -1;
    this.styleStart = -1;
    for (;;) {
      while (p < end && isSpace(s.charCodeAt(p))) p += 1;
      if (p >= end) throw new SheetXmlError('标签不完整');
      const c = s.charCodeAt(p);
      if (c === GT) {
        this.selfClosing = false;
        return p + 1;
      }
      if (c === SLASH) {
        if (s.charCodeAt(p + 1) !== GT) throw new SheetXmlError('标签格式错误');
        this.selfClosing = true;
        return p + 2;
      }
      const nameStart = p;
      while (p < end) {
        const n = s.charCodeAt(p);
        if (n === EQUALS || isSpace(n) || n === GT || n === SLASH) break;
        p += 1;
      }
      const nameEnd = p;
      while (p < end && isSpace(s.charCodeAt(p))) p += 1;
      if (s.charCodeAt(p) !== EQUALS) throw new SheetXmlError('属性格式错误');
      p += 1;
      while (p < end && isSpace(s.charCodeAt(p))) p += 1;
      const quote = s.charCodeAt(p);
      if (quote !== QUOTE && quote !== APOS) throw new SheetXmlError('属性值缺少引号');
      const valueEnd = s.indexOf(quote === QUOTE ? '"' : "'", p + 1);
      if (valueEnd < 0 || valueEnd >= end) throw new SheetXmlError('属性值不完整');
      const k = this.attrCount;
      this.attrName[k] = nameStart;
      this.attrNameEnd[k] = nameEnd;
      this.attrValue[k] = p + 1;
      this.attrValueEnd[k] = valueEnd;
      this.attrCount = k + 1;
      if (nameEnd - nameStart === 1) {
        const n = s.charCodeAt(nameStart);
        if (n === 114) {
          this.refStart = p + 1; // r
          this.refEnd = valueEnd;
        } else if (n === 116) {
          this.typeStart = p + 1; // t
          this.typeEnd = valueEnd;
        } else if (n === 115) {
          this.styleStart = p + 1; // s
          this.styleEnd = valueEnd;
        }
      }
      p = valueEnd + 1;
    }
  }

  /** Index of the unprefixed attribute `name` among those of the last tag, or -1. */
  protected attr(name: string): number {
    const s = this.s;
    for (let k = 0; k < this.attrCount; k += 1) {
      const start = this.attrName[k] ?? 0;
      if ((this.attrNameEnd[k] ?? 0) - start === name.length && s.startsWith(name, start)) return k;
    }
    return -1;
  }

  protected attrText(k: number): string {
    return decodeXmlEntities(this.s.slice(this.attrValue[k], this.attrValueEnd[k]));
  }

  /** The next "<" from `i` inside the element being read; `missing` says which end tag is absent. */
  protected nextTag(i: number, end: number, missing: string): number {
    const lt = this.s.indexOf('<', i);
    if (lt < 0 || lt >= end) throw new SheetXmlError(missing);
    return lt;
  }

  /** The offset after the end tag starting at s[lt] = '<'. */
  protected afterEndTag(lt: number, end: number): number {
    const gt = this.s.indexOf('>', lt);
    if (gt < 0 || gt >= end) throw new SheetXmlError('结束标签不完整');
    return gt + 1;
  }

  /** Skips a comment, CDATA section, DOCTYPE or processing instruction starting at s[lt] = '<'. */
  protected skipSpecial(lt: number, end: number): number {
    const s = this.s;
    const close = s.startsWith('<!--', lt)
      ? '-->'
      : s.startsWith('<![CDATA[', lt)
        ? ']]>'
        : s.charCodeAt(lt + 1) === QUESTION
          ? '?>'
          : '>';
    const at = s.indexOf(close, lt + 2);
    if (at < 0 || at >= end) throw new SheetXmlError('注释或声明不完整');
    return at + close.length;
  }

  /** Skips the element whose start tag was just read (content up to its matching end tag). */
  protected skipElement(afterTag: number, end: number): number {
    if (this.selfClosing) return afterTag;
    const s = this.s;
    let depth = 1;
    let i = afterTag;
    while (depth > 0) {
      const lt = this.nextTag(i, end, '元素没有结束标签');
      const c = s.charCodeAt(lt + 1);
      if (c === SLASH) {
        depth -= 1;
        i = this.afterEndTag(lt, end);
      } else if (c === BANG || c === QUESTION) {
        i = this.skipSpecial(lt, end);
      } else {
        i = this.readTag(lt + 1, end);
        if (!this.selfClosing) depth += 1;
      }
    }
    return i;
  }

  /**
   * The character data of the element whose start tag was just read, up to its end tag: text with
   * entities decoded, CDATA sections kept verbatim, comments dropped, child elements skipped.
   * Sets `textEnd` to the offset after the end tag.
   */
  protected readText(afterTag: number, end: number): string {
    if (this.selfClosing) {
      this.textEnd = afterTag;
      return '';
    }
    const s = this.s;
    let i = afterTag;
    let out = '';
    for (;;) {
      const lt = this.nextTag(i, end, '文字内容没有结束标签');
      if (lt > i) out += decodeXmlText(s.slice(i, lt));
      const c = s.charCodeAt(lt + 1);
      if (c === SLASH) {
        this.textEnd = this.afterEndTag(lt, end);
        return this.bounded(out);
      }
      if (s.startsWith('<![CDATA[', lt)) {
        const close = s.indexOf(']]>', lt + 9);
        if (close < 0 || close >= end) throw new SheetXmlError('CDATA 不完整');
        out += s.slice(lt + 9, close);
        i = close + 3;
      } else if (c === BANG || c === QUESTION) {
        i = this.skipSpecial(lt, end);
      } else {
        i = this.skipElement(this.readTag(lt + 1, end), end);
      }
    }
  }

  protected textEnd = 0;

  /**
   * The text of a string item (<si> or <is>) whose start tag was just read: its <t>, or the <t> of
   * each rich-text run <r>, without the phonetic guide runs <rPh>. Sets `textEnd`.
   */
  protected readStringItem(afterTag: number, end: number): string {
    if (this.selfClosing) {
      this.textEnd = afterTag;
      return '';
    }
    const s = this.s;
    let i = afterTag;
    let out = '';
    let depth = 1;
    while (depth > 0) {
      const lt = this.nextTag(i, end, '文字项没有结束标签');
      const c = s.charCodeAt(lt + 1);
      if (c === SLASH) {
        depth -= 1;
        i = this.afterEndTag(lt, end);
      } else if (c === BANG || c === QUESTION) {
        i = this.skipSpecial(lt, end);
      } else if (this.isName(lt + 1, 't')) {
        out += this.readText(this.readTag(lt + 1, end), end);
        i = this.textEnd;
      } else if (this.isName(lt + 1, 'r')) {
        i = this.readTag(lt + 1, end);
        if (!this.selfClosing) depth += 1;
      } else {
        // rPr (run formatting), rPh (phonetic guide), phoneticPr, extLst: not part of the text.
        i = this.skipElement(this.readTag(lt + 1, end), end);
      }
    }
    this.textEnd = i;
    return this.bounded(decodeOoxmlEscapes(out));
  }
}

/** Finds `<prefix:local` followed by a name end in `text` from `from`; returns the '<' index or -1. */
function findStartTag(text: string, local: string, from: number): { at: number; prefix: string } {
  let i = text.indexOf(local, from);
  while (i >= 0) {
    if (endsName(text, i + local.length) || i + local.length >= text.length) {
      let j = i - 1;
      let prefix = '';
      if (text.charCodeAt(j) === COLON) {
        let k = j - 1;
        while (k >= 0 && /[\w.-]/.test(text[k] ?? '')) k -= 1;
        prefix = text.slice(k + 1, j + 1);
        j = k;
      }
      if (text.charCodeAt(j) === LT) return { at: j, prefix };
    }
    i = text.indexOf(local, i + 1);
  }
  return { at: -1, prefix: '' };
}

/**
 * The shared-string table: one immutable text cell per string item, so every cell that refers to
 * it shares one object.
 */
export class SharedStringsParser extends ChunkedXmlParser {
  readonly cells: SheetCell[] = [];
  private started = false;

  protected mayCut(window: string): boolean {
    return !this.started || window.includes(`</${this.prefix}si>`);
  }

  protected take(text: string, final: boolean): number {
    let from = 0;
    if (!this.started) {
      const found = findStartTag(text, 'sst', 0);
      if (found.at < 0) {
        if (final || text.length > 64 * 1024) throw new SheetXmlError('共享文字表的格式不对');
        return 0;
      }
      this.prefix = found.prefix;
      this.started = true;
      from = found.at;
    }
    const close = text.lastIndexOf(`</${this.prefix}si>`);
    const to = final ? text.length : close < 0 ? from : close + this.prefix.length + 5;
    if (to > from) {
      this.s = text;
      this.parse(from, to);
    }
    return to;
  }

  private parse(from: number, to: number): void {
    const s = this.s;
    let i = from;
    for (;;) {
      const lt = s.indexOf('<', i);
      if (lt < 0 || lt >= to) return;
      const c = s.charCodeAt(lt + 1);
      if (c === SLASH) {
        const gt = s.indexOf('>', lt);
        if (gt < 0) throw new SheetXmlError('结束标签不完整');
        i = gt + 1;
      } else if (c === BANG || c === QUESTION) {
        i = this.skipSpecial(lt, to);
      } else if (this.isName(lt + 1, 'si')) {
        const text = this.readStringItem(this.readTag(lt + 1, to), to);
        this.cells.push(textCell(text));
        i = this.textEnd;
      } else {
        // <sst>, or anything else (extLst): read the tag; <sst> stays open around the items.
        const after = this.readTag(lt + 1, to);
        i = this.isName(lt + 1, 'sst') ? after : this.skipElement(after, to);
      }
    }
  }

  end(): SheetCell[] {
    this.flush();
    return this.cells;
  }
}

interface SharedFormula {
  formula: string;
}

/**
 * A worksheet's rows, in file order. Rows are handed to `onRow` as soon as their end tag has been
 * read; nothing of the sheet is kept once its row has been handed on.
 */
export class SheetParser extends ChunkedXmlParser {
  private state: 'before' | 'rows' | 'after' = 'before';
  private lastRow = 0;
  private readonly sharedFormulas = new Map<string, SharedFormula>();
  private rowEndTag = '</row>';
  /** Column of the next cell that has no reference of its own. */
  private nextColumn = 0;

  private readonly dateStyles: readonly boolean[];
  private readonly date1904: boolean;

  /**
   * `dateStyles[s]` says whether cell style s shows numbers as dates (sheet-styles.ts); such
   * numbers become date cells, counted from 1904 when `date1904`.
   */
  constructor(
    private readonly sharedStrings: readonly SheetCell[],
    private readonly onRow: (row: ParsedRow) => void,
    dates: { dateStyles?: readonly boolean[]; date1904?: boolean } = {},
  ) {
    super();
    this.dateStyles = dates.dateStyles ?? [];
    this.date1904 = dates.date1904 ?? false;
  }

  protected mayCut(window: string): boolean {
    return (
      this.state !== 'rows' ||
      window.includes(this.rowEndTag) ||
      window.includes(`<${this.prefix}row`) ||
      window.includes(`</${this.prefix}sheetData`)
    );
  }

  protected take(text: string, final: boolean): number {
    if (this.state === 'after') return text.length;
    let from = 0;
    if (this.state === 'before') {
      const found = findStartTag(text, 'sheetData', 0);
      if (found.at < 0) {
        // No rows yet: keep only a tail that could hold the start of the tag.
        return final ? text.length : Math.max(0, text.length - 1024);
      }
      const tagEnd = text.indexOf('>', found.at);
      if (tagEnd < 0) {
        if (final) throw new SheetXmlError('工作表内容不完整');
        return found.at;
      }
      this.prefix = found.prefix;
      this.rowEndTag = `</${found.prefix}row>`;
      if (text.charCodeAt(tagEnd - 1) === SLASH) {
        this.state = 'after';
        return text.length;
      }
      this.state = 'rows';
      from = tagEnd + 1;
    }
    const endOfData = text.indexOf(`</${this.prefix}sheetData`, from);
    let to: number;
    if (endOfData >= 0) to = endOfData;
    else if (final) throw new SheetXmlError('工作表内容不完整，缺少结尾');
    else {
      // Everything before the last row end, or before the last row start (rows do not nest; this
      // also cuts a run of self-closing empty rows), is complete.
      const close = text.lastIndexOf(this.rowEndTag);
      to = Math.max(from, close < 0 ? 0 : close + this.rowEndTag.length, this.lastRowStart(text));
    }
    if (to > from) {
      this.s = text;
      this.parseRows(from, to);
    }
    if (endOfData >= 0) {
      this.state = 'after';
      return text.length;
    }
    return to;
  }

  /** Offset of the last "<row" start tag in `text`, or 0. */
  private lastRowStart(text: string): number {
    const tag = `<${this.prefix}row`;
    for (let at = text.lastIndexOf(tag); at > 0; at = text.lastIndexOf(tag, at - 1)) {
      if (at + tag.length < text.length && endsName(text, at + tag.length)) return at;
    }
    return 0;
  }

  private parseRows(from: number, to: number): void {
    const s = this.s;
    let i = from;
    for (;;) {
      const lt = s.indexOf('<', i);
      if (lt < 0 || lt >= to) return;
      const c = s.charCodeAt(lt + 1);
      if (c === SLASH) throw new SheetXmlError('多余的结束标签');
      if (c === BANG || c === QUESTION) {
        i = this.skipSpecial(lt, to);
      } else if (this.isName(lt + 1, 'row')) {
        i = this.readRow(lt + 1, to);
      } else {
        i = this.skipElement(this.readTag(lt + 1, to), to);
      }
    }
  }

  private readRow(nameAt: number, end: number): number {
    const s = this.s;
    let i = this.readTag(nameAt, end);
    const r = this.attr('r');
    let rowNumber = this.lastRow + 1;
    if (r >= 0) {
      rowNumber = digitsAt(s, this.attrValue[r] ?? 0, this.attrValueEnd[r] ?? 0);
      if (rowNumber < 1 || rowNumber <= this.lastRow)
        throw new SheetXmlError(`行号“${fragment(this.attrText(r))}”无效或顺序颠倒`);
    } else if (rowNumber > MAX_ROW) throw new SheetXmlError('行数超过 Excel 的上限');
    this.lastRow = rowNumber;
    this.nextColumn = 0;
    const cells: SheetCell[] = [];
    if (!this.selfClosing) {
      for (;;) {
        const lt = this.nextTag(i, end, '行没有结束标签');
        const c = s.charCodeAt(lt + 1);
        if (c === SLASH) {
          i = this.afterEndTag(lt, end);
          break;
        }
        if (c === BANG || c === QUESTION) i = this.skipSpecial(lt, end);
        else if (this.isName(lt + 1, 'c')) i = this.readCell(lt + 1, end, cells);
        else i = this.skipElement(this.readTag(lt + 1, end), end);
      }
    }
    this.onRow({ rowNumber, cells });
    return i;
  }

  /** Reads one <c> and stores its value in `cells` at its column; returns the offset after it. */
  private readCell(nameAt: number, end: number, cells: SheetCell[]): number {
    const s = this.s;
    let i = this.readTag(nameAt, end);
    let column = this.nextColumn;
    const refStart = this.refStart;
    if (refStart >= 0) {
      column = columnIndexAt(s, refStart, this.refEnd);
      const written = (): string => fragment(decodeXmlEntities(s.slice(refStart, this.refEnd)));
      if (column < 0 || column >= MAX_COLUMN)
        throw new SheetXmlError(`单元格位置“${written()}”无效`);
      if (column < this.nextColumn) throw new SheetXmlError(`单元格“${written()}”顺序颠倒`);
    }
    this.nextColumn = column + 1;
    const typeStart = this.typeStart;
    const typeLength = typeStart >= 0 ? this.typeEnd - typeStart : 0;
    // t: s (shared string), str (formula text), inlineStr, b, e, d, n (the default).
    const isShared = typeLength === 1 && s.charCodeAt(typeStart) === 115; // "s"
    const type =
      typeLength === 0 ? 'n' : isShared ? 's' : s.slice(typeStart, typeStart + typeLength);
    let value: string | null = null;
    let sharedIndex = -1;
    let inline: string | null = null;
    let formula: string | null = null;
    if (!this.selfClosing) {
      for (;;) {
        const lt = this.nextTag(i, end, '单元格没有结束标签');
        const c = s.charCodeAt(lt + 1);
        if (c === SLASH) {
          i = this.afterEndTag(lt, end);
          break;
        }
        if (c === BANG || c === QUESTION) {
          i = this.skipSpecial(lt, end);
        } else if (this.isName(lt + 1, 'v')) {
          // <v> has no attributes in practice: skip the tag reader when it is exactly that.
          const bare = lt + 2 + this.prefix.length;
          let after: number;
          if (s.charCodeAt(bare) === GT) {
            this.selfClosing = false;
            after = bare + 1;
          } else after = this.readTag(lt + 1, end);
          if (isShared && !this.selfClosing) {
            // Fast path: <v>123</v>, read without making a string.
            const close = s.indexOf('<', after);
            sharedIndex =
              close > after && s.charCodeAt(close + 1) === SLASH ? indexAt(s, after, close) : -1;
            if (sharedIndex >= 0) {
              i = s.indexOf('>', close) + 1;
              continue;
            }
          }
          value = this.readText(after, end);
          i = this.textEnd;
        } else if (this.isName(lt + 1, 'f')) {
          formula = this.readFormula(lt + 1, end);
          i = this.textEnd;
        } else if (this.isName(lt + 1, 'is')) {
          inline = this.readStringItem(this.readTag(lt + 1, end), end);
          i = this.textEnd;
        } else {
          i = this.skipElement(this.readTag(lt + 1, end), end);
        }
      }
    }
    let cell =
      sharedIndex >= 0 && formula === null
        ? this.sharedString(sharedIndex, null)
        : this.toCell(type, value, inline, formula);
    if (cell.type === 'number' && this.styleStart >= 0 && this.dateStyles.length > 0) {
      const style = indexAt(s, this.styleStart, this.styleEnd);
      if (style >= 0 && this.dateStyles[style] === true) {
        cell = serialToDateCell(cell.value, this.date1904);
      }
    }
    if (cell !== EMPTY_CELL) {
      while (cells.length < column) cells.push(EMPTY_CELL);
      cells.push(cell);
    }
    return i;
  }

  private sharedString(index: number, written: string | null): SheetCell {
    const cell = this.sharedStrings[index];
    if (!cell) {
      throw new SheetXmlError(
        `单元格引用了不存在的共享文字（${fragment(written ?? String(index), 20)}）`,
      );
    }
    return cell;
  }

  /**
   * The formula text of an <f> whose name starts at s[nameAt]. A shared formula's later cells
   * carry only its index; they show the first cell's formula (their references are not shifted:
   * the text is only shown to say "this is a formula").
   */
  private readFormula(nameAt: number, end: number): string {
    const after = this.readTag(nameAt, end);
    const t = this.attr('t');
    const si = this.attr('si');
    const isShared = t >= 0 && this.attrText(t) === 'shared' && si >= 0;
    const index = isShared ? this.attrText(si) : '';
    const text = this.readText(after, end);
    if (!isShared) return text;
    if (text !== '') {
      this.sharedFormulas.set(index, { formula: text });
      return text;
    }
    return this.sharedFormulas.get(index)?.formula ?? '';
  }

  private toCell(
    type: string,
    value: string | null,
    inline: string | null,
    formula: string | null,
  ): SheetCell {
    if (formula !== null) return { type: 'formula', formula };
    switch (type) {
      case 's': {
        // An empty <v/> is an empty cell, as Excel shows it: Number('') would be 0, the first
        // shared string, silently put into a blank cell.
        if (value === null || value.trim() === '') return EMPTY_CELL;
        const trimmed = value.trim();
        return this.sharedString(indexAt(trimmed, 0, trimmed.length), value);
      }
      case 'inlineStr':
        return textCell(inline ?? decodeOoxmlEscapes(value ?? ''));
      case 'str':
        return value === null ? EMPTY_CELL : textCell(decodeOoxmlEscapes(value));
      case 'b':
        return value === null || value.trim() === ''
          ? EMPTY_CELL
          : { type: 'bool', value: value.trim() === '1' };
      case 'e':
        return value === null || value.trim() === '' ? EMPTY_CELL : { type: 'error', text: value };
      case 'd':
        return value === null || value.trim() === '' ? EMPTY_CELL : isoTextToDateCell(value);
      default: {
        if (value === null || value.trim() === '') return EMPTY_CELL;
        // Number() also takes 0x10, 0b1, Infinity and '': only decimal text is a cell value.
        const number = isDecimalText(value.trim()) ? Number(value) : Number.NaN;
        if (!Number.isFinite(number))
          throw new SheetXmlError(`数值单元格的内容“${fragment(value, 20)}”不是数字`);
        return { type: 'number', value: number };
      }
    }
  }

  /** The end of the sheet's text: parses what is left. */
  end(): void {
    this.flush();
  }
}
