/**
 * Bulk enrollment from an .xlsx: 身份证号 and 课程 (code or name) per row, optionally 理由 (why a
 * repeat from last year should go through). Each row is checked as `enrollment/check` does, in the
 * sheet's order (first come, first served within the file too), and keeps its sheet row number.
 * Nothing is saved: the accepted rows are handed back for `enrollment/enroll`. Rows already holding
 * a seat of this batch and course are 'unchanged', so the same file imported twice changes nothing.
 */
import { type RowError } from '@shared/api/common.schemas';
import { AppError } from '@shared/api/envelope';
import { checkIdNumber, maskIdNumber } from '@shared/domain/roster/id-number';
import { type CallContext } from '../../core/handler-types';
import { type ServiceContext } from '../../core/service-context';
import { EnrollmentEntity } from '../../db/entities/enrollment.entity';
import { BatchEntity, CourseEntity } from '../../db/entities/project.entity';
import { type SavedFile } from '@shared/api/roster.contract';
import { writeErrorWorkbook } from '../files/error-workbook';
import { readTable } from '../files/read-table';
import { TeacherRepository } from '../roster/teacher.repository';
import { EnrollmentService } from './enrollment.service';
import { ProjectsService } from './projects.service';
import { OrgRepository } from '../org/org.repository';
import { requireScope, UnitScope } from '../org/unit-scope';

/** Rows per import (R1's bulk enrollment: a district's 20,000 teachers, with room). */
const MAX_ROWS = 50_000;

interface PreviewRow {
  row: number;
  teacherName: string;
  idNumberMasked: string;
  courseName: string;
  status: 'accepted' | 'unchanged' | 'rejected';
  reasons: string[];
}

function columnOf(headers: string[], words: string[]): number {
  return headers.findIndex((h) => words.some((w) => h.replace(/\s/g, '').includes(w)));
}

interface EnrollmentPreview {
  sheetName: string;
  total: number;
  accepted: number;
  unchanged: number;
  rejected: number;
  entries: { teacherId: string; courseId: string; overrideReason?: string }[];
  rows: PreviewRow[];
  errors: RowError[];
}

interface ErrorRows {
  ownerId: string;
  keptAt: number;
  fileName: string;
  headers: string[];
  rows: { rowNo: number; original: string[]; reasons: string }[];
}

/**
 * The rejected rows of the latest bulk enrollment previews, so that 错误行 can be written without
 * the file again (a file handle serves one job): in the job thread that ran the preview (the
 * export is a job too), for the operator who previewed, for an hour, the last 20 previews.
 */
export class RecentImportErrors {
  private static readonly KEEP_MS = 60 * 60 * 1000;
  private static readonly MAX = 20;
  private readonly kept = new Map<string, ErrorRows>();

  put(id: string, rows: ErrorRows): void {
    this.kept.set(id, rows);
    for (const key of this.kept.keys()) {
      if (this.kept.size <= RecentImportErrors.MAX) break;
      this.kept.delete(key);
    }
  }

  get(id: string, ownerId: string, now: number): ErrorRows | null {
    const found = this.kept.get(id);
    if (!found || found.ownerId !== ownerId) return null;
    if (now - found.keptAt > RecentImportErrors.KEEP_MS) {
      this.kept.delete(id);
      return null;
    }
    return found;
  }
}

export async function previewEnrollmentImport(
  ctx: ServiceContext,
  input: { batchId: string; path: string; fileName: string },
  recent: RecentImportErrors,
  call: CallContext,
): Promise<EnrollmentPreview & { errorsId: string | null }> {
  const { preview, headers, originals } = await analyse(ctx, input, call);
  const rejected = preview.rows.filter((r) => r.status === 'rejected');
  if (rejected.length === 0 || !call.operator) return { ...preview, errorsId: null };
  const errorsId = ctx.newId();
  recent.put(errorsId, {
    ownerId: call.operator.id,
    keptAt: Date.parse(ctx.now()),
    fileName: input.fileName,
    headers,
    rows: rejected.map((r) => ({
      rowNo: r.row,
      original: originals.get(r.row) ?? [],
      reasons: r.reasons.join('；'),
    })),
  });
  return { ...preview, errorsId };
}

/** 错误行 of a bulk enrollment preview: its rejected rows as in the file, with 原行号 and the reasons. */
export async function writeEnrollmentImportErrors(
  ctx: ServiceContext,
  errorsId: string,
  recent: RecentImportErrors,
  target: string | undefined,
  call: CallContext,
): Promise<SavedFile> {
  const kept = call.operator ? recent.get(errorsId, call.operator.id, Date.parse(ctx.now())) : null;
  if (!kept) {
    throw new AppError('NOT_FOUND', '这次检查的错误行已过期（超过一小时），请重新选择文件检查');
  }
  async function* rows() {
    yield* kept?.rows ?? [];
  }
  return writeErrorWorkbook(
    ctx,
    { fileName: kept.fileName, headers: kept.headers, rows: rows() },
    target,
    call,
  );
}

