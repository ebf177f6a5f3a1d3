/**
 * Operators as an administrator manages them: within the administrator's own subtree (an
 * operator's home unit must lie in it; operators elsewhere are NOT_FOUND), with the password
 * policy, and never leaving the installation without an active system administrator. API tokens
 * for automation act as one operator; only their SHA-256 is kept and the token is shown once.
 */
import { randomBytes } from 'node:crypto';
import { type ApiTokenRow, type OperatorRow, type RoleInfo } from '@shared/api/auth.contract';
import { AppError } from '@shared/api/envelope';
import { checkPasswordPolicy, checkUserName } from '@shared/domain/auth/password-policy';
import { ADMIN_ROLE } from '@shared/domain/auth/permissions';
import { type CallContext } from '../../core/handler-types';
import { actorName } from '../../core/operator';
import { type ServiceContext } from '../../core/service-context';
import { type SessionStore } from '../../core/sessions';
import { writeTx } from '../../core/write-path';
import { type Tx } from '../../db/database';
import { OrgRepository } from '../org/org.repository';
import { requireScope, UnitScope } from '../org/unit-scope';
import { requireOperator, tokenHash } from './auth.service';
import { hashPassword } from './password';
import {
  type OperatorPatch,
  type OperatorRecord,
  OperatorRepository,
  type RoleRecord,
} from './operator.repository';

