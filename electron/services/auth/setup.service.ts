/**
 * The first run: which unit this installation serves and its first system administrator (or, to
 * try the app out, the demo workspace with one account per role). Until one of them is done every
 * method but these answers SETUP_REQUIRED; once done they refuse to run again. The check and the
 * setting happen in the one write transaction, so two windows racing through setup cannot both win.
 */
import { type Me, type UnitRef } from '@shared/api/auth.contract';
import { type OrgKind } from '@shared/api/common.schemas';
import { AppError } from '@shared/api/envelope';
import { type OrgNode } from '@shared/api/org.contract';
import { checkPasswordPolicy, checkUserName } from '@shared/domain/auth/password-policy';
import { ADMIN_ROLE, type RoleCode, rolePreset } from '@shared/domain/auth/permissions';
import { type CallContext } from '../../core/handler-types';
import { actorName } from '../../core/operator';
import { type ServiceContext } from '../../core/service-context';
import { writeTx } from '../../core/write-path';
import { type Tx } from '../../db/database';
import { getMeta, setMeta } from '../../db/meta';
import { DEMO_SEED, DemoService } from '../demo/demo.service';
import { createDemoProject } from '../demo/demo-project';
import { OrgRepository } from '../org/org.repository';
import { OrgService } from '../org/org.service';
import { type AuthService, META } from './auth.service';
import { hashPassword } from './password';
import { OperatorRepository } from './operator.repository';

/** The demo accounts' shared password (documented in the README and on the login screen). */
export const DEMO_PASSWORD = 'demo1234';

interface DemoAccount {
  userName: string;
  displayName: string;
  role: RoleCode;
  /** Where: the demo province (the installation's unit), its city, the city's first district, that district's first school. */
  at: 'province' | 'city' | 'district' | 'school';
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { userName: 'admin', displayName: '演示管理员', role: 'admin', at: 'province' },
  // The demo project's organizer: its batch dates and courses are edited here.
  { userName: 'province', displayName: '省项目办（演示）', role: 'project_admin', at: 'province' },
  { userName: 'city', displayName: '市项目办（演示）', role: 'project_admin', at: 'city' },
  {
    userName: 'district',
    displayName: '区县项目办（演示）',
    role: 'project_admin',
    at: 'district',
  },
  { userName: 'school', displayName: '学校专干（演示）', role: 'school_officer', at: 'school' },
  { userName: 'finance', displayName: '财务（演示）', role: 'finance', at: 'city' },
  { userName: 'viewer', displayName: '督导（演示）', role: 'viewer', at: 'city' },
];

