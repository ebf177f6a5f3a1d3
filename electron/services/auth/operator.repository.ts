/**
 * Queries on operators, their roles and API tokens, through TypeORM on the caller's transaction
 * context. Small tables (an office has tens of operators): plain entity queries throughout.
 */
import { In } from 'typeorm';
import { isPermission, type Permission } from '@shared/domain/auth/permissions';
import { type AppDatabase, type Tx, txOr } from '../../db/database';
import {
  ApiTokenEntity,
  OperatorEntity,
  OperatorRoleEntity,
  RoleEntity,
  RolePermissionEntity,
} from '../../db/entities/operator.entity';

export interface RoleRecord {
  code: string;
  name: string;
  description: string;
  permissions: Permission[];
}

export interface OperatorRecord {
  id: string;
  userName: string;
  displayName: string;
  homeUnitId: string;
  isActive: boolean;
  mustChangePassword: boolean;
  isDemo: boolean;
  passwordHash: string;
  credentialsEpoch: number;
  failedLogins: number;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
  roleCodes: string[];
}

export interface OperatorInsert {
  id: string;
  userName: string;
  displayName: string;
  homeUnitId: string;
  passwordHash: string;
  mustChangePassword: boolean;
  isDemo: boolean;
  roleCodes: string[];
  now: string;
}

function toRecord(e: OperatorEntity, roleCodes: string[]): OperatorRecord {
  return {
    id: e.id,
    userName: e.userName,
    displayName: e.displayName,
    homeUnitId: e.homeUnitId,
    isActive: e.isActive === 1,
    mustChangePassword: e.mustChangePassword === 1,
    isDemo: e.isDemo === 1,
    passwordHash: e.passwordHash,
    credentialsEpoch: e.credentialsEpoch,
    failedLogins: e.failedLogins,
    lockedUntil: e.lockedUntil,
    lastLoginAt: e.lastLoginAt,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    roleCodes,
  };
}

export type OperatorPatch = Partial<{
  displayName: string;
  homeUnitId: string;
  isActive: boolean;
  mustChangePassword: boolean;
  isDemo: boolean;
  passwordHash: string;
  credentialsEpoch: number;
  failedLogins: number;
  lockedUntil: string | null;
  lastLoginAt: string | null;
}>;

export class OperatorRepository {
  constructor(private readonly db: AppDatabase) {}

  private manager(tx: Tx | undefined) {
    return txOr(this.db, tx).manager;
  }

  async roles(tx?: Tx): Promise<RoleRecord[]> {
    const m = this.manager(tx);
    const roles = await m.getRepository(RoleEntity).find({ order: { code: 'ASC' } });
    const rights = await m.getRepository(RolePermissionEntity).find();
    return roles.map((r) => ({
      code: r.code,
      name: r.name,
      description: r.description,
      permissions: rights
        .filter((p) => p.roleCode === r.code && isPermission(p.permission))
        .map((p) => p.permission as Permission),
    }));
  }

