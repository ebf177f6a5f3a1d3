/**
 * Enrollment: schools fill the seats of their quota with their own teachers, first come, first
 * served (in commit order: writers take turns, and `seq` numbers the enrollments of a project in the
 * order they were committed). Every decision goes through `checkEnrollment` (the same checks for a
 * dry run, an enrollment, a swap and a promotion) and keeps its reasons.
 *
 * Seats: a school's seats of a batch, minus its active enrollments; a list uses them up in order.
 * A seat given back (or a school's seats raised) goes to the first waiting teacher of that school
 * and batch who passes the checks, in the same transaction, audited with the change that freed it.
 */
import {
  type CourseRow,
  type EnrollmentResult,
  type EnrollmentRow,
} from '@shared/api/projects.contract';
import { type EmploymentStatus, type Stage } from '@shared/api/common.schemas';
import { AppError } from '@shared/api/envelope';
import {
  banUntilEndOfYear,
  checkEnrollment,
  checkWithdraw,
  type CheckFinding,
  type CheckResult,
  tookSameProjectLastYear,
} from '@shared/domain/enrollment/enrollment-checks';
import { maskIdNumber } from '@shared/domain/roster/id-number';
import { type CallContext } from '../../core/handler-types';
import { actorName } from '../../core/operator';
import { chinaToday, type ServiceContext } from '../../core/service-context';
import { writeTx } from '../../core/write-path';
import { type Tx, txOr } from '../../db/database';
import { idsParam, inIds, rawRows } from '../../db/raw-sql';
import {
  EnrollmentEntity,
  PlagiarismBanEntity,
  WaitlistEntity,
} from '../../db/entities/enrollment.entity';
import { BatchEntity, CourseEntity } from '../../db/entities/project.entity';
import { OrgRepository } from '../org/org.repository';
import { requireScope, UnitScope } from '../org/unit-scope';
import { type LoadedProject, ProjectsService } from './projects.service';
import { enrolledBySchool, seatsOf } from './quota-counts';

interface Entry {
  teacherId: string;
  courseId: string;
  overrideReason?: string;
}

interface TeacherFacts {
  id: string;
  name: string;
  idNumber: string;
  schoolId: string;
  employmentStatus: EmploymentStatus;
  stages: Stage[];
}

export class EnrollmentService {
  private readonly orgs: OrgRepository;
  private readonly projects: ProjectsService;

  constructor(private readonly ctx: ServiceContext) {
    this.orgs = new OrgRepository(ctx.db);
    this.projects = new ProjectsService(ctx);
  }

  private today(): string {
    return chinaToday(this.ctx.now());
  }

  /** The batch and its project, visible to the call; NOT_FOUND otherwise. */
  private async batch(
    batchId: string,
    call: CallContext,
    tx?: Tx,
  ): Promise<{ batch: BatchEntity; project: LoadedProject }> {
    const batch = await txOr(this.ctx.db, tx)
      .manager.getRepository(BatchEntity)
      .findOneBy({ id: batchId });
    if (!batch) throw new AppError('NOT_FOUND', '找不到该批次');
    const project = await this.projects.load(batch.projectId, requireScope(call), tx);
    return { batch, project };
  }

  async courses(batchId: string, call: CallContext): Promise<CourseRow[]> {
    await this.batch(batchId, call);
    const rows = await this.ctx.db.reader.manager
      .getRepository(CourseEntity)
      .find({ where: { batchId }, order: { code: 'ASC' } });
    return rows.map(toCourseRow);
  }

  async saveCourses(
    input: {
      batchId: string;
      courses: {
        code: string;
        name: string;
        stage: Stage;
        subject: string | null;
        hours: number;
        capacity: number | null;
      }[];
    },
    call: CallContext,
  ): Promise<CourseRow[]> {
    const tx = writeTx(call);
    const { batch, project } = await this.batch(input.batchId, call, tx);
    const scope = await UnitScope.load(this.orgs, requireScope(call), tx);
    if (!scope.has(project.organizer.id)) {
      throw new AppError('FORBIDDEN', '课程由项目的主办单位维护');
    }
    const codes = new Set<string>();
    for (const c of input.courses) {
      if (codes.has(c.code)) throw new AppError('INVALID_INPUT', `课程代码「${c.code}」重复`);
      codes.add(c.code);
    }
    const repo = tx.manager.getRepository(CourseEntity);
    const existing = await repo.findBy({ batchId: batch.id });
    const byCode = new Map(existing.map((c) => [c.code, c]));
    for (const old of existing) {
      if (codes.has(old.code)) continue;
      const used = await tx.manager.getRepository(EnrollmentEntity).countBy({ courseId: old.id });
      const waiting = await tx.manager.getRepository(WaitlistEntity).countBy({ courseId: old.id });
      if (used + waiting > 0) {
        throw new AppError(
          'CONFLICT',
          `课程「${old.name}」已有 ${used + waiting} 人报名或候补，不能删除`,
        );
      }
      await repo.delete({ id: old.id });
    }
    for (const c of input.courses) {
      const found = byCode.get(c.code);
      const row = {
        batchId: batch.id,
        code: c.code,
        name: c.name,
        stage: c.stage,
        subject: c.subject,
        hours: c.hours,
        capacity: c.capacity,
      };
      if (found) await repo.update({ id: found.id }, row);
      else await repo.insert({ id: this.ctx.newId(), ...row });
    }
    call.audit?.({
      entityId: batch.id,
      summary: `保存课程（${project.entity.code} ${batch.name}）：${input.courses.length} 门`,
      details: { batchId: batch.id, codes: [...codes] },
    });
    return (await repo.find({ where: { batchId: batch.id }, order: { code: 'ASC' } })).map(
      toCourseRow,
    );
  }

