/** Chinese text of the app shell: name, navigation, status bar. */

export const APP_TEXT = {
  name: '师训通',
  nameEn: 'TrainDesk',
  mark: '训',
  tagline: '教师培训管理',
  nav: {
    roster: '花名册',
    org: '机构管理',
    audit: '操作日志',
    system: '系统信息',
  },
  status: {
    electron: '桌面版',
    http: '浏览器 · 本机服务',
    connected: '已连接',
    disconnected: '未连接',
    dataDir: (dir: string) => `数据目录：${dir}`,
    teachers: (count: number) => `教师 ${count.toLocaleString('zh-CN')} 人`,
    version: (version: string) => `版本 ${version}`,
    encrypted: '数据库已加密',
  },
  unauthorizedTitle: '无法访问',
};
