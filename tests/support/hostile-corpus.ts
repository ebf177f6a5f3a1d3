/**
 * Malformed and hostile files for the importer's file checks, generated (not stored) so each one is
 * built exactly to hit one check: a zip builder that can lie about sizes, names, flags and layout;
 * a minimal OLE compound-file builder; and real workbooks from the roster fixture writer.
 */
import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';
import fs from 'node:fs/promises';
import path from 'node:path';
import { mulberry32 } from '@shared/domain/roster/demo-data';
import { makeRosterRows, writeRosterWorkbook } from '../../scripts/fixtures/roster-workbook';

export interface HostileFile {
  file: string;
  /**
   * The file check's refusal code; for files that pass the check and attack the reader instead
   * (`stage: 'read'`), the reader's refusal reason, or 'OK' when the file must be read.
   */
  expectedCode: string;
  /** A word the Chinese message must contain, proving it is the specific message. */
  messageIncludes: string;
  /** 'read': the file passes the file check; the reader is what it tests. */
  stage?: 'read';
}

// -----------------------------------------------------------------------------------------------
// Zip builder

export interface ZipEntrySpec {
  name: string;
  /** Uncompressed content (ignored when `compressed` is given). */
  data?: Buffer;
  /** Ready-made compressed bytes, with their real uncompressed size and CRC. */
  compressed?: { bytes: Buffer; size: number; crc: number };
  method?: 0 | 8;
  flags?: number;
  /** Lies written into both headers. */
  declaredSize?: number;
  declaredCrc?: number;
  /** Left out of the central directory (a "shadow" entry only a streaming reader would see). */
  hiddenFromDirectory?: boolean;
}

export function buildZip(specs: readonly ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  let count = 0;
  for (const spec of specs) {
    const method = spec.method ?? 8;
    const name = Buffer.from(spec.name, 'utf8');
    const raw = spec.data ?? Buffer.alloc(0);
    const body = spec.compressed?.bytes ?? (method === 8 ? deflateRawSync(raw) : raw);
    const size = spec.declaredSize ?? spec.compressed?.size ?? raw.length;
    const crc = spec.declaredCrc ?? spec.compressed?.crc ?? crc32(raw);
    const flags = (spec.flags ?? 0) | 0x800;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);

    if (!spec.hiddenFromDirectory) {
      const central = Buffer.alloc(46);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(20, 4);
      central.writeUInt16LE(20, 6);
      central.writeUInt16LE(flags, 8);
      central.writeUInt16LE(method, 10);
      central.writeUInt32LE(crc >>> 0, 16);
      central.writeUInt32LE(body.length, 20);
      central.writeUInt32LE(size, 24);
      central.writeUInt16LE(name.length, 28);
      central.writeUInt32LE(offset, 42);
      centrals.push(central, name);
      count += 1;
    }
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(count, 8);
  eocd.writeUInt16LE(count, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

/** Deflates `size` bytes of one repeated byte without ever holding them: a compact bomb payload. */
async function deflatedFiller(
  size: number,
  byte = 0x20,
): Promise<{ bytes: Buffer; size: number; crc: number }> {
  const chunk = Buffer.alloc(1024 * 1024, byte);
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let crc = 0;
  for (let left = size; left > 0; left -= chunk.length) {
    const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
    crc = crc32(piece, crc);
    if (!deflate.write(piece)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return { bytes: Buffer.concat(out), size, crc };
}

const xml = (text: string): Buffer =>
  Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${text}`);

/** The parts of a minimal valid workbook; `sheet` is the worksheet XML inside <worksheet>. */
/** A minimal valid workbook; `sheetEntry` is where its one sheet is stored (and said to be). */
export function workbookParts(
  sheet: string | null,
  sheetEntry = 'xl/worksheets/sheet1.xml',
): ZipEntrySpec[] {
  const parts: ZipEntrySpec[] = [
    {
      name: '[Content_Types].xml',
      data: xml(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          '</Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: xml(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
          '</Relationships>',
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: xml(
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
          (sheet === null
            ? '<sheets/>'
            : '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>') +
          '</workbook>',
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: xml(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          (sheet === null
            ? ''
            : `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/${sheetEntry}"/>`) +
          '</Relationships>',
      ),
    },
  ];
  if (sheet !== null) {
    parts.push({
      name: sheetEntry,
      data: xml(
        `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${sheet}</worksheet>`,
      ),
    });
  }
  return parts;
}

