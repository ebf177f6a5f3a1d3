/**
 * Training projects and four-level quotas over the contract, on both engines, each step as the
 * office whose job it is: the city makes its project and sets its year's seats, shares them among
 * its districts, a district shares its seats among its schools, and no level ever hands out more
 * than it has, not even two offices saving at the same moment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OrgNode } from '@shared/api/org.contract';
import { type ProjectRow, type QuotaSheet } from '@shared/api/projects.contract';
import { type Caller, openTestCore, type TestCore } from '../support/core-harness';
import { ENGINES } from '../support/engines';
import { createTestPgDatabase } from '../support/pg-database';

function codeOf(envelope: { ok: boolean; error?: { code: string } }): string {
  return envelope.ok ? 'OK' : (envelope.error?.code ?? '?');
}

type Cell = { unitId: string; batchId: string; seats: number };

describe.each(ENGINES)('projects and quotas on %s', (engine) => {
  let t: TestCore;
  let now = Date.parse('2027-06-01T02:00:00.000Z');
  let city: Caller;
  let district: Caller;
  let school: Caller;
  let project: ProjectRow;
  let nodes: OrgNode[];

  beforeAll(async () => {
    t = await openTestCore({
      engine,
      setup: { demo: 600 },
      now: () => new Date(now).toISOString(),
    });
    nodes = (await t.call<{ nodes: OrgNode[] }>('org/tree')).nodes;
    city = await t.loginAs('city', 'demo1234');
    district = await t.loginAs('district', 'demo1234');
    school = await t.loginAs('school', 'demo1234');
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  it('makes a project from the R1 preset: nine batches from the calendar, the deadline of the seats', async () => {
    project = await city.call<ProjectRow>('projects/create', {
      code: 'S20270304',
      name: '2027 年小学初中学科类在线学习',
      year: 2027,
      ruleSetId: 'jiangsu-online-2023',
      stages: ['小学', '初中'],
    });
    expect(project.organizer.name).toBe('示范市');
    expect(project.batches).toHaveLength(9);
    expect(project.batches[0]).toMatchObject({
      no: 1,
      startsOn: '2027-07-16',
      endsOn: '2027-08-04',
      enrollFrom: '2027-07-11',
      enrollUntil: '2027-07-15',
      changeUntil: '2027-08-04',
    });
    expect(project.batches[8]?.endsOn).toBe('2027-12-05');
    expect(project.quotaDeadline).toBe('2027-07-06');
    expect(
      codeOf(
        await city.raw('projects/create', {
          code: 'S20270304',
          name: '重复',
          year: 2027,
          ruleSetId: 'jiangsu-online-2023',
          stages: ['小学'],
        }),
      ),
    ).toBe('CONFLICT');
    const noCalendar = await city.raw('projects/create', {
      code: 'X1',
      name: '无日历',
      year: 2027,
      ruleSetId: 'taizhou-shishuo-2023',
      stages: ['小学'],
    });
    expect(noCalendar.ok ? '' : noCalendar.error?.message).toContain('没有批次日历');
    // Everyone under the city sees it; a school office cannot make projects.
    expect(
      (await school.call<{ rows: ProjectRow[] }>('projects/list')).rows.map((p) => p.code),
    ).toEqual(['S20270304']);
    expect(
      codeOf(
        await school.raw('projects/create', {
          code: 'S2',
          name: '学校项目',
          year: 2027,
          ruleSetId: 'jiangsu-online-2023',
          stages: ['小学'],
        }),
      ),
    ).toBe('FORBIDDEN');
  });

  it('hands seats down city → districts → schools, never more than a level has', async () => {
    const cityId = project.organizer.id;
    const yearTotal: Cell[] = project.batches.map((b) => ({
      unitId: cityId,
      batchId: b.id,
      seats: 100,
    }));
    await city.call('quotas/set', { projectId: project.id, cells: yearTotal });
    const proposal = await city.call<{ cells: Cell[]; notes: string[] }>('quotas/propose', {
      projectId: project.id,
    });
    for (const batch of project.batches) {
      const sum = proposal.cells
        .filter((c) => c.batchId === batch.id)
        .reduce((s, c) => s + c.seats, 0);
      expect(sum).toBe(100);
    }
    await city.call('quotas/set', { projectId: project.id, cells: proposal.cells });

    const sheet = await district.call<QuotaSheet>('quotas/show', { projectId: project.id });
    expect(sheet.parent.unit.kind).toBe('district');
    expect(sheet.children.every((c) => c.unit.kind === 'school')).toBe(true);
    expect(sheet.canEdit).toBe(true);
    const own = sheet.parent.cells[0]?.seats ?? 0;
    expect(own).toBeGreaterThan(0);
    const batch1 = project.batches[0]?.id ?? '';
    const schools = sheet.children.map((c) => c.unit.id);
    // More than the district has, on one school: refused as a whole, nothing saved.
    const tooMany = await district.raw('quotas/set', {
      projectId: project.id,
      cells: [{ unitId: schools[0] ?? '', batchId: batch1, seats: own + 1 }],
    });
    expect(codeOf(tooMany)).toBe('RULE_VIOLATION');
    expect(tooMany.ok ? '' : tooMany.error?.message).toContain('超过其名额');
    const split = await district.call<{ cells: Cell[] }>('quotas/propose', {
      projectId: project.id,
    });
    await district.call('quotas/set', { projectId: project.id, cells: split.cells });
    const after = await district.call<QuotaSheet>('quotas/show', { projectId: project.id });
    expect(after.parent.cells[0]).toMatchObject({ seats: own, handedDown: own, remaining: 0 });

    // A district cannot change its own seats: the city hands them out.
    const selfRaise = await district.raw('quotas/set', {
      projectId: project.id,
      cells: [{ unitId: sheet.parent.unit.id, batchId: batch1, seats: own + 10 }],
    });
    expect(codeOf(selfRaise)).toBe('FORBIDDEN');
    // The city cannot cut the district below what it has handed down; changing saved seats needs a reason.
    const noReason = await city.raw('quotas/set', {
      projectId: project.id,
      cells: [{ unitId: sheet.parent.unit.id, batchId: batch1, seats: own - 1 }],
    });
    expect(codeOf(noReason)).toBe('INVALID_INPUT');
    const cut = await city.raw('quotas/set', {
      projectId: project.id,
      cells: [{ unitId: sheet.parent.unit.id, batchId: batch1, seats: own - 1 }],
      reason: '调整到其他区县',
    });
    expect(codeOf(cut)).toBe('RULE_VIOLATION');
    // Zero is zero seats, allowed where nothing is handed down yet.
    const lastBatch = project.batches[8]?.id ?? '';
    const zero = await district.call<{ changed: number }>('quotas/set', {
      projectId: project.id,
      cells: schools.map((id) => ({ unitId: id, batchId: lastBatch, seats: 0 })),
      reason: '第 9 期本区不参加',
    });
    expect(zero.changed).toBeGreaterThan(0);
    const audit = await t.rows<{ summary: string }>(
      `SELECT summary FROM audit_log WHERE action = 'quota.set' ORDER BY seq DESC LIMIT 1`,
    );
    expect(audit[0]?.summary).toContain('第 9 期本区不参加');
  });

  it('shows a school its own seats and nobody else’s, and a coverage floor per city', async () => {
    const mine = await school.call<QuotaSheet>('quotas/show', { projectId: project.id });
    expect(mine.parent.unit.kind).toBe('school');
    expect(mine.children).toEqual([]);
    expect(mine.canEdit).toBe(false);
    const ownDistrict = (await district.call<QuotaSheet>('quotas/show', { projectId: project.id }))
      .parent.unit.id;
    const otherDistrict = nodes.find(
      (n) => n.kind === 'district' && n.id !== ownDistrict && n.parentId === project.organizer.id,
    );
    expect(otherDistrict).toBeDefined();
    expect(
      codeOf(
        await district.raw('quotas/show', { projectId: project.id, unitId: otherDistrict?.id }),
      ),
    ).toBe('NOT_FOUND');
    const citySheet = await city.call<QuotaSheet>('quotas/show', { projectId: project.id });
    // 900 seats for 600 teachers: over R1's 10 % floor.
    expect(citySheet.coverage).toMatchObject({ minPercent: 10, level: 'city', below: [] });
    expect(citySheet.parent.coveragePercent).toBe(150);
  });

  it('lets two offices racing for the same seats never hand out more than there is', async () => {
    const other = await t.operator(`city2-${engine}`, ['project_admin'], project.organizer.id);
    const sheet = await city.call<QuotaSheet>('quotas/show', { projectId: project.id });
    const batch2 = project.batches[1]?.id ?? '';
    const index = 1;
    const [first, second] = sheet.children;
    if (!first || !second) throw new Error('the city needs two districts');
    const free =
      (sheet.parent.cells[index]?.seats ?? 0) - (sheet.parent.cells[index]?.handedDown ?? 0);
    const spare = 40;
    // Make room: the city's seats of batch 2 go up by 40; both offices then give all 40 away.
    await city.call('quotas/set', {
      projectId: project.id,
      cells: [
        {
          unitId: project.organizer.id,
          batchId: batch2,
          seats: (sheet.parent.cells[index]?.seats ?? 0) + spare - free,
        },
      ],
      reason: '追加名额',
    });
    const give = (caller: Caller, unit: { unit: { id: string }; cells: { seats: number }[] }) =>
      caller.raw('quotas/set', {
        projectId: project.id,
        cells: [
          { unitId: unit.unit.id, batchId: batch2, seats: (unit.cells[index]?.seats ?? 0) + spare },
        ],
        reason: '追加',
      });
    const results = await Promise.all([give(city, first), give(other.caller, second)]);
    expect(results.map(codeOf).sort()).toEqual(['OK', 'RULE_VIOLATION']);
    const final = await city.call<QuotaSheet>('quotas/show', { projectId: project.id });
    expect(final.parent.cells[index]?.remaining).toBe(0);
  });

  it('refuses changes after the deadline for the year’s seats, and says so', async () => {
    now = Date.parse('2027-07-07T02:00:00.000Z');
    // A month later the old session is long over: the office logs in again.
    city = await t.loginAs('city', 'demo1234');
    const sheet = await city.call<QuotaSheet>('quotas/show', { projectId: project.id });
    expect(sheet.canEdit).toBe(false);
    expect(sheet.editNote).toContain('2027-07-06');
    const late = await city.raw('quotas/set', {
      projectId: project.id,
      cells: [{ unitId: project.organizer.id, batchId: project.batches[0]?.id ?? '', seats: 1 }],
      reason: '晚了',
    });
    expect(codeOf(late)).toBe('RULE_VIOLATION');
  });
});

describe('two server processes on one PostgreSQL database', () => {
  it('never oversubscribe a parent’s seats', async () => {
    const pg = await createTestPgDatabase('quota-race');
    const now = () => '2027-06-01T02:00:00.000Z';
    const a = await openTestCore({ databaseUrl: pg.url, setup: { demo: 200 }, now });
    const b = await openTestCore({ databaseUrl: pg.url, now });
    try {
      const cityA = await a.loginAs('city', 'demo1234');
      const cityB = await b.loginAs('city', 'demo1234');
      const project = await cityA.call<ProjectRow>('projects/create', {
        code: 'RACE1',
        name: '并发',
        year: 2027,
        ruleSetId: 'jiangsu-online-2023',
        stages: ['小学'],
      });
      const batch = project.batches[0]?.id ?? '';
      await cityA.call('quotas/set', {
        projectId: project.id,
        cells: [{ unitId: project.organizer.id, batchId: batch, seats: 50 }],
      });
      const sheet = await cityA.call<QuotaSheet>('quotas/show', { projectId: project.id });
      const districts = sheet.children.map((c) => c.unit.id);
      // Each process tries to give 30 of the 50 seats to a different district, ten times over.
      const attempts = districts.slice(0, 2).flatMap((unitId, i) =>
        Array.from({ length: 5 }, () =>
          (i === 0 ? cityA : cityB).raw('quotas/set', {
            projectId: project.id,
            cells: [{ unitId, batchId: batch, seats: 30 }],
            reason: '并发',
          }),
        ),
      );
      await Promise.all(attempts);
      const final = await cityA.call<QuotaSheet>('quotas/show', { projectId: project.id });
      expect(final.parent.cells[0]?.handedDown).toBe(30);
      expect(final.parent.cells[0]?.remaining).toBe(20);
    } finally {
      await b.close();
      await a.close();
      await pg.drop();
    }
  }, 120_000);
});
