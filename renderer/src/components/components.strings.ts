/**
 * Chinese text of the shared components (grid, tree, file picker, progress, error display).
 * AG Grid's Chinese locale lives in a package we do not ship, so the few strings it shows are here.
 */
import { type OrgKind } from '@shared/api/common.schemas';
import { formatCount } from './format-count';

export const GRID_LOCALE_TEXT: Record<string, string> = {
  loadingOoo: '加载中…',
  loadingError: '加载失败',
  noRowsToShow: '暂无数据',
  noMatchingRows: '没有符合条件的记录',
  sortAscending: '升序',
  sortDescending: '降序',
  sortUnSort: '取消排序',
  page: '页',
  of: '/',
  to: '至',
  more: '更多',
  firstPage: '首页',
  lastPage: '末页',
  nextPage: '下一页',
  previousPage: '上一页',
  pageSizeSelectorLabel: '每页：',
  ariaPageSizeSelectorLabel: '每页行数',
  pageLastRowUnknown: '?',
  ariaSortableColumn: '按回车键排序',
  ariaMenuColumn: '按 ALT+向下键打开列菜单',
  ariaLabelColumnMenu: '列菜单',
  ariaRowIndex: '行号',
  ariaRowSelect: '按空格键选中此行',
  ariaRowDeselect: '按空格键取消选中此行',
  ariaRowToggleSelection: '按空格键切换此行的选中状态',
  ariaRowSelectAll: '按空格键全选或取消全选',
  ariaRowSelectionDisabled: '此行不可选中',
  ariaChecked: '已选中',
  ariaUnchecked: '未选中',
  ariaIndeterminate: '部分选中',
  ariaSkeletonCellLoading: '正在加载行数据',
  ariaSkeletonCellLoadingFailed: '行数据加载失败',
  thousandSeparator: ',',
  decimalSeparator: '.',
};

export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  province: '省',
  city: '市',
  district: '区县',
  school: '学校',
};

export const ORG_TREE_TEXT = {
  searchPlaceholder: '搜索单位名称',
  empty: '还没有任何单位',
  loading: '正在读取单位…',
  noMatch: '没有匹配的单位',
  countSuffix: '人',
  teacherCountTitle: (count: number) => `共 ${formatCount(count)} 名教师`,
};

export const FILE_PICK_TEXT = {
  dragTitle: '点击或将 Excel 文件拖到此处',
  dragHint:
    '仅支持 .xlsx 工作簿（Excel 2007 及以上）。旧版 .xls、WPS .et 或 CSV 请先另存为 .xlsx。',
  chooseButton: '选择文件…',
  nativeHint: '请选择要导入的 .xlsx 工作簿。',
  uploading: '正在上传…',
  notXlsx: (name: string) =>
    `“${name}”不是 .xlsx 文件。请在 Excel 或 WPS 中另存为 .xlsx 后再导入。`,
  dialogTitle: '选择要导入的工作簿',
};

export const JOB_TEXT = {
  cancel: '取消',
  cancelling: '正在取消…',
  starting: '正在启动…',
  rows: (done: number, total: number | null) =>
    total === null
      ? `已处理 ${formatCount(done)} 行`
      : `${formatCount(done)} / ${formatCount(total)}`,
};

export const ERROR_TEXT = {
  detailsTitle: '详细信息',
  retry: '重试',
  fieldPath: (path: string) => `字段 ${path}`,
};

export const ERROR_GRID_TEXT = {
  row: '行号',
  column: '列',
  message: '错误说明',
  code: '错误代码',
  wholeRow: '（整行）',
};

export const PAGE_TEXT = {
  loading: '加载中…',
};

export const PASSWORD_TEXT = {
  password: '密码',
  confirm: '确认密码',
  required: '请输入密码',
  confirmRequired: '请再输入一次密码',
  mismatch: '两次输入的密码不一致',
  policyHint: '至少 8 个字符，不能全是数字，不能与用户名相同。',
  ok: '密码符合要求',
};