  private async teachers(ids: string[], tx?: Tx): Promise<Map<string, TeacherFacts>> {
    if (ids.length === 0) return new Map();
    const on = txOr(this.ctx.db, tx);
    const rows = await rawRows<{
      id: string;
      name: string;
      idNumber: string;
      schoolId: string;
      employmentStatus: string;
      stages: string;
    }>(
      on,
      `SELECT id, name, id_number AS "idNumber", school_id AS "schoolId",
          employment_status AS "employmentStatus", stages
        FROM teacher WHERE ${inIds(on, 'id')}`,
      [idsParam(on, [...new Set(ids)])],
    );
    return new Map(
      rows.map((t) => [
        t.id,
        {
          id: t.id,
          name: t.name,
          idNumber: t.idNumber,
          schoolId: t.schoolId,
          employmentStatus: t.employmentStatus as EmploymentStatus,
          stages: t.stages ? (t.stages.split(',') as Stage[]) : [],
        },
      ]),
    );
  }

  /** Seats left per school in a batch (of the schools given): seats minus active enrollments. */
  private async seatsLeft(
    batchId: string,
    schoolIds: string[],
    tx?: Tx,
  ): Promise<Map<string, number>> {
    const on = txOr(this.ctx.db, tx);
    const seats = (await seatsOf(on, [batchId], schoolIds)).get(batchId);
    const used = (await enrolledBySchool(on, [batchId], schoolIds)).get(batchId);
    const left = new Map<string, number>();
    for (const id of new Set(schoolIds)) {
      left.set(id, (seats?.get(id) ?? 0) - (used?.get(id) ?? 0));
    }
    return left;
  }

  /** Facts about the teachers that the checks need, for one project. */
  private async history(project: LoadedProject, teacherIds: string[], tx?: Tx): Promise<Facts> {
    const on = txOr(this.ctx.db, tx);
    const ids = idsParam(on, [...new Set(teacherIds)]);
    const active = new Set<string>();
    const lastYear = new Set<string>();
    const bans = new Map<string, string>();
    if (teacherIds.length === 0) return { active, lastYear, bans };
    const current = await rawRows<{ teacherId: string }>(
      on,
      `SELECT teacher_id AS "teacherId" FROM enrollment
        WHERE project_id = ? AND status = 'enrolled' AND ${inIds(on, 'teacher_id')}`,
      [project.entity.id, ids],
    );
    for (const r of current) active.add(r.teacherId);
    // The same project of the year before: same organizer, same rules.
    const past = await rawRows<{ teacherId: string; year: number | string }>(
      on,
      `SELECT e.teacher_id AS "teacherId", p.year AS year
        FROM enrollment e JOIN project p ON p.id = e.project_id
        WHERE p.organizer_unit_id = ? AND p.rule_set_id = ? AND p.year = ?
          AND e.status <> 'withdrawn' AND ${inIds(on, 'e.teacher_id')}`,
      [project.entity.organizerUnitId, project.entity.ruleSetId, project.entity.year - 1, ids],
    );
    for (const r of past) {
      if (tookSameProjectLastYear(project.entity.year, [Number(r.year)])) lastYear.add(r.teacherId);
    }
    const banned = await rawRows<{ teacherId: string; until: string }>(
      on,
      `SELECT teacher_id AS "teacherId", "until" FROM plagiarism_ban WHERE ${inIds(on, 'teacher_id')}`,
      [ids],
    );
    for (const b of banned) {
      if ((bans.get(b.teacherId) ?? '') < b.until) bans.set(b.teacherId, b.until);
    }
    return { active, lastYear, bans };
  }

