/**
 * Validation of one roster row into a normalised teacher. Every problem becomes a RowError with the
 * sheet's own row number and the column header as written in the file, so the user can find and fix
 * it in their own workbook; a row with any error yields no teacher.
 */
import { type EmploymentStatus, type RowError, type Stage } from '@shared/api/common.schemas';
import { dataCellText, excelGeneralNumber, isBlankCell, type SheetCell } from './cell';
import { TEACHER_FIELDS, type TeacherField } from './header-match';
import { checkIdNumber, idStoredAsNumberMessage, type Gender } from './id-number';
import { checkMobile } from './mobile';
import { hasUnsafeCharacters } from '../text-fragment';
import { charLength, collapseSpaces, quoteValue, toHalfWidth } from './text';
import { parseEmploymentStatus, parseGender, parseStages, parseTitle } from './vocabulary';

export interface NormalizedTeacher {
  idNumber: string;
  name: string;
  gender: Gender;
  /** YYYY-MM-DD, from the ID number. */
  birthDate: string;
  /** As written in the roster (spaces collapsed); matched to an org unit by the import service. */
  schoolName: string;
  stages: Stage[];
  subject: string | null;
  title: string | null;
  mobile: string | null;
  employmentStatus: EmploymentStatus;
}

export const NAME_MAX_CHARS = 50;

export const SCHOOL_NAME_MAX_CHARS = 100;
export const SUBJECT_MAX_CHARS = 50;

const NAME_CHARS = /^[\p{Script=Han}\p{Script=Latin}· ]+$/u;
/** Middle dots people type instead of U+00B7 in names like 阿依古丽·买买提. */
const DOT_VARIANTS = /[•‧∙⋅・･.．]/gu;

export type NameCheck = { ok: true; name: string } | { ok: false; code: string; message: string };

/**
 * A person's name: Chinese characters or Latin letters, with · between parts of transliterated
 * names. Spaces inside Chinese names (张 三 with an ideographic space, typed to align two-character names) are removed;
 * spaces between Latin words are kept single.
 */
export function normalizeName(raw: string): NameCheck {
  const folded = collapseSpaces(toHalfWidth(raw).replace(DOT_VARIANTS, '·'));
  if (folded === '') return { ok: false, code: 'NAME_EMPTY', message: '姓名为空。' };
  const name = folded.replace(/ (?=[\p{Script=Han}·])|(?<=[\p{Script=Han}·]) /gu, '');
  if (charLength(name) > NAME_MAX_CHARS) {
    return {
      ok: false,
      code: 'NAME_TOO_LONG',
      message: `姓名${quoteValue(name)}超过 ${NAME_MAX_CHARS} 个字，请核对。`,
    };
  }
  const wellFormed =
    NAME_CHARS.test(name) &&
    /[\p{Script=Han}\p{Script=Latin}]/u.test(name) &&
    !name.startsWith('·') &&
    !name.endsWith('·') &&
    !name.includes('··');
  if (!wellFormed) {
    return {
      ok: false,
      code: 'NAME_CHARS',
      message: `姓名${quoteValue(name)}含有无效字符：只能是汉字或字母，少数民族或外国姓名的各部分之间用“·”分隔。`,
    };
  }
  return { ok: true, name };
}

export type FieldCheck<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

/** Characters that would make a stored value render as markup in some other program's page. */
const MARKUP = /[<>]/u;

/**
 * A subject: free text on one line, at most SUBJECT_MAX_CHARS characters, spaces folded; no
 * markup and no control or bidi characters (they would garble every list and export showing it).
 */
export function normalizeSubject(raw: string): FieldCheck<string | null> {
  const subject = collapseSpaces(raw);
  if (subject === '') return { ok: true, value: null };
  if (charLength(subject) > SUBJECT_MAX_CHARS) {
    return {
      ok: false,
      code: 'SUBJECT_TOO_LONG',
      message: `学科超过 ${SUBJECT_MAX_CHARS} 个字，请核对。`,
    };
  }
  if (MARKUP.test(subject) || hasUnsafeCharacters(subject)) {
    return {
      ok: false,
      code: 'SUBJECT_CHARS',
      message: `学科${quoteValue(subject)}含有无效字符（尖括号、控制字符或不可见的排版字符），请改正。`,
    };
  }
  return { ok: true, value: subject };
}

export interface TeacherEdit {
  name?: string;
  subject?: string | null;
  title?: string | null;
  mobile?: string | null;
}

/**
 * The fields a person edits by hand (roster/update), checked and normalised exactly as an import
 * checks the same columns: one validation of a teacher for both paths, so a name the importer
 * refuses (NUL, U+202E, markup) cannot be typed in instead. Absent fields stay absent; null
 * clears an optional field.
 */
