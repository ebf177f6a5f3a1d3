/**
 * The audit log: who did what to which entity, when. Append-only (triggers in the schema refuse
 * UPDATE and DELETE) and hash-chained, so an edit made behind the app's back is detectable.
 *
 * Each entry's hash is SHA-256 (hex) of `prev_hash` followed by the canonical serialisation
 * `JSON.stringify([at, actor, action, entity, entity_id, summary, details])`, where `entity_id` and
 * `details` are the stored values (`details` is canonical JSON text with sorted keys, or null).
 * Entries that name an operator (`actor_id`, from the operators migration on) append it:
 * `JSON.stringify([at, actor, action, entity, entity_id, summary, details, actor_id])`; entries
 * written before it (actor_id null) keep the seven-field form, so old chains verify unchanged.
 * The first entry's `prev_hash` is 64 zeros. Anyone holding the key can recompute the chain with
 * these rules alone; it detects casual tampering, not a holder of the key rewriting everything.
 *
 * Entries are appended only by the core's write wrapper, inside the transaction of the write they
 * describe, so the audit row commits or rolls back together with it. On both engines writers take
 * turns on the chain (SQLite: the one write transaction; PostgreSQL: an advisory lock).
 */
import { createHash } from 'node:crypto';
import { AppError } from '@shared/api/envelope';
import { type AppDatabase, type Tx } from './database';
import { AppMetaEntity } from './entities/app-meta.entity';
import { AuditLogEntity } from './entities/audit-log.entity';
import { rawRows, rawRun } from './raw-sql';

export interface AuditInput {
  /** The operator's name at the time (or, for a failed log-in, the name typed). */
  actor: string;
  /** The operator's id; null when there is none (a log-in attempt with an unknown name). */
  actorId?: string | null;
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
  actorId: string | null;
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
  actor_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  summary: string;
  details: string | null;
  prev_hash: string;
  hash: string;
}

/** pg_advisory_xact_lock key of the audit chain ("TDaudit" as a number). */
const AUDIT_LOCK_KEY = 0x544461756469;
/** app_meta key of the highest sequence number written (PostgreSQL; SQLite has sqlite_sequence). */
export const AUDIT_HEAD_META_KEY = 'audit_head_seq';
const VERIFY_PAGE = 5000;

/**
 * Appends one entry inside the caller's write transaction and returns its sequence number and
 * hash: the entry commits or rolls back with the write it describes.
 */
