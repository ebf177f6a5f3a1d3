/**
 * Chinese text of the API layer: titles for the core's stable error codes and the transport's own
 * failures. The core's messages are Chinese already; these titles head them in the UI.
 */
import { type ClientErrorCode } from './api-error';

export const ERROR_TITLES: Record<ClientErrorCode, string> = {
  INVALID_INPUT: '输入有误',
  UNKNOWN_METHOD: '未知的操作',
  UNAUTHORIZED: '未授权',
  UNAUTHENTICATED: '需要重新登录',
  SESSION_LOCKED: '已锁定',
  PASSWORD_CHANGE_REQUIRED: '需要修改密码',
  SETUP_REQUIRED: '尚未完成首次设置',
  NOT_FOUND: '未找到',
  // The core's message says what blocked the action and what to do; the title must not be a
  // bare "冲突", which tells an office worker nothing.
  CONFLICT: '无法完成此操作',
  FORBIDDEN: '无权操作',
  RULE_VIOLATION: '不符合规则',
  BAD_FILE: '文件无法导入',
  CANCELLED: '已取消',
  BUSY: '任务繁忙',
  DB_KEY_INVALID: '数据库密钥不正确',
  DB_TOO_NEW: '数据库版本过新',
  DB_UNAVAILABLE: '无法连接数据库',
  PLATFORM_UNAVAILABLE: '平台暂不可用',
  INTERNAL: '程序错误',
  NETWORK: '连接中断',
};

export const TRANSPORT_TEXT = {
  unauthorized: '这个标签页的访问令牌已失效：师训通重新启动后，旧的链接就不能再用了。',
  missingToken:
    '这个标签页没有访问令牌：为保护花名册中的个人信息，只有启动时打印的链接才能打开师训通。',
  unreachable: '无法连接到本机的师训通服务，请确认服务仍在运行后重试。',
  badResponse: (status: number) => `本机服务返回了无法识别的响应（HTTP ${status}）。`,
  uploadFailed: '文件上传失败。',
  noUploadOnDesktop: '桌面版直接读取本机文件，无需上传。',
  fileNameFallback: '文件',
};

export const FILE_TEXT = {
  xlsxFilterName: 'Excel 工作簿 (*.xlsx)',
};
