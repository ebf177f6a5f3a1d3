/**
 * The half of a roster preview that needs no database: read the checked workbook, find the header,
 * check every row, find its school, fingerprint it, and spot ID numbers that occur twice. The other
 * half (roster-import.service.ts) classifies the rows against the roster and stages them.
 *
 * The two halves talk through a stream of events, so this half can run inline or on a thread of its
 * own (roster-check-worker.ts): on a two-core office PC reading and checking a 100,000-row roster
 * then overlaps with classifying and staging it.
 */
import { AppError } from '@shared/api/envelope';
import { type RowError } from '@shared/api/common.schemas';
import { cellText, type SheetCell } from '@shared/domain/roster/cell';
import {
  detectHeader,
  TEACHER_FIELDS,
  type TeacherField,
} from '@shared/domain/roster/header-match';
import { validateTeacherRow, type NormalizedTeacher } from '@shared/domain/roster/teacher-row';
import { fragment } from '@shared/domain/text-fragment';
import { type OrgUnitRecord } from '../org/org.repository';
import { type WorkbookLayout } from '../files/workbook-parts';
import { type SheetInfo, type ZipPart } from './file-sniff';
import { SchoolIndex } from './school-index';
import { readWorkbook, type SheetRow } from './xlsx-reader';

/** How many rows of a sheet may sit above the header (title lines, notes). */
const HEADER_SEARCH_ROWS = 30;
/** Rows read per batch handed on (and per progress report). */
const CHECK_BATCH_ROWS = 1000;

export interface RosterCheckInput {
  path: string;
  parts: readonly ZipPart[];
  layout: WorkbookLayout;
  sheets: readonly SheetInfo[];
  /** Every org unit (schools and their districts), to place rows in schools. */
  orgUnits: readonly OrgUnitRecord[];
  /** YYYY-MM-DD in China: bounds birth dates. */
  today: string;
}

export interface RosterHeader {
  sheetName: string;
  /** The header's own row number in the sheet. */
  headerRow: number;
  columns: { header: string; field: TeacherField | null }[];
  unknownColumns: string[];
}

/** A valid row in a known school, ready to classify. */
export interface AcceptedRow {
  rowNo: number;
  teacher: NormalizedTeacher;
  schoolId: string;
}

/** A row that cannot be imported as it is, with the cells as written, for the error workbook. */
export interface RejectedRow {
  rowNo: number;
  /** unknown_school: valid but its school does not exist (yet): the commit may create it. */
  status: 'error' | 'unknown_school';
  original: string[];
  errors: RowError[];
  /** The checked teacher of an unknown_school row. */
  teacher: NormalizedTeacher | null;
}

export type CheckEvent =
  | { type: 'header'; header: RosterHeader }
  | {
      type: 'rows';
      accepted: AcceptedRow[];
      rejected: RejectedRow[];
      /** Rows of the sheet read so far (title and blank rows included), out of `sheetRows`. */
      rowsRead: number;
      sheetRows: number | null;
    }
  | {
      type: 'end';
      /** [first row, a later row] for each ID number that occurs more than once. */
      duplicates: [number, number][];
    };

export function unknownSchoolMessage(name: string, suggestions: string[]): string {
  const hint =
    suggestions.length > 0
      ? `最接近的已有学校：${suggestions.join('、')}`
      : '系统中还没有相近的学校';
  return `找不到学校「${fragment(name)}」。${hint}。请改成已有学校的名称，或在导入时确认新建该学校`;
}

function headerProblem(
  header: NonNullable<ReturnType<typeof detectHeader<TeacherField>>>,
  sheetName: string,
  headerRow: number,
): AppError | null {
  if (header.missingRequired.length > 0) {
    return new AppError(
      'BAD_FILE',
      `表格缺少必填列：${header.missingRequired.map((f) => f.label).join('、')}。请在表头（工作表「${fragment(sheetName)}」第 ${headerRow} 行）补上这些列后重新导入`,
      { reason: 'MISSING_COLUMNS', missing: header.missingRequired.map((f) => f.label) },
    );
  }
  if (header.duplicateFields.length > 0) {
    const labels = TEACHER_FIELDS.filter((f) => header.duplicateFields.includes(f.field)).map(
      (f) => f.label,
    );
    return new AppError(
      'BAD_FILE',
      `表头中有重复的列：${labels.join('、')}。每一项只能有一列，请删去多余的列后重新导入`,
      { reason: 'DUPLICATE_COLUMNS' },
    );
  }
  return null;
}

/**
 * Checks the roster in the first visible sheet that has a roster header. Stops early (without an
 * 'end' event) when `signal` aborts; throws AppError BAD_FILE when no sheet has a usable header.
 */
