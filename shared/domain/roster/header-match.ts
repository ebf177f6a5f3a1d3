/**
 * Finds the header row of a roster sheet and maps its columns to fields. Offices build their own
 * sheets: a merged title line above the header, required markers (*姓名, 身份证号（必填）), line
 * breaks inside header cells, any column order, and many names for the same thing. Matching is by
 * exact normalised name (never by substring: 毕业学校 is not 学校).
 */
import { fragment } from '../text-fragment';
import { collapseSpaces, quoteValue, removeAllSpaces, toHalfWidth } from './text';

export interface FieldSpec<F extends string> {
  field: F;
  /** The canonical Chinese header, used in messages and templates. */
  label: string;
  required: boolean;
  synonyms: string[];
}

export type TeacherField =
  | 'name'
  | 'idNumber'
  | 'gender'
  | 'school'
  | 'stages'
  | 'subject'
  | 'title'
  | 'mobile'
  | 'employmentStatus';

export type OrgField = 'name' | 'kind' | 'parentName' | 'code';

export const TEACHER_FIELDS: FieldSpec<TeacherField>[] = [
  {
    field: 'name',
    label: '姓名',
    required: true,
    synonyms: ['教师姓名', '名字', '教职工姓名', '职工姓名', '老师姓名', '学员姓名'],
  },
  {
    field: 'idNumber',
    label: '身份证号',
    required: true,
    synonyms: [
      '身份证号码',
      '证件号码',
      '证件号',
      '身份证',
      '公民身份号码',
      '居民身份证号码',
      '身份证件号码',
      '身份证件号',
    ],
  },
  { field: 'gender', label: '性别', required: false, synonyms: [] },
  {
    field: 'school',
    label: '学校',
    required: true,
    synonyms: [
      '单位',
      '学校名称',
      '所在学校',
      '单位名称',
      '人事关系所在学校',
      '人事关系所在单位',
      '工作单位',
      '所在单位',
      '任职学校',
      '学校全称',
    ],
  },
  {
    field: 'stages',
    label: '学段',
    required: true,
    synonyms: ['任教学段', '所在学段', '所属学段'],
  },
  {
    field: 'subject',
    label: '学科',
    required: false,
    synonyms: ['任教学科', '所教学科', '任教科目', '科目', '主教学科', '学科名称'],
  },
  {
    field: 'title',
    label: '职称',
    required: false,
    synonyms: [
      '专业技术职称',
      '职称等级',
      '职称级别',
      '专业技术职务',
      '现任专业技术职务',
      '现职称',
    ],
  },
  {
    field: 'mobile',
    label: '手机号码',
    required: false,
    synonyms: [
      '手机',
      '手机号',
      '联系电话',
      '联系方式',
      '电话',
      '移动电话',
      '电话号码',
      '联系手机',
    ],
  },
  {
    field: 'employmentStatus',
    label: '在职状态',
    required: false,
    synonyms: ['任职状态', '状态', '人员状态', '在岗状态', '工作状态', '在职情况'],
  },
];

/**
 * The org-unit list. 上级单位 is required as a column (every unit but a province has a parent);
 * the row validator accepts it empty for a province.
 */
export const ORG_FIELDS: FieldSpec<OrgField>[] = [
  {
    field: 'name',
    label: '单位名称',
    required: true,
    synonyms: ['名称', '单位', '机构名称', '学校名称', '单位全称', '机构'],
  },
  {
    field: 'kind',
    label: '类型',
    required: true,
    synonyms: ['单位类型', '机构类型', '类别', '单位类别', '层级', '级别'],
  },
  {
    field: 'parentName',
    label: '上级单位',
    required: true,
    synonyms: ['上级', '上级单位名称', '所属单位', '上级机构', '主管单位', '所属区县', '隶属单位'],
  },
  {
    field: 'code',
    label: '代码',
    required: false,
    synonyms: ['单位代码', '机构代码', '编码', '单位编码', '学校代码', '学校标识码', '标识码'],
  },
];

