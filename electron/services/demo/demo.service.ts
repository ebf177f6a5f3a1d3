/**
 * The demo workspace: a deterministic fictional city so a newcomer sees a working app at once.
 * Written through the same repositories as imports, in one transaction.
 */
import { AppError } from '@shared/api/envelope';
import { generateDemoWorkspace } from '@shared/domain/roster/demo-data';
import { teacherRowHash } from '@shared/domain/roster/teacher-row';
import { appendAudit } from '../../db/audit-log';
import { type CallContext } from '../../core/handler-types';
import { ProgressReporter } from '../../core/progress';
import { type ServiceContext } from '../../core/service-context';
import { OrgRepository } from '../org/org.repository';
import { TeacherRepository } from '../roster/teacher.repository';

export const DEMO_SEED = 20260701;

export class DemoService {
  constructor(private readonly ctx: ServiceContext) {}

  create(
    teacherCount: number,
    call: CallContext,
  ): { orgUnits: number; teachers: number; rootId: string } {
    const workspace = generateDemoWorkspace({ seed: DEMO_SEED, teachers: teacherCount });
    const orgs = new OrgRepository(this.ctx.db.sqlite);
    const root = workspace.units.find((u) => u.parentKey === null);
    if (!root) throw new AppError('INTERNAL', '演示数据缺少根单位');
    if (orgs.siblingWithName(null, root.name)) {
      throw new AppError('CONFLICT', `演示数据已经存在（「${root.name}」），无需重复创建`);
    }
    const teachers = new TeacherRepository(this.ctx.db.sqlite);
    const progress = new ProgressReporter(call);
    const now = this.ctx.now();
    const idByKey = new Map<string, string>();
    const total = workspace.teachers.length;
    this.ctx.db.sqlite.transaction(() => {
      for (const unit of workspace.units) {
        const id = this.ctx.newId();
        idByKey.set(unit.key, id);
        orgs.insert({
          id,
          code: unit.code,
          name: unit.name,
          kind: unit.kind,
          parentId: unit.parentKey ? (idByKey.get(unit.parentKey) ?? null) : null,
          now,
        });
      }
      const insert = teachers.inserter();
      let done = 0;
      for (const t of workspace.teachers) {
        const schoolId = idByKey.get(t.schoolKey);
        if (!schoolId) throw new AppError('INTERNAL', `演示教师的学校不存在：${t.schoolKey}`);
        insert({
          id: this.ctx.newId(),
          idNumber: t.idNumber,
          name: t.name,
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
        });
        done += 1;
        if (done % 2000 === 0)
          progress.update({
            phase: 'write',
            message: `正在生成演示教师（${done.toLocaleString('zh-CN')}/${total.toLocaleString('zh-CN')}）`,
            done,
            total,
          });
      }
      appendAudit(this.ctx.db.sqlite, {
        actor: call.actor,
        action: 'demo.create',
        entity: 'org_unit',
        entityId: idByKey.get(root.key) ?? null,
        summary: `创建演示数据：${workspace.units.length} 个单位，${total} 名教师（虚构）`,
        details: { seed: DEMO_SEED, units: workspace.units.length, teachers: total },
        at: now,
      });
    })();
    progress.update({ phase: 'done', message: '演示数据已创建', done: total, total }, true);
    this.ctx.events.emit('data/changed', { scope: 'org' });
    this.ctx.events.emit('data/changed', { scope: 'roster' });
    return {
      orgUnits: workspace.units.length,
      teachers: total,
      rootId: idByKey.get(root.key) ?? '',
    };
  }
}
