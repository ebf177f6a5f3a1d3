/**
 * Logging in and out, the idle lock and passwords, and resolving who a call acts for.
 *
 * - Unknown user names and wrong passwords answer the same words after the same work (one scrypt
 *   check each: an unknown name is checked against a decoy hash).
 * - Five wrong passwords in a row lock the account for 15 minutes; names that do not exist lock
 *   the same way (in memory), so the lock-out message does not tell which names exist either.
 * - Logins, failures, lock-outs, unlocks and password changes are audited; failures through a
 *   recorded refusal (the audit entry commits, the caller gets the error).
 * - Who a call acts for is read from the database at every call, so role, scope and account
 *   changes apply to open sessions at their next call.
 */
import { createHash } from 'node:crypto';
import { type Me } from '@shared/api/auth.contract';
import { AppError } from '@shared/api/envelope';
import { checkPasswordPolicy } from '@shared/domain/auth/password-policy';
import { type Permission } from '@shared/domain/auth/permissions';
import { fragment } from '@shared/domain/text-fragment';
import { type CallContext } from '../../core/handler-types';
import { actorName, type Identity, type Operator } from '../../core/operator';
import { type ServiceContext } from '../../core/service-context';
import { type SessionRecord, type SessionStore } from '../../core/sessions';
import { RecordedRefusal, writeTx } from '../../core/write-path';
import { type Tx } from '../../db/database';
import { getMeta } from '../../db/meta';
import { OrgRepository } from '../org/org.repository';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from './password';
import { type OperatorRecord, OperatorRepository, type RoleRecord } from './operator.repository';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;
export const DEFAULT_IDLE_LOCK_MINUTES = 15;

/** app_meta keys of the installation's settings. */
export const META = {
  installationUnit: 'installation_unit_id',
  idleLockMinutes: 'idle_lock_minutes',
  demoInUse: 'demo_in_use',
} as const;

const BAD_CREDENTIALS = '用户名或密码不正确';
const UNKNOWN_NAMES_KEPT = 10_000;

