/**
 * The counts behind quota sheets, saves and enrollment: seats per batch and unit, and active
 * enrollments per batch and school, read only for the units a call is about.
 *
 * Raw SQL through `raw-sql.ts`, both engines, in chunks of ids: loading the project's every quota
 * row through the ORM took ≈ 270 ms and counting every enrollment by project ≈ 350 ms at province
 * scale (npm run bench, quota_enroll: 127,000 quota rows, 200,000 enrollments), for a sheet that
 * shows some hundred units. Seats are read by the primary key (batch, unit); enrollments are
 * counted on the (batch, school, status) index alone, without touching the table.
 */
import { type Tx } from '../../db/database';
import { idsParam, inIds, rawRows, rawRun } from '../../db/raw-sql';

/** Counts by batch, then unit. */
export type ByBatch = Map<string, Map<string, number>>;

function add(into: ByBatch, batchId: string, unitId: string, n: number): void {
  let units = into.get(batchId);
  if (!units) {
    units = new Map();
    into.set(batchId, units);
  }
  units.set(unitId, n);
}

/** Seats saved for these units in these batches (a unit without a row has none saved). */
export async function seatsOf(
  tx: Tx,
  batchIds: readonly string[],
  unitIds: Iterable<string>,
): Promise<ByBatch> {
  const out: ByBatch = new Map();
  const units = [...new Set(unitIds)];
  if (batchIds.length === 0 || units.length === 0) return out;
  const rows = await rawRows<{ batchId: string; unitId: string; seats: number | string }>(
    tx,
    `SELECT batch_id AS "batchId", unit_id AS "unitId", seats FROM quota
      WHERE ${inIds(tx, 'batch_id')} AND ${inIds(tx, 'unit_id')}`,
    [idsParam(tx, batchIds), idsParam(tx, units)],
  );
  for (const r of rows) add(out, r.batchId, r.unitId, Number(r.seats));
  return out;
}

/**
 * Active enrollments per batch and school: of these schools, or of every school (`'all'`, one
 * pass over the index, when the schools are most of the database anyway).
 */
export async function enrolledBySchool(
  tx: Tx,
  batchIds: readonly string[],
  schoolIds: Iterable<string> | 'all',
): Promise<ByBatch> {
  const out: ByBatch = new Map();
  if (batchIds.length === 0) return out;
  const schools = schoolIds === 'all' ? null : [...new Set(schoolIds)];
  if (schools?.length === 0) return out;
  const rows = await rawRows<{ batchId: string; schoolId: string; n: number | string }>(
    tx,
    `SELECT batch_id AS "batchId", school_id AS "schoolId", count(*) AS n FROM enrollment
      WHERE ${inIds(tx, 'batch_id')} AND status = 'enrolled'
      ${schools ? `AND ${inIds(tx, 'school_id')}` : ''}
      GROUP BY batch_id, school_id`,
    schools ? [idsParam(tx, batchIds), idsParam(tx, schools)] : [idsParam(tx, batchIds)],
  );
  for (const r of rows) add(out, r.batchId, r.schoolId, Number(r.n));
  return out;
}

/**
 * Saves seats (insert or update by batch and unit): one prepared statement per row on SQLite
 * (synchronous, ≈ 150k rows/s), one statement over arrays on PostgreSQL (no round trip per row).
 */
export async function upsertSeats(
  tx: Tx,
  projectId: string,
  cells: readonly { batchId: string; unitId: string; seats: number }[],
  now: string,
): Promise<void> {
  const conflict = `ON CONFLICT (batch_id, unit_id) DO UPDATE SET seats = excluded.seats, updated_at = excluded.updated_at`;
  if (tx.engine === 'postgres') {
    if (cells.length === 0) return;
    await rawRun(
      tx,
      `INSERT INTO quota (batch_id, unit_id, project_id, seats, updated_at)
        SELECT b, u, ?, s, ? FROM unnest(?::text[], ?::text[], ?::int[]) AS c(b, u, s) ${conflict}`,
      [
        projectId,
        now,
        cells.map((c) => c.batchId),
        cells.map((c) => c.unitId),
        cells.map((c) => c.seats),
      ],
    );
    return;
  }
  for (const c of cells) {
    await rawRun(
      tx,
      `INSERT INTO quota (batch_id, unit_id, project_id, seats, updated_at) VALUES (?, ?, ?, ?, ?) ${conflict}`,
      [c.batchId, c.unitId, projectId, c.seats, now],
    );
  }
}

/** The (batch, school) pairs among these that have teachers waiting, as `batchId/schoolId`. */
export async function waitingSchools(
  tx: Tx,
  batchIds: readonly string[],
  schoolIds: readonly string[],
): Promise<Set<string>> {
  if (batchIds.length === 0 || schoolIds.length === 0) return new Set();
  const rows = await rawRows<{ batchId: string; schoolId: string }>(
    tx,
    `SELECT DISTINCT batch_id AS "batchId", school_id AS "schoolId" FROM waitlist_entry
      WHERE ${inIds(tx, 'batch_id')} AND ${inIds(tx, 'school_id')} AND status = 'waiting'`,
    [idsParam(tx, batchIds), idsParam(tx, schoolIds)],
  );
  return new Set(rows.map((r) => `${r.batchId}/${r.schoolId}`));
}
