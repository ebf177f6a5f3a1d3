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
import { type Tx, txOr } from '../../db/database';
import { EnrollmentEntity } from '../../db/entities/enrollment.entity';
import { QuotaEntity } from '../../db/entities/project.entity';
import { EnrollmentService } from './enrollment.service';
import { OrgRepository, type OrgUnitRecord } from '../org/org.repository';
import { requireScope, UnitScope } from '../org/unit-scope';
import { type LoadedProject, ProjectsService, toBatchRow } from './projects.service';

const KIND_ORDER = { province: 0, city: 1, district: 2, school: 3 } as const;

export class QuotasService {
  private readonly orgs: OrgRepository;
  private readonly projects: ProjectsService;

  constructor(private readonly ctx: ServiceContext) {
    this.orgs = new OrgRepository(ctx.db);
    this.projects = new ProjectsService(ctx);
  }

  /** Seats of the project by batch, then unit. */
  private async seats(projectId: string, tx?: Tx): Promise<Map<string, Map<string, number>>> {
    const rows = await txOr(this.ctx.db, tx)
      .manager.getRepository(QuotaEntity)
      .find({ where: { projectId }, select: { batchId: true, unitId: true, seats: true } });
    const byBatch = new Map<string, Map<string, number>>();
    for (const row of rows) {
      let units = byBatch.get(row.batchId);
      if (!units) {
        units = new Map();
        byBatch.set(row.batchId, units);
      }
      units.set(row.unitId, row.seats);
    }
    return byBatch;
  }

  /** Active enrollments of the project by batch, then school. */
  private async enrolled(projectId: string, tx?: Tx): Promise<Map<string, Map<string, number>>> {
    const rows = await txOr(this.ctx.db, tx)
      .manager.getRepository(EnrollmentEntity)
      .createQueryBuilder('e')
      .select('e.batch_id', 'batchId')
      .addSelect('e.school_id', 'schoolId')
      .addSelect('count(*)', 'n')
      .where('e.project_id = :projectId', { projectId })
      .andWhere(`e.status = 'enrolled'`)
      .groupBy('e.batch_id')
      .addGroupBy('e.school_id')
      .getRawMany<{ batchId: string; schoolId: string; n: number | string }>();
    const byBatch = new Map<string, Map<string, number>>();
    for (const r of rows) {
      let schools = byBatch.get(r.batchId);
      if (!schools) {
        schools = new Map();
        byBatch.set(r.batchId, schools);
      }
      schools.set(r.schoolId, Number(r.n));
    }
    return byBatch;
  }

  /** The unit a sheet is about: the one asked for, else the caller's own (or the organizer under it). */
  private sheetUnit(
    project: LoadedProject,
    scope: UnitScope,
    all: readonly OrgUnitRecord[],
    unitId: string | undefined,
  ): OrgUnitRecord {
    const underOrganizer = new UnitScope(all, project.organizer.id);
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
    const deadline = this.projects.quotaDeadline(project);
    if (deadline && chinaToday(this.ctx.now()) > deadline) {
      return `已过全年名额提交截止日（${deadline}），名额不能再修改`;
    }
    return null;
  }