/**
 * Columns a roster commonly carries that the import does not read, skipped without a warning:
 * the app's own export writes 出生日期 (it comes from the ID number) and 区县 (it comes from the
 * school), and office sheets number their rows and keep notes. Reporting them as "unrecognised"
 * made a re-import of our own export look wrong.
 */
export const TEACHER_IGNORED_HEADERS: readonly string[] = [
  '序号',
  '编号',
  '出生日期',
  '出生年月',
  '出生年月日',
  '区县',
  '所属区县',
  '区/县',
  '县区',
  '备注',
  '说明',
];

/** The columns each field set knows but does not import (detectHeader's default). */
const IGNORED_HEADERS = new Map<readonly FieldSpec<string>[], readonly string[]>([
  [TEACHER_FIELDS, TEACHER_IGNORED_HEADERS],
]);

/** The rows searched for a header; a title block taller than this is not a roster we can read. */
export const HEADER_SEARCH_ROWS = 30;

const REQUIRED_MARK_SUFFIX = /\((必填|必填项|必填字段|选填|可选|非必填)\)$/u;

/**
 * Canonical form of a header cell: half-width, no spaces or line breaks, no required markers
 * (* or ＊ on either side, a trailing (必填)/(选填)), ASCII lower-cased.
 */
export function normalizeHeaderText(text: string): string {
  let s = removeAllSpaces(toHalfWidth(text)).toLowerCase();
  // No header is this long (the longest synonym with its markers is ≈ 30 characters), and the
  // loop below is quadratic in the worst case: a long cell is simply not a header.
  if (s.length > MAX_HEADER_CHARS) return s;
  for (;;) {
    const next = trimStars(s.replace(REQUIRED_MARK_SUFFIX, ''));
    if (next === s) return s;
    s = next;
  }
}

const MAX_HEADER_CHARS = 64;

/** Without the * marks at either end (a scan: /\*+$/ backtracks on a long run of stars). */
function trimStars(s: string): string {
  let from = 0;
  let to = s.length;
  while (from < to && s.charCodeAt(from) === 42) from += 1;
  while (to > from && s.charCodeAt(to - 1) === 42) to -= 1;
  return from === 0 && to === s.length ? s : s.slice(from, to);
}

/** A trailing hint like (18位), (男/女), [可多选], 【必填】 removed, for a second matching attempt. */
function withoutTrailingHint(normalized: string): string {
  return normalized.replace(/(\([^()]*\)|\[[^[\]]*\]|【[^【】]*】|<[^<>]*>)$/u, '');
}

export interface HeaderColumn<F extends string> {
  /** 0-based column index in the row. */
  index: number;
  /** The header as written in the file (spaces collapsed), used as the column name in errors. */
  header: string;
  field: F | null;
}

export interface HeaderDetection<F extends string> {
  /** 0-based index into the rows given to detectHeader. */
  headerRowIndex: number;
  /** Every non-empty header cell of that row, left to right. */
  columns: HeaderColumn<F>[];
  /**
   * Headers that match no field and are not known as ignored (reported to the user, their data
   * ignored). Known ignored columns (TEACHER_IGNORED_HEADERS) are in `columns` with field null only.
   */
  unknownColumns: string[];
  missingRequired: FieldSpec<F>[];
  /**
   * Fields matched by more than one column (e.g. both 学校 and 单位). Every such column keeps the
   * field; the import should stop and ask for one column, since either choice would be a guess.
   */
  duplicateFields: F[];
}

type Lookup<F extends string> = Map<string, F>;

const lookupCache = new WeakMap<readonly FieldSpec<string>[], Lookup<string>>();

function lookupFor<F extends string>(fields: readonly FieldSpec<F>[]): Lookup<F> {
  const cached = lookupCache.get(fields) as Lookup<F> | undefined;
  if (cached) return cached;
  const map: Lookup<F> = new Map();
  for (const spec of fields) {
    for (const name of [spec.label, ...spec.synonyms]) {
      const key = normalizeHeaderText(name);
      if (!map.has(key)) map.set(key, spec.field);
    }
  }
  lookupCache.set(fields, map as Lookup<string>);
  return map;
}

