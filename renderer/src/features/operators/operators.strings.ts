/** Every Chinese string of 用户与权限: operators, roles, API tokens and security settings. */

export const OPERATORS_TEXT = {
  pageTitle: '用户与权限',
  pageDescription:
    '为各单位的工作人员建立账号、分配角色；每个用户只能管理其所属单位及下级单位的数据。',
  tabs: { users: '用户', roles: '角色与权限', tokens: '接口令牌', security: '安全设置' },
  refresh: '刷新',
};

export const USERS_TEXT = {
  create: '新建用户',
  searchPlaceholder: '搜索姓名、用户名或单位',
  total: (count: number) => `共 ${count} 个用户`,
  columns: {
    userName: '用户名',
    displayName: '姓名',
    roles: '角色',
    unit: '所属单位',
    status: '状态',
    lastLogin: '上次登录',
    mustChange: '需改密码',
    actions: '操作',
  },
  status: {
    active: '启用',
    disabled: '停用',
    lockedUntil: (time: string) => `已锁定（至 ${time}）`,
  },
  neverLoggedIn: '从未登录',
  mustChangeYes: '是',
  mustChangeNo: '—',
  you: '（本人）',
  actions: {
    edit: '编辑',
    resetPassword: '重置密码',
    disable: '停用',
    enable: '启用',
    unlock: '解除锁定',
  },
  disableConfirmTitle: (name: string) => `停用用户「${name}」？`,
  disableConfirmBody:
    '停用后该用户立即退出登录、不能再登录；数据和操作日志都会保留，可随时重新启用。',
  enableConfirmTitle: (name: string) => `重新启用用户「${name}」？`,
  confirmOk: '确定',
  cancel: '取消',
  disabled: (name: string) => `已停用「${name}」`,
  enabled: (name: string) => `已启用「${name}」`,
  unlocked: (name: string) => `已解除「${name}」的锁定，可以重新登录`,
  emptyTitle: '还没有其他用户',
  emptyDescription: '为项目办和学校的工作人员新建账号，并按工作职责分配角色。',
  noMatch: '没有符合条件的用户',
};

export const EDITOR_TEXT = {
  createTitle: '新建用户',
  editTitle: (name: string) => `编辑用户：${name}`,
  userName: '用户名',
  userNameHint: '用于登录，2–32 个英文字母、数字或 . _ -，不区分大小写；创建后不能修改。',
  userNamePlaceholder: '如姓名拼音',
  displayName: '姓名',
  displayNamePlaceholder: '真实姓名',
  displayNameRequired: '请输入姓名',
  roles: '角色',
  rolesPlaceholder: '选择一个或多个角色',
  rolesRequired: '请至少选择一个角色',
  rolesHint: '用户拥有所选角色的全部权限。',
  unit: '所属单位',
  unitPlaceholder: '选择单位',
  unitRequired: '请选择所属单位',
  unitHint: '用户只能查看和管理这个单位及其下级单位的数据。',
  unitsLoading: '正在读取单位…',
  password: '初始密码',
  passwordConfirm: '确认初始密码',
  passwordNote: '请把初始密码当面或通过安全的方式告诉该用户；首次登录时系统会要求其修改密码。',
  save: '保存',
  createOk: '创建用户',
  cancel: '取消',
  created: (name: string) => `已创建用户「${name}」`,
  saved: '已保存',
  noChanges: '没有修改',
};

export const RESET_TEXT = {
  title: (name: string) => `重置密码：${name}`,
  intro:
    '为该用户设置一个临时密码。该用户下次登录时必须先修改密码；已登录的会话将失效。请把临时密码当面或通过安全的方式告诉本人。',
  password: '临时密码',
  confirm: '确认临时密码',
  ok: '重置密码',
  cancel: '取消',
  done: (name: string) => `已重置「${name}」的密码，其下次登录时需修改密码`,
};

export const ROLES_TEXT = {
  intro: '角色决定用户能做什么，所属单位决定用户能管哪些数据。下表列出每个角色拥有的权限。',
  group: '类别',
  permission: '权限',
  granted: '有此权限',
  notGranted: '无此权限',
  descriptionsTitle: '角色说明',
  users: (count: number) => `${count} 个用户`,
};

export const TOKENS_TEXT = {
  intro:
    '接口令牌供自动化脚本或其他系统调用师训通，以所选用户的身份和权限操作，不需要输入密码。令牌如同密码，请妥善保管；不再使用或可能泄露时请立即吊销。',
  create: '新建令牌',
  columns: {
    name: '令牌名称',
    operator: '代表用户',
    createdAt: '创建时间',
    lastUsedAt: '上次使用',
    status: '状态',
    actions: '操作',
  },
  /** Around who created the token (their name as recorded, shown as it is). */
  createdByBefore: '由 ',
  createdByAfter: ' 创建',
  neverUsed: '从未使用',
  active: '有效',
  revokedAt: (time: string) => `已吊销（${time}）`,
  revoke: '吊销',
  revokeConfirmTitle: (name: string) => `吊销令牌「${name}」？`,
  revokeConfirmBody: '吊销后，使用此令牌的脚本或系统将立即无法访问，且不能恢复。',
  revokeOk: '吊销',
  cancel: '取消',
  revoked: (name: string) => `已吊销令牌「${name}」`,
  empty: '还没有接口令牌。需要让其他系统自动导入或读取数据时再创建。',
  createTitle: '新建接口令牌',
  name: '令牌名称',
  namePlaceholder: '用途，例如：每晚同步花名册',
  nameRequired: '请输入令牌名称',
  operator: '代表用户',
  operatorPlaceholder: '选择令牌代表的用户',
  operatorRequired: '请选择用户',
  operatorHint: '令牌拥有该用户的角色权限和数据范围；建议为自动化单独建立一个用户。',
  createOk: '创建令牌',
  shownTitle: '接口令牌已创建',
  shownWarningTitle: '令牌只显示这一次',
  shownWarning:
    '关闭此窗口后将无法再次查看。请立即复制并保存到安全的地方；遗失后只能吊销并重新创建。',
  copy: '复制令牌',
  copied: '已复制到剪贴板',
  copyFailed: '无法自动复制，请选中令牌后手动复制',
  close: '我已保存，关闭',
};

export const SECURITY_TEXT = {
  title: '闲置锁定',
  intro:
    '超过设定时间没有任何操作（鼠标、键盘），界面会自动锁定，需要重新输入密码才能继续，防止离开座位时他人查看教师个人信息。',
  minutes: '闲置锁定时间',
  minutesUnit: '分钟',
  minutesHint: '1–480 分钟。办公室电脑建议 10–30 分钟。',
  minutesRequired: '请输入分钟数',
  save: '保存',
  saved: '已保存安全设置',
  noRight: '只有拥有「管理系统设置」权限的用户可以修改安全设置。',
};
