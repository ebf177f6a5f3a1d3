/**
 * What an operator may do: the rights (permissions) the contract's methods declare, and the roles
 * shipped as presets. Roles are data in the database (tables `role` and `role_permission`, written
 * by the migration that created them); this module is the catalogue they are checked against and
 * what the migrations copy. An operator's rights are the union of their roles' rights; their scope
 * is the subtree under their home unit (never above it).
 */

/** Every right, with the Chinese name the UI and the FORBIDDEN message use. */
export const PERMISSIONS = {
  'org.read': '查看单位',
  'org.edit': '维护单位',
  'roster.read': '查看花名册',
  'roster.edit': '维护花名册',
  'roster.export': '导出花名册',
  'roster.exportFullId': '导出完整身份证号',
  'projects.read': '查看培训项目与名额',
  'projects.manage': '管理培训项目',
  'quotas.manage': '分配名额',
  'enrollment.manage': '报名管理',
  'rules.read': '查看规则',
  'rules.edit': '维护规则集',
  'audit.read': '查看操作日志',
  'operators.manage': '管理用户与权限',
  'settings.manage': '管理系统设置',
} as const;

export type Permission = keyof typeof PERMISSIONS;

export const PERMISSION_CODES = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(code: string): code is Permission {
  return Object.prototype.hasOwnProperty.call(PERMISSIONS, code);
}

/** Rights grouped as the roles table shows them. */
export const PERMISSION_GROUPS: readonly { label: string; permissions: readonly Permission[] }[] = [
  { label: '单位与花名册', permissions: ['org.read', 'org.edit', 'roster.read', 'roster.edit'] },
  { label: '导出', permissions: ['roster.export', 'roster.exportFullId'] },
  {
    label: '培训项目',
    permissions: ['projects.read', 'projects.manage', 'quotas.manage', 'enrollment.manage'],
  },
  { label: '规则', permissions: ['rules.read', 'rules.edit'] },
  { label: '系统', permissions: ['audit.read', 'operators.manage', 'settings.manage'] },
];

export type RoleCode = 'admin' | 'project_admin' | 'school_officer' | 'finance' | 'viewer';

export interface RolePreset {
  code: RoleCode;
  name: string;
  description: string;
  permissions: readonly Permission[];
}

/**
 * The preset roles. 系统管理员 looks after the installation (accounts, settings, the audit log and
 * the unit tree) and makes no training decisions, so it cannot see teachers; 项目管理员 is the
 * project office of any level (its level is its home unit's); 学校培训专干 works on one school.
 * 财务审核 reviews personalized-training reimbursements, which are not built yet: until then it
 * sees the unit tree only.
 */
export const ROLE_PRESETS: readonly RolePreset[] = [
  {
    code: 'admin',
    name: '系统管理员',
    description: '管理用户、系统设置与操作日志，维护单位；不参与培训业务，不查看教师信息',
    permissions: ['org.read', 'org.edit', 'audit.read', 'operators.manage', 'settings.manage'],
  },
  {
    code: 'project_admin',
    name: '项目管理员',
    description: '市、区县或省级项目办：维护本单位及下级的单位、花名册与规则，可导出完整身份证号',
    permissions: [
      'org.read',
      'org.edit',
      'roster.read',
      'roster.edit',
      'roster.export',
      'roster.exportFullId',
      'projects.read',
      'projects.manage',
      'quotas.manage',
      'enrollment.manage',
      'rules.read',
      'rules.edit',
    ],
  },
  {
    code: 'school_officer',
    name: '学校培训专干',
    description: '维护本校花名册，导出（身份证号打码），查看规则',
    permissions: [
      'org.read',
      'roster.read',
      'roster.edit',
      'roster.export',
      'projects.read',
      'enrollment.manage',
      'rules.read',
    ],
  },
  {
    code: 'finance',
    name: '财务审核',
    description: '个性化培训报销审核与付款记录（该功能尚未开放，目前只能查看单位）',
    permissions: ['org.read'],
  },
  {
    code: 'viewer',
    name: '查看',
    description: '只读：查看单位、花名册与规则（如督导、检查人员）',
    permissions: ['org.read', 'roster.read', 'projects.read', 'rules.read'],
  },
];

export const ADMIN_ROLE: RoleCode = 'admin';

export function rolePreset(code: string): RolePreset | undefined {
  return ROLE_PRESETS.find((r) => r.code === code);
}