  async sheet(
    input: { projectId: string; unitId?: string },
    call: CallContext,
  ): Promise<QuotaSheet> {
    const project = await this.projects.load(input.projectId, requireScope(call));
    const all = await this.orgs.all();
    const scope = new UnitScope(all, requireScope(call).rootId);
    const parent = this.sheetUnit(project, scope, all, input.unitId);
    const children = scope.units
      .filter((u) => u.parentId === parent.id)
      .sort(
        (a, b) =>
          KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
          (textSortKey(a.name) < textSortKey(b.name) ? -1 : 1),
      );
    const counts = await this.orgs.teacherCountsBySchool();
    const teachers = rollUpCounts(all, (u) => counts.get(u.id) ?? 0);
    const seats = await this.seats(project.entity.id);
    const enrolled = await this.enrolled(project.entity.id);
    const enrolledUnder = new Map(
      project.batches.map((b) => {
        const inBatch = enrolled.get(b.id);
        return [b.id, rollUpCounts(all, (u) => inBatch?.get(u.id) ?? 0)] as const;
      }),
    );
    const row = (unit: OrgUnitRecord): QuotaUnitRow => {
      const kids = all.filter((u) => u.parentId === unit.id).map((u) => u.id);
      const cells = project.batches.map((b) => {
        const inBatch = seats.get(b.id);
        const own = inBatch?.get(unit.id) ?? 0;
        const handedDown = kids.reduce((sum, id) => sum + (inBatch?.get(id) ?? 0), 0);
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
      const count = teachers.get(unit.id) ?? 0;
      return {
        unit: { id: unit.id, name: unit.name, kind: unit.kind },
        teachers: count,
        cells,
        totalSeats,
        coveragePercent: count > 0 ? Math.round((totalSeats / count) * 1000) / 10 : 0,
      };
    };
    const childRows = children.map(row);
    const floor = project.quotaPolicy?.coverageFloor ?? null;
    const measured = floor
      ? [row(parent), ...childRows].filter((r) => r.unit.kind === floor.orgKind)
      : [];
    const refusal = this.editRefusal(project, call);
    return {
      project: { id: project.entity.id, code: project.entity.code, name: project.entity.name },
      batches: project.batches.map(toBatchRow),
      parent: row(parent),
      children: childRows,
      coverage:
        floor && measured.length > 0
          ? {
              minPercent: floor.minPercent,
              level: floor.orgKind,
              below: measured
                .filter((r) => r.coveragePercent < floor.minPercent)
                .map((r) => ({ unitId: r.unit.id, name: r.unit.name, percent: r.coveragePercent })),
            }
          : null,
      canEdit: refusal === null,
      editNote: refusal,
    };
  }

  async propose(
    input: { projectId: string; unitId?: string; minimum?: number },
    call: CallContext,
  ): Promise<{ cells: { unitId: string; batchId: string; seats: number }[]; notes: string[] }> {
    const sheet = await this.sheet(input, call);
    if (sheet.children.length === 0) {
      return { cells: [], notes: [`「${sheet.parent.unit.name}」没有下级单位，无需分配`] };
    }
    const project = await this.projects.load(input.projectId, requireScope(call));
    const minimum = input.minimum ?? project.quotaPolicy?.allocation.defaultMinimum ?? 0;
    const cells: { unitId: string; batchId: string; seats: number }[] = [];
    const notes: string[] = [];
    sheet.batches.forEach((batch, index) => {
      const total = sheet.parent.cells[index]?.seats ?? 0;
      const split = allocateLargestRemainder(
        {
          total,
          children: sheet.children.map((c) => ({
            id: c.unit.id,
            name: c.unit.name,
            teachers: c.teachers,
            minimum,
          })),
        },
        minimum,
      );
      if (!split.isFeasible) notes.push(`${batch.name}：${split.message}`);
      for (const a of split.allocations) {
        cells.push({ unitId: a.id, batchId: batch.id, seats: split.isFeasible ? a.allocated : 0 });
      }
    });
    if (sheet.parent.totalSeats === 0) {
      notes.push(
        `「${sheet.parent.unit.name}」还没有名额：请先由上级分配（或由主办单位填写全年名额）`,
      );
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
    const scope = new UnitScope(all, requireScope(call).rootId);
    const underOrganizer = new UnitScope(all, project.organizer.id);
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
    const seats = await this.seats(project.entity.id, tx);
    const changes = input.cells.filter(
      (c) => (seats.get(c.batchId)?.get(c.unitId) ?? null) !== c.seats,
    );
    const alreadySaved = changes.filter((c) => seats.get(c.batchId)?.has(c.unitId));
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
    const now = this.ctx.now();
    const repo = tx.manager.getRepository(QuotaEntity);
    for (const c of changes) {
      await repo.upsert(
        {
          batchId: c.batchId,
          unitId: c.unitId,
          projectId: project.entity.id,
          seats: c.seats,
          updatedAt: now,
        },
        ['batchId', 'unitId'],
      );
      let units = seats.get(c.batchId);
      if (!units) {
        units = new Map();
        seats.set(c.batchId, units);
      }
      units.set(c.unitId, c.seats);
    }
    this.assertInvariants(
      project,
      changes,
      seats,
      await this.enrolled(project.entity.id, tx),
      byId,
    );
    // Seats a school gained go to its waiting teachers at once, in their order.
    const promoted: string[] = [];
    for (const [i, c] of changes.entries()) {
      const gained = c.seats - (before[i] ?? 0);
      const batch = batches.get(c.batchId);
      if (gained <= 0 || !batch || byId.get(c.unitId)?.kind !== 'school') continue;
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
    const scope = new UnitScope(all, requireScope(call).rootId);
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
    const seats = await this.seats(project.entity.id, tx);
    const enrolled = await this.enrolled(project.entity.id, tx);
    const inBatch = seats.get(batch.id) ?? new Map<string, number>();
    const taken = enrolled.get(batch.id) ?? new Map<string, number>();
    const repo = tx.manager.getRepository(QuotaEntity);
    let reclaimed = 0;
    let units = 0;
    const now = this.ctx.now();
    for (const child of children) {
      const own = inBatch.get(child.id) ?? 0;
      const handed = all
        .filter((u) => u.parentId === child.id)
        .reduce((sum, u) => sum + (inBatch.get(u.id) ?? 0), 0);
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
  ): void {
    const childrenOf = new Map<string, string[]>();
    for (const u of byId.values()) {
      if (!u.parentId) continue;
      const list = childrenOf.get(u.parentId);
      if (list) list.push(u.id);
      else childrenOf.set(u.parentId, [u.id]);
    }
    const batchName = new Map(project.batches.map((b) => [b.id, b.name]));
    const breaches: string[] = [];
    const checked = new Set<string>();
    const check = (unitId: string, batchId: string): void => {
      const key = `${batchId}/${unitId}`;
      if (checked.has(key)) return;
      checked.add(key);
      const inBatch = seats.get(batchId);
      const own = inBatch?.get(unitId) ?? 0;
      const handed = (childrenOf.get(unitId) ?? []).reduce(
        (sum, id) => sum + (inBatch?.get(id) ?? 0),
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
