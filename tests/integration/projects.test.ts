/**
 * Training projects and four-level quotas over the contract, on both engines, each step as the
 * office whose job it is: the city makes its project and sets its year's seats, shares them among
 * its districts, a district shares its seats among its schools, and no level ever hands out more
 * than it has, not even two offices saving at the same moment.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OrgNode } from '@shared/api/org.contract';
import { type ProjectRow, type QuotaSheet } from '@shared/api/projects.contract';
import { makeRosterRows } from '../../scripts/fixtures/roster-workbook';
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
    // Everyone under the city sees it (beside the demo workspace's own project of the province);
    // a school office cannot make projects.
    expect(
      (await school.call<{ rows: ProjectRow[] }>('projects/list')).rows.map((p) => p.code).sort(),
    ).toEqual(['S20270304', 'S20279001']);
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
  it('takes unused seats back after the window, or from one unit at any time, with a reason', async () => {
    now = Date.parse('2027-07-16T02:00:00.000Z');
    district = await t.loginAs('district', 'demo1234');
    city = await t.loginAs('city', 'demo1234');
    const batch1 = project.batches[0]?.id ?? '';
    const batch2 = project.batches[1]?.id ?? '';
    const before = await district.call<QuotaSheet>('quotas/show', { projectId: project.id });
    const handed = before.parent.cells[0]?.handedDown ?? 0;
    expect(handed).toBeGreaterThan(0);
    const all = await district.call<{ reclaimed: number; units: number }>('quotas/reclaim', {
      projectId: project.id,
      batchId: batch1,
      reason: '第 1 期报名结束，收回未用名额',
    });
    expect(all.reclaimed).toBe(handed);
    const after = await district.call<QuotaSheet>('quotas/show', { projectId: project.id });
    expect(after.parent.cells[0]).toMatchObject({
      handedDown: 0,
      remaining: before.parent.cells[0]?.seats,
    });
    // Batch 2's window has not closed: only a named unit's seats may be taken back now.
    const early = await district.raw('quotas/reclaim', {
      projectId: project.id,
      batchId: batch2,
      reason: '提前收回',
    });
    expect(early.ok ? '' : early.error?.message).toContain('才截止');
    const school = after.children.find((c) => (c.cells[1]?.seats ?? 0) > 0);
    const one = await district.call<{ reclaimed: number }>('quotas/reclaim', {
      projectId: project.id,
      batchId: batch2,
      childUnitId: school?.unit.id,
      reason: '该校本期不参加',
    });
    expect(one.reclaimed).toBe(school?.cells[1]?.seats);
    // A district cannot take seats back from the city's other districts, nor from itself.
    expect(
      codeOf(
        await district.raw('quotas/reclaim', {
          projectId: project.id,
          batchId: batch2,
          childUnitId: after.parent.unit.id,
          reason: '越权',
        }),
      ),
    ).toBe('FORBIDDEN');
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

describe.each(ENGINES)('enrollment on %s', (engine) => {
  let t: TestCore;
  let now = Date.parse('2027-06-01T02:00:00.000Z');
  let city: Caller;
  let school: Caller;
  let project: ProjectRow;
  let batchId = '';
  /** One course per stage; each teacher takes the course of their first stage. */
  let courseOf = new Map<string, string>();
  const teachers: { id: string; name: string; stages: string[] }[] = [];
  const courseFor = (teacherId: string | undefined): string =>
    courseOf.get(teachers.find((x) => x.id === teacherId)?.stages[0] ?? '') ?? '';
  let schoolId = '';

  const enroll = (teacherIds: string[], overrideReason?: string) =>
    school.call<{
      results: {
        teacherId: string;
        isAccepted: boolean;
        findings: { code: string }[];
        enrollmentId: string | null;
      }[];
    }>('enrollment/enroll', {
      batchId,
      entries: teacherIds.map((teacherId) => ({
        teacherId,
        courseId: courseFor(teacherId),
        ...(overrideReason ? { overrideReason } : {}),
      })),
    });

  beforeAll(async () => {
    t = await openTestCore({
      engine,
      setup: { demo: 600 },
      now: () => new Date(now).toISOString(),
    });
    city = await t.loginAs('city', 'demo1234');
    school = await t.loginAs('school', 'demo1234');
    project = await city.call<ProjectRow>('projects/create', {
      code: 'E2027',
      name: '报名测试',
      year: 2027,
      ruleSetId: 'jiangsu-online-2023',
      stages: ['小学', '初中', '高中'],
    });
    batchId = project.batches[0]?.id ?? '';
    const me = await school.call<{ me: { homeUnit: { id: string } } }>('auth/state');
    schoolId = me.me.homeUnit.id;
    const listed = await school.call<{ rows: { schoolId: string; schoolName: string }[] }>(
      'roster/list',
      { limit: 1 },
    );
    // Eight more teachers of the school, added as its officer would.
    const schoolName = listed.rows[0]?.schoolName ?? '';
    for (const row of makeRosterRows(8, 2027, [schoolName])) {
      teachers.push(
        await school.call<{ id: string; name: string; stages: string[] }>('roster/create', {
          name: String(row['姓名']),
          idNumber: String(row['身份证号']),
          schoolId: listed.rows[0]?.schoolId ?? '',
          stages: ['小学'],
        }),
      );
    }
    expect(teachers.length).toBeGreaterThanOrEqual(6);
    const stages = ['幼儿园', '小学', '初中', '高中', '中职'];
    for (const id of [batchId, project.batches[1]?.id ?? '']) {
      await city.call('projects/saveCourses', {
        batchId: id,
        courses: stages.map((stage, i) => ({
          code: `C${i}`,
          name: `${stage}学科课程`,
          stage,
          hours: 30,
        })),
      });
    }
    const saved = await school.call<{ rows: { id: string; stage: string }[] }>('projects/courses', {
      batchId,
    });
    courseOf = new Map(saved.rows.map((c) => [c.stage, c.id]));
    // Three seats reach the school: city → district → school.
    await city.call('quotas/set', {
      projectId: project.id,
      cells: [{ unitId: project.organizer.id, batchId, seats: 10 }],
    });
    const district = await t.loginAs('district', 'demo1234');
    const districtId = (await district.call<{ me: { homeUnit: { id: string } } }>('auth/state')).me
      .homeUnit.id;
    await city.call('quotas/set', {
      projectId: project.id,
      cells: [{ unitId: districtId, batchId, seats: 3 }],
    });
    await district.call('quotas/set', {
      projectId: project.id,
      cells: [{ unitId: schoolId, batchId, seats: 3 }],
    });
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  it('refuses before the window, with the dates, and checks a list without saving it', async () => {
    const early = await enroll([teachers[0]?.id ?? '']);
    expect(early.results[0]?.findings.map((f) => f.code)).toContain('WINDOW_NOT_OPEN');
    now = Date.parse('2027-07-12T02:00:00.000Z');
    school = await t.loginAs('school', 'demo1234');
    const dry = await school.call<{
      results: { isAccepted: boolean; findings: { code: string }[] }[];
    }>('enrollment/check', {
      batchId,
      entries: teachers.slice(0, 4).map((x) => ({ teacherId: x.id, courseId: courseFor(x.id) })),
    });
    expect(dry.results.map((r) => r.isAccepted)).toEqual([true, true, true, false]);
    expect(dry.results[3]?.findings.map((f) => f.code)).toContain('NO_SEATS');
    expect(
      (await school.call<{ rows: unknown[] }>('enrollment/list', { projectId: project.id })).rows,
    ).toEqual([]);
  });

  it('enrolls first come, first served, one seat each, never past the school’s seats', async () => {
    const first = await enroll(teachers.slice(0, 2).map((x) => x.id));
    expect(first.results.every((r) => r.isAccepted)).toBe(true);
    // The same teacher again, and two more for the one seat left.
    const second = await enroll([
      teachers[0]?.id ?? '',
      teachers[2]?.id ?? '',
      teachers[3]?.id ?? '',
    ]);
    expect(second.results.map((r) => r.isAccepted)).toEqual([false, true, false]);
    expect(second.results[0]?.findings.map((f) => f.code)).toContain('ALREADY_ENROLLED');
    expect(second.results[2]?.findings.map((f) => f.code)).toContain('NO_SEATS');
    const sheet = await school.call<QuotaSheet>('quotas/show', { projectId: project.id });
    expect(sheet.parent.cells[0]).toMatchObject({ seats: 3, enrolled: 3, remaining: 0 });
    // The district cannot take the seats back below what is used.
    const district = await t.loginAs('district', 'demo1234');
    const cut = await district.raw('quotas/set', {
      projectId: project.id,
      cells: [{ unitId: schoolId, batchId, seats: 2 }],
      reason: '收回',
    });
    expect(codeOf(cut)).toBe('RULE_VIOLATION');
  });

  it('keeps a waitlist and promotes the first waiting teacher when a seat is given back', async () => {
    const waiting = await school.call<{ order: number; kind: string }>('enrollment/waitlist', {
      batchId,
      teacherId: teachers[3]?.id ?? '',
      courseId: courseFor(teachers[3]?.id),
    });
    expect(waiting).toMatchObject({ kind: 'waiting', order: 1 });
    const rows = (
      await school.call<{ rows: { id: string; kind: string; teacher: { id: string } }[] }>(
        'enrollment/list',
        { projectId: project.id },
      )
    ).rows;
    const toWithdraw = rows.find((r) => r.kind === 'enrolled' && r.teacher.id === teachers[1]?.id);
    const withdrawn = await school.call<{ promoted: { teacher: { id: string } } | null }>(
      'enrollment/withdraw',
      { enrollmentId: toWithdraw?.id ?? '', reason: '临时有教学任务' },
    );
    expect(withdrawn.promoted?.teacher.id).toBe(teachers[3]?.id);
    const after = (
      await school.call<{ rows: { kind: string }[] }>('enrollment/list', { projectId: project.id })
    ).rows;
    expect(after.filter((r) => r.kind === 'enrolled')).toHaveLength(3);
    expect(after.filter((r) => r.kind === 'waiting')).toHaveLength(0);
    const audit = await t.rows<{ summary: string }>(
      `SELECT summary FROM audit_log WHERE action = 'enrollment.withdraw' ORDER BY seq DESC LIMIT 1`,
    );
    expect(audit[0]?.summary).toContain('自动递补');
  });

  it('takes a teacher off the waitlist with a reason; those behind move up', async () => {
    const join = (teacher: { id: string } | undefined) =>
      school.call<{ id: string; order: number }>('enrollment/waitlist', {
        batchId,
        teacherId: teacher?.id ?? '',
        courseId: courseFor(teacher?.id),
      });
    const first = await join(teachers[6]);
    const second = await join(teachers[7]);
    expect([first.order, second.order]).toEqual([1, 2]);

    // A reason is required.
    expect(codeOf(await school.raw('enrollment/leaveWaitlist', { waitlistId: first.id }))).toBe(
      'INVALID_INPUT',
    );
    const removed = await school.call<{ teacherName: string }>('enrollment/leaveWaitlist', {
      waitlistId: first.id,
      reason: '教师本人放弃',
    });
    expect(removed.teacherName).toBe(teachers[6]?.name);
    const waiting = (
      await school.call<{ rows: { id: string; kind: string; order: number }[] }>(
        'enrollment/list',
        { projectId: project.id },
      )
    ).rows.filter((r) => r.kind === 'waiting');
    expect(waiting.map((r) => [r.id, r.order])).toEqual([[second.id, 1]]);
    const again = await school.raw('enrollment/leaveWaitlist', {
      waitlistId: first.id,
      reason: '再来一次',
    });
    expect(codeOf(again)).toBe('CONFLICT');
    const audit = await t.rows<{ summary: string }>(
      `SELECT summary FROM audit_log WHERE action = 'enrollment.waitlist.leave' ORDER BY seq`,
    );
    expect(audit.map((a) => a.summary)).toEqual([
      `取消候补：${teachers[6]?.name ?? ''}（第 1 期，候补第 1 位）；原因：教师本人放弃`,
    ]);
    // The city's office may take its schools' teachers off too.
    city = await t.loginAs('city', 'demo1234');
    await city.call('enrollment/leaveWaitlist', { waitlistId: second.id, reason: '名额另有安排' });
    const none = (
      await school.call<{ rows: { kind: string }[] }>('enrollment/list', {
        projectId: project.id,
      })
    ).rows.filter((r) => r.kind === 'waiting');
    expect(none).toEqual([]);
  });

  it('swaps a seat to another teacher until the batch ends, and refuses after, with the date', async () => {
    const rows = (
      await school.call<{ rows: { id: string; kind: string; teacher: { id: string } }[] }>(
        'enrollment/list',
        { projectId: project.id },
      )
    ).rows;
    const seat = rows.find((r) => r.kind === 'enrolled' && r.teacher.id === teachers[0]?.id);
    const swapped = await school.call<{ isAccepted: boolean; enrollmentId: string }>(
      'enrollment/swap',
      {
        enrollmentId: seat?.id ?? '',
        teacherId: teachers[4]?.id ?? '',
      },
    );
    expect(swapped.isAccepted).toBe(true);
    now = Date.parse('2027-08-05T02:00:00.000Z');
    school = await t.loginAs('school', 'demo1234');
    const late = await school.raw('enrollment/withdraw', {
      enrollmentId: swapped.enrollmentId,
      reason: '太晚了',
    });
    expect(codeOf(late)).toBe('RULE_VIOLATION');
    expect(late.ok ? '' : late.error?.message).toContain('2027-08-04');
  });

  it('refuses a banned teacher until 31 December, and a teacher outside the school', async () => {
    now = Date.parse('2027-08-12T02:00:00.000Z');
    school = await t.loginAs('school', 'demo1234');
    const banned = await school.call<{ until: string }>('enrollment/recordBan', {
      teacherId: teachers[5]?.id ?? '',
      foundOn: '2027-08-12',
      evidence: '第 1 期作业重复率 45%',
    });
    expect(banned.until).toBe('2027-12-31');
    const batch2 = project.batches[1]?.id ?? '';
    const courses2 = await school.call<{ rows: { id: string; stage: string }[] }>(
      'projects/courses',
      { batchId: batch2 },
    );
    const stageOf5 = teachers[5]?.stages[0] ?? '';
    const dry = await school.call<{ results: { findings: { code: string }[] }[] }>(
      'enrollment/check',
      {
        batchId: batch2,
        entries: [
          {
            teacherId: teachers[5]?.id ?? '',
            courseId: courses2.rows.find((c) => c.stage === stageOf5)?.id ?? '',
          },
        ],
      },
    );
    expect(dry.results[0]?.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['BANNED']));
    const outsider = (
      await (
        await t.loginAs('admin', 'demo1234')
      ).call<{ rows: { id: string; schoolId: string }[] }>('roster/list', { limit: 500 })
    ).rows.find((r) => r.schoolId !== schoolId);
    const refused = await school.call<{ results: { findings: { code: string }[] }[] }>(
      'enrollment/check',
      {
        batchId: batch2,
        entries: [{ teacherId: outsider?.id ?? '', courseId: courses2.rows[0]?.id ?? '' }],
      },
    );
    expect(refused.results[0]?.findings.map((f) => f.code)).toEqual(['TEACHER_UNKNOWN']);
  });
  it('imports a list from Excel as a dry run with sheet row numbers, and the same file twice changes nothing', async () => {
    now = Date.parse('2027-07-27T02:00:00.000Z');
    school = await t.loginAs('school', 'demo1234');
    const admin = await t.loginAs('admin', 'demo1234');
    const batch2 = project.batches[1]?.id ?? '';
    // Seats for batch 2 down to the school (the city and district offices, before the window).
    const courses2 = await school.call<{ rows: { id: string; code: string; stage: string }[] }>(
      'projects/courses',
      { batchId: batch2 },
    );
    const ids = await t.rows<{ id: string; id_number: string }>(
      `SELECT id, id_number FROM teacher WHERE school_id = ?`,
      [schoolId],
    );
    const idOf = (teacherId: string | undefined): string =>
      ids.find((r) => r.id === teacherId)?.id_number ?? '';
    const outsider = (
      await admin.call<{ rows: { id: string; schoolId: string }[] }>('roster/list', { limit: 200 })
    ).rows.find((r) => r.schoolId !== schoolId);
    const [outsiderId] = await t.rows<{ id_number: string }>(
      'SELECT id_number FROM teacher WHERE id = ?',
      [outsider?.id],
    );
    const codeFor = (teacherId: string | undefined): string => {
      const stage = teachers.find((x) => x.id === teacherId)?.stages[0];
      return courses2.rows.find((c) => c.stage === stage)?.code ?? '';
    };
    const file = path.join(t.dir, 'enroll.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('报名');
    sheet.addRow(['第 2 期报名表']);
    sheet.addRow(['序号', '姓名', '身份证号', '课程代码']);
    sheet.addRow([1, '甲', idOf(teachers[6]?.id), codeFor(teachers[6]?.id)]);
    sheet.addRow([2, '乙', idOf(teachers[7]?.id), 'NO-SUCH']);
    sheet.addRow([3, '丙', outsiderId?.id_number ?? '', codeFor(teachers[6]?.id)]);
    sheet.addRow([4, '丁', '12345', codeFor(teachers[6]?.id)]);
    await workbook.xlsx.writeFile(file);
    const preview = await school.call<{
      total: number;
      accepted: number;
      rejected: number;
      unchanged: number;
      entries: unknown[];
      errors: { row: number; code: string; message: string }[];
      rows: { row: number; teacherName: string }[];
      errorsId: string | null;
    }>('enrollment/importPreview', {
      jobId: `imp-${engine}-1`,
      batchId: batch2,
      file: t.fileIn(file),
    });
    expect(preview.total).toBe(4);
    const codesOf = (row: number): string[] =>
      preview.errors.filter((e) => e.row === row).map((e) => e.code);
    // Batch 2 has no seats for the school yet: even the good row is refused, for that alone.
    expect(codesOf(3)).toEqual(['NO_SEATS']);
    expect(codesOf(4)).toEqual(['COURSE_UNKNOWN']);
    expect(codesOf(5)).toEqual(['TEACHER_UNKNOWN']);
    expect(codesOf(6)[0]).toMatch(/^ID_/);
    // The neighbour's teacher is not named.
    expect(preview.rows.find((r) => r.row === 5)?.teacherName).toBe('');
    expect(preview.errors.find((e) => e.row === 5)?.message).toContain('您管辖的花名册中没有');
    expect(preview.entries).toEqual([]);
    // 错误行: the rejected rows as the file had them, 原行号 first, the reasons last.
    const errorsFile = path.join(t.dir, 'enroll-errors.xlsx');
    // Kept from the preview, for the operator who previewed it only.
    expect(preview.errorsId).toEqual(expect.any(String));
    const cityNow = await t.loginAs('city', 'demo1234');
    const foreign = await cityNow.raw('enrollment/exportImportErrors', {
      jobId: `imp-${engine}-err-0`,
      errorsId: preview.errorsId,
    });
    expect(foreign.ok ? '' : foreign.error?.code).toBe('NOT_FOUND');
    const saved = await school.call<{ rows: number }>('enrollment/exportImportErrors', {
      jobId: `imp-${engine}-err`,
      errorsId: preview.errorsId,
      target: t.fileOut(errorsFile),
    });
    expect(saved.rows).toBe(4);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(errorsFile);
    const errorSheet = book.worksheets[0];
    const header = (errorSheet?.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['原行号', '序号', '姓名', '身份证号', '课程代码', '错误原因']);
    const second = (errorSheet?.getRow(3).values as unknown[]).slice(1);
    expect(second.slice(0, 5)).toEqual([4, '2', '乙', idOf(teachers[7]?.id), 'NO-SUCH']);
    expect(String(second[5])).toContain('没有课程「NO-SUCH」');
    expect(String(second[5])).not.toMatch(/。；|；$/);
    // Batch 1's enrolled teachers, imported again: unchanged, not errors, nothing to enroll.
    const enrolled = (
      await school.call<{
        rows: { kind: string; batchId: string; teacher: { id: string }; course: { id: string } }[];
      }>('enrollment/list', { projectId: project.id })
    ).rows.filter((r) => r.kind === 'enrolled' && r.batchId === batchId);
    const courses1 = await school.call<{ rows: { id: string; code: string }[] }>(
      'projects/courses',
      {
        batchId,
      },
    );
    const again = new ExcelJS.Workbook();
    const sheet2 = again.addWorksheet('报名');
    sheet2.addRow(['身份证号', '课程']);
    for (const r of enrolled) {
      sheet2.addRow([
        idOf(r.teacher.id),
        courses1.rows.find((c) => c.id === r.course.id)?.code ?? '',
      ]);
    }
    const file2 = path.join(t.dir, 'enroll-again.xlsx');
    await again.xlsx.writeFile(file2);
    const repeat = await school.call<{ unchanged: number; rejected: number; entries: unknown[] }>(
      'enrollment/importPreview',
      { jobId: `imp-${engine}-2`, batchId, file: t.fileIn(file2) },
    );
    expect(repeat).toMatchObject({ unchanged: enrolled.length, rejected: 0, entries: [] });
    expect(enrolled.length).toBeGreaterThan(0);
  });

  it('exports the enrollment list and the quota sheet of the caller’s scope, audited', async () => {
    const listed = (
      await school.call<{ rows: unknown[] }>('enrollment/list', { projectId: project.id })
    ).rows;
    const saved = await school.call<{
      rows: number;
      savedTo: string | null;
      handle: string | null;
    }>('enrollment/export', {
      projectId: project.id,
      target: t.fileOut(path.join(t.dir, '报名名单.xlsx')),
    });
    expect(saved.rows).toBe(listed.length);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(t.savedPath(saved));
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.rowCount).toBe(listed.length + 1);
    const ids: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) ids.push(String(row.getCell(6).value));
    });
    expect(ids.every((id) => id.includes('*'))).toBe(true);
    const district = await t.loginAs('district', 'demo1234');
    const quota = await district.call<{
      rows: number;
      savedTo: string | null;
      handle: string | null;
    }>('quotas/export', {
      projectId: project.id,
      target: t.fileOut(path.join(t.dir, '名额分配表.xlsx')),
    });
    const shown = await district.call<QuotaSheet>('quotas/show', { projectId: project.id });
    expect(quota.rows).toBe(1 + shown.children.length);
    const entries = await t.rows<{ action: string; details: string }>(
      `SELECT action, details FROM audit_log WHERE action IN ('enrollment.export', 'quota.export') ORDER BY seq`,
    );
    expect(entries.map((e) => e.action)).toEqual(['enrollment.export', 'quota.export']);
    expect(JSON.parse(entries[1]?.details ?? '{}')).toMatchObject({ rows: quota.rows });
  });
});

