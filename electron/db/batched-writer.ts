/**
 * Bulk inserts for the measured paths (import staging, the demo workspace).
 *
 * - `batchedInsert`: SQLite rows in multi-row prepared statements (50 rows each), inside the
 *   caller's transaction: ≈150k rows/s, where ORM saves manage ≈7k.
 * - `insertRows`: the same on either engine, on a transaction context; PostgreSQL gets multi-row
 *   VALUES statements of up to 60,000 parameters (its limit is 65,535).
 * - `stagingWriter`: rows added one by one, written in batches, each batch its own short write
 *   transaction through the database's write path, as scratch data (see `WriteOptions`).
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { type AppDatabase, type Tx } from './database';
import { rawRun } from './raw-sql';

export interface BatchedWriter<T> {
  add(row: T): void;
  /** Writes what is pending; call it before reading back what was added. */
  flush(): void;
}

export interface AsyncBatchedWriter<T> {
  add(row: T): Promise<void>;
  /** Writes what is pending; call it before reading back what was added. */
  flush(): Promise<void>;
}

const ROWS_PER_STATEMENT = 50;
const PG_MAX_PARAMETERS = 60_000;

function insertSql(table: string, columns: readonly string[], rows: number): string {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`;
}

/** SQLite: a writer whose batches join the transaction open on the connection (or open one each). */
export function batchedInsert<T>(
  sqlite: Database.Database,
  table: string,
  columns: readonly string[],
  values: (row: T) => unknown[],
  batchSize = 2000,
): BatchedWriter<T> {
  const many = sqlite.prepare(insertSql(table, columns, ROWS_PER_STATEMENT));
  const one = sqlite.prepare(insertSql(table, columns, 1));
  const writeBatch = sqlite.transaction((rows: T[]) => {
    let i = 0;
    for (; i + ROWS_PER_STATEMENT <= rows.length; i += ROWS_PER_STATEMENT) {
      const args: unknown[] = [];
      for (let j = i; j < i + ROWS_PER_STATEMENT; j += 1) {
        for (const v of values(rows[j] as T)) args.push(v);
      }
      many.run(args);
    }
    for (; i < rows.length; i += 1) one.run(values(rows[i] as T));
  });
  let pending: T[] = [];
  return {
    add: (row) => {
      pending.push(row);
      if (pending.length >= batchSize) {
        writeBatch(pending);
        pending = [];
      }
    },
    flush: () => {
      if (pending.length > 0) writeBatch(pending);
      pending = [];
    },
  };
}

/** Inserts `rows` (values in `columns` order) on either engine, inside the caller's transaction. */
export async function insertRows(
  tx: Tx,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
): Promise<void> {
  if (rows.length === 0) return;
  if (tx.sqlite) {
    const writer = batchedInsert<unknown[]>(tx.sqlite, table, columns, (r) => r, rows.length);
    for (const row of rows) writer.add(row);
    writer.flush();
    return;
  }
  const perStatement = Math.max(1, Math.floor(PG_MAX_PARAMETERS / columns.length));
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    await rawRun(tx, insertSql(table, columns, chunk.length), chunk.flat());
  }
}

/** Rows written in batches, each batch in its own write transaction. */
export function stagingWriter<T>(
  db: AppDatabase,
  table: string,
  columns: readonly string[],
  values: (row: T) => unknown[],
  batchSize = 2000,
): AsyncBatchedWriter<T> {
  let pending: unknown[][] = [];
  const write = async (): Promise<void> => {
    if (pending.length === 0) return;
    const rows = pending;
    pending = [];
    await db.write((tx) => insertRows(tx, table, columns, rows), { isScratch: true });
  };
  return {
    add: async (row) => {
      pending.push(values(row));
      if (pending.length >= batchSize) await write();
    },
    flush: write,
  };
}
