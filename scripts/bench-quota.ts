/**
 * `quota_enroll` figures for `npm run bench` (issue 9), at province scale: 13 cities, 100
 * districts, 14,000 schools, 800,000 teachers, 9 batches, 200,000 enrollments already present.
 *
 * The data is written straight into the database (bulk inserts, as the demo workspace is): only the
 * measured operations go through the contract, as an office calls them:
 * - the whole province's proposal (the province's seats shared among its cities);
 * - saving one level's grid (a district's 140 schools × 9 batches);
 * - a bulk enrollment of 20,000 teachers from an .xlsx (身份证号 + 课程), preview then commit;
 * - single enroll calls (p95);
 * - the peak RSS of the process that serves those calls.
 * Targets: ≤ 200 ms, ≤ 1 s, ≤ 5 s, ≤ 20 ms, ≤ 300 MB.
 *
 * The province is written by this process; the calls are measured in a child process that opens
 * a copy of that database, as the app opens its file: the peak RSS is then the serving process's,
 * not that of generating 800,000 teachers in memory. `BENCH_QUOTA_DIR` keeps the generated
 * database between runs (it is reused when present).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ProjectRow, type QuotaSheet } from '@shared/api/projects.contract';
import { buildIdNumber } from '@shared/domain/roster/id-number';
import { createAppCore } from '../electron/core/app-core';
import { batchedInsert } from '../electron/db/batched-writer';
import { loadExcelJs } from '../electron/services/files/exceljs';
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

/** Teacher i's birth date: 1,000 teachers a day from 1 Jan 1970. */
function benchBirth(i: number): string {
  return new Date(Date.UTC(1970, 0, 1 + Math.floor(i / 1000))).toISOString().slice(0, 10);
}

/** Teacher i's ID number: valid and unique (odd i are 男, as their gender says). */
function benchIdNumber(i: number): string {
  return buildIdNumber('320102', benchBirth(i), i % 1000);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

const KEY = 'q'.repeat(64);
const PER_SCHOOL = 20;
const PHASE = 'quota-measure';

/** What the measuring process needs to know of the generated province. */
interface Manifest {
  projectId: string;
  batchIds: string[];
  courseIds: string[];
  district: string;
  setupSeconds: number;
}

async function openCore(dataDir: string, clock: { now: string }) {
  return createAppCore({
    dataDir,
    key: KEY,
    keySource: 'env',
    logError: () => undefined,
    now: () => clock.now,
  });
}

/** Writes the province, its project and its enrollments into `dir`; returns the manifest. */
async function buildProvince(dir: string): Promise<Manifest> {
  const clock = { now: '2027-06-01T02:00:00.000Z' };
  const core = await openCore(dir, clock);
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
    const now = clock.now;
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
            idNumber: benchIdNumber(i),
            name: `教师${i}`,
            nameKey: `jiao4 shi1 ${i}`,
            gender: i % 2 ? '男' : '女',
            birthDate: benchBirth(i),
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
    const perSchool = PER_SCHOOL;
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
    return {
      projectId: project.id,
      batchIds: project.batches.map((b) => b.id),
      courseIds: project.batches.map((b) => courseOf.get(b.id) ?? ''),
      district: districts[0] ?? '',
      setupSeconds: (performance.now() - started) / 1000,
    };
  } finally {
    await core.close();
  }
}

/** 20,000 rows of 身份证号 and 课程 (the first 20,000 teachers, batch 1's one course). */
async function writeEnrollmentFile(file: string): Promise<void> {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file });
  const sheet = workbook.addWorksheet('报名');
  sheet.addRow(['序号', '姓名', '身份证号', '课程']).commit();
  for (let i = 0; i < 20_000; i += 1) {
    sheet.addRow([i + 1, `教师${i}`, benchIdNumber(i), 'K']).commit();
  }
  sheet.commit();
  await workbook.commit();
}

