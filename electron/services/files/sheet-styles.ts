/**
 * Which cells hold dates. Excel stores a date as a plain number (days since 1900, a fraction for
 * the time of day) and says "date" only through the cell's number format, in xl/styles.xml. So
 * the reader maps each cell style (an index into <cellXfs>) to "date or not", and turns the
 * serial numbers of date cells into dates, in the workbook's date system (1900, or 1904 as old
 * Mac workbooks use).
 */
import { type SheetCell } from '@shared/domain/roster/cell';
import { scanTags, type ScanCounter } from './xml-tags';

/**
 * Built-in number formats that are dates or times (ECMA-376 18.8.30), including the ones Excel
 * and WPS use for Chinese locales (27–36, 50–58: 2024年3月5日, 2024/3/5, 上午 8:00 …).
 */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58,
]);

/**
 * True for a custom format code that shows a date or a time: a y, m, d, h or s token outside
 * quoted text, escaped characters and [bracketed] sections (colours, conditions, locales; but
 * elapsed time [h] [mm] [ss] is time). "General" and number formats are not dates.
 */
export function isDateFormat(code: string): boolean {
  // Excel keeps format codes to 255 characters; a longer one is not Excel's, and bounding it keeps
  // the patterns below linear ("[" repeated without "]" would make the bracket one quadratic).
  if (code.length > 255) return false;
  // Only the first section (positive numbers) decides how a number is shown.
  const section = code.split(';')[0] ?? '';
  const elapsed = /\[(?:h+|m+|s+)\]/i.test(section);
  const bare = section
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/_./g, '')
    .replace(/\*./g, '')
    .replace(/\[[^\]]*\]/g, '');
  if (/general/i.test(bare)) return false;
  return elapsed || /[ymdhs]/i.test(bare) || /[上下]午|AM\/PM|A\/P/i.test(bare);
}

/** Decodes the five predefined entities of an attribute value (format codes use &quot;). */
function decodeAttr(value: string): string {
  if (!value.includes('&')) return value;
  return value
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * For each cell style index (the s attribute of a cell), whether it shows numbers as dates. One
 * forward scan of the tags (xml-tags.ts): <numFmt> anywhere defines formats, the <xf> children of
 * the first <cellXfs> are the cell styles.
 */
export function parseDateStyles(stylesXml: string, counter?: ScanCounter): boolean[] {
  const dateFormatIds = new Set(BUILT_IN_DATE_FORMATS);
  const xfFormats: string[] = [];
  let cellXfs: 'before' | 'inside' | 'after' = 'before';
  let depth = 0;
  for (const tag of scanTags(stylesXml, counter)) {
    if (tag.local === 'numFmt' && !tag.isEnd) {
      const idText = tag.attrs.get('numFmtId') ?? '';
      const id = idText.trim() === '' ? Number.NaN : Number(idText);
      if (!Number.isInteger(id)) continue;
      if (isDateFormat(decodeAttr(tag.attrs.get('formatCode') ?? ''))) dateFormatIds.add(id);
      else dateFormatIds.delete(id);
    } else if (tag.local === 'cellXfs' && cellXfs === 'before' && !tag.isEnd) {
      cellXfs = tag.isSelfClosing ? 'after' : 'inside';
    } else if (cellXfs === 'inside') {
      if (tag.local === 'cellXfs' && tag.isEnd && depth === 0) cellXfs = 'after';
      else if (tag.isEnd) depth -= 1;
      else {
        if (depth === 0 && tag.local === 'xf') xfFormats.push(tag.attrs.get('numFmtId') ?? '0');
        if (!tag.isSelfClosing) depth += 1;
      }
    }
  }
  // A <cellXfs> that never closes is a damaged part: no styles, so no cell is taken for a date.
  if (cellXfs !== 'after') return [];
  return xfFormats.map((id) => dateFormatIds.has(id.trim() === '' ? 0 : Number(id)));
}

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * A date cell from an Excel serial number: YYYY-MM-DD, with THH:mm:ss when it has a time of day
 * (to the nearest second; no zone: Excel times are wall-clock times). In the 1900 system Excel
 * counts a 29 February 1900 that never was (serial 60), so serials before 61 are one day off
 * from a plain count; serial 60 itself is refused. In the 1900 system a serial below 1 is a time
 * of day alone and becomes its text (08:30).
 */
export function serialToDateCell(serial: number, date1904: boolean): SheetCell {
  if (!Number.isFinite(serial) || serial < 0 || serial >= 2_958_466) {
    return { type: 'error', text: '#DATE!' };
  }
  // In the 1900 system serial 0 is the non-day "1900-01-00", so below 1 is a time of day alone;
  // in the 1904 system serial 0 is a real day, 1904-01-01, and Excel shows it as one.
  if (serial < 1 && !date1904) {
    // A time of day alone (08:30): shown as the time, not as a day of 1899.
    const secondOfDay = Math.min(Math.round(serial * 86_400), 86_399);
    const hh = pad(Math.floor(secondOfDay / 3600));
    const mm = pad(Math.floor((secondOfDay % 3600) / 60));
    const ss = secondOfDay % 60;
    return { type: 'text', text: ss === 0 ? `${hh}:${mm}` : `${hh}:${mm}:${pad(ss)}` };
  }
  if (!date1904 && serial >= 60 && serial < 61) return { type: 'error', text: '#DATE!' };
  const epoch = date1904 ? EPOCH_1904 : serial < 60 ? EPOCH_1900 + DAY_MS : EPOCH_1900;
  const seconds = Math.round(serial * 86_400);
  const at = new Date(epoch + seconds * 1000);
  const date = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
  const secondOfDay = ((seconds % 86_400) + 86_400) % 86_400;
  if (secondOfDay === 0) return { type: 'date', iso: date };
  return {
    type: 'date',
    iso: `${date}T${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}`,
  };
}

/**
 * An ISO 8601 value as written in a cell typed t="d": date, date-time or time alone, with an
 * optional fraction and zone. Anchored and without nested repetition, so it fails at once on any
 * other text, however long.
 */
const ISO_CELL =
  /^(?:(\d{4})-(\d{2})-(\d{2}))?(?:T?(\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/;

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The cell of a t="d" value, read by its text as Excel shows it: the date and the wall-clock time
 * as written, no zone conversion (a zone, when present, is dropped: converting it would move a
 * 07:00 value in UTC+8 to the previous day). A time alone becomes its text (10:10:10), as a time
 * of day from a serial does; anything else is an error cell.
 */
export function isoTextToDateCell(text: string): SheetCell {
  const m = ISO_CELL.exec(text.trim());
  const bad: SheetCell = { type: 'error', text: '#DATE!' };
  if (!m || (m[1] === undefined && m[4] === undefined)) return bad;
  const hh = Number(m[4] ?? 0);
  const mi = Number(m[5] ?? 0);
  const ss = Number(m[6] ?? 0);
  if (hh > 23 || mi > 59 || ss > 59) return bad;
  const time =
    ss === 0 && m[6] === undefined ? `${pad(hh)}:${pad(mi)}` : `${pad(hh)}:${pad(mi)}:${pad(ss)}`;
  if (m[1] === undefined) return { type: 'text', text: time };
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (!isRealDate(year, month, day)) return bad;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  if (hh === 0 && mi === 0 && ss === 0) return { type: 'date', iso: date };
  return { type: 'date', iso: `${date}T${pad(hh)}:${pad(mi)}:${pad(ss)}` };
}
