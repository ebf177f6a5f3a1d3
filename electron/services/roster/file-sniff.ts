/**
 * Checks a file before any spreadsheet parser touches it. Offices send old .xls, WPS .et,
 * password-protected workbooks, CSVs, web pages saved as .xls, half-downloaded files, and the
 * occasional hostile zip; each must get a specific Chinese message, and none may make the app
 * allocate gigabytes. So: magic bytes first; for zips, the central directory only, then the local
 * headers (the streaming reader trusts those, so they must agree with the directory and tile the
 * file without gaps or overlaps); size and ratio limits on the declared sizes; and finally one
 * bounded streaming inflate of every entry that verifies the real sizes and CRCs and counts the
 * worksheet rows, stopping at the first limit crossed. Nothing is ever inflated into memory whole.
 */
import { createReadStream } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { extname } from 'node:path';
import { TextDecoder } from 'node:util';
import zlib from 'node:zlib';
import { fragment } from '@shared/domain/text-fragment';
import { MAX_MERGES, parseMergeRef, type MergeRange } from '../files/merged-cells';
import { scanTags } from '../files/xml-tags';
import {
  isWorkbookXml,
  officeDocumentTarget,
  relsPartFor,
  workbookLayout,
  type WorkbookLayout,
} from '../files/workbook-parts';

export interface FileLimits {
  /** Size of the file on disk. */
  maxFileBytes: number;
  /** Entries in the zip (a real workbook has a few dozen). */
  maxEntries: number;
  /** Sum of the entries' uncompressed sizes (also bounds exceljs' temporary files). */
  maxTotalUncompressedBytes: number;
  /** Uncompressed / compressed size of one entry, checked for entries above RATIO_MIN_BYTES. */
  maxEntryRatio: number;
  /** xl/sharedStrings.xml is held in memory whole by the reader. */
  maxSharedStringsBytes: number;
  /** Rows of one worksheet (the declared dimension and, with deepScan, the real <row> count). */
  maxRows: number;
  /** Columns of one worksheet (from the declared dimension). */
  maxColumns: number;
  /**
   * Inflate every entry once (streaming, nothing kept) to verify real sizes and CRCs and count
   * rows. Costs about a second per 300 MB of XML; off only for callers that re-check while reading.
   */
  deepScan: boolean;
}

/**
 * Defaults sized so that a 100,000-row × 15-column roster (≈ 8 MB on disk, ≈ 60 MB of XML) passes
 * with a wide margin, while a crafted file cannot make the reader use more than a few hundred MB:
 * - 100 MB on disk: ten times the largest roster a province would send;
 * - 5,000 entries: workbooks have tens; a zip of thousands of entries is an attack on the parser;
 * - 1 GB uncompressed in total and 100 MB of shared strings (a 100k-row roster has ≈ 10 MB);
 * - ratio 200: worksheet XML compresses 5–30 times, deflate's maximum is ≈ 1,030;
 * - 300,000 rows: three times the benchmark roster, far below Excel's 1,048,576;
 * - 256 columns: rosters have 5–30, and legacy converters still declare A1:IV65536 (256 columns).
 */
export const DEFAULT_FILE_LIMITS: Readonly<FileLimits> = {
  maxFileBytes: 100 * 1024 * 1024,
  maxEntries: 5000,
  maxTotalUncompressedBytes: 1024 * 1024 * 1024,
  maxEntryRatio: 200,
  maxSharedStringsBytes: 100 * 1024 * 1024,
  maxRows: 300_000,
  maxColumns: 256,
  deepScan: true,
};

/** Below this, an entry's compression ratio is harmless whatever it is (tiny XML compresses well). */
export const RATIO_MIN_BYTES = 8 * 1024 * 1024;

export const SNIFF_CODES = [
  'FILE_NOT_FOUND',
  'FILE_UNREADABLE',
  'FILE_EMPTY',
  'FILE_TOO_LARGE',
  'FILE_OLD_XLS',
  'FILE_WPS_ET',
  'FILE_ENCRYPTED',
  'FILE_CSV',
  'FILE_NOT_XLSX',
  'FILE_TRUNCATED',
  'FILE_CORRUPT',
  'FILE_NOT_WORKBOOK',
  'FILE_UNSAFE_ENTRY',
  'FILE_TOO_MANY_ENTRIES',
  'FILE_ZIP_BOMB',
  'FILE_NO_SHEET',
  'FILE_TOO_MANY_ROWS',
  'FILE_TOO_MANY_COLUMNS',
  'FILE_BAD_ENCODING',
] as const;
export type SniffCode = (typeof SNIFF_CODES)[number];

export interface SheetInfo {
  /** Zip entry, e.g. xl/worksheets/sheet1.xml. */
  entry: string;
  /** The declared <dimension ref>, e.g. A1:O100001, when the sheet has one. */
  dimension: string | null;
  /** <row> elements counted by the deep scan, else the dimension's last row; null when unknown. */
  rows: number | null;
  /** The dimension's last column number; null without a dimension. */
  columns: number | null;
}

/** A zip entry whose local header and place in the file were checked: ready to be read. */
export interface ZipPart {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Offset of the entry's data in the file. */
  dataStart: number;
}

export type SniffResult =
  | {
      ok: true;
      /** Worksheet entries the streaming reader will read, in sheet-number order. */
      sheetEntries: string[];
      sheets: SheetInfo[];
      /** Every entry of the zip, for the reader. */
      parts: ZipPart[];
      /** Where the sheets, shared strings and styles are (checked: every sheet is there). */
      layout: WorkbookLayout;
    }
  | { ok: false; code: SniffCode; message: string };

type Failure = Extract<SniffResult, { ok: false }>;

const SAVE_AS_XLSX =
  '请用 Excel 或 WPS 打开它，选择“文件 → 另存为”，保存类型选“Excel 工作簿（*.xlsx）”，再导入新文件。';

function fail(code: SniffCode, message: string): Failure {
  return { ok: false, code, message };
}

const MB = 1024 * 1024;
function mb(bytes: number): string {
  return bytes >= 1024 * MB
    ? `${(bytes / 1024 / MB).toFixed(1)} GB`
    : `${Math.round(bytes / MB)} MB`;
}

