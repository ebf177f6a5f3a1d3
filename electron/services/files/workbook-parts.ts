/**
 * Where a workbook keeps its sheets. The package relationships (_rels/.rels) name the workbook part
 * (usually xl/workbook.xml, but any location is valid); the workbook lists its sheets in tab order
 * with their names and hidden state, and its own relationships say which zip entry holds each one
 * (and the shared strings and styles). Used by the file checks (every sheet must be there) and by
 * the reader.
 */
import { fragment } from '@shared/domain/text-fragment';
import { type MergeRange } from './merged-cells';
import { decodeXmlEntities } from './sheet-xml';
import { scanTags, type ScanCounter } from './xml-tags';

export interface WorkbookSheet {
  name: string;
  /** visible, hidden or veryHidden. */
  state: string;
  /**
   * The zip entry holding the sheet, e.g. xl/worksheets/sheet1.xml (compare case-insensitively);
   * '' when the workbook's relationships do not say.
   */
  entry: string;
  /** Merged ranges of the sheet, when the file check's scan found any (merged-cells.ts). */
  merges?: MergeRange[];
}

export interface WorkbookLayout {
  /** Worksheets in tab order (chart and dialog sheets are left out: they hold no rows). */
  sheets: WorkbookSheet[];
  sharedStringsEntry: string;
  stylesEntry: string;
  /** The workbook counts days from 1904 (old Mac workbooks), not 1900. */
  date1904: boolean;
  /** Sheets left out because they have no relationship id (r:id=""), by name. */
  skippedSheets: string[];
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

/** The folder of a part, with its trailing slash ('' at the root of the package). */
export function folderOf(partName: string): string {
  const slash = partName.lastIndexOf('/');
  return slash < 0 ? '' : partName.slice(0, slash + 1);
}

/** Where the relationships of a part are kept: xl/workbook.xml → xl/_rels/workbook.xml.rels. */
export function relsPartFor(partName: string): string {
  const folder = folderOf(partName);
  return `${folder}_rels/${partName.slice(folder.length)}.rels`;
}

/**
 * Resolves a relationship target against the folder of the part that declares it (a leading "/"
 * starts from the package root). Backslashes count as "/", as Office reads them.
 */
export function resolveTarget(baseFolder: string, target: string): string {
  const unified = target.replace(/\\/g, '/');
  const path = unified.startsWith('/') ? unified.slice(1) : `${baseFolder}${unified}`;
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '..') out.pop();
    else if (segment !== '.' && segment !== '') out.push(segment);
  }
  return out.join('/');
}

/**
 * The main part of a package (its workbook, or a Word document…) from the package relationships
 * (_rels/.rels), transitional or strict; null when none is declared.
 */
export function officeDocumentTarget(packageRelsXml: string): string | null {
  for (const rel of elements(packageRelsXml, 'Relationship')) {
    const target = rel.get('Target');
    if (!target || rel.get('TargetMode') === 'External') continue;
    if ((rel.get('Type') ?? '').endsWith('/officeDocument')) return resolveTarget('', target);
  }
  return null;
}

/** True when the part's first element is a <workbook> (in any namespace prefix). */
export function isWorkbookXml(xml: string): boolean {
  for (const tag of scanTags(xml)) return !tag.isEnd && tag.local === 'workbook';
  return false;
}

const NOT_A_WORKSHEET = /\/(chartsheet|dialogsheet|xlMacrosheet|xlIntlMacrosheet)$/i;

/**
 * The layout from workbook.xml (stored at `workbookEntry`) and its relationships. Every part is
 * found through a relationship, resolved against the workbook's folder: nothing is assumed to be
 * under xl/. A sheet without a relationship id (r:id="") is left out and named in `skippedSheets`;
 * a sheet whose id has no relationship gets an empty entry (the caller refuses it as missing).
 */
export function workbookLayout(
  workbookXml: string,
  relsXml: string | null,
  workbookEntry = 'xl/workbook.xml',
): WorkbookLayout {
  const base = folderOf(workbookEntry);
  const targets = new Map<string, { entry: string; type: string }>();
  let sharedStringsEntry = '';
  let stylesEntry = '';
  for (const rel of relsXml ? elements(relsXml, 'Relationship') : []) {
    const id = rel.get('Id');
    const target = rel.get('Target');
    if (!id || !target || rel.get('TargetMode') === 'External') continue;
    const type = rel.get('Type') ?? '';
    const entry = resolveTarget(base, target);
    targets.set(id, { entry, type });
    if (type.endsWith('/sharedStrings')) sharedStringsEntry = entry;
    if (type.endsWith('/styles')) stylesEntry = entry;
  }
  const sheets: WorkbookSheet[] = [];
  const skippedSheets: string[] = [];
  for (const [index, sheet] of elements(workbookXml, 'sheet').entries()) {
    const name = sheet.get('name') ?? `Sheet${index + 1}`;
    const relId = prefixed(sheet, 'id')?.trim() ?? '';
    if (relId === '') {
      skippedSheets.push(name);
      continue;
    }
    const target = targets.get(relId);
    if (target && NOT_A_WORKSHEET.test(target.type)) continue;
    sheets.push({ name, state: sheet.get('state') ?? 'visible', entry: target?.entry ?? '' });
  }
  return {
    sheets,
    skippedSheets,
    sharedStringsEntry,
    stylesEntry,
    date1904: usesDate1904(workbookXml),
  };
}

/** True when workbook.xml says the workbook counts days from 1904 (date1904="1"). */
export function usesDate1904(workbookXml: string): boolean {
  const pr = elements(workbookXml, 'workbookPr')[0];
  const value = pr?.get('date1904');
  return value === '1' || value === 'true';
}

/**
 * What the user should know about sheets the layout left out: a sheet without a relationship id is
 * skipped (Excel repairs such a file by dropping it), and the user is told which one.
 */
export function layoutNotes(layout: WorkbookLayout): string[] {
  return layout.skippedSheets
    .slice(0, 10)
    .map(
      (name) =>
        `工作表“${fragment(name)}”在文件中的登记不完整（找不到它的内容），已跳过，其余工作表照常读取。如需导入它，请用 Excel 或 WPS 打开文件后另存，再导入。`,
    );
}
