import { describe, expect, it } from 'vitest';
import {
  cellText,
  excelGeneralNumber,
  isBlankCell,
  type SheetCell,
} from '@shared/domain/roster/cell';
import { neutralizeFormulaText } from '@shared/domain/roster/export-safety';
import { checkMobile, normalizeMobile } from '@shared/domain/roster/mobile';

describe('checkMobile', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['19912345678', '19912345678'],
    ['+8613812345678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['0086-138-1234-5678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['(+86)13812345678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'],
    ['138\u30001234\u30005678', '13812345678'],
    ['138—1234—5678', '13812345678'],
  ])('%j → %s', (input, mobile) => {
    expect(checkMobile(input)).toEqual({ ok: true, mobile });
  });

  it.each([
    ['', 'MOBILE_EMPTY'],
    ['  ', 'MOBILE_EMPTY'],
    ['12812345678', 'MOBILE_FORMAT'],
    ['1381234567', 'MOBILE_FORMAT'],
    ['138123456789', 'MOBILE_FORMAT'],
    ['1381234567a', 'MOBILE_FORMAT'],
    ['+1 415 555 0100', 'MOBILE_FORMAT'],
    ['0571-88886666', 'MOBILE_LANDLINE'],
    ['010-12345678', 'MOBILE_LANDLINE'],
  ])('%j → %s', (input, code) => {
    const result = checkMobile(input);
    expect(result).toMatchObject({ ok: false, code });
    expect(result.ok ? '' : result.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('says how many digits a wrong-length number has', () => {
    const result = checkMobile('1381234567');
    expect(result.ok ? '' : result.message).toContain('10 位');
  });

  it('normalizes without validating', () => {
    expect(normalizeMobile(' +86 123 ')).toBe('+86123');
  });
});

describe('cellText', () => {
  it.each<[SheetCell | undefined, string]>([
    [undefined, ''],
    [{ type: 'empty' }, ''],
    [{ type: 'text', text: ' 张三 ' }, ' 张三 '],
    [{ type: 'number', value: 42 }, '42'],
    [{ type: 'number', value: 13812345678 }, '13812345678'],
    [{ type: 'number', value: Number('320102199003071234') }, '3.20102E+17'],
    [{ type: 'number', value: 110105491231002 }, '1.10105E+14'],
    [{ type: 'number', value: 0.1 + 0.2 }, '0.3'],
    [{ type: 'date', iso: '2024-09-01' }, '2024-09-01'],
    [{ type: 'date', iso: '2024-09-01T00:00:00.000Z' }, '2024-09-01'],
    [{ type: 'bool', value: true }, 'TRUE'],
    [{ type: 'formula', formula: 'SUM(A1:A3)' }, '=SUM(A1:A3)'],
    [{ type: 'formula', formula: '=A1' }, '=A1'],
    [{ type: 'error', text: '#N/A' }, '#N/A'],
  ])('%j → %j', (cell, expected) => {
    expect(cellText(cell)).toBe(expected);
  });

  it.each([
    [1e11, '1E+11'],
    [123456789012, '1.23457E+11'],
    [99999999999, '99999999999'],
    [-Number('320102199003071234'), '-3.20102E+17'],
    [1e-10, '1E-10'],
  ])('excelGeneralNumber(%d) → %s', (value, expected) => {
    expect(excelGeneralNumber(value)).toBe(expected);
  });

  it('treats whitespace-only text as blank', () => {
    expect(isBlankCell({ type: 'text', text: ' \u3000\u200b' })).toBe(true);
    expect(isBlankCell({ type: 'text', text: '0' })).toBe(false);
    expect(isBlankCell({ type: 'number', value: 0 })).toBe(false);
  });
});

describe('neutralizeFormulaText', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+8613812345678', "'+8613812345678"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['  =HYPERLINK("http://x")', '\'  =HYPERLINK("http://x")'],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['\tplain', "'\tplain"],
    ['\u3000=1', "'\u3000=1"],
    ['＝1+1', "'＝1+1"],
    ['张三', '张三'],
    ['a=b', 'a=b'],
    ['1-2', '1-2'],
    ['', ''],
    ["'=already", "'=already"],
  ])('%j → %j', (input, expected) => {
    expect(neutralizeFormulaText(input)).toBe(expected);
  });
});