/** A refusal found while reading a part after the sniff: same codes, same kind of message. */
export class FileCheckError extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}
function stop(code: SniffCode, message: string): never {
  throw new FileCheckError(fail(code, message));
}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(Math.max(0, length));
  let filled = 0;
  while (filled < buffer.length) {
    const { bytesRead } = await fh.read(buffer, filled, buffer.length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

function startsWith(buf: Buffer, bytes: readonly number[], offset = 0): boolean {
  if (buf.length < offset + bytes.length) return false;
  return bytes.every((b, i) => buf[offset + i] === b);
}

// -----------------------------------------------------------------------------------------------
// Entry point

export async function sniffSpreadsheet(
  path: string,
  limits: Partial<FileLimits> = {},
): Promise<SniffResult> {
  const lim: FileLimits = { ...DEFAULT_FILE_LIMITS, ...limits };
  let fh: FileHandle | undefined;
  try {
    let size: number;
    try {
      const info = await stat(path);
      if (!info.isFile()) return fail('FILE_UNREADABLE', '选择的不是文件，请选择一个 .xlsx 文件。');
      size = info.size;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        return fail('FILE_NOT_FOUND', '找不到这个文件，它可能已被移动或删除，请重新选择。');
      }
      return fail(
        'FILE_UNREADABLE',
        `无法读取这个文件（${code ?? '未知原因'}），请确认有权限打开它。`,
      );
    }
    if (size === 0)
      return fail('FILE_EMPTY', '文件是空的（0 字节），请确认选择了正确的文件，或重新导出。');
    if (size > lim.maxFileBytes) {
      return fail(
        'FILE_TOO_LARGE',
        `文件有 ${mb(size)}，超过了 ${mb(lim.maxFileBytes)} 的上限。请删除多余的工作表、图片或空行，或分成几个文件导入。`,
      );
    }
    fh = await open(path, 'r');
    const head = await readAt(fh, 0, Math.min(size, 64 * 1024));
    const ext = extname(path).toLowerCase();

    if (startsWith(head, [0x50, 0x4b])) return await sniffZip(fh, path, size, ext, lim);
    if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
      return await sniffOle(fh, size, head, ext);
    }
    const known = sniffOtherMagic(head, size);
    if (known) return known;
    const text = sniffText(head, ext);
    if (text) return text;
    if (ext === '.et' || ext === '.ett') return wpsEt();
    return fail(
      'FILE_NOT_XLSX',
      `无法识别这个文件的格式，它不是 Excel 工作簿（.xlsx）${ext ? `，尽管扩展名是“${ext}”` : ''}。请确认选择了正确的文件。`,
    );
  } catch (error) {
    if (error instanceof FileCheckError) return error.failure;
    const reason = error instanceof Error ? error.message : String(error);
    return fail(
      'FILE_UNREADABLE',
      `读取文件时出错：${reason}。请确认文件没有被其他程序占用后重试。`,
    );
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

function wpsEt(): Failure {
  return fail(
    'FILE_WPS_ET',
    '这是 WPS 表格专用格式（.et），无法直接导入。请用 WPS 打开它，选择“文件 → 另存为”，文件类型选“Excel 工作簿（*.xlsx）”，再导入新文件。',
  );
}

// -----------------------------------------------------------------------------------------------
// Non-zip formats

function sniffOtherMagic(head: Buffer, size: number): Failure | null {
  const kind = (name: string): Failure =>
    fail('FILE_NOT_XLSX', `这是${name}，不是 Excel 工作簿。请选择要导入的 .xlsx 文件。`);
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') {
    return fail(
      'FILE_NOT_XLSX',
      '这是 PDF 文件，不是 Excel 工作簿，无法从中读取表格。请选择原始的 .xlsx 文件。',
    );
  }
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return kind('图片文件（PNG）');
  if (startsWith(head, [0xff, 0xd8, 0xff])) return kind('图片文件（JPEG）');
  const ascii = head.subarray(0, 12).toString('latin1');
  if (ascii.startsWith('GIF87a') || ascii.startsWith('GIF89a')) return kind('图片文件（GIF）');
  if (ascii.startsWith('RIFF') && ascii.slice(8, 12) === 'WEBP') return kind('图片文件（WebP）');
  if (ascii.startsWith('II*\0') || ascii.startsWith('MM\0*')) return kind('图片文件（TIFF）');
  if (ascii.startsWith('BM') && head.length >= 6 && head.readUInt32LE(2) === size)
    return kind('图片文件（BMP）');
  if (startsWith(head, [0x1f, 0x8b])) return kind('压缩包（gzip）');
  if (ascii.startsWith('Rar!')) return kind('压缩包（RAR）');
  if (startsWith(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return kind('压缩包（7z）');
  return null;
}

function isValidUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Bytes a GBK/GB18030 text can consist of: ASCII, or a lead byte 81–FE with a trail 40–FE. */
function looksLikeGbk(bytes: Buffer): boolean {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    if (b < 0x81 || b > 0xfe) return false;
    const next = bytes[i + 1];
    if (next === undefined) return true;
    const isGb18030Four = next >= 0x30 && next <= 0x39;
    if (isGb18030Four) i += 4;
    else if (next >= 0x40 && next <= 0xfe && next !== 0x7f) i += 2;
    else return false;
  }
  return true;
}

function hasControlBytes(bytes: Buffer): boolean {
  for (const b of bytes) {
    if (
      b < 0x20 &&
      b !== 0x09 &&
      b !== 0x0a &&
      b !== 0x0d &&
      b !== 0x0c &&
      b !== 0x0b &&
      b !== 0x1a
    ) {
      return true;
    }
    if (b === 0x7f) return true;
  }
  return false;
}

function sniffText(head: Buffer, ext: string): Failure | null {
  let text: string | null = null;
  if (startsWith(head, [0xef, 0xbb, 0xbf])) text = head.subarray(3).toString('utf8');
  else if (startsWith(head, [0xff, 0xfe])) text = head.subarray(2).toString('utf16le');
  else if (startsWith(head, [0xfe, 0xff])) {
    const swapped = Buffer.from(head.subarray(2, head.length - (head.length % 2)));
    text = swapped.swap16().toString('utf16le');
  } else {
    // The head may end inside a multi-byte character: judge all but the last 3 bytes.
    const body = head.length > 3 ? head.subarray(0, head.length - 3) : head;
    if (hasControlBytes(body)) return null;
    if (isValidUtf8(body)) text = body.toString('utf8');
    else if (looksLikeGbk(body)) text = body.toString('latin1');
    else return null;
  }
  if (hasControlBytes(Buffer.from(text.slice(0, 4096), 'utf8'))) return null;

  const start = text.slice(0, 8192).toLowerCase();
  if (/<(html|table|head|body|meta)\b|<!doctype\s+html/.test(start)) {
    return fail(
      'FILE_NOT_XLSX',
      `这是一个网页（HTML）格式的文件，只是扩展名为“${ext || '无'}”，常见于某些系统的“导出 Excel”功能。${SAVE_AS_XLSX}`,
    );
  }
  if (start.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
    return fail(
      'FILE_NOT_XLSX',
      `这是 Excel 2003 XML 表格格式，不是 .xlsx 工作簿。${SAVE_AS_XLSX}`,
    );
  }
  if (start.includes('mime-version') && start.includes('multipart/related')) {
    return fail(
      'FILE_NOT_XLSX',
      `这是网页存档（MHT）格式的文件，不是 .xlsx 工作簿。${SAVE_AS_XLSX}`,
    );
  }
  if (start.startsWith('{\\rtf')) {
    return fail('FILE_NOT_XLSX', '这是 RTF 文档，不是 Excel 工作簿。请选择要导入的 .xlsx 文件。');
  }
  const what =
    ext === '.csv' ? ' CSV 文件' : ext === '.txt' ? '文本文件' : '纯文本（CSV 或 TXT）文件';
  return fail('FILE_CSV', `这是${what}，暂不支持直接导入 CSV/文本。${SAVE_AS_XLSX}`);
}

// -----------------------------------------------------------------------------------------------
// OLE compound files (Excel 97-2003, WPS .et, encrypted OOXML, Word 97-2003)

const OLE_END_OF_CHAIN = 0xfffffffe;

async function oleDirectoryNames(
  fh: FileHandle,
  size: number,
  head: Buffer,
): Promise<string[] | null> {
  if (head.length < 512) return null;
  const shift = head.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) return null;
  const sectorSize = 1 << shift;
  const totalSectors = Math.floor(size / sectorSize);
  const numFat = head.readUInt32LE(0x2c);
  if (numFat === 0 || numFat > totalSectors) return null;
  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < numFat; i += 1)
    fatSectors.push(head.readUInt32LE(0x4c + i * 4));
  let difat = head.readUInt32LE(0x44);
  for (
    let guard = 0;
    fatSectors.length < numFat && difat < totalSectors && guard < totalSectors;
    guard += 1
  ) {
    const sector = await readAt(fh, (difat + 1) * sectorSize, sectorSize);
    if (sector.length < sectorSize) return null;
    for (let i = 0; i < sectorSize / 4 - 1 && fatSectors.length < numFat; i += 1) {
      fatSectors.push(sector.readUInt32LE(i * 4));
    }
    difat = sector.readUInt32LE(sectorSize - 4);
  }
  const fatParts: Buffer[] = [];
  for (const s of fatSectors) {
    if (s >= totalSectors) return null;
    fatParts.push(await readAt(fh, (s + 1) * sectorSize, sectorSize));
  }
  const fat = Buffer.concat(fatParts);
  const names: string[] = [];
  let sector = head.readUInt32LE(0x30);
  for (let guard = 0; sector !== OLE_END_OF_CHAIN && guard <= totalSectors; guard += 1) {
    if (sector >= totalSectors || sector * 4 + 4 > fat.length)
      return names.length > 0 ? names : null;
    const dir = await readAt(fh, (sector + 1) * sectorSize, sectorSize);
    for (let off = 0; off + 128 <= dir.length; off += 128) {
      const nameLength = dir.readUInt16LE(off + 0x40);
      const type = dir[off + 0x42];
      if (type === 0 || nameLength < 2 || nameLength > 64) continue;
      names.push(dir.subarray(off, off + nameLength - 2).toString('utf16le'));
    }
    sector = fat.readUInt32LE(sector * 4);
  }
  return names;
}

