/**
 * Reading, editing and exporting the roster. The grid pages through the database (never the whole
 * roster over the wire); exports stream to .xlsx at flat memory, ID numbers masked unless the user
 * explicitly asks for full numbers, which is audited.
 */
import { AppError } from '@shared/api/envelope';
import { type RosterFilter, type SavedFile, type TeacherRow } from '@shared/api/roster.contract';
import { type EmploymentStatus, type Stage } from '@shared/api/common.schemas';
import { checkIdNumber, maskIdNumber } from '@shared/domain/roster/id-number';
import { nameSortKey } from '@shared/domain/roster/name-key';
import { checkTeacherEdit, teacherRowHash } from '@shared/domain/roster/teacher-row';
import { type CallContext } from '../../core/handler-types';
import { writeTx } from '../../core/write-path';
import { ProgressReporter } from '../../core/progress';
import { chinaToday, type ServiceContext } from '../../core/service-context';
import { writeAtomically } from '../files/file-store';
import { downloadName, exportTarget, writeExport } from '../files/saved-file';
import { OrgRepository } from '../org/org.repository';
import { requireScope, UnitScope } from '../org/unit-scope';
import { type Tx } from '../../db/database';
import { EnrollmentEntity, WaitlistEntity } from '../../db/entities/enrollment.entity';
import {
  type ListQuery,
  mostFirst,
  TeacherRepository,
  type TeacherListRecord,
} from './teacher.repository';
import { openSheetWriter } from './xlsx-writer';

export function toTeacherRow(r: TeacherListRecord): TeacherRow {
  return {
    id: r.id,
    name: r.name,
    idNumberMasked: maskIdNumber(r.idNumber),
    gender: r.gender as TeacherRow['gender'],
    birthDate: r.birthDate,
    schoolId: r.schoolId,
    schoolName: r.schoolName,
    districtName: r.districtName,
    stages: r.stages ? (r.stages.split(',') as Stage[]) : [],
    subject: r.subject,
    title: r.title,
    mobile: r.mobile,
    employmentStatus: r.employmentStatus as EmploymentStatus,
    updatedAt: r.updatedAt,
  };
}

const EXPORT_COLUMNS = [
  { header: '姓名', width: 12 },
  { header: '身份证号', width: 22, isText: true },
  { header: '性别', width: 6 },
  { header: '出生日期', width: 12 },
  { header: '学校', width: 30 },
  { header: '区县', width: 14 },
  { header: '学段', width: 12 },
  { header: '学科', width: 10 },
  { header: '职称', width: 12 },
  { header: '手机号', width: 14, isText: true },
  { header: '在职状态', width: 10 },
];

export class RosterService {
  private readonly teachers: TeacherRepository;
  private readonly orgs: OrgRepository;

  constructor(private readonly ctx: ServiceContext) {
    this.teachers = new TeacherRepository(ctx.db);
    this.orgs = new OrgRepository(ctx.db);
  }

  /** The schools a call may see under the unit chosen in the tree (default: its whole scope). */
  private async schools(
    call: CallContext,
    orgId: string | undefined,
    tx?: Tx,
  ): Promise<string[] | 'all'> {
    return (await UnitScope.load(this.orgs, requireScope(call), tx)).schools(orgId);
  }

  /** A teacher inside the call's scope, or NOT_FOUND (as if there were none). */
  private async teacherInScope(id: string, call: CallContext, tx: Tx): Promise<UnitScope> {
    const scope = await UnitScope.load(this.orgs, requireScope(call), tx);
    const current = await this.teachers.byId(id, tx);
    if (!current || !scope.has(current.schoolId)) {
      throw new AppError('NOT_FOUND', '找不到该教师，可能已被删除');
    }
    return scope;
  }