  private async roleCodesOf(ids: string[], tx: Tx | undefined): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return result;
    const links = await this.manager(tx)
      .getRepository(OperatorRoleEntity)
      .find({ where: { operatorId: In(ids) }, order: { roleCode: 'ASC' } });
    for (const link of links) result.get(link.operatorId)?.push(link.roleCode);
    return result;
  }

  async byId(id: string, tx?: Tx): Promise<OperatorRecord | null> {
    const e = await this.manager(tx).getRepository(OperatorEntity).findOneBy({ id });
    if (!e) return null;
    return toRecord(e, (await this.roleCodesOf([e.id], tx)).get(e.id) ?? []);
  }

  async byUserName(userName: string, tx?: Tx): Promise<OperatorRecord | null> {
    const e = await this.manager(tx).getRepository(OperatorEntity).findOneBy({ userName });
    if (!e) return null;
    return toRecord(e, (await this.roleCodesOf([e.id], tx)).get(e.id) ?? []);
  }

  async all(tx?: Tx): Promise<OperatorRecord[]> {
    const rows = await this.manager(tx)
      .getRepository(OperatorEntity)
      .find({ order: { userName: 'ASC' } });
    const roles = await this.roleCodesOf(
      rows.map((r) => r.id),
      tx,
    );
    return rows.map((e) => toRecord(e, roles.get(e.id) ?? []));
  }

  /** Operators whose home unit this is. */
  async homedAt(unitId: string, tx?: Tx): Promise<number> {
    return this.manager(tx).getRepository(OperatorEntity).countBy({ homeUnitId: unitId });
  }

  async count(tx?: Tx): Promise<number> {
    return this.manager(tx).getRepository(OperatorEntity).count();
  }

  /** Active operators holding a role, other than `exceptId`. */
  async activeWithRole(roleCode: string, exceptId: string, tx?: Tx): Promise<number> {
    return this.manager(tx)
      .getRepository(OperatorEntity)
      .createQueryBuilder('o')
      .innerJoin(OperatorRoleEntity, 'r', 'r.operator_id = o.id')
      .where('r.role_code = :roleCode', { roleCode })
      .andWhere('o.is_active = 1')
      .andWhere('o.id <> :exceptId', { exceptId })
      .getCount();
  }

  async insert(tx: Tx, op: OperatorInsert): Promise<void> {
    await tx.manager.getRepository(OperatorEntity).insert({
      id: op.id,
      userName: op.userName,
      displayName: op.displayName,
      homeUnitId: op.homeUnitId,
      isActive: 1,
      mustChangePassword: op.mustChangePassword ? 1 : 0,
      isDemo: op.isDemo ? 1 : 0,
      passwordHash: op.passwordHash,
      credentialsEpoch: 0,
      failedLogins: 0,
      lockedUntil: null,
      lastLoginAt: null,
      createdAt: op.now,
      updatedAt: op.now,
    });
    await this.setRoles(tx, op.id, op.roleCodes);
  }

  async setRoles(tx: Tx, operatorId: string, roleCodes: string[]): Promise<void> {
    const repo = tx.manager.getRepository(OperatorRoleEntity);
    await repo.delete({ operatorId });
    if (roleCodes.length > 0) {
      await repo.insert([...new Set(roleCodes)].map((roleCode) => ({ operatorId, roleCode })));
    }
  }

  async update(tx: Tx, id: string, patch: OperatorPatch, now: string): Promise<void> {
    const flags: Partial<OperatorEntity> = {};
    const { isActive, mustChangePassword, isDemo, ...rest } = patch;
    if (isActive !== undefined) flags.isActive = isActive ? 1 : 0;
    if (mustChangePassword !== undefined) flags.mustChangePassword = mustChangePassword ? 1 : 0;
    if (isDemo !== undefined) flags.isDemo = isDemo ? 1 : 0;
    await tx.manager
      .getRepository(OperatorEntity)
      .update({ id }, { ...rest, ...flags, updatedAt: now });
  }

  /** Login bookkeeping (failed count, lock-out, last login) without touching `updated_at`. */
  async recordLogin(
    tx: Tx,
    id: string,
    fields: Pick<OperatorPatch, 'failedLogins' | 'lockedUntil' | 'lastLoginAt' | 'passwordHash'>,
  ): Promise<void> {
    await tx.manager.getRepository(OperatorEntity).update({ id }, fields);
  }

  // API tokens

  async tokens(tx?: Tx): Promise<ApiTokenEntity[]> {
    return this.manager(tx)
      .getRepository(ApiTokenEntity)
      .find({ order: { createdAt: 'DESC' } });
  }

  async tokenById(id: string, tx?: Tx): Promise<ApiTokenEntity | null> {
    return this.manager(tx).getRepository(ApiTokenEntity).findOneBy({ id });
  }

  async tokenByHash(tokenHash: string, tx?: Tx): Promise<ApiTokenEntity | null> {
    return this.manager(tx).getRepository(ApiTokenEntity).findOneBy({ tokenHash });
  }

  async insertToken(tx: Tx, token: ApiTokenEntity): Promise<void> {
    await tx.manager.getRepository(ApiTokenEntity).insert(token);
  }

  async updateToken(
    tx: Tx,
    id: string,
    fields: Partial<Pick<ApiTokenEntity, 'lastUsedAt' | 'revokedAt'>>,
  ): Promise<void> {
    await tx.manager.getRepository(ApiTokenEntity).update({ id }, fields);
  }
}