export async function appendAudit(
  tx: Tx,
  entry: AuditInput,
): Promise<{ seq: number; hash: string }> {
  if (!tx.isWrite) throw new AppError('INTERNAL', '审计记录只能在写事务中追加');
  for (const field of ['actor', 'action', 'entity', 'summary'] as const) {
    if (entry[field].trim() === '') throw new AppError('INTERNAL', `审计记录缺少字段：${field}`);
  }
  const at = entry.at ?? new Date().toISOString();
  if (Number.isNaN(Date.parse(at))) throw new AppError('INTERNAL', `审计记录的时间无效：${at}`);
  const entityId = entry.entityId ?? null;
  const details = canonicalJson(entry.details);
  const fields = {
    at,
    actor: entry.actor,
    actor_id: entry.actorId ?? null,
    action: entry.action,
    entity: entry.entity,
    entity_id: entityId,
    summary: entry.summary,
    details,
  };

  // Writers take turns on the chain: on SQLite the one write transaction (BEGIN IMMEDIATE) already
  // makes them; on PostgreSQL, where several processes write, the chain's advisory lock does.
  if (tx.engine === 'postgres') {
    await rawRun(tx, 'SELECT pg_advisory_xact_lock(?)', [AUDIT_LOCK_KEY]);
  }
  const [last] = await rawRows<{ seq: number | string; hash: string }>(
    tx,
    'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
  );
  // Numbers are given here, not by the column: a PostgreSQL sequence skips the numbers of rolled-back
  // transactions (SQLite's AUTOINCREMENT counter follows an explicit number).
  const seq = Number(last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = entryHash(prevHash, fields);
  // An entry without an operator leaves actor_id out (NULL), as entries did before it existed.
  const withActor = fields.actor_id !== null;
  await rawRun(
    tx,
    `INSERT INTO audit_log (seq, at, actor, ${withActor ? 'actor_id, ' : ''}action, entity, entity_id, summary, details, prev_hash, hash)
     VALUES (?, ?, ?, ${withActor ? '?, ' : ''}?, ?, ?, ?, ?, ?, ?)`,
    [
      seq,
      at,
      entry.actor,
      ...(withActor ? [fields.actor_id] : []),
      entry.action,
      entry.entity,
      entityId,
      entry.summary,
      details,
      prevHash,
      hash,
    ],
  );
  if (tx.engine === 'postgres') {
    // The highest number written, so entries cut off the end are found (SQLite: sqlite_sequence).
    await rawRun(
      tx,
      `INSERT INTO app_meta (key, value) VALUES (?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      [AUDIT_HEAD_META_KEY, String(seq)],
    );
  }
  return { seq, hash };
}

/**
 * Recomputes the whole chain, a page at a time so memory stays flat however long the log is.
 * Sequence numbers must follow each other, and the last one must be the highest ever written:
 * entries cut off the end show up there.
 */
export async function verifyAuditChain(db: AppDatabase): Promise<AuditChainReport> {
  const repo = db.reader.manager.getRepository(AuditLogEntity);
  let expectedPrev = GENESIS_HASH;
  let checked = 0;
  let lastSeq = 0;
  for (;;) {
    const page = await repo
      .createQueryBuilder('a')
      .where('a.seq > :after', { after: lastSeq })
      .orderBy('a.seq', 'ASC')
      .limit(VERIFY_PAGE)
      .getMany();
    for (const row of page) {
      checked += 1;
      const stored: StoredEntry = {
        seq: row.seq,
        at: row.at,
        actor: row.actor,
        actor_id: row.actorId,
        action: row.action,
        entity: row.entity,
        entity_id: row.entityId,
        summary: row.summary,
        details: row.details,
        prev_hash: row.prevHash,
        hash: row.hash,
      };
      if (row.prevHash !== expectedPrev || entryHash(row.prevHash, stored) !== row.hash) {
        return { isIntact: false, checked, brokenAtSeq: row.seq };
      }
      // A consistent chain with a hole: entries were removed and the rest re-hashed.
      if (row.seq !== lastSeq + 1) return { isIntact: false, checked, brokenAtSeq: lastSeq + 1 };
      expectedPrev = row.hash;
      lastSeq = row.seq;
    }
    if (page.length < VERIFY_PAGE) break;
  }
  const highest = await highestAuditSeq(db);
  if (highest > lastSeq) return { isIntact: false, checked, brokenAtSeq: lastSeq + 1 };
  return { isIntact: true, checked, brokenAtSeq: null };
}

async function highestAuditSeq(db: AppDatabase): Promise<number> {
  if (db.sqlite) {
    // AUTOINCREMENT remembers the highest sequence ever used, transactionally.
    const row = db.sqlite
      .prepare<[], { seq: number }>(`SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'`)
      .get();
    return row?.seq ?? 0;
  }
  const meta = await db.reader.manager
    .getRepository(AppMetaEntity)
    .findOneBy({ key: AUDIT_HEAD_META_KEY });
  return meta ? Number(meta.value) : 0;
}

/** One page of the log, newest first. */
export async function listAudit(
  db: AppDatabase,
  offset: number,
  limit: number,
): Promise<{ rows: AuditEntryRow[]; total: number }> {
  const [entities, total] = await db.reader.manager
    .getRepository(AuditLogEntity)
    .findAndCount({ order: { seq: 'DESC' }, skip: offset, take: limit });
  const rows = entities.map((e) => ({
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    actorId: e.actorId,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    summary: e.summary,
  }));
  return { rows, total };
}

function entryHash(
  prevHash: string,
  e: Pick<
    StoredEntry,
    'at' | 'actor' | 'actor_id' | 'action' | 'entity' | 'entity_id' | 'summary' | 'details'
  >,
): string {
  const fields: (string | null)[] = [
    e.at,
    e.actor,
    e.action,
    e.entity,
    e.entity_id,
    e.summary,
    e.details,
  ];
  if (e.actor_id !== null) fields.push(e.actor_id);
  const canonical = JSON.stringify(fields);
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