/** The field a single header cell names, or null. */
export function matchHeader<F extends string>(
  text: string,
  fields: readonly FieldSpec<F>[],
): F | null {
  const lookup = lookupFor(fields);
  const key = normalizeHeaderText(text);
  if (key === '') return null;
  return lookup.get(key) ?? lookup.get(withoutTrailingHint(key)) ?? null;
}

/**
 * Picks, among the first rows of a sheet, the one that names the most fields (the earliest on a
 * tie), so title rows and notes above the header are skipped. Null when no row names at least two
 * fields: then the sheet is not a roster and guessing a header row would only produce nonsense.
 */
export function detectHeader<F extends string>(
  rows: readonly (readonly string[])[],
  fields: readonly FieldSpec<F>[],
  ignoredHeaders: readonly string[] = IGNORED_HEADERS.get(fields) ?? [],
): HeaderDetection<F> | null {
  let bestIndex = -1;
  let bestScore = 1;
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < limit; r += 1) {
    const row = rows[r] ?? [];
    const found = new Set<F>();
    for (const cell of row) {
      const field = matchHeader(cell, fields);
      if (field !== null) found.add(field);
    }
    if (found.size > bestScore) {
      bestScore = found.size;
      bestIndex = r;
    }
  }
  if (bestIndex < 0) return null;

  const ignored = new Set(ignoredHeaders.map(normalizeHeaderText));
  const isIgnored = (cell: string): boolean => {
    const key = normalizeHeaderText(cell);
    return ignored.has(key) || ignored.has(withoutTrailingHint(key));
  };
  const row = rows[bestIndex] ?? [];
  const columns: HeaderColumn<F>[] = [];
  const unknownColumns: string[] = [];
  const seen = new Map<F, number>();
  row.forEach((cell, index) => {
    const header = collapseSpaces(cell);
    if (header === '') return;
    const field = matchHeader(cell, fields);
    columns.push({ index, header, field });
    // Shown to the user as a list: quoted short (a header cell can be 32,767 characters).
    if (field === null) {
      if (!isIgnored(cell)) unknownColumns.push(fragment(header));
    } else seen.set(field, (seen.get(field) ?? 0) + 1);
  });
  const missingRequired = fields.filter((spec) => spec.required && !seen.has(spec.field));
  const duplicateFields = fields
    .map((spec) => spec.field)
    .filter((field) => (seen.get(field) ?? 0) > 1);
  return { headerRowIndex: bestIndex, columns, unknownColumns, missingRequired, duplicateFields };
}

/**
 * The message that stops an import whose header cannot be used, or null when it can.
 * `detection` null means no header row was found at all.
 */
export function describeHeaderProblems<F extends string>(
  detection: HeaderDetection<F> | null,
  fields: readonly FieldSpec<F>[],
): string | null {
  const required = fields.filter((spec) => spec.required).map((spec) => spec.label);
  if (detection === null) {
    return (
      `在工作表的前 ${HEADER_SEARCH_ROWS} 行中没有找到表头。` +
      `请确认表头一行包含这些列：${required.join('、')}。`
    );
  }
  const problems: string[] = [];
  if (detection.missingRequired.length > 0) {
    problems.push(
      `缺少必填列：${detection.missingRequired.map((spec) => spec.label).join('、')}。` +
        '请在表头中添加这些列后再导入。',
    );
  }
  if (detection.duplicateFields.length > 0) {
    const parts = detection.duplicateFields.map((field) => {
      const headers = detection.columns
        .filter((c) => c.field === field)
        .map((c) => quoteValue(c.header, 40));
      const label = fields.find((spec) => spec.field === field)?.label ?? field;
      return `${headers.join('和')}都表示“${label}”`;
    });
    problems.push(`${parts.join('；')}，请只保留其中一列。`);
  }
  return problems.length > 0 ? problems.join('') : null;
}