export const SMALL_SHEET =
  '<dimension ref="A1:B2"/><sheetData>' +
  '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>身份证号</t></is></c></row>' +
  '<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="B2" t="inlineStr"><is><t>110105198507150091</t></is></c></row>' +
  '</sheetData>';

// -----------------------------------------------------------------------------------------------
// OLE compound-file builder (version 3, 512-byte sectors, up to 3 streams of 4 KB)

export function buildOle(streamNames: readonly string[]): Buffer {
  if (streamNames.length > 3) throw new RangeError('buildOle: at most 3 streams');
  const END = 0xfffffffe;
  const FREE = 0xffffffff;
  const header = Buffer.alloc(512, 0);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 0x18);
  header.writeUInt16LE(0x0003, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e);
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(1, 0x2c); // one FAT sector
  header.writeUInt32LE(1, 0x30); // directory in sector 1
  header.writeUInt32LE(4096, 0x38);
  header.writeUInt32LE(END, 0x3c);
  header.writeUInt32LE(END, 0x44);
  for (let i = 0; i < 109; i += 1) header.writeUInt32LE(i === 0 ? 0 : FREE, 0x4c + i * 4);

  const fat = Buffer.alloc(512, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0); // sector 0 holds the FAT
  fat.writeUInt32LE(END, 4); // sector 1: the directory, one sector
  const dir = Buffer.alloc(512, 0);
  const writeEntry = (
    index: number,
    name: string,
    type: number,
    child: number,
    right: number,
    start: number,
    size: number,
  ): void => {
    const at = index * 128;
    const encoded = Buffer.from(`${name}\0`, 'utf16le');
    encoded.copy(dir, at);
    dir.writeUInt16LE(encoded.length, at + 0x40);
    dir[at + 0x42] = type;
    dir[at + 0x43] = 1; // black
    dir.writeUInt32LE(FREE, at + 0x44); // left sibling
    dir.writeUInt32LE(right, at + 0x48);
    dir.writeUInt32LE(child, at + 0x4c);
    dir.writeUInt32LE(start, at + 0x74);
    dir.writeUInt32LE(size, at + 0x78);
  };
  writeEntry(0, 'Root Entry', 5, streamNames.length > 0 ? 1 : FREE, FREE, END, 0);
  const data: Buffer[] = [];
  streamNames.forEach((name, i) => {
    const first = 2 + i * 8;
    for (let s = 0; s < 8; s += 1)
      fat.writeUInt32LE(s === 7 ? END : first + s + 1, (first + s) * 4);
    writeEntry(i + 1, name, 2, FREE, i + 1 < streamNames.length ? i + 2 : FREE, first, 4096);
    data.push(Buffer.alloc(4096, 0x5a));
  });
  return Buffer.concat([header, fat, dir, ...data]);
}

// -----------------------------------------------------------------------------------------------
// The corpus

