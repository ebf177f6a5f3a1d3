/**
 * Two-step import of teacher rosters from .xlsx: a preview that reads, checks and stages every row
 * (nothing touches the roster), and a commit that applies the staged rows in one transaction.
 * Errors are data: { row, column, code, message } in Chinese, reviewable and exportable.
 *
 * The preview has two halves: reading and checking rows needs no database (roster-check.ts, on a
 * thread of its own where the app runs one), classifying them against the roster and staging them
 * does (here). They overlap, batch by batch.
 */
import path from 'node:path';
import { AppError } from '@shared/api/envelope';
import { type RowError } from '@shared/api/common.schemas';
import { type ImportCommitResult, type ImportPreview } from '@shared/api/roster.contract';
import { type TeacherField } from '@shared/domain/roster/header-match';
import { maskIdNumber } from '@shared/domain/roster/id-number';
import { teacherRowHash } from '@shared/domain/roster/teacher-row';
import { appendAudit } from '../../db/audit-log';
import { withCacheSize } from '../../db/cache-size';
import { type CallContext } from '../../core/handler-types';
import { ProgressReporter } from '../../core/progress';
import { chinaToday, type ServiceContext } from '../../core/service-context';
import { ImportStaging, type ImportSessionRecord } from '../imports/import-staging';
import { OrgRepository } from '../org/org.repository';
import { layoutNotes, type WorkbookLayout } from '../files/workbook-parts';
import { sniffSpreadsheet, type SheetInfo, type ZipPart } from './file-sniff';
import { SchoolIndex } from './school-index';
import { TeacherRepository } from './teacher.repository';
import { TeacherStage, type StagedStatus, type StagedTeacher } from './teacher-stage';
import {
  checkRoster,
  type AcceptedRow,
  type RejectedRow,
  type RosterCheckInput,
  type RosterHeader,
} from './roster-check';
import { checkRosterOnWorker } from './roster-check-thread';

const PREVIEW_ERROR_LIMIT = 1000;
const PREVIEW_TRANSFER_LIMIT = 1000;
/** A preview not committed within this time is abandoned: its staged rows are dropped. */
const ABANDONED_PREVIEW_MS = 2 * 3600_000;

interface StoredSummary {
  preview: Omit<ImportPreview, 'errors' | 'transfers'>;
  headers: string[];
}

export class RosterImportService {
  private readonly staging: ImportStaging;
  private readonly teachers: TeacherRepository;
  private readonly orgs: OrgRepository;
  private readonly stage: TeacherStage;

  constructor(private readonly ctx: ServiceContext) {
    this.staging = new ImportStaging(ctx.db.sqlite);
    this.teachers = new TeacherRepository(ctx.db.sqlite);
    this.orgs = new OrgRepository(ctx.db.sqlite);
    this.stage = new TeacherStage(ctx.db.sqlite, ctx.newId);
  }

  async preview(
    input: { path: string; fileName?: string },
    call: CallContext,
  ): Promise<ImportPreview> {
    const fileName = input.fileName ?? path.basename(input.path);
    const progress = new ProgressReporter(call).start();
    try {
      progress.update({ phase: 'check', message: '正在检查文件…', done: 0, total: null }, true);
      const sniff = await sniffSpreadsheet(input.path);
      if (!sniff.ok)
        throw new AppError('BAD_FILE', sniff.message, { reason: sniff.code, fileName });
      const sessionId = this.ctx.newId();
      const now = this.ctx.now();
      this.stage.prune(new Date(Date.parse(now) - ABANDONED_PREVIEW_MS).toISOString());
      this.staging.createSession(sessionId, 'teacher', fileName, now);
      try {
        return await this.readAndStage(
          sessionId,
          input.path,
          { fileName, parts: sniff.parts, layout: sniff.layout, sheets: sniff.sheets },
          call.signal,
          progress,
        );
      } catch (error) {
        this.staging.discard(sessionId);
        this.stage.clear(sessionId);
        if (call.signal.aborted) throw new AppError('CANCELLED', '已取消预览，数据库未作任何修改');
        throw error;
      }
    } finally {
      progress.stop();
    }
  }

