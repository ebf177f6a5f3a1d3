/** Chinese text of the app shell: name, navigation, the operator's menu, status bar. */
import { formatCount } from '../components/format-count';

export const APP_TEXT = {
  name: '师训通',
  nameEn: 'TrainDesk',
  mark: '训',
  tagline: '教师培训管理',
  nav: {
    roster: '花名册',
    org: '机构管理',
    operators: '用户与权限',
    audit: '操作日志',
    system: '系统信息',
  },
  user: {
    menuLabel: (name: string) => `当前用户：${name}`,
    roles: '角色',
    unit: '所属单位',
    changePassword: '修改密码',
    logout: '退出登录',
    loggedOut: '已退出登录',
  },
  noPages: {
    title: '您的账号暂时没有可用的功能',
    description: '请联系本单位的系统管理员，在「用户与权限」中为您分配合适的角色。',
  },
  session: {
    checking: '正在连接…',
    failedTitle: '无法连接到师训通服务',
    retry: '重试',
  },
  status: {
    electron: '桌面版',
    http: '浏览器 · 本机服务',
    connected: '已连接',
    disconnected: '未连接',
    dataDir: (dir: string) => `数据目录：${dir}`,
    teachers: (count: number) => `教师 ${formatCount(count)} 人`,
    version: (version: string) => `版本 ${version}`,
    encrypted: '数据库已加密',
  },
  pageLoading: '正在打开页面…',
  access: {
    title: '请用启动时打印的链接打开师训通',
    stepsTitle: '这样重新进入：',
    steps: [
      '回到运行 npm start（或 npm run serve）的终端窗口。',
      '找到以 “TrainDesk ready at” 开头的那一行，复制其中以 http://127.0.0.1 开头的完整地址（包括 #token= 及后面的部分），粘贴到浏览器地址栏打开。',
      '终端窗口已关闭或程序已退出时，重新运行 npm start，它会启动程序并打印新的地址。',
    ],
    why: '链接中的令牌在打开后会从地址栏移除，以免被收藏或转发；它只在打开它的标签页内有效，刷新本页不受影响。',
  },
};
