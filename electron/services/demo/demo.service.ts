/**
 * The demo workspace: a deterministic fictional city so a newcomer sees a working app at once.
 * Written through the same repositories as imports, in the one transaction of its write.
 */
import { AppError } from '@shared/api/envelope';
import { generateDemoWorkspace } from '@shared/domain/roster/demo-data';
import { nameSortKey } from '@shared/domain/roster/name-key';
import { teacherRowHash } from '@shared/domain/roster/teacher-row';
import { type CallContext } from '../../core/handler-types';
import { writeTx } from '../../core/write-path';
import { ProgressReporter } from '../../core/progress';
import { type ServiceContext } from '../../core/service-context';
import { OrgRepository } from '../org/org.repository';
import { TeacherRepository } from '../roster/teacher.repository';

export const DEMO_SEED = 20260701;

export class DemoService {
  constructor(private readonly ctx: ServiceContext) {}

  async create(
    teacherCount: number,
    call: CallContext,
  ): Promise<{ orgUnits: number; teachers: number; rootId: string }> {
    const tx = writeTx(call);
    const workspace = generateDemoWorkspace({ seed: DEMO_SEED, teachers: teacherCount });
    const orgs = new OrgRepository(this.ctx.db);
    const root = workspace.units.find((u) => u.parentKey === null);
    if (!root) throw new AppError('INTERNAL', '演示数据缺少根单位');
    if (await orgs.siblingWithName(null, root.name, undefined, tx)) {
      throw new AppError('CONFLICT', `演示数据已经存在（「${root.name}」），无需重复创建`);
    }
    const teachers = new TeacherRepository(this.ctx.db);
    const progress = new ProgressReporter(call);
    const now = this.ctx.now();
    const idByKey = new Map<string, string>();
    const total = workspace.teachers.length;
    const units = workspace.units.map((unit) => {
      const id = this.ctx.newId();
      idByKey.set(unit.key, id);
      return {
        id,
        code: unit.code,
        name: unit.name,
        kind: unit.kind,
        parentId: unit.parentKey ? (idByKey.get(unit.parentKey) ?? null) : null,
        now,
      };
    });
    await orgs.insertMany(tx, units);
    const rows = workspace.teachers.map((t) => {
      const schoolId = idByKey.get(t.schoolKey);
      if (!schoolId) throw new AppError('INTERNAL', `演示教师的学校不存在：${t.schoolKey}`);
      return {
        id: this.ctx.newId(),
        idNumber: t.idNumber,
        name: t.name,
        nameKey: nameSortKey(t.name),
        gender: t.gender,
        birthDate: t.birthDate,
        schoolId,
        stages: t.stages.join(','),
        subject: t.subject,
        title: t.title,
        mobile: t.mobile,
        employmentStatus: t.employmentStatus,
        rowHash: teacherRowHash({ ...t, schoolId }),
        now,
      };
    });
    await teachers.insertMany(tx, rows, (done) =>
      progress.update({
        phase: 'write',
        message: `正在生成演示教师（${done.toLocaleString('zh-CN')}/${total.toLocaleString('zh-CN')}）`,
        done,
        total,
      }),
    );
    call.audit?.({
      entityId: idByKey.get(root.key) ?? null,
      summary: `创建演示数据：${workspace.units.length} 个单位，${total} 名教师（虚构）`,
      details: { seed: DEMO_SEED, units: workspace.units.length, teachers: total },
    });
    progress.update({ phase: 'done', message: '演示数据已创建', done: total, total }, true);
    return {
      orgUnits: workspace.units.length,
      teachers: total,
      rootId: idByKey.get(root.key) ?? '',
    };
  }
}
