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
import { type Scope } from '../../core/operator';
import { OperatorRepository } from '../auth/operator.repository';
import { OrgRepository, type OrgUnitRecord } from './org.repository';
import { requireScope, UnitScope } from './unit-scope';

export class OrgService {
  private readonly repo: OrgRepository;

  constructor(private readonly ctx: ServiceContext) {
    this.repo = new OrgRepository(ctx.db);
  }

  /**
   * The tree with teacher counts: the whole database (first-run setup) or, for an operator, the
   * subtree of their scope, whose top unit shows as a root.
   */
  async tree(tx?: Tx, scope?: Scope): Promise<OrgNode[]> {
    const all = await this.repo.all(tx);
    const units = scope ? UnitScope.of(all, scope.rootId).units : all;
    const counts = await this.repo.teacherCountsBySchool(tx);
    const totals = rollUpCounts(units, (u) => counts.get(u.id) ?? 0);
    return units.map((u) => ({
      ...u,
      parentId: scope && u.id === scope.rootId ? null : u.parentId,
      teacherCount: totals.get(u.id) ?? 0,
    }));
  }

  /** A unit inside the call's scope, or NOT_FOUND. */
  private async get(id: string, call: CallContext, tx: Tx): Promise<OrgUnitRecord> {
    const scope = await UnitScope.load(this.repo, requireScope(call), tx);
    return scope.require(id);
  }

  async create(
    input: { name: string; kind: OrgKind; parentId: string | null; code?: string },
    call: CallContext,
  ): Promise<OrgNode> {
    const tx = writeTx(call);
    // New units go under a unit of the operator's scope, never beside or above its top.
    if (!input.parentId) {
      throw new AppError('INVALID_INPUT', '请选择上级单位：新单位只能建在您管辖的单位之下');
    }
    const parent = await this.get(input.parentId, call, tx);
    const placement = checkPlacement(input.kind, parent.kind);
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
      summary: `新建${ORG_KIND_LABELS[unit.kind]}：${unit.name}（上级：${parent.name}）`,
      details: unit,
    });
    return { ...unit, teacherCount: 0 };
  }

  async update(
    input: { id: string; name?: string; code?: string | null },
    call: CallContext,
  ): Promise<OrgNode> {
    const tx = writeTx(call);
    const unit = await this.get(input.id, call, tx);
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
    const node = (await this.tree(tx, requireScope(call))).find((n) => n.id === unit.id);
    if (!node) throw new AppError('INTERNAL', '单位保存后未能读回');
    return node;
  }

  async delete(id: string, call: CallContext): Promise<void> {
    const tx = writeTx(call);
    const unit = await this.get(id, call, tx);
    if (id === requireScope(call).rootId) {
      throw new AppError('CONFLICT', `「${unit.name}」是您所属的单位，不能删除`);
    }
    const operators = await new OperatorRepository(this.ctx.db).homedAt(id, tx);
    if (operators > 0) {
      throw new AppError(
        'CONFLICT',
        `「${unit.name}」下还有 ${operators} 个用户账号，请先把他们改到其他单位`,
      );
    }
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
