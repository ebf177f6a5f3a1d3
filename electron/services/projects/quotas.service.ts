/**
 * Four-level quotas: seats per batch and unit, handed down province → city → district → school.
 *
 * Who sets what: the organizer's office sets the organizer's own seats (its year quota); every other
 * unit's seats are set by the office of the unit above it, so the unit's parent must lie in the
 * caller's scope. The invariants hold after every write, checked inside its transaction (writers
 * take turns: SQLite's one write transaction, PostgreSQL's write lock), so two offices saving at
 * once cannot hand out more than there is:
 * - Σ of a unit's children's seats ≤ the unit's seats, per batch (a missing row is 0 seats);
 * - a unit's seats ≥ what it has handed down (and, once enrollment exists, what it has enrolled).
 * 0 seats means none. Changing seats already saved needs a reason, which goes to the audit log.
 * After the rules' deadline for the year's seats, changes are refused.
 */
import { type QuotaSheet, type QuotaUnitRow } from '@shared/api/projects.contract';
import { AppError } from '@shared/api/envelope';
import { rollUpCounts } from '@shared/domain/org/org-hierarchy';
import { textSortKey } from '@shared/domain/roster/name-key';
import { allocateLargestRemainder } from '@shared/domain/rules/quota-policy';
import { type CallContext } from '../../core/handler-types';
import { can } from '../../core/operator';
import { chinaToday, type ServiceContext } from '../../core/service-context';
import { writeTx } from '../../core/write-path';
import { QuotaEntity } from '../../db/entities/project.entity';
import { EnrollmentService } from './enrollment.service';
import { OrgRepository, type OrgUnitRecord } from '../org/org.repository';
import { requireScope, UnitScope } from '../org/unit-scope';
import { type LoadedProject, ProjectsService, toBatchRow } from './projects.service';
import { enrolledBySchool, seatsOf, upsertSeats, waitingSchools } from './quota-counts';

const KIND_ORDER = { province: 0, city: 1, district: 2, school: 3 } as const;

/** Each unit's children, by parent id. */
function childrenIndex(all: readonly OrgUnitRecord[]): Map<string, OrgUnitRecord[]> {
  const index = new Map<string, OrgUnitRecord[]>();
  for (const u of all) {
    if (!u.parentId) continue;
    const list = index.get(u.parentId);
    if (list) list.push(u);
    else index.set(u.parentId, [u]);
  }
  return index;
}

export class QuotasService {
  private readonly orgs: OrgRepository;
  private readonly projects: ProjectsService;

  constructor(private readonly ctx: ServiceContext) {
    this.orgs = new OrgRepository(ctx.db);
    this.projects = new ProjectsService(ctx);
  }

  /** The unit a sheet is about: the one asked for, else the caller's own (or the organizer under it). */
  private sheetUnit(
    project: LoadedProject,
    scope: UnitScope,
    all: readonly OrgUnitRecord[],
    unitId: string | undefined,
  ): OrgUnitRecord {
    const underOrganizer = UnitScope.of(all, project.organizer.id);
    const fallback = scope.has(project.organizer.id) ? project.organizer.id : scope.rootId;
    const unit = scope.require(unitId ?? fallback, '找不到该单位，或不在您的管理范围内');
    if (unit.id !== project.organizer.id && !underOrganizer.has(unit.id)) {
      throw new AppError('NOT_FOUND', `「${unit.name}」不在本项目主办单位之下`);
    }
    return unit;
  }

  /** Why the caller may not change seats now, or null when they may. */
  private editRefusal(project: LoadedProject, call: CallContext): string | null {
    if (!call.operator || !can(call.operator, 'quotas.manage')) return '您没有分配名额的权限';
    const deadline = this.pastDeadline(project);
    if (deadline && !project.calendar.quotaDeadline?.allowsOverride) {
      return `已过全年名额提交截止日（${deadline}），名额不能再修改`;
    }
    return null;
  }

  /** The year's deadline for the seats when it has passed, else null. */
  private pastDeadline(project: LoadedProject): string | null {
    const deadline = this.projects.quotaDeadline(project);
    return deadline && chinaToday(this.ctx.now()) > deadline ? deadline : null;
  }