export async function buildHostileCorpus(dir: string): Promise<HostileFile[]> {
  await fs.mkdir(dir, { recursive: true });
  const out: HostileFile[] = [];
  const add = async (
    name: string,
    content: Buffer | string,
    expectedCode: string,
    messageIncludes: string,
  ): Promise<void> => {
    const file = path.join(dir, name);
    await fs.writeFile(file, content);
    out.push({ file, expectedCode, messageIncludes });
  };
  const rng = mulberry32(1234);

  // Size
  await add('empty.xlsx', Buffer.alloc(0), 'FILE_EMPTY', '空');
  const huge = path.join(dir, 'huge.xlsx');
  await fs.writeFile(huge, Buffer.from('PK\x03\x04'));
  await fs.truncate(huge, 101 * 1024 * 1024); // sparse: no disk space used
  out.push({ file: huge, expectedCode: 'FILE_TOO_LARGE', messageIncludes: '上限' });

  // OLE compound files
  await add(
    'legacy.xls',
    buildOle(['Workbook', '\u0005SummaryInformation']),
    'FILE_OLD_XLS',
    '97-2003',
  );
  await add('legacy-renamed.xlsx', buildOle(['Workbook']), 'FILE_OLD_XLS', '另存为');
  await add('excel95.xls', buildOle(['Book']), 'FILE_OLD_XLS', '.xls');
  await add('wps-table.et', buildOle(['Workbook']), 'FILE_WPS_ET', 'WPS');
  await add(
    'password.xlsx',
    buildOle(['EncryptionInfo', 'EncryptedPackage']),
    'FILE_ENCRYPTED',
    '密码',
  );
  await add('word97.xls', buildOle(['WordDocument', '1Table']), 'FILE_NOT_XLSX', 'Word');

  // Text
  const csv = '姓名,身份证号,学校,学段\r\n张三,110105198507150091,实验小学,小学\r\n';
  await add(
    'roster-utf8-bom.csv',
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]),
    'FILE_CSV',
    'CSV',
  );
  await add(
    'roster-gbk.csv',
    Buffer.from(
      'd0d5c3fb2cc9edb7ddd6a4bac52cd1a7d0a32cd1a7b6ce0d0ad5c5c8fd2c3131303130353139383530373135303039312ccab5d1e9d0a1d1a72cd0a1d1a70d0a',
      'hex',
    ),
    'FILE_CSV',
    'CSV',
  );
  await add('csv-renamed.xlsx', csv, 'FILE_CSV', '另存为');
  await add(
    'unicode-text.txt',
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv.replace(/,/g, '\t'), 'utf16le')]),
    'FILE_CSV',
    '文本',
  );
  await add(
    'html-table.xls',
    '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta charset="utf-8"></head><body><table><tr><td>姓名</td><td>身份证号</td></tr></table></body></html>',
    'FILE_NOT_XLSX',
    '网页',
  );
  await add(
    'spreadsheetml-2003.xls',
    '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Sheet1"/></Workbook>',
    'FILE_NOT_XLSX',
    '2003 XML',
  );

  // Other binary formats
  await add(
    'scan.pdf.xlsx',
    Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1'),
    'FILE_NOT_XLSX',
    'PDF',
  );
  await add(
    'image.png.xlsx',
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(64, 1),
    ]),
    'FILE_NOT_XLSX',
    '图片',
  );
  await add(
    'photo.jpg.xlsx',
    Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 2)]),
    'FILE_NOT_XLSX',
    '图片',
  );
  await add(
    'archive.gz.xlsx',
    Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 3]),
    'FILE_NOT_XLSX',
    'gzip',
  );
  const random = Buffer.alloc(8192);
  for (let i = 0; i < random.length; i += 1) random[i] = Math.floor(rng() * 256);
  random[0] = 0x00;
  await add('random.xlsx', random, 'FILE_NOT_XLSX', '无法识别');

  // Damaged zips
  const real = path.join(dir, 'real-source.xlsx.tmp');
  await writeRosterWorkbook(real, makeRosterRows(300, 5, ['示范市东湖区实验小学']), {
    titleRow: '花名册',
  });
  const realBytes = await fs.readFile(real);
  await fs.rm(real);
  await add(
    'truncated.xlsx',
    realBytes.subarray(0, Math.floor(realBytes.length / 2)),
    'FILE_TRUNCATED',
    '不完整',
  );
  await add('pk-only.xlsx', Buffer.from('PK\x03\x04\x14\x00\x00\x00'), 'FILE_TRUNCATED', '不完整');

  // Zips that are not workbooks
  await add(
    'report.docx.xlsx',
    buildZip([
      { name: '[Content_Types].xml', data: xml('<Types/>') },
      { name: 'word/document.xml', data: xml('<w:document/>') },
    ]),
    'FILE_NOT_WORKBOOK',
    'Word',
  );
  await add(
    'numbers-like.xlsx',
    buildZip([
      { name: 'Index/Document.iwa', data: Buffer.alloc(100, 7) },
      { name: 'Metadata/DocumentIdentifier', data: Buffer.from('ABC') },
    ]),
    'FILE_NOT_WORKBOOK',
    'Numbers',
  );
  await add(
    'calc.ods',
    buildZip([
      {
        name: 'mimetype',
        data: Buffer.from('application/vnd.oasis.opendocument.spreadsheet'),
        method: 0,
      },
      { name: 'content.xml', data: xml('<office:document-content/>') },
    ]),
    'FILE_NOT_WORKBOOK',
    'OpenDocument',
  );
  await add(
    'photos.zip.xlsx',
    buildZip([{ name: 'a.txt', data: Buffer.from('hello') }]),
    'FILE_NOT_WORKBOOK',
    '压缩包',
  );
  await add(
    'binary.xlsb',
    buildZip([
      { name: '[Content_Types].xml', data: xml('<Types/>') },
      { name: 'xl/workbook.bin', data: Buffer.alloc(50, 1) },
    ]),
    'FILE_NOT_XLSX',
    'xlsb',
  );

  // Zips that attack the reader
  await add(
    'encrypted-entry.xlsx',
    buildZip(
      workbookParts(SMALL_SHEET).map((p) =>
        p.name === 'xl/workbook.xml' ? { ...p, flags: 0x1 } : p,
      ),
    ),
    'FILE_ENCRYPTED',
    '加密',
  );
  await add(
    'path-traversal.xlsx',
    buildZip([
      ...workbookParts(SMALL_SHEET),
      { name: '../../evil.sh', data: Buffer.from('rm -rf /') },
    ]),
    'FILE_UNSAFE_ENTRY',
    '不安全',
  );
  await add(
    'absolute-path.xlsx',
    buildZip([
      ...workbookParts(SMALL_SHEET),
      { name: 'C:\\Windows\\evil.dll', data: Buffer.from('MZ') },
    ]),
    'FILE_UNSAFE_ENTRY',
    '不安全',
  );
  const parts = workbookParts(SMALL_SHEET);
  await add(
    'duplicate-entry.xlsx',
    buildZip([...parts, parts[4] as ZipEntrySpec]),
    'FILE_UNSAFE_ENTRY',
    '重名',
  );
  await add(
    'many-entries.xlsx',
    buildZip([
      ...workbookParts(SMALL_SHEET),
      ...Array.from({ length: 5001 }, (_, i) => ({
        name: `xl/media/x${i}.bin`,
        data: Buffer.from([i & 0xff]),
        method: 0 as const,
      })),
    ]),
    'FILE_TOO_MANY_ENTRIES',
    '部件',
  );
  await add(
    'bomb-shared-strings.xlsx',
    buildZip([
      ...workbookParts(SMALL_SHEET),
      { name: 'xl/sharedStrings.xml', compressed: await deflatedFiller(120 * 1024 * 1024) },
    ]),
    'FILE_ZIP_BOMB',
    '压缩内容异常',
  );
  const lying = await deflatedFiller(20 * 1024 * 1024);
  await add(
    'bomb-lying-size.xlsx',
    buildZip([
      ...workbookParts(SMALL_SHEET),
      { name: 'xl/sharedStrings.xml', compressed: { ...lying, size: 1000 } },
    ]),
    'FILE_ZIP_BOMB',
    '比声明的大小更多',
  );
  await add(
    'columns-10000.xlsx',
    buildZip(
      workbookParts(
        '<dimension ref="A1:NTP1"/><sheetData><row r="1"><c r="NTP1"><v>1</v></c></row></sheetData>',
      ),
    ),
    'FILE_TOO_MANY_COLUMNS',
    '10000 列',
  );
  const manyRows = Array.from({ length: 300_001 }, (_, i) => `<row r="${i + 1}"/>`).join('');
  await add(
    'rows-undeclared.xlsx',
    buildZip(workbookParts(`<sheetData>${manyRows}</sheetData>`)),
    'FILE_TOO_MANY_ROWS',
    '上限',
  );
  await add('no-sheet.xlsx', buildZip(workbookParts(null)), 'FILE_NO_SHEET', '没有工作表');
  // The sheet was renamed inside the zip, but the workbook still points at its old name.
  await add(
    'missing-sheet-part.xlsx',
    buildZip(
      workbookParts(SMALL_SHEET).map((p) =>
        p.name === 'xl/worksheets/sheet1.xml' ? { ...p, name: 'xl/worksheets/data.xml' } : p,
      ),
    ),
    'FILE_CORRUPT',
    '内容缺失',
  );
  await add(
    'bad-crc.xlsx',
    buildZip(
      workbookParts(SMALL_SHEET).map((p) =>
        p.name === 'xl/worksheets/sheet1.xml' ? { ...p, declaredCrc: 1234 } : p,
      ),
    ),
    'FILE_CORRUPT',
    '损坏',
  );
  await add(
    'bad-deflate.xlsx',
    buildZip(
      workbookParts(SMALL_SHEET).map((p) =>
        p.name === 'xl/worksheets/sheet1.xml'
          ? { ...p, compressed: { bytes: Buffer.alloc(40, 0xff), size: 500, crc: 0 } }
          : p,
      ),
    ),
    'FILE_CORRUPT',
    '损坏',
  );
  await add(
    'shadow-entry.xlsx',
    buildZip([
      ...workbookParts(SMALL_SHEET),
      { name: 'xl/worksheets/sheet2.xml', data: xml('<worksheet/>'), hiddenFromDirectory: true },
      { name: 'docProps/app.xml', data: xml('<Properties/>') },
    ]),
    'FILE_CORRUPT',
    '不连续',
  );
  await addPackageAttacks(dir, out);
  return out;
}