const OLE_MARKERS = [
  'EncryptionInfo',
  'EncryptedPackage',
  'Workbook',
  'Book',
  'WordDocument',
  'PowerPoint Document',
];

/** Fallback when the directory cannot be walked: the stream names as UTF-16 in the first/last 64 KB. */
async function oleNamesByScan(fh: FileHandle, size: number, head: Buffer): Promise<string[]> {
  const tail =
    size > head.length
      ? await readAt(fh, Math.max(head.length, size - 64 * 1024), 64 * 1024)
      : Buffer.alloc(0);
  const found: string[] = [];
  for (const name of OLE_MARKERS) {
    const needle = Buffer.from(`${name}\0`, 'utf16le');
    if (head.includes(needle) || tail.includes(needle)) found.push(name);
  }
  return found;
}

async function sniffOle(fh: FileHandle, size: number, head: Buffer, ext: string): Promise<Failure> {
  const names = (
    (await oleDirectoryNames(fh, size, head)) ?? (await oleNamesByScan(fh, size, head))
  ).map((n) => n.toLowerCase());
  const has = (name: string): boolean => names.includes(name.toLowerCase());
  if (has('EncryptionInfo') || has('EncryptedPackage')) {
    return fail(
      'FILE_ENCRYPTED',
      '这个工作簿设置了打开密码，无法读取。请在 Excel 或 WPS 中打开它，取消密码（“文件 → 信息 → 保护工作簿 → 用密码进行加密”，清空密码）后保存，再导入。',
    );
  }
  if (ext === '.et' || ext === '.ett') return wpsEt();
  if (has('Workbook') || has('Book')) {
    return fail(
      'FILE_OLD_XLS',
      `这是旧版 Excel 97-2003 格式（.xls）的文件，无法直接导入。${SAVE_AS_XLSX}`,
    );
  }
  if (has('WordDocument')) {
    return fail(
      'FILE_NOT_XLSX',
      '这是 Word 97-2003 文档（.doc），不是 Excel 工作簿。请选择要导入的 .xlsx 文件。',
    );
  }
  if (has('PowerPoint Document')) {
    return fail(
      'FILE_NOT_XLSX',
      '这是 PowerPoint 演示文稿（.ppt），不是 Excel 工作簿。请选择要导入的 .xlsx 文件。',
    );
  }
  return fail(
    'FILE_NOT_XLSX',
    `这是旧版 Office 复合文档格式，但不是可以识别的 Excel 工作簿。如果它能用 Excel 或 WPS 打开，${SAVE_AS_XLSX}`,
  );
}

// -----------------------------------------------------------------------------------------------
// Zip containers (.xlsx and look-alikes)

interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const MAX_CENTRAL_DIRECTORY_BYTES = 16 * MB;

