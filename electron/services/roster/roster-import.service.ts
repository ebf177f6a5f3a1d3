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
import { type NormalizedTeacher, teacherRowHash } from '@shared/domain/roster/teacher-row';
import { withCacheSize } from '../../db/cache-size';
import { type Tx } from '../../db/database';
import { type CallContext } from '../../core/handler-types';
import { writeTx } from '../../core/write-path';
import { ProgressReporter } from '../../core/progress';
import { chinaToday, type ServiceContext } from '../../core/service-context';
import { ImportStaging, type ImportSessionRecord } from '../imports/import-staging';
import { OrgRepository } from '../org/org.repository';
import { requireScope, UnitScope } from '../org/unit-scope';
import { requireOperator } from '../auth/auth.service';
import { layoutNotes, type WorkbookLayout } from '../files/workbook-parts';
import { sniffSpreadsheet, type SheetInfo, type ZipPart } from './file-sniff';
import { SchoolIndex } from './school-index';
import { TeacherRepository } from './teacher.repository';
import { TeacherStage, type StagedStatus } from './teacher-stage';
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
    this.staging = new ImportStaging(ctx.db);
    this.teachers = new TeacherRepository(ctx.db);
    this.orgs = new OrgRepository(ctx.db);
    this.stage = new TeacherStage(ctx.db, ctx.newId);
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
      const operator = requireOperator(call);
      await this.staging.createSession(sessionId, 'teacher', fileName, this.ctx.now(), operator.id);
      try {
        return await this.readAndStage(
          sessionId,
          input.path,
          { fileName, parts: sniff.parts, layout: sniff.layout, sheets: sniff.sheets },
          await UnitScope.load(this.orgs, requireScope(call)),
          call.signal,
          progress,
        );
      } catch (error) {
        await this.staging.discard(sessionId);
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
    scope: UnitScope,
    signal: AbortSignal,
    progress: ProgressReporter,
  ): Promise<ImportPreview> {
    const { fileName } = file;
    // Only the schools of the operator's scope are known: a school elsewhere is an unknown one.
    const orgUnits = scope.units;
    const schools = new SchoolIndex(orgUnits);
    const stager = this.staging.stager(sessionId);
    const staged = this.stage.writer(sessionId);
    const counts = { total: 0, new: 0, updated: 0, unchanged: 0, errorRows: 0, errorCount: 0 };
    const errors: RowError[] = [];
    const transfers: ImportPreview['transfers'] = [];
    const unknownSchools = new Map<string, number>();
    let duplicates: [number, number][] = [];
    let header: RosterHeader | null = null;

    const addErrors = (rowErrors: RowError[]): void => {
      counts.errorCount += rowErrors.length;
      for (const e of rowErrors) if (errors.length < PREVIEW_ERROR_LIMIT) errors.push(e);
    };

    const classify = async (accepted: AcceptedRow[]): Promise<void> => {
      const existing = await this.teachers.findManyByIdNumber(
        accepted.map((p) => p.teacher.idNumber),
      );
      for (const p of accepted) {
        // Hashed here, not by the check: with the check on its own thread, this side has time.
        const rowHash = teacherRowHash({ ...p.teacher, schoolId: p.schoolId });
        const found = existing.get(p.teacher.idNumber);
        if (found && !scope.has(found.schoolId)) {
          // Registered outside this operator's scope: neither who nor where is said, and the row
          // is not imported (moving a teacher in is the upper office's business).
          await reject({
            rowNo: p.rowNo,
            status: 'error',
            original: (header?.columns ?? []).map((c) =>
              c.field ? writtenValue(p.teacher, c.field) : '',
            ),
            errors: [
              {
                row: p.rowNo,
                column: idColumn(),
                code: 'OUTSIDE_SCOPE',
                message:
                  '该身份证号已登记在您管辖范围以外的单位，本次不导入；如是调入，请联系上级项目办办理调动',
              },
            ],
            teacher: null,
          });
          continue;
        }
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
        await staged.add({
          ...p.teacher,
          rowNo: p.rowNo,
          status,
          schoolId: p.schoolId,
          rowHash,
        });
      }
    };

    const idColumn = (): string =>
      header?.columns.find((c) => c.field === 'idNumber')?.header ?? '身份证号';

    const reject = async (row: RejectedRow): Promise<void> => {
      counts.errorRows += 1;
      addErrors(row.errors);
      await stager.add({
        rowNo: row.rowNo,
        status: row.status,
        payload: null,
        original: row.original,
        errors: row.errors,
      });
      if (row.status === 'unknown_school' && row.teacher) {
        const name = row.teacher.schoolName;
        unknownSchools.set(name, (unknownSchools.get(name) ?? 0) + 1);
        await staged.add({
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
    for await (const event of events) {
      if (event.type === 'header') {
        header = event.header;
      } else if (event.type === 'rows') {
        counts.total += event.accepted.length + event.rejected.length;
        // Rejected rows first: they are few, and staging them does not depend on the roster.
        for (const row of event.rejected) await reject(row);
        if (event.accepted.length > 0) await classify(event.accepted);
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
    await stager.flush();
    await staged.flush();

    // The first occurrence of a duplicated ID number is as doubtful as the later ones.
    if (duplicates.length > 0) {
      const columns = header.columns;
      const idLabel = columns.find((c) => c.field === 'idNumber')?.header ?? '身份证号';
      const taken = await this.stage.takeMany(
        sessionId,
        duplicates.map(([rowNo]) => rowNo),
      );
      const droppedTransfers = new Set<number>();
      for (const [rowNo, laterRow] of duplicates) {
        const error: RowError = {
          row: rowNo,
          column: idLabel,
          code: 'DUPLICATE_IN_FILE',
          message: `身份证号与原表第 ${laterRow} 行重复：同一名教师在表中出现了两次，请只保留一行`,
        };
        const row = taken.get(rowNo);
        if (row?.status === 'new') counts.new -= 1;
        else if (row?.status === 'updated') counts.updated -= 1;
        else if (row?.status === 'unchanged') counts.unchanged -= 1;
        else if (row?.status === 'transfer') droppedTransfers.add(rowNo);
        if (!row || row.status === 'unknown_school') {
          // Already among the rejected rows (with its original cells): add this reason.
          await this.staging.markError(sessionId, rowNo, error);
        } else {
          // Accepted rows keep no copy of their cells: write them back from the checked values.
          await stager.add({
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
      await stager.flush();
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
    await this.staging.saveSummary(sessionId, summary);
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

  async commit(
    input: {
      importId: string;
      confirmTransfers: boolean;
      createSchools?: { districtId: string; names: string[] };
    },
    call: CallContext,
  ): Promise<ImportCommitResult> {
    const tx = writeTx(call);
    const now = this.ctx.now();
    const session = await this.staging.sessionForCommit(
      input.importId,
      'teacher',
      requireOperator(call).id,
      now,
      tx,
    );
    const summary = session.summary as StoredSummary;
    const unknownSchoolRows = summary.preview.unknownSchools.reduce((n, u) => n + u.rows, 0);
    const result: ImportCommitResult = {
      importId: session.id,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      transferred: 0,
      skipped: 0,
      // Rows of unknown schools count as skipped (or imported, when their school is created).
      rejected: Math.max(0, summary.preview.errorRowCount - unknownSchoolRows),
      schoolsCreated: 0,
    };
    const progress = new ProgressReporter(call);
    const total = summary.preview.total;
    const apply = (): Promise<void> =>
      this.apply(tx, input, session, summary, result, progress, now, call);
    if (tx.sqlite) {
      // The random inserts into the roster's indexes touch the same pages again and again: with
      // the usual 8 MB cache those pages spill to the log and are read back (npm run bench:
      // 290,000 rows took 8 s to apply, 2.8 s with 64 MB). So the cache grows with the import, for
      // its duration only: ≈ 256 bytes a row, 8–64 MB.
      const cacheKib = Math.min(65_536, Math.max(8_192, Math.ceil((total * 384) / 1024)));
      await withCacheSize(tx.sqlite, cacheKib, apply);
    } else {
      await apply();
    }
    progress.update({ phase: 'done', message: '导入完成', done: total, total }, true);
    return result;
  }

  private async apply(
    tx: Tx,
    input: { confirmTransfers: boolean; createSchools?: { districtId: string; names: string[] } },
    session: ImportSessionRecord,
    summary: StoredSummary,
    result: ImportCommitResult,
    progress: ProgressReporter,
    now: string,
    call: CallContext,
  ): Promise<void> {
    const total = summary.preview.total;
    if (input.createSchools) {
      const scope = await UnitScope.load(this.orgs, requireScope(call), tx);
      const district = scope.get(input.createSchools.districtId);
      if (!district || (district.kind !== 'district' && district.kind !== 'city')) {
        throw new AppError('INVALID_INPUT', '新建学校必须选择一个区县（或市）作为上级单位');
      }
      const unknown = new Set(summary.preview.unknownSchools.map((u) => u.name));
      for (const name of input.createSchools.names) {
        if (!unknown.has(name)) {
          throw new AppError('INVALID_INPUT', `「${name}」不在这次导入的未知学校名单中`);
        }
        if (await this.orgs.siblingWithName(district.id, name, undefined, tx)) {
          throw new AppError('CONFLICT', `「${district.name}」下已有名为「${name}」的单位`);
        }
        const id = this.ctx.newId();
        await this.orgs.insert(tx, {
          id,
          code: null,
          name,
          kind: 'school',
          parentId: district.id,
          now,
        });
        result.schoolsCreated += 1;
        for (const row of await this.stage.assignSchool(tx, session.id, name, id)) {
          await this.stage.setHash(
            tx,
            session.id,
            row.rowNo,
            teacherRowHash({ ...row, schoolId: id }),
          );
        }
      }
    }
    const applied = await this.stage.apply(tx, session.id, {
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
    const { unplaced: _unplaced, ...counts } = applied;
    Object.assign(result, counts);
    // Rows of schools that were not created stay rejected, so the error workbook still has them.
    if (applied.unplaced > 0) {
      await this.staging.rejectUnplaced(
        tx,
        session.id,
        await this.stage.unplacedRows(tx, session.id),
      );
    }
    call.audit?.({
      entityId: null,
      summary: `导入花名册「${session.fileName}」：新增 ${result.inserted}，更新 ${result.updated}，调动 ${result.transferred}，未变 ${result.unchanged}，跳过 ${result.skipped}，错误行 ${summary.preview.errorRowCount}${result.schoolsCreated ? `，新建学校 ${result.schoolsCreated} 所` : ''}`,
      details: {
        ...result,
        fileName: session.fileName,
        errorRows: summary.preview.errorRowCount,
      },
    });
    await this.staging.markCommitted(tx, session.id, now);
    // The staged teachers are in the roster now; deleting 100,000 of them took ≈ 0.5 s of the
    // user's wait (npm run bench), so it happens right after the commit instead.
    const sessionId = session.id;
    const clear = (): Promise<void> =>
      this.ctx.db.write((later) => this.stage.clear(later, sessionId), { isScratch: true });
    if (tx.afterCommit) tx.afterCommit(clear);
    else await this.stage.clear(tx, session.id);
    // The commit itself (writing and syncing the log) is one step that reports nothing: say so first.
    progress.update({ phase: 'commit', message: '正在保存到磁盘…', done: total, total }, true);
  }

  async errors(
    importId: string,
    offset: number,
    limit: number,
    call: CallContext,
  ): Promise<{ errors: RowError[]; total: number }> {
    await this.staging.session(importId, 'teacher', requireOperator(call).id);
    return this.staging.errors(importId, offset, limit);
  }

  /**
   * The rejected rows with their sheet row number (原行号, what the messages refer to), their
   * original columns and 错误原因, for fixing and re-importing.
   */
  async errorRows(
    importId: string,
    call: CallContext,
  ): Promise<{
    fileName: string;
    headers: string[];
    rows: AsyncIterable<{ rowNo: number; original: string[]; reasons: string }>;
  }> {
    const session = await this.staging.session(importId, 'teacher', requireOperator(call).id);
    const summary = session.summary as StoredSummary;
    const staging = this.staging;
    async function* rows(): AsyncGenerator<{
      rowNo: number;
      original: string[];
      reasons: string;
    }> {
      for await (const page of staging.rows(importId, ['error', 'unknown_school'])) {
        for (const r of page) {
          yield {
            rowNo: r.rowNo,
            original: r.original ?? [],
            reasons: joinReasons(r.errors ?? []),
          };
        }
      }
    }
    return { fileName: session.fileName, headers: summary.headers, rows: rows() };
  }
}

/** One cell of reasons: 【列】message；【列】message (a message's own full stop is dropped first). */
export function joinReasons(errors: readonly RowError[]): string {
  return errors.map((e) => `【${e.column}】${e.message.replace(/[。.]+$/u, '')}`).join('；');
}

/** A checked teacher's value for a column, as it would be written in a roster. */
function writtenValue(teacher: NormalizedTeacher, field: TeacherField): string {
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
