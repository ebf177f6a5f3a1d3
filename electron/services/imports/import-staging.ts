/**
 * The staging area of two-step imports, in real tables keyed by the import session (so any
 * connection of any process can preview, page the errors and commit). A preview writes every row
 * it read, classified, into `import_row`; the commit reads the rows back and applies them in one
 * transaction. The session itself (file, counts, status) is kept in `import_session`.
 *
 * Staged rows hold personal data, so they do not outlive their use: accepted rows go at commit,
 * the rejected rows of a session (kept for the error workbook) and abandoned previews go when
 * they expire (`prune`, run at startup and before each new preview). Deleting a session deletes
 * its rows (foreign keys with ON DELETE CASCADE).
 */
import { In, LessThan } from 'typeorm';
import { AppError } from '@shared/api/envelope';
import { type RowError } from '@shared/api/common.schemas';
import { type AsyncBatchedWriter, stagingWriter } from '../../db/batched-writer';
import { type AppDatabase, type Tx, txOr } from '../../db/database';
import { ImportRowEntity } from '../../db/entities/import-row.entity';
import { ImportSessionEntity } from '../../db/entities/import-session.entity';
import { TeacherStageEntity } from '../../db/entities/teacher-stage.entity';
import { rawRows } from '../../db/raw-sql';

export type ImportKind = 'teacher' | 'org';

export interface StagedRow {
  rowNo: number;
  status: string;
  payload: unknown;
  original: string[] | null;
  errors: RowError[] | null;
}

export interface ImportSessionRecord {
  id: string;
  kind: ImportKind;
  fileName: string;
  status: 'previewed' | 'committed' | 'discarded';
  summary: unknown;
  createdAt: string;
}

/** A preview not committed within this time is abandoned, and a session's rows are dropped. */
export const STAGED_ROWS_EXPIRE_MS = 2 * 3600_000;

const REJECTED = ['error', 'unknown_school'];

export class ImportStaging {
  constructor(private readonly db: AppDatabase) {}

  /** A new preview, owned by the operator who made it: only they page its errors or commit it. */
  async createSession(
    id: string,
    kind: ImportKind,
    fileName: string,
    now: string,
    ownerId: string,
  ): Promise<void> {
    await this.prune(now);
    await this.db.write(async (tx) => {
      await tx.manager.insert(ImportSessionEntity, {
        id,
        kind,
        fileName,
        ownerId,
        status: 'previewed',
        summary: '{}',
        createdAt: now,
        committedAt: null,
      });
    });
  }