function corrupt(detail: string): never {
  stop(
    'FILE_CORRUPT',
    `文件已损坏，无法读取（${detail}）。请重新获取原始文件，或用 Excel/WPS 打开后另存为 .xlsx 再导入。`,
  );
}

function u64(buf: Buffer, offset: number): number {
  const value = buf.readBigUInt64LE(offset);
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}

async function readCentralDirectory(
  fh: FileHandle,
  size: number,
  lim: FileLimits,
): Promise<{ entries: ZipEntry[]; cdOffset: number }> {
  const tailLength = Math.min(size, 22 + 0xffff);
  const tailStart = size - tailLength;
  const tail = await readAt(fh, tailStart, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i -= 1) {
    if (tail.readUInt32LE(i) === SIG_EOCD && i + 22 + tail.readUInt16LE(i + 20) <= tail.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) {
    stop(
      'FILE_TRUNCATED',
      '文件不完整（结尾部分缺失），可能没有下载或复制完整。请重新下载或从原处重新复制完整的文件后再导入。',
    );
  }
  const disk = tail.readUInt16LE(eocd + 4);
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  if (disk !== 0) corrupt('分卷压缩文件');
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locatorAt = eocd - 20;
    if (locatorAt < 0 || tail.readUInt32LE(locatorAt) !== SIG_ZIP64_LOCATOR)
      corrupt('ZIP64 目录定位信息缺失');
    const z64Offset = u64(tail, locatorAt + 8);
    const z64 = await readAt(fh, z64Offset, 56);
    if (z64.length < 56 || z64.readUInt32LE(0) !== SIG_ZIP64_EOCD) corrupt('ZIP64 目录信息损坏');
    count = u64(z64, 32);
    cdSize = u64(z64, 40);
    cdOffset = u64(z64, 48);
  }
  if (count > lim.maxEntries) {
    stop(
      'FILE_TOO_MANY_ENTRIES',
      `文件内部包含 ${count} 个部件，超过了 ${lim.maxEntries} 个的上限，不像是正常的 Excel 工作簿。请用 Excel/WPS 打开后另存为新的 .xlsx 再导入。`,
    );
  }
  if (cdOffset + cdSize > tailStart + eocd || cdSize > MAX_CENTRAL_DIRECTORY_BYTES)
    corrupt('目录位置异常');
  const cd = await readAt(fh, cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i += 1) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== SIG_CENTRAL) corrupt('目录条目损坏');
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    if (p + 46 + nameLength + extraLength + commentLength > cd.length) corrupt('目录条目损坏');
    const entry: ZipEntry = {
      name: cd.subarray(p + 46, p + 46 + nameLength).toString('utf8'),
      flags: cd.readUInt16LE(p + 8),
      method: cd.readUInt16LE(p + 10),
      crc: cd.readUInt32LE(p + 16),
      compressedSize: cd.readUInt32LE(p + 20),
      uncompressedSize: cd.readUInt32LE(p + 24),
      localOffset: cd.readUInt32LE(p + 42),
    };
    // ZIP64 extra field: the 8-byte values, in this order, for each field saturated above.
    let x = p + 46 + nameLength;
    const extraEnd = x + extraLength;
    while (x + 4 <= extraEnd) {
      const id = cd.readUInt16LE(x);
      const length = cd.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        const take = (): number => {
          if (q + 8 > x + 4 + length) corrupt('ZIP64 扩展信息损坏');
          const v = u64(cd, q);
          q += 8;
          return v;
        };
        if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = take();
        if (entry.compressedSize === 0xffffffff) entry.compressedSize = take();
        if (entry.localOffset === 0xffffffff) entry.localOffset = take();
      }
      x += 4 + length;
    }
    entries.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return { entries, cdOffset };
}

function isUnsafeName(name: string): boolean {
  const unified = name.replace(/\\/g, '/');
  return (
    name.includes('\0') ||
    unified.startsWith('/') ||
    /^[A-Za-z]:/.test(unified) ||
    unified.split('/').some((segment) => segment === '..')
  );
}

function xlsbFailure(): Failure {
  return fail('FILE_NOT_XLSX', `这是 Excel 二进制工作簿（.xlsb），无法直接导入。${SAVE_AS_XLSX}`);
}

/** What a zip that holds no workbook is, when it is a known kind of file; null for a plain zip. */
function otherKindOfZip(names: Set<string>): Failure | null {
  const has = (n: string): boolean => names.has(n);
  const notWorkbook = (what: string, advice: string): Failure =>
    fail('FILE_NOT_WORKBOOK', `这是${what}，不是 Excel 工作簿。${advice}`);
  if ([...names].some((n) => n.endsWith('/workbook.bin'))) return xlsbFailure();
  if (has('word/document.xml'))
    return notWorkbook(' Word 文档（.docx）', '请选择要导入的 .xlsx 文件。');
  if (has('ppt/presentation.xml'))
    return notWorkbook(' PowerPoint 演示文稿（.pptx）', '请选择要导入的 .xlsx 文件。');
  if (has('mimetype') && has('content.xml')) {
    return notWorkbook(' OpenDocument 格式的文件（如 .ods）', SAVE_AS_XLSX);
  }
  if ([...names].some((n) => n.startsWith('index/') && n.endsWith('.iwa'))) {
    return notWorkbook(
      ' Apple Numbers 表格',
      '请在 Numbers 中选择“文件 → 导出为 → Excel”，再导入导出的 .xlsx 文件。',
    );
  }
  return null;
}

function identifyNonWorkbook(names: Set<string>): Failure {
  return (
    otherKindOfZip(names) ??
    fail(
      'FILE_NOT_WORKBOOK',
      '这是一个普通的压缩包（zip），不是 Excel 工作簿。请解压后选择其中的 .xlsx 文件，或直接选择要导入的 .xlsx 文件。',
    )
  );
}

