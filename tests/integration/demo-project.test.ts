/**
 * The demo workspace's project, on both engines: on the day the workspace is made it is under way
 * (seats handed down four levels, batches that have begun full, two batches taking enrollments),
 * and each demo account can do its part at once — the school enrolls on a free seat, gives one
 * back and sees its first waiting teacher promoted; the city moves a batch's dates (with a reason,
 * since it has enrollments) and is refused a window that closes after the batch opens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type EnrollmentRow,
  type ProjectRow,
  type QuotaSheet,
} from '@shared/api/projects.contract';
import { type Caller, openTestCore, type TestCore } from '../support/core-harness';
import { ENGINES } from '../support/engines';

const TODAY = '2026-12-04';

describe.each(ENGINES)('the demo project on %s', (engine) => {
  let t: TestCore;
  let school: Caller;
  let city: Caller;
  let project: ProjectRow;

  beforeAll(async () => {
    t = await openTestCore({
      engine,
      setup: { demo: 3000 },
      now: () => `${TODAY}T02:00:00.000Z`,
    });
    school = await t.loginAs('school', 'demo1234');
    city = await t.loginAs('city', 'demo1234');
    const { rows } = await school.call<{ rows: ProjectRow[] }>('projects/list', {});
    expect(rows).toHaveLength(1);
    project = rows[0] as ProjectRow;
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  it('is under way today: nine batches from a month ago, two of them taking enrollments', () => {
    expect(project.status).toBe('running');
    expect(project.organizer.kind).toBe('province');
    expect(project.batches).toHaveLength(9);
    expect(project.batches[0]?.startsOn).toBe('2026-11-01');
    const open = project.batches.filter(
      (b) => (b.enrollFrom ?? '') <= TODAY && TODAY <= b.enrollUntil,
    );
    expect(open.length).toBeGreaterThanOrEqual(2);
    expect(project.quotaDeadline).toBeNull();
  });

  it('hands seats down four levels, and fills the batches that have begun', async () => {
    const sheet = await school.call<QuotaSheet>('quotas/show', { projectId: project.id });
    expect(sheet.parent.unit.kind).toBe('school');
    for (const cell of sheet.parent.cells) expect(cell.seats).toBeGreaterThan(0);
    const province = await t.call<QuotaSheet>('quotas/show', { projectId: project.id });
    expect(province.parent.unit.kind).toBe('province');
    const [cityRow] = province.children;
    for (const b of project.batches) {
      const cell = cityRow?.cells.find((c) => c.batchId === b.id);
      expect(cell?.seats).toBeGreaterThan(0);
      if (b.startsOn <= TODAY) expect(cell?.enrolled).toBeGreaterThan((cell?.seats ?? 0) * 0.8);
      if (b.enrollUntil < TODAY) continue;
      if ((b.enrollFrom ?? '') > TODAY) expect(cell?.enrolled).toBe(0);
    }
    // R1's 10 % floor for the city: met on seats (2 % of the active teachers a batch), not yet on enrollments (the
    // batches that have begun and part of two open ones), and the sheet says so with the figure.
    expect(province.coverage?.below).toEqual([]);
    expect(cityRow?.coveragePercent).toBeGreaterThanOrEqual(province.coverage?.minPercent ?? 100);
    const enrolled = cityRow?.cells.reduce((sum, c) => sum + c.enrolled, 0) ?? 0;
    expect(cityRow?.totalEnrolled).toBe(enrolled);
    expect(cityRow?.enrolledPercent).toBe(
      Math.round((enrolled / (cityRow?.teachers ?? 1)) * 1000) / 10,
    );
    expect(province.coverage?.belowOnEnrollments).toEqual([
      { unitId: cityRow?.unit.id, name: '示范市', percent: cityRow?.enrolledPercent },
    ]);
  });

  it('lets the school enroll on a free seat, and promotes its first waiting teacher on a withdrawal', async () => {
    const open = project.batches.filter(
      (b) => (b.enrollFrom ?? '') <= TODAY && TODAY <= b.enrollUntil,
    );
    const [first, second] = open;
    const listed = (
      await school.call<{ rows: EnrollmentRow[] }>('enrollment/list', { projectId: project.id })
    ).rows;
    const waiting = listed.filter((r) => r.kind === 'waiting' && r.batchId === first?.id);
    expect(waiting.map((w) => w.order)).toEqual([1, 2]);

    // A free seat of the second open batch: an active teacher of the school not yet enrolled.
    const enrolledIds = new Set(listed.map((r) => r.teacher.id));
    const teachers = (
      await school.call<{ rows: { id: string; stages: string[]; employmentStatus: string }[] }>(
        'roster/list',
        { limit: 500 },
      )
    ).rows.filter((r) => r.employmentStatus === '在职' && !enrolledIds.has(r.id));
    const courses = (
      await school.call<{ rows: { id: string; stage: string }[] }>('projects/courses', {
        batchId: second?.id,
      })
    ).rows;
    const candidates = teachers
      .map((teacher) => ({
        teacher,
        course: courses.find((c) => teacher.stages.includes(c.stage as never)),
      }))
      .filter((c) => c.course);
    let accepted = false;
    for (const c of candidates) {
      const { results } = await school.call<{
        results: { isAccepted: boolean; findings: { code: string }[] }[];
      }>('enrollment/enroll', {
        batchId: second?.id,
        entries: [{ teacherId: c.teacher.id, courseId: c.course?.id }],
      });
      // The demo school has one teacher under a plagiarism ban: refused for that, and nothing else.
      if (results[0]?.isAccepted) {
        accepted = true;
        break;
      }
      expect(results[0]?.findings.map((f) => f.code)).toContain('BANNED');
    }
    expect(accepted).toBe(true);

    const taken = listed.find((r) => r.kind === 'enrolled' && r.batchId === first?.id);
    const { promoted } = await school.call<{ promoted: EnrollmentRow | null }>(
      'enrollment/withdraw',
      { enrollmentId: taken?.id, reason: '教师临时承担监考任务' },
    );
    expect(promoted?.teacher.id).toBe(waiting[0]?.teacher.id);
    // The one still waiting is now first in line (its stored position stays 2).
    const stillWaiting = (
      await school.call<{ rows: EnrollmentRow[] }>('enrollment/list', { projectId: project.id })
    ).rows.filter((r) => r.kind === 'waiting' && r.batchId === first?.id);
    expect(stillWaiting.map((w) => [w.teacher.id, w.order])).toEqual([[waiting[1]?.teacher.id, 1]]);
  });

  it('lets the organizer’s offices move a batch, with a reason once it has enrollments', async () => {
    // The demo account of the organizer's office (示范省's 项目管理员).
    const admin = await t.loginAs('province', 'demo1234');
    const last = project.batches[8];
    expect(last).toBeDefined();
    const moved = {
      id: last?.id ?? '',
      name: last?.name ?? '',
      startsOn: '2027-03-20',
      endsOn: '2027-04-08',
      enrollFrom: '2027-03-01',
      enrollUntil: '2027-03-19',
      changeUntil: '2027-04-08',
    };
    const saved = await admin.call<ProjectRow>('projects/saveBatches', {
      projectId: project.id,
      batches: [moved],
    });
    expect(saved.batches[8]).toMatchObject({ startsOn: '2027-03-20', enrollUntil: '2027-03-19' });

    // A window that closes on the opening day: refused, naming the batch.
    await expect(
      admin.call('projects/saveBatches', {
        projectId: project.id,
        batches: [{ ...moved, enrollUntil: '2027-03-20' }],
      }),
    ).rejects.toThrow(/第 9 期：报名须在开班（2027-03-20）之前截止/);

    // A batch with enrollments needs a reason.
    const begun = project.batches[0];
    const shifted = { ...begun, name: begun?.name ?? '', endsOn: '2026-11-21' };
    await expect(
      admin.call('projects/saveBatches', { projectId: project.id, batches: [shifted] }),
    ).rejects.toThrow(/已有报名，修改日期需要填写原因/);
    const withReason = await admin.call<ProjectRow>('projects/saveBatches', {
      projectId: project.id,
      batches: [shifted],
      reason: '平台维护顺延一天',
    });
    expect(withReason.batches[0]?.endsOn).toBe('2026-11-21');
    const audit = await t.rows<{ summary: string }>(
      `SELECT summary FROM audit_log WHERE summary LIKE '修改批次日期%' ORDER BY seq`,
    );
    expect(audit.at(-1)?.summary).toContain('原因：平台维护顺延一天');

    // The same office shares the province's seats out to 示范市.
    const sheet = await admin.call<{
      parent: { unit: { name: string } };
      children: { unit: { name: string } }[];
      canEdit: boolean;
    }>('quotas/show', { projectId: project.id });
    expect(sheet.parent.unit.name).toBe('示范省');
    expect(sheet.children.map((c) => c.unit.name)).toEqual(['示范市']);
    expect(sheet.canEdit).toBe(true);

    // Only the organizer's offices: the city is below the province.
    await expect(
      city.call('projects/saveBatches', { projectId: project.id, batches: [moved] }),
    ).rejects.toThrow(/由主办单位「示范省」维护/);
  });
});