export class OperatorsService {
  private readonly operators: OperatorRepository;
  private readonly orgs: OrgRepository;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly sessions: SessionStore,
  ) {
    this.operators = new OperatorRepository(ctx.db);
    this.orgs = new OrgRepository(ctx.db);
  }

  async roles(): Promise<RoleInfo[]> {
    return this.operators.roles();
  }

  private toRow(o: OperatorRecord, roles: RoleRecord[], scope: UnitScope): OperatorRow {
    const unit = scope.get(o.homeUnitId);
    return {
      id: o.id,
      userName: o.userName,
      displayName: o.displayName,
      roles: o.roleCodes.map((code) => ({
        code,
        name: roles.find((r) => r.code === code)?.name ?? code,
      })),
      homeUnit: {
        id: o.homeUnitId,
        name: unit?.name ?? '（已删除的单位）',
        kind: unit?.kind ?? 'school',
      },
      isActive: o.isActive,
      mustChangePassword: o.mustChangePassword,
      lockedUntil:
        o.lockedUntil && Date.parse(o.lockedUntil) > Date.parse(this.ctx.now())
          ? o.lockedUntil
          : null,
      lastLoginAt: o.lastLoginAt,
      createdAt: o.createdAt,
      updatedAt: o.updatedAt,
    };
  }

  async list(call: CallContext): Promise<OperatorRow[]> {
    const scope = await UnitScope.load(this.orgs, requireScope(call));
    const roles = await this.operators.roles();
    return (await this.operators.all())
      .filter((o) => scope.has(o.homeUnitId))
      .map((o) => this.toRow(o, roles, scope));
  }

  /** An operator inside the caller's scope, or NOT_FOUND. */
  private async inScope(
    id: string,
    call: CallContext,
    tx: Tx,
  ): Promise<{ record: OperatorRecord; scope: UnitScope }> {
    const scope = await UnitScope.load(this.orgs, requireScope(call), tx);
    const record = await this.operators.byId(id, tx);
    if (!record || !scope.has(record.homeUnitId)) {
      throw new AppError('NOT_FOUND', '找不到该用户，可能不在您的管理范围内');
    }
    return { record, scope };
  }

  private async checkRoles(codes: string[], tx: Tx): Promise<RoleRecord[]> {
    const roles = await this.operators.roles(tx);
    const unknown = codes.filter((c) => !roles.some((r) => r.code === c));
    if (unknown.length > 0) {
      throw new AppError('INVALID_INPUT', `没有这样的角色：${unknown.join('、')}`, {
        field: 'roles',
      });
    }
    return roles;
  }

  private async readBack(id: string, tx: Tx, scope: UnitScope): Promise<OperatorRow> {
    const record = await this.operators.byId(id, tx);
    if (!record) throw new AppError('INTERNAL', '用户保存后未能读回');
    return this.toRow(record, await this.operators.roles(tx), scope);
  }

  async create(
    input: {
      userName: string;
      displayName: string;
      roles: string[];
      homeUnitId: string;
      password: string;
    },
    call: CallContext,
  ): Promise<OperatorRow> {
    const tx = writeTx(call);
    const scope = await UnitScope.load(this.orgs, requireScope(call), tx);
    const unit = scope.require(input.homeUnitId, '找不到所选单位，或不在您的管理范围内');
    const userName = checkUserName(input.userName);
    if (!userName.ok) throw new AppError('INVALID_INPUT', userName.message, { field: 'userName' });
    if (await this.operators.byUserName(userName.value, tx)) {
      throw new AppError('CONFLICT', `用户名「${userName.value}」已被使用，请换一个`, {
        field: 'userName',
      });
    }
    const policy = checkPasswordPolicy(input.password, userName.value);
    if (!policy.ok) throw new AppError('INVALID_INPUT', policy.message, { field: 'password' });
    const roles = await this.checkRoles(input.roles, tx);
    const id = this.ctx.newId();
    await this.operators.insert(tx, {
      id,
      userName: userName.value,
      displayName: input.displayName,
      homeUnitId: unit.id,
      passwordHash: await hashPassword(input.password),
      mustChangePassword: true,
      isDemo: false,
      roleCodes: input.roles,
      now: this.ctx.now(),
    });
    const roleNames = input.roles.map((c) => roles.find((r) => r.code === c)?.name ?? c);
    call.audit?.({
      entityId: id,
      summary: `新建用户：${input.displayName}（${userName.value}），${roleNames.join('、')}，${unit.name}`,
      details: { userName: userName.value, roles: input.roles, homeUnitId: unit.id },
    });
    return this.readBack(id, tx, scope);
  }

  /** Refuses a change that would leave no active system administrator. */
  private async keepAnAdmin(
    record: OperatorRecord,
    after: { isActive: boolean; roles: string[] },
    tx: Tx,
  ): Promise<void> {
    const wasAdmin = record.isActive && record.roleCodes.includes(ADMIN_ROLE);
    const staysAdmin = after.isActive && after.roles.includes(ADMIN_ROLE);
    if (!wasAdmin || staysAdmin) return;
    if ((await this.operators.activeWithRole(ADMIN_ROLE, record.id, tx)) === 0) {
      throw new AppError(
        'CONFLICT',
        `「${record.displayName}」是最后一个启用的系统管理员，不能停用或取消其管理员角色；请先为另一位用户设置系统管理员角色`,
      );
    }
  }

  async update(
    input: {
      id: string;
      displayName?: string;
      roles?: string[];
      homeUnitId?: string;
      isActive?: boolean;
    },
    call: CallContext,
  ): Promise<OperatorRow> {
    const tx = writeTx(call);
    const { record, scope } = await this.inScope(input.id, call, tx);
    const me = requireOperator(call);
    const roles = input.roles ? await this.checkRoles(input.roles, tx) : null;
    const home = input.homeUnitId
      ? scope.require(input.homeUnitId, '找不到所选单位，或不在您的管理范围内')
      : null;
    const isActive = input.isActive ?? record.isActive;
    if (record.id === me.id && !isActive) {
      throw new AppError('CONFLICT', '不能停用自己正在使用的账号');
    }
    await this.keepAnAdmin(record, { isActive, roles: input.roles ?? record.roleCodes }, tx);
    const patch: OperatorPatch = {};
    const changes: string[] = [];
    if (input.displayName !== undefined && input.displayName !== record.displayName) {
      patch.displayName = input.displayName;
      changes.push(`姓名 ${record.displayName} → ${input.displayName}`);
    }
    if (home && home.id !== record.homeUnitId) {
      patch.homeUnitId = home.id;
      changes.push(`所属单位改为 ${home.name}`);
    }
    if (isActive !== record.isActive) {
      patch.isActive = isActive;
      // A disabled account's sessions end at once (and on other processes at their next call).
      if (!isActive) patch.credentialsEpoch = record.credentialsEpoch + 1;
      changes.push(isActive ? '启用' : '停用');
    }
    if (roles && input.roles && input.roles.join(',') !== record.roleCodes.join(',')) {
      await this.operators.setRoles(tx, record.id, input.roles);
      changes.push(
        `角色改为 ${input.roles.map((c) => roles.find((r) => r.code === c)?.name ?? c).join('、')}`,
      );
    }
    await this.operators.update(tx, record.id, patch, this.ctx.now());
    if (patch.isActive === false) this.sessions.endAllOf(record.id);
    call.audit?.({
      entityId: record.id,
      summary: `修改用户 ${record.displayName}（${record.userName}）：${changes.join('；') || '无变化'}`,
      details: { ...patch, roles: input.roles },
    });
    return this.readBack(record.id, tx, scope);
  }

  async resetPassword(
    input: { id: string; password: string },
    call: CallContext,
  ): Promise<OperatorRow> {
    const tx = writeTx(call);
    const { record, scope } = await this.inScope(input.id, call, tx);
    const policy = checkPasswordPolicy(input.password, record.userName);
    if (!policy.ok) throw new AppError('INVALID_INPUT', policy.message, { field: 'password' });
    await this.operators.update(
      tx,
      record.id,
      {
        passwordHash: await hashPassword(input.password),
        mustChangePassword: true,
        isDemo: false,
        credentialsEpoch: record.credentialsEpoch + 1,
        failedLogins: 0,
        lockedUntil: null,
      },
      this.ctx.now(),
    );
    this.sessions.endAllOf(record.id);
    call.audit?.({
      entityId: record.id,
      summary: `重置密码：${actorName(record)}（下次登录须修改密码）`,
    });
    return this.readBack(record.id, tx, scope);
  }

  async unlock(id: string, call: CallContext): Promise<OperatorRow> {
    const tx = writeTx(call);
    const { record, scope } = await this.inScope(id, call, tx);
    await this.operators.recordLogin(tx, record.id, { failedLogins: 0, lockedUntil: null });
    call.audit?.({ entityId: record.id, summary: `解除账号锁定：${actorName(record)}` });
    return this.readBack(record.id, tx, scope);
  }

  // API tokens

  async tokens(call: CallContext): Promise<ApiTokenRow[]> {
    const scope = await UnitScope.load(this.orgs, requireScope(call));
    const operators = new Map((await this.operators.all()).map((o) => [o.id, o]));
    const rows: ApiTokenRow[] = [];
    for (const t of await this.operators.tokens()) {
      const owner = operators.get(t.operatorId);
      if (!owner || !scope.has(owner.homeUnitId)) continue;
      rows.push({
        id: t.id,
        name: t.name,
        operator: { id: owner.id, userName: owner.userName, displayName: owner.displayName },
        createdAt: t.createdAt,
        createdBy: t.createdBy,
        lastUsedAt: t.lastUsedAt,
        revokedAt: t.revokedAt,
      });
    }
    return rows;
  }

  async createToken(
    input: { operatorId: string; name: string },
    call: CallContext,
  ): Promise<{ row: ApiTokenRow; token: string }> {
    const tx = writeTx(call);
    const { record } = await this.inScope(input.operatorId, call, tx);
    if (!record.isActive) throw new AppError('CONFLICT', '该用户已停用，不能为其创建接口令牌');
    const token = `tdk_${randomBytes(32).toString('base64url')}`;
    const id = this.ctx.newId();
    const now = this.ctx.now();
    const createdBy = actorName(requireOperator(call));
    await this.operators.insertToken(tx, {
      id,
      operatorId: record.id,
      name: input.name,
      tokenHash: tokenHash(token),
      createdAt: now,
      createdBy,
      lastUsedAt: null,
      revokedAt: null,
    });
    call.audit?.({
      entityId: id,
      summary: `创建接口令牌「${input.name}」，以 ${actorName(record)} 的身份使用`,
      details: { operatorId: record.id, name: input.name },
    });
    return {
      row: {
        id,
        name: input.name,
        operator: { id: record.id, userName: record.userName, displayName: record.displayName },
        createdAt: now,
        createdBy,
        lastUsedAt: null,
        revokedAt: null,
      },
      token,
    };
  }

  async revokeToken(id: string, call: CallContext): Promise<ApiTokenRow> {
    const tx = writeTx(call);
    const found = await this.operators.tokenById(id, tx);
    const owner = found ? await this.operators.byId(found.operatorId, tx) : null;
    const scope = await UnitScope.load(this.orgs, requireScope(call), tx);
    if (!found || !owner || !scope.has(owner.homeUnitId)) {
      throw new AppError('NOT_FOUND', '找不到该接口令牌');
    }
    const revokedAt = found.revokedAt ?? this.ctx.now();
    if (!found.revokedAt) await this.operators.updateToken(tx, id, { revokedAt });
    call.audit?.({ entityId: id, summary: `吊销接口令牌「${found.name}」（${actorName(owner)}）` });
    return {
      id,
      name: found.name,
      operator: { id: owner.id, userName: owner.userName, displayName: owner.displayName },
      createdAt: found.createdAt,
      createdBy: found.createdBy,
      lastUsedAt: found.lastUsedAt,
      revokedAt,
    };
  }
}
