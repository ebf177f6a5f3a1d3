import { describe, expect, it } from 'vitest';
import { type SheetCell } from '@shared/domain/roster/cell';
import { type OrgField } from '@shared/domain/roster/header-match';
import { parseOrgKind, validateOrgRow } from '@shared/domain/roster/org-row';

const text = (t: string): SheetCell => ({ type: 'text', text: t });
type Cells = Partial<Record<OrgField, SheetCell>>;
const SCHOOL: Cells = {
  name: text('示范市东湖区实验小学'),
  kind: text('学校'),
  parentName: text('示范市东湖区'),
  code: text('3901020001'),
};

describe('parseOrgKind', () => {
  it.each([
    ['省', 'province'],
    ['省级', 'province'],
    ['自治区', 'province'],
    ['市', 'city'],
    ['地级市', 'city'],
    ['设区市', 'city'],
    ['区', 'district'],
    ['县', 'district'],
    ['区县', 'district'],
    ['县级市', 'district'],
    ['区(县)', 'district'],
    ['区（县）', 'district'],
    ['学校', 'school'],
    ['小学', 'school'],
    ['中学', 'school'],
    ['幼儿园', 'school'],
    ['完全中学', 'school'],
    ['九年一贯制学校', 'school'],
    ['中等职业学校', 'school'],
    [' School ', 'school'],
    ['乡镇', null],
    ['', null],
  ])('%j → %s', (input, expected) => {
    expect(parseOrgKind(input)).toBe(expected);
  });
});

describe('validateOrgRow', () => {
  it('normalises a school row', () => {
    expect(validateOrgRow(SCHOOL, 3, {})).toEqual({
      org: {
        name: '示范市东湖区实验小学',
        kind: 'school',
        parentName: '示范市东湖区',
        code: '3901020001',
      },
      errors: [],
    });
  });

  it('accepts a province without a parent and an absent code column', () => {
    const result = validateOrgRow(
      { name: text('示范省'), kind: text('省'), parentName: { type: 'empty' } },
      2,
      {},
    );
    expect(result).toEqual({
      org: { name: '示范省', kind: 'province', parentName: null, code: null },
      errors: [],
    });
  });

  it('keeps a numeric code as its digits', () => {
    expect(
      validateOrgRow({ ...SCHOOL, code: { type: 'number', value: 390102 } }, 2, {}).org?.code,
    ).toBe('390102');
  });

  it.each<[string, Cells, string]>([
    ['empty name', { name: text(' ') }, 'ORG_NAME_EMPTY'],
    ['name too long', { name: text('校'.repeat(101)) }, 'ORG_NAME_TOO_LONG'],
    ['empty kind', { kind: { type: 'empty' } }, 'ORG_KIND_EMPTY'],
    ['unknown kind', { kind: text('乡镇') }, 'ORG_KIND_INVALID'],
    ['school without parent', { parentName: { type: 'empty' } }, 'ORG_PARENT_EMPTY'],
    [
      'province with parent',
      { kind: text('省'), parentName: text('教育部') },
      'ORG_PARENT_UNEXPECTED',
    ],
    ['own parent', { parentName: text('示范市东湖区实验小学') }, 'ORG_PARENT_SELF'],
    ['bad code', { code: text('39-01 02?') }, 'ORG_CODE_INVALID'],
    ['code too long', { code: text('1'.repeat(33)) }, 'ORG_CODE_INVALID'],
    ['formula', { name: { type: 'formula', formula: 'A1' } }, 'FORMULA_CELL'],
    ['error value', { parentName: { type: 'error', text: '#REF!' } }, 'CELL_ERROR'],
    ['garbled name', { name: text('示范市\ufffd湖区') }, 'CELL_GARBLED'],
  ])('%s → %s', (_label, overrides, code) => {
    const result = validateOrgRow({ ...SCHOOL, ...overrides }, 9, {
      name: '单位名称',
      kind: '单位类型',
    });
    expect(result.org).toBeNull();
    expect(result.errors.map((e) => e.code)).toEqual([code]);
    expect(result.errors[0]?.row).toBe(9);
    expect(result.errors[0]?.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('names the column as written in the file', () => {
    const result = validateOrgRow({ ...SCHOOL, kind: text('乡镇') }, 4, { kind: '单位类型' });
    expect(result.errors[0]?.column).toBe('单位类型');
  });
});