  /** One teacher's decision from the facts gathered for the call: the one check of every path. */
  private judge(a: {
    action: 'enroll' | 'swap' | 'promote';
    project: LoadedProject;
    batch: BatchEntity;
    teacher: TeacherFacts;
    course: CourseEntity;
    courseLeft: Map<string, number>;
    /** Places in the course that count as free besides what is left (a swap's own place). */
    courseBonus?: number;
    seatsLeft: number;
    facts: Facts;
    overrideReason: string | null;
  }): CheckResult {
    const { course, teacher, facts } = a;
    return checkEnrollment({
      today: this.today(),
      action: a.action,
      batch: a.batch,
      teacher,
      course: {
        name: course.name,
        stage: course.stage as Stage,
        capacityLeft:
          course.capacity === null
            ? null
            : (a.courseLeft.get(course.id) ?? course.capacity) + (a.courseBonus ?? 0),
      },
      seatsLeft: a.seatsLeft,
      isEnrolledInProject: facts.active.has(teacher.id),
      tookLastYear: facts.lastYear.has(teacher.id),
      repeatRule: a.project.calendar.repeatEnrollment,
      lateWithReason: a.project.calendar.enrollment.lateWithReason ?? false,
      overrideReason: a.overrideReason,
      banUntil: facts.bans.get(teacher.id) ?? null,
    });
  }

  /**
   * Decides a list in order, as if committed one after another (seats and one-per-project used up
   * as it goes). `onAccept` saves an accepted one (enroll) or does nothing (dry run).
   */
  private async decide(
    batchId: string,
    entries: Entry[],
    call: CallContext,
    tx: Tx | undefined,
    onAccept: (
      entry: Entry,
      teacher: TeacherFacts,
      project: LoadedProject,
    ) => Promise<string | null>,
  ): Promise<EnrollmentResult[]> {
    const { batch, project } = await this.batch(batchId, call, tx);
    const scope = await UnitScope.load(this.orgs, requireScope(call), tx);
    const courses = new Map(
      (await txOr(this.ctx.db, tx).manager.getRepository(CourseEntity).findBy({ batchId })).map(
        (c) => [c.id, c],
      ),
    );
    const courseLeft = await this.courseLeft(batchId, tx);
    const teachers = await this.teachers(
      entries.map((e) => e.teacherId),
      tx,
    );
    const seats = await this.seatsLeft(
      batchId,
      [...teachers.values()].map((x) => x.schoolId),
      tx,
    );
    const facts = await this.history(project, [...teachers.keys()], tx);
    const results: EnrollmentResult[] = [];
    for (const entry of entries) {
      const teacher = teachers.get(entry.teacherId);
      const course = courses.get(entry.courseId);
      if (!teacher || !scope.has(teacher.schoolId)) {
        results.push(
          refused(entry, '（未知）', 'TEACHER_UNKNOWN', '找不到该教师，或不在您的管理范围内'),
        );
        continue;
      }
      if (!course) {
        results.push(refused(entry, teacher.name, 'COURSE_UNKNOWN', `${batch.name}没有这门课程`));
        continue;
      }
      const decision = this.judge({
        action: 'enroll',
        project,
        batch,
        teacher,
        course,
        courseLeft,
        seatsLeft: seats.get(teacher.schoolId) ?? 0,
        facts,
        overrideReason: entry.overrideReason ?? null,
      });
      let enrollmentId: string | null = null;
      if (decision.isAllowed) {
        enrollmentId = await onAccept(entry, teacher, project);
        seats.set(teacher.schoolId, (seats.get(teacher.schoolId) ?? 0) - 1);
        taken(facts, courseLeft, teacher, course);
      }
      results.push({
        teacherId: teacher.id,
        teacherName: teacher.name,
        courseId: entry.courseId,
        isAccepted: decision.isAllowed,
        findings: decision.findings,
        enrollmentId,
      });
    }
    return results;
  }

  /** Places left in capped courses of a batch. */
  private async courseLeft(batchId: string, tx?: Tx): Promise<Map<string, number>> {
    const m = txOr(this.ctx.db, tx).manager;
    const left = new Map<string, number>();
    for (const c of await m.getRepository(CourseEntity).findBy({ batchId })) {
      if (c.capacity !== null) left.set(c.id, c.capacity);
    }
    // Nothing to count when no course of the batch has a cap.
    if (left.size === 0) return left;
    const used = await m
      .getRepository(EnrollmentEntity)
      .createQueryBuilder('e')
      .select('e.course_id', 'courseId')
      .addSelect('count(*)', 'n')
      .where('e.batch_id = :batchId', { batchId })
      .andWhere(`e.status = 'enrolled'`)
      .groupBy('e.course_id')
      .getRawMany<{ courseId: string; n: number | string }>();
    for (const u of used) {
      const cap = left.get(u.courseId);
      if (cap !== undefined) left.set(u.courseId, cap - Number(u.n));
    }
    return left;
  }

