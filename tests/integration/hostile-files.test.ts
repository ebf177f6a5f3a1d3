/**
 * Every malformed or hostile file gets its specific code and a Chinese message, without throwing,
 * and legitimate workbooks (streamed by the roster fixture writer, or written by exceljs in memory)
 * pass with their worksheets and row counts.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@shared/api/envelope';
import { hasUnsafeCharacters } from '@shared/domain/text-fragment';
import { sniffSpreadsheet, SNIFF_CODES } from '../../electron/services/roster/file-sniff';
import { readWorkbook } from '../../electron/services/roster/xlsx-reader';
import {
  makeRosterRows,
  ROSTER_HEADERS,
  writeRosterWorkbook,
} from '../../scripts/fixtures/roster-workbook';
import {
  buildHostileCorpus,
  buildZip,
  packageParts,
  type HostileFile,
} from '../support/hostile-corpus';

let dir: string;
let corpus: HostileFile[];

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'traindesk-hostile-'));
  corpus = await buildHostileCorpus(path.join(dir, 'corpus'));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('hostile corpus', () => {
  it('has at least 20 files, covering every refusal code but the file-system ones', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(20);
    const covered = new Set(corpus.filter((c) => c.stage !== 'read').map((c) => c.expectedCode));
    const expected = SNIFF_CODES.filter(
      (code) => code !== 'FILE_NOT_FOUND' && code !== 'FILE_UNREADABLE',
    );
    expect([...covered].sort()).toEqual([...expected].sort());
  });

  it('answers each file with its specific code and Chinese message, never throwing', async () => {
    const results: { file: string; expected: string; got: string; message: string }[] = [];
    const checked = corpus.filter((c) => c.stage !== 'read');
    for (const entry of checked) {
      const result = await sniffSpreadsheet(entry.file);
      results.push({
        file: path.basename(entry.file),
        expected: entry.expectedCode,
        got: result.ok ? 'OK' : result.code,
        message: result.ok ? '' : result.message,
      });
    }
    for (const [i, r] of results.entries()) {
      expect(`${r.file}: ${r.got}`).toBe(`${r.file}: ${r.expected}`);
      expect(r.message, r.file).toMatch(/[\u4e00-\u9fff]/);
      expect(r.message, r.file).toContain(checked[i]?.messageIncludes);
      expect(r.message.length, r.file).toBeLessThan(300);
      expect(hasUnsafeCharacters(r.message), r.file).toBe(false);
    }
  });

  it('passes the files that attack the reader, which reads them or refuses them with its reason', async () => {
    const attacks = corpus.filter((c) => c.stage === 'read');
    expect(attacks.length).toBeGreaterThanOrEqual(8);
    for (const entry of attacks) {
      const name = path.basename(entry.file);
      const sniff = await sniffSpreadsheet(entry.file);
      expect(sniff.ok ? 'OK' : `${sniff.code} ${sniff.message}`, name).toBe('OK');
      if (!sniff.ok) continue;
      let rows = 0;
      let outcome = 'OK';
      let message = '';
      try {
        for await (const sheet of readWorkbook(entry.file, sniff)) {
          for await (const row of sheet.rows) rows += row.cells.length > 0 ? 1 : 0;
        }
      } catch (error) {
        outcome =
          error instanceof AppError
            ? String((error.details as { reason?: string }).reason)
            : 'THROWN';
        message = error instanceof Error ? error.message : String(error);
      }
      expect(`${name}: ${outcome}`).toBe(`${name}: ${entry.expectedCode}`);
      if (outcome === 'OK') expect(rows, name).toBeGreaterThanOrEqual(2);
      else {
        expect(message, name).toContain(entry.messageIncludes);
        expect(message.length, name).toBeLessThan(300);
        expect(hasUnsafeCharacters(message), name).toBe(false);
      }
    }
  });

  it('reads packages laid out as the spec allows, as Office does', async () => {
    const byName = (n: string): string =>
      corpus.find((c) => path.basename(c.file) === n)?.file ?? '';
    const elsewhere = await sniffSpreadsheet(byName('workbook-elsewhere.xlsx'));
    // Stored as "teachers list.xml", named "teachers%20list.xml" by its relationship.
    expect(elsewhere).toMatchObject({ ok: true, sheetEntries: ['data/teachers list.xml'] });
    const backslashes = await sniffSpreadsheet(byName('all-backslashes.xlsx'));
    expect(backslashes).toMatchObject({ ok: true, sheetEntries: ['xl/worksheets/sheet1.xml'] });
    const skipped = await sniffSpreadsheet(byName('empty-relationship-id.xlsx'));
    expect(skipped).toMatchObject({ ok: true, layout: { skippedSheets: ['说明'] } });
    const merged = byName('merged-hidden-values.xlsx');
    const mergedSniff = await sniffSpreadsheet(merged);
    if (!mergedSniff.ok) throw new Error(mergedSniff.message);
    const texts: string[][] = [];
    for await (const sheet of readWorkbook(merged, mergedSniff)) {
      for await (const row of sheet.rows) {
        texts.push(row.cells.map((c) => (c.type === 'text' ? c.text : '')));
      }
    }
    expect(texts).toEqual([
      ['姓名', '身份证号'],
      ['张三', '110105198507150091'],
      ['李四'],
      ['合并的说明'],
    ]);
    const declared = await sniffSpreadsheet(byName('declared-1048576-rows.xlsx'));
    expect(declared).toMatchObject({
      ok: true,
      sheets: [{ dimension: 'A1:I1048576', rows: 3 }],
    });
  });

  it('keeps memory bounded while refusing the zip bombs (peak, not what is left at the end)', async () => {
    const bombs = corpus.filter((c) => c.expectedCode === 'FILE_ZIP_BOMB');
    const before = process.memoryUsage().rss;
    // Sampled between the checks' own asynchronous steps (inflating runs chunk by chunk), so a
    // burst that is freed again before the end still counts.
    let peak = before;
    const sample = (): void => {
      peak = Math.max(peak, process.memoryUsage().rss);
    };
    const timer = setInterval(sample, 1);
    try {
      for (const bomb of bombs) {
        await sniffSpreadsheet(bomb.file);
        sample();
      }
    } finally {
      clearInterval(timer);
    }
    expect(bombs.length).toBeGreaterThan(0);
    expect(peak - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('reports missing and unreadable paths', async () => {
    expect(await sniffSpreadsheet(path.join(dir, 'nope.xlsx'))).toMatchObject({
      ok: false,
      code: 'FILE_NOT_FOUND',
    });
    expect(await sniffSpreadsheet(dir)).toMatchObject({ ok: false, code: 'FILE_UNREADABLE' });
  });
});

describe('legitimate workbooks', () => {
  it('passes a roster streamed by writeRosterWorkbook, counting its rows', async () => {
    const file = path.join(dir, 'roster.xlsx');
    await writeRosterWorkbook(
      file,
      makeRosterRows(2000, 1, ['示范市东湖区实验小学', '示范市东湖区第一幼儿园']),
      {
        titleRow: '示范市东湖区教师花名册',
      },
    );
    const result = await sniffSpreadsheet(file);
    expect(result).toMatchObject({
      ok: true,
      sheetEntries: ['xl/worksheets/sheet1.xml'],
      sheets: [{ entry: 'xl/worksheets/sheet1.xml', dimension: null, rows: 2002, columns: null }],
    });
  });

  it('writes ID numbers and phones as text cells, readable by the exceljs streaming reader', async () => {
    const file = path.join(dir, 'text-cells.xlsx');
    const rows = [...makeRosterRows(20, 2, ['示范市西岭区实验小学'])];
    await writeRosterWorkbook(file, rows);
    const read: unknown[][] = [];
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      sharedStrings: 'cache',
      worksheets: 'emit',
    });
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>)
        read.push((row.values as unknown[]).slice(1));
    }
    expect(read[0]).toEqual([...ROSTER_HEADERS]);
    expect(read).toHaveLength(21);
    const idColumn = ROSTER_HEADERS.indexOf('身份证号');
    const phoneColumn = ROSTER_HEADERS.indexOf('手机号');
    for (const [i, row] of read.slice(1).entries()) {
      expect(row[idColumn]).toBe(rows[i]?.['身份证号']);
      expect(typeof row[idColumn]).toBe('string');
      if (rows[i]?.['手机号'] !== null) expect(typeof row[phoneColumn]).toBe('string');
    }
  });

  it('passes a workbook written in memory by exceljs, with its declared dimension', async () => {
    const file = path.join(dir, 'in-memory.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('教师');
    sheet.addRow(['姓名', '身份证号', '学校', '学段']);
    for (let i = 0; i < 50; i += 1)
      sheet.addRow([`教师${i}`, '110105198507150091', '实验小学', '小学']);
    workbook.addWorksheet('说明').addRow(['填表说明']);
    await workbook.xlsx.writeFile(file);
    const result = await sniffSpreadsheet(file);
    expect(result).toMatchObject({
      ok: true,
      sheetEntries: ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml'],
      sheets: [
        { entry: 'xl/worksheets/sheet1.xml', dimension: 'A1:D51', rows: 51, columns: 4 },
        { entry: 'xl/worksheets/sheet2.xml', dimension: 'A1:A1', rows: 1, columns: 1 },
      ],
    });
  });

  it('honours custom limits, and the head-only mode still checks the declared dimension', async () => {
    const file = path.join(dir, 'limits.xlsx');
    await writeRosterWorkbook(file, makeRosterRows(120, 3, ['示范市东湖区实验小学']));
    expect(await sniffSpreadsheet(file, { maxRows: 100 })).toMatchObject({
      ok: false,
      code: 'FILE_TOO_MANY_ROWS',
    });
    expect(await sniffSpreadsheet(file, { maxFileBytes: 1000 })).toMatchObject({
      ok: false,
      code: 'FILE_TOO_LARGE',
    });
    expect(await sniffSpreadsheet(file, { maxRows: 100, deepScan: false })).toMatchObject({
      ok: true,
    });

    const declared = path.join(dir, 'declared.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('教师');
    for (let i = 0; i < 150; i += 1) sheet.addRow([`教师${i}`]);
    await workbook.xlsx.writeFile(declared);
    expect(await sniffSpreadsheet(declared, { maxRows: 100, deepScan: false })).toMatchObject({
      ok: false,
      code: 'FILE_TOO_MANY_ROWS',
    });
  });

  it('accepts a zip whose entries use data descriptors (as streaming writers make)', async () => {
    // writeRosterWorkbook's archiver output uses data descriptors; this guards the layout check.
    const file = path.join(dir, 'descriptors.xlsx');
    await writeRosterWorkbook(file, makeRosterRows(10, 4, ['示范市东湖区实验小学']), {
      useSharedStrings: false,
    });
    const bytes = await fs.readFile(file);
    expect(bytes.readUInt16LE(6) & 0x8).toBe(0x8);
    expect(await sniffSpreadsheet(file)).toMatchObject({ ok: true });
  });

  it('builds zips that the sniffer reads back (sanity check of the corpus builder)', async () => {
    const file = path.join(dir, 'plain.zip');
    await fs.writeFile(file, buildZip([{ name: 'a.txt', data: Buffer.from('x') }]));
    expect(await sniffSpreadsheet(file)).toMatchObject({ ok: false, code: 'FILE_NOT_WORKBOOK' });
  });
});

describe('package layouts (property)', () => {
  const segment = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 _-]{0,11}$/);
  const folder = fc.array(segment, { minLength: 0, maxLength: 3 }).map((s) => s.join('/'));
  const entry = fc
    .tuple(folder, segment)
    .map(([dir, name]) => (dir === '' ? `${name}.xml` : `${dir}/${name}.xml`));

  it('finds the workbook and its sheets wherever the relationships put them, with either separator', async () => {
    await fc.assert(
      fc.asyncProperty(
        entry,
        fc.uniqueArray(entry, { minLength: 1, maxLength: 3, selector: (e) => e.toLowerCase() }),
        fc.boolean(),
        fc.boolean(),
        async (workbookEntry, sheetEntries, backslashes, withSkipped) => {
          const taken = new Set([
            '[content_types].xml',
            '_rels/.rels',
            workbookEntry.toLowerCase(),
          ]);
          const sheets = sheetEntries.filter(
            (e) => !taken.has(e.toLowerCase()) && !e.includes('_rels'),
          );
          fc.pre(sheets.length > 0 && !workbookEntry.includes('_rels'));
          const file = path.join(dir, 'layout-property.xlsx');
          await fs.writeFile(
            file,
            buildZip(
              packageParts({
                workbookEntry,
                sheets: [
                  ...(withSkipped ? [{ name: '说明', entry: null }] : []),
                  ...sheets.map((e, i) => ({ name: `表${i + 1}`, entry: e })),
                ],
                separator: backslashes ? '\\' : '/',
              }),
            ),
          );
          const result = await sniffSpreadsheet(file);
          expect(result).toMatchObject({
            ok: true,
            sheetEntries: sheets,
            layout: { skippedSheets: withSkipped ? ['说明'] : [] },
          });
          if (!result.ok) return;
          for await (const sheet of readWorkbook(file, result)) {
            let rows = 0;
            for await (const _row of sheet.rows) rows += 1;
            expect(rows).toBe(2);
          }
        },
      ),
      { seed: 1110, numRuns: 60 },
    );
  });
});