export async function* checkRoster(
  input: RosterCheckInput,
  signal?: AbortSignal,
): AsyncGenerator<CheckEvent> {
  const schools = new SchoolIndex(input.orgUnits);
  for await (const sheet of readWorkbook(input.path, input, { signal })) {
    const iterator = sheet.rows[Symbol.asyncIterator]();
    const head: SheetRow[] = [];
    while (head.length < HEADER_SEARCH_ROWS) {
      const next = await iterator.next();
      if (next.done) break;
      head.push(next.value);
    }
    const header = detectHeader(
      head.map((r) => r.cells.map((c) => cellText(c))),
      TEACHER_FIELDS,
    );
    if (!header) {
      await iterator.return?.(undefined);
      continue;
    }
    const headerRow = head[header.headerRowIndex]?.rowNumber ?? 1;
    const problem = headerProblem(header, sheet.name, headerRow);
    if (problem) throw problem;
    yield {
      type: 'header',
      header: {
        sheetName: sheet.name,
        headerRow,
        columns: header.columns.map((c) => ({ header: c.header, field: c.field })),
        unknownColumns: header.unknownColumns,
      },
    };

    const checker = new RowChecker(header.columns, schools, input.today);
    const sheetRows = input.sheets.find((s) => s.entry === sheet.entry)?.rows ?? null;
    let rowsRead = head.length;
    const batch = (): CheckEvent => ({
      type: 'rows',
      ...checker.take(),
      rowsRead,
      sheetRows: sheetRows !== null && sheetRows >= rowsRead ? sheetRows : null,
    });
    for (const row of head.slice(header.headerRowIndex + 1)) checker.check(row);
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      if (signal?.aborted) return;
      checker.check(next.value);
      rowsRead += 1;
      if (rowsRead % CHECK_BATCH_ROWS === 0) yield batch();
    }
    if (signal?.aborted) return;
    yield batch();
    yield { type: 'end', duplicates: [...checker.duplicatedFirstRows] };
    return;
  }
  if (signal?.aborted) return;
  throw new AppError(
    'BAD_FILE',
    '没有找到花名册的表头：表格前 30 行中应有「姓名」「身份证号」「学校」「学段」等列名。请检查是否选错了文件或工作表',
    { reason: 'NO_HEADER' },
  );
}

/** Checks the data rows of one sheet under its header, collecting them until `take()`. */
class RowChecker {
  private accepted: AcceptedRow[] = [];
  private rejected: RejectedRow[] = [];
  private readonly labels: Partial<Record<TeacherField, string>> = {};
  private readonly firstRowOfId = new Map<string, number>();
  /** First row → a later row, for each ID number seen twice. */
  readonly duplicatedFirstRows = new Map<number, number>();
  private readonly fieldColumns: { index: number; field: TeacherField }[] = [];

  constructor(
    private readonly columns: readonly {
      index: number;
      header: string;
      field: TeacherField | null;
    }[],
    private readonly schools: SchoolIndex,
    private readonly today: string,
  ) {
    for (const c of columns) {
      if (!c.field) continue;
      this.labels[c.field] = c.header;
      this.fieldColumns.push({ index: c.index, field: c.field });
    }
  }

  take(): { accepted: AcceptedRow[]; rejected: RejectedRow[] } {
    const out = { accepted: this.accepted, rejected: this.rejected };
    this.accepted = [];
    this.rejected = [];
    return out;
  }

  /** The row as written, kept only for rejected rows (the error workbook). */
  private original(row: SheetRow): string[] {
    return this.columns.map((c) => {
      const cell = row.cells[c.index];
      return cell ? cellText(cell) : '';
    });
  }

  check(row: SheetRow): void {
    let isEmpty = true;
    for (const c of this.columns) {
      const cell = row.cells[c.index];
      if (cell && cell.type !== 'empty') {
        isEmpty = false;
        break;
      }
    }
    if (isEmpty) return;
    const cellsByField: Partial<Record<TeacherField, SheetCell>> = {};
    for (const c of this.fieldColumns) {
      const cell = row.cells[c.index];
      if (cell) cellsByField[c.field] = cell;
    }
    const rowNo = row.rowNumber;
    const result = validateTeacherRow(cellsByField, rowNo, this.labels, this.today);
    const errors = [...result.errors];
    const teacher = result.teacher;
    if (teacher && errors.length === 0) {
      const first = this.firstRowOfId.get(teacher.idNumber);
      if (first !== undefined) {
        errors.push({
          row: rowNo,
          column: this.labels.idNumber ?? '身份证号',
          code: 'DUPLICATE_IN_FILE',
          message: `身份证号与原表第 ${first} 行重复：同一名教师在表中出现了两次，请只保留一行`,
        });
        if (!this.duplicatedFirstRows.has(first)) this.duplicatedFirstRows.set(first, rowNo);
      } else {
        this.firstRowOfId.set(teacher.idNumber, rowNo);
      }
    }
    if (!teacher || errors.length > 0) {
      this.rejected.push({
        rowNo,
        status: 'error',
        original: this.original(row),
        errors,
        teacher: null,
      });
      return;
    }
    const lookup = this.schools.lookup(teacher.schoolName);
    if (lookup.kind === 'found') {
      this.accepted.push({ rowNo, teacher, schoolId: lookup.school.id });
      return;
    }
    const column = this.labels.school ?? '学校';
    const error: RowError =
      lookup.kind === 'ambiguous'
        ? {
            row: rowNo,
            column,
            code: 'SCHOOL_AMBIGUOUS',
            message: `学校「${teacher.schoolName}」重名：${lookup.candidates
              .map((c) => `${c.parentName ?? ''}/${c.name}`)
              .join('、')}，请写成「区县/学校」的形式`,
          }
        : {
            row: rowNo,
            column,
            code: 'UNKNOWN_SCHOOL',
            message: unknownSchoolMessage(
              teacher.schoolName,
              this.schools.suggestions(teacher.schoolName),
            ),
          };
    // Rows of an unknown school are kept whole: the user may create the school at commit.
    this.rejected.push({
      rowNo,
      status: lookup.kind === 'unknown' ? 'unknown_school' : 'error',
      original: this.original(row),
      errors: [error],
      teacher: lookup.kind === 'unknown' ? teacher : null,
    });
  }
}