  async list(
    input: RosterFilter & {
      sort?: { colId: string; sort: 'asc' | 'desc' }[];
      offset: number;
      limit: number;
    },
    call: CallContext,
  ): Promise<{ rows: TeacherRow[]; total: number }> {
    const { orgId, ...rest } = input;
    const result = await this.teachers.list({ ...rest, schools: await this.schools(call, orgId) });
    return { rows: result.rows.map(toTeacherRow), total: result.total };
  }

  /** The figures of the teachers the grid shows (its filter and the unit chosen in the tree). */
  async stats(
    filter: RosterFilter,
    call: CallContext,
  ): Promise<{
    total: number;
    byStage: { key: string; count: number }[];
    byTitle: { key: string; count: number }[];
    byGender: { key: string; count: number }[];
  }> {
    const { orgId, ...rest } = filter;
    const scope: ListQuery = { ...rest, schools: await this.schools(call, orgId) };
    const counts = await this.teachers.countByColumns(scope);
    // A teacher of several stages counts once under each; the total counts teachers.
    const stageCounts = new Map<string, number>();
    for (const { key, count } of counts.stages) {
      for (const stage of key.split(','))
        stageCounts.set(stage, (stageCounts.get(stage) ?? 0) + count);
    }
    return {
      total: counts.gender.reduce((sum, { count }) => sum + count, 0),
      byStage: [...stageCounts.entries()].map(([key, count]) => ({ key, count })).sort(mostFirst),
      byTitle: counts.title,
      byGender: counts.gender,
    };
  }

  async create(
    input: {
      name: string;
      idNumber: string;
      schoolId: string;
      stages: Stage[];
      subject: string | null;
      title: string | null;
      mobile: string | null;
      employmentStatus: EmploymentStatus;
    },
    call: CallContext,
  ): Promise<TeacherRow> {
    const tx = writeTx(call);
    const id = checkIdNumber(input.idNumber, chinaToday(this.ctx.now()));
    if (!id.ok) throw new AppError('INVALID_INPUT', id.message, { field: 'idNumber' });
    const scope = await UnitScope.load(this.orgs, requireScope(call), tx);
    const school = scope.get(input.schoolId);
    if (!school || school.kind !== 'school') throw new AppError('INVALID_INPUT', '请选择一所学校');
    // The same checks and normalisation as an import of these columns (teacher-row.ts).
    const edit = checkTeacherEdit({
      name: input.name,
      subject: input.subject,
      title: input.title,
      mobile: input.mobile,
    });
    if (!edit.ok) throw new AppError('INVALID_INPUT', edit.message, { field: edit.field });
    const existing = (await this.teachers.findManyByIdNumber([id.idNumber], tx)).get(id.idNumber);
    if (existing && !scope.has(existing.schoolId)) {
      // Where and who stay unsaid: the teacher is outside this operator's scope.
      throw new AppError(
        'CONFLICT',
        `身份证号 ${maskIdNumber(id.idNumber)} 已登记在您管辖范围以外的单位，不能重复添加；如是调入，请联系上级项目办办理调动`,
      );
    }
    if (existing) {
      const where = scope.get(existing.schoolId)?.name ?? '另一所学校';
      throw new AppError(
        'CONFLICT',
        `身份证号 ${maskIdNumber(id.idNumber)} 已在花名册中（${where}，${existing.name}），不能重复添加；如果是调动，请在该教师的信息里修改学校`,
      );
    }
    const stages = [...new Set(input.stages)];
    const teacher = {
      id: this.ctx.newId(),
      idNumber: id.idNumber,
      name: edit.value.name ?? input.name,
      gender: id.gender,
      birthDate: id.birthDate,
      schoolId: school.id,
      subject: edit.value.subject ?? null,
      title: edit.value.title ?? null,
      mobile: edit.value.mobile ?? null,
      employmentStatus: input.employmentStatus,
    };
    const rowHash = teacherRowHash({ ...teacher, stages, schoolName: '' });
    await this.teachers.insertMany(tx, [
      {
        ...teacher,
        nameKey: nameSortKey(teacher.name),
        stages: stages.join(','),
        rowHash,
        now: this.ctx.now(),
      },
    ]);
    call.audit?.({
      entityId: teacher.id,
      summary: `新增教师：${teacher.name}（${maskIdNumber(teacher.idNumber)}），${school.name}`,
      details: { schoolId: school.id, stages },
    });
    const row = await this.teachers.byId(teacher.id, tx);
    if (!row) throw new AppError('INTERNAL', '保存后未能读回教师信息');
    return toTeacherRow(row);
  }

