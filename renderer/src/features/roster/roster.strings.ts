/** Every Chinese string of the roster feature, in one place so it can be reviewed and translated. */
import { formatCount } from '../../components/format-count';

export const ROSTER_TEXT = {
  pageTitle: '花名册',
  pageDescription: '按人事关系所在学校管理教师名单：导入、核对、编辑与导出。',
  allUnits: '全部单位',
  treeTitle: '单位',
  unitScope: (name: string) => `当前范围：${name}`,

  searchPlaceholder: '姓名或身份证号后几位',
  stagePlaceholder: '学段',
  titlePlaceholder: '职称',
  statusPlaceholder: '在职状态',
  clearFilters: '清除筛选',
  addTeacher: '新增教师',
  importButton: '导入花名册',
  exportButton: '导出',
  columnsButton: '列设置',
  resetColumns: '恢复默认列',
  refresh: '刷新',
  total: (count: number) => `共 ${formatCount(count)} 人`,
  totalLoading: '正在读取教师名单…',
  statsLoading: '正在统计…',

  emptyTitle: '还没有教师数据',
  emptyDescription:
    '导入学校报送的花名册（.xlsx）。没有现成的表格时，可先下载导入模板，按模板填写后再导入。',
  emptyReadOnly: '教师名单由项目办或学校培训专干导入，导入后即可在这里查看。',
  noOrgHint: '导入前请先在“机构管理”中建立单位，或在导入时确认新建学校。',

  statsTitleStage: '按学段',
  statsTitleTitle: '按职称',
  statsTotal: '教师总数',
  statsFiltered: '符合条件',
  noMatchTitle: '没有找到符合条件的教师',
  noMatchDescription: (parts: string[]) => `筛选条件：${parts.join('；')}`,
  showAllUnits: '查看全部单位',
  statsGender: (male: number, female: number) =>
    `男 ${formatCount(male)} · 女 ${formatCount(female)}`,
  statsNone: '（未填）',
  statsOther: '其他',
  statsPeople: '人',
  statsCollapse: '收起统计图',
  statsExpand: '展开统计图',
};

export const COLUMN_TEXT = {
  name: '姓名',
  idNumber: '身份证号',
  gender: '性别',
  birthDate: '出生日期',
  school: '学校',
  district: '区县',
  stages: '学段',
  subject: '学科',
  title: '职称',
  mobile: '手机',
  status: '状态',
  updatedAt: '更新时间',
};

export const EDIT_TEXT = {
  drawerTitle: (name: string) => `编辑教师：${name}`,
  readOnlySection: '身份信息（来自身份证号，不可修改）',
  idNumber: '身份证号',
  gender: '性别',
  birthDate: '出生日期',
  name: '姓名',
  school: '学校（人事关系）',
  schoolPlaceholder: '选择学校',
  stages: '学段',
  subject: '学科',
  title: '职称',
  mobile: '手机',
  status: '在职状态',
  save: '保存',
  cancel: '取消',
  saved: '已保存',
  nameRequired: '请填写姓名',
  stagesRequired: '请至少选择一个学段',
  schoolRequired: '请选择学校',
  noChanges: '没有修改',
  createTitle: '新增教师',
  idNumberHint: '18 位身份证号；性别和出生日期由它得出。',
  created: (name: string) => `已新增教师：${name}`,
  delete: '删除',
  deleteOk: '删除',
  deleteConfirmTitle: (name: string) => `删除教师「${name}」？`,
  deleteConfirmText:
    '该教师将从花名册中移除；如已有报名记录，则改为标记为「调出」并保留记录。操作日志会保留这次操作。',
  deleted: (name: string) => `已删除教师：${name}`,
  markedLeft: (name: string) => `${name}有报名记录，未删除，已标记为「调出」`,
};

