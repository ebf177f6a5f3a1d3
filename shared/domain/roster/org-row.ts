/**
 * Validation of one row of an org-unit list (单位名称, 类型, 上级单位, 代码). Offices describe unit
 * kinds in many words (区县, 县级市, 九年一贯制学校…); they fold to the four kinds of the tree.
 */
import { type OrgKind, type RowError } from '@shared/api/common.schemas';
import { dataCellText, type SheetCell } from './cell';
import { ORG_FIELDS, type OrgField } from './header-match';
import { charLength, collapseSpaces, quoteValue, removeAllSpaces, toHalfWidth } from './text';

export interface NormalizedOrg {
  name: string;
  kind: OrgKind;
  parentName: string | null;
  code: string | null;
}

export const ORG_NAME_MAX_CHARS = 100;
export const ORG_CODE_MAX_CHARS = 32;

const KIND_LABELS: Record<OrgKind, string> = {
  province: '省',
  city: '市',
  district: '区县',
  school: '学校',
};

const KIND_SYNONYMS: Record<string, OrgKind> = {
  province: 'province',
  省: 'province',
  省级: 'province',
  省份: 'province',
  自治区: 'province',
  city: 'city',
  市: 'city',
  市级: 'city',
  地级市: 'city',
  设区市: 'city',
  设区的市: 'city',
  地区: 'city',
  自治州: 'city',
  盟: 'city',
  district: 'district',
  区: 'district',
  县: 'district',
  区县: 'district',
  县区: 'district',
  '区(县)': 'district',
  '县(区)': 'district',
  '区(县、市)': 'district',
  '县(市、区)': 'district',
  '县(市区)': 'district',
  县级: 'district',
  区县级: 'district',
  县级市: 'district',
  市辖区: 'district',
  自治县: 'district',
  旗: 'district',
  school: 'school',
  学校: 'school',
  小学: 'school',
  中学: 'school',
  初中: 'school',
  高中: 'school',
  初级中学: 'school',
  高级中学: 'school',
  完全中学: 'school',
  九年一贯制: 'school',
  九年一贯制学校: 'school',
  十二年一贯制: 'school',
  十二年一贯制学校: 'school',
  幼儿园: 'school',
  中职: 'school',
  中职学校: 'school',
  中等职业学校: 'school',
  职业学校: 'school',
  职高: 'school',
  中专: 'school',
  特殊教育学校: 'school',
  特教学校: 'school',
  教学点: 'school',
};

/** The kind named by a cell of the 类型 column, or null. */
export function parseOrgKind(text: string): OrgKind | null {
  const k = removeAllSpaces(toHalfWidth(text)).toLowerCase();
  return KIND_SYNONYMS[k] ?? null;
}

function columnOf(field: OrgField, labels: Partial<Record<OrgField, string>>): string {
  return labels[field] ?? ORG_FIELDS.find((f) => f.field === field)?.label ?? field;
}

export function validateOrgRow(
  cells: Partial<Record<OrgField, SheetCell>>,
  rowNumber: number,
  columnLabels: Partial<Record<OrgField, string>>,
): { org: NormalizedOrg | null; errors: RowError[] } {
  const errors: RowError[] = [];
  const report = (field: OrgField, code: string, message: string): void => {
    errors.push({ row: rowNumber, column: columnOf(field, columnLabels), code, message });
  };
  const textOf = (field: OrgField): string | null => {
    const cell = cells[field];
    // Codes typed as numbers (e.g. 3201) are text here.
    if (cell?.type === 'number' && Number.isSafeInteger(cell.value)) return String(cell.value);
    const value = dataCellText(cell, (code, message) => report(field, code, message));
    return value === null ? null : collapseSpaces(value);
  };

  let name: string | null = null;
  const nameText = textOf('name');
  if (nameText !== null) {
    if (nameText === '') report('name', 'ORG_NAME_EMPTY', '单位名称为空。');
    else if (charLength(nameText) > ORG_NAME_MAX_CHARS) {
      report('name', 'ORG_NAME_TOO_LONG', `单位名称超过 ${ORG_NAME_MAX_CHARS} 个字，请核对。`);
    } else name = nameText;
  }

  let kind: OrgKind | null = null;
  const kindText = textOf('kind');
  if (kindText !== null) {
    if (kindText === '') {
      report('kind', 'ORG_KIND_EMPTY', '类型为空，请填写：省、市、区县或学校。');
    } else {
      kind = parseOrgKind(kindText);
      if (kind === null) {
        report(
          'kind',
          'ORG_KIND_INVALID',
          `类型${quoteValue(kindText)}无法识别，请填写：${Object.values(KIND_LABELS).join('、')}（幼儿园、中职学校也填“学校”）。`,
        );
      }
    }
  }

  let parentName: string | null = null;
  let parentOk = true;
  const parentText = textOf('parentName');
  if (parentText === null) parentOk = false;
  else if (parentText !== '') {
    if (kind === 'province') {
      parentOk = false;
      report('parentName', 'ORG_PARENT_UNEXPECTED', '省级单位是最上一级，“上级单位”应留空。');
    } else if (name !== null && parentText === name) {
      parentOk = false;
      report('parentName', 'ORG_PARENT_SELF', '上级单位不能是单位自己。');
    } else parentName = parentText;
  } else if (kind !== null && kind !== 'province') {
    parentOk = false;
    report('parentName', 'ORG_PARENT_EMPTY', `${KIND_LABELS[kind]}级单位必须填写上级单位。`);
  }

  let code: string | null = null;
  let codeOk = true;
  const codeText = textOf('code');
  if (codeText === null) codeOk = false;
  else {
    const compact = removeAllSpaces(toHalfWidth(codeText));
    if (compact !== '') {
      if (!/^[0-9A-Za-z_-]+$/.test(compact) || compact.length > ORG_CODE_MAX_CHARS) {
        codeOk = false;
        report(
          'code',
          'ORG_CODE_INVALID',
          `代码${quoteValue(codeText)}无效：只能是不超过 ${ORG_CODE_MAX_CHARS} 位的数字、字母、“-”或“_”。`,
        );
      } else code = compact;
    }
  }

  if (errors.length > 0 || name === null || kind === null || !parentOk || !codeOk) {
    return { org: null, errors };
  }
  return { org: { name, kind, parentName, code }, errors };
}