  private async readAndStage(
    sessionId: string,
    filePath: string,
    file: {
      fileName: string;
      parts: readonly ZipPart[];
      layout: WorkbookLayout;
      sheets: readonly SheetInfo[];
    },
    signal: AbortSignal,
    progress: ProgressReporter,
  ): Promise<ImportPreview> {
    const { fileName } = file;
    const orgUnits = this.orgs.all();
    const schools = new SchoolIndex(orgUnits);
    const stager = this.staging.stager(sessionId);
    const staged = this.stage.writer(sessionId);
    const counts = { total: 0, new: 0, updated: 0, unchanged: 0, errorRows: 0, errorCount: 0 };
    const errors: RowError[] = [];
    const transfers: ImportPreview['transfers'] = [];
    const unknownSchools = new Map<string, number>();
    let duplicates: [number, number][] = [];

    const addErrors = (rowErrors: RowError[]): void => {
      counts.errorCount += rowErrors.length;
      for (const e of rowErrors) if (errors.length < PREVIEW_ERROR_LIMIT) errors.push(e);
    };

    const classify = (accepted: AcceptedRow[]): void => {
      const existing = this.teachers.findManyByIdNumber(accepted.map((p) => p.teacher.idNumber));
      for (const p of accepted) {
        // Hashed here, not by the check: with the check on its own thread, this side has time.
        const rowHash = teacherRowHash({ ...p.teacher, schoolId: p.schoolId });
        const found = existing.get(p.teacher.idNumber);
        let status: StagedStatus;
        if (!found) status = 'new';
        else if (found.schoolId !== p.schoolId) {
          status = 'transfer';
          if (transfers.length < PREVIEW_TRANSFER_LIMIT) {
            transfers.push({
              row: p.rowNo,
              name: p.teacher.name,
              idNumberMasked: maskIdNumber(p.teacher.idNumber),
              fromSchool: schools.nameOf(found.schoolId),
              toSchool: schools.nameOf(p.schoolId),
            });
          }
        } else status = found.rowHash === rowHash ? 'unchanged' : 'updated';
        if (status === 'new') counts.new += 1;
        else if (status === 'updated') counts.updated += 1;
        else if (status === 'unchanged') counts.unchanged += 1;
        staged.add({
          ...p.teacher,
          rowNo: p.rowNo,
          status,
          schoolId: p.schoolId,
          rowHash,
        });
      }
    };

    const reject = (row: RejectedRow): void => {
      counts.errorRows += 1;
      addErrors(row.errors);
      stager.add({
        rowNo: row.rowNo,
        status: row.status,
        payload: null,
        original: row.original,
        errors: row.errors,
      });
      if (row.status === 'unknown_school' && row.teacher) {
        const name = row.teacher.schoolName;
        unknownSchools.set(name, (unknownSchools.get(name) ?? 0) + 1);
        staged.add({
          ...row.teacher,
          rowNo: row.rowNo,
          status: 'unknown_school',
          schoolId: null,
          rowHash: null,
        });
      }
    };

    const input: RosterCheckInput = {
      path: filePath,
      parts: file.parts,
      layout: file.layout,
      sheets: file.sheets,
      orgUnits,
      today: chinaToday(this.ctx.now()),
    };
    const entry = this.ctx.workers?.rosterCheck;
    const events = entry ? checkRosterOnWorker(entry, input, signal) : checkRoster(input, signal);
    let header: RosterHeader | null = null;
    for await (const event of events) {
      if (event.type === 'header') {
        header = event.header;
      } else if (event.type === 'rows') {
        counts.total += event.accepted.length + event.rejected.length;
        // Rejected rows first: they are few, and staging them does not depend on the roster.
        for (const row of event.rejected) reject(row);
        if (event.accepted.length > 0) classify(event.accepted);
        progress.update({
          phase: 'validate',
          message: `已检查 ${counts.total.toLocaleString('zh-CN')} 行`,
          done: event.rowsRead,
          total: event.sheetRows,
        });
      } else {
        duplicates = event.duplicates;
      }
    }
    if (signal.aborted) throw new AppError('CANCELLED', '已取消预览，数据库未作任何修改');
    if (!header) throw new Error('检查花名册的结果缺少表头');
    stager.flush();
    staged.flush();

    // The first occurrence of a duplicated ID number is as doubtful as the later ones.
    if (duplicates.length > 0) {
      const columns = header.columns;
      const idLabel = columns.find((c) => c.field === 'idNumber')?.header ?? '身份证号';
      const taken = this.stage.takeMany(
        sessionId,
        duplicates.map(([rowNo]) => rowNo),
      );
      const droppedTransfers = new Set<number>();
      for (const [rowNo, laterRow] of duplicates) {
        const error: RowError = {
          row: rowNo,
          column: idLabel,
          code: 'DUPLICATE_IN_FILE',
          message: `身份证号与第 ${laterRow} 行重复：同一名教师在表中出现了两次，请只保留一行`,
        };
        const row = taken.get(rowNo);
        if (row?.status === 'new') counts.new -= 1;
        else if (row?.status === 'updated') counts.updated -= 1;
        else if (row?.status === 'unchanged') counts.unchanged -= 1;
        else if (row?.status === 'transfer') droppedTransfers.add(rowNo);
        if (!row || row.status === 'unknown_school') {
          // Already among the rejected rows (with its original cells): add this reason.
          this.staging.markError(sessionId, rowNo, error);
        } else {
          // Accepted rows keep no copy of their cells: write them back from the checked values.
          stager.add({
            rowNo,
            status: 'error',
            payload: null,
            original: columns.map((c) => (c.field ? writtenValue(row, c.field) : '')),
            errors: [error],
          });
          counts.errorRows += 1;
        }
        addErrors([error]);
      }
      stager.flush();
      if (droppedTransfers.size > 0) {
        const kept = transfers.filter((t) => !droppedTransfers.has(t.row));
        transfers.length = 0;
        transfers.push(...kept);
      }
      errors.sort((a, b) => a.row - b.row);
    }
    const transferCount =
      counts.total - counts.new - counts.updated - counts.unchanged - counts.errorRows;

    const preview: ImportPreview = {
      importId: sessionId,
      fileName,
      sheetName: header.sheetName,
      headerRow: header.headerRow,
      columns: header.columns,
      unknownColumns: header.unknownColumns,
      notes: layoutNotes(file.layout),
      total: counts.total,
      new: counts.new,
      updated: counts.updated,
      unchanged: counts.unchanged,
      errorRowCount: counts.errorRows,
      errors,
      errorCount: counts.errorCount,
      transfers,
      unknownSchools: [...unknownSchools.entries()].map(([name, rows]) => ({
        name,
        rows,
        suggestions: schools.suggestions(name),
      })),
    };
    const { errors: _e, transfers: _t, ...rest } = preview;
    const summary: StoredSummary & { transferCount: number } = {
      preview: rest,
      headers: header.columns.map((c) => c.header),
      transferCount,
    };
    this.staging.saveSummary(sessionId, summary);
    progress.update(
      {
        phase: 'done',
        message: `检查完成，共 ${counts.total.toLocaleString('zh-CN')} 行`,
        done: counts.total,
        total: counts.total,
      },
      true,
    );
    return preview;
  }

