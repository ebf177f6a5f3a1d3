/** Contract of the roster: teachers, their import from Excel, and export. */
import { z } from 'zod';
import { discloses, method, needs, writes } from './define';
import {
  employmentStatus,
  fileHandle,
  gender,
  id,
  isoDate,
  isoDateTime,
  jobId,
  rowError,
  sortModel,
  stage,
} from './common.schemas';

export const teacherRow = z.object({
  id,
  name: z.string(),
  /** Always masked on the wire, e.g. 320102********123X. Full numbers only go into audited exports. */
  idNumberMasked: z.string(),
  gender,
  birthDate: isoDate,
  schoolId: id,
  schoolName: z.string(),
  districtName: z.string().nullable(),
  stages: z.array(stage),
  subject: z.string().nullable(),
  title: z.string().nullable(),
  mobile: z.string().nullable(),
  employmentStatus,
  updatedAt: isoDateTime,
});
export type TeacherRow = z.infer<typeof teacherRow>;

export const rosterFilter = z.object({
  /** Any org unit: the teachers of every school under it. */
  orgId: id.optional(),
  /** Name (contains) or the last digits of the ID number (4 or more). */
  search: z.string().trim().max(50).optional(),
  stage: stage.optional(),
  title: z.string().max(50).optional(),
  subject: z.string().max(50).optional(),
  gender: gender.optional(),
  employmentStatus: employmentStatus.optional(),
});
export type RosterFilter = z.infer<typeof rosterFilter>;

export const importPreview = z.object({
  importId: id,
  fileName: z.string(),
  sheetName: z.string(),
  /** Sheet row number of the header row (title rows above it are skipped). */
  headerRow: z.number().int().positive(),
  columns: z.array(z.object({ header: z.string(), field: z.string().nullable() })),
  unknownColumns: z.array(z.string()),
  /** What the file check left out and why (e.g. a sheet whose entry in the workbook is broken). */
  notes: z.array(z.string()),
  total: z.number().int().nonnegative(),
  new: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  errorRowCount: z.number().int().nonnegative(),
  /** The first errors (at most 1000); page through all of them with roster/importErrors. */
  errors: z.array(rowError),
  errorCount: z.number().int().nonnegative(),
  /** Teachers already on another school's roster: committed only when the user confirms. */
  transfers: z.array(
    z.object({
      row: z.number().int().positive(),
      name: z.string(),
      idNumberMasked: z.string(),
      fromSchool: z.string(),
      toSchool: z.string(),
    }),
  ),
  /** School names not found, with the closest known names; they can be created on commit. */
  unknownSchools: z.array(
    z.object({
      name: z.string(),
      rows: z.number().int().positive(),
      suggestions: z.array(z.string()),
    }),
  ),
});
export type ImportPreview = z.infer<typeof importPreview>;

export const importCommitResult = z.object({
  importId: id,
  inserted: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  transferred: z.number().int().nonnegative(),
  /** Rows of unknown schools not created, and transfers not confirmed: left as they were. */
  skipped: z.number().int().nonnegative(),
  /** Rows refused for their errors (in the error workbook), not imported. */
  rejected: z.number().int().nonnegative(),
  schoolsCreated: z.number().int().nonnegative(),
});
export type ImportCommitResult = z.infer<typeof importCommitResult>;

export const savedFile = z.object({
  fileName: z.string(),
  /** Where the file was saved, for the user to read: the place they chose in the desktop app. */
  savedTo: z.string().nullable(),
  /** A file the app keeps for its download (browser), until downloaded or expired. */
  handle: fileHandle.nullable(),
  /** On the bridge: a URL (with a one-time token) from which the browser downloads the file. */
  downloadUrl: z.string().nullable(),
  rows: z.number().int().nonnegative(),
});
export type SavedFile = z.infer<typeof savedFile>;

const countBy = z.array(z.object({ key: z.string(), count: z.number().int().nonnegative() }));

