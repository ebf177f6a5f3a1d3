/** Every Chinese string of the system view, in one place. */
import { type SystemInfo } from '../../api/system-info';

export const SYSTEM_TEXT = {
  pageTitle: '系统信息',
  pageDescription: '程序版本、数据存放位置与加密方式、数据库迁移记录。',
  appName: '程序名称',
  version: '版本',
  dataDir: '数据目录',
  keySource: '数据库密钥',
  migrations: '已应用的数据库迁移',
  teacherCount: '教师总数',
  wire: '运行方式',
  wireElectron: '桌面程序',
  wireHttp: '浏览器（本机服务 127.0.0.1）',
  noMigrations: '无',
  /** A migration this build has no name for (added later): its date, never its class name. */
  migrationAt: (date: string) => `数据库结构更新（${date}）`,
};

export const KEY_SOURCE_TEXT: Record<SystemInfo['keySource'], { label: string; detail: string }> = {
  safeStorage: {
    label: '操作系统凭据保护',
    detail:
      '密钥由操作系统的凭据库（Windows DPAPI / macOS 钥匙串 / Linux 密钥环）加密保存，只有当前用户在本机可以解开。这是最安全的方式。',
  },
  env: {
    label: '环境变量 TRAINDESK_DB_KEY',
    detail: '密钥来自启动时的环境变量，由部署方负责保管；数据目录中不保存密钥。',
  },
  keyfile: {
    label: '数据目录中的密钥文件',
    detail:
      '密钥保存在数据目录中的文件里（仅当前用户可读）。这是较弱的方式：拿到整个数据目录的人也能拿到密钥。正式使用时建议改用环境变量或桌面版的系统凭据保护。',
  },
};

/** What each database migration did, by the migration's name (class name + timestamp). */
export const MIGRATION_LABELS: Record<string, string> = {
  InitialSchema1763800000000: '建立基础数据表：单位、教师、导入记录、操作日志',
  RuleSets1763900000000: '增加规则集数据表',
  PortableSchema1764900000000: '统一数据表结构，支持服务器数据库',
  NameSortKeys1765000000000: '教师姓名按拼音排序',
  Operators1765100000000: '增加用户、角色与权限数据表',
};
