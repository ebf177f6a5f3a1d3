/** Every Chinese string of the operation log view, in one place so it can be reviewed and translated. */
import { formatCount } from '../../components/format-count';

export const AUDIT_TEXT = {
  pageTitle: '操作日志',
  pageDescription:
    '每一次写入（导入、编辑、含完整身份证号的导出）都会留下记录。记录只能追加，并以哈希链相连，可校验是否被改动。',
  verify: '校验完整性',
  refresh: '刷新',
  columns: {
    seq: '序号',
    at: '时间',
    actor: '操作人',
    action: '操作',
    entity: '对象',
    entityId: '对象编号',
    summary: '摘要',
  },
  empty: '还没有操作记录',
  total: (count: number) => `共 ${formatCount(count)} 条`,
  intactTitle: '日志完整',
  intact: (checked: number) =>
    `已校验全部 ${formatCount(checked)} 条记录，哈希链完整，未发现改动。`,
  brokenTitle: '日志已被改动',
  broken: (checked: number, seq: number | null) =>
    seq === null
      ? `校验了 ${formatCount(checked)} 条记录，哈希链不完整。请立即联系信息管理员，并保留数据目录以便核查。`
      : `从第 ${seq} 条记录起哈希不匹配（共校验 ${formatCount(checked)} 条）：该条或其后的记录在写入后被改动或删除。请立即联系信息管理员，并保留数据目录以便核查。`,
  verifiedAt: (time: string) => `校验时间：${time}`,
};

/** Names of the core's audit actions and entities; an unknown one is shown as stored. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'roster.import.commit': '导入花名册',
  'roster.export.full-id': '导出完整身份证号',
  'teacher.update': '修改教师信息',
  'teacher.create': '新增教师',
  'teacher.delete': '删除教师',
  'org.create': '新建单位',
  'org.update': '修改单位',
  'org.delete': '删除单位',
  'org.import.commit': '导入机构名单',
  'demo.create': '创建演示数据',
  'rules.create': '新建规则集',
  'rules.update': '修改规则集',
  'rules.delete': '删除规则集',
  'rules.save': '保存规则集',
  'setup.complete': '初始设置',
  'setup.demo': '创建演示工作区',
  'auth.login': '登录',
  'auth.login.failed': '登录失败',
  'auth.lockout': '账号锁定',
  'auth.logout': '退出登录',
  'auth.unlock': '解除闲置锁定',
  'auth.unlock.failed': '解锁失败',
  'auth.password.change': '修改密码',
  'operator.create': '新建用户',
  'operator.update': '修改用户',
  'operator.password.reset': '重置密码',
  'operator.unlock': '解除账号锁定',
  'token.create': '创建接口令牌',
  'token.revoke': '吊销接口令牌',
  'settings.update': '修改系统设置',
  'project.create': '新建培训项目',
  'project.courses': '保存课程',
  'quota.set': '分配名额',
  'quota.reclaim': '收回名额',
  'enrollment.enroll': '报名',
  'enrollment.withdraw': '退回报名',
  'enrollment.waitlist.leave': '取消候补',
  'enrollment.swap': '换人',
  'enrollment.waitlist': '加入候补',
  'enrollment.ban': '记录抄袭禁报',
};

/** Shown for an action this build has no name for (a newer version wrote it): never the code. */
export const AUDIT_UNKNOWN_ACTION = '其他操作';

export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  teacher: '教师',
  org_unit: '单位',
  rule_set: '规则集',
  operator: '用户',
  api_token: '接口令牌',
  setting: '系统设置',
  project: '培训项目',
  course: '课程',
  quota: '名额',
  enrollment: '报名',
  plagiarism_ban: '抄袭禁报',
};

export const AUDIT_UNKNOWN_ENTITY = '其他';

export const AUDIT_SYSTEM_ACTOR = '程序（自动）';

/**
 * The teacher fields a 修改教师信息 entry lists. The core writes the field codes into the summary
 * (and the stored log cannot be rewritten), so they are turned into their names when shown.
 */
export const AUDIT_TEACHER_FIELD_LABELS: Record<string, string> = {
  name: '姓名',
  idNumber: '身份证号',
  gender: '性别',
  birthDate: '出生日期',
  schoolId: '学校',
  stages: '学段',
  subject: '学科',
  title: '职称',
  mobile: '手机号码',
  employmentStatus: '在职状态',
};
