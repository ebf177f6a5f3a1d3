/**
 * The project's files: 名额分配表 (a unit's quota sheet) and 报名名单 (enrolled and waiting teachers),
 * both cut to the caller's scope, streamed with the roster's writer (text cells for ID numbers,
 * formulas neutralised), and audited as disclosures with the scope and the row count.
 */
import { type SavedFile } from '@shared/api/roster.contract';
import { AppError } from '@shared/api/envelope';
import { type CallContext } from '../../core/handler-types';
import { type ServiceContext } from '../../core/service-context';
import { writeAtomically } from '../files/file-store';
import { downloadName, exportTarget, writeExport } from '../files/saved-file';
import { openSheetWriter } from '../roster/xlsx-writer';
import { EnrollmentService } from './enrollment.service';
import { QuotasService } from './quotas.service';

const KIND_LABEL = { province: '省', city: '市', district: '区县', school: '学校' } as const;

export class ProjectExports {
  constructor(private readonly ctx: ServiceContext) {}

  private target(target: string | undefined, stem: string) {
    const out = exportTarget(this.ctx.files, target, downloadName(stem, this.ctx.now()));
    if (!/\.xlsx$/i.test(out.path)) {
      this.ctx.files.release(out.handle);
      throw new AppError('INVALID_INPUT', '导出文件名必须以 .xlsx 结尾');
    }
    return out;
  }

  async quotas(
    input: { projectId: string; unitId?: string; target?: string },
    call: CallContext,
  ): Promise<SavedFile> {
    const sheet = await new QuotasService(this.ctx).sheet(input, call);
    const out = this.target(
      input.target,
      `名额分配表-${sheet.project.code}-${sheet.parent.unit.name}`,
    );
    const saved = await writeExport(this.ctx.files, this.ctx.host, out, async (filePath) => {
      let written = 0;
      await writeAtomically(filePath, async (tmp) => {
        const writer = await openSheetWriter(tmp, '名额分配表', [
          { header: '单位', width: 30 },
          { header: '级别', width: 8 },
          { header: '教师数', width: 10 },
          ...sheet.batches.map((b) => ({ header: `${b.name}名额`, width: 12 })),
          { header: '名额合计', width: 10 },
          { header: '已下发', width: 10 },
          { header: '已报名', width: 10 },
          { header: '名额覆盖率(%)', width: 12 },
          { header: '参训率(%)', width: 10 },
        ]);
        for (const row of [sheet.parent, ...sheet.children]) {
          const sum = (pick: (c: (typeof row.cells)[number]) => number): number =>
            row.cells.reduce((total, c) => total + pick(c), 0);
          writer.addRow([
            row === sheet.parent ? `${row.unit.name}（本单位）` : row.unit.name,
            KIND_LABEL[row.unit.kind],
            row.teachers,
            ...row.cells.map((c) => c.seats),
            row.totalSeats,
            sum((c) => c.handedDown),
            row.totalEnrolled,
            row.coveragePercent,
            row.enrolledPercent,
          ]);
          written += 1;
        }
        await writer.commit();
      });
      return written;
    });
    call.audit?.({
      entityId: sheet.project.id,
      summary: `导出名额分配表（${sheet.project.code}，${sheet.parent.unit.name}）${saved.rows} 行`,
      details: {
        rows: saved.rows,
        unitId: sheet.parent.unit.id,
        scopeRootId: call.scope?.rootId ?? null,
        savedTo: saved.savedTo,
      },
    });
    return saved;
  }

  async enrollments(
    input: { projectId: string; batchId?: string; unitId?: string; target?: string },
    call: CallContext,
  ): Promise<SavedFile> {
    const rows = await new EnrollmentService(this.ctx).list(input, call);
    const out = this.target(input.target, '报名名单');
    const saved = await writeExport(this.ctx.files, this.ctx.host, out, async (filePath) => {
      let written = 0;
      await writeAtomically(filePath, async (tmp) => {
        const writer = await openSheetWriter(tmp, '报名名单', [
          { header: '批次', width: 10 },
          { header: '状态', width: 8 },
          { header: '顺序', width: 8 },
          { header: '学校', width: 30 },
          { header: '姓名', width: 12 },
          { header: '身份证号', width: 22, isText: true },
          { header: '课程', width: 24 },
          { header: '登记时间', width: 22 },
          { header: '登记人', width: 22 },
          { header: '说明', width: 30 },
        ]);
        for (const r of rows) {
          writer.addRow([
            r.batchName,
            r.kind === 'enrolled' ? '已报名' : '候补',
            r.order,
            r.school.name,
            r.teacher.name,
            r.teacher.idNumberMasked,
            r.course.name,
            r.createdAt,
            r.createdBy,
            r.overrideReason,
          ]);
          written += 1;
        }
        await writer.commit();
      });
      return written;
    });
    call.audit?.({
      entityId: input.projectId,
      summary: `导出报名名单 ${saved.rows} 行（身份证号打码）`,
      details: {
        rows: saved.rows,
        batchId: input.batchId ?? null,
        unitId: input.unitId ?? null,
        scopeRootId: call.scope?.rootId ?? null,
        savedTo: saved.savedTo,
      },
    });
    return saved;
  }
}