async function sniffZip(
  fh: FileHandle,
  path: string,
  size: number,
  ext: string,
  lim: FileLimits,
): Promise<SniffResult> {
  if (size < 22) {
    stop('FILE_TRUNCATED', '文件不完整，可能没有下载或复制完整。请重新获取完整的文件后再导入。');
  }
  const { entries, cdOffset } = await readCentralDirectory(fh, size, lim);

  for (const entry of entries) {
    if (isUnsafeName(entry.name)) {
      stop(
        'FILE_UNSAFE_ENTRY',
        `文件内部含有不安全的路径“${fragment(entry.name)}”，不是正常的 Excel 工作簿，已拒绝读取。请用 Excel/WPS 重新保存后再导入。`,
      );
    }
  }
  if (entries.some((e) => (e.flags & 0x1) !== 0 || (e.flags & 0x40) !== 0 || e.method === 99)) {
    stop(
      'FILE_ENCRYPTED',
      '文件内容被加密（压缩包设置了密码），无法读取。请提供未加密的 .xlsx 文件：在 Excel 或 WPS 中打开后取消密码并另存为 .xlsx。',
    );
  }
  // Office reads "\" in entry names as "/", and part names case-insensitively: two entries that
  // are the same part that way are ambiguous (which one would Excel read?), so the file is refused.
  const lowerNames = new Set<string>();
  for (const entry of entries) {
    const lower = partNameOf(entry.name).toLowerCase();
    if (lowerNames.has(lower)) {
      stop(
        'FILE_UNSAFE_ENTRY',
        `文件内部有重名的部件“${fragment(partNameOf(entry.name))}”（可能一个用“\\”、一个用“/”分隔），无法确定该读取哪一个，已拒绝读取。请用 Excel/WPS 重新保存后再导入。`,
      );
    }
    lowerNames.add(lower);
  }
  // A package names its main part in _rels/.rels; without it this is some other zip.
  if (!lowerNames.has(PACKAGE_RELS)) {
    if ((ext === '.et' || ext === '.ett') && !lowerNames.has('word/document.xml')) return wpsEt();
    const other = otherKindOfZip(lowerNames);
    if (other) return other;
    // A workbook part without the package's relationships: Excel does not open it either.
    if ([...lowerNames].some((n) => n === 'workbook.xml' || n.endsWith('/workbook.xml'))) {
      corrupt('缺少描述文件结构的“_rels/.rels”');
    }
    return identifyNonWorkbook(lowerNames);
  }

  // Declared sizes. The deep scan below makes sure the real ones are not larger.
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
    if (entry.uncompressedSize > RATIO_MIN_BYTES && ratio > lim.maxEntryRatio) {
      stop(
        'FILE_ZIP_BOMB',
        `文件的压缩内容异常：其中“${fragment(partNameOf(entry.name))}”解压后是压缩前的 ${Math.round(ratio)} 倍（上限 ${lim.maxEntryRatio} 倍），可能是恶意构造的文件，已拒绝读取。`,
      );
    }
    if (
      /(^|[/\\])sharedstrings\.xml$/i.test(entry.name) &&
      entry.uncompressedSize > lim.maxSharedStringsBytes
    ) {
      stop(
        'FILE_ZIP_BOMB',
        `文件的压缩内容异常：表格中的文字内容解压后有 ${mb(entry.uncompressedSize)}，超过了 ${mb(lim.maxSharedStringsBytes)} 的上限，已拒绝读取。`,
      );
    }
  }
  if (total > lim.maxTotalUncompressedBytes) {
    stop(
      'FILE_ZIP_BOMB',
      `文件的压缩内容异常：解压后共有 ${mb(total)}，超过了 ${mb(lim.maxTotalUncompressedBytes)} 的上限，已拒绝读取。请删除多余的内容或分成几个文件导入。`,
    );
  }
  for (const entry of entries) {
    if (entry.method !== 0 && entry.method !== 8)
      corrupt(`“${fragment(partNameOf(entry.name))}”使用了不支持的压缩方式 ${entry.method}`);
  }

  const dataStarts = await checkLocalHeaders(fh, entries, cdOffset);
  const parts: ZipPart[] = entries.map((e) => ({
    name: partNameOf(e.name),
    method: e.method,
    crc: e.crc,
    compressedSize: e.compressedSize,
    uncompressedSize: e.uncompressedSize,
    dataStart: dataStarts.get(e) ?? 0,
  }));
  const byName = new Map(parts.map((p) => [p.name.toLowerCase(), p]));
  const partAt = (entry: string): ZipPart | undefined => findPart(byName, entry);
  const layout = await findLayout(path, partAt, lowerNames);
  // The reader looks parts up by the names found here.
  layout.sharedStringsEntry = partAt(layout.sharedStringsEntry)?.name ?? '';
  layout.stylesEntry = partAt(layout.stylesEntry)?.name ?? '';
  // The sheets are where the relationships say, whatever their entries are named.
  const sheetParts: ZipPart[] = [];
  const sheetNames = new Map<ZipPart, string>();
  for (const sheet of layout.sheets) {
    const part = partAt(sheet.entry);
    if (!part) corrupt(`工作表“${fragment(sheet.name)}”的内容缺失`);
    sheet.entry = part.name;
    if (!sheetParts.includes(part)) sheetParts.push(part);
    if (!sheetNames.has(part)) sheetNames.set(part, sheet.name);
  }
  if (sheetParts.length === 0) {
    stop(
      'FILE_NO_SHEET',
      `这个工作簿里没有工作表（可能只有图表）${skippedNote(layout)}，没有可以导入的数据。请确认选择了正确的文件。`,
    );
  }
  const sheets: SheetInfo[] = [];
  const merges = new Map<string, MergeRange[]>();
  // The parts the reader decodes as text: their encoding is checked (other parts, such as custom
  // XML, may declare encodings of their own and are never read).
  const textParts = new Set(
    [layout.sharedStringsEntry, layout.stylesEntry]
      .filter((e) => e !== '')
      .map((e) => e.toLowerCase()),
  );
  for (const part of parts) {
    const sheetName = sheetNames.get(part);
    if (!lim.deepScan && sheetName === undefined) continue;
    const info = await scanEntry(path, part, sheetName ?? null, lim, {
      isReadAsText: sheetName !== undefined || textParts.has(part.name.toLowerCase()),
      onMerges: (ranges) => merges.set(part.name.toLowerCase(), ranges),
    });
    if (info) sheets.push(info);
  }
  for (const sheet of layout.sheets) {
    const ranges = merges.get(sheet.entry.toLowerCase());
    if (ranges && ranges.length > 0) sheet.merges = ranges;
  }
  // In tab order.
  sheets.sort(
    (a, b) =>
      sheetParts.findIndex((p) => p.name === a.entry) -
      sheetParts.findIndex((p) => p.name === b.entry),
  );
  return { ok: true, sheetEntries: sheets.map((s) => s.entry), sheets, parts, layout };
}

const PACKAGE_RELS = '_rels/.rels';

