/**
 * Every parser of workbook text does linear work, whatever the text: each XML part an import reads
 * is fed 100,000 unclosed tags, and a very long cell in small chunks, and the characters the parser
 * examined are counted (a count, not a time: the bench prints times). The regular expressions
 * these parsers replaced examined the rest of the part once per tag.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDateStyles } from '../../../electron/services/files/sheet-styles';
import {
  MAX_CELL_CHARS,
  SharedStringsParser,
  SheetLimitError,
  SheetParser,
  SheetXmlError,
} from '../../../electron/services/files/sheet-xml';
import { elements } from '../../../electron/services/files/workbook-parts';
import { scanTags, type ScanCounter } from '../../../electron/services/files/xml-tags';

const TAGS = 100_000;
const CHUNK = 64 * 1024;

function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** Feeds a streaming parser in chunks; returns what it scanned and whether it refused the text. */
function feed(
  parser: SheetParser | SharedStringsParser,
  xml: string,
  size = CHUNK,
): { scanned: number; error: unknown } {
  let error: unknown = null;
  try {
    for (const piece of chunks(xml, size)) parser.push(piece);
    parser.end();
  } catch (caught) {
    error = caught;
  }
  return { scanned: parser.scannedChars, error };
}

describe('linear scans on 100,000 unclosed tags', () => {
  it.each([
    ['styles.xml <xf', `<styleSheet><cellXfs>${'<xf numFmtId="14" '.repeat(TAGS)}`],
    ['styles.xml <numFmt', `<styleSheet><numFmts>${'<numFmt numFmtId="164" '.repeat(TAGS)}`],
    ['styles.xml unclosed quotes', `<styleSheet>${'<numFmt formatCode="'.repeat(TAGS)}`],
    ['styles.xml [ in a format', `<numFmt numFmtId="200" formatCode="${'['.repeat(TAGS)}"/>`],
  ])('parseDateStyles: %s', (_label, xml) => {
    const counter: ScanCounter = { chars: 0 };
    expect(parseDateStyles(xml, counter)).toEqual([]);
    expect(counter.chars).toBeLessThanOrEqual(xml.length);
  });

  it.each([
    ['workbook.xml', 'sheet', `<workbook><sheets>${'<sheet name="a" '.repeat(TAGS)}`],
    ['relationships', 'Relationship', `<Relationships>${'<Relationship Id="r" '.repeat(TAGS)}`],
    ['content types', 'Override', `<Types>${'<Override '.repeat(TAGS)}`],
    ['comments', 'sheet', `<workbook>${'<!-- <sheet '.repeat(TAGS)}`],
  ])('elements: %s', (_label, local, xml) => {
    const counter: ScanCounter = { chars: 0 };
    elements(xml, local, counter);
    expect(counter.chars).toBeLessThanOrEqual(xml.length);
  });

  it.each([
    ['<si ', `<sst>${'<si '.repeat(TAGS)}`],
    ['<si><t>', `<sst>${'<si><t>'.repeat(TAGS)}`],
    ['</si> without a start', `<sst>${'<si><t>x</t></si'.repeat(TAGS)}`],
  ])('SharedStringsParser: %s', (_label, xml) => {
    const { scanned, error } = feed(new SharedStringsParser(), xml);
    expect(error).toBeInstanceOf(SheetXmlError);
    expect(scanned).toBeLessThanOrEqual(2 * xml.length);
  });

  it.each([
    ['<c ', `<worksheet><sheetData><row r="1">${'<c '.repeat(TAGS)}`],
    ['<row ', `<worksheet><sheetData>${'<row '.repeat(TAGS)}`],
    ['<c><v>', `<worksheet><sheetData><row>${'<c><v>'.repeat(TAGS)}`],
  ])('SheetParser: %s', (_label, xml) => {
    const { scanned, error } = feed(new SheetParser([], () => undefined), xml);
    expect(error).toBeInstanceOf(SheetXmlError);
    expect(scanned).toBeLessThanOrEqual(2 * xml.length);
  });
});

describe('long cells', () => {
  const cell = (chars: number): string =>
    `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${'长'.repeat(chars)}</t></is></c></row></sheetData></worksheet>`;

  it('buffers a 2-million-character cell in 4 KB chunks without re-scanning it, then refuses it', () => {
    const xml = cell(2_000_000);
    const { scanned, error } = feed(new SheetParser([], () => undefined), xml, 4096);
    expect(error).toBeInstanceOf(SheetLimitError);
    expect((error as Error).message).toContain('32,767');
    expect(scanned).toBeLessThanOrEqual(2 * xml.length);
  });

  it('reads a cell of exactly Excel’s limit and refuses one character more', () => {
    const rows: unknown[] = [];
    expect(feed(new SheetParser([], (r) => rows.push(r)), cell(MAX_CELL_CHARS)).error).toBeNull();
    expect(rows).toHaveLength(1);
    expect(
      feed(new SheetParser([], () => undefined), cell(MAX_CELL_CHARS + 1)).error,
    ).toBeInstanceOf(SheetLimitError);
    const strings = `<sst><si><t>${'x'.repeat(MAX_CELL_CHARS + 1)}</t></si></sst>`;
    expect(feed(new SharedStringsParser(), strings).error).toBeInstanceOf(SheetLimitError);
  });
});

describe('scanTags (fuzz)', () => {
  const piece = fc.constantFrom(
    '<',
    '>',
    '/',
    '"',
    "'",
    '=',
    ' ',
    'x',
    'xf',
    'a:b',
    '<!--',
    '-->',
    '<![CDATA[',
    ']]>',
    '<?',
    '?>',
    '&amp;',
  );

  it('never throws, only moves forward, and examines each character at most once', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 200 }), (parts) => {
        const xml = parts.join('');
        const counter: ScanCounter = { chars: 0 };
        let last = -1;
        for (const tag of scanTags(xml, counter)) {
          expect(tag.start).toBeGreaterThan(last);
          expect(tag.end).toBeLessThanOrEqual(xml.length);
          expect(xml[tag.end - 1]).toBe('>');
          last = tag.start;
        }
        expect(counter.chars).toBeLessThanOrEqual(xml.length);
      }),
      { seed: 1111, numRuns: 500 },
    );
  });

  it('reads well-formed tags as they are written', () => {
    const tags = [...scanTags('<?xml v="1"?><x:a b="1" c=\'>\'><!-- <no/> --><d/></x:a>')];
    expect(
      tags.map((t) => [t.local, t.isEnd, t.isSelfClosing, Object.fromEntries(t.attrs)]),
    ).toEqual([
      ['a', false, false, { b: '1', c: '>' }],
      ['d', false, true, {}],
      ['a', true, false, {}],
    ]);
  });
});
