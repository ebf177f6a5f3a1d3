/**
 * Staged teachers of a roster import, in typed columns of a connection-private TEMP table held in
 * memory. The preview writes every accepted row here; the commit applies them with a few set-based
 * statements per chunk (INSERT … SELECT, UPDATE … FROM) instead of a JavaScript round trip per row,
 * classifying each row again against the roster as it is at commit time.
 */
import { batchedInsert, type BatchedWriter } from '../../db/batched-writer';
import { type Database } from 'better-sqlite3-multiple-ciphers';
import { type EmploymentStatus, type Stage } from '@shared/api/common.schemas';
import { type NormalizedTeacher } from '@shared/domain/roster/teacher-row';

export type StagedStatus = 'new' | 'updated' | 'unchanged' | 'transfer' | 'unknown_school';

export interface StagedTeacher extends NormalizedTeacher {
  rowNo: number;
  status: StagedStatus;
  schoolId: string | null;
  /** Null until the school is known (rows of schools created at commit are hashed then). */
  rowHash: string | null;
}

export interface ApplyCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  transferred: number;
  skipped: number;
}

const CHUNK_ROWS = 10_000;

const SELECT_STAGED = `SELECT row_no AS rowNo, status, id_number AS idNumber, name, gender, birth_date AS birthDate,
    school_id AS schoolId, school_name AS schoolName, stages, subject, title, mobile,
    employment_status AS employmentStatus, row_hash AS rowHash
  FROM temp.teacher_stage`;

type StagedRecord = Omit<StagedTeacher, 'stages'> & { stages: string };

function toStaged(row: StagedRecord): StagedTeacher {
  return {
    ...row,
    stages: row.stages.split(',') as Stage[],
    employmentStatus: row.employmentStatus as EmploymentStatus,
  };
}
export class TeacherStage {
  constructor(
    private readonly sqlite: Database,
    private readonly newId: () => string,
  ) {
    sqlite.exec(`
      CREATE TEMP TABLE IF NOT EXISTS teacher_stage (
        session_id TEXT NOT NULL,
        row_no INTEGER NOT NULL,
        status TEXT NOT NULL,
        -- The id the teacher gets if the commit inserts the row, made by the app (a time-ordered
        -- UUID) while staging: cheaper than calling back into JavaScript from INSERT … SELECT.
        new_id TEXT NOT NULL,
        id_number TEXT NOT NULL,
        name TEXT NOT NULL,
        gender TEXT NOT NULL,
        birth_date TEXT NOT NULL,
        school_id TEXT NULL,
        school_name TEXT NOT NULL,
        stages TEXT NOT NULL,
        subject TEXT NULL,
        title TEXT NULL,
        mobile TEXT NULL,
        employment_status TEXT NOT NULL,
        row_hash TEXT NULL,
        PRIMARY KEY (session_id, row_no)
      )`);
  }

  /** Stages rows in batches, each batch in one short transaction. */
  writer(sessionId: string, batchSize = 2000): BatchedWriter<StagedTeacher> {
    return batchedInsert<StagedTeacher>(
      this.sqlite,
      'temp.teacher_stage',
      [
        'session_id',
        'row_no',
        'status',
        'new_id',
        'id_number',
        'name',
        'gender',
        'birth_date',
        'school_id',
        'school_name',
        'stages',
        'subject',
        'title',
        'mobile',
        'employment_status',
        'row_hash',
      ],
      (r) => [
        sessionId,
        r.rowNo,
        r.status,
        this.newId(),
        r.idNumber,
        r.name,
        r.gender,
        r.birthDate,
        r.schoolId,
        r.schoolName,
        r.stages.join(','),
        r.subject,
        r.title,
        r.mobile,
        r.employmentStatus,
        r.rowHash,
      ],
      batchSize,
    );
  }

  /** Removes staged rows (they turned out to be errors) and returns them by row number. */
  takeMany(sessionId: string, rowNos: readonly number[]): Map<number, StagedTeacher> {
    const wanted = JSON.stringify(rowNos);
    const rows = this.sqlite
      .prepare(
        `${SELECT_STAGED} WHERE session_id = ? AND row_no IN (SELECT value FROM json_each(?))`,
      )
      .all(sessionId, wanted) as StagedRecord[];
    this.sqlite
      .prepare(
        `DELETE FROM temp.teacher_stage WHERE session_id = ? AND row_no IN (SELECT value FROM json_each(?))`,
      )
      .run(sessionId, wanted);
    return new Map(rows.map((row) => [row.rowNo, toStaged(row)]));
  }

  /** Gives the rows of a school created at commit their school; returns them for hashing. */
  assignSchool(sessionId: string, schoolName: string, schoolId: string): StagedTeacher[] {
    this.sqlite
      .prepare(
        `UPDATE temp.teacher_stage SET school_id = ? WHERE session_id = ? AND status = 'unknown_school' AND school_name = ?`,
      )
      .run(schoolId, sessionId, schoolName);
    const rows = this.sqlite
      .prepare(
        `${SELECT_STAGED} WHERE session_id = ? AND status = 'unknown_school' AND school_id = ?`,
      )
      .all(sessionId, schoolId) as StagedRecord[];
    return rows.map(toStaged);
  }

