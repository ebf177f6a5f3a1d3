/**
 * Deadlines a rule set lets offices pass with a reason, on both engines: after the year's quota
 * deadline seats change only with a reason (R1 itself refuses them), and after a batch's window a
 * teacher is enrolled late (补报) only with a reason, until the batch's change cutoff.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProjectRow, type QuotaSheet } from '@shared/api/projects.contract';
import { getPreset } from '@shared/domain/rules/presets';
import { makeRosterRows } from '../../scripts/fixtures/roster-workbook';
import { type Caller, openTestCore, type TestCore } from '../support/core-harness';
import { ENGINES } from '../support/engines';

/** R1 with both overrides switched on, as an office would save it in 规则. */
function lenientRules(): unknown {
  const r1 = getPreset('jiangsu-online-2023');
  if (r1?.kind !== 'bundle') throw new Error('R1 preset missing');
  return {
    ...r1,
    id: 'lenient-2027',
    name: '宽松规则（测试）',
    parts: r1.parts.map((part) =>
      part.kind === 'calendar'
        ? {
            ...part,
            id: 'lenient-2027-calendar',
            enrollment: { ...part.enrollment, lateWithReason: true },
            quotaDeadline: part.quotaDeadline && { ...part.quotaDeadline, allowsOverride: true },
          }
        : part,
    ),
  };
}

describe.each(ENGINES)('deadlines passed with a reason on %s', (engine) => {
  let t: TestCore;
  let city: Caller;
  let school: Caller;
  let lenient: ProjectRow;
  let strict: ProjectRow;
  // 20 July 2027: past R1's quota deadline (before 7 July) and batch 1's window (to 15 July).
  const now = '2027-07-20T02:00:00.000Z';

  beforeAll(async () => {
    t = await openTestCore({ engine, setup: { demo: 300 }, now: () => now });
    await t.call('rules/save', { ruleSet: lenientRules(), basedOn: 'jiangsu-online-2023' });
    city = await t.loginAs('city', 'demo1234');
    school = await t.loginAs('school', 'demo1234');
    const create = (code: string, ruleSetId: string) =>
      city.call<ProjectRow>('projects/create', {
        code,
        name: `截止测试 ${code}`,
        year: 2027,
        ruleSetId,
        stages: ['幼儿园', '小学', '初中', '高中'],
      });
    lenient = await create('L2027', 'lenient-2027');
    strict = await create('R2027', 'jiangsu-online-2023');
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  it('changes seats after the deadline only with a reason where the rules allow it', async () => {
    const batchId = lenient.batches[0]?.id ?? '';
    const sheet = await city.call<QuotaSheet>('quotas/show', { projectId: lenient.id });
    expect(sheet.canEdit).toBe(true);
    expect(sheet.editNote).toContain('已过全年名额提交截止日（2027-07-06）');
    const cells = [{ unitId: lenient.organizer.id, batchId, seats: 20 }];
    await expect(city.call('quotas/set', { projectId: lenient.id, cells })).rejects.toThrow(
      /每次修改都需要填写原因/,
    );
    await city.call('quotas/set', { projectId: lenient.id, cells, reason: '省厅追加名额' });
    const after = await city.call<QuotaSheet>('quotas/show', { projectId: lenient.id });
    expect(after.parent.cells[0]?.seats).toBe(20);
    // R1 itself: refused, whatever the reason.
    const refused = await city.call<QuotaSheet>('quotas/show', { projectId: strict.id });
    expect(refused.canEdit).toBe(false);
    await expect(
      city.call('quotas/set', {
        projectId: strict.id,
        cells: [{ unitId: strict.organizer.id, batchId: strict.batches[0]?.id, seats: 20 }],
        reason: '省厅追加名额',
      }),
    ).rejects.toThrow(/名额不能再修改/);
  });

  it('enrolls after the window only with a reason (补报)', async () => {
    const batchId = lenient.batches[0]?.id ?? '';
    const schoolId = (await school.call<{ me: { homeUnit: { id: string } } }>('auth/state')).me
      .homeUnit.id;
    const district = await t.loginAs('district', 'demo1234');
    const districtId = (await district.call<{ me: { homeUnit: { id: string } } }>('auth/state')).me
      .homeUnit.id;
    await city.call('quotas/set', {
      projectId: lenient.id,
      cells: [
        { unitId: districtId, batchId, seats: 2 },
        { unitId: schoolId, batchId, seats: 2 },
      ],
      reason: '补报名额',
    });
    await city.call('projects/saveCourses', {
      batchId,
      courses: (['幼儿园', '小学', '初中', '高中'] as const).map((stage, i) => ({
        code: `K${i}`,
        name: `${stage}课程`,
        stage,
        hours: 30,
      })),
    });
    const courses = (
      await school.call<{ rows: { id: string; stage: string }[] }>('projects/courses', { batchId })
    ).rows;
    // A teacher of the school, added as its officer would.
    const someone = await school.call<{ rows: { schoolId: string; schoolName: string }[] }>(
      'roster/list',
      { limit: 1 },
    );
    const [row] = [...makeRosterRows(1, 2028, [someone.rows[0]?.schoolName ?? ''])];
    const teacher = await school.call<{ id: string; stages: string[] }>('roster/create', {
      name: String(row?.['姓名']),
      idNumber: String(row?.['身份证号']),
      schoolId: someone.rows[0]?.schoolId ?? '',
      stages: ['小学'],
    });
    const courseId = courses.find((c) => teacher.stages.includes(c.stage))?.id;
    const entry = { teacherId: teacher.id, courseId };
    const asked = await school.call<{
      results: { isAccepted: boolean; findings: { code: string; message: string }[] }[];
    }>('enrollment/enroll', { batchId, entries: [entry] });
    expect(asked.results[0]?.isAccepted).toBe(false);
    expect(asked.results[0]?.findings.map((f) => f.code)).toEqual(['LATE_NEEDS_REASON']);
    const late = await school.call<{
      results: { isAccepted: boolean; findings: { code: string }[] }[];
    }>('enrollment/enroll', { batchId, entries: [{ ...entry, overrideReason: '新调入教师' }] });
    expect(late.results[0]?.isAccepted).toBe(true);
    expect(late.results[0]?.findings.map((f) => f.code)).toEqual(['LATE_OVERRIDDEN']);
    const listed = await school.call<{
      rows: { teacher: { id: string }; overrideReason: string }[];
    }>('enrollment/list', { projectId: lenient.id });
    expect(listed.rows.find((r) => r.teacher.id === teacher.id)?.overrideReason).toBe('新调入教师');
  });
});