  /** Past a deadline the rules let offices override: every change needs a reason. */
  private overrideNote(project: LoadedProject): string | null {
    const deadline = this.pastDeadline(project);
    return deadline && project.calendar.quotaDeadline?.allowsOverride
      ? `已过全年名额提交截止日（${deadline}）；按规则仍可修改，但每次修改都需要填写原因`
      : null;
  }

  /**
   * What a sheet and a proposal read: the unit, its children in the caller's scope (in display
   * order), the teachers under each, and the seats of the unit, its children and theirs. Counts are
   * read for the unit's subtree only; enrollments only when asked for.
   */
  private async level(
    input: { projectId: string; unitId?: string },
    call: CallContext,
    withEnrolled: boolean,
  ) {
    const project = await this.projects.load(input.projectId, requireScope(call));
    const all = await this.orgs.all();
    const scope = UnitScope.of(all, requireScope(call).rootId);
    const parent = this.sheetUnit(project, scope, all, input.unitId);
    const kids = childrenIndex(all);
    const children = (kids.get(parent.id) ?? [])
      .filter((u) => scope.has(u.id))
      .sort(
        (a, b) =>
          KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
          (textSortKey(a.name) < textSortKey(b.name) ? -1 : 1),
      );
    const subtree = UnitScope.of(all, parent.id).units;
    const schoolIds = subtree.filter((u) => u.kind === 'school').map((u) => u.id);
    // Most of the database: one pass over the index beats a lookup per school.
    const isMost = schoolIds.length * 2 > all.length;
    const reader = this.ctx.db.reader;
    const batchIds = project.batches.map((b) => b.id);
    const counts = await this.orgs.teacherCountsBySchool(undefined, isMost ? undefined : schoolIds);
    const shown = [parent, ...children];
    const seats = await seatsOf(reader, batchIds, [
      ...shown.map((u) => u.id),
      ...shown.flatMap((u) => (kids.get(u.id) ?? []).map((k) => k.id)),
    ]);
    const enrolled = withEnrolled
      ? await enrolledBySchool(reader, batchIds, isMost ? 'all' : schoolIds)
      : new Map<string, Map<string, number>>();
    return {
      project,
      parent,
      children,
      kids,
      seats,
      enrolled,
      teachers: rollUpCounts(subtree, (u) => counts.get(u.id) ?? 0),
      enrolledUnder: new Map(
        project.batches.map((b) => {
          const inBatch = enrolled.get(b.id);
          return [b.id, rollUpCounts(subtree, (u) => inBatch?.get(u.id) ?? 0)] as const;
        }),
      ),
    };
  }

  async sheet(
    input: { projectId: string; unitId?: string },
    call: CallContext,
  ): Promise<QuotaSheet> {
    const { project, parent, children, kids, seats, enrolled, teachers, enrolledUnder } =
      await this.level(input, call, true);
    const row = (unit: OrgUnitRecord): QuotaUnitRow => {
      const below = kids.get(unit.id) ?? [];
      const cells = project.batches.map((b) => {
        const inBatch = seats.get(b.id);
        const own = inBatch?.get(unit.id) ?? 0;
        const handedDown = below.reduce((sum, k) => sum + (inBatch?.get(k.id) ?? 0), 0);
        // Teachers take seats of their school: only a school's own enrollments use its seats.
        const ownEnrolled = enrolled.get(b.id)?.get(unit.id) ?? 0;
        return {
          batchId: b.id,
          seats: own,
          isSaved: inBatch?.has(unit.id) ?? false,
          handedDown,
          enrolled: enrolledUnder.get(b.id)?.get(unit.id) ?? 0,
          remaining: own - handedDown - ownEnrolled,
        };
      });
      const totalSeats = cells.reduce((sum, c) => sum + c.seats, 0);
      const totalEnrolled = cells.reduce((sum, c) => sum + c.enrolled, 0);
      const count = teachers.get(unit.id) ?? 0;
      const percent = (n: number): number => (count > 0 ? Math.round((n / count) * 1000) / 10 : 0);
      return {
        unit: { id: unit.id, name: unit.name, kind: unit.kind },
        teachers: count,
        cells,
        totalSeats,
        coveragePercent: percent(totalSeats),
        totalEnrolled,
        enrolledPercent: percent(totalEnrolled),
      };
    };
    const childRows = children.map(row);
    const parentRow = row(parent);
    const floor = project.quotaPolicy?.coverageFloor ?? null;
    const measured = floor
      ? [parentRow, ...childRows].filter((r) => r.unit.kind === floor.orgKind)
      : [];
    const refusal = this.editRefusal(project, call);
    return {
      project: { id: project.entity.id, code: project.entity.code, name: project.entity.name },
      batches: project.batches.map(toBatchRow),
      parent: parentRow,
      children: childRows,
      coverage:
        floor && measured.length > 0
          ? {
              minPercent: floor.minPercent,
              level: floor.orgKind,
              below: measured
                .filter((r) => r.coveragePercent < floor.minPercent)
                .map((r) => ({ unitId: r.unit.id, name: r.unit.name, percent: r.coveragePercent })),
              belowOnEnrollments: measured
                .filter((r) => r.enrolledPercent < floor.minPercent)
                .map((r) => ({ unitId: r.unit.id, name: r.unit.name, percent: r.enrolledPercent })),
            }
          : null,
      canEdit: refusal === null,
      editNote: refusal ?? this.overrideNote(project),
    };
  }