export function lockedMessage(until: string): string {
  const time = new Date(Date.parse(until) + 8 * 3600_000).toISOString().slice(11, 16);
  return `连续 ${MAX_FAILED_LOGINS} 次密码错误，账号已锁定，请在 ${time} 之后再试，或请系统管理员解除锁定`;
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class AuthService {
  private readonly operators: OperatorRepository;
  private readonly orgs: OrgRepository;
  /** Failed attempts of names that have no account: they lock like real ones. */
  private readonly unknownNames = new Map<string, { failures: number; lockedUntil: number }>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly sessions: SessionStore,
  ) {
    this.operators = new OperatorRepository(ctx.db);
    this.orgs = new OrgRepository(ctx.db);
  }

  private nowMs(): number {
    return Date.parse(this.ctx.now());
  }

  async settings(tx?: Tx): Promise<{ unitId: string | null; idleLockMinutes: number }> {
    const reader = tx ?? this.ctx.db.reader;
    const unitId = await getMeta(reader, META.installationUnit);
    const idle = Number(await getMeta(reader, META.idleLockMinutes));
    return {
      unitId,
      idleLockMinutes: Number.isInteger(idle) && idle > 0 ? idle : DEFAULT_IDLE_LOCK_MINUTES,
    };
  }

  /** The operator as calls see them (rights from their roles), or null when they cannot act. */
  async operatorOf(record: OperatorRecord, tx?: Tx): Promise<Operator> {
    const roles = await this.operators.roles(tx);
    return operatorFrom(record, roles);
  }

  /** Who a call with this session token acts for. */
  async resolve(
    token: string | null,
  ): Promise<{ identity: Identity; session: SessionRecord | null }> {
    const { unitId, idleLockMinutes } = await this.settings();
    const isSetUp = unitId !== null;
    const session = isSetUp ? this.sessions.find(token) : null;
    if (!session) return { identity: { kind: 'anonymous', isSetUp }, session: null };
    const record = await this.operators.byId(session.operatorId);
    const apiToken = session.tokenId ? await this.operators.tokenById(session.tokenId) : null;
    const isRevoked = session.tokenId !== null && (!apiToken || apiToken.revokedAt !== null);
    if (!record || !record.isActive || record.credentialsEpoch !== session.epoch || isRevoked) {
      // Disabled, or the password was reset or changed elsewhere: this session is over.
      this.sessions.end(session);
      return { identity: { kind: 'anonymous', isSetUp }, session: null };
    }
    const isLocked = this.sessions.lockIfIdle(session, idleLockMinutes * 60_000);
    return {
      identity: { kind: 'operator', operator: await this.operatorOf(record), isLocked },
      session,
    };
  }

  async me(operator: Operator, tx?: Tx): Promise<Me> {
    const unit = await this.orgs.byId(operator.homeUnitId, tx);
    if (!unit) throw new AppError('INTERNAL', '该用户的所属单位不存在');
    return {
      id: operator.id,
      userName: operator.userName,
      displayName: operator.displayName,
      roles: operator.roles,
      permissions: operator.permissions,
      homeUnit: { id: unit.id, name: unit.name, kind: unit.kind },
      mustChangePassword: operator.mustChangePassword,
    };
  }

  async login(
    input: { userName: string; password: string } | { apiToken: string },
    call: CallContext,
  ): Promise<Me> {
    const tx = writeTx(call);
    const { unitId } = await this.settings(tx);
    if (!unitId) {
      throw new AppError('SETUP_REQUIRED', '请先完成初始设置：选择本机服务的单位并创建系统管理员');
    }
    if ('apiToken' in input) return this.loginWithToken(input.apiToken, call, tx);
    const typed = input.userName.trim().toLowerCase();
    const record = await this.operators.byUserName(typed, tx);
    const now = this.nowMs();
    if (!record) {
      await verifyPassword(input.password, await decoyHash());
      throw this.refuseUnknown(typed, now);
    }
    const isRight = await verifyPassword(input.password, record.passwordHash);
    const actor = { id: record.id, name: actorName(record) };
    if (record.lockedUntil && Date.parse(record.lockedUntil) > now) {
      throw new RecordedRefusal(
        new AppError('UNAUTHENTICATED', lockedMessage(record.lockedUntil)),
        {
          action: 'auth.login.failed',
          actor,
          entityId: record.id,
          summary: `登录被拒绝：账号锁定中（${record.userName}）`,
        },
      );
    }
    if (!isRight) {
      const failures = record.failedLogins + 1;
      if (failures >= MAX_FAILED_LOGINS) {
        const until = new Date(now + LOCKOUT_MINUTES * 60_000).toISOString();
        await this.operators.recordLogin(tx, record.id, { failedLogins: 0, lockedUntil: until });
        throw new RecordedRefusal(new AppError('UNAUTHENTICATED', lockedMessage(until)), {
          action: 'auth.lockout',
          actor,
          entityId: record.id,
          summary: `连续 ${MAX_FAILED_LOGINS} 次密码错误，账号锁定 ${LOCKOUT_MINUTES} 分钟：${record.userName}`,
        });
      }
      await this.operators.recordLogin(tx, record.id, { failedLogins: failures });
      throw new RecordedRefusal(new AppError('UNAUTHENTICATED', BAD_CREDENTIALS), {
        action: 'auth.login.failed',
        actor,
        entityId: record.id,
        summary: `登录失败：密码错误（${record.userName}，第 ${failures} 次）`,
      });
    }
    if (!record.isActive) {
      throw new RecordedRefusal(new AppError('UNAUTHENTICATED', '该账号已停用，请联系系统管理员'), {
        action: 'auth.login.failed',
        actor,
        entityId: record.id,
        summary: `登录被拒绝：账号已停用（${record.userName}）`,
      });
    }
    await this.operators.recordLogin(tx, record.id, {
      failedLogins: 0,
      lockedUntil: null,
      lastLoginAt: this.ctx.now(),
      ...(needsRehash(record.passwordHash)
        ? { passwordHash: await hashPassword(input.password) }
        : {}),
    });
    call.session.begin(record.id, record.credentialsEpoch);
    call.audit?.({ actor, entityId: record.id, summary: `登录：${actorName(record)}` });
    return this.me(await this.operatorOf(record, tx), tx);
  }

  private refuseUnknown(typed: string, now: number): RecordedRefusal {
    const entry = this.unknownNames.get(typed) ?? { failures: 0, lockedUntil: 0 };
    let message = BAD_CREDENTIALS;
    if (entry.lockedUntil > now) {
      message = lockedMessage(new Date(entry.lockedUntil).toISOString());
    } else {
      entry.failures += 1;
      if (entry.failures >= MAX_FAILED_LOGINS) {
        entry.failures = 0;
        entry.lockedUntil = now + LOCKOUT_MINUTES * 60_000;
        message = lockedMessage(new Date(entry.lockedUntil).toISOString());
      }
    }
    if (this.unknownNames.size >= UNKNOWN_NAMES_KEPT) this.unknownNames.clear();
    this.unknownNames.set(typed, entry);
    const shown = fragment(typed, 32) || '（空）';
    return new RecordedRefusal(new AppError('UNAUTHENTICATED', message), {
      action: 'auth.login.failed',
      actor: { id: null, name: shown },
      summary: `登录失败：用户名不存在（${shown}）`,
    });
  }

  private async loginWithToken(token: string, call: CallContext, tx: Tx): Promise<Me> {
    const found = await this.operators.tokenByHash(tokenHash(token.trim()), tx);
    const record =
      found && !found.revokedAt ? await this.operators.byId(found.operatorId, tx) : null;
    if (!found || !record || found.revokedAt || !record.isActive) {
      throw new RecordedRefusal(
        new AppError('UNAUTHENTICATED', '接口令牌无效、已吊销或其用户已停用'),
        {
          action: 'auth.login.failed',
          actor: record
            ? { id: record.id, name: actorName(record) }
            : { id: null, name: '接口令牌' },
          entityId: found?.id ?? null,
          summary: found ? `接口令牌登录被拒绝：「${found.name}」` : '接口令牌登录失败：令牌无效',
        },
      );
    }
    await this.operators.updateToken(tx, found.id, { lastUsedAt: this.ctx.now() });
    await this.operators.recordLogin(tx, record.id, { lastLoginAt: this.ctx.now() });
    call.session.begin(record.id, record.credentialsEpoch, found.id);
    call.audit?.({
      actor: { id: record.id, name: actorName(record) },
      entityId: record.id,
      summary: `使用接口令牌「${found.name}」登录：${actorName(record)}`,
    });
    return this.me(await this.operatorOf(record, tx), tx);
  }

  async logout(call: CallContext): Promise<{ isLoggedOut: true }> {
    const operator = call.operator;
    call.session.end();
    call.audit?.({
      entityId: operator?.id ?? null,
      summary: operator ? `退出登录：${actorName(operator)}` : '退出登录',
    });
    return { isLoggedOut: true };
  }

  async unlock(password: string, call: CallContext): Promise<Me> {
    const tx = writeTx(call);
    const operator = requireOperator(call);
    const record = await this.operators.byId(operator.id, tx);
    if (!record) throw new AppError('UNAUTHENTICATED', '请先登录');
    if (!(await verifyPassword(password, record.passwordHash))) {
      const failures = record.failedLogins + 1;
      const actor = { id: record.id, name: actorName(record) };
      if (failures >= MAX_FAILED_LOGINS) {
        // As many wrong passwords at the lock screen as at the login: the session ends too.
        const until = new Date(this.nowMs() + LOCKOUT_MINUTES * 60_000).toISOString();
        await this.operators.recordLogin(tx, record.id, { failedLogins: 0, lockedUntil: until });
        call.session.end();
        throw new RecordedRefusal(new AppError('UNAUTHENTICATED', lockedMessage(until)), {
          action: 'auth.lockout',
          actor,
          entityId: record.id,
          summary: `解锁时连续 ${MAX_FAILED_LOGINS} 次密码错误，账号锁定 ${LOCKOUT_MINUTES} 分钟：${record.userName}`,
        });
      }
      await this.operators.recordLogin(tx, record.id, { failedLogins: failures });
      throw new RecordedRefusal(new AppError('UNAUTHENTICATED', '密码不正确'), {
        action: 'auth.unlock.failed',
        actor,
        entityId: record.id,
        summary: `解除锁定失败：密码错误（${record.userName}，第 ${failures} 次）`,
      });
    }
    await this.operators.recordLogin(tx, record.id, { failedLogins: 0 });
    call.session.unlock();
    call.audit?.({ entityId: record.id, summary: `解除闲置锁定：${actorName(record)}` });
    return this.me(operator, tx);
  }

  async changePassword(
    input: { currentPassword: string; newPassword: string },
    call: CallContext,
  ): Promise<Me> {
    const tx = writeTx(call);
    const operator = requireOperator(call);
    const record = await this.operators.byId(operator.id, tx);
    if (!record) throw new AppError('UNAUTHENTICATED', '请先登录');
    if (!(await verifyPassword(input.currentPassword, record.passwordHash))) {
      throw new AppError('INVALID_INPUT', '当前密码不正确', { field: 'currentPassword' });
    }
    const policy = checkPasswordPolicy(input.newPassword, record.userName);
    if (!policy.ok) throw new AppError('INVALID_INPUT', policy.message, { field: 'newPassword' });
    if (input.newPassword === input.currentPassword) {
      throw new AppError('INVALID_INPUT', '新密码不能与当前密码相同', { field: 'newPassword' });
    }
    const epoch = record.credentialsEpoch + 1;
    await this.operators.update(
      tx,
      record.id,
      {
        passwordHash: await hashPassword(input.newPassword),
        mustChangePassword: false,
        isDemo: false,
        credentialsEpoch: epoch,
      },
      this.ctx.now(),
    );
    // Other sessions of this operator end (the epoch moved); this one goes on with a fresh token.
    call.session.begin(record.id, epoch);
    call.audit?.({ entityId: record.id, summary: `修改密码：${actorName(record)}` });
    return this.me({ ...operator, mustChangePassword: false }, tx);
  }
}

export function requireOperator(call: Pick<CallContext, 'operator'>): Operator {
  if (!call.operator) throw new AppError('UNAUTHENTICATED', '请先登录');
  return call.operator;
}

export function operatorFrom(record: OperatorRecord, roles: readonly RoleRecord[]): Operator {
  const held = roles.filter((r) => record.roleCodes.includes(r.code));
  const permissions = new Set<Permission>();
  for (const role of held) for (const p of role.permissions) permissions.add(p);
  return {
    id: record.id,
    userName: record.userName,
    displayName: record.displayName,
    roles: held.map((r) => ({ code: r.code, name: r.name })),
    permissions: [...permissions].sort(),
    homeUnitId: record.homeUnitId,
    mustChangePassword: record.mustChangePassword,
  };
}