describe('a teacher with enrollments', () => {
  it('is marked as left (调出) instead of deleted, and keeps their records', async () => {
    let today = '2027-06-01T02:00:00.000Z';
    const t = await openTestCore({ setup: { demo: 300 }, now: () => today });
    try {
      let city = await t.loginAs('city', 'demo1234');
      const project = await city.call<ProjectRow>('projects/create', {
        code: 'LEFT1',
        name: '调出测试',
        year: 2027,
        ruleSetId: 'jiangsu-online-2023',
        stages: ['小学', '初中', '高中', '幼儿园', '中职'],
      });
      const batchId = project.batches[0]?.id ?? '';
      const teacher = (
        await city.call<{ rows: { id: string; schoolId: string; stages: string[] }[] }>(
          'roster/list',
          { employmentStatus: '在职', limit: 1 },
        )
      ).rows[0];
      if (!teacher) throw new Error('no teacher');
      await city.call('projects/saveCourses', {
        batchId,
        courses: [{ code: 'K1', name: '课程', stage: teacher.stages[0], hours: 30 }],
      });
      const courseId =
        (await city.call<{ rows: { id: string }[] }>('projects/courses', { batchId })).rows[0]
          ?.id ?? '';
      // The seat goes all the way down to the teacher's school, from the city.
      const units = (await city.call<{ nodes: OrgNode[] }>('org/tree')).nodes;
      const chain: string[] = [];
      for (let at = teacher.schoolId; at;) {
        chain.unshift(at);
        at = units.find((u) => u.id === at)?.parentId ?? '';
      }
      await city.call('quotas/set', {
        projectId: project.id,
        cells: chain.map((unitId) => ({ unitId, batchId, seats: 1 })),
      });
      // In the first batch's enrollment window.
      today = '2027-07-12T02:00:00.000Z';
      city = await t.loginAs('city', 'demo1234');
      const enrolled = await city.call<{ results: { isAccepted: boolean }[] }>(
        'enrollment/enroll',
        { batchId, entries: [{ teacherId: teacher.id, courseId }] },
      );
      expect(enrolled.results[0]?.isAccepted).toBe(true);
      expect(await city.call('roster/delete', { id: teacher.id })).toEqual({
        deleted: false,
        markedLeft: true,
      });
      const after = await city.call<{ rows: { id: string; employmentStatus: string }[] }>(
        'roster/list',
        { search: '', limit: 1000 },
      );
      expect(after.rows.find((r) => r.id === teacher.id)?.employmentStatus).toBe('调出');
      expect(
        (await city.call<{ rows: unknown[] }>('enrollment/list', { projectId: project.id })).rows,
      ).toHaveLength(1);
    } finally {
      await t.close();
    }
  }, 60_000);
});