  async propose(
    input: { projectId: string; unitId?: string; minimum?: number },
    call: CallContext,
  ): Promise<{ cells: { unitId: string; batchId: string; seats: number }[]; notes: string[] }> {
    const { project, parent, children, seats, teachers } = await this.level(input, call, false);
    if (children.length === 0) {
      return { cells: [], notes: [`「${parent.name}」没有下级单位，无需分配`] };
    }
    const minimum = input.minimum ?? project.quotaPolicy?.allocation.defaultMinimum ?? 0;
    const cells: { unitId: string; batchId: string; seats: number }[] = [];
    const notes: string[] = [];
    let parentTotal = 0;
    for (const batch of project.batches) {
      const total = seats.get(batch.id)?.get(parent.id) ?? 0;
      parentTotal += total;
      const split = allocateLargestRemainder(
        {
          total,
          children: children.map((c) => ({
            id: c.id,
            name: c.name,
            teachers: teachers.get(c.id) ?? 0,
            minimum,
          })),
        },
        minimum,
      );
      if (!split.isFeasible) notes.push(`${batch.name}：${split.message}`);
      for (const a of split.allocations) {
        cells.push({ unitId: a.id, batchId: batch.id, seats: split.isFeasible ? a.allocated : 0 });
      }
    }
    if (parentTotal === 0) {
      notes.push(`「${parent.name}」还没有名额：请先由上级分配（或由主办单位填写全年名额）`);
    }
    return { cells, notes };
  }

