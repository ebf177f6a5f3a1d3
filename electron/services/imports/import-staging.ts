/**
 * The staging area of two-step imports. A preview writes every row it read, classified, into a
 * connection-private TEMP table held in memory (temp_store = MEMORY): never on disk, never in the
 * WAL, gone when the app closes. The commit reads the rows back and applies them in one
 * transaction. The session itself (file, counts, status) is kept in import_session.
 */
import { batchedInsert, type BatchedWriter } from '../../db/batched-writer';
import { type Database } from 'better-sqlite3-multiple-ciphers';
import { AppError, type ErrorCode } from '@shared/api/envelope';
import { type RowError } from '@shared/api/common.schemas';

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

/** Sessions staged on each connection: TEMP rows do not outlive the connection that wrote them. */
const stagedOn = new WeakMap<Database, Set<string>>();

/** Previews older than this are dropped when a new import starts. */
const STALE_AFTER_MS = 24 * 3600_000;

export class ImportStaging {
  constructor(private readonly sqlite: Database) {
    sqlite.exec(`
      CREATE TEMP TABLE IF NOT EXISTS import_row (
        session_id TEXT NOT NULL,
        row_no INTEGER NOT NULL,
        status TEXT NOT NULL,
        payload TEXT NULL,
        original TEXT NULL,
        errors TEXT NULL,
        -- How many errors the row holds: pages of errors are found without parsing JSON.
        error_count INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (session_id, row_no)
      )`);
  }

  createSession(id: string, kind: ImportKind, fileName: string, now: string): void {
    const cutoff = new Date(Date.parse(now) - STALE_AFTER_MS).toISOString();
    this.sqlite.transaction(() => {
      // Staged rows hold personal data: do not keep abandoned previews around.
      this.sqlite
        .prepare(`DELETE FROM import_session WHERE status = 'previewed' AND created_at < ?`)
        .run(cutoff);
      this.sqlite
        .prepare(
          `INSERT INTO import_session (id, kind, file_name, status, summary, created_at) VALUES (?, ?, ?, 'previewed', '{}', ?)`,
        )
        .run(id, kind, fileName, now);
    })();
    this.stagedSessions().add(id);
  }

  /** A writer that stages rows in batches, each batch in its own short transaction. */
  stager(sessionId: string, batchSize = 2000): BatchedWriter<StagedRow> {
    return batchedInsert<StagedRow>(
      this.sqlite,
      'temp.import_row',
      ['session_id', 'row_no', 'status', 'payload', 'original', 'errors', 'error_count'],
      (r) => [
        sessionId,
        r.rowNo,
        r.status,
        r.payload === undefined ? null : JSON.stringify(r.payload),
        r.original ? JSON.stringify(r.original) : null,
        r.errors && r.errors.length > 0 ? JSON.stringify(r.errors) : null,
        r.errors?.length ?? 0,
      ],
      batchSize,
    );
  }

  markError(sessionId: string, rowNo: number, error: RowError): void {
    const row = this.sqlite
      .prepare(`SELECT errors FROM import_row WHERE session_id = ? AND row_no = ?`)
      .get(sessionId, rowNo) as { errors: string | null } | undefined;
    if (!row) return;
    const errors = row.errors ? (JSON.parse(row.errors) as RowError[]) : [];
    errors.push(error);
    this.sqlite
      .prepare(
        `UPDATE import_row SET status = 'error', errors = ?, error_count = ? WHERE session_id = ? AND row_no = ?`,
      )
      .run(JSON.stringify(errors), errors.length, sessionId, rowNo);
  }

  saveSummary(sessionId: string, summary: unknown): void {
    this.sqlite
      .prepare(`UPDATE import_session SET summary = ? WHERE id = ?`)
      .run(JSON.stringify(summary), sessionId);
  }

  discard(sessionId: string): void {
    this.sqlite.prepare(`DELETE FROM temp.import_row WHERE session_id = ?`).run(sessionId);
    this.sqlite.prepare(`DELETE FROM import_session WHERE id = ?`).run(sessionId);
    this.stagedSessions().delete(sessionId);
  }

  private stagedSessions(): Set<string> {
    let set = stagedOn.get(this.sqlite);
    if (!set) {
      set = new Set();
      stagedOn.set(this.sqlite, set);
    }
    return set;
  }

