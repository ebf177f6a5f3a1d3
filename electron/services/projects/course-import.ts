/**
 * Courses of a batch from an .xlsx (课程代码, 课程名称, 学段, and optionally 学科, 学时, 人数上限),
 * headers found in the top rows as in the roster import. Nothing is saved: each row is checked with
 * its sheet row number, and the good rows come back as courses to merge into the batch's grid
 * (by code), which `projects/saveCourses` then saves as the office confirms.
 */
import { type RowError, stage as stageSchema, type Stage } from '@shared/api/common.schemas';
import { type CourseRow } from '@shared/api/projects.contract';
import { AppError } from '@shared/api/envelope';
import { type CallContext } from '../../core/handler-types';
import { type ServiceContext } from '../../core/service-context';
import { readTable } from '../files/read-table';
import { EnrollmentService } from './enrollment.service';

/** A batch has tens of courses; a file of more than this is not a course list. */
const MAX_ROWS = 2000;

const COLUMNS = {
  code: ['课程代码', '课程编号', '代码', '编号'],
  name: ['课程名称', '培训班名称', '名称'],
  stage: ['学段'],
  subject: ['学科'],
  hours: ['学时'],
  capacity: ['人数上限', '容量', '限额', '限报人数'],
} as const;

type Column = keyof typeof COLUMNS;

export interface CourseImportPreview {
  sheetName: string;
  total: number;
  courses: Omit<CourseRow, 'id' | 'batchId'>[];
  rows: {
    row: number;
    code: string;
    name: string;
    status: 'new' | 'changed' | 'unchanged' | 'rejected';
  }[];
  errors: RowError[];
}

function columnOf(headers: readonly string[], words: readonly string[]): number {
  const plain = headers.map((h) => h.replace(/\s/g, ''));
  const exact = plain.findIndex((h) => words.includes(h));
  return exact >= 0 ? exact : plain.findIndex((h) => words.some((w) => h.includes(w)));
}

/** A whole number from a cell: digits only (or a number), within 0…max; null when empty. */
function wholeNumber(raw: string, max: number): number | null | 'bad' {
  if (raw === '') return null;
  if (raw.length > 9) return 'bad';
  for (const ch of raw) if (ch < '0' || ch > '9') return 'bad';
  const n = Number(raw);
  return n <= max ? n : 'bad';
}

export async function previewCourseImport(
  ctx: ServiceContext,
  input: { batchId: string; path: string },
  call: CallContext,
): Promise<CourseImportPreview> {
  // The batch must be visible to the caller; its current courses say what is new or changed.
  const existing = await new EnrollmentService(ctx).courses(input.batchId, call);
  const table = await readTable(
    input.path,
    MAX_ROWS,
    call,
    (values) => columnOf(values, COLUMNS.code) >= 0 && columnOf(values, COLUMNS.name) >= 0,
  );
  if (table.isTruncated) {
    throw new AppError('BAD_FILE', `一次最多导入 ${MAX_ROWS} 门课程，请检查是否选错了文件`);
  }
  const at = Object.fromEntries(
    (Object.keys(COLUMNS) as Column[]).map((k) => [k, columnOf(table.headers, COLUMNS[k])]),
  ) as Record<Column, number>;
  const missing = (['code', 'name', 'stage'] as const)
    .filter((k) => at[k] < 0)
    .map((k) => COLUMNS[k][0]);
  if (missing.length > 0) {
    throw new AppError(
      'BAD_FILE',
      `表头中找不到「${missing.join('」「')}」列（在表格前 20 行中查找；表头应含“课程代码”“课程名称”“学段”）`,
    );
  }
  const header = (k: Column): string => table.headers[at[k]] ?? COLUMNS[k][0];
  const byCode = new Map(existing.map((c) => [c.code, c]));
  const seen = new Map<string, number>();
  const out: CourseImportPreview = {
    sheetName: table.sheetName,
    total: table.rows.length,
    courses: [],
    rows: [],
    errors: [],
  };
  table.rows.forEach((values, index) => {
    const row = table.rowNumbers[index] ?? index + 2;
    const cell = (k: Column): string => (at[k] < 0 ? '' : String(values[at[k]] ?? '').trim());
    const problems: RowError[] = [];
    const fail = (k: Column, code: string, message: string): void => {
      problems.push({ row, column: header(k), code, message });
    };
    const code = cell('code');
    const name = cell('name');
    if (code === '') fail('code', 'REQUIRED', '课程代码不能为空');
    else if (code.length > 32) fail('code', 'TOO_LONG', '课程代码不能超过 32 个字');
    else if (seen.has(code)) fail('code', 'DUPLICATE', `课程代码与第 ${seen.get(code)} 行重复`);
    if (name === '') fail('name', 'REQUIRED', '课程名称不能为空');
    else if (name.length > 100) fail('name', 'TOO_LONG', '课程名称不能超过 100 个字');
    const stage = stageSchema.safeParse(cell('stage'));
    if (!stage.success) {
      fail(
        'stage',
        'STAGE_UNKNOWN',
        `学段应为 ${stageSchema.options.join('、')} 之一${cell('stage') ? `，不是「${cell('stage')}」` : ''}`,
      );
    }
    const subject = cell('subject');
    if (subject.length > 20) fail('subject', 'TOO_LONG', '学科不能超过 20 个字');
    const hours = wholeNumber(cell('hours'), 1000);
    if (hours === 'bad') fail('hours', 'NOT_NUMBER', '学时应为 0 到 1000 之间的整数');
    const capacity = wholeNumber(cell('capacity'), 1_000_000);
    if (capacity === 'bad') fail('capacity', 'NOT_NUMBER', '人数上限应为整数，不限可留空');
    if (code !== '' && !seen.has(code)) seen.set(code, row);
    if (problems.length > 0 || !stage.success || hours === 'bad' || capacity === 'bad') {
      out.errors.push(...problems);
      out.rows.push({ row, code, name, status: 'rejected' });
      return;
    }
    const course = {
      code,
      name,
      stage: stage.data as Stage,
      subject: subject || null,
      hours: hours ?? 0,
      capacity,
    };
    const before = byCode.get(code);
    const isSame =
      before &&
      before.name === course.name &&
      before.stage === course.stage &&
      before.subject === course.subject &&
      before.hours === course.hours &&
      before.capacity === course.capacity;
    out.courses.push(course);
    out.rows.push({ row, code, name, status: before ? (isSame ? 'unchanged' : 'changed') : 'new' });
  });
  return out;
}