// -----------------------------------------------------------------------------------------------
// Packages laid out as the spec allows but not as Excel writes them, and parts that attack the
// parsers (issue 11)

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

interface PackageSheet {
  name: string;
  /** Where the sheet is stored; null: the workbook names it with r:id="". */
  entry: string | null;
  xml?: Buffer;
}

/**
 * A workbook package with its parts wherever `layout` says, every one found through relationships
 * from _rels/.rels; a backslash `separator` writes every entry name with backslashes.
 */
export function packageParts(layout: {
  workbookEntry: string;
  sheets: PackageSheet[];
  sharedStrings?: { entry: string; data: Buffer };
  styles?: { entry: string; data: Buffer };
  separator?: '/' | '\\';
}): ZipEntrySpec[] {
  const rels: string[] = [];
  const sheetTags: string[] = [];
  const parts: ZipEntrySpec[] = [];
  layout.sheets.forEach((sheet, i) => {
    const id = sheet.entry === null ? '' : `rId${i + 1}`;
    sheetTags.push(`<sheet name="${sheet.name}" sheetId="${i + 1}" r:id="${id}"/>`);
    if (sheet.entry === null) return;
    // Targets are URIs: a space in an entry name is written %20, as OPC writers do.
    rels.push(
      `<Relationship Id="${id}" Type="${REL}/worksheet" Target="/${encodeURI(sheet.entry)}"/>`,
    );
    parts.push({
      name: sheet.entry,
      data: sheet.xml ?? xml(`<worksheet xmlns="${MAIN_NS}">${SMALL_SHEET}</worksheet>`),
    });
  });
  if (layout.sharedStrings) {
    rels.push(
      `<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="/${layout.sharedStrings.entry}"/>`,
    );
    parts.push({ name: layout.sharedStrings.entry, data: layout.sharedStrings.data });
  }
  if (layout.styles) {
    rels.push(`<Relationship Id="rIdT" Type="${REL}/styles" Target="/${layout.styles.entry}"/>`);
    parts.push({ name: layout.styles.entry, data: layout.styles.data });
  }
  const folder = layout.workbookEntry.includes('/')
    ? layout.workbookEntry.slice(0, layout.workbookEntry.lastIndexOf('/') + 1)
    : '';
  const file = layout.workbookEntry.slice(folder.length);
  const all: ZipEntrySpec[] = [
    {
      name: '[Content_Types].xml',
      data: xml('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    },
    {
      name: '_rels/.rels',
      data: xml(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="${encodeURI(layout.workbookEntry)}"/></Relationships>`,
      ),
    },
    {
      name: layout.workbookEntry,
      data: xml(
        `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL}"><sheets>${sheetTags.join('')}</sheets></workbook>`,
      ),
    },
    {
      name: `${folder}_rels/${file}.rels`,
      data: xml(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
      ),
    },
    ...parts,
  ];
  if (layout.separator !== '\\') return all;
  return all.map((p) => ({ ...p, name: p.name.replace(/\//g, '\\') }));
}

/**
 * A sheet whose rows are the given inline-string rows (A, B, … columns); `extra` goes before
 * <sheetData>, `after` after it (where <mergeCells> lives).
 */
export function inlineSheet(rows: readonly (readonly string[])[], extra = '', after = ''): Buffer {
  const body = rows
    .map(
      (cells, r) =>
        `<row r="${r + 1}">${cells.map((text, c) => `<c r="${String.fromCharCode(65 + c)}${r + 1}" t="inlineStr"><is><t>${text}</t></is></c>`).join('')}</row>`,
    )
    .join('');
  return xml(
    `<worksheet xmlns="${MAIN_NS}">${extra}<sheetData>${body}</sheetData>${after}</worksheet>`,
  );
}

async function addPackageAttacks(dir: string, out: HostileFile[]): Promise<void> {
  const add = async (
    name: string,
    content: Buffer,
    expectedCode: string,
    messageIncludes: string,
    stage?: 'read',
  ): Promise<void> => {
    const file = path.join(dir, name);
    await fs.writeFile(file, content);
    out.push({ file, expectedCode, messageIncludes, ...(stage ? { stage } : {}) });
  };
  const plain = (sheetXml?: Buffer): ZipEntrySpec[] =>
    packageParts({
      workbookEntry: 'xl/workbook.xml',
      sheets: [
        {
          name: 'Sheet1',
          entry: 'xl/worksheets/sheet1.xml',
          ...(sheetXml ? { xml: sheetXml } : {}),
        },
      ],
    });

  // The same part twice, once with backslashes and once with slashes: which would Excel read?
  const twice = plain();
  await add(
    'duplicate-backslash.xlsx',
    buildZip([
      ...twice,
      {
        name: 'xl\\worksheets\\sheet1.xml',
        data: xml(`<worksheet xmlns="${MAIN_NS}"><sheetData/></worksheet>`),
      },
    ]),
    'FILE_UNSAFE_ENTRY',
    '重名',
  );
  // Shared strings written in GB18030 (姓名, 身份证号, 张三) instead of UTF-8.
  const gb = (hex: string): string => Buffer.from(hex, 'hex').toString('latin1');
  const gbStrings = Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN_NS}"><si><t>${gb('d0d5c3fb')}</t></si><si><t>${gb('c9edb7ddd6a4bac5')}</t></si><si><t>${gb('d5c5c8fd')}</t></si></sst>`,
    'latin1',
  );
  await add(
    'gb18030-shared-strings.xlsx',
    buildZip(
      packageParts({
        workbookEntry: 'xl/workbook.xml',
        sheets: [
          {
            name: 'Sheet1',
            entry: 'xl/worksheets/sheet1.xml',
            xml: xml(
              `<worksheet xmlns="${MAIN_NS}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c></row></sheetData></worksheet>`,
            ),
          },
        ],
        sharedStrings: { entry: 'xl/sharedStrings.xml', data: gbStrings },
      }),
    ),
    'FILE_BAD_ENCODING',
    '编码',
  );
  // A deflate stream damaged so that it inflates a little past its declared size: damage, not a
  // bomb, and the message must say so.
  const sheetBytes = inlineSheet([['姓名'], ...Array.from({ length: 40 }, () => ['张三'])]);
  await add(
    'damaged-overflow.xlsx',
    buildZip(
      plain(sheetBytes).map((p) =>
        p.name === 'xl/worksheets/sheet1.xml' ? { ...p, declaredSize: sheetBytes.length - 100 } : p,
      ),
    ),
    'FILE_CORRUPT',
    '损坏',
  );
  // 300 real columns: the message names the limit and how to get under it.
  const wide = Array.from({ length: 300 }, (_, c) => {
    let n = c + 1;
    let letters = '';
    while (n > 0) {
      letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
      n = Math.floor((n - 1) / 26);
    }
    return `<c r="${letters}1"><v>${c}</v></c>`;
  }).join('');
  await add(
    'wide-300-columns.xlsx',
    buildZip(
      plain(
        xml(
          `<worksheet xmlns="${MAIN_NS}"><sheetData><row r="1">${wide}</row></sheetData></worksheet>`,
        ),
      ),
    ),
    'FILE_TOO_MANY_COLUMNS',
    '删除不需要导入的列',
  );
  // The same width with cells placed by position alone (no r="…"): the reader holds the limit.
  await add(
    'wide-positional-cells.xlsx',
    buildZip(
      plain(
        xml(
          `<worksheet xmlns="${MAIN_NS}"><sheetData><row r="1">${'<c><v>1</v></c>'.repeat(300)}</row></sheetData></worksheet>`,
        ),
      ),
    ),
    'FILE_TOO_MANY_COLUMNS',
    '删除不需要导入的列',
    'read',
  );
  // A 5,000-character sheet name with U+202E, whose part is missing: quoted short and clean.
  await add(
    'long-sheet-name.xlsx',
    buildZip(
      packageParts({
        workbookEntry: 'xl/workbook.xml',
        sheets: [{ name: `\u202E${'表'.repeat(5000)}`, entry: 'xl/worksheets/sheet1.xml' }],
      }).filter((p) => p.name !== 'xl/worksheets/sheet1.xml'),
    ),
    'FILE_CORRUPT',
    '内容缺失',
  );

  // Files the check must pass; the reader is under attack, or must read what Office reads.
  const styles = (body: string): { entry: string; data: Buffer } => ({
    entry: 'xl/styles.xml',
    data: xml(`<styleSheet xmlns="${MAIN_NS}">${body}`),
  });
  const sheet1 = [{ name: 'Sheet1', entry: 'xl/worksheets/sheet1.xml' }];
  await add(
    'styles-unclosed-xf.xlsx',
    buildZip(
      packageParts({
        workbookEntry: 'xl/workbook.xml',
        sheets: sheet1,
        styles: styles(`<cellXfs count="1">${'<xf numFmtId="14" '.repeat(100_000)}`),
      }),
    ),
    'OK',
    '',
    'read',
  );
  await add(
    'styles-unclosed-numfmt.xlsx',
    buildZip(
      packageParts({
        workbookEntry: 'xl/workbook.xml',
        sheets: sheet1,
        styles: styles(`<numFmts>${'<numFmt numFmtId="164" formatCode="['.repeat(100_000)}`),
      }),
    ),
    'OK',
    '',
    'read',
  );
  await add(
    'long-cell.xlsx',
    buildZip(plain(inlineSheet([['姓名'], ['长'.repeat(1_000_000)]]))),
    'FILE_CELL_TOO_LONG',
    '32,767',
    'read',
  );
  await add(
    'all-backslashes.xlsx',
    buildZip(packageParts({ workbookEntry: 'xl/workbook.xml', sheets: sheet1, separator: '\\' })),
    'OK',
    '',
    'read',
  );
  await add(
    'workbook-elsewhere.xlsx',
    buildZip(
      packageParts({
        workbookEntry: 'book/main.xml',
        sheets: [{ name: '教师', entry: 'data/teachers list.xml' }],
      }),
    ),
    'OK',
    '',
    'read',
  );
  await add(
    'empty-relationship-id.xlsx',
    buildZip(
      packageParts({
        workbookEntry: 'xl/workbook.xml',
        sheets: [{ name: '说明', entry: null }, ...sheet1],
      }),
    ),
    'OK',
    '',
    'read',
  );
  const utf16 = Buffer.from(
    `<?xml version="1.0" encoding="UTF-16"?><worksheet xmlns="${MAIN_NS}">${SMALL_SHEET}</worksheet>`,
    'utf16le',
  );
  await add('utf16-no-bom.xlsx', buildZip(plain(utf16)), 'OK', '', 'read');
  // B3 and A4:B4 hold values Excel does not show (they are under merges): not data.
  await add(
    'merged-hidden-values.xlsx',
    buildZip(
      plain(
        inlineSheet(
          [
            ['姓名', '身份证号'],
            ['张三', '110105198507150091'],
            ['李四', '隐藏的值'],
            ['合并的说明', '隐藏'],
          ],
          '',
          '<mergeCells count="2"><mergeCell ref="B2:B3"/><mergeCell ref="A4:B4"/></mergeCells>',
        ),
      ),
    ),
    'OK',
    '',
    'read',
  );
  await add(
    'declared-1048576-rows.xlsx',
    buildZip(plain(inlineSheet([['姓名'], ['张三'], ['李四']], '<dimension ref="A1:I1048576"/>'))),
    'OK',
    '',
    'read',
  );
}