export class SetupService {
  private readonly orgs: OrgRepository;
  private readonly operators: OperatorRepository;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly auth: AuthService,
  ) {
    this.orgs = new OrgRepository(ctx.db);
    this.operators = new OperatorRepository(ctx.db);
  }

  private async assertNotSetUp(tx: Tx): Promise<void> {
    if (await getMeta(tx, META.installationUnit)) {
      throw new AppError(
        'CONFLICT',
        '本机已完成初始设置；如需新增用户，请由系统管理员在「用户与权限」中办理',
      );
    }
  }

  /** The units already in the database (a data folder from before operators existed). */
  async units(): Promise<OrgNode[]> {
    await this.assertNotSetUp(this.ctx.db.reader);
    return new OrgService(this.ctx).tree();
  }

  async complete(
    input: {
      unit: { existingId: string } | { create: { name: string; kind: OrgKind; code?: string } };
      admin: { displayName: string; userName: string; password: string };
    },
    call: CallContext,
  ): Promise<Me> {
    const tx = writeTx(call);
    await this.assertNotSetUp(tx);
    const userName = checkUserName(input.admin.userName);
    if (!userName.ok) throw new AppError('INVALID_INPUT', userName.message, { field: 'userName' });
    const policy = checkPasswordPolicy(input.admin.password, userName.value);
    if (!policy.ok) throw new AppError('INVALID_INPUT', policy.message, { field: 'password' });
    const unit = await this.installationUnit(input.unit, tx);
    const now = this.ctx.now();
    const id = this.ctx.newId();
    await this.operators.insert(tx, {
      id,
      userName: userName.value,
      displayName: input.admin.displayName,
      homeUnitId: unit.id,
      passwordHash: await hashPassword(input.admin.password),
      mustChangePassword: false,
      isDemo: false,
      roleCodes: [ADMIN_ROLE],
      now,
    });
    await setMeta(tx, META.installationUnit, unit.id);
    const record = await this.operators.byId(id, tx);
    if (!record) throw new AppError('INTERNAL', '系统管理员保存后未能读回');
    call.session.begin(id, record.credentialsEpoch);
    call.audit?.({
      actor: { id, name: actorName(record) },
      entityId: id,
      summary: `初始设置：本机服务「${unit.name}」，系统管理员 ${actorName(record)}`,
      details: { unitId: unit.id, admin: record.userName },
    });
    return this.auth.me(await this.auth.operatorOf(record, tx), tx);
  }

  private async installationUnit(
    choice: { existingId: string } | { create: { name: string; kind: OrgKind; code?: string } },
    tx: Tx,
  ): Promise<UnitRef> {
    if ('existingId' in choice) {
      const unit = await this.orgs.byId(choice.existingId, tx);
      if (!unit) throw new AppError('NOT_FOUND', '找不到所选单位，可能已被删除');
      return { id: unit.id, name: unit.name, kind: unit.kind };
    }
    // Any level may be an installation's own top unit: a school's PC may hold only its school.
    const { name, kind } = choice.create;
    const existing = await this.orgs.siblingWithName(null, name, undefined, tx);
    if (existing) return { id: existing.id, name: existing.name, kind: existing.kind };
    const id = this.ctx.newId();
    const code = choice.create.code?.trim() ? choice.create.code.trim() : null;
    await this.orgs.insert(tx, { id, code, name, kind, parentId: null, now: this.ctx.now() });
    return { id, name, kind };
  }

  /** The demo workspace as the installation: its city, its teachers, one account per role. */
  async demo(
    teachers: number,
    call: CallContext,
  ): Promise<{ orgUnits: number; teachers: number; accounts: number }> {
    const tx = writeTx(call);
    await this.assertNotSetUp(tx);
    const created = await new DemoService(this.ctx).create(teachers, call);
    const units = await this.orgs.all(tx);
    // The city, its first district that has a school, and that district's first school.
    const city = units.find((u) => u.parentId === created.rootId && u.kind === 'city');
    const schoolOf = (districtId: string) =>
      units.find((u) => u.parentId === districtId && u.kind === 'school');
    const district = city
      ? units.find((u) => u.parentId === city.id && u.kind === 'district' && schoolOf(u.id))
      : undefined;
    const school = district ? schoolOf(district.id) : undefined;
    if (!city || !district || !school) throw new AppError('INTERNAL', '演示数据缺少市、区县或学校');
    const homes = {
      province: created.rootId,
      city: city.id,
      district: district.id,
      school: school.id,
    };
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const now = this.ctx.now();
    for (const account of DEMO_ACCOUNTS) {
      await this.operators.insert(tx, {
        id: this.ctx.newId(),
        userName: account.userName,
        displayName: account.displayName,
        homeUnitId: homes[account.at],
        passwordHash,
        mustChangePassword: false,
        isDemo: true,
        roleCodes: [account.role],
        now,
      });
    }
    const project = await createDemoProject(
      this.ctx,
      tx,
      { units, rootId: created.rootId, schoolId: school.id, seed: DEMO_SEED },
      call,
    );
    await setMeta(tx, META.installationUnit, created.rootId);
    await setMeta(tx, META.demoInUse, '1');
    call.audit?.({
      entityId: created.rootId,
      summary: `创建演示工作区：${created.orgUnits} 个单位，${created.teachers} 名教师（虚构），${DEMO_ACCOUNTS.length} 个演示账号，1 个培训项目（报名 ${project.enrollments} 人，候补 ${project.waiting} 人）`,
      details: {
        units: created.orgUnits,
        teachers: created.teachers,
        accounts: DEMO_ACCOUNTS.length,
        projectId: project.projectId,
      },
    });
    return {
      orgUnits: created.orgUnits,
      teachers: created.teachers,
      accounts: DEMO_ACCOUNTS.length,
    };
  }

  /** The demo accounts whose password is still the demo one, for the login screen. */
  async demoAccounts(
    tx?: Tx,
  ): Promise<{ userName: string; displayName: string; roleName: string; unitName: string }[]> {
    const reader = tx ?? this.ctx.db.reader;
    if ((await getMeta(reader, META.demoInUse)) !== '1') return [];
    const all = await this.operators.all(reader);
    const units = new Map((await this.orgs.all(reader)).map((u) => [u.id, u.name]));
    const order = DEMO_ACCOUNTS.map((a) => a.userName);
    return all
      .filter((o) => o.isDemo && o.isActive && order.includes(o.userName))
      .sort((a, b) => order.indexOf(a.userName) - order.indexOf(b.userName))
      .map((o) => ({
        userName: o.userName,
        displayName: o.displayName,
        roleName: o.roleCodes.map((c) => rolePreset(c)?.name ?? c).join('、'),
        unitName: units.get(o.homeUnitId) ?? '',
      }));
  }
}