export const rosterContract = {
  'roster/list': method(
    rosterFilter.extend({
      sort: sortModel.optional(),
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().positive().max(1000).default(100),
    }),
    z.object({ rows: z.array(teacherRow), total: z.number().int().nonnegative() }),
    'read',
    needs('roster.read'),
  ),
  /** Counts of the teachers the grid shows: the same filter as roster/list. */
  'roster/stats': method(
    rosterFilter,
    z.object({
      total: z.number().int().nonnegative(),
      byStage: countBy,
      byTitle: countBy,
      byGender: countBy,
    }),
    'read',
    needs('roster.read'),
  ),
  'roster/update': method(
    z.object({
      id,
      patch: z
        .object({
          name: z.string().trim().min(1).max(50),
          schoolId: id,
          stages: z.array(stage).min(1),
          subject: z.string().trim().max(50).nullable(),
          title: z.string().trim().max(50).nullable(),
          mobile: z.string().trim().max(20).nullable(),
          employmentStatus,
        })
        .partial(),
    }),
    teacherRow,
    writes('teacher.update', '修改教师信息', 'teacher', ['roster']),
    needs('roster.edit'),
  ),
  /** Adds one teacher by hand, checked as an imported row is (ID number, name, mobile…). */
  'roster/create': method(
    z.object({
      name: z.string().trim().min(1).max(50),
      idNumber: z.string().trim().min(1).max(40),
      schoolId: id,
      stages: z.array(stage).min(1),
      subject: z.string().trim().max(50).nullable().default(null),
      title: z.string().trim().max(50).nullable().default(null),
      mobile: z.string().trim().max(20).nullable().default(null),
      employmentStatus: employmentStatus.default('在职'),
    }),
    teacherRow,
    writes('teacher.create', '新增教师', 'teacher', ['roster', 'org']),
    needs('roster.edit'),
  ),
  /**
   * Removes a teacher from the roster; one who has enrollments is marked as left (调出) instead, so
   * their records keep their teacher. The audit log keeps who it was, by whom and when.
   */
  'roster/delete': method(
    z.object({ id }),
    z.object({ deleted: z.boolean(), markedLeft: z.boolean() }),
    writes('teacher.delete', '删除教师', 'teacher', ['roster', 'org']),
    needs('roster.edit'),
  ),
  'roster/importPreview': method(
    z.object({ jobId, file: fileHandle }),
    importPreview,
    'scratch',
    needs('roster.edit'),
    {
      isJob: true,
    },
  ),
  'roster/importCommit': method(
    z.object({
      jobId,
      importId: id,
      confirmTransfers: z.boolean().default(false),
      /** Create the unknown schools (all of `names`) under this district before committing. */
      createSchools: z
        .object({ districtId: id, names: z.array(z.string().min(1)).min(1) })
        .optional(),
    }),
    importCommitResult,
    writes('roster.import.commit', '导入花名册', 'teacher', ['roster', 'org']),
    needs('roster.edit'),
    { isJob: true },
  ),
  'roster/importErrors': method(
    z.object({
      importId: id,
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().positive().max(5000).default(1000),
    }),
    z.object({ errors: z.array(rowError), total: z.number().int().nonnegative() }),
    'read',
    needs('roster.edit'),
  ),
  'roster/exportErrors': method(
    z.object({ importId: id, target: fileHandle.optional() }),
    savedFile,
    discloses('roster.export.errors', '导出错误行', 'teacher'),
    needs('roster.edit'),
  ),
  /** The import template (导入模板): recognised headers, a sample row, ID column as text. */
  'roster/template': method(
    z.object({ target: fileHandle.optional() }),
    savedFile,
    'read',
    needs('roster.edit'),
  ),
  'roster/export': method(
    rosterFilter.extend({
      jobId,
      includeFullIdNumber: z.boolean().default(false),
      /** Where to save (a handle from system/pickSaveFile); without it the file is kept for download. */
      target: fileHandle.optional(),
    }),
    savedFile,
    discloses('roster.export', '导出花名册', 'teacher'),
    needs('roster.export', { field: 'includeFullIdNumber', permission: 'roster.exportFullId' }),
    { isJob: true },
  ),
} as const;
