/**
 * Use-cases on org units: the tree with teacher counts, create, rename, delete. Writes run inside
 * the transaction the core's write path opens (with their audit entry); they describe the change.
 */
import { AppError } from '@shared/api/envelope';
import { type OrgKind } from '@shared/api/common.schemas';
import { type OrgNode } from '@shared/api/org.contract';
import { checkPlacement, ORG_KIND_LABELS, rollUpCounts } from '@shared/domain/org/org-hierarchy';
import { type Tx } from '../../db/database';
import { type CallContext } from '../../core/handler-types';
import { writeTx } from '../../core/write-path';
import { type ServiceContext } from '../../core/service-context';
import { OrgRepository, type OrgUnitRecord } from './org.repository';

export class OrgService {
  private readonly repo: OrgRepository;

  constructor(private readonly ctx: ServiceContext) {
    this.repo = new OrgRepository(ctx.db);
  }

  async tree(tx?: Tx): Promise<OrgNode[]> {
    const units = await this.repo.all(tx);
    const counts = await this.repo.teacherCountsBySchool(tx);
    const totals = rollUpCounts(units, (u) => counts.get(u.id) ?? 0);
    return units.map((u) => ({ ...u, teacherCount: totals.get(u.id) ?? 0 }));
  }

  async get(id: string, tx?: Tx): Promise<OrgUnitRecord> {
    const unit = await this.repo.byId(id, tx);
    if (!unit) throw new AppError('NOT_FOUND', '找不到该单位，可能已被删除');
    return unit;
  }

  async create(
    input: { name: string; kind: OrgKind; parentId: string | null; code?: string },
    call: CallContext,
  ): Promise<OrgNode> {
    const tx = writeTx(call);
    const parent = input.parentId ? await this.get(input.parentId, tx) : null;
    const placement = checkPlacement(input.kind, parent?.kind ?? null);
    if (placement) throw new AppError('RULE_VIOLATION', placement);
    const code = input.code?.trim() ? input.code.trim() : null;
    await this.assertUniqueInParent(tx, input.parentId, input.name, code);
    const unit: OrgUnitRecord = {
      id: this.ctx.newId(),
      code,
      name: input.name,
      kind: input.kind,
      parentId: input.parentId,
    };
    await this.repo.insert(tx, { ...unit, now: this.ctx.now() });
    call.audit?.({
      entityId: unit.id,
      summary: `新建${ORG_KIND_LABELS[unit.kind]}：${unit.name}${parent ? `（上级：${parent.name}）` : ''}`,
      details: unit,
    });
    return { ...unit, teacherCount: 0 };
  }

  async update(
    input: { id: string; name?: string; code?: string | null },
    call: CallContext,
  ): Promise<OrgNode> {
    const tx = writeTx(call);
    const unit = await this.get(input.id, tx);
    const name = input.name ?? unit.name;
    const code =
      input.code === undefined ? unit.code : input.code?.trim() ? input.code.trim() : null;
    await this.assertUniqueInParent(tx, unit.parentId, name, code, unit.id);
    await this.repo.update(tx, unit.id, { name, code }, this.ctx.now());
    call.audit?.({
      entityId: unit.id,
      summary:
        name === unit.name
          ? `修改单位代码：${unit.name}（${unit.code ?? '无'} → ${code ?? '无'}）`
          : `单位改名：${unit.name} → ${name}`,
      details: { before: unit, after: { name, code } },
    });
    const node = (await this.tree(tx)).find((n) => n.id === unit.id);
    if (!node) throw new AppError('INTERNAL', '单位保存后未能读回');
    return node;
  }

  async delete(id: string, call: CallContext): Promise<void> {
    const tx = writeTx(call);
    const unit = await this.get(id, tx);
    const children = await this.repo.childCount(id, tx);
    if (children > 0) {
      throw new AppError(
        'CONFLICT',
        `「${unit.name}」下还有 ${children} 个下级单位，请先删除或移走它们`,
      );
    }
    const teachers = await this.repo.teacherCount(id, tx);
    if (teachers > 0) {
      throw new AppError('CONFLICT', `「${unit.name}」的花名册中还有 ${teachers} 名教师，不能删除`);
    }
    await this.repo.delete(tx, id);
    call.audit?.({
      entityId: id,
      summary: `删除${ORG_KIND_LABELS[unit.kind]}：${unit.name}`,
      details: unit,
    });
  }

  private async assertUniqueInParent(
    tx: Tx,
    parentId: string | null,
    name: string,
    code: string | null,
    exceptId?: string,
  ): Promise<void> {
    if (await this.repo.siblingWithName(parentId, name, exceptId, tx)) {
      throw new AppError('CONFLICT', `同一上级单位下已有名为「${name}」的单位`);
    }
    if (code && (await this.repo.siblingWithCode(parentId, code, exceptId, tx))) {
      throw new AppError('CONFLICT', `同一上级单位下已有代码为「${code}」的单位`);
    }
  }
}