  session(sessionId: string, kind: ImportKind): ImportSessionRecord {
    const row = this.sqlite
      .prepare(
        `SELECT id, kind, file_name AS fileName, status, summary, created_at AS createdAt FROM import_session WHERE id = ?`,
      )
      .get(sessionId) as (Omit<ImportSessionRecord, 'summary'> & { summary: string }) | undefined;
    if (!row || row.kind !== kind) {
      throw new AppError(
        'NOT_FOUND',
        '找不到这次导入的预览结果（可能已过期或已提交），请重新选择文件预览',
      );
    }
    return { ...row, summary: JSON.parse(row.summary) as unknown };
  }

  /** Reads a session as committable, or explains why it cannot be committed. */
  sessionForCommit(sessionId: string, kind: ImportKind): ImportSessionRecord {
    const session = this.session(sessionId, kind);
    if (session.status !== 'previewed') {
      const code: ErrorCode = 'CONFLICT';
      throw new AppError(code, '这次导入已经提交过了，不能重复提交；如需再次导入，请重新选择文件');
    }
    if (!this.stagedSessions().has(session.id)) {
      throw new AppError(
        'NOT_FOUND',
        '预览结果已失效（程序在预览后重新启动过），请重新选择文件预览',
      );
    }
    return session;
  }

  /** Rows of some statuses, in sheet order, a page at a time (no statement stays open between pages). */
  *rows(sessionId: string, statuses: string[], pageSize = 2000): Generator<StagedRow[]> {
    const stmt = this.sqlite.prepare(
      `SELECT row_no AS rowNo, status, payload, original, errors FROM import_row
       WHERE session_id = ? AND row_no > ? AND status IN (SELECT value FROM json_each(?))
       ORDER BY row_no LIMIT ?`,
    );
    let after = 0;
    const wanted = JSON.stringify(statuses);
    for (;;) {
      const page = (
        stmt.all(sessionId, after, wanted, pageSize) as {
          rowNo: number;
          status: string;
          payload: string | null;
          original: string | null;
          errors: string | null;
        }[]
      ).map((r) => ({
        rowNo: r.rowNo,
        status: r.status,
        payload: r.payload ? (JSON.parse(r.payload) as unknown) : null,
        original: r.original ? (JSON.parse(r.original) as string[]) : null,
        errors: r.errors ? (JSON.parse(r.errors) as RowError[]) : null,
      }));
      if (page.length === 0) return;
      yield page;
      after = (page[page.length - 1] as StagedRow).rowNo;
      if (page.length < pageSize) return;
    }
  }

  /**
   * One page of the rejected rows' errors, in sheet order. SQLite counts the errors before the
   * page (a running sum over the rows), so a deep page costs no more than the first one: only the
   * page's rows are read and parsed.
   */
  errors(sessionId: string, offset: number, limit: number): { errors: RowError[]; total: number } {
    const statuses = JSON.stringify(['error', 'unknown_school']);
    const { total } = this.sqlite
      .prepare(
        `SELECT coalesce(sum(error_count), 0) AS total FROM import_row
         WHERE session_id = ? AND status IN (SELECT value FROM json_each(?))`,
      )
      .get(sessionId, statuses) as { total: number };
    const rows = this.sqlite
      .prepare(
        `SELECT errors, before FROM (
           SELECT row_no, errors, error_count,
                  coalesce(sum(error_count) OVER (
                    ORDER BY row_no ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
           FROM import_row
           WHERE session_id = ? AND status IN (SELECT value FROM json_each(?)) AND error_count > 0)
         WHERE before + error_count > ?
         ORDER BY row_no LIMIT ?`,
      )
      .all(sessionId, statuses, offset, limit) as { errors: string; before: number }[];
    const errors: RowError[] = [];
    for (const row of rows) {
      const rowErrors = JSON.parse(row.errors) as RowError[];
      for (let i = Math.max(0, offset - row.before); i < rowErrors.length; i += 1) {
        errors.push(rowErrors[i] as RowError);
        if (errors.length >= limit) return { errors, total };
      }
    }
    return { errors, total };
  }

  markCommitted(sessionId: string, now: string): void {
    this.sqlite
      .prepare(`UPDATE import_session SET status = 'committed', committed_at = ? WHERE id = ?`)
      .run(now, sessionId);
    // Keep only the rejected rows (for the error workbook); the accepted ones are in the roster now.
    this.sqlite
      .prepare(`DELETE FROM import_row WHERE session_id = ? AND status <> 'error'`)
      .run(sessionId);
    this.sqlite.prepare(`UPDATE import_row SET payload = NULL WHERE session_id = ?`).run(sessionId);
  }
}
