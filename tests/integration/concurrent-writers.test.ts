/**
 * Several processes on one PostgreSQL database (two `serve` processes, the job thread, the CLI):
 * two cores on one database stand for them. Their writes interleave at random; every write lands
 * once, a name taken twice at the same moment is refused once as CONFLICT, the audit chain stays
 * one intact chain, and every change has its outbox row.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type OrgNode } from '@shared/api/org.contract';
import { openTestCore, type TestCore } from '../support/core-harness';
import { createTestPgDatabase, type TestPgDatabase } from '../support/pg-database';

const opened: TestCore[] = [];
let pg: TestPgDatabase | null = null;
afterEach(async () => {
  for (const core of opened.splice(0)) await core.close();
  await pg?.drop();
  pg = null;
});

describe('concurrent writers on one PostgreSQL database', () => {
  it('never lose or duplicate a write, and keep one audit chain and the outbox complete', async () => {
    pg = await createTestPgDatabase('concurrent');
    const a = await openTestCore({ databaseUrl: pg.url });
    opened.push(a);
    const b = await openTestCore({ databaseUrl: pg.url });
    opened.push(b);
    const city = await a.call<OrgNode>('org/create', {
      name: '示范市',
      kind: 'city',
      parentId: a.rootId,
    });
    // Before the race: setting up (a), the administrator's second role (a), logging in (b), the city.
    const before = await a.count('audit_log');

    // 30 districts from each core at once, and 10 names both try to take at the same moment.
    const creates = (core: TestCore, prefix: string) =>
      Array.from({ length: 30 }, (_, i) =>
        core.raw('org/create', { name: `${prefix}${i}区`, kind: 'district', parentId: city.id }),
      );
    const contested = Array.from({ length: 10 }, (_, i) =>
      [a, b].map((core) =>
        core.raw('org/create', { name: `争抢${i}区`, kind: 'district', parentId: city.id }),
      ),
    ).flat();
    const results = await Promise.all([...creates(a, '甲'), ...creates(b, '乙'), ...contested]);

    const failures = results.filter((r) => !r.ok);
    expect(results.slice(0, 60).every((r) => r.ok)).toBe(true);
    expect(failures).toHaveLength(10);
    expect(failures.every((r) => !r.ok && r.error.code === 'CONFLICT')).toBe(true);

    const names = (await b.call<{ nodes: OrgNode[] }>('org/tree')).nodes
      .filter((n) => n.kind === 'district')
      .map((n) => n.name);
    expect(names).toHaveLength(70);
    expect(new Set(names).size).toBe(70);

    const verified = await a.call<{ isIntact: boolean; checked: number }>('audit/verify');
    expect(verified).toMatchObject({ isIntact: true, checked: before + 70 });
    const outbox = await a.rows<{ method: string; op_id: string }>(
      `SELECT method, op_id FROM outbox WHERE method = 'org/create'`,
    );
    expect(outbox).toHaveLength(71);
    expect(new Set(outbox.map((o) => o.op_id)).size).toBe(71);
  });
});
