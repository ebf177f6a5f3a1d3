/**
 * The demo workspace's training project, so that 培训项目, 名额分配 and 报名管理 show a project
 * under way on whatever day the app is first started:
 * - its rules are R1's (江苏省学科类在线学习 2023) with a calendar of its own, saved as a rule set of
 *   the workspace: nine 20-day batches opening on the 1st and 16th, the first about a month before
 *   today; enrollment opens 45 days before a batch (R1: 5), so that on any day two batches take
 *   enrollments; no annual quota deadline, so the seats stay editable;
 * - seats per batch: 2 % of the province's teachers (9 batches ≈ 18 %, above R1's 10 % floor),
 *   handed down to the city, its districts and its schools in proportion to their teachers;
 * - enrollments: batches that have begun are full, the two open ones partly filled; the demo
 *   school's first open batch is full with two teachers waiting (so a withdrawal promotes one), its
 *   second has free seats, and a few of its teachers are left free to enroll; one of its teachers is
 *   under a plagiarism ban until the end of the year.
 * Deterministic for a day and a roster: the same choices from the same seed.
 */
import { type Stage } from '@shared/api/common.schemas';
import { AppError } from '@shared/api/envelope';
import { banUntilEndOfYear } from '@shared/domain/enrollment/enrollment-checks';
import { mulberry32 } from '@shared/domain/roster/demo-data';
import { type CalendarRuleSet } from '@shared/domain/rules/calendar';
import { getPreset } from '@shared/domain/rules/presets';
import { allocateLargestRemainder } from '@shared/domain/rules/quota-policy';
import { type RuleSet } from '@shared/domain/rules/rule-set';
import { type CallContext } from '../../core/handler-types';
import { chinaToday, type ServiceContext } from '../../core/service-context';
import { type Tx } from '../../db/database';
import {
  EnrollmentEntity,
  PlagiarismBanEntity,
  WaitlistEntity,
} from '../../db/entities/enrollment.entity';
import { CourseEntity } from '../../db/entities/project.entity';
import { rawRows } from '../../db/raw-sql';
import { type OrgUnitRecord } from '../org/org.repository';
import { ProjectsService } from '../projects/projects.service';
import { upsertSeats } from '../projects/quota-counts';
import { RulesService } from '../rules/rules.service';

export const DEMO_RULE_SET_ID = 'demo-online-training';
const BY = '演示数据';
const COURSE_BY_STAGE: Record<Stage, { code: string; name: string }> = {
  幼儿园: { code: 'YE', name: '幼儿园保教实践能力提升' },
  小学: { code: 'XX', name: '小学学科教学能力提升' },
  初中: { code: 'CZ', name: '初中学科教学能力提升' },
  高中: { code: 'GZ', name: '高中学科教学能力提升' },
  中职: { code: 'ZZ', name: '中职专业教学能力提升' },
};