/** An entry's part name: "\\" read as "/", as Office reads entry names. */
function partNameOf(entryName: string): string {
  return entryName.includes('\\') ? entryName.replace(/\\/g, '/') : entryName;
}

/** " (skipped: …)" for sheets left out for lack of a relationship id, or ''. */
function skippedNote(layout: WorkbookLayout): string {
  if (layout.skippedSheets.length === 0) return '';
  const names = layout.skippedSheets.slice(0, 3).map((n) => `“${fragment(n)}”`);
  return `（工作表${names.join('、')}缺少内部引用，已跳过）`;
}

/**
 * The workbook's layout, found as Office finds it: _rels/.rels names the main part, wherever it
 * is stored; the workbook's own relationships (next to it, in _rels/) name its sheets, shared
 * strings and styles. A main part that is not a workbook (a Word document, an .xlsb) gets the
 * message for what it is.
 */
/**
 * The part a relationship target names: part names compare case-insensitively, and a target may
 * percent-encode what the zip entry name holds plainly (%20 for a space).
 */
function findPart(byName: Map<string, ZipPart>, entry: string): ZipPart | undefined {
  if (entry === '') return undefined;
  const found = byName.get(entry.toLowerCase());
  if (found || !entry.includes('%')) return found;
  try {
    return byName.get(decodeURIComponent(entry).toLowerCase());
  } catch {
    return undefined;
  }
}

async function findLayout(
  path: string,
  partAt: (entry: string) => ZipPart | undefined,
  lowerNames: Set<string>,
): Promise<WorkbookLayout> {
  const packageRels = partAt(PACKAGE_RELS);
  const mainEntry = packageRels
    ? officeDocumentTarget(await readPartText(path, packageRels))
    : null;
  const mainPart = mainEntry === null ? undefined : partAt(mainEntry);
  if (!mainPart) {
    if (mainEntry !== null && /\.bin$/i.test(mainEntry)) throw new FileCheckError(xlsbFailure());
    const other = otherKindOfZip(lowerNames);
    if (other) throw new FileCheckError(other);
    // Declared but absent: a damaged package.
    if (mainEntry !== null) corrupt(`缺少工作簿目录“${fragment(mainEntry)}”`);
    throw new FileCheckError(identifyNonWorkbook(lowerNames));
  }
  const workbookXml = await readPartText(path, mainPart);
  if (!isWorkbookXml(workbookXml)) throw new FileCheckError(identifyNonWorkbook(lowerNames));
  const relsPart = partAt(relsPartFor(mainPart.name));
  return workbookLayout(
    workbookXml,
    relsPart ? await readPartText(path, relsPart) : null,
    mainPart.name,
  );
}

/**
 * The streaming reader walks local headers from the start of the file, not the central directory.
 * So the local headers must repeat the directory's names and sizes, and the entries must follow one
 * another exactly up to the directory: no hidden entries between them, no shared (overlapping) data.
 */
async function checkLocalHeaders(
  fh: FileHandle,
  entries: ZipEntry[],
  cdOffset: number,
): Promise<Map<ZipEntry, number>> {
  const ordered = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  const starts = new Map<ZipEntry, number>();
  let expected = 0;
  for (const entry of ordered) {
    if (entry.localOffset !== expected) corrupt('内部部件的位置不连续');
    const local = await readAt(fh, entry.localOffset, 30);
    if (local.length < 30 || local.readUInt32LE(0) !== SIG_LOCAL) corrupt('内部部件头信息损坏');
    const nameLength = local.readUInt16LE(26);
    const extraLength = local.readUInt16LE(28);
    const localName = (await readAt(fh, entry.localOffset + 30, nameLength)).toString('utf8');
    if (localName !== entry.name) corrupt('内部部件名称前后不一致');
    const usesDescriptor = (local.readUInt16LE(6) & 0x8) !== 0;
    if (!usesDescriptor) {
      const compressed = local.readUInt32LE(18);
      const uncompressed = local.readUInt32LE(22);
      const sameSize =
        (compressed === 0xffffffff || compressed === entry.compressedSize) &&
        (uncompressed === 0xffffffff || uncompressed === entry.uncompressedSize);
      if (!sameSize) corrupt('内部部件大小前后不一致');
    }
    const dataStart = entry.localOffset + 30 + nameLength + extraLength;
    starts.set(entry, dataStart);
    const dataEnd = dataStart + entry.compressedSize;
    if (!usesDescriptor) {
      expected = dataEnd;
      continue;
    }
    // Data descriptor: optional signature, CRC, then 4- or 8-byte sizes.
    const next = ordered[ordered.indexOf(entry) + 1]?.localOffset ?? cdOffset;
    if (![12, 16, 20, 24].includes(next - dataEnd)) corrupt('内部部件的位置不连续');
    expected = next;
  }
  if (expected !== cdOffset) corrupt('目录之前有多余的数据');
  return starts;
}

/** The declared dimension is read from this much of a sheet's start (it precedes <sheetData>). */
const HEAD_BYTES = 64 * 1024;
const DIMENSION_REF = /^\$?([A-Za-z]{1,4})\$?(\d{1,8})(?::\$?([A-Za-z]{1,4})\$?(\d{1,8}))?$/;

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** The <dimension ref> before <sheetData> in the head of a sheet (one forward tag scan), or null. */
function declaredDimension(head: string): string | null {
  for (const tag of scanTags(head)) {
    if (tag.local === 'sheetData') return null;
    if (tag.local === 'dimension' && !tag.isEnd) return tag.attrs.get('ref')?.trim() ?? null;
  }
  return null;
}