  commit(
    input: {
      importId: string;
      confirmTransfers: boolean;
      createSchools?: { districtId: string; names: string[] };
    },
    call: CallContext,
  ): ImportCommitResult {
    const session = this.staging.sessionForCommit(input.importId, 'teacher');
    if (Date.parse(this.ctx.now()) - Date.parse(session.createdAt) > ABANDONED_PREVIEW_MS) {
      throw new AppError('NOT_FOUND', '这次预览已超过 2 小时，结果已失效，请重新选择文件预览');
    }
    const summary = session.summary as StoredSummary;
    const result: ImportCommitResult = {
      inserted: 0,
      updated: 0,
      unchanged: 0,
      transferred: 0,
      skipped: 0,
      schoolsCreated: 0,
    };
    const progress = new ProgressReporter(call);
    const total = summary.preview.total;
    const now = this.ctx.now();
    const sqlite = this.ctx.db.sqlite;

    // The random inserts into the roster's indexes touch the same pages again and again: with the
    // usual 8 MB cache those pages spill to the log and are read back (npm run bench: 290,000
    // rows took 8 s to apply, 2.8 s with 64 MB). So the cache grows with the import, for its
    // duration only: ≈ 256 bytes a row, 8–64 MB.
    const cacheKib = Math.min(65_536, Math.max(8_192, Math.ceil((total * 256) / 1024)));
    withCacheSize(sqlite, cacheKib, () =>
      this.apply(input, session, summary, result, progress, now, call.actor),
    );
    progress.update({ phase: 'done', message: '导入完成', done: total, total }, true);
    this.ctx.events.emit('data/changed', { scope: 'roster' });
    if (result.schoolsCreated > 0) this.ctx.events.emit('data/changed', { scope: 'org' });
    return result;
  }