export const IMPORT_TEXT = {
  title: '导入花名册',
  stepFile: '选择文件',
  stepPreview: '检查预览',
  stepCommit: '确认导入',
  stepDone: '完成',
  previewing: '正在检查文件…',
  committing: '正在导入…',
  fileLine: (fileName: string, sheet: string, headerRow: number) =>
    `${fileName} · 工作表“${sheet}” · 表头在第 ${headerRow} 行`,

  total: '总行数',
  new: '新增',
  updated: '更新',
  unchanged: '未变',
  errors: '错误',

  unknownColumnsTitle: '以下列未能识别，将被忽略',
  notesTitle: '请注意',
  tabErrors: (count: number) => `错误明细（${formatCount(count)}）`,
  tabTransfers: (count: number) => `调动（${count}）`,
  tabUnknownSchools: (count: number) => `未知学校（${count}）`,
  noErrors: '没有错误，所有行都可以导入。',
  errorsHint: '有错误的行不会导入。可下载错误行，在 Excel 中改正后重新导入。',
  templateIntro:
    '可以直接导入学校现有的花名册（表头名称可以不同，程序会自动识别）。没有现成的表格时，请先下载导入模板，按模板填写后再导入。',
  templateButton: '下载导入模板',
  templateFileName: '教师花名册导入模板.xlsx',
  templateDialogTitle: '保存导入模板',
  templateDownloaded: (fileName: string) => `已开始下载 ${fileName}`,
  templateSaved: (path: string) => `导入模板已保存到 ${path}`,
  downloadErrors: '下载错误行',
  errorsDownloaded: (fileName: string) => `已开始下载 ${fileName}`,
  errorsSaved: (path: string) => `错误行已保存到 ${path}`,

  transfersHint:
    '这些教师已在其他学校的花名册中。确认调动后，其人事关系将改到本次文件中的学校；不确认则跳过这些行。',
  transferConfirm: '我已核实，确认以上教师调动到新学校',
  transferColumns: {
    row: '行号',
    name: '姓名',
    idNumber: '身份证号',
    from: '原学校',
    to: '新学校',
  },

  unknownSchoolsHint:
    '以下学校名称在机构中不存在，相关行将作为错误跳过。若确是新学校，可在选定的区县下新建后一并导入。',
  unknownSchoolColumns: { name: '学校名称', rows: '行数', suggestions: '相近的已有学校' },
  noSuggestions: '无相近名称',
  createSchools: '确认新建这些学校',
  districtPlaceholder: '选择所属区县',
  districtRequired: '请选择新学校所属的区县',

  back: '上一步',
  reselect: '重新选择文件',
  commit: '确认导入',
  close: '关闭',
  nothingToImport: '没有可导入的行。',

  doneTitle: '导入完成',
  doneWithLeftOut: (rows: number) => `导入完成，但有 ${formatCount(rows)} 行没有导入`,
  doneSummary: (r: {
    inserted: number;
    updated: number;
    unchanged: number;
    transferred: number;
    skipped: number;
    rejected: number;
    schoolsCreated: number;
  }) =>
    `新增 ${r.inserted} 人，更新 ${r.updated} 人，未变 ${r.unchanged} 人，调动 ${r.transferred} 人，跳过 ${r.skipped} 行，有错误未导入 ${r.rejected} 行，新建学校 ${r.schoolsCreated} 所。` +
    (r.rejected + r.skipped > 0 ? '请下载错误行，改正后重新导入。' : ''),
  inserted: '新增',
  transferred: '调动',
  skipped: '跳过',
  rejected: '有错误未导入',
  schoolsCreated: '新建学校',
};

export const EXPORT_TEXT = {
  title: '导出花名册',
  onlyFiltered: '仅当前筛选',
  filterSummaryAll: '全部教师',
  filterSummary: (parts: string[]) => parts.join('；'),
  scopeUnit: (name: string) => `单位：${name}`,
  scopeSearch: (text: string) => `搜索：${text}`,
  scopeStage: (stage: string) => `学段：${stage}`,
  scopeTitle: (title: string) => `职称：${title}`,
  scopeStatus: (status: string) => `状态：${status}`,
  includeFullId: '导出完整身份证号',
  fullIdWarningTitle: '完整身份证号属于敏感个人信息',
  fullIdWarning:
    '本次导出将记入操作日志（操作人、时间、导出范围）。请只在确有需要时导出，并妥善保管文件，用后及时删除。',
  maskedNote: '默认导出脱敏的身份证号（如 320102********123X）。',
  maskedOnly:
    '身份证号将脱敏导出（如 320102********123X）。需要完整身份证号时，请联系有相应权限的项目管理员。',
  start: '开始导出',
  exporting: '正在导出…',
  close: '关闭',
  doneTitle: '导出完成',
  downloaded: (fileName: string, rows: number) =>
    `已导出 ${formatCount(rows)} 人，浏览器已开始下载“${fileName}”。`,
  saved: (path: string, rows: number) => `已导出 ${formatCount(rows)} 人，文件已保存到：${path}`,
  saveDialogTitle: '导出花名册',
  fileStem: '花名册',
  errorsFileStem: '错误行',
};