  /**
   * Deletes a teacher, or, when they have enrollments (of any status) or waiting places, marks them
   * as left (调出) instead: those records keep their teacher. Either way the audit log keeps who it
   * was, by whom and when.
   */
  async delete(id: string, call: CallContext): Promise<{ deleted: boolean; markedLeft: boolean }> {
    const tx = writeTx(call);
    await this.teacherInScope(id, call, tx);
    const current = await this.teachers.byId(id, tx);
    if (!current) throw new AppError('NOT_FOUND', '找不到该教师，可能已被删除');
    const records =
      (await tx.manager.getRepository(EnrollmentEntity).countBy({ teacherId: id })) +
      (await tx.manager.getRepository(WaitlistEntity).countBy({ teacherId: id }));
    const who = `${current.name}（${maskIdNumber(current.idNumber)}），${current.schoolName}`;
    if (records > 0) {
      if (current.employmentStatus !== '调出') {
        await this.update({ id, patch: { employmentStatus: '调出' } }, call);
      }
      call.audit?.({
        entityId: id,
        summary: `教师有 ${records} 条报名记录，未删除，标记为调出：${who}`,
        details: { schoolId: current.schoolId, records, markedLeft: true },
      });
      return { deleted: false, markedLeft: true };
    }
    await this.teachers.delete(tx, id);
    call.audit?.({
      entityId: id,
      summary: `删除教师：${who}`,
      details: { schoolId: current.schoolId },
    });
    return { deleted: true, markedLeft: false };
  }

  async update(
    input: {
      id: string;
      patch: Partial<{
        name: string;
        schoolId: string;
        stages: Stage[];
        subject: string | null;
        title: string | null;
        mobile: string | null;
        employmentStatus: EmploymentStatus;
      }>;
    },
    call: CallContext,
  ): Promise<TeacherRow> {
    const tx = writeTx(call);
    const scope = await this.teacherInScope(input.id, call, tx);
    const current = await this.teachers.fullById(input.id, tx);
    if (!current) throw new AppError('NOT_FOUND', '找不到该教师，可能已被删除');
    const patch = input.patch;
    if (patch.schoolId !== undefined) {
      // A transfer stays inside the scope: moving a teacher out is the upper office's business.
      const school = scope.get(patch.schoolId);
      if (!school || school.kind !== 'school')
        throw new AppError('INVALID_INPUT', '请选择一所学校');
    }
    // The same checks and normalisation as an import of these columns (teacher-row.ts).
    const edit = checkTeacherEdit({
      name: patch.name,
      subject: patch.subject,
      title: patch.title,
      mobile: patch.mobile,
    });
    if (!edit.ok) throw new AppError('INVALID_INPUT', edit.message, { field: edit.field });
    const checked = edit.value;
    const next = {
      ...current,
      name: checked.name ?? current.name,
      schoolId: patch.schoolId ?? current.schoolId,
      stages: patch.stages ? [...new Set(patch.stages)].join(',') : current.stages,
      subject: checked.subject === undefined ? current.subject : checked.subject,
      title: checked.title === undefined ? current.title : checked.title,
      mobile: checked.mobile === undefined ? current.mobile : checked.mobile,
      employmentStatus: patch.employmentStatus ?? current.employmentStatus,
    };
    const rowHash = teacherRowHash({
      idNumber: next.idNumber,
      name: next.name,
      gender: next.gender as '男' | '女',
      birthDate: next.birthDate,
      schoolName: '',
      stages: next.stages.split(',') as Stage[],
      subject: next.subject,
      title: next.title,
      mobile: next.mobile,
      employmentStatus: next.employmentStatus as EmploymentStatus,
      schoolId: next.schoolId,
    });
    const changed = Object.entries(patch)
      .filter(([key]) => key !== 'schoolId')
      .map(([key]) => key);
    await this.teachers.update(tx, {
      ...next,
      nameKey: nameSortKey(next.name),
      rowHash,
      now: this.ctx.now(),
    });
    call.audit?.({
      entityId: current.id,
      summary: `修改教师信息：${current.name}（${maskIdNumber(current.idNumber)}）${changed.length ? `，字段：${changed.join('、')}` : ''}${patch.schoolId && patch.schoolId !== current.schoolId ? '，调动学校' : ''}`,
      details: { fields: Object.keys(patch) },
    });
    const row = await this.teachers.byId(current.id, tx);
    if (!row) throw new AppError('INTERNAL', '保存后未能读回教师信息');
    return toTeacherRow(row);
  }