  async check(
    input: { batchId: string; entries: Entry[] },
    call: CallContext,
  ): Promise<EnrollmentResult[]> {
    return this.decide(input.batchId, input.entries, call, undefined, () => Promise.resolve(null));
  }

  private async nextSeq(projectId: string, tx: Tx): Promise<number> {
    const row = await tx.manager
      .getRepository(EnrollmentEntity)
      .createQueryBuilder('e')
      .select('max(e.seq)', 'n')
      .where('e.project_id = :projectId', { projectId })
      .getRawOne<{ n: number | string | null }>();
    return Number(row?.n ?? 0) + 1;
  }

  /** A new active enrollment's row (its `seq` is given by the caller, in commit order). */
  private enrollmentRow(
    project: LoadedProject,
    batchId: string,
    entry: Entry,
    teacher: TeacherFacts,
    seq: number,
    call: CallContext,
  ): EnrollmentEntity {
    return {
      id: this.ctx.newId(),
      projectId: project.entity.id,
      batchId,
      courseId: entry.courseId,
      teacherId: teacher.id,
      schoolId: teacher.schoolId,
      status: 'enrolled',
      seq,
      overrideReason: entry.overrideReason ?? null,
      createdAt: this.ctx.now(),
      createdBy: byWhom(call),
      endedAt: null,
      endReason: null,
      replacedBy: null,
    };
  }

  private async insertEnrollment(
    tx: Tx,
    project: LoadedProject,
    batchId: string,
    entry: Entry,
    teacher: TeacherFacts,
    call: CallContext,
  ): Promise<string> {
    const seq = await this.nextSeq(project.entity.id, tx);
    const row = this.enrollmentRow(project, batchId, entry, teacher, seq, call);
    await tx.manager.getRepository(EnrollmentEntity).insert(row);
    return row.id;
  }

  /**
   * Enrolls the accepted ones of a list. The rows are numbered as they are decided and written
   * together at the end, a few hundred per statement: inserting and numbering them one at a time
   * took most of a 20,000-teacher list's commit (npm run bench, quota_enroll).
   */
  async enroll(
    input: { batchId: string; entries: Entry[] },
    call: CallContext,
  ): Promise<EnrollmentResult[]> {
    const tx = writeTx(call);
    const rows: EnrollmentEntity[] = [];
    let seq: number | null = null;
    const results = await this.decide(
      input.batchId,
      input.entries,
      call,
      tx,
      async (entry, teacher, project) => {
        seq ??= await this.nextSeq(project.entity.id, tx);
        const row = this.enrollmentRow(project, input.batchId, entry, teacher, seq, call);
        seq += 1;
        rows.push(row);
        return row.id;
      },
    );
    const repo = tx.manager.getRepository(EnrollmentEntity);
    for (let i = 0; i < rows.length; i += 200) await repo.insert(rows.slice(i, i + 200));
    const accepted = results.filter((r) => r.isAccepted);
    call.audit?.({
      entityId: input.batchId,
      summary: `报名：接受 ${accepted.length} 人，拒绝 ${results.length - accepted.length} 人${
        accepted.length
          ? `（${accepted
              .slice(0, 5)
              .map((r) => r.teacherName)
              .join('、')}${accepted.length > 5 ? '等' : ''}）`
          : ''
      }`,
      details: {
        batchId: input.batchId,
        accepted: accepted.map((r) => r.enrollmentId),
        refused: results
          .filter((r) => !r.isAccepted)
          .map((r) => ({
            teacherId: r.teacherId,
            codes: r.findings.filter((f) => f.isBlocking).map((f) => f.code),
          })),
      },
    });
    return results;
  }

  /** An active enrollment inside the call's scope, with its batch and project. */
  private async active(enrollmentId: string, call: CallContext, tx: Tx) {
    const found = await tx.manager.getRepository(EnrollmentEntity).findOneBy({ id: enrollmentId });
    const scope = await UnitScope.load(this.orgs, requireScope(call), tx);
    if (!found || !scope.has(found.schoolId)) throw new AppError('NOT_FOUND', '找不到该报名记录');
    if (found.status !== 'enrolled') {
      throw new AppError('CONFLICT', '该报名已退回或已换人，不能再操作');
    }
    const { batch, project } = await this.batch(found.batchId, call, tx);
    return { enrollment: found, batch, project, scope };
  }

