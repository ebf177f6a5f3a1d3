/**
 * The audit log: who did what to which entity, when. Append-only (triggers in the schema refuse
 * UPDATE and DELETE) and hash-chained, so an edit made behind the app's back is detectable.
 *
 * Each entry's hash is SHA-256 (hex) of `prev_hash` followed by the canonical serialisation
 * `JSON.stringify([at, actor, action, entity, entity_id, summary, details])`, where `entity_id` and
 * `details` are the stored values (`details` is canonical JSON text with sorted keys, or null).
 * The first entry's `prev_hash` is 64 zeros. Anyone holding the key can recompute the chain with
 * these rules alone; it detects casual tampering, not a holder of the key rewriting everything.
 *
 * `appendAudit` is synchronous and meant to run inside the caller's transaction on the same
 * connection, so the audit row commits or rolls back together with the write it describes.
 */
import { createHash } from 'node:crypto';
import { type Database } from 'better-sqlite3-multiple-ciphers';
import { AppError } from '@shared/api/envelope';

export interface AuditInput {
  actor: string;
  /** Dotted verb, e.g. 'roster.import.commit', 'roster.export.full-id', 'org.create', 'teacher.update'. */
  action: string;
  entity: string;
  entityId?: string | null;
  /** One line in Chinese, for people. */
  summary: string;
  /** Any JSON value; stored as canonical JSON. */
  details?: unknown;
  /** ISO 8601 time; default now. */
  at?: string;
}

export interface AuditEntryRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  summary: string;
}

export interface AuditChainReport {
  isIntact: boolean;
  /** Entries read before the verdict (all of them when intact). */
  checked: number;
  /**
   * First entry that breaks the chain (its hash or its link to the previous one is wrong), or,
   * when entries were cut off the end, the first missing sequence number.
   */
  brokenAtSeq: number | null;
}

export const GENESIS_HASH = '0'.repeat(64);

interface StoredEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  summary: string;
  details: string | null;
  prev_hash: string;
  hash: string;
}

/** Appends one entry and returns its sequence number and hash. */
export function appendAudit(sqlite: Database, entry: AuditInput): { seq: number; hash: string } {
  for (const field of ['actor', 'action', 'entity', 'summary'] as const) {
    if (entry[field].trim() === '') throw new AppError('INTERNAL', `审计记录缺少字段：${field}`);
  }
  const at = entry.at ?? new Date().toISOString();
  if (Number.isNaN(Date.parse(at))) throw new AppError('INTERNAL', `审计记录的时间无效：${at}`);
  const entityId = entry.entityId ?? null;
  const details = canonicalJson(entry.details);

  const append = (): { seq: number; hash: string } => {
    const last = sqlite
      .prepare<[], { hash: string }>('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1')
      .get();
    const prevHash = last?.hash ?? GENESIS_HASH;
    const hash = entryHash(prevHash, {
      at,
      actor: entry.actor,
      action: entry.action,
      entity: entry.entity,
      entity_id: entityId,
      summary: entry.summary,
      details,
    });
    const result = sqlite
      .prepare(
        `INSERT INTO audit_log (at, actor, action, entity, entity_id, summary, details, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        at,
        entry.actor,
        entry.action,
        entry.entity,
        entityId,
        entry.summary,
        details,
        prevHash,
        hash,
      );
    return { seq: Number(result.lastInsertRowid), hash };
  };

  // Reading the last hash and inserting must not interleave with another writer, or the chain
  // forks. Inside the caller's write transaction that already holds; alone, take the write lock.
  return sqlite.inTransaction ? append() : sqlite.transaction(append).immediate();
}

/** Recomputes the whole chain, streaming rows so memory stays flat however long the log is. */
export function verifyAuditChain(sqlite: Database): AuditChainReport {
  const rows = sqlite
    .prepare<[], StoredEntry>(
      `SELECT seq, at, actor, action, entity, entity_id, summary, details, prev_hash, hash
       FROM audit_log ORDER BY seq`,
    )
    .iterate();
  let expectedPrev = GENESIS_HASH;
  let checked = 0;
  let lastSeq = 0;
  for (const row of rows) {
    checked += 1;
    if (row.prev_hash !== expectedPrev || entryHash(row.prev_hash, row) !== row.hash) {
      // Leaving the loop early closes the iterator and with it the statement.
      return { isIntact: false, checked, brokenAtSeq: row.seq };
    }
    expectedPrev = row.hash;
    lastSeq = row.seq;
  }
  // AUTOINCREMENT remembers the highest sequence ever used; rows cut off the end show up here.
  const highest = sqlite
    .prepare<[], { seq: number }>(`SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'`)
    .get();
  if (highest && highest.seq > lastSeq)
    return { isIntact: false, checked, brokenAtSeq: lastSeq + 1 };
  return { isIntact: true, checked, brokenAtSeq: null };
}

/** One page of the log, newest first. */
export function listAudit(
  sqlite: Database,
  offset: number,
  limit: number,
): { rows: AuditEntryRow[]; total: number } {
  const total =
    sqlite.prepare<[], { n: number }>('SELECT count(*) AS n FROM audit_log').get()?.n ?? 0;
  const rows = sqlite
    .prepare<[number, number], AuditEntryRow>(
      `SELECT seq, at, actor, action, entity, entity_id AS entityId, summary
       FROM audit_log ORDER BY seq DESC LIMIT ? OFFSET ?`,
    )
    .all(limit, offset);
  return { rows, total };
}

function entryHash(
  prevHash: string,
  e: Pick<StoredEntry, 'at' | 'actor' | 'action' | 'entity' | 'entity_id' | 'summary' | 'details'>,
): string {
  const canonical = JSON.stringify([
    e.at,
    e.actor,
    e.action,
    e.entity,
    e.entity_id,
    e.summary,
    e.details,
  ]);
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

/** JSON with object keys sorted at every level, so equal values always serialise the same way. */
export function canonicalJson(value: unknown): string | null {
  if (value === undefined) return null;
  const text: string | undefined = JSON.stringify(value, (_key, v: unknown) =>
    isPlainObject(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
  return text ?? null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
