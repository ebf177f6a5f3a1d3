/**
 * Raw SQL for the measured bulk and aggregate paths of repositories (import staging and commit,
 * the demo workspace), on the caller's transaction context. One statement text serves both
 * engines where their SQL agrees: it is written with `?` placeholders and numbered (`$1`, `$2`…)
 * for PostgreSQL. On SQLite the statement is prepared once per connection and cached (the same
 * ≈150k rows/s as before TypeORM was involved); on PostgreSQL it runs on the transaction's pooled
 * connection. Nowhere else: the rest of the code uses entities and the query builder.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { type Tx } from './database';

export interface RawResult<T> {
  rows: T[];
  /** Rows changed by an INSERT, UPDATE or DELETE. */
  affected: number;
}

const statementCache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function prepared(sqlite: Database.Database, sql: string): Database.Statement {
  let cache = statementCache.get(sqlite);
  if (!cache) {
    cache = new Map();
    statementCache.set(sqlite, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = sqlite.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

/** `?` → `$1, $2, …`, skipping quoted text and identifiers (the statement is ours, not user input). */
export function numberPlaceholders(sql: string): string {
  let out = '';
  let n = 0;
  let quote: string | null = null;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === '?') {
      n += 1;
      out += `$${n}`;
    } else {
      out += ch;
    }
  }
  return out;
}

export async function rawQuery<T = Record<string, unknown>>(
  tx: Tx,
  sql: string,
  params: readonly unknown[] = [],
): Promise<RawResult<T>> {
  if (tx.sqlite) {
    const statement = prepared(tx.sqlite, sql);
    if (statement.reader) return { rows: statement.all(...params) as T[], affected: 0 };
    return { rows: [], affected: statement.run(...params).changes };
  }
  const runner = tx.manager.queryRunner ?? tx.manager.connection.createQueryRunner();
  try {
    const result = await runner.query(numberPlaceholders(sql), [...params], true);
    const records = (result as { records?: T[] }).records;
    const affected = (result as { affected?: number }).affected;
    return { rows: Array.isArray(records) ? records : [], affected: affected ?? 0 };
  } finally {
    if (runner !== tx.manager.queryRunner) await runner.release();
  }
}

/** The rows of a SELECT. */
export async function rawRows<T>(
  tx: Tx,
  sql: string,
  params: readonly unknown[] = [],
): Promise<T[]> {
  return (await rawQuery<T>(tx, sql, params)).rows;
}

/** Rows changed by a statement. */
export async function rawRun(
  tx: Tx,
  sql: string,
  params: readonly unknown[] = [],
): Promise<number> {
  return (await rawQuery(tx, sql, params)).affected;
}

/**
 * `column IN (the ids)` with the ids as one parameter, so each query is one statement text (one
 * prepared statement) whatever the number of ids: a JSON array read by `json_each` on SQLite, a
 * text array on PostgreSQL.
 */
export function inIds(tx: Tx, column: string): string {
  return tx.engine === 'postgres'
    ? `${column} = ANY(?::text[])`
    : `${column} IN (SELECT value FROM json_each(?))`;
}

export function idsParam(tx: Tx, ids: readonly string[]): unknown {
  return tx.engine === 'postgres' ? ids : JSON.stringify(ids);
}
