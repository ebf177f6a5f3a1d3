/** Dates in workbooks: which number formats are dates, and serial numbers to calendar dates. */
import { describe, expect, it } from 'vitest';
import { type ParsedRow, SheetParser } from '../../../electron/services/files/sheet-xml';
import {
  isDateFormat,
  parseDateStyles,
  serialToDateCell,
} from '../../../electron/services/files/sheet-styles';
import { usesDate1904 } from '../../../electron/services/files/workbook-parts';

describe('isDateFormat', () => {
  it.each([
    ['yyyy-mm-dd', true],
    ['yyyy"年"m"月"d"日"', true],
    ['yyyy/m/d h:mm', true],
    ['h:mm:ss AM/PM', true],
    ['上午/下午h"时"mm"分"', true],
    ['[h]:mm:ss', true],
    ['[$-F800]dddd, mmmm dd, yyyy', true],
    ['mm:ss.0', true],
    ['General', false],
    ['0.00', false],
    ['#,##0.00_);[Red](#,##0.00)', false],
    ['"m"0', false],
    ['0\\m', false],
    ['[Red]0.00;[Blue]-0.00', false],
    ['@', false],
    ['0.00;"yyyy"', false],
  ])('%j → %s', (code, expected) => {
    expect(isDateFormat(code)).toBe(expected);
  });
});

describe('serialToDateCell', () => {
  it.each<[number, boolean, unknown]>([
    [1, false, { type: 'date', iso: '1900-01-01' }],
    [59, false, { type: 'date', iso: '1900-02-28' }],
    [60, false, { type: 'error', text: '#DATE!' }],
    [61, false, { type: 'date', iso: '1900-03-01' }],
    [45356, false, { type: 'date', iso: '2024-03-05' }],
    [45356.5, false, { type: 'date', iso: '2024-03-05T12:00:00' }],
    [45356 + 8 / 24 + 30 / 1440, false, { type: 'date', iso: '2024-03-05T08:30:00' }],
    [45356.999999, false, { type: 'date', iso: '2024-03-06' }],
    [0.375, false, { type: 'text', text: '09:00' }],
    [0.5 + 1 / 86400, false, { type: 'text', text: '12:00:01' }],
    [0, true, { type: 'date', iso: '1904-01-01' }],
    [0.5, true, { type: 'date', iso: '1904-01-01T12:00:00' }],
    [1, true, { type: 'date', iso: '1904-01-02' }],
    [43894, true, { type: 'date', iso: '2024-03-05' }],
    [-1, false, { type: 'error', text: '#DATE!' }],
    [3_000_000, false, { type: 'error', text: '#DATE!' }],
  ])('%d (1904: %s)', (serial, date1904, expected) => {
    expect(serialToDateCell(serial, date1904)).toEqual(expected);
  });
});

const STYLES = `<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
  <numFmts count="3">
    <numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>
    <numFmt numFmtId="165" formatCode="0.000"/>
    <numFmt numFmtId="14" formatCode="0"/>
  </numFmts>
  <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
  <cellXfs count="6">
    <xf numFmtId="0" fontId="0"/>
    <xf numFmtId="164" fontId="0" applyNumberFormat="1"/>
    <xf numFmtId="165"/>
    <xf numFmtId="22"><alignment horizontal="left"/></xf>
    <xf numFmtId="14"/>
    <xf numFmtId="31"/>
  </cellXfs>
</styleSheet>`;

describe('parseDateStyles', () => {
  it('maps each cell style to date or not, custom formats overriding built-in ids', () => {
    expect(parseDateStyles(STYLES)).toEqual([false, true, false, true, false, true]);
  });

  it('reads the date system of the workbook', () => {
    expect(usesDate1904('<workbook><workbookPr date1904="1"/></workbook>')).toBe(true);
    expect(usesDate1904('<workbook><workbookPr defaultThemeVersion="1"/></workbook>')).toBe(false);
  });

  it('lets the sheet parser turn numbers in date styles into dates, and only those', () => {
    const rows: ParsedRow[] = [];
    const parser = new SheetParser([], (row) => rows.push(row), {
      dateStyles: parseDateStyles(STYLES),
      date1904: false,
    });
    parser.push(
      '<worksheet><sheetData><row r="1"><c r="A1" s="1"><v>45356</v></c><c r="B1" s="2"><v>45356</v></c>' +
        '<c r="C1" s="3"><v>45356.75</v></c><c r="D1" s="1" t="str"><v>文本</v></c><c r="E1"><v>7</v></c></row></sheetData></worksheet>',
    );
    parser.end();
    expect(rows[0]?.cells).toEqual([
      { type: 'date', iso: '2024-03-05' },
      { type: 'number', value: 45356 },
      { type: 'date', iso: '2024-03-05T18:00:00' },
      { type: 'text', text: '文本' },
      { type: 'number', value: 7 },
    ]);
  });
});
