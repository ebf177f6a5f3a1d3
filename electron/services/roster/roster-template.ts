/**
 * The import template (导入模板): an empty roster with exactly the headers the import recognises,
 * one sample row, and the ID number and mobile columns formatted as text, so that Excel keeps all
 * 18 characters of an ID instead of turning it into 3.2E+17. A second sheet says what each column
 * takes. Built from TEACHER_FIELDS, so the template cannot drift from what the import reads.
 */
import { TEACHER_FIELDS, type TeacherField } from '@shared/domain/roster/header-match';
import { buildIdNumber } from '@shared/domain/roster/id-number';
import { EMPLOYMENT_STATUSES, SCHOOL_TITLES, STAGES } from '@shared/domain/roster/vocabulary';
import { type SavedFile } from '@shared/api/roster.contract';
import { AppError } from '@shared/api/envelope';
import { type ServiceContext } from '../../core/service-context';
import { loadExcelJs } from '../files/exceljs';
import { writeAtomically } from '../files/file-store';
import { exportTarget, writeExport } from '../files/saved-file';

export const TEMPLATE_FILE_NAME = '教师花名册导入模板.xlsx';

const TEXT_FIELDS: ReadonlySet<TeacherField> = new Set(['idNumber', 'mobile']);

const WIDTHS: Record<TeacherField, number> = {
  name: 12,
  idNumber: 22,
  gender: 6,
  school: 30,
  stages: 14,
  subject: 10,
  title: 14,
  mobile: 14,
  employmentStatus: 10,
};

/**
 * A fictional teacher. The school is a placeholder that no workspace has, so a sample row left in
 * by mistake is rejected by the import (找不到学校) instead of becoming a teacher.
 */
const SAMPLE: Record<TeacherField, string> = {
  name: '张三',
  idNumber: buildIdNumber('110101', '1985-03-12', 123),
  gender: '男',
  school: '（示例）请改为贵校全称',
  stages: '初中、高中',
  subject: '数学',
  title: '一级教师',
  mobile: '13800138000',
  employmentStatus: EMPLOYMENT_STATUSES[0] ?? '在职',
};

const NOTES: Record<TeacherField, string> = {
  name: '教师姓名。',
  idNumber: '18 位居民身份证号码。本列已设为文本格式，请勿改为数值，否则 Excel 会丢失末尾数字。',
  gender: '男或女；可不填，导入时按身份证号核对。',
  school: '人事关系所在学校的全称，须与「机构管理」中的名称一致。',
  stages: `可填写：${STAGES.join('、')}；任教多个学段时用顿号分隔。`,
  subject: '任教学科，如语文、数学。',
  title: `如：${SCHOOL_TITLES.join('、')}。`,
  mobile: '11 位手机号码（文本格式）。',
  employmentStatus: `可填写：${EMPLOYMENT_STATUSES.join('、')}；不填视为在职。`,
};

export async function writeRosterTemplate(
  ctx: ServiceContext,
  target: string | undefined,
): Promise<SavedFile> {
  const out = exportTarget(ctx.files, target, TEMPLATE_FILE_NAME);
  if (!/\.xlsx$/i.test(out.path)) {
    ctx.files.release(out.handle);
    throw new AppError('INVALID_INPUT', '模板文件名必须以 .xlsx 结尾');
  }
  return writeExport(ctx.files, ctx.host, out, async (filePath) => {
    await writeAtomically(filePath, async (tmp) => {
      const ExcelJS = loadExcelJs();
      const workbook = new ExcelJS.Workbook();
      workbook.creator = '师训通 TrainDesk';
      const sheet = workbook.addWorksheet('教师花名册', {
        views: [{ state: 'frozen', ySplit: 1 }],
      });
      sheet.columns = TEACHER_FIELDS.map((spec) => ({
        header: spec.label,
        key: spec.field,
        width: WIDTHS[spec.field],
        // The whole column, so rows the office adds are text too.
        style: TEXT_FIELDS.has(spec.field) ? { numFmt: '@' } : {},
      }));
      sheet.getRow(1).font = { bold: true };
      sheet.addRow(TEACHER_FIELDS.map((spec) => SAMPLE[spec.field]));

      const notes = workbook.addWorksheet('填写说明');
      notes.columns = [
        { header: '列', key: 'label', width: 12 },
        { header: '是否必填', key: 'required', width: 10 },
        { header: '填写要求', key: 'note', width: 90 },
      ];
      notes.getRow(1).font = { bold: true };
      for (const spec of TEACHER_FIELDS) {
        notes.addRow([spec.label, spec.required ? '必填' : '选填', NOTES[spec.field]]);
      }
      notes.addRow([]);
      notes.addRow(['', '', '第 2 行是示例，请先删除或改为真实数据再导入。']);
      notes.addRow(['', '', '序号、出生日期、区县、备注等列可以保留，导入时不读取。']);
      await workbook.xlsx.writeFile(tmp);
    });
    return 1;
  });
}
