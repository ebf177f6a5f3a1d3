/**
 * The audit log is append-only and hash-chained, on both engines: entries chain by the documented
 * rule, commit or roll back with the caller's transaction, and any edit made behind the app's back
 * is located.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type AuditInput,
  GENESIS_HASH,
  appendAudit,
  listAudit,
  verifyAuditChain,
} from '../../electron/db/audit-log';
import { type Engine } from '../../electron/db/database';
import { type AppDatabase, openDatabase, openRawConnection } from '../../electron/db/open-database';
import { ENGINES, freshTarget, type EngineTarget } from '../support/engines';

const KEY = 'feed'.repeat(16);

const ENTRIES: AuditInput[] = [
  {
    actor: '管理员',
    actorId: 'op-admin',
    action: 'org.create',
    entity: 'org_unit',
    entityId: 'd1',
    summary: '新建区县：上城区',
    details: { name: '上城区', kind: 'district' },
    at: '2025-09-01T08:00:00.000+08:00',
  },
  {
    actor: '管理员',
    actorId: 'op-admin',
    action: 'roster.import.commit',
    entity: 'teacher',
    summary: '导入花名册：新增 120 人，更新 3 人',
    details: { new: 120, updated: 3, file: '教师花名册.xlsx' },
    at: '2025-09-01T08:05:00.000+08:00',
  },
  {
    actor: 'cli',
    action: 'roster.export.full-id',
    entity: 'teacher',
    entityId: null,
    summary: '导出完整身份证号',
  },
  {
    actor: '管理员',
    actorId: 'op-admin',
    action: 'teacher.update',
    entity: 'teacher',
    entityId: 't1',
    summary: '修改手机号',
    details: [1, 'two', { b: 2, a: 1 }],
  },
  {
    actor: '管理员',
    action: 'org.delete',
    entity: 'org_unit',
    entityId: 's9',
    summary: '删除学校：测试学校',
  },
];

interface StoredRow {
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

describe.each(ENGINES)('audit log on %s', (engine: Engine) => {
  let db: AppDatabase;
  let target: EngineTarget;

  async function storedRows(): Promise<StoredRow[]> {
    const rows = (await db.dataSource.query('SELECT * FROM audit_log ORDER BY seq')) as StoredRow[];
    return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
  }

  const append = (entry: AuditInput): Promise<{ seq: number; hash: string }> =>
    db.write((tx) => appendAudit(tx, entry));

  /** Tampers like someone holding the key or the server's password: the triggers go first. */
  async function tamper(sql: string): Promise<void> {
    if (engine === 'sqlite') {
      const raw = openRawConnection(db.location, KEY);
      try {
        raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
        raw.exec(sql);
      } finally {
        raw.close();
      }
      return;
    }
    const client = new pg.Client({ connectionString: target.url ?? '' });
    await client.connect();
    try {
      await client.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  beforeEach(async () => {
    target = await freshTarget(engine, 'audit');
    db = await openDatabase({ dataDir: target.dataDir, key: KEY, url: target.url });
  });

  afterEach(async () => {
    await db.close();
    await target.cleanup();
  });

  describe('appending', () => {
    it('chains entries by the documented rule', async () => {
      const results: { seq: number; hash: string }[] = [];
      for (const entry of ENTRIES) results.push(await append(entry));
      expect(results.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
      expect((await storedRows()).map((r) => r.actor_id)).toEqual([
        'op-admin',
        'op-admin',
        null,
        'op-admin',
        null,
      ]);

      const rows = await storedRows();
      let prev = GENESIS_HASH;
      rows.forEach((row, i) => {
        // An independent recomputation from the module header's description of the hash: the
        // operator's id is the eighth field where there is one, absent where there is none.
        const fields = [
          row.at,
          row.actor,
          row.action,
          row.entity,
          row.entity_id,
          row.summary,
          row.details,
        ];
        const canonical = JSON.stringify(
          row.actor_id === null ? fields : [...fields, row.actor_id],
        );
        const expected = createHash('sha256')
          .update(prev + canonical)
          .digest('hex');
        expect(row.prev_hash).toBe(prev);
        expect(row.hash).toBe(expected);
        expect(results[i]?.hash).toBe(expected);
        prev = row.hash;
      });
      expect(await verifyAuditChain(db)).toEqual({
        isIntact: true,
        checked: 5,
        brokenAtSeq: null,
      });
    });

    it('stores details as canonical JSON (sorted keys) and defaults the optional fields', async () => {
      await append({
        actor: 'a',
        action: 'x.y',
        entity: 'e',
        summary: '甲',
        details: { b: 1, a: { d: 2, c: 3 } },
      });
      await append({
        actor: 'a',
        action: 'x.y',
        entity: 'e',
        summary: '乙',
        details: { a: { c: 3, d: 2 }, b: 1 },
      });
      await append({ actor: 'a', action: 'x.y', entity: 'e', summary: '丙' });
      const rows = await storedRows();
      expect(rows[0]?.details).toBe('{"a":{"c":3,"d":2},"b":1}');
      expect(rows[1]?.details).toBe(rows[0]?.details);
      expect(rows[2]?.details).toBeNull();
      expect(rows[2]?.entity_id).toBeNull();
      expect(Date.parse(rows[2]?.at ?? '')).not.toBeNaN();
    });

    it.each([
      { field: 'actor', entry: { actor: ' ', action: 'a.b', entity: 'e', summary: 's' } },
      { field: 'summary', entry: { actor: 'x', action: 'a.b', entity: 'e', summary: '' } },
      { field: 'at', entry: { actor: 'x', action: 'a.b', entity: 'e', summary: 's', at: '昨天' } },
    ])('rejects an entry with an empty or invalid $field', async ({ entry }) => {
      await expect(append(entry)).rejects.toThrow(/审计记录/);
      expect(await storedRows()).toEqual([]);
    });

    it('is refused outside a write transaction', async () => {
      await expect(appendAudit(db.reader, ENTRIES[0] as AuditInput)).rejects.toThrow(/写事务/);
    });

    it("commits and rolls back with the caller's transaction", async () => {
      const write = (shouldFail: boolean): Promise<void> =>
        db.write(async (tx) => {
          await tx.manager.query(`INSERT INTO app_meta (key, value) VALUES ('k', 'v')`);
          await appendAudit(tx, {
            actor: 'x',
            action: 'meta.set',
            entity: 'app_meta',
            entityId: 'k',
            summary: '设置',
          });
          if (shouldFail) throw new Error('写入失败');
        });
      await expect(write(true)).rejects.toThrow('写入失败');
      expect(await storedRows()).toEqual([]);
      const count = (await db.dataSource.query(
        `SELECT count(*) AS n FROM app_meta WHERE key = 'k'`,
      )) as { n: number | string }[];
      expect(Number(count[0]?.n)).toBe(0);

      await write(false);
      expect(await storedRows()).toHaveLength(1);
      expect((await verifyAuditChain(db)).isIntact).toBe(true);
    });

    it('keeps one chain when writers append at the same time', async () => {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          append({ actor: `w${i}`, action: 'x.y', entity: 'e', summary: `并发 ${i}` }),
        ),
      );
      expect(await verifyAuditChain(db)).toEqual({
        isIntact: true,
        checked: 20,
        brokenAtSeq: null,
      });
    });
  });

  describe('append-only', () => {
    beforeEach(async () => {
      for (const entry of ENTRIES) await append(entry);
    });

    it.each([
      { op: 'UPDATE', sql: `UPDATE audit_log SET summary = '改过' WHERE seq = 2` },
      { op: 'DELETE', sql: `DELETE FROM audit_log WHERE seq = 5` },
      { op: 'DELETE all', sql: `DELETE FROM audit_log` },
    ])('refuses $op through the triggers', async ({ sql }) => {
      const before = await storedRows();
      await expect(db.dataSource.query(sql)).rejects.toThrow(/append-only/);
      expect(await storedRows()).toEqual(before);
    });
  });

  describe('verifying the chain', () => {
    beforeEach(async () => {
      for (const entry of ENTRIES) await append(entry);
    });

    it('reports an empty log as intact', async () => {
      const other = await freshTarget(engine, 'audit-empty');
      const fresh = await openDatabase({ dataDir: other.dataDir, key: KEY, url: other.url });
      try {
        expect(await verifyAuditChain(fresh)).toEqual({
          isIntact: true,
          checked: 0,
          brokenAtSeq: null,
        });
      } finally {
        await fresh.close();
        await other.cleanup();
      }
    });

    it.each([
      {
        label: 'a changed summary',
        sql: `UPDATE audit_log SET summary = '无事发生' WHERE seq = 3`,
        brokenAtSeq: 3,
      },
      {
        label: 'a changed time',
        sql: `UPDATE audit_log SET at = '2020-01-01T00:00:00Z' WHERE seq = 1`,
        brokenAtSeq: 1,
      },
      {
        label: 'changed details',
        sql: `UPDATE audit_log SET details = '{"new":1}' WHERE seq = 2`,
        brokenAtSeq: 2,
      },
      {
        label: 'a changed actor',
        sql: `UPDATE audit_log SET actor = '别人' WHERE seq = 5`,
        brokenAtSeq: 5,
      },
      {
        label: 'a changed operator id',
        sql: `UPDATE audit_log SET actor_id = 'op-other' WHERE seq = 4`,
        brokenAtSeq: 4,
      },
      {
        label: 'an operator id removed',
        sql: `UPDATE audit_log SET actor_id = NULL WHERE seq = 1`,
        brokenAtSeq: 1,
      },
      {
        label: 'a deleted middle entry',
        sql: `DELETE FROM audit_log WHERE seq = 2`,
        brokenAtSeq: 3,
      },
      {
        label: 'entries cut off the end',
        sql: `DELETE FROM audit_log WHERE seq >= 4`,
        brokenAtSeq: 4,
      },
      {
        label: 'an edited entry with a made-up hash',
        sql: `UPDATE audit_log SET summary = '伪造', hash = '${'f'.repeat(64)}' WHERE seq = 2`,
        brokenAtSeq: 2,
      },
    ])('locates $label', async ({ sql, brokenAtSeq }) => {
      await tamper(sql);
      const report = await verifyAuditChain(db);
      expect(report.isIntact).toBe(false);
      expect(report.brokenAtSeq).toBe(brokenAtSeq);
    });

    it('locates the next entry when one is re-hashed consistently but the chain is not', async () => {
      const row = (await storedRows())[1];
      if (!row) throw new Error('seed missing');
      const summary = '伪造的摘要';
      const fields = [
        row.at,
        row.actor,
        row.action,
        row.entity,
        row.entity_id,
        summary,
        row.details,
      ];
      const canonical = JSON.stringify(row.actor_id === null ? fields : [...fields, row.actor_id]);
      const forged = createHash('sha256')
        .update(row.prev_hash + canonical)
        .digest('hex');
      await tamper(`UPDATE audit_log SET summary = '${summary}', hash = '${forged}' WHERE seq = 2`);
      expect(await verifyAuditChain(db)).toEqual({ isIntact: false, checked: 3, brokenAtSeq: 3 });
    });

    it('verifies a long chain, page after page', async () => {
      await db.write(async (tx) => {
        for (let i = 0; i < 6000; i += 1) {
          await appendAudit(tx, {
            actor: 'bot',
            action: 'teacher.update',
            entity: 'teacher',
            entityId: `t${i}`,
            summary: `第 ${i} 次`,
          });
        }
      });
      expect(await verifyAuditChain(db)).toEqual({
        isIntact: true,
        checked: 6005,
        brokenAtSeq: null,
      });
    });
  });

  describe('listing', () => {
    it('pages newest first in the API shape', async () => {
      for (const entry of ENTRIES) await append(entry);
      const page = await listAudit(db, 1, 2);
      expect(page.total).toBe(5);
      expect(page.rows).toEqual([
        {
          seq: 4,
          at: expect.any(String) as unknown,
          actor: '管理员',
          actorId: 'op-admin',
          action: 'teacher.update',
          entity: 'teacher',
          entityId: 't1',
          summary: '修改手机号',
        },
        {
          seq: 3,
          at: expect.any(String) as unknown,
          actor: 'cli',
          actorId: null,
          action: 'roster.export.full-id',
          entity: 'teacher',
          entityId: null,
          summary: '导出完整身份证号',
        },
      ]);
      expect(await listAudit(db, 5, 10)).toEqual({ rows: [], total: 5 });
    });
  });
});