export function checkTeacherEdit(
  edit: TeacherEdit,
): { ok: true; value: TeacherEdit } | { ok: false; field: TeacherField; message: string } {
  const value: TeacherEdit = {};
  if (edit.name !== undefined) {
    const checked = normalizeName(edit.name);
    if (!checked.ok) return { ok: false, field: 'name', message: checked.message };
    value.name = checked.name;
  }
  if (edit.subject !== undefined) {
    const checked = edit.subject === null ? null : normalizeSubject(edit.subject);
    if (checked && !checked.ok) return { ok: false, field: 'subject', message: checked.message };
    value.subject = checked ? checked.value : null;
  }
  if (edit.title !== undefined) {
    const checked = edit.title === null ? null : parseTitle(edit.title);
    if (checked && !checked.ok) return { ok: false, field: 'title', message: checked.message };
    value.title = checked ? checked.value : null;
  }
  if (edit.mobile !== undefined) {
    const text = edit.mobile === null ? '' : edit.mobile;
    if (isBlankCell({ type: 'text', text })) value.mobile = null;
    else {
      const checked = checkMobile(text);
      if (!checked.ok) return { ok: false, field: 'mobile', message: checked.message };
      value.mobile = checked.mobile;
    }
  }
  return { ok: true, value };
}

function columnOf(field: TeacherField, labels: Partial<Record<TeacherField, string>>): string {
  return labels[field] ?? TEACHER_FIELDS.find((f) => f.field === field)?.label ?? field;
}

/**
 * Validates one data row. `cells` holds the cells of the mapped columns (absent = no such column),
 * `rowNumber` is the sheet's own row number, `columnLabels` the headers as written in the file, and
 * `today` (YYYY-MM-DD) bounds the birth dates.
 */
export function validateTeacherRow(
  cells: Partial<Record<TeacherField, SheetCell>>,
  rowNumber: number,
  columnLabels: Partial<Record<TeacherField, string>>,
  today: string,
): { teacher: NormalizedTeacher | null; errors: RowError[] } {
  const errors: RowError[] = [];
  const report = (field: TeacherField, code: string, message: string): void => {
    errors.push({ row: rowNumber, column: columnOf(field, columnLabels), code, message });
  };

  /** The cell's text, or null when the cell is a formula or an Excel error (already reported). */
  const textOf = (field: TeacherField): string | null =>
    dataCellText(cells[field], (code, message) => report(field, code, message));

  // Name
  let name: string | null = null;
  const nameText = textOf('name');
  if (nameText !== null) {
    const checked = normalizeName(nameText);
    if (checked.ok) name = checked.name;
    else report('name', checked.code, checked.message);
  }

  // ID number
  let id: { idNumber: string; birthDate: string; gender: Gender } | null = null;
  const idCell = cells.idNumber;
  // Excel keeps 15 significant digits: from 16 digits on, a number cell has lost some of them.
  const isShortInteger =
    idCell?.type === 'number' &&
    Number.isSafeInteger(idCell.value) &&
    Math.abs(idCell.value) < 1e15;
  if (idCell?.type === 'number' && !isShortInteger) {
    report(
      'idNumber',
      'ID_STORED_AS_NUMBER',
      idStoredAsNumberMessage(excelGeneralNumber(idCell.value)),
    );
  } else {
    const idText = idCell?.type === 'number' ? String(idCell.value) : textOf('idNumber');
    if (idText !== null) {
      const checked = checkIdNumber(idText, today);
      if (checked.ok) id = checked;
      else report('idNumber', checked.code, checked.message);
    }
  }

  // Gender column (optional): must agree with the ID number.
  if (cells.gender !== undefined && !isBlankCell(cells.gender)) {
    const genderText = textOf('gender');
    if (genderText !== null) {
      const parsed = parseGender(genderText);
      if (!parsed.ok) report('gender', parsed.code, parsed.message);
      else if (id !== null && parsed.value !== id.gender) {
        report(
          'gender',
          'GENDER_MISMATCH',
          `性别填写为“${parsed.value}”，但身份证号第 17 位表示“${id.gender}”，请核对性别或身份证号。`,
        );
      }
    }
  }

  // School
  let schoolName: string | null = null;
  const schoolText = textOf('school');
  if (schoolText !== null) {
    const school = collapseSpaces(schoolText);
    if (school === '')
      report('school', 'SCHOOL_EMPTY', '学校为空，请填写教师人事关系所在学校的全称。');
    else if (charLength(school) > SCHOOL_NAME_MAX_CHARS) {
      report('school', 'SCHOOL_TOO_LONG', `学校名称超过 ${SCHOOL_NAME_MAX_CHARS} 个字，请核对。`);
    } else schoolName = school;
  }

  // Stages
  let stages: Stage[] | null = null;
  const stageText = textOf('stages');
  if (stageText !== null) {
    const parsed = parseStages(stageText);
    if (parsed.ok) stages = parsed.value;
    else report('stages', parsed.code, parsed.message);
  }

  // Subject (optional, free text)
  let subject: string | null = null;
  const subjectText = textOf('subject');
  if (subjectText !== null) {
    const checked = normalizeSubject(subjectText);
    if (checked.ok) subject = checked.value;
    else report('subject', checked.code, checked.message);
  }

  // Title (optional)
  let title: string | null = null;
  const titleText = textOf('title');
  if (titleText !== null) {
    const parsed = parseTitle(titleText);
    if (parsed.ok) title = parsed.value;
    else report('title', parsed.code, parsed.message);
  }

  // Mobile (optional). A number cell is fine here: 11 digits are stored exactly.
  let mobile: string | null = null;
  const mobileCell = cells.mobile;
  const mobileText =
    mobileCell?.type === 'number' && Number.isSafeInteger(mobileCell.value)
      ? String(mobileCell.value)
      : textOf('mobile');
  if (mobileText !== null && !isBlankCell({ type: 'text', text: mobileText })) {
    const checked = checkMobile(mobileText);
    if (checked.ok) mobile = checked.mobile;
    else report('mobile', checked.code, checked.message);
  }

  // Employment status (optional, default 在职)
  let employmentStatus: EmploymentStatus | null = null;
  const statusText = textOf('employmentStatus');
  if (statusText !== null) {
    const parsed = parseEmploymentStatus(statusText);
    if (parsed.ok) employmentStatus = parsed.value;
    else report('employmentStatus', parsed.code, parsed.message);
  }

  if (
    errors.length > 0 ||
    name === null ||
    id === null ||
    schoolName === null ||
    stages === null ||
    employmentStatus === null
  ) {
    return { teacher: null, errors };
  }
  return {
    teacher: {
      idNumber: id.idNumber,
      name,
      gender: id.gender,
      birthDate: id.birthDate,
      schoolName,
      stages,
      subject,
      title,
      mobile,
      employmentStatus,
    },
    errors,
  };
}