/** Child phase: opens a copy of the province and measures the calls; prints them as JSON. */
async function measure(dir: string): Promise<Record<string, number>> {
  const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const clock = { now: '2027-06-01T02:00:00.000Z' };
  const core = await openCore(dir, clock);
  try {
    const session = { token: null as string | null };
    const call = sessionCaller(core, session);
    await call('auth/login', { userName: 'bench', password: 'bench-pass-1' });
    const openRssMb = process.memoryUsage().rss / 1024 / 1024;

    // 1. The whole province's proposal.
    const proposeTimes: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const t0 = performance.now();
      await call('quotas/propose', { projectId: m.projectId });
      proposeTimes.push(performance.now() - t0);
    }
    // 2. Saving one level's grid: a district's schools × 9 batches.
    const sheet = await call<QuotaSheet>('quotas/show', {
      projectId: m.projectId,
      unitId: m.district,
    });
    const cells = sheet.children.flatMap((c, i) =>
      m.batchIds.map((batchId) => ({
        unitId: c.unit.id,
        batchId,
        seats: PER_SCHOOL - (i % 3),
      })),
    );
    const s0 = performance.now();
    await call('quotas/set', { projectId: m.projectId, cells, reason: '基准' });
    const saveMs = performance.now() - s0;

    // 3. Bulk enrollment of 20,000 (dry run + commit) and 4. single enroll calls, in batch 1's window.
    clock.now = '2027-07-12T02:00:00.000Z';
    session.token = null;
    await call('auth/login', { userName: 'bench', password: 'bench-pass-1' });
    const batch1 = m.batchIds[0] ?? '';
    const course1 = m.courseIds[0] ?? '';
    // The office's file: 身份证号 and 课程 for 20,000 teachers, previewed, then committed.
    const b0 = performance.now();
    const preview = await call<{ entries: { teacherId: string; courseId: string }[] }>(
      'enrollment/importPreview',
      {
        jobId: 'bench-enroll-import',
        batchId: batch1,
        file: core.files.registerPath(path.join(dir, 'enroll-20k.xlsx'), 'in').handle,
      },
    );
    const enrolled = await call<{ results: { isAccepted: boolean }[] }>('enrollment/enroll', {
      batchId: batch1,
      entries: preview.entries,
    });
    const bulkSeconds = (performance.now() - b0) / 1000;
    const single: number[] = [];
    for (let i = 0; i < 100; i += 1) {
      const t0 = performance.now();
      await call('enrollment/enroll', {
        batchId: batch1,
        entries: [{ teacherId: `t-${20_000 + i * 7}`, courseId: course1 }],
      });
      single.push(performance.now() - t0);
    }
    return {
      proposeMs: percentile(proposeTimes, 50),
      saveMs,
      cells: cells.length,
      bulkSeconds,
      accepted: enrolled.results.filter((r) => r.isAccepted).length,
      enrollP95Ms: percentile(single, 95),
      openRssMb,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    await core.close();
  }
}

export async function runQuotaPhase(phase: string | undefined, args: string[]): Promise<boolean> {
  if (phase !== PHASE) return false;
  console.log(JSON.stringify(await measure(args[0] ?? '')));
  return true;
}

export async function benchQuota(): Promise<string> {
  const kept = process.env.BENCH_QUOTA_DIR;
  const root = kept ?? fs.mkdtempSync(path.join(os.tmpdir(), 'traindesk-bench-quota-'));
  const base = path.join(root, 'province');
  const run = path.join(root, 'run');
  try {
    if (!fs.existsSync(path.join(base, 'manifest.json'))) {
      fs.rmSync(base, { recursive: true, force: true });
      fs.mkdirSync(base, { recursive: true });
      const manifest = await buildProvince(base);
      fs.writeFileSync(path.join(base, 'manifest.json'), JSON.stringify(manifest));
    }
    fs.rmSync(run, { recursive: true, force: true });
    fs.cpSync(base, run, { recursive: true });
    await writeEnrollmentFile(path.join(run, 'enroll-20k.xlsx'));
    const setupSeconds = (
      JSON.parse(fs.readFileSync(path.join(base, 'manifest.json'), 'utf8')) as Manifest
    ).setupSeconds;
    const child = spawnSync(process.execPath, [__filename, `--phase=${PHASE}`, run], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    if (child.status !== 0) throw new Error(`bench phase ${PHASE} failed:\n${child.stderr}`);
    const r = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as Record<string, number>;
    const f = (key: string, digits = 0): string => (r[key] ?? NaN).toFixed(digits);
    return (
      `quota_enroll: schools=${SIZE.schools} teachers=${SIZE.teachers} enrollments=${SIZE.enrollments} ` +
      `propose_ms=${f('proposeMs')} save_level_ms=${f('saveMs')} (${f('cells')} cells) ` +
      `bulk_20k_s=${f('bulkSeconds', 2)} (accepted=${f('accepted')}) enroll_p95_ms=${f('enrollP95Ms', 1)} ` +
      `peak_rss_mb=${f('peakRssMb')} (after opening ${f('openRssMb')}; serving process; ` +
      `setup_s=${setupSeconds.toFixed(1)}; targets 200 ms, 1 s, 5 s, 20 ms, 300 MB)`
    );
  } finally {
    fs.rmSync(run, { recursive: true, force: true });
    if (!kept) fs.rmSync(root, { recursive: true, force: true });
  }
}