  async withdraw(
    input: { enrollmentId: string; reason: string },
    call: CallContext,
  ): Promise<{ promoted: EnrollmentRow | null }> {
    const tx = writeTx(call);
    const { enrollment, batch, project } = await this.active(input.enrollmentId, call, tx);
    const refusal = checkWithdraw(this.today(), batch);
    if (refusal) throw new AppError('RULE_VIOLATION', refusal.message);
    await tx.manager
      .getRepository(EnrollmentEntity)
      .update(
        { id: enrollment.id },
        { status: 'withdrawn', endedAt: this.ctx.now(), endReason: input.reason },
      );
    const promoted = await this.promote(tx, project, batch, enrollment.schoolId, 1, call);
    const teacher = (await this.teachers([enrollment.teacherId], tx)).get(enrollment.teacherId);
    call.audit?.({
      entityId: enrollment.id,
      summary: `退回报名：${teacher?.name ?? ''}（${batch.name}）；原因：${input.reason}${promoted[0] ? `；候补 ${promoted[0].teacher.name} 自动递补` : ''}`,
      details: {
        enrollmentId: enrollment.id,
        reason: input.reason,
        promoted: promoted.map((p) => p.id),
      },
    });
    return { promoted: promoted[0] ?? null };
  }

  /**
   * Takes a waiting teacher off their school's queue (取消候补), until the batch ends; those behind
   * move up (their place is counted, see waitingRanks). The entry is kept as 'removed', the reason
   * in the audit.
   */
  async leaveWaitlist(
    input: { waitlistId: string; reason: string },
    call: CallContext,
  ): Promise<{ teacherName: string }> {
    const tx = writeTx(call);
    const repo = tx.manager.getRepository(WaitlistEntity);
    const entry = await repo.findOneBy({ id: input.waitlistId });
    const scope = await UnitScope.load(this.orgs, requireScope(call), tx);
    if (!entry || !scope.has(entry.schoolId)) throw new AppError('NOT_FOUND', '找不到该候补记录');
    if (entry.status !== 'waiting') {
      throw new AppError('CONFLICT', '该教师已递补或已取消候补，候补名单中已没有这条记录');
    }
    const { batch } = await this.batch(entry.batchId, call, tx);
    if (this.today() > batch.changeUntil) {
      throw new AppError(
        'RULE_VIOLATION',
        `${batch.name}已于 ${batch.changeUntil} 结束，候补名单不再变动`,
      );
    }
    const place = (await this.waitingRanks([entry], tx)).get(entry.id) ?? entry.position;
    const teacherName =
      (await this.teachers([entry.teacherId], tx)).get(entry.teacherId)?.name ?? '';
    await repo.update({ id: entry.id }, { status: 'removed', endedAt: this.ctx.now() });
    call.audit?.({
      entityId: entry.id,
      summary: `取消候补：${teacherName}（${batch.name}，候补第 ${place} 位）；原因：${input.reason}`,
      details: { batchId: entry.batchId, teacherId: entry.teacherId, reason: input.reason },
    });
    return { teacherName };
  }

  async swap(
    input: { enrollmentId: string; teacherId: string; courseId?: string; overrideReason?: string },
    call: CallContext,
  ): Promise<EnrollmentResult> {
    const tx = writeTx(call);
    const { enrollment, batch, project, scope } = await this.active(input.enrollmentId, call, tx);
    const teacher = (await this.teachers([input.teacherId], tx)).get(input.teacherId);
    if (!teacher || !scope.has(teacher.schoolId)) {
      throw new AppError('NOT_FOUND', '找不到该教师，或不在您的管理范围内');
    }
    if (teacher.schoolId !== enrollment.schoolId) {
      throw new AppError('RULE_VIOLATION', '换人只能换成本校的教师（名额属于学校）');
    }
    const courseId = input.courseId ?? enrollment.courseId;
    const course = await tx.manager.getRepository(CourseEntity).findOneBy({ id: courseId });
    if (!course || course.batchId !== batch.id)
      throw new AppError('NOT_FOUND', `${batch.name}没有这门课程`);
    const facts = await this.history(project, [teacher.id], tx);
    const courseLeft = await this.courseLeft(batch.id, tx);
    // The seat is this enrollment's own; so is its place in its course.
    const decision = this.judge({
      action: 'swap',
      project,
      batch,
      teacher,
      course,
      courseLeft,
      courseBonus: course.id === enrollment.courseId ? 1 : 0,
      seatsLeft: 1,
      facts,
      overrideReason: input.overrideReason ?? null,
    });
    if (!decision.isAllowed) {
      return {
        teacherId: teacher.id,
        teacherName: teacher.name,
        courseId,
        isAccepted: false,
        findings: decision.findings,
        enrollmentId: null,
      };
    }
    const repo = tx.manager.getRepository(EnrollmentEntity);
    await repo.update(
      { id: enrollment.id },
      { status: 'replaced', endedAt: this.ctx.now(), endReason: `换人：由${teacher.name}替换` },
    );
    const id = await this.insertEnrollment(
      tx,
      project,
      batch.id,
      {
        teacherId: teacher.id,
        courseId,
        ...(input.overrideReason ? { overrideReason: input.overrideReason } : {}),
      },
      teacher,
      call,
    );
    await repo.update({ id: enrollment.id }, { replacedBy: id });
    const before = (await this.teachers([enrollment.teacherId], tx)).get(enrollment.teacherId);
    call.audit?.({
      entityId: id,
      summary: `换人（${batch.name}）：${before?.name ?? ''} → ${teacher.name}`,
      details: { from: enrollment.id, to: id },
    });
    return {
      teacherId: teacher.id,
      teacherName: teacher.name,
      courseId,
      isAccepted: true,
      findings: decision.findings,
      enrollmentId: id,
    };
  }

