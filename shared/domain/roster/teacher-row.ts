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
    const s = collapseSpaces(subjectText);
    if (charLength(s) > SUBJECT_MAX_CHARS) {
      report('subject', 'SUBJECT_TOO_LONG', `学科超过 ${SUBJECT_MAX_CHARS} 个字，请核对。`);
    } else subject = s === '' ? null : s;
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

/** FNV-1a 64 over the UTF-8 bytes of `text`, as 16 hex digits; two 32-bit halves, no BigInt. */
export function fnv1a64(text: string): string {
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  const step = (byte: number): void => {
    lo = (lo ^ byte) >>> 0;
    // multiply by the FNV prime 2^40 + 0x1b3, modulo 2^64
    const loTimes = lo * 0x1b3;
    const carry = Math.floor(loTimes / 0x100000000);
    const newLo = loTimes >>> 0;
    hi = (hi * 0x1b3 + carry + ((lo << 8) >>> 0)) >>> 0;
    lo = newLo;
  };
  for (let i = 0; i < text.length; i += 1) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i += 1;
      }
    }
    if (code < 0x80) step(code);
    else if (code < 0x800) {
      step(0xc0 | (code >> 6));
      step(0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      step(0xe0 | (code >> 12));
      step(0x80 | ((code >> 6) & 0x3f));
      step(0x80 | (code & 0x3f));
    } else {
      step(0xf0 | (code >> 18));
      step(0x80 | ((code >> 12) & 0x3f));
      step(0x80 | ((code >> 6) & 0x3f));
      step(0x80 | (code & 0x3f));
    }
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/**
 * Fingerprint of what an import would write for a teacher, to tell unchanged rows on re-import.
 * The school enters by id only: the written school name may differ in spaces or brackets while
 * meaning the same school. Versioned so a future change of the canonical form is explicit.
 */
export function teacherRowHash(t: NormalizedTeacher & { schoolId: string }): string {
  const canonical = JSON.stringify([
    'v1',
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
  return fnv1a64(canonical);
}
