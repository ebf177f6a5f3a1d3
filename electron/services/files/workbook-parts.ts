/**
 * Where a workbook keeps its sheets: xl/workbook.xml lists them in tab order with their names and
 * hidden state, and xl/_rels/workbook.xml.rels says which zip entry holds each one (and the shared
 * strings and styles). Used by the file checks (every sheet must be there) and by the reader.
 */
import { decodeXmlEntities } from './sheet-xml';
import { scanTags, type ScanCounter } from './xml-tags';

export interface WorkbookSheet {
  name: string;
  /** visible, hidden or veryHidden. */
  state: string;
  /** The zip entry holding the sheet, e.g. xl/worksheets/sheet1.xml (compare case-insensitively). */
  entry: string;
}

export interface WorkbookLayout {
  /** Worksheets in tab order (chart and dialog sheets are left out: they hold no rows). */
  sheets: WorkbookSheet[];
  sharedStringsEntry: string;
  stylesEntry: string;
  /** The workbook counts days from 1904 (old Mac workbooks), not 1900. */
  date1904: boolean;
}

/**
 * The attributes (entities decoded) of every `local` start tag in `xml`, whatever its namespace
 * prefix. One forward scan (xml-tags.ts), linear however the part is malformed.
 */
export function elements(xml: string, local: string, counter?: ScanCounter): Map<string, string>[] {
  const found: Map<string, string>[] = [];
  for (const tag of scanTags(xml, counter)) {
    if (tag.isEnd || tag.local !== local) continue;
    const attrs = new Map<string, string>();
    for (const [name, value] of tag.attrs) attrs.set(name, decodeXmlEntities(value));
    found.push(attrs);
  }
  return found;
}

/** An attribute by local name, whatever its namespace prefix (r:id, x:id…). */
function prefixed(attrs: Map<string, string>, local: string): string | undefined {
  for (const [name, value] of attrs) if (name.endsWith(`:${local}`)) return value;
  return undefined;
}

/** Resolves a relationship target against the folder of the part that declares it. */
function resolveTarget(baseFolder: string, target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : `${baseFolder}${target}`;
  const out: string[] = [];
  for (const segment of path.replace(/\\/g, '/').split('/')) {
    if (segment === '..') out.pop();
    else if (segment !== '.' && segment !== '') out.push(segment);
  }
  return out.join('/');
}

const NOT_A_WORKSHEET = /\/(chartsheet|dialogsheet|xlMacrosheet|xlIntlMacrosheet)$/i;

/** The layout from workbook.xml and its relationships (null when the workbook has none). */
export function workbookLayout(workbookXml: string, relsXml: string | null): WorkbookLayout {
  const targets = new Map<string, { entry: string; type: string }>();
  let sharedStringsEntry = 'xl/sharedStrings.xml';
  let stylesEntry = 'xl/styles.xml';
  for (const rel of relsXml ? elements(relsXml, 'Relationship') : []) {
    const id = rel.get('Id');
    const target = rel.get('Target');
    if (!id || !target || rel.get('TargetMode') === 'External') continue;
    const type = rel.get('Type') ?? '';
    const entry = resolveTarget('xl/', target);
    targets.set(id, { entry, type });
    if (type.endsWith('/sharedStrings')) sharedStringsEntry = entry;
    if (type.endsWith('/styles')) stylesEntry = entry;
  }
  const sheets: WorkbookSheet[] = [];
  for (const [index, sheet] of elements(workbookXml, 'sheet').entries()) {
    const relId = prefixed(sheet, 'id');
    const target = relId ? targets.get(relId) : undefined;
    if (target && NOT_A_WORKSHEET.test(target.type)) continue;
    sheets.push({
      name: sheet.get('name') ?? `Sheet${index + 1}`,
      state: sheet.get('state') ?? 'visible',
      entry: target?.entry ?? `xl/worksheets/sheet${sheet.get('sheetId') ?? index + 1}.xml`,
    });
  }
  return { sheets, sharedStringsEntry, stylesEntry, date1904: usesDate1904(workbookXml) };
}

/** True when workbook.xml says the workbook counts days from 1904 (date1904="1"). */
export function usesDate1904(workbookXml: string): boolean {
  const pr = elements(workbookXml, 'workbookPr')[0];
  const value = pr?.get('date1904');
  return value === '1' || value === 'true';
}
