/** Every Chinese string of signing in: the first-run setup, login, the lock and passwords. */
import { formatCount } from '../../components/format-count';

export const LOGIN_TEXT = {
  title: '登录',
  subtitle: (unit: string | null) => (unit ? `${unit} · 教师培训管理` : '教师培训管理'),
  userName: '用户名',
  userNamePlaceholder: '请输入用户名',
  userNameRequired: '请输入用户名',
  password: '密码',
  passwordPlaceholder: '请输入密码',
  passwordRequired: '请输入密码',
  submit: '登录',
  failedTitle: '登录失败',
  forgotHint: '忘记密码时，请联系本单位的系统管理员重置。',
  sessionEnded: '登录状态已失效，请重新登录。',
  demoTitle: '演示账号（演示数据使用期间显示）',
  /** Around the demo password, which is shown as typed (not translated). */
  demoIntroBefore: '以下账号的密码均为',
  demoIntroAfter: '，点击一行即可填入。',
  demoColumns: { userName: '用户名', role: '角色', unit: '单位' },
  demoNote: '演示账号修改密码后不再在这里显示。正式使用时，请在新的数据目录中完成正式设置。',
};

export const LOCK_TEXT = {
  title: '已锁定',
  reason: (minutes: number) => `已锁定（闲置超过 ${minutes} 分钟）`,
  explain: '为保护教师个人信息，界面已锁定。请输入密码继续，未保存的内容仍然保留。',
  password: '密码',
  passwordPlaceholder: '请输入登录密码',
  passwordRequired: '请输入密码',
  unlock: '解锁',
  failedTitle: '未能解锁',
  switchUser: '退出登录，以其他用户登录',
};

export const CHANGE_PASSWORD_TEXT = {
  screenTitle: '请先修改密码',
  screenIntro:
    '您正在使用管理员设置的临时密码（或首次登录）。为保护账号安全，请设置一个只有您自己知道的新密码，然后继续使用。',
  modalTitle: '修改密码',
  current: '当前密码',
  currentRequired: '请输入当前密码',
  newPassword: '新密码',
  confirm: '确认新密码',
  sameAsCurrent: '新密码不能与当前密码相同',
  submit: '确认修改',
  cancel: '取消',
  done: '密码已修改',
  failedTitle: '未能修改密码',
  logout: '退出登录',
  who: '当前用户：',
};

export const SETUP_TEXT = {
  title: '欢迎使用师训通',
  intro: '这是本机第一次运行师训通。请选择开始的方式：',
  demo: {
    title: '使用演示数据体验',
    description:
      '创建一套虚构的示范市（若干区县、数百所学校和教师，身份证号均为虚构号码），并为每种角色创建一个演示账号，用于熟悉软件。',
    note: '演示数据仅供体验。正式使用时，请在新的数据目录中选择「正式设置」。',
    teachers: '演示教师人数',
    teachersHint: '人数越多创建越慢；三万人约需一分钟。',
    start: '创建演示数据',
    running: '正在创建演示数据，请稍候…',
    done: (units: number, teachers: number, accounts: number) =>
      `演示数据已创建：${formatCount(units)} 个单位、${formatCount(teachers)} 名教师、${accounts} 个演示账号。请用演示账号登录。`,
    failedTitle: '演示数据未能创建',
  },
  formal: {
    title: '正式设置',
    description:
      '确定本系统服务的单位（如某市、某区县教师培训中心），并创建第一位系统管理员。之后由系统管理员为各单位的工作人员建立账号。',
    steps: [
      '选择或填写本系统服务的单位',
      '创建第一位系统管理员（设置完成后自动登录）',
      '由系统管理员在「用户与权限」中为项目办、学校等建立账号',
    ],
    start: '开始正式设置',
  },
  steps: { unit: '服务单位', admin: '系统管理员', done: '完成' },
  back: '上一步',
  next: '下一步',
  backToChoice: '返回',
  unit: {
    title: '本系统服务哪个单位？',
    intro:
      '所有用户的管理范围都在这个单位之内。以后可以在「机构管理」中添加下级单位（区县、学校）。',
    chooseExisting: '从已有单位中选择',
    createNew: '新建单位',
    existingHint: '数据库中已有以下单位，请点选本系统服务的单位：',
    chooseRequired: '请在左侧选择一个单位',
    chosen: (name: string) => `已选择：${name}`,
    loading: '正在读取已有单位…',
    name: '单位名称',
    namePlaceholder: '行政单位的全称，例如：某某市、某某区或某某中学',
    nameRequired: '请输入单位名称',
    kind: '单位类型',
    kindRequired: '请选择单位类型',
    code: '单位代码（可选）',
    codePlaceholder: '例如行政区划代码 320100',
    codeHint: '用于和教育系统其他表格对应，可以不填。',
  },
  admin: {
    title: '创建系统管理员',
    intro:
      '系统管理员负责用户与权限、系统设置、操作日志和单位维护，不处理培训业务，也看不到教师个人信息。项目办和学校的工作人员请在设置完成后另行创建账号。',
    displayName: '姓名',
    displayNamePlaceholder: '管理员的真实姓名',
    displayNameRequired: '请输入姓名',
    userName: '用户名',
    userNamePlaceholder: '登录时使用，如姓名拼音',
    userNameHint: '2–32 个英文字母、数字或 . _ -，不区分大小写。',
    submit: '完成设置',
    failedTitle: '未能完成设置',
  },
  done: {
    title: '设置完成',
    description: (name: string, unit: string) =>
      `已为「${unit}」创建系统管理员 ${name}，并已登录。下一步：在「用户与权限」中为项目办和学校的工作人员创建账号。`,
    enter: '进入师训通',
  },
};
