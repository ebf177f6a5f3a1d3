/** Every Chinese string of org management, in one place so it can be reviewed and translated. */
import { formatCount } from '../../components/format-count';

export const ORG_TEXT = {
  pageTitle: '机构管理',
  pageDescription: '省、市、区县、学校四级单位（幼儿园按学校管理）。教师按人事关系挂在学校下。',
  treeTitle: '单位',
  importButton: '导入机构名单',
  createTop: '新建顶级单位',
  createChild: (kindLabel: string) => `新建${kindLabel}`,
  rename: '编辑',
  delete: '删除',
  deleteConfirmTitle: (name: string) => `删除“${name}”？`,
  deleteConfirmBody: '只能删除没有下级单位、也没有教师的单位。此操作会记入操作日志。',
  deleteOk: '删除',
  deleteBlockedChildren: (name: string, count: number) =>
    `「${name}」下还有 ${formatCount(count)} 个下级单位，不能删除。要删除它，请先删除或移走这些下级单位。`,
  deleteBlockedTeachers: (name: string, count: number) =>
    `「${name}」的花名册中还有 ${formatCount(count)} 名教师，不能删除。要删除它，请先在「花名册」中把这些教师调到其他单位。`,
  cancel: '取消',
  deleted: (name: string) => `已删除“${name}”`,
  created: (name: string) => `已新建“${name}”`,
  updated: '已保存',
  nothingSelected: '在左侧选择一个单位，查看其信息和下级单位。',
  emptyTree: '还没有任何单位。可以逐个新建，或导入机构名单（.xlsx）。',
  details: {
    name: '名称',
    kind: '类型',
    code: '代码',
    parent: '上级单位',
    teachers: '教师人数',
    children: '下级单位',
    none: '—',
  },
  childrenTitle: (count: number) => `下级单位（${count}）`,
  childColumns: { name: '名称', kind: '类型', code: '代码', teachers: '教师人数' },
  noChildren: '没有下级单位',
};

export const ORG_FORM_TEXT = {
  createTitle: (kindLabel: string, parentName: string | null) =>
    parentName ? `在“${parentName}”下新建${kindLabel}` : `新建${kindLabel}`,
  editTitle: (name: string) => `编辑“${name}”`,
  name: '单位名称',
  nameRequired: '请填写单位名称',
  kind: '类型',
  code: '代码（可选）',
  codeHint: '如统一社会信用代码或教育部门编码，便于与上级平台对账。',
  ok: '保存',
  cancel: '取消',
};

export const ORG_IMPORT_TEXT = {
  title: '导入机构名单',
  intro:
    '工作簿需包含列：单位名称、类型（省/市/区县/学校）、上级单位、代码（可选）。上级单位须已存在或在同一文件中先出现。',
  stepFile: '选择文件',
  stepPreview: '检查预览',
  stepCommit: '确认导入',
  stepDone: '完成',
  total: '总行数',
  new: '新增',
  unchanged: '未变',
  errors: '错误',
  noErrors: '没有错误，所有行都可以导入。',
  errorsTitle: (count: number) => `错误明细（${count}）`,
  errorsHint: '有错误的行不会导入。请在 Excel 中改正后重新导入。',
  reselect: '重新选择文件',
  commit: '确认导入',
  close: '关闭',
  doneTitle: '导入完成',
  doneSummary: (inserted: number) => `新建单位 ${inserted} 个。`,
};
