/**
 * Reading, editing and exporting the roster. The grid pages through the database (never the whole
 * roster over the wire); exports stream to .xlsx at flat memory, ID numbers masked unless the user
 * explicitly asks for full numbers, which is audited.
 */
import { AppError } from '@shared/api/envelope';
import { type RosterFilter, type SavedFile, type TeacherRow } from '@shared/api/roster.contract';
import { type EmploymentStatus, type Stage } from '@shared/api/common.schemas';
import { descendantIds } from '@shared/domain/org/org-hierarchy';
import { maskIdNumber } from '@shared/domain/roster/id-number';
import { checkTeacherEdit, teacherRowHash } from '@shared/domain/roster/teacher-row';
import { appendAudit } from '../../db/audit-log';
import { type CallContext } from '../../core/handler-types';
import { ProgressReporter } from '../../core/progress';
import { type ServiceContext } from '../../core/service-context';
import { timestampedPath, writeAtomically } from '../files/file-store';
import { OrgRepository } from '../org/org.repository';
import { TeacherRepository, type TeacherListRecord } from './teacher.repository';
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
    this.teachers = new TeacherRepository(ctx.db.sqlite);
    this.orgs = new OrgRepository(ctx.db.sqlite);
  }

  /** School ids under an org unit, or undefined for the whole roster. */
  private schoolScope(orgId: string | undefined): string[] | undefined {
    if (!orgId) return undefined;
    const units = this.orgs.all();
    if (!units.some((u) => u.id === orgId))
      throw new AppError('NOT_FOUND', '找不到所选单位，可能已被删除');
    const ids = descendantIds(units, orgId);
    return units.filter((u) => u.kind === 'school' && ids.has(u.id)).map((u) => u.id);
  }

  list(
    input: RosterFilter & {
      sort?: { colId: string; sort: 'asc' | 'desc' }[];
      offset: number;
      limit: number;
    },
  ): { rows: TeacherRow[]; total: number } {
    const { orgId, ...rest } = input;
    const result = this.teachers.list({ ...rest, schoolIds: this.schoolScope(orgId) });
    return { rows: result.rows.map(toTeacherRow), total: result.total };
  }

  stats(orgId: string | undefined): {
    total: number;
    byStage: { key: string; count: number }[];
    byTitle: { key: string; count: number }[];
    byGender: { key: string; count: number }[];
  } {
    const scope = this.schoolScope(orgId);
    const stageCounts = new Map<string, number>();
    for (const { key, count } of this.teachers.countBy('stages', scope)) {
      for (const stage of key.split(','))
        stageCounts.set(stage, (stageCounts.get(stage) ?? 0) + count);
    }
    return {
      total: this.teachers.count(scope),
      byStage: [...stageCounts.entries()]
        .map(([key, count]) => ({ key, count }))
        .sort((a, b) => b.count - a.count),
      byTitle: this.teachers.countBy('title', scope),
      byGender: this.teachers.countBy('gender', scope),
    };
  }

  update(
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
    actor: string,
  ): TeacherRow {
    const current = this.teachers.fullById(input.id);
    if (!current) throw new AppError('NOT_FOUND', '找不到该教师，可能已被删除');
    const patch = input.patch;
    if (patch.schoolId !== undefined) {
      const school = this.orgs.byId(patch.schoolId);
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
    const now = this.ctx.now();
    this.ctx.db.sqlite.transaction(() => {
      this.teachers.updater()({ ...next, rowHash, now });
      appendAudit(this.ctx.db.sqlite, {
        actor,
        action: 'teacher.update',
        entity: 'teacher',
        entityId: current.id,
        summary: `修改教师信息：${current.name}（${maskIdNumber(current.idNumber)}）${changed.length ? `，字段：${changed.join('、')}` : ''}${patch.schoolId && patch.schoolId !== current.schoolId ? '，调动学校' : ''}`,
        details: { fields: Object.keys(patch) },
        at: now,
      });
    })();
    this.ctx.events.emit('data/changed', { scope: 'roster' });
    const row = this.teachers.byId(current.id);
    if (!row) throw new AppError('INTERNAL', '保存后未能读回教师信息');
    return toTeacherRow(row);
  }

  async export(
    input: RosterFilter & { includeFullIdNumber: boolean; path?: string },
    call: CallContext,
  ): Promise<SavedFile> {
    const { orgId, includeFullIdNumber, path: chosen, ...filter } = input;
    const scope = this.schoolScope(orgId);
    const query = { ...filter, schoolIds: scope };
    const total = this.teachers.list({ ...query, limit: 1, offset: 0 }).total;
    const now = this.ctx.now();
    const target = chosen ?? timestampedPath(this.ctx.dataDir, 'exports', '教师花名册.xlsx', now);
    if (!/\.xlsx$/i.test(target))
      throw new AppError('INVALID_INPUT', '导出文件名必须以 .xlsx 结尾');
    const progress = new ProgressReporter(call).start();
    let written = 0;
    try {
      await writeAtomically(target, async (tmp) => {
        const writer = openSheetWriter(tmp, '教师花名册', EXPORT_COLUMNS);
        for (const page of this.teachers.iterate(query, 10_000)) {
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
    } finally {
      progress.stop();
    }
    if (includeFullIdNumber) {
      // Full ID numbers leaving the database is a disclosure: record who, what and how many.
      appendAudit(this.ctx.db.sqlite, {
        actor: call.actor,
        action: 'roster.export.full-id',
        entity: 'teacher',
        entityId: orgId ?? null,
        summary: `导出含完整身份证号的花名册 ${written} 人：${target}`,
        details: { rows: written, path: target, filter: input },
        at: now,
      });
      this.ctx.events.emit('data/changed', { scope: 'audit' });
    }
    return {
      path: target,
      fileName: target.split(/[\\/]/).pop() ?? target,
      downloadUrl: this.ctx.host.downloadUrlFor(target),
      rows: written,
    };
  }

  async writeErrorWorkbook(
    source: {
      fileName: string;
      headers: string[];
      rows: Iterable<{ original: string[]; reasons: string }>;
    },
    chosen: string | undefined,
  ): Promise<SavedFile> {
    const base = source.fileName.replace(/\.xlsx$/i, '');
    const target =
      chosen ?? timestampedPath(this.ctx.dataDir, 'exports', `${base}-错误行.xlsx`, this.ctx.now());
    let written = 0;
    await writeAtomically(target, async (tmp) => {
      const writer = openSheetWriter(tmp, '错误行', [
        ...source.headers.map((header) => ({
          header,
          width: Math.max(10, header.length * 2 + 4),
          isText: true,
        })),
        { header: '错误原因', width: 60 },
      ]);
      for (const row of source.rows) {
        const cells = source.headers.map((_, i) => row.original[i] ?? '');
        writer.addRow([...cells, row.reasons]);
        written += 1;
      }
      await writer.commit();
    });
    return {
      path: target,
      fileName: target.split(/[\\/]/).pop() ?? target,
      downloadUrl: this.ctx.host.downloadUrlFor(target),
      rows: written,
    };
  }
}