  async set(
    input: {
      projectId: string;
      cells: { unitId: string; batchId: string; seats: number }[];
      reason?: string;
    },
    call: CallContext,
  ): Promise<{ changed: number }> {
    const tx = writeTx(call);
    const project = await this.projects.load(input.projectId, requireScope(call), tx);
    const refusal = this.editRefusal(project, call);
    if (refusal) throw new AppError('RULE_VIOLATION', refusal);
    const all = await this.orgs.all(tx);
    const scope = UnitScope.of(all, requireScope(call).rootId);
    const underOrganizer = UnitScope.of(all, project.organizer.id);
    const batches = new Map(project.batches.map((b) => [b.id, b]));
    const byId = new Map(all.map((u) => [u.id, u]));
    for (const cell of input.cells) {
      if (!batches.has(cell.batchId)) throw new AppError('NOT_FOUND', '找不到该批次');
      const unit = byId.get(cell.unitId);
      const isOrganizer = cell.unitId === project.organizer.id;
      if (!unit || !scope.has(unit.id) || !underOrganizer.has(unit.id)) {
        throw new AppError('NOT_FOUND', '找不到该单位，或不在您的管理范围内');
      }
      if (!isOrganizer && !(unit.parentId && scope.has(unit.parentId))) {
        throw new AppError('FORBIDDEN', `「${unit.name}」的名额由上级单位分配，本单位不能修改`);
      }
    }
    // What the invariants of these cells involve: the cells' units, what they handed down, their
    // parents and their parents' other children.
    const kids = childrenIndex(all);
    const involved = new Set<string>();
    for (const c of input.cells) {
      involved.add(c.unitId);
      for (const k of kids.get(c.unitId) ?? []) involved.add(k.id);
      const parentId = byId.get(c.unitId)?.parentId;
      if (parentId && c.unitId !== project.organizer.id) {
        involved.add(parentId);
        for (const k of kids.get(parentId) ?? []) involved.add(k.id);
      }
    }
    const batchIds = [...new Set(input.cells.map((c) => c.batchId))];
    const seats = await seatsOf(tx, batchIds, involved);
    const changes = input.cells.filter(
      (c) => (seats.get(c.batchId)?.get(c.unitId) ?? null) !== c.seats,
    );
    const alreadySaved = changes.filter((c) => seats.get(c.batchId)?.has(c.unitId));
    const lateNote = this.overrideNote(project);
    if (lateNote && changes.length > 0 && !input.reason) {
      throw new AppError('INVALID_INPUT', lateNote, { field: 'reason' });
    }
    if (alreadySaved.length > 0 && !input.reason) {
      throw new AppError(
        'INVALID_INPUT',
        `修改已分配的名额（${alreadySaved.length} 处）需要填写原因`,
        {
          field: 'reason',
        },
      );
    }
    const before = changes.map((c) => seats.get(c.batchId)?.get(c.unitId) ?? null);
    await upsertSeats(tx, project.entity.id, changes, this.ctx.now());
    for (const c of changes) {
      let units = seats.get(c.batchId);
      if (!units) {
        units = new Map();
        seats.set(c.batchId, units);
      }
      units.set(c.unitId, c.seats);
    }
    const schools = changes.filter((c) => byId.get(c.unitId)?.kind === 'school');
    this.assertInvariants(
      project,
      changes,
      seats,
      await enrolledBySchool(
        tx,
        batchIds,
        schools.map((c) => c.unitId),
      ),
      byId,
      kids,
    );
    // Seats a school gained go to its waiting teachers at once, in their order.
    const promoted: string[] = [];
    const waiting = await waitingSchools(
      tx,
      batchIds,
      schools.map((c) => c.unitId),
    );
    for (const [i, c] of changes.entries()) {
      const gained = c.seats - (before[i] ?? 0);
      const batch = batches.get(c.batchId);
      if (gained <= 0 || !batch || !waiting.has(`${c.batchId}/${c.unitId}`)) continue;
      const rows = await new EnrollmentService(this.ctx).promote(
        tx,
        project,
        batch,
        c.unitId,
        gained,
        call,
      );
      promoted.push(...rows.map((r) => r.teacher.name));
    }
    const batchName = (id: string): string => batches.get(id)?.name ?? id;
    const shown = changes
      .slice(0, 5)
      .map((c) => `${byId.get(c.unitId)?.name ?? c.unitId}${batchName(c.batchId)} ${c.seats} 人`);
    call.audit?.({
      entityId: project.entity.id,
      summary: `分配名额（${project.entity.code}）：修改 ${changes.length} 处${shown.length ? `，如 ${shown.join('、')}` : ''}${input.reason ? `；原因：${input.reason}` : ''}${promoted.length ? `；候补递补 ${promoted.length} 人` : ''}`,
      details: {
        projectId: project.entity.id,
        reason: input.reason ?? null,
        changes: changes.map((c, i) => ({ ...c, before: before[i] ?? null })),
      },
    });
    return { changed: changes.length };
  }

