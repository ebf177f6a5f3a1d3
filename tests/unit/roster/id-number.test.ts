/**
 * ID number validation. Valid numbers in these tables were computed independently of the code
 * under test (GB 11643 weights worked out by hand / in a separate script), so a wrong weight or
 * mapping in idCheckDigit fails here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildIdNumber,
  checkIdNumber,
  idCheckDigit,
  maskIdNumber,
  normalizeIdNumber,
} from '@shared/domain/roster/id-number';

const TODAY = '2025-06-01';

type Ok = { ok: true; id: string; birth: string; gender: '男' | '女' };
type Bad = { ok: false; code: string };
type Case = [label: string, input: string, expected: Ok | Bad, today?: string];

const ok = (id: string, birth: string, gender: '男' | '女'): Ok => ({
  ok: true,
  id,
  birth,
  gender,
});
const bad = (code: string): Bad => ({ ok: false, code });

const CASES: Case[] = [
  // every check value 0–9 and X
  ['check 0', '110105198507150040', ok('110105198507150040', '1985-07-15', '女')],
  ['check 1', '110105198507150091', ok('110105198507150091', '1985-07-15', '男')],
  ['check 2', '110105198507150032', ok('110105198507150032', '1985-07-15', '男')],
  ['check 3', '110105198507150083', ok('110105198507150083', '1985-07-15', '女')],
  ['check 4', '110105198507150024', ok('110105198507150024', '1985-07-15', '女')],
  ['check 5', '110105198507150075', ok('110105198507150075', '1985-07-15', '男')],
  ['check 6', '110105198507150016', ok('110105198507150016', '1985-07-15', '男')],
  ['check 7', '110105198507150067', ok('110105198507150067', '1985-07-15', '女')],
  ['check 8', '110105198507150008', ok('110105198507150008', '1985-07-15', '女')],
  ['check 9', '110105198507150059', ok('110105198507150059', '1985-07-15', '男')],
  ['check X', '11010519850715018X', ok('11010519850715018X', '1985-07-15', '女')],
  ['GB 11643 example', '11010519491231002X', ok('11010519491231002X', '1949-12-31', '女')],
  ['other area', '330106196811103458', ok('330106196811103458', '1968-11-10', '男')],
  // x and full-width input
  ['lower-case x', '11010519491231002x', ok('11010519491231002X', '1949-12-31', '女')],
  [
    'full-width digits and X',
    '１１０１０５１９４９１２３１００２Ｘ',
    ok('11010519491231002X', '1949-12-31', '女'),
  ],
  [
    'full-width lower x',
    '１１０１０５１９４９１２３１００２ｘ',
    ok('11010519491231002X', '1949-12-31', '女'),
  ],
  ['mixed widths', '110105１９４９1231002X', ok('11010519491231002X', '1949-12-31', '女')],
  // spaces of every kind
  ['spaces inside', '110105 19491231 002X', ok('11010519491231002X', '1949-12-31', '女')],
  [
    'ideographic spaces',
    '110105\u300019491231\u3000002X',
    ok('11010519491231002X', '1949-12-31', '女'),
  ],
  ['NBSP', '\u00a011010519491231002X\u00a0', ok('11010519491231002X', '1949-12-31', '女')],
  ['tab and newline', '\t11010519491231002X\n', ok('11010519491231002X', '1949-12-31', '女')],
  [
    'leading and trailing spaces',
    '   110105198507150040   ',
    ok('110105198507150040', '1985-07-15', '女'),
  ],
  ['zero-width space', '110105\u200b198507150040', ok('110105198507150040', '1985-07-15', '女')],
  ['BOM', '\ufeff110105198507150040', ok('110105198507150040', '1985-07-15', '女')],
  ['leading apostrophe', "'110105198507150040", ok('110105198507150040', '1985-07-15', '女')],
  // leap days
  ['29 Feb 2000 (leap, /400)', '320102200002291235', ok('320102200002291235', '2000-02-29', '男')],
  ['29 Feb 1996 (leap)', '440306199602294569', ok('440306199602294569', '1996-02-29', '女')],
  ['29 Feb 1900 (not leap, /100)', '620102190002291232', bad('ID_BIRTH_DATE')],
  ['29 Feb 1999 (not leap)', '440306199902294569', bad('ID_BIRTH_DATE')],
  ['29 Feb 2001 (not leap)', '440306200102294569', bad('ID_BIRTH_DATE')],
  ['30 Feb 2000', '320102200002301235', bad('ID_BIRTH_DATE')],
  // impossible dates
  ['month 13', '110105199913010019', bad('ID_BIRTH_DATE')],
  ['month 00', '110105199900150019', bad('ID_BIRTH_DATE')],
  ['day 00', '110105199901000019', bad('ID_BIRTH_DATE')],
  ['day 32', '110105199901320019', bad('ID_BIRTH_DATE')],
  ['31 April', '110105199904310019', bad('ID_BIRTH_DATE')],
  ['31 June', '110105199906310019', bad('ID_BIRTH_DATE')],
  ['year 1899', '110105189912310019', bad('ID_BIRTH_DATE')],
  ['year 0000', '110105000001010019', bad('ID_BIRTH_DATE')],
  // future and implausible ages (relative to today)
  ['born today', '510107202506010018', ok('510107202506010018', '2025-06-01', '男'), TODAY],
  ['born tomorrow', '510107202506020018', bad('ID_BIRTH_DATE'), TODAY],
  ['born next year', '510107202601010018', bad('ID_BIRTH_DATE'), TODAY],
  ['older than 120', '110105190401010019', bad('ID_BIRTH_DATE'), TODAY],
  [
    '120 years allowed without today',
    '110105190401010019',
    ok('110105190401010019', '1904-01-01', '男'),
  ],
  ['exactly 120 years', '620102190506011238', ok('620102190506011238', '1905-06-01', '男'), TODAY],
  ['120 years and a day', '620102190505311239', bad('ID_BIRTH_DATE'), TODAY],
  // 15-digit first-generation numbers
  ['15-digit old number', '110105491231002', bad('ID_OLD_15')],
  ['15-digit full-width', '１１０１０５４９１２３１００２', bad('ID_OLD_15')],
  ['15-digit with spaces', '110105 491231 002', bad('ID_OLD_15')],
  ['15 characters ending X', '11010549123100X', bad('ID_LENGTH')],
  // wrong lengths
  ['17 digits', '11010519491231002', bad('ID_LENGTH')],
  ['19 characters', '11010519491231002X1', bad('ID_CHARS')],
  ['19 digits', '1101051949123100201', bad('ID_LENGTH')],
  ['16 digits', '1101051949123100', bad('ID_LENGTH')],
  ['one digit', '1', bad('ID_LENGTH')],
  ['20 digits', '11010519491231002000', bad('ID_LENGTH')],
  // characters
  ['letter inside', '11010519491231A02X', bad('ID_CHARS')],
  ['X in the middle', '1101051949123X0021', bad('ID_CHARS')],
  ['two X', '1101051949123100XX', bad('ID_CHARS')],
  ['dashes', '110105-19491231-002X', bad('ID_CHARS')],
  ['Chinese characters', '身份证110105194912', bad('ID_CHARS')],
  ['letter O for zero', '11O10519491231002X', bad('ID_CHARS')],
  ['scientific notation text', '3.20102E+17', bad('ID_STORED_AS_NUMBER')],
  ['scientific lower-case e', '3.20102e+17', bad('ID_STORED_AS_NUMBER')],
  // empty
  ['empty', '', bad('ID_EMPTY')],
  ['spaces only', '   ', bad('ID_EMPTY')],
  ['ideographic space only', '\u3000', bad('ID_EMPTY')],
  // check digit
  ['check 2 written as 3', '110105198507150033', bad('ID_CHECK_DIGIT')],
  ['X where 8 belongs', '11010519850715000X', bad('ID_CHECK_DIGIT')],
  ['0 where X belongs', '110105194912310020', bad('ID_CHECK_DIGIT')],
  ['one digit mistyped', '110105198507150140', bad('ID_CHECK_DIGIT')],
  ['two digits swapped', '110105198507150400', bad('ID_CHECK_DIGIT')],
];

describe('checkIdNumber', () => {
  it('has at least 60 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
  });

  it.each(CASES)('%s: %s', (_label, input, expected, today) => {
    const result = checkIdNumber(input, today);
    if (expected.ok) {
      expect(result).toEqual({
        ok: true,
        idNumber: expected.id,
        birthDate: expected.birth,
        gender: expected.gender,
      });
    } else {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.code).toBe(expected.code);
        expect(result.message).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('says a 15-digit number must be replaced by the 18-digit one', () => {
    const result = checkIdNumber('110105491231002');
    expect(result.ok ? '' : result.message).toMatch(/15 位.*18 位/);
  });

  it('does not reveal the expected check digit', () => {
    const result = checkIdNumber('110105198507150033');
    expect(result.ok ? '' : result.message).toMatch(/校验位/);
    expect(result.ok ? '' : result.message).not.toMatch(/应为|应该是|正确的是/);
  });

  it('names the impossible date', () => {
    const result = checkIdNumber('110105199913010019');
    expect(result.ok ? '' : result.message).toContain('19991301');
  });

  it('lists the invalid characters', () => {
    const result = checkIdNumber('11010519491231A02X');
    expect(result.ok ? '' : result.message).toContain('“A”');
  });

  it('cuts hostile long input short in the message', () => {
    const result = checkIdNumber('9'.repeat(100_000));
    expect(result.ok).toBe(false);
    expect(result.ok ? 0 : result.message.length).toBeLessThan(200);
  });
});

describe('idCheckDigit', () => {
  it.each([
    ['11010519491231002', 'X'],
    ['11010519850715004', '0'],
    ['11010519850715009', '1'],
    ['33010619681110345', '8'],
  ])('%s → %s', (first17, expected) => {
    expect(idCheckDigit(first17)).toBe(expected);
  });

  it('rejects anything but 17 digits', () => {
    expect(() => idCheckDigit('1101051949123100')).toThrow(RangeError);
    expect(() => idCheckDigit('1101051949123100X')).toThrow(RangeError);
  });
});

describe('buildIdNumber', () => {
  it('builds valid numbers with the gender in the sequence parity', () => {
    const male = buildIdNumber('390102', '1990-03-07', 123);
    const female = buildIdNumber('390102', '1990-03-07', 124);
    expect(male.slice(0, 17)).toBe('39010219900307123');
    expect(checkIdNumber(male)).toMatchObject({ ok: true, gender: '男', birthDate: '1990-03-07' });
    expect(checkIdNumber(female)).toMatchObject({ ok: true, gender: '女' });
  });

  it('rejects malformed parts', () => {
    expect(() => buildIdNumber('39010', '1990-03-07', 1)).toThrow(RangeError);
    expect(() => buildIdNumber('390102', '1990-3-7', 1)).toThrow(RangeError);
    expect(() => buildIdNumber('390102', '1990-03-07', 1000)).toThrow(RangeError);
  });
});

describe('normalizeIdNumber', () => {
  it.each([
    ['１１０１０５１９４９１２３１００２ｘ', '11010519491231002X'],
    [' 110105\u3000194912\u00a031002x ', '11010519491231002X'],
    ['abc', 'abc'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeIdNumber(input)).toBe(expected);
  });
});

describe('maskIdNumber', () => {
  it.each([
    ['11010519491231002X', '110105********002X'],
    ['110105198507150040', '110105********0040'],
    ['1234567890', '******7890'],
    ['123', '***'],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(maskIdNumber(input)).toBe(expected);
  });

  it('keeps 18 characters for an 18-character number', () => {
    expect(maskIdNumber('11010519491231002X')).toHaveLength(18);
  });
});

describe('properties', () => {
  const validId = fc
    .record({
      area: fc.integer({ min: 110000, max: 829999 }),
      day: fc.integer({ min: 0, max: 36_500 }),
      sequence: fc.integer({ min: 0, max: 999 }),
    })
    .map(({ area, day, sequence }) => {
      const birth = new Date(Date.UTC(1920, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
      return buildIdNumber(String(area), birth, sequence);
    });

  it('accepts every number built with its check digit, in any width or spacing', () => {
    fc.assert(
      fc.property(validId, fc.boolean(), (id, fullWidth) => {
        const written = fullWidth
          ? Array.from(id, (ch) => String.fromCodePoint((ch.codePointAt(0) ?? 0) + 0xfee0)).join('')
          : `${id.slice(0, 6)} ${id.slice(6)}`.toLowerCase();
        expect(checkIdNumber(written)).toMatchObject({ ok: true, idNumber: id });
      }),
    );
  });

  it('rejects every single mistyped digit (MOD 11-2 catches all substitutions)', () => {
    fc.assert(
      fc.property(
        validId,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 9 }),
        (id, at, shift) => {
          const chars = Array.from(id);
          const old = chars[at] ?? '0';
          chars[at] = old === 'X' ? String(shift) : String((Number(old) + shift) % 10);
          expect(checkIdNumber(chars.join('')).ok).toBe(false);
        },
      ),
    );
  });

  it('normalizes idempotently', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("'", '‘', ' ', '\u3000', 'x', 'ｘ', '１', '1', 'X') }),
        (raw) => {
          const once = normalizeIdNumber(raw);
          expect(normalizeIdNumber(once)).toBe(once);
        },
      ),
    );
  });
});