  async waitlist(
    input: { batchId: string; teacherId: string; courseId: string; overrideReason?: string },
    call: CallContext,
  ): Promise<EnrollmentRow> {
    const tx = writeTx(call);
    const [result] = await this.decide(input.batchId, [input], call, tx, () =>
      Promise.resolve(null),
    );
    if (!result) throw new AppError('INTERNAL', '候补检查没有结果');
    const blocking = result.findings.filter((f) => f.isBlocking);
    if (result.isAccepted) {
      throw new AppError('CONFLICT', '本校还有名额，可以直接报名，无需候补');
    }
    if (blocking.some((f) => f.code !== 'NO_SEATS')) {
      throw new AppError(
        'RULE_VIOLATION',
        blocking
          .filter((f) => f.code !== 'NO_SEATS')
          .map((f) => f.message)
          .join('；'),
      );
    }
    const { project } = await this.batch(input.batchId, call, tx);
    const teacher = (await this.teachers([input.teacherId], tx)).get(input.teacherId);
    if (!teacher) throw new AppError('NOT_FOUND', '找不到该教师');
    const repo = tx.manager.getRepository(WaitlistEntity);
    if (
      await repo.findOneBy({ batchId: input.batchId, teacherId: teacher.id, status: 'waiting' })
    ) {
      throw new AppError('CONFLICT', `${teacher.name}已在本批次的候补名单中`);
    }
    const last = await repo
      .createQueryBuilder('w')
      .select('max(w.position)', 'n')
      .where('w.batch_id = :batchId', { batchId: input.batchId })
      .andWhere('w.school_id = :schoolId', { schoolId: teacher.schoolId })
      .getRawOne<{ n: number | string | null }>();
    const entity: WaitlistEntity = {
      id: this.ctx.newId(),
      projectId: project.entity.id,
      batchId: input.batchId,
      courseId: input.courseId,
      teacherId: teacher.id,
      schoolId: teacher.schoolId,
      position: Number(last?.n ?? 0) + 1,
      status: 'waiting',
      overrideReason: input.overrideReason ?? null,
      createdAt: this.ctx.now(),
      createdBy: byWhom(call),
      endedAt: null,
      enrollmentId: null,
    };
    await repo.insert(entity);
    const [row] = await this.rows({ waitlistIds: [entity.id] }, tx);
    if (!row) throw new AppError('INTERNAL', '候补保存后未能读回');
    call.audit?.({
      entityId: entity.id,
      summary: `加入候补：${teacher.name}（第 ${row.order} 位）`,
      details: { batchId: input.batchId, teacherId: teacher.id, position: entity.position },
    });
    return row;
  }

  /**
   * Gives up to `freed` seats of a school's batch to the first waiting teachers who pass the checks
   * (in their order); those who no longer pass keep waiting. Returns the promoted ones.
   */
  async promote(
    tx: Tx,
    project: LoadedProject,
    batch: BatchEntity,
    schoolId: string,
    freed: number,
    call: CallContext,
  ): Promise<EnrollmentRow[]> {
    const repo = tx.manager.getRepository(WaitlistEntity);
    const waiting = await repo.find({
      where: { batchId: batch.id, schoolId, status: 'waiting' },
      order: { position: 'ASC' },
    });
    if (waiting.length === 0) return [];
    let seats = Math.min(
      freed,
      (await this.seatsLeft(batch.id, [schoolId], tx)).get(schoolId) ?? 0,
    );
    const teachers = await this.teachers(
      waiting.map((w) => w.teacherId),
      tx,
    );
    const facts = await this.history(project, [...teachers.keys()], tx);
    const courseLeft = await this.courseLeft(batch.id, tx);
    const courses = new Map(
      (await tx.manager.getRepository(CourseEntity).findBy({ batchId: batch.id })).map((c) => [
        c.id,
        c,
      ]),
    );
    const promoted: string[] = [];
    for (const w of waiting) {
      if (seats <= 0) break;
      const teacher = teachers.get(w.teacherId);
      const course = courses.get(w.courseId);
      if (!teacher || !course) continue;
      const decision = this.judge({
        action: 'promote',
        project,
        batch,
        teacher,
        course,
        courseLeft,
        seatsLeft: seats,
        facts,
        overrideReason: w.overrideReason,
      });
      if (!decision.isAllowed) continue;
      const id = await this.insertEnrollment(
        tx,
        project,
        batch.id,
        {
          teacherId: teacher.id,
          courseId: w.courseId,
          ...(w.overrideReason ? { overrideReason: w.overrideReason } : {}),
        },
        teacher,
        call,
      );
      await repo.update(
        { id: w.id },
        { status: 'promoted', endedAt: this.ctx.now(), enrollmentId: id },
      );
      taken(facts, courseLeft, teacher, course);
      seats -= 1;
      promoted.push(id);
    }
    return this.rows({ enrollmentIds: promoted }, tx);
  }