  async export(
    input: RosterFilter & { includeFullIdNumber: boolean; target?: string },
    call: CallContext,
  ): Promise<SavedFile> {
    const { orgId, includeFullIdNumber, target, ...filter } = input;
    const unitScope = await UnitScope.load(this.orgs, requireScope(call));
    const query: ListQuery = { ...filter, schools: unitScope.schools(orgId) };
    const total = (await this.teachers.list({ ...query, limit: 1, offset: 0 })).total;
    const out = exportTarget(this.ctx.files, target, downloadName('教师花名册', this.ctx.now()));
    if (!/\.xlsx$/i.test(out.path)) {
      this.ctx.files.release(out.handle);
      throw new AppError('INVALID_INPUT', '导出文件名必须以 .xlsx 结尾');
    }
    const progress = new ProgressReporter(call).start();
    let saved: SavedFile;
    try {
      saved = await writeExport(this.ctx.files, this.ctx.host, out, async (filePath) => {
        let written = 0;
        await writeAtomically(filePath, async (tmp) => {
          const writer = await openSheetWriter(tmp, '教师花名册', EXPORT_COLUMNS);
          for await (const page of this.teachers.iterate(query, 10_000)) {
            for (const t of page) {
              writer.addRow([
                t.name,
                includeFullIdNumber ? t.idNumber : maskIdNumber(t.idNumber),
                t.gender,
                t.birthDate,
                t.schoolName,
                t.districtName,
                t.stages.split(',').join('、'),
                t.subject,
                t.title,
                t.mobile,
                t.employmentStatus,
              ]);
              written += 1;
            }
            progress.update({
              phase: 'write',
              message: `已写出 ${written.toLocaleString('zh-CN')}/${total.toLocaleString('zh-CN')} 行`,
              done: written,
              total,
            });
            if (call.signal.aborted) throw new AppError('CANCELLED', '已取消导出');
            await new Promise((resolve) => setImmediate(resolve));
          }
          await writer.commit();
        });
        return written;
      });
    } finally {
      progress.stop();
    }
    // Teachers' data leaving the database is a disclosure: who, what and how many, and whether
    // the ID numbers were whole.
    call.audit?.({
      entityId: orgId ?? null,
      summary: `导出${includeFullIdNumber ? '含完整身份证号的' : ''}花名册 ${saved.rows} 人：${saved.savedTo ?? `${saved.fileName}（下载）`}`,
      details: {
        rows: saved.rows,
        savedTo: saved.savedTo,
        fileName: saved.fileName,
        filter,
        orgId: orgId ?? null,
        // The scope the file was cut from: the operator's home unit.
        scopeRootId: unitScope.rootId,
        includeFullIdNumber,
      },
    });
    return saved;
  }
}
