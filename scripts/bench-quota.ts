/**
 * `quota_enroll` figures for `npm run bench` (issue 9), at province scale: 13 cities, 100
 * districts, 14,000 schools, 800,000 teachers, 9 batches, 200,000 enrollments already present.
 *
 * The data is written straight into the database (bulk inserts, as the demo workspace is): only the
 * measured operations go through the contract, as an office calls them:
 * - the whole province's proposal (the province's seats shared among its cities);
 * - saving one level's grid (a district's 140 schools × 9 batches);
 * - a bulk enrollment of 20,000 teachers, dry run then commit;
 * - single enroll calls (p95);
 * - the peak RSS of the process.
 * Targets: ≤ 200 ms, ≤ 1 s, ≤ 5 s, ≤ 20 ms, ≤ 300 MB.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ProjectRow, type QuotaSheet } from '@shared/api/projects.contract';
import { createAppCore } from '../electron/core/app-core';
import { batchedInsert } from '../electron/db/batched-writer';
import { OrgRepository } from '../electron/services/org/org.repository';
import { TeacherRepository } from '../electron/services/roster/teacher.repository';
import { sessionCaller } from './lib/bench-login';

const SIZE = {
  cities: 13,
  districts: 100,
  schools: Number(process.env.BENCH_QUOTA_SCHOOLS ?? 14_000),
  teachers: Number(process.env.BENCH_QUOTA_TEACHERS ?? 800_000),
  enrollments: 200_000,
};

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

export async function benchQuota(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'traindesk-bench-quota-'));
  let clock = '2027-06-01T02:00:00.000Z';
  const core = await createAppCore({
    dataDir: dir,
    key: 'q'.repeat(64),
    keySource: 'env',
    logError: () => undefined,
    now: () => clock,
  });
  try {
    const session = { token: null as string | null };
    const call = sessionCaller(core, session);
    const me = await call<{ id: string; homeUnit: { id: string } }>('setup/complete', {
      unit: { create: { name: '基准省', kind: 'province' } },
      admin: { displayName: '基准', userName: 'bench', password: 'bench-pass-1' },
    });
    await call('operators/update', { id: me.id, roles: ['admin', 'project_admin'] });
    const province = me.homeUnit.id;

    // The province's units and teachers, in bulk.
    const now = clock;
    const units: {
      id: string;
      parentId: string;
      kind: 'city' | 'district' | 'school';
      name: string;
    }[] = [];
    const cities = Array.from({ length: SIZE.cities }, (_, i) => `city-${i}`);
    for (const [i, id] of cities.entries())
      units.push({ id, parentId: province, kind: 'city', name: `基准${i + 1}市` });
    const districts = Array.from({ length: SIZE.districts }, (_, i) => `district-${i}`);
    for (const [i, id] of districts.entries()) {
      units.push({
        id,
        parentId: cities[i % SIZE.cities] ?? '',
        kind: 'district',
        name: `第${i + 1}区`,
      });
    }
    const schools = Array.from({ length: SIZE.schools }, (_, i) => `school-${i}`);
    for (const [i, id] of schools.entries()) {
      units.push({
        id,
        parentId: districts[i % SIZE.districts] ?? '',
        kind: 'school',
        name: `第${i + 1}小学`,
      });
    }
    const started = performance.now();
    await core.db.write(async (tx) => {
      await new OrgRepository(core.db).insertMany(
        tx,
        units.map((u) => ({ ...u, code: null, now })),
      );
      function* teachers() {
        for (let i = 0; i < SIZE.teachers; i += 1) {
          yield {
            id: `t-${i}`,
            idNumber: `9${String(i).padStart(17, '0')}`,
            name: `教师${i}`,
            nameKey: `jiao4 shi1 ${i}`,
            gender: i % 2 ? '男' : '女',
            birthDate: '1985-01-01',
            schoolId: schools[i % SIZE.schools] ?? '',
            stages: '小学',
            subject: null,
            title: null,
            mobile: null,
            employmentStatus: '在职',
            rowHash: 'bench',
            now,
          };
        }
      }
      await new TeacherRepository(core.db).insertMany(tx, teachers());
    });
    const project = await call<ProjectRow>('projects/create', {
      code: 'BENCH',
      name: '基准项目',
      year: 2027,
      ruleSetId: 'jiangsu-online-2023',
      stages: ['小学'],
    });
    for (const b of project.batches) {
      await call('projects/saveCourses', {
        batchId: b.id,
        courses: [{ code: 'K', name: '小学课程', stage: '小学', hours: 30 }],
      });
    }
    const courseOf = new Map<string, string>();
    for (const b of project.batches) {
      courseOf.set(
        b.id,
        (await call<{ rows: { id: string }[] }>('projects/courses', { batchId: b.id })).rows[0]
          ?.id ?? '',
      );
    }
    // Seats everywhere (bulk), then 200,000 enrollments spread over the batches and schools.
    const perSchool = 20;
    await core.db.write(async (tx) => {
      if (!tx.sqlite) return;
      const quota = batchedInsert<[string, string, string, number, string]>(
        tx.sqlite,
        'quota',
        ['batch_id', 'unit_id', 'project_id', 'seats', 'updated_at'],
        (r) => r,
      );
      for (const b of project.batches) {
        quota.add([b.id, province, project.id, perSchool * SIZE.schools, now]);
        for (const c of cities)
          quota.add([b.id, c, project.id, ((perSchool * SIZE.schools) / SIZE.cities) | 0, now]);
        for (const d of districts)
          quota.add([b.id, d, project.id, ((perSchool * SIZE.schools) / SIZE.districts) | 0, now]);
        for (const s of schools) quota.add([b.id, s, project.id, perSchool, now]);
      }
      quota.flush();
      const enroll = batchedInsert<(string | number | null)[]>(
        tx.sqlite,
        'enrollment',
        [
          'id',
          'project_id',
          'batch_id',
          'course_id',
          'teacher_id',
          'school_id',
          'status',
          'seq',
          'override_reason',
          'created_at',
          'created_by',
          'ended_at',
          'end_reason',
          'replaced_by',
        ],
        (r) => r,
      );
      for (let i = 0; i < SIZE.enrollments; i += 1) {
        // Teachers from the end of the roster, so the measured ones below are free.
        const teacher = SIZE.teachers - 1 - i;
        const batch = project.batches[(i % 8) + 1] ?? project.batches[1];
        enroll.add([
          `e-${i}`,
          project.id,
          batch?.id ?? '',
          courseOf.get(batch?.id ?? '') ?? '',
          `t-${teacher}`,
          schools[teacher % SIZE.schools] ?? '',
          'enrolled',
          i + 1,
          null,
          now,
          '基准',
          null,
          null,
          null,
        ]);
      }
      enroll.flush();
    });
    const setupSeconds = (performance.now() - started) / 1000;

    // 1. The whole province's proposal.
    const proposeTimes: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const t0 = performance.now();
      await call('quotas/propose', { projectId: project.id });
      proposeTimes.push(performance.now() - t0);
    }
    // 2. Saving one level's grid: a district's schools × 9 batches.
    const sheet = await call<QuotaSheet>('quotas/show', {
      projectId: project.id,
      unitId: districts[0],
    });
    const cells = sheet.children.flatMap((c, i) =>
      project.batches.map((b) => ({
        unitId: c.unit.id,
        batchId: b.id,
        seats: perSchool - (i % 3),
      })),
    );
    const s0 = performance.now();
    await call('quotas/set', { projectId: project.id, cells, reason: '基准' });
    const saveMs = performance.now() - s0;

    // 3. Bulk enrollment of 20,000 (dry run + commit) and 4. single enroll calls, in batch 1's window.
    clock = '2027-07-12T02:00:00.000Z';
    session.token = null;
    await call('auth/login', { userName: 'bench', password: 'bench-pass-1' });
    const batch1 = project.batches[0]?.id ?? '';
    const course1 = courseOf.get(batch1) ?? '';
    const entries = Array.from({ length: 20_000 }, (_, i) => ({
      teacherId: `t-${i}`,
      courseId: course1,
    }));
    const b0 = performance.now();
    await call('enrollment/check', { batchId: batch1, entries });
    const enrolled = await call<{ results: { isAccepted: boolean }[] }>('enrollment/enroll', {
      batchId: batch1,
      entries,
    });
    const bulkSeconds = (performance.now() - b0) / 1000;
    const accepted = enrolled.results.filter((r) => r.isAccepted).length;
    const single: number[] = [];
    for (let i = 0; i < 100; i += 1) {
      const t0 = performance.now();
      await call('enrollment/enroll', {
        batchId: batch1,
        entries: [{ teacherId: `t-${20_000 + i * 7}`, courseId: course1 }],
      });
      single.push(performance.now() - t0);
    }
    const rssMb = process.resourceUsage().maxRSS / 1024;
    return (
      `quota_enroll: schools=${SIZE.schools} teachers=${SIZE.teachers} enrollments=${SIZE.enrollments} ` +
      `propose_ms=${percentile(proposeTimes, 50).toFixed(0)} save_level_ms=${saveMs.toFixed(0)} (${cells.length} cells) ` +
      `bulk_20k_s=${bulkSeconds.toFixed(2)} (accepted=${accepted}) enroll_p95_ms=${percentile(single, 95).toFixed(1)} ` +
      `peak_rss_mb=${rssMb.toFixed(0)} (setup_s=${setupSeconds.toFixed(1)}; targets 200 ms, 1 s, 5 s, 20 ms, 300 MB)`
    );
  } finally {
    await core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