/** The preview, with the file's headers and each row's cells as text (for the error workbook). */
async function analyse(
  ctx: ServiceContext,
  input: { batchId: string; path: string },
  call: CallContext,
): Promise<{ preview: EnrollmentPreview; headers: string[]; originals: Map<number, string[]> }> {
  const m = ctx.db.reader.manager;
  const batch = await m.getRepository(BatchEntity).findOneBy({ id: input.batchId });
  if (!batch) throw new AppError('NOT_FOUND', '找不到该批次');
  // The batch's project must be visible, and only the scope's teachers are known.
  await new ProjectsService(ctx).load(batch.projectId, requireScope(call));
  const scope = await UnitScope.load(new OrgRepository(ctx.db), requireScope(call));
  const ID_WORDS = ['身份证', '证件号'];
  const COURSE_WORDS = ['课程', '培训班'];
  // The header names both columns (a title line may come before it).
  const table = await readTable(
    input.path,
    MAX_ROWS,
    call,
    (values) => columnOf(values, ID_WORDS) >= 0 && columnOf(values, COURSE_WORDS) >= 0,
  );
  if (table.isTruncated) {
    throw new AppError(
      'BAD_FILE',
      `一次最多导入 ${MAX_ROWS.toLocaleString('zh-CN')} 行，请分成几个文件`,
    );
  }
  const headers = table.headers;
  const idColumn = columnOf(headers, ID_WORDS);
  const courseColumn = columnOf(headers, COURSE_WORDS);
  const reasonColumn = columnOf(headers, ['理由', '说明']);
  const missing = [idColumn < 0 ? '身份证号' : null, courseColumn < 0 ? '课程' : null].filter(
    Boolean,
  );
  if (missing.length > 0) {
    throw new AppError(
      'BAD_FILE',
      `表头中找不到「${missing.join('」和「')}」列（在表格前 20 行中查找；表头应含“身份证号”和“课程”）`,
    );
  }
  const idHeader = headers[idColumn] ?? '身份证号';
  const courseHeader = headers[courseColumn] ?? '课程';
  const courses = await m.getRepository(CourseEntity).findBy({ batchId: batch.id });
  const courseBy = new Map<string, CourseEntity>();
  for (const c of courses) {
    courseBy.set(c.code, c);
    if (!courseBy.has(c.name)) courseBy.set(c.name, c);
  }
  const cell = (values: unknown[], i: number): string =>
    i < 0 ? '' : String(values[i] ?? '').trim();
  const ids = table.rows.map((values) => checkIdNumber(cell(values, idColumn)));
  const found = await new TeacherRepository(ctx.db).findManyByIdNumber(
    ids.flatMap((r) => (r.ok ? [r.idNumber] : [])),
  );
  const held = new Set(
    (await m.getRepository(EnrollmentEntity).findBy({ batchId: batch.id, status: 'enrolled' })).map(
      (e) => `${e.teacherId}/${e.courseId}`,
    ),
  );
  const rows: PreviewRow[] = [];
  const errors: RowError[] = [];
  const candidates: {
    index: number;
    entry: { teacherId: string; courseId: string; overrideReason?: string };
  }[] = [];
  const originals = new Map<number, string[]>();
  table.rows.forEach((values, index) => {
    const rowNo = table.rowNumbers[index] ?? index + 2;
    originals.set(
      rowNo,
      headers.map((_, i) => cell(values, i)),
    );
    const id = ids[index];
    const course = courseBy.get(cell(values, courseColumn));
    const registered = id?.ok ? found.get(id.idNumber) : undefined;
    const teacher = registered && scope.has(registered.schoolId) ? registered : undefined;
    const base = {
      row: rowNo,
      teacherName: teacher?.name ?? '',
      idNumberMasked: id?.ok ? maskIdNumber(id.idNumber) : cell(values, idColumn).slice(0, 4),
      courseName: course?.name ?? cell(values, courseColumn),
    };
    const problems: RowError[] = [];
    if (!id?.ok)
      problems.push({
        row: rowNo,
        column: idHeader,
        code: id?.code ?? 'ID_INVALID',
        message: id?.message ?? '身份证号无效',
      });
    else if (!teacher)
      problems.push({
        row: rowNo,
        column: idHeader,
        code: 'TEACHER_UNKNOWN',
        message: '您管辖的花名册中没有这个身份证号，请先把该教师加入花名册',
      });
    if (!course)
      problems.push({
        row: rowNo,
        column: courseHeader,
        code: 'COURSE_UNKNOWN',
        message: `${batch.name}没有课程「${cell(values, courseColumn) || '（空）'}」（填课程代码或名称）`,
      });
    if (problems.length > 0 || !teacher || !course) {
      errors.push(...problems);
      rows.push({ ...base, status: 'rejected', reasons: problems.map((p) => p.message) });
      return;
    }
    if (held.has(`${teacher.id}/${course.id}`)) {
      rows.push({ ...base, status: 'unchanged', reasons: ['已报名本批次这门课程，无需重复'] });
      return;
    }
    const reason = cell(values, reasonColumn);
    candidates.push({
      index: rows.length,
      entry: {
        teacherId: teacher.id,
        courseId: course.id,
        ...(reason ? { overrideReason: reason } : {}),
      },
    });
    rows.push({ ...base, status: 'accepted', reasons: [] });
  });
  const results = await new EnrollmentService(ctx).check(
    { batchId: batch.id, entries: candidates.map((c) => c.entry) },
    call,
  );
  const entries: { teacherId: string; courseId: string; overrideReason?: string }[] = [];
  results.forEach((result, i) => {
    const candidate = candidates[i];
    const row = candidate ? rows[candidate.index] : undefined;
    if (!candidate || !row) return;
    const blocking = result.findings.filter((f) => f.isBlocking);
    row.reasons = result.findings.map((f) => f.message);
    if (result.isAccepted) entries.push(candidate.entry);
    else {
      row.status = 'rejected';
      for (const f of blocking)
        errors.push({ row: row.row, column: idHeader, code: f.code, message: f.message });
    }
  });
  return {
    preview: {
      sheetName: table.sheetName,
      total: rows.length,
      accepted: rows.filter((r) => r.status === 'accepted').length,
      unchanged: rows.filter((r) => r.status === 'unchanged').length,
      rejected: rows.filter((r) => r.status === 'rejected').length,
      entries,
      rows,
      errors,
    },
    headers,
    originals,
  };
}