  async list(
    input: { projectId: string; batchId?: string; unitId?: string },
    call: CallContext,
  ): Promise<EnrollmentRow[]> {
    const project = await this.projects.load(input.projectId, requireScope(call));
    const scope = await UnitScope.load(this.orgs, requireScope(call));
    const schools = scope.schools(input.unitId);
    return this.rows({
      projectId: project.entity.id,
      ...(input.batchId ? { batchId: input.batchId } : {}),
      schools,
    });
  }

  /** Rows of enrollments (active) and waiting places, by ids or by project/batch/schools. */
  private async rows(
    filter: {
      enrollmentIds?: string[];
      waitlistIds?: string[];
      projectId?: string;
      batchId?: string;
      schools?: string[] | 'all';
    },
    tx?: Tx,
  ): Promise<EnrollmentRow[]> {
    const m = txOr(this.ctx.db, tx).manager;
    const where = <Q extends { andWhere: (sql: string, params?: object) => Q }>(
      q: Q,
      alias: string,
    ): Q => {
      let out = q;
      if (filter.projectId)
        out = out.andWhere(`${alias}.project_id = :projectId`, { projectId: filter.projectId });
      if (filter.batchId)
        out = out.andWhere(`${alias}.batch_id = :batchId`, { batchId: filter.batchId });
      if (filter.schools && filter.schools !== 'all') {
        if (filter.schools.length === 0) out = out.andWhere('1 = 0');
        else out = out.andWhere(`${alias}.school_id IN (:...schools)`, { schools: filter.schools });
      }
      return out;
    };
    const out: EnrollmentRow[] = [];
    if (!filter.waitlistIds) {
      let q = m
        .getRepository(EnrollmentEntity)
        .createQueryBuilder('e')
        .where(`e.status = 'enrolled'`);
      if (filter.enrollmentIds) {
        if (filter.enrollmentIds.length === 0) return [];
        q = q.andWhere('e.id IN (:...ids)', { ids: filter.enrollmentIds });
      }
      const found = await where(q, 'e').orderBy('e.seq', 'ASC').getMany();
      out.push(...(await this.describe(found, 'enrolled', tx)));
    }
    if (!filter.enrollmentIds) {
      let q = m.getRepository(WaitlistEntity).createQueryBuilder('w').where(`w.status = 'waiting'`);
      if (filter.waitlistIds) q = q.andWhere('w.id IN (:...ids)', { ids: filter.waitlistIds });
      const found = await where(q, 'w').orderBy('w.position', 'ASC').getMany();
      out.push(...(await this.describe(found, 'waiting', tx)));
    }
    return out;
  }

  private async describe(
    items: (EnrollmentEntity | WaitlistEntity)[],
    kind: 'enrolled' | 'waiting',
    tx?: Tx,
  ): Promise<EnrollmentRow[]> {
    if (items.length === 0) return [];
    const m = txOr(this.ctx.db, tx).manager;
    const teachers = await this.teachers(
      items.map((i) => i.teacherId),
      tx,
    );
    const courseIds = [...new Set(items.map((i) => i.courseId))];
    const courses = new Map(
      (
        await m
          .getRepository(CourseEntity)
          .createQueryBuilder('c')
          .where('c.id IN (:...ids)', { ids: courseIds })
          .getMany()
      ).map((c) => [c.id, c]),
    );
    const batchIds = [...new Set(items.map((i) => i.batchId))];
    const batches = new Map(
      (
        await m
          .getRepository(BatchEntity)
          .createQueryBuilder('b')
          .where('b.id IN (:...ids)', { ids: batchIds })
          .getMany()
      ).map((b) => [b.id, b]),
    );
    const units = new Map((await this.orgs.all(tx)).map((u) => [u.id, u]));
    const ranks = kind === 'waiting' ? await this.waitingRanks(items, tx) : null;
    return items.map((i) => {
      const teacher = teachers.get(i.teacherId);
      return {
        id: i.id,
        kind,
        batchId: i.batchId,
        batchName: batches.get(i.batchId)?.name ?? '',
        course: { id: i.courseId, name: courses.get(i.courseId)?.name ?? '' },
        teacher: {
          id: i.teacherId,
          name: teacher?.name ?? '',
          idNumberMasked: teacher ? maskIdNumber(teacher.idNumber) : '',
        },
        school: { id: i.schoolId, name: units.get(i.schoolId)?.name ?? '' },
        order: 'seq' in i ? i.seq : (ranks?.get(i.id) ?? i.position),
        overrideReason: i.overrideReason,
        createdAt: i.createdAt,
        createdBy: i.createdBy,
      };
    });
  }