// ---------------------------------------------------------------------------------------------
// Change detection

/**
 * cyrb53 (a public-domain 53-bit string hash built on Math.imul): fast on UTF-16 code units, with
 * no byte encoding or BigInt on the hot path of a 100k-row import. Not cryptographic; it only tells
 * whether a teacher's row changed.
 */
export function cyrb53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * Fingerprint of what an import would write for a teacher, to tell unchanged rows on re-import.
 * The school enters by id only: the written school name may differ in spaces or brackets while
 * meaning the same school. Versioned so a future change of the canonical form is explicit.
 */
export function teacherRowHash(t: NormalizedTeacher & { schoolId: string }): string {
  const canonical = JSON.stringify([
    'v2',
    t.idNumber,
    t.name,
    t.gender,
    t.birthDate,
    t.schoolId,
    t.stages,
    t.subject,
    t.title,
    t.mobile,
    t.employmentStatus,
  ]);
  // Two seeds: 106 bits, so two different rows of one teacher practically never collide.
  return cyrb53Pair(canonical);
}

/**
 * cyrb53(text, 1) and cyrb53(text, 2) as 14 hex digits each, in one pass over the text (the two
 * hashes share every character read; an import hashes 100,000 rows).
 */
export function cyrb53Pair(text: string): string {
  let a1 = 0xdeadbeef ^ 1;
  let a2 = 0x41c6ce57 ^ 1;
  let b1 = 0xdeadbeef ^ 2;
  let b2 = 0x41c6ce57 ^ 2;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    a1 = Math.imul(a1 ^ ch, 2654435761);
    a2 = Math.imul(a2 ^ ch, 1597334677);
    b1 = Math.imul(b1 ^ ch, 2654435761);
    b2 = Math.imul(b2 ^ ch, 1597334677);
  }
  return finishCyrb53(a1, a2) + finishCyrb53(b1, b2);
}

function finishCyrb53(h1In: number, h2In: number): string {
  let h1 = Math.imul(h1In ^ (h1In >>> 16), 2246822507);
  h1 ^= Math.imul(h2In ^ (h2In >>> 13), 3266489909);
  let h2 = Math.imul(h2In ^ (h2In >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  // The 53-bit value 2^32 × (h2 & 0x1fffff) + (h1 >>> 0) as 14 hex digits, written from its two
  // halves: small integers print several times faster than a 53-bit double.
  return (2097151 & h2).toString(16).padStart(6, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}