function isSpaceByte(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

function isNameByte(b: number): boolean {
  return (
    (b >= 0x30 && b <= 0x39) ||
    (b >= 0x41 && b <= 0x5a) ||
    (b >= 0x61 && b <= 0x7a) ||
    b === 0x5f ||
    b === 0x2d ||
    b === 0x2e
  );
}

const MERGE_REF_ATTR = /^[^>]*?\sref\s*=\s*(["'])([^"'>]{1,40})\1/;

/** Bytes after a '<' within which a <row> or <c r="…"> start tag is judged. */
const TAG_WINDOW = 256;

/**
 * What a sheet really holds, from its raw bytes: the <row> start tags and the rightmost column a
 * <c r="…"> names (with or without a namespace prefix), including tags split across chunks. Sizes
 * are judged by these, not by the <dimension> a header claims (a sheet declaring A1:I1048576 may
 * hold 3 rows). Each byte is looked at a bounded number of times.
 */
export class SheetShapeCounter {
  rows = 0;
  maxColumn = 0;
  /** The <mergeCell ref> ranges (they follow <sheetData>): the reader blanks what they hide. */
  readonly merges: MergeRange[] = [];
  private carry: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): void {
    this.scan(this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk, false);
  }

  end(): void {
    this.scan(this.carry, true);
    this.carry = Buffer.alloc(0);
  }

  private scan(buf: Buffer, isLast: boolean): void {
    let i = buf.indexOf(0x3c);
    while (i !== -1) {
      if (!isLast && i + TAG_WINDOW > buf.length) {
        this.carry = Buffer.from(buf.subarray(i));
        return;
      }
      // End tags and bare <v> (most of a sheet's tags) are none of those counted: skip them cheaply.
      const next = buf[i + 1];
      const isSkipped = next === 0x2f || (next === 0x76 && buf[i + 2] === 0x3e);
      if (!isSkipped) this.judge(buf, i, Math.min(buf.length, i + TAG_WINDOW));
      i = buf.indexOf(0x3c, i + 1);
    }
    this.carry = Buffer.alloc(0);
  }

  private judge(buf: Buffer, lt: number, windowEnd: number): void {
    let p = lt + 1;
    while (p < windowEnd && isNameByte(buf[p] ?? 0)) p += 1;
    let local = lt + 1;
    if (buf[p] === 0x3a) {
      local = p + 1;
      p = local;
      while (p < windowEnd && isNameByte(buf[p] ?? 0)) p += 1;
    }
    const length = p - local;
    const after = buf[p] ?? 0;
    if (length === 3 && buf[local] === 0x72 && buf[local + 1] === 0x6f && buf[local + 2] === 0x77) {
      if (isSpaceByte(after) || after === 0x3e || after === 0x2f) this.rows += 1; // <row
      return;
    }
    if (length === 9 && isSpaceByte(after) && buf.toString('latin1', local, p) === 'mergeCell') {
      this.mergeAt(buf, p, windowEnd);
      return;
    }
    if (length !== 1 || buf[local] !== 0x63 || !isSpaceByte(after)) return; // <c
    for (let k = p; k + 3 < windowEnd; k += 1) {
      const b = buf[k] ?? 0;
      if (b === 0x3e) return;
      if (b !== 0x72 || buf[k + 1] !== 0x3d || !isSpaceByte(buf[k - 1] ?? 0)) continue; //  r=
      let column = 0;
      for (let q = k + 3; q < windowEnd && q < k + 6; q += 1) {
        const letter = (buf[q] ?? 0) | 0x20;
        if (letter < 0x61 || letter > 0x7a) break;
        column = column * 26 + (letter - 0x60);
      }
      if (column > this.maxColumn) this.maxColumn = column;
      return;
    }
  }

  /** Reads the ref="A1:C2" of a <mergeCell> whose attributes start at `from`. */
  private mergeAt(buf: Buffer, from: number, windowEnd: number): void {
    if (this.merges.length >= MAX_MERGES) return;
    // The window is at most TAG_WINDOW bytes: this pattern's work is bounded by it.
    const m = MERGE_REF_ATTR.exec(buf.toString('latin1', from - 1, windowEnd));
    const range = m ? parseMergeRef(m[2] ?? '') : null;
    if (range) this.merges.push(range);
  }
}

/** Length of `buf` without a UTF-8 sequence cut off at its end. */
function completeUtf8Length(buf: Buffer): number {
  let i = buf.length - 1;
  let continuation = 0;
  while (i >= 0 && continuation < 3 && ((buf[i] ?? 0) & 0xc0) === 0x80) {
    i -= 1;
    continuation += 1;
  }
  if (i < 0) return buf.length;
  const lead = buf[i] ?? 0;
  const needs = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return buf.length - i < needs ? i : buf.length;
}

/**
 * Checks that the text of a part the reader decodes is valid in its encoding (UTF-8, or UTF-16
 * marked or recognised by partDecoder). A part written in GB18030 by some other program would otherwise be read as
 * replacement characters and reported as "no header found"; this says what is wrong instead.
 */
class EncodingCheck {
  private isUtf8Part: boolean | null = null;
  private carry: Buffer = Buffer.alloc(0);

  constructor(private readonly partName: string) {}

  push(chunk: Buffer): void {
    this.isUtf8Part ??= partDecoder(chunk).encoding === 'utf-8';
    if (!this.isUtf8Part) return;
    const buf = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const complete = completeUtf8Length(buf);
    if (!isUtf8(buf.subarray(0, complete))) this.refuse();
    this.carry = Buffer.from(buf.subarray(complete));
  }

  end(): void {
    if (this.carry.length > 0) this.refuse();
  }

  private refuse(): never {
    stop(
      'FILE_BAD_ENCODING',
      `文件中的文字不是有效的 UTF-8 编码（“${fragment(this.partName)}”），可能是其他软件用 GBK/GB18030 等编码生成的。请用 Excel 或 WPS 打开它，另存为 .xlsx 后再导入。`,
    );
  }
}

async function scanEntry(
  path: string,
  part: ZipPart,
  sheetName: string | null,
  lim: FileLimits,
  options: { isReadAsText: boolean; onMerges: (ranges: MergeRange[]) => void },
): Promise<SheetInfo | null> {
  const isSheet = sheetName !== null;
  const label = sheetName ?? part.name;
  let head: Buffer[] = [];
  let headBytes = 0;
  let headChecked = !isSheet;
  const shape = isSheet && lim.deepScan ? new SheetShapeCounter() : null;
  const encoding = lim.deepScan && options.isReadAsText ? new EncodingCheck(part.name) : null;
  const info: SheetInfo = { entry: part.name, dimension: null, rows: null, columns: null };

  const checkHead = (): void => {
    headChecked = true;
    const ref = declaredDimension(Buffer.concat(head).toString('latin1'));
    head = [];
    const match = ref === null ? null : DIMENSION_REF.exec(ref.slice(0, 40));
    if (!ref || !match) return;
    info.dimension = ref;
    info.columns = columnNumber(match[3] ?? match[1] ?? 'A');
    info.rows = Number(match[4] ?? match[2]);
    // Without the deep scan the declared size is all there is to judge; with it, the real rows
    // and columns are judged below (a sheet declaring A1:I1048576 may hold 3 rows).
    if (!lim.deepScan) checkShape(label, info.rows, info.columns, lim, '声明');
  };

  for await (const chunk of readPart(path, part, lim.maxTotalUncompressedBytes)) {
    if (!headChecked) {
      head.push(chunk);
      headBytes += chunk.length;
      if (headBytes >= HEAD_BYTES) checkHead();
    }
    encoding?.push(chunk);
    if (shape) {
      shape.push(chunk);
      checkShape(label, shape.rows, shape.maxColumn, lim, '实际');
    }
    if (!lim.deepScan && headChecked) break;
  }
  if (!headChecked) checkHead();
  encoding?.end();
  if (!isSheet) return null;
  if (shape) {
    shape.end();
    checkShape(label, shape.rows, shape.maxColumn, lim, '实际');
    info.rows = shape.rows;
    options.onMerges(shape.merges);
  }
  return info;
}

function checkShape(
  sheetName: string,
  rows: number,
  columns: number | null,
  lim: FileLimits,
  how: '声明' | '实际',
): void {
  const sheet = `工作表“${fragment(sheetName)}”`;
  if (rows > lim.maxRows) {
    const amount =
      how === '声明'
        ? `声明了 ${rows.toLocaleString('en-US')} 行`
        : `至少有 ${rows.toLocaleString('en-US')} 行`;
    stop(
      'FILE_TOO_MANY_ROWS',
      `${sheet}${amount}，超过了每次导入 ${lim.maxRows.toLocaleString('en-US')} 行的上限。请删除末尾的空行或格式，或分成几个文件导入。`,
    );
  }
  if (columns !== null && columns > lim.maxColumns) {
    const amount = how === '声明' ? `声明了 ${columns} 列` : `用到了第 ${columns} 列`;
    stop(
      'FILE_TOO_MANY_COLUMNS',
      `${sheet}${amount}，超过了每次导入最多 ${lim.maxColumns} 列的上限。花名册只需要姓名、身份证号、学校等十几列：请删除不需要导入的列（包括右侧只有格式的空列），或把要导入的列复制到一个新工作表，另存后再导入。`,
    );
  }
}

/**
 * The inflated bytes of a part, in chunks. Never more than the declared size (nor `budget`): a part
 * that inflates to more is refused as a zip bomb the moment it does; read to its end, the real size
 * and the CRC must match the directory. Stopping early (break) closes the file.
 */
export async function* readPart(
  path: string,
  part: ZipPart,
  budget: number = DEFAULT_FILE_LIMITS.maxTotalUncompressedBytes,
): AsyncGenerator<Buffer> {
  const name = fragment(part.name);
  if (part.compressedSize === 0) {
    if (part.method === 8) corrupt(`“${name}”的压缩数据为空`);
    if (part.uncompressedSize !== 0) corrupt(`“${name}”的实际大小与声明不符`);
    return;
  }
  const limit = Math.min(part.uncompressedSize, budget);
  const source = createReadStream(path, {
    start: part.dataStart,
    end: part.dataStart + part.compressedSize - 1,
    highWaterMark: 256 * 1024,
  });
  const stream =
    part.method === 8 ? source.pipe(zlib.createInflateRaw({ chunkSize: 64 * 1024 })) : source;
  source.on('error', (error) => stream.destroy(error));
  let produced = 0;
  let crc = 0;
  try {
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        produced += chunk.length;
        if (produced > limit) {
          if (limit < part.uncompressedSize) overflowed(name);
          if (produced > part.uncompressedSize + OVERFLOW_PROBE_BYTES) overflowed(name);
          // Damage (a flipped bit in the compressed data) can also inflate past the declared
          // size: go on counting, never keeping, a bounded amount to tell it from a bomb.
          continue;
        }
        crc = zlib.crc32(chunk, crc);
        yield chunk;
      }
      if (produced > limit) corrupt(`“${name}”的实际大小与声明不符`);
    } catch (error) {
      if (error instanceof FileCheckError) throw error;
      // File-system errors (the file went away, EIO) stay what they are; the rest is bad data.
      if (/^E[A-Z]+$/.test(String((error as NodeJS.ErrnoException).code))) throw error;
      corrupt(`“${name}”的压缩数据无法解开`);
    }
    if (produced !== part.uncompressedSize) corrupt(`“${name}”的实际大小与声明不符`);
    if (crc >>> 0 !== part.crc) corrupt(`“${name}”的校验值不符`);
  } finally {
    source.destroy();
    stream.destroy();
  }
}