  setHash(sessionId: string, rowNo: number, rowHash: string): void {
    this.sqlite
      .prepare(`UPDATE temp.teacher_stage SET row_hash = ? WHERE session_id = ? AND row_no = ?`)
      .run(rowHash, sessionId, rowNo);
  }

  /** Row numbers of staged rows whose school is still unknown. */
  unplacedRows(sessionId: string): number[] {
    return (
      this.sqlite
        .prepare(
          `SELECT row_no AS rowNo FROM temp.teacher_stage WHERE session_id = ? AND school_id IS NULL`,
        )
        .all(sessionId) as { rowNo: number }[]
    ).map((r) => r.rowNo);
  }

  /**
   * Applies the staged rows to the roster inside the caller's transaction, classifying each again
   * against the roster as it is now: new ID → insert; same school, other fingerprint → update;
   * other school → transfer when confirmed, else skipped; unknown school → skipped.
   */
  apply(
    sessionId: string,
    options: { confirmTransfers: boolean; now: string; onChunk(done: number, total: number): void },
  ): ApplyCounts {
    const counts = this.sqlite
      .prepare(
        `SELECT count(*) AS total,
           coalesce(sum(s.school_id IS NULL), 0) AS unplaced,
           coalesce(sum(t.id IS NOT NULL AND s.school_id IS NOT NULL AND t.school_id = s.school_id AND t.row_hash = s.row_hash), 0) AS unchanged,
           coalesce(sum(t.id IS NOT NULL AND s.school_id IS NOT NULL AND t.school_id <> s.school_id), 0) AS transfers
         FROM temp.teacher_stage s LEFT JOIN main.teacher t ON t.id_number = s.id_number
         WHERE s.session_id = ?`,
      )
      .get(sessionId) as { total: number; unplaced: number; unchanged: number; transfers: number };
    const bounds = this.sqlite
      .prepare(
        `SELECT min(rowid) AS lo, max(rowid) AS hi FROM temp.teacher_stage WHERE session_id = ?`,
      )
      .get(sessionId) as { lo: number | null; hi: number | null };
    const result: ApplyCounts = {
      inserted: 0,
      updated: 0,
      unchanged: counts.unchanged,
      transferred: 0,
      skipped: counts.unplaced + (options.confirmTransfers ? 0 : counts.transfers),
    };
    if (bounds.lo === null || bounds.hi === null) return result;

    const setColumns = `name = s.name, gender = s.gender, birth_date = s.birth_date, stages = s.stages,
      subject = s.subject, title = s.title, mobile = s.mobile, employment_status = s.employment_status,
      row_hash = s.row_hash, updated_at = @now`;
    const update = this.sqlite.prepare(
      `UPDATE main.teacher SET ${setColumns}
       FROM temp.teacher_stage s
       WHERE s.session_id = @session AND s.rowid BETWEEN @lo AND @hi
         AND main.teacher.id_number = s.id_number AND main.teacher.school_id = s.school_id
         AND main.teacher.row_hash <> s.row_hash`,
    );
    const transfer = this.sqlite.prepare(
      `UPDATE main.teacher SET ${setColumns}, school_id = s.school_id
       FROM temp.teacher_stage s
       WHERE s.session_id = @session AND s.rowid BETWEEN @lo AND @hi
         AND main.teacher.id_number = s.id_number AND s.school_id IS NOT NULL
         AND main.teacher.school_id <> s.school_id`,
    );
    const insert = this.sqlite.prepare(
      `INSERT INTO main.teacher (id, id_number, name, gender, birth_date, school_id, stages, subject, title, mobile,
                                 employment_status, row_hash, created_at, updated_at)
       SELECT s.new_id, s.id_number, s.name, s.gender, s.birth_date, s.school_id, s.stages, s.subject,
              s.title, s.mobile, s.employment_status, s.row_hash, @now, @now
       FROM temp.teacher_stage s
       WHERE s.session_id = @session AND s.rowid BETWEEN @lo AND @hi AND s.school_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM main.teacher t WHERE t.id_number = s.id_number)
       ORDER BY s.rowid`,
    );
    let done = 0;
    for (let lo = bounds.lo; lo <= bounds.hi; lo += CHUNK_ROWS) {
      const params = { session: sessionId, lo, hi: lo + CHUNK_ROWS - 1, now: options.now };
      result.updated += update.run(params).changes;
      if (options.confirmTransfers) result.transferred += transfer.run(params).changes;
      result.inserted += insert.run(params).changes;
      done = Math.min(counts.total, done + CHUNK_ROWS);
      options.onChunk(done, counts.total);
    }
    return result;
  }

  /**
   * Drops the staged rows of previews that were abandoned (not committed, older than `cutoff`):
   * each one can hold a whole roster in memory.
   */
  prune(cutoffIso: string): void {
    this.sqlite
      .prepare(
        `DELETE FROM temp.teacher_stage WHERE session_id NOT IN
           (SELECT id FROM main.import_session WHERE status = 'previewed' AND created_at >= ?)`,
      )
      .run(cutoffIso);
  }

  clear(sessionId: string): void {
    this.sqlite.prepare(`DELETE FROM temp.teacher_stage WHERE session_id = ?`).run(sessionId);
  }
}