interface DemoTeacher {
  id: string;
  schoolId: string;
  stage: Stage;
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The latest 1st or 16th of a month on or before `day`. */
function startDayOnOrBefore(day: string): string {
  const dd = Number(day.slice(8, 10));
  return `${day.slice(0, 8)}${dd >= 16 ? '16' : '01'}`;
}

/** R1's rules with the demo calendar (see the header), as a rule set of the workspace. */
export function demoRuleSet(today: string): { ruleSet: RuleSet; year: number } {
  const preset = getPreset('jiangsu-online-2023');
  if (preset?.kind !== 'bundle') throw new AppError('INTERNAL', '缺少省学科类在线学习预设');
  const first = startDayOnOrBefore(addDays(today, -31));
  const parts = preset.parts.map((part): typeof part => {
    const copy = { ...part, id: `demo-${part.kind}` };
    if (copy.kind !== 'calendar') return copy;
    const calendar: CalendarRuleSet = {
      ...copy,
      name: '演示批次日历',
      description:
        '演示用：共 9 期，每期 20 天，开班日为每月 1 日或 16 日，第 1 期约在一个月前开班；开班前 45 天起至开班前 1 天报名（省里为 5 天，放宽以便随时试用）；当期结束前可换人或退回；不设全年配额提交截止日。',
      batches: {
        mode: 'regular',
        firstStart: first.slice(5),
        count: 9,
        startDays: [1, 16],
        lengthDays: 20,
      },
      enrollment: { opensDaysBefore: 45, closesDaysBefore: 1 },
      quotaDeadline: null,
    };
    return calendar;
  });
  return {
    year: Number(first.slice(0, 4)),
    ruleSet: {
      ...preset,
      id: DEMO_RULE_SET_ID,
      name: '演示：教师网络研修规则',
      description:
        '基于江苏省学科类在线学习（2023）的考核与配额规则，批次日历为演示而设：从约一个月前开始，报名时间放宽，随时都能试用报名、换人、退回和候补。',
      parts,
    },
  };
}

/**
 * Seats split among units in proportion to their teachers: at least 3 for the units on the demo
 * school's path (`reserved`), at least 1 for the others, as far as the seats go.
 */
function split(
  total: number,
  units: readonly OrgUnitRecord[],
  teachers: (id: string) => number,
  reserved: ReadonlySet<string>,
): Map<string, number> {
  const attempts: ((id: string) => number)[] = [
    (id) => (reserved.has(id) ? 3 : 1),
    (id) => (reserved.has(id) ? 3 : 0),
    () => 0,
  ];
  for (const minimumOf of attempts) {
    const result = allocateLargestRemainder(
      {
        total,
        children: units.map((u) => ({
          id: u.id,
          name: u.name,
          teachers: teachers(u.id),
          minimum: minimumOf(u.id),
        })),
      },
      0,
    );
    if (result.isFeasible) return new Map(result.allocations.map((a) => [a.id, a.allocated]));
  }
  return new Map();
}

export async function createDemoProject(
  ctx: ServiceContext,
  tx: Tx,
  where: { units: readonly OrgUnitRecord[]; rootId: string; schoolId: string; seed: number },
  call: CallContext,
): Promise<{ projectId: string; enrollments: number; waiting: number }> {
  const today = chinaToday(ctx.now());
  const { ruleSet, year } = demoRuleSet(today);
  await new RulesService(ctx).save(ruleSet, 'jiangsu-online-2023', call);
  const root = where.units.find((u) => u.id === where.rootId);
  if (!root) throw new AppError('INTERNAL', '演示数据缺少省级单位');
  const project = await new ProjectsService(ctx).insert(
    tx,
    {
      code: `S${year}9001`,
      name: `${root.name}教师网络研修（演示）`,
      year,
      rules: ruleSet,
      organizer: root,
      stages: ['幼儿园', '小学', '初中', '高中'],
      subjects: [],
    },
    call,
  );
  const rand = mulberry32(where.seed);

  // Courses: one per stage in every batch.
  const courseOf = new Map<string, string>();
  const courses: CourseEntity[] = project.batches.flatMap((b) =>
    (['幼儿园', '小学', '初中', '高中'] as const).map((stage) => {
      const c = COURSE_BY_STAGE[stage];
      const id = ctx.newId();
      courseOf.set(`${b.id}/${stage}`, id);
      return {
        id,
        batchId: b.id,
        code: `${c.code}${String(b.no).padStart(2, '0')}`,
        name: c.name,
        stage,
        subject: null,
        hours: 30,
        capacity: null,
      };
    }),
  );
  await tx.manager.getRepository(CourseEntity).insert(courses);

  // Active teachers by school, in a shuffled order; each takes at most one seat of the project.
  const rows = await rawRows<{ id: string; schoolId: string; stages: string }>(
    tx,
    `SELECT id, school_id AS "schoolId", stages FROM teacher WHERE employment_status = '在职' ORDER BY id_number`,
  );
  const bySchool = new Map<string, DemoTeacher[]>();
  for (const r of rows) {
    const stage = r.stages.split(',')[0] as Stage | undefined;
    if (!stage || !(stage in COURSE_BY_STAGE) || stage === '中职') continue;
    const list = bySchool.get(r.schoolId) ?? [];
    list.push({ id: r.id, schoolId: r.schoolId, stage });
    bySchool.set(r.schoolId, list);
  }
  for (const list of bySchool.values()) {
    for (let i = list.length - 1; i > 0; i -= 1) {
      const j = Math.floor(rand() * (i + 1));
      [list[i], list[j]] = [list[j] as DemoTeacher, list[i] as DemoTeacher];
    }
  }
  const count = (id: string): number => bySchool.get(id)?.length ?? 0;
  const under = (id: string): OrgUnitRecord[] => where.units.filter((u) => u.parentId === id);
  const teachersUnder = new Map<string, number>();
  const countUnder = (u: OrgUnitRecord): number => {
    const known = teachersUnder.get(u.id);
    if (known !== undefined) return known;
    const n =
      u.kind === 'school' ? count(u.id) : under(u.id).reduce((s, k) => s + countUnder(k), 0);
    teachersUnder.set(u.id, n);
    return n;
  };
  const perBatch = Math.max(1, Math.round(countUnder(root) * 0.02));

  // The demo school and the units above it.
  const byId = new Map(where.units.map((u) => [u.id, u]));
  const path = new Set<string>();
  for (
    let at = byId.get(where.schoolId);
    at;
    at = at.parentId ? byId.get(at.parentId) : undefined
  ) {
    path.add(at.id);
  }

  // Seats, level by level.
  const cells: { batchId: string; unitId: string; seats: number }[] = [];
  const schoolSeats = new Map<string, Map<string, number>>();
  for (const b of project.batches) {
    const seatsBySchool = new Map<string, number>();
    const hand = (unit: OrgUnitRecord, seats: number): void => {
      cells.push({ batchId: b.id, unitId: unit.id, seats });
      if (unit.kind === 'school') {
        seatsBySchool.set(unit.id, seats);
        return;
      }
      const kids = under(unit.id).filter((k) => countUnder(k) > 0);
      const shares = split(seats, kids, (id) => teachersUnder.get(id) ?? 0, path);
      for (const k of kids) hand(k, shares.get(k.id) ?? 0);
    };
    hand(root, perBatch);
    schoolSeats.set(b.id, seatsBySchool);
  }
  await upsertSeats(tx, project.id, cells, ctx.now());

  // Enrollments in commit order: batch by batch, school by school.
  const open = project.batches.filter(
    (b) => (b.enrollFrom === null || b.enrollFrom <= today) && today <= b.enrollUntil,
  );
  const [first, second] = open;
  const next = new Map<string, number>();
  // A few of the demo school's teachers stay free, for the school officer to enroll.
  const take = (schoolId: string): DemoTeacher | undefined => {
    const list = bySchool.get(schoolId) ?? [];
    const i = next.get(schoolId) ?? 0;
    if (list.length - i <= (schoolId === where.schoolId ? 3 : 0)) return undefined;
    next.set(schoolId, i + 1);
    return list[i];
  };
  const enrollments: EnrollmentEntity[] = [];
  const waiting: WaitlistEntity[] = [];
  const at = (day: string | null, n: number): string => {
    const when = new Date(`${day ?? today}T01:00:00.000Z`);
    when.setUTCMinutes(when.getUTCMinutes() + n);
    const iso = when.toISOString();
    return iso < ctx.now() ? iso : ctx.now();
  };
  // One teacher of the demo school is kept apart for the ban (see below).
  const banned =
    (bySchool.get(where.schoolId)?.length ?? 0) > 6
      ? bySchool.get(where.schoolId)?.pop()
      : undefined;
  // The open batches first, so that even a small demo school has teachers for them; the
  // enrollments are numbered in the batches' order afterwards.
  const order = [first, second, ...project.batches.filter((b) => b !== first && b !== second)];
  for (const b of order) {
    if (!b) continue;
    const hasBegun = b.startsOn <= today;
    if (!hasBegun && b.id !== first?.id && b.id !== second?.id) continue;
    for (const [schoolId, seats] of schoolSeats.get(b.id) ?? []) {
      const isDemoSchool = schoolId === where.schoolId;
      let filled = seats;
      if (b.id === first?.id && !isDemoSchool) filled = Math.ceil(seats * 0.7);
      if (b.id === second?.id)
        filled = isDemoSchool ? Math.max(0, seats - 2) : Math.floor(seats * 0.3);
      // The next free teacher of the school, on the course of their stage in this batch.
      const place = () => {
        const teacher = take(schoolId);
        const courseId = teacher ? courseOf.get(`${b.id}/${teacher.stage}`) : undefined;
        return teacher && courseId
          ? {
              id: ctx.newId(),
              projectId: project.id,
              batchId: b.id,
              courseId,
              teacherId: teacher.id,
              schoolId,
            }
          : null;
      };
      for (let i = 0; i < filled; i += 1) {
        const taken = place();
        if (!taken) break;
        enrollments.push({
          ...taken,
          status: 'enrolled',
          seq: 0,
          overrideReason: null,
          createdAt: at(b.enrollFrom, enrollments.length % 600),
          createdBy: BY,
          endedAt: null,
          endReason: null,
          replacedBy: null,
        });
      }
      if (b.id === first?.id && isDemoSchool) {
        for (let position = 1; position <= 2; position += 1) {
          const taken = place();
          if (!taken) break;
          waiting.push({
            ...taken,
            position,
            status: 'waiting',
            overrideReason: null,
            createdAt: ctx.now(),
            createdBy: BY,
            endedAt: null,
            enrollmentId: null,
          });
        }
      }
    }
  }
  const batchNo = new Map(project.batches.map((b) => [b.id, b.no]));
  enrollments.sort(
    (a, b) =>
      (batchNo.get(a.batchId) ?? 0) - (batchNo.get(b.batchId) ?? 0) ||
      (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0),
  );
  enrollments.forEach((e, i) => {
    e.seq = i + 1;
  });
  const repo = tx.manager.getRepository(EnrollmentEntity);
  for (let i = 0; i < enrollments.length; i += 200)
    await repo.insert(enrollments.slice(i, i + 200));
  if (waiting.length > 0) await tx.manager.getRepository(WaitlistEntity).insert(waiting);
  // That teacher of the demo school is under a plagiarism ban until the end of the year.
  if (banned) {
    await tx.manager.getRepository(PlagiarismBanEntity).insert({
      id: ctx.newId(),
      teacherId: banned.id,
      until: banUntilEndOfYear(today),
      evidence: '演示：上一期研修作业经查重判定为抄袭',
      createdAt: ctx.now(),
      createdBy: BY,
    });
  }
  call.audit?.({
    entityId: project.id,
    summary: `演示项目 ${project.code}：名额分到 ${cells.length} 个单位批次，报名 ${enrollments.length} 人，候补 ${waiting.length} 人`,
    details: { enrollments: enrollments.length, waiting: waiting.length, seatsPerBatch: perBatch },
  });
  return { projectId: project.id, enrollments: enrollments.length, waiting: waiting.length };
}