  /**
   * Drops what expired: the staged rows of every session older than the expiry, and abandoned
   * previews themselves (marked discarded). Safe for several processes at once: only expired
   * sessions are touched, never a preview another process is working on.
   */
  async prune(now: string): Promise<void> {
    const cutoff = new Date(Date.parse(now) - STAGED_ROWS_EXPIRE_MS).toISOString();
    await this.db.write(async (tx) => {
      const expired = await tx.manager.find(ImportSessionEntity, {
        select: { id: true },
        where: { createdAt: LessThan(cutoff) },
      });
      const ids = expired.map((s) => s.id);
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        await tx.manager.delete(ImportRowEntity, { sessionId: In(chunk) });
        await tx.manager.delete(TeacherStageEntity, { sessionId: In(chunk) });
      }
      await tx.manager.update(
        ImportSessionEntity,
        { status: 'previewed', createdAt: LessThan(cutoff) },
        { status: 'discarded' },
      );
    });
  }

  /** A writer that stages rows in batches, each batch in its own short transaction. */
  stager(sessionId: string, batchSize = 2000): AsyncBatchedWriter<StagedRow> {
    return stagingWriter<StagedRow>(
      this.db,
      'import_row',
      ['session_id', 'row_no', 'status', 'payload', 'original', 'errors', 'error_count'],
      (r) => [
        sessionId,
        r.rowNo,
        r.status,
        r.payload === undefined || r.payload === null ? null : JSON.stringify(r.payload),
        r.original ? JSON.stringify(r.original) : null,
        r.errors && r.errors.length > 0 ? JSON.stringify(r.errors) : null,
        r.errors?.length ?? 0,
      ],
      batchSize,
    );
  }

  /** Adds an error to a staged row and marks it rejected. */
  async markError(sessionId: string, rowNo: number, error: RowError): Promise<void> {
    await this.db.write(async (tx) => {
      const rows = tx.manager.getRepository(ImportRowEntity);
      const row = await rows.findOneBy({ sessionId, rowNo });
      if (!row) return;
      const errors = row.errors ? (JSON.parse(row.errors) as RowError[]) : [];
      errors.push(error);
      await rows.update(
        { sessionId, rowNo },
        { status: 'error', errors: JSON.stringify(errors), errorCount: errors.length },
      );
    });
  }

  async saveSummary(sessionId: string, summary: unknown): Promise<void> {
    await this.db.write(async (tx) => {
      await tx.manager.update(
        ImportSessionEntity,
        { id: sessionId },
        { summary: JSON.stringify(summary) },
      );
    });
  }

  /** Forgets a preview: the session and (by cascade) its staged rows. */
  async discard(sessionId: string): Promise<void> {
    await this.db.write(async (tx) => {
      await tx.manager.delete(ImportSessionEntity, { id: sessionId });
    });
  }

  /** A session of this operator's (another operator's is NOT_FOUND, as a missing one). */
  async session(
    sessionId: string,
    kind: ImportKind,
    ownerId: string,
    tx?: Tx,
  ): Promise<ImportSessionRecord> {
    const row = await txOr(this.db, tx)
      .manager.getRepository(ImportSessionEntity)
      .findOneBy({ id: sessionId });
    if (!row || row.kind !== kind || row.status === 'discarded' || row.ownerId !== ownerId) {
      throw new AppError(
        'NOT_FOUND',
        '找不到这次导入的预览结果（可能已过期或已提交），请重新选择文件预览',
      );
    }
    return {
      id: row.id,
      kind: row.kind,
      fileName: row.fileName,
      status: row.status,
      summary: JSON.parse(row.summary) as unknown,
      createdAt: row.createdAt,
    };
  }

  /** Reads a session as committable, or explains why it cannot be committed. */
  async sessionForCommit(
    sessionId: string,
    kind: ImportKind,
    ownerId: string,
    now: string,
    tx: Tx,
  ): Promise<ImportSessionRecord> {
    const session = await this.session(sessionId, kind, ownerId, tx);
    if (session.status !== 'previewed') {
      throw new AppError(
        'CONFLICT',
        '这次导入已经提交过了，不能重复提交；如需再次导入，请重新选择文件',
      );
    }
    if (Date.parse(now) - Date.parse(session.createdAt) > STAGED_ROWS_EXPIRE_MS) {
      throw new AppError('NOT_FOUND', '这次预览已超过 2 小时，结果已失效，请重新选择文件预览');
    }
    return session;
  }

  /** Rows of some statuses, in sheet order, a page at a time (nothing stays open between pages). */
  async *rows(
    sessionId: string,
    statuses: string[],
    pageSize = 2000,
    tx?: Tx,
  ): AsyncGenerator<StagedRow[]> {
    let after = 0;
    for (;;) {
      const page = await txOr(this.db, tx)
        .manager.getRepository(ImportRowEntity)
        .createQueryBuilder('r')
        .where('r.session_id = :sessionId', { sessionId })
        .andWhere('r.row_no > :after', { after })
        .andWhere('r.status IN (:...statuses)', { statuses })
        .orderBy('r.row_no', 'ASC')
        .limit(pageSize)
        .getMany();
      if (page.length === 0) return;
      yield page.map((r) => ({
        rowNo: r.rowNo,
        status: r.status,
        payload: r.payload ? (JSON.parse(r.payload) as unknown) : null,
        original: r.original ? (JSON.parse(r.original) as string[]) : null,
        errors: r.errors ? (JSON.parse(r.errors) as RowError[]) : null,
      }));
      after = (page[page.length - 1] as ImportRowEntity).rowNo;
      if (page.length < pageSize) return;
    }
  }

  /**
   * One page of the rejected rows' errors, in sheet order. The database counts the errors before
   * the page (a running sum over the rows), so a deep page costs no more than the first one: only
   * the page's rows are read and parsed. The same SQL on both engines.
   */
  async errors(
    sessionId: string,
    offset: number,
    limit: number,
  ): Promise<{ errors: RowError[]; total: number }> {
    const tx = this.db.reader;
    const statuses = REJECTED.map((s) => `'${s}'`).join(', ');
    const totals = await rawRows<{ total: number | string }>(
      tx,
      `SELECT coalesce(sum(error_count), 0) AS total FROM import_row
       WHERE session_id = ? AND status IN (${statuses})`,
      [sessionId],
    );
    const total = Number(totals[0]?.total ?? 0);
    const rows = await rawRows<{ errors: string; before: number | string }>(
      tx,
      `SELECT errors, before FROM (
         SELECT row_no, errors, error_count,
                coalesce(sum(error_count) OVER (
                  ORDER BY row_no ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
         FROM import_row
         WHERE session_id = ? AND status IN (${statuses}) AND error_count > 0) AS counted
       WHERE before + error_count > ?
       ORDER BY row_no LIMIT ?`,
      [sessionId, offset, limit],
    );
    const errors: RowError[] = [];
    for (const row of rows) {
      const rowErrors = JSON.parse(row.errors) as RowError[];
      for (let i = Math.max(0, offset - Number(row.before)); i < rowErrors.length; i += 1) {
        errors.push(rowErrors[i] as RowError);
        if (errors.length >= limit) return { errors, total };
      }
    }
    return { errors, total };
  }

  /** Marks the session committed and drops its accepted rows, inside the commit's transaction. */
  async markCommitted(tx: Tx, sessionId: string, now: string): Promise<void> {
    await tx.manager.update(
      ImportSessionEntity,
      { id: sessionId },
      { status: 'committed', committedAt: now },
    );
    // Keep only the rejected rows (for the error workbook); the accepted ones are in the roster now.
    const rows = tx.manager.getRepository(ImportRowEntity);
    await rows
      .createQueryBuilder()
      .delete()
      .where('session_id = :sessionId', { sessionId })
      .andWhere(`status <> 'error'`)
      .execute();
    await rows.update({ sessionId }, { payload: null });
  }

  /** Rejects the staged rows among `rowNos` that are still waiting for an unknown school. */
  async rejectUnplaced(tx: Tx, sessionId: string, rowNos: readonly number[]): Promise<void> {
    for (let i = 0; i < rowNos.length; i += 5000) {
      await tx.manager.update(
        ImportRowEntity,
        { sessionId, status: 'unknown_school', rowNo: In(rowNos.slice(i, i + 5000)) },
        { status: 'error' },
      );
    }
  }
}