  async reclaim(
    input: {
      projectId: string;
      batchId: string;
      parentUnitId?: string;
      childUnitId?: string;
      reason: string;
    },
    call: CallContext,
  ): Promise<{ reclaimed: number; units: number }> {
    const tx = writeTx(call);
    const project = await this.projects.load(input.projectId, requireScope(call), tx);
    const batch = project.batches.find((b) => b.id === input.batchId);
    if (!batch) throw new AppError('NOT_FOUND', '找不到该批次');
    const all = await this.orgs.all(tx);
    const scope = UnitScope.of(all, requireScope(call).rootId);
    let children: OrgUnitRecord[];
    if (input.childUnitId) {
      const child = scope.require(input.childUnitId, '找不到该单位，或不在您的管理范围内');
      if (!child.parentId || !scope.has(child.parentId) || child.id === project.organizer.id) {
        throw new AppError('FORBIDDEN', `「${child.name}」的名额由上级单位收回，本单位不能操作`);
      }
      children = [child];
    } else {
      const parent = scope.require(
        input.parentUnitId ?? scope.rootId,
        '找不到该单位，或不在您的管理范围内',
      );
      if (chinaToday(this.ctx.now()) <= batch.enrollUntil) {
        throw new AppError(
          'RULE_VIOLATION',
          `${batch.name}的报名到 ${batch.enrollUntil} 才截止，截止后才能统一收回未用名额；如需收回某一单位的名额，请指定该单位`,
        );
      }
      children = all.filter((u) => u.parentId === parent.id);
    }
    const kids = childrenIndex(all);
    const seats = await seatsOf(
      tx,
      [batch.id],
      [
        ...children.map((c) => c.id),
        ...children.flatMap((c) => (kids.get(c.id) ?? []).map((k) => k.id)),
      ],
    );
    const enrolled = await enrolledBySchool(
      tx,
      [batch.id],
      children.filter((c) => c.kind === 'school').map((c) => c.id),
    );
    const inBatch = seats.get(batch.id) ?? new Map<string, number>();
    const taken = enrolled.get(batch.id) ?? new Map<string, number>();
    const repo = tx.manager.getRepository(QuotaEntity);
    let reclaimed = 0;
    let units = 0;
    const now = this.ctx.now();
    for (const child of children) {
      const own = inBatch.get(child.id) ?? 0;
      const handed = (kids.get(child.id) ?? []).reduce(
        (sum, u) => sum + (inBatch.get(u.id) ?? 0),
        0,
      );
      const used = handed + (taken.get(child.id) ?? 0);
      if (own <= used) continue;
      await repo.update({ batchId: batch.id, unitId: child.id }, { seats: used, updatedAt: now });
      reclaimed += own - used;
      units += 1;
    }
    call.audit?.({
      entityId: project.entity.id,
      summary: `收回名额（${project.entity.code} ${batch.name}）：${units} 个单位共 ${reclaimed} 人；原因：${input.reason}`,
      details: { batchId: batch.id, reclaimed, units, reason: input.reason },
    });
    return { reclaimed, units };
  }

  /**
   * Σ children ≤ parent for every parent touched, and seats ≥ handed down for every unit changed,
   * after the write, in its transaction; the first breaches are named.
   */
  private assertInvariants(
    project: LoadedProject,
    changes: { unitId: string; batchId: string }[],
    seats: Map<string, Map<string, number>>,
    enrolled: Map<string, Map<string, number>>,
    byId: Map<string, OrgUnitRecord>,
    kids: Map<string, OrgUnitRecord[]>,
  ): void {
    const batchName = new Map(project.batches.map((b) => [b.id, b.name]));
    const breaches: string[] = [];
    const checked = new Set<string>();
    const check = (unitId: string, batchId: string): void => {
      const key = `${batchId}/${unitId}`;
      if (checked.has(key)) return;
      checked.add(key);
      const inBatch = seats.get(batchId);
      const own = inBatch?.get(unitId) ?? 0;
      const handed = (kids.get(unitId) ?? []).reduce(
        (sum, k) => sum + (inBatch?.get(k.id) ?? 0),
        0,
      );
      const taken = enrolled.get(batchId)?.get(unitId) ?? 0;
      const name = byId.get(unitId)?.name ?? unitId;
      if (handed > own) {
        breaches.push(
          `${batchName.get(batchId) ?? ''}：「${name}」的下级合计 ${handed} 人，超过其名额 ${own} 人`,
        );
      } else if (handed + taken > own) {
        breaches.push(
          `${batchName.get(batchId) ?? ''}：「${name}」已报名 ${taken} 人，名额不能少于此数`,
        );
      }
    };
    for (const c of changes) {
      check(c.unitId, c.batchId);
      const parentId = byId.get(c.unitId)?.parentId;
      if (parentId && c.unitId !== project.organizer.id) check(parentId, c.batchId);
    }
    if (breaches.length > 0) {
      throw new AppError(
        'RULE_VIOLATION',
        `名额超出可分配数，未保存：${breaches.slice(0, 5).join('；')}${breaches.length > 5 ? `；另有 ${breaches.length - 5} 处` : ''}`,
        { breaches },
      );
    }
  }
}