  private apply(
    input: { confirmTransfers: boolean; createSchools?: { districtId: string; names: string[] } },
    session: ImportSessionRecord,
    summary: StoredSummary,
    result: ImportCommitResult,
    progress: ProgressReporter,
    now: string,
    actor: string,
  ): void {
    const sqlite = this.ctx.db.sqlite;
    const total = summary.preview.total;
    sqlite.transaction(() => {
      const createdSchools = new Map<string, string>();
      if (input.createSchools) {
        const district = this.orgs.byId(input.createSchools.districtId);
        if (!district || (district.kind !== 'district' && district.kind !== 'city')) {
          throw new AppError('INVALID_INPUT', '新建学校必须选择一个区县（或市）作为上级单位');
        }
        const unknown = new Set(summary.preview.unknownSchools.map((u) => u.name));
        for (const name of input.createSchools.names) {
          if (!unknown.has(name)) {
            throw new AppError('INVALID_INPUT', `「${name}」不在这次导入的未知学校名单中`);
          }
          if (this.orgs.siblingWithName(district.id, name)) {
            throw new AppError('CONFLICT', `「${district.name}」下已有名为「${name}」的单位`);
          }
          const id = this.ctx.newId();
          this.orgs.insert({ id, code: null, name, kind: 'school', parentId: district.id, now });
          createdSchools.set(name, id);
          result.schoolsCreated += 1;
          for (const row of this.stage.assignSchool(session.id, name, id)) {
            this.stage.setHash(session.id, row.rowNo, teacherRowHash({ ...row, schoolId: id }));
          }
        }
      }
      const applied = this.stage.apply(session.id, {
        confirmTransfers: input.confirmTransfers,
        now,
        onChunk: (done, all) =>
          progress.update({
            phase: 'commit',
            message: `正在写入数据库（${done.toLocaleString('zh-CN')}/${all.toLocaleString('zh-CN')}）`,
            done,
            total: all,
          }),
      });
      Object.assign(result, applied);
      // Rows of schools that were not created stay rejected, so the error workbook still has them.
      sqlite
        .prepare(
          `UPDATE import_row SET status = 'error' WHERE session_id = ? AND status = 'unknown_school'
             AND row_no IN (SELECT value FROM json_each(?))`,
        )
        .run(session.id, JSON.stringify(this.stage.unplacedRows(session.id)));
      appendAudit(sqlite, {
        actor,
        action: 'roster.import.commit',
        entity: 'teacher',
        entityId: null,
        summary: `导入花名册「${session.fileName}」：新增 ${result.inserted}，更新 ${result.updated}，调动 ${result.transferred}，未变 ${result.unchanged}，跳过 ${result.skipped}，错误行 ${summary.preview.errorRowCount}${result.schoolsCreated ? `，新建学校 ${result.schoolsCreated} 所` : ''}`,
        details: {
          importId: session.id,
          fileName: session.fileName,
          ...result,
          errorRows: summary.preview.errorRowCount,
        },
        at: now,
      });
      this.staging.markCommitted(session.id, now);
      this.stage.clear(session.id);
      // The commit itself (writing and syncing the log) is one step that reports nothing: say so first.
      progress.update({ phase: 'commit', message: '正在保存到磁盘…', done: total, total }, true);
    })();
  }

  errors(importId: string, offset: number, limit: number): { errors: RowError[]; total: number } {
    this.staging.session(importId, 'teacher');
    return this.staging.errors(importId, offset, limit);
  }

  /** The rejected rows with their original columns plus 错误原因, for fixing and re-importing. */
  errorRows(importId: string): {
    fileName: string;
    headers: string[];
    rows: Iterable<{ original: string[]; reasons: string }>;
  } {
    const session = this.staging.session(importId, 'teacher');
    const summary = session.summary as StoredSummary;
    const staging = this.staging;
    function* rows(): Generator<{ original: string[]; reasons: string }> {
      for (const page of staging.rows(importId, ['error', 'unknown_school'])) {
        for (const r of page) {
          yield {
            original: r.original ?? [],
            reasons: (r.errors ?? []).map((e) => `【${e.column}】${e.message}`).join('；'),
          };
        }
      }
    }
    return { fileName: session.fileName, headers: summary.headers, rows: rows() };
  }
}

/** A checked teacher's value for a column, as it would be written in a roster. */
function writtenValue(teacher: StagedTeacher, field: TeacherField): string {
  switch (field) {
    case 'name':
      return teacher.name;
    case 'idNumber':
      return teacher.idNumber;
    case 'gender':
      return teacher.gender;
    case 'school':
      return teacher.schoolName;
    case 'stages':
      return teacher.stages.join('、');
    case 'subject':
      return teacher.subject ?? '';
    case 'title':
      return teacher.title ?? '';
    case 'mobile':
      return teacher.mobile ?? '';
    case 'employmentStatus':
      return teacher.employmentStatus;
  }
}
