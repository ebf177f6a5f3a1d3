/**
 * Property: random interleavings of allocating, re-allocating, reclaiming, enrolling, swapping,
 * withdrawing and waitlisting (which promotes), by three offices, with the clock moving, never break
 * an invariant; and replaying the same log on a fresh project gives the same state.
 *
 * Invariants, read from the database after every step:
 * - Σ of a unit's children's seats ≤ its seats, per batch;
 * - a school's active enrollments ≤ its seats, per batch;
 * - at most one active enrollment per teacher and project;
 * - waiting places keep distinct positions per school and batch.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProjectRow, type QuotaSheet } from '@shared/api/projects.contract';
import { makeRosterRows } from '../../scripts/fixtures/roster-workbook';
import { type Caller, openTestCore, type TestCore } from '../support/core-harness';
import { ENGINES } from '../support/engines';

type Office = 'city' | 'district' | 'school';
type Op =
  | { kind: 'tick'; days: number }
  | { kind: 'seats'; office: Office; unit: number; batch: number; seats: number }
  | { kind: 'reclaim'; batch: number; unit: number }
  | { kind: 'enroll'; teacher: number; batch: number }
  | { kind: 'waitlist'; teacher: number; batch: number }
  | { kind: 'withdraw'; nth: number }
  | { kind: 'swap'; nth: number; teacher: number };

const TEACHERS = 8;
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('tick' as const),
      days: fc.integer({ min: 1, max: 12 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('seats' as const),
      office: fc.constantFrom<Office>('city', 'district', 'school'),
      unit: fc.nat(3),
      batch: fc.integer({ min: 1, max: 2 }),
      seats: fc.integer({ min: 0, max: 6 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('reclaim' as const),
      batch: fc.integer({ min: 1, max: 2 }),
      unit: fc.nat(3),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('enroll' as const),
      teacher: fc.nat(TEACHERS - 1),
      batch: fc.integer({ min: 1, max: 2 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('waitlist' as const),
      teacher: fc.nat(TEACHERS - 1),
      batch: fc.integer({ min: 1, max: 2 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('withdraw' as const), nth: fc.nat(5) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('swap' as const),
      nth: fc.nat(5),
      teacher: fc.nat(TEACHERS - 1),
    }),
  },
);

describe.each(ENGINES)('quota and enrollment invariants on %s (property)', (engine) => {
  let t: TestCore;
  let day = Date.parse('2027-06-01T02:00:00.000Z');
  let callers: Record<Office, Caller>;
  const teachers: string[] = [];
  let schoolId = '';
  let runs = 0;

  const login = async (): Promise<void> => {
    callers = {
      city: await t.loginAs('city', 'demo1234'),
      district: await t.loginAs('district', 'demo1234'),
      school: await t.loginAs('school', 'demo1234'),
    };
  };

  beforeAll(async () => {
    t = await openTestCore({
      engine,
      setup: { demo: 300 },
      now: () => new Date(day).toISOString(),
    });
    await login();
    const first = (
      await callers.school.call<{ rows: { schoolId: string; schoolName: string }[] }>(
        'roster/list',
        { limit: 1 },
      )
    ).rows[0];
    schoolId = first?.schoolId ?? '';
    for (const row of makeRosterRows(TEACHERS, 77, [first?.schoolName ?? ''])) {
      const created = await callers.school.call<{ id: string }>('roster/create', {
        name: String(row['姓名']),
        idNumber: String(row['身份证号']),
        schoolId,
        stages: ['小学'],
      });
      teachers.push(created.id);
    }
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  /** Runs a log on a new project from 1 June; returns the project's state, normalized. */
  async function run(log: Op[]): Promise<string> {
    runs += 1;
    day = Date.parse('2027-06-01T02:00:00.000Z');
    await login();
    const project = await callers.city.call<ProjectRow>('projects/create', {
      code: `P${engine}${runs}`,
      name: '性质测试',
      year: 2027,
      ruleSetId: 'jiangsu-online-2023',
      stages: ['小学'],
    });
    const batches = project.batches.slice(0, 2);
    for (const b of batches) {
      await callers.city.call('projects/saveCourses', {
        batchId: b.id,
        courses: [{ code: 'K', name: '小学课程', stage: '小学', hours: 30 }],
      });
    }
    const courses = await Promise.all(
      batches.map(
        async (b) =>
          (
            await callers.city.call<{ rows: { id: string }[] }>('projects/courses', {
              batchId: b.id,
            })
          ).rows[0]?.id ?? '',
      ),
    );
    // The units each office hands seats to: the city to itself and its districts, a district to
    // its schools; the school office has none (its attempts must all be refused).
    const citySheet = await callers.city.call<QuotaSheet>('quotas/show', { projectId: project.id });
    const districtSheet = await callers.district.call<QuotaSheet>('quotas/show', {
      projectId: project.id,
    });
    const targets: Record<Office, string[]> = {
      city: [project.organizer.id, ...citySheet.children.slice(0, 3).map((c) => c.unit.id)],
      district: districtSheet.children.slice(0, 4).map((c) => c.unit.id),
      school: [schoolId],
    };
    if (!targets.district.includes(schoolId)) targets.district[0] = schoolId;
    for (const op of log) {
      await apply(
        op,
        project,
        batches.map((b) => b.id),
        courses,
        targets,
      );
      await assertInvariants(project.id);
    }
    return snapshot(project.id);
  }

  async function apply(
    op: Op,
    project: ProjectRow,
    batchIds: string[],
    courses: string[],
    targets: Record<Office, string[]>,
  ): Promise<void> {
    const batchId = batchIds[('batch' in op ? op.batch : 1) - 1] ?? '';
    const courseId = courses[('batch' in op ? op.batch : 1) - 1] ?? '';
    switch (op.kind) {
      case 'tick':
        day += op.days * 86_400_000;
        await login();
        return;
      case 'seats': {
        const list = targets[op.office];
        const unitId = list[op.unit % list.length] ?? '';
        await callers[op.office].raw('quotas/set', {
          projectId: project.id,
          cells: [{ unitId, batchId, seats: op.seats }],
          reason: '调整',
        });
        return;
      }
      case 'reclaim':
        await callers.district.raw('quotas/reclaim', {
          projectId: project.id,
          batchId,
          childUnitId: targets.district[op.unit % targets.district.length],
          reason: '收回',
        });
        return;
      case 'enroll':
        await callers.school.raw('enrollment/enroll', {
          batchId,
          entries: [{ teacherId: teachers[op.teacher], courseId }],
        });
        return;
      case 'waitlist':
        await callers.school.raw('enrollment/waitlist', {
          batchId,
          teacherId: teachers[op.teacher],
          courseId,
        });
        return;
      case 'withdraw':
      case 'swap': {
        const rows = (
          await callers.school.call<{ rows: { id: string; kind: string }[] }>('enrollment/list', {
            projectId: project.id,
          })
        ).rows.filter((r) => r.kind === 'enrolled');
        const target = rows[op.nth % Math.max(1, rows.length)];
        if (!target) return;
        if (op.kind === 'withdraw') {
          await callers.school.raw('enrollment/withdraw', {
            enrollmentId: target.id,
            reason: '退回',
          });
        } else {
          await callers.school.raw('enrollment/swap', {
            enrollmentId: target.id,
            teacherId: teachers[op.teacher],
          });
        }
      }
    }
  }

  async function assertInvariants(projectId: string): Promise<void> {
    const overHanded = await t.rows(
      `SELECT p.batch_id FROM quota p
       JOIN org_unit c ON c.parent_id = p.unit_id
       JOIN quota q ON q.unit_id = c.id AND q.batch_id = p.batch_id
       WHERE p.project_id = ?
       GROUP BY p.batch_id, p.unit_id, p.seats
       HAVING sum(q.seats) > p.seats`,
      [projectId],
    );
    expect(overHanded).toEqual([]);
    const overEnrolled = await t.rows(
      `SELECT e.batch_id FROM enrollment e
       LEFT JOIN quota q ON q.batch_id = e.batch_id AND q.unit_id = e.school_id
       WHERE e.project_id = ? AND e.status = 'enrolled'
       GROUP BY e.batch_id, e.school_id, q.seats
       HAVING count(*) > coalesce(q.seats, 0)`,
      [projectId],
    );
    expect(overEnrolled).toEqual([]);
    const twice = await t.rows(
      `SELECT teacher_id FROM enrollment WHERE project_id = ? AND status = 'enrolled'
       GROUP BY teacher_id HAVING count(*) > 1`,
      [projectId],
    );
    expect(twice).toEqual([]);
    const samePlace = await t.rows(
      `SELECT batch_id FROM waitlist_entry WHERE project_id = ? AND status = 'waiting'
       GROUP BY batch_id, school_id, position HAVING count(*) > 1`,
      [projectId],
    );
    expect(samePlace).toEqual([]);
  }

  /** The project's state without its ids: comparable between two projects run on the same log. */
  async function snapshot(projectId: string): Promise<string> {
    const quotas = await t.rows(
      `SELECT b.no, q.unit_id, q.seats FROM quota q JOIN project_batch b ON b.id = q.batch_id
       WHERE q.project_id = ? ORDER BY b.no, q.unit_id`,
      [projectId],
    );
    const enrollments = await t.rows(
      `SELECT b.no, e.teacher_id, e.status, e.seq FROM enrollment e
       JOIN project_batch b ON b.id = e.batch_id WHERE e.project_id = ? ORDER BY e.seq`,
      [projectId],
    );
    const waiting = await t.rows(
      `SELECT b.no, w.teacher_id, w.position, w.status FROM waitlist_entry w
       JOIN project_batch b ON b.id = w.batch_id WHERE w.project_id = ? ORDER BY b.no, w.position`,
      [projectId],
    );
    return JSON.stringify({ quotas, enrollments, waiting }, (_k, v: unknown) =>
      typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v,
    );
  }

  it('never breaks an invariant, and the same log gives the same state', async () => {
    // The log starts with seats flowing down, then moves into the first batch's window.
    const prelude: Op[] = [
      { kind: 'seats', office: 'city', unit: 0, batch: 1, seats: 6 },
      { kind: 'seats', office: 'city', unit: 0, batch: 2, seats: 6 },
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { minLength: 5, maxLength: 18 }),
        fc.array(opArb, { minLength: 5, maxLength: 18 }),
        async (beforeWindow, inWindow) => {
          const log: Op[] = [...prelude, ...beforeWindow, { kind: 'tick', days: 41 }, ...inWindow];
          const first = await run(log);
          const again = await run(log);
          expect(again).toBe(first);
        },
      ),
      {
        numRuns: Number(process.env.QUOTA_FC_RUNS ?? 6),
        seed: Number(process.env.QUOTA_FC_SEED ?? 2027),
      },
    );
  }, 600_000);
});