  /**
   * Where each waiting teacher stands now in the queue of their school's batch (1 = next to get a
   * seat). Stored positions are never renumbered (the audit keeps them), so once the first in line
   * has been given a seat the next one's position is 2 while they are first.
   */
  private async waitingRanks(
    items: (EnrollmentEntity | WaitlistEntity)[],
    tx?: Tx,
  ): Promise<Map<string, number>> {
    const queues = await txOr(this.ctx.db, tx)
      .manager.getRepository(WaitlistEntity)
      .createQueryBuilder('w')
      .select(['w.id', 'w.batchId', 'w.schoolId', 'w.position'])
      .where(`w.status = 'waiting'`)
      .andWhere('w.batch_id IN (:...batchIds)', {
        batchIds: [...new Set(items.map((i) => i.batchId))],
      })
      .andWhere('w.school_id IN (:...schoolIds)', {
        schoolIds: [...new Set(items.map((i) => i.schoolId))],
      })
      .orderBy('w.position', 'ASC')
      .getMany();
    const counted = new Map<string, number>();
    const ranks = new Map<string, number>();
    for (const w of queues) {
      const queue = `${w.batchId} ${w.schoolId}`;
      const rank = (counted.get(queue) ?? 0) + 1;
      counted.set(queue, rank);
      ranks.set(w.id, rank);
    }
    return ranks;
  }

  async recordBan(
    input: { teacherId: string; foundOn: string; evidence: string },
    call: CallContext,
  ): Promise<{ until: string }> {
    const tx = writeTx(call);
    const scope = await UnitScope.load(this.orgs, requireScope(call), tx);
    const teacher = (await this.teachers([input.teacherId], tx)).get(input.teacherId);
    if (!teacher || !scope.has(teacher.schoolId)) {
      throw new AppError('NOT_FOUND', '找不到该教师，或不在您的管理范围内');
    }
    const until = banUntilEndOfYear(input.foundOn);
    await tx.manager.getRepository(PlagiarismBanEntity).insert({
      id: this.ctx.newId(),
      teacherId: teacher.id,
      until,
      evidence: input.evidence,
      createdAt: this.ctx.now(),
      createdBy: byWhom(call),
    });
    call.audit?.({
      entityId: teacher.id,
      summary: `记录抄袭禁报：${teacher.name}，至 ${until}`,
      details: { foundOn: input.foundOn, until, evidence: input.evidence },
    });
    return { until };
  }
}

/** Who a record was made by: the operator's name at the time. */
function byWhom(call: CallContext): string {
  return call.operator ? actorName(call.operator) : '系统';
}

/** What the checks need to know of a list's teachers besides the teachers themselves. */
interface Facts {
  /** Teachers holding a seat of the project. */
  active: Set<string>;
  /** Teachers who took the same project the year before. */
  lastYear: Set<string>;
  /** The last day of each banned teacher's ban. */
  bans: Map<string, string>;
}

/** A seat taken: the teacher now holds one, and a capped course has a place fewer. */
function taken(
  facts: Facts,
  courseLeft: Map<string, number>,
  teacher: TeacherFacts,
  course: CourseEntity,
): void {
  facts.active.add(teacher.id);
  if (course.capacity !== null) {
    courseLeft.set(course.id, (courseLeft.get(course.id) ?? course.capacity) - 1);
  }
}

function refused(
  entry: Entry,
  name: string,
  code: 'TEACHER_UNKNOWN' | 'COURSE_UNKNOWN',
  message: string,
): EnrollmentResult {
  const finding: CheckFinding = { code, isBlocking: true, message };
  return {
    teacherId: entry.teacherId,
    teacherName: name,
    courseId: entry.courseId,
    isAccepted: false,
    findings: [finding],
    enrollmentId: null,
  };
}

function toCourseRow(c: CourseEntity): CourseRow {
  return {
    id: c.id,
    batchId: c.batchId,
    code: c.code,
    name: c.name,
    stage: c.stage as Stage,
    subject: c.subject,
    hours: c.hours,
    capacity: c.capacity,
  };
}