/**
 * How far past its declared size a part is inflated (and discarded) to tell damage from a bomb: a
 * damaged stream ends soon after, a bomb goes on. Bounded, so a bomb still costs little.
 */
const OVERFLOW_PROBE_BYTES = 4 * MB;

function overflowed(name: string): never {
  stop(
    'FILE_ZIP_BOMB',
    `文件的压缩内容异常：“${name}”实际解压出的数据比声明的大小更多（超出 ${mb(OVERFLOW_PROBE_BYTES)} 以上），可能是恶意构造的文件，已拒绝读取。`,
  );
}

/** Parts read whole (workbook.xml, relationships, styles) are small; larger is not a real workbook. */
export const MAX_SMALL_PART_BYTES = 16 * 1024 * 1024;

/**
 * A decoder for a part: UTF-16 when it starts with a byte-order mark, or without one when its first
 * character is '<' in UTF-16 (the XML declaration, as the XML spec's encoding detection reads it:
 * 3C 00 3F 00 is UTF-16LE, 00 3C 00 3F UTF-16BE); otherwise UTF-8.
 */
export function partDecoder(first: Buffer): TextDecoder {
  if (first[0] === 0xff && first[1] === 0xfe) return new TextDecoder('utf-16le');
  if (first[0] === 0xfe && first[1] === 0xff) return new TextDecoder('utf-16be');
  if (first[0] === 0x3c && first[1] === 0x00 && first[3] === 0x00) {
    return new TextDecoder('utf-16le');
  }
  if (first[0] === 0x00 && first[1] === 0x3c && first[2] === 0x00) {
    return new TextDecoder('utf-16be');
  }
  return new TextDecoder('utf-8');
}

/** A small part's whole text. */
export async function readPartText(path: string, part: ZipPart): Promise<string> {
  if (part.uncompressedSize > MAX_SMALL_PART_BYTES) corrupt(`“${fragment(part.name)}”大得不正常`);
  let decoder: TextDecoder | null = null;
  let text = '';
  for await (const chunk of readPart(path, part)) {
    decoder ??= partDecoder(chunk);
    text += decoder.decode(chunk, { stream: true });
  }
  return text + (decoder?.decode() ?? '');
}
