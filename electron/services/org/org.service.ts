/**
 * Use-cases on org units: the tree with teacher counts, create, rename, delete. Every write is one
 * synchronous transaction on the single connection, with its audit entry inside it.
 */
import { AppError } from '@shared/api/envelope';
import { type OrgKind } from '@shared/api/common.schemas';
import { type OrgNode } from '@shared/api/org.contract';
import { checkPlacement, ORG_KIND_LABELS, rollUpCounts } from '@shared/domain/org/org-hierarchy';
import { appendAudit } from '../../db/audit-log';
import { type ServiceContext } from '../../core/service-context';
import { OrgRepository, type OrgUnitRecord } from './org.repository';

export class OrgService {
  private readonly repo: OrgRepository;

  constructor(private readonly ctx: ServiceContext) {
    this.repo = new OrgRepository(ctx.db.sqlite);
  }

  tree(): OrgNode[] {
    const units = this.repo.all();
    const counts = this.repo.teacherCountsBySchool();
    const totals = rollUpCounts(units, (u) => counts.get(u.id) ?? 0);
    return units.map((u) => ({ ...u, teacherCount: totals.get(u.id) ?? 0 }));
  }

  get(id: string): OrgUnitRecord {
    const unit = this.repo.byId(id);
    if (!unit) throw new AppError('NOT_FOUND', '找不到该单位，可能已被删除');
    return unit;
  }

  create(
    input: { name: string; kind: OrgKind; parentId: string | null; code?: string },
    actor: string,
  ): OrgNode {
    const parent = input.parentId ? this.get(input.parentId) : null;
    const placement = checkPlacement(input.kind, parent?.kind ?? null);
    if (placement) throw new AppError('RULE_VIOLATION', placement);
    const code = input.code?.trim() ? input.code.trim() : null;
    this.assertUniqueInParent(input.parentId, input.name, code);
    const unit: OrgUnitRecord = {
      id: this.ctx.newId(),
      code,
      name: input.name,
      kind: input.kind,
      parentId: input.parentId,
    };
    const now = this.ctx.now();
    this.ctx.db.sqlite.transaction(() => {
      this.repo.insert({ ...unit, now });
      appendAudit(this.ctx.db.sqlite, {
        actor,
        action: 'org.create',
        entity: 'org_unit',
        entityId: unit.id,
        summary: `新建${ORG_KIND_LABELS[unit.kind]}：${unit.name}${parent ? `（上级：${parent.name}）` : ''}`,
        details: unit,
        at: now,
      });
    })();
    this.ctx.events.emit('data/changed', { scope: 'org' });
    return { ...unit, teacherCount: 0 };
  }

  update(input: { id: string; name?: string; code?: string | null }, actor: string): OrgNode {
    const unit = this.get(input.id);
    const name = input.name ?? unit.name;
    const code =
      input.code === undefined ? unit.code : input.code?.trim() ? input.code.trim() : null;
    this.assertUniqueInParent(unit.parentId, name, code, unit.id);
    const now = this.ctx.now();
    this.ctx.db.sqlite.transaction(() => {
      this.repo.update(unit.id, { name, code }, now);
      appendAudit(this.ctx.db.sqlite, {
        actor,
        action: 'org.update',
        entity: 'org_unit',
        entityId: unit.id,
        summary:
          name === unit.name
            ? `修改单位代码：${unit.name}（${unit.code ?? '无'} → ${code ?? '无'}）`
            : `单位改名：${unit.name} → ${name}`,
        details: { before: unit, after: { name, code } },
        at: now,
      });
    })();
    this.ctx.events.emit('data/changed', { scope: 'org' });
    const node = this.tree().find((n) => n.id === unit.id);
    if (!node) throw new AppError('INTERNAL', '单位保存后未能读回');
    return node;
  }

  delete(id: string, actor: string): void {
    const unit = this.get(id);
    const children = this.repo.childCount(id);
    if (children > 0) {
      throw new AppError(
        'CONFLICT',
        `「${unit.name}」下还有 ${children} 个下级单位，请先删除或移走它们`,
      );
    }
    const teachers = this.repo.teacherCount(id);
    if (teachers > 0) {
      throw new AppError('CONFLICT', `「${unit.name}」的花名册中还有 ${teachers} 名教师，不能删除`);
    }
    const now = this.ctx.now();
    this.ctx.db.sqlite.transaction(() => {
      this.repo.delete(id);
      appendAudit(this.ctx.db.sqlite, {
        actor,
        action: 'org.delete',
        entity: 'org_unit',
        entityId: id,
        summary: `删除${ORG_KIND_LABELS[unit.kind]}：${unit.name}`,
        details: unit,
        at: now,
      });
    })();
    this.ctx.events.emit('data/changed', { scope: 'org' });
  }

  private assertUniqueInParent(
    parentId: string | null,
    name: string,
    code: string | null,
    exceptId?: string,
  ): void {
    if (this.repo.siblingWithName(parentId, name, exceptId)) {
      throw new AppError('CONFLICT', `同一上级单位下已有名为「${name}」的单位`);
    }
    if (code && this.repo.siblingWithCode(parentId, code, exceptId)) {
      throw new AppError('CONFLICT', `同一上级单位下已有代码为「${code}」的单位`);
    }
  }
}
