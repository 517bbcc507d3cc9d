import type { PermissionTable } from '../common/permissions.ts';

const ALL = ['platform_admin', 'org_admin', 'org_member', 'service_agent', 'bank_officer', 'auditor'] as const;

/** Actions of the security module. 三员 duties (system / security / audit) are checked on top, see admin-roles.rules.ts. */
export const securityPermissions: PermissionTable = {
  'security.policyRead': { roles: ALL, scope: 'self', description: '查看密码策略与安全参数' },
  'security.policyUpdate': { roles: ['platform_admin'], scope: 'all', description: '修改安全参数（安全管理员）' },
  'security.totpSetup': { roles: ALL, scope: 'self', description: '绑定动态口令（TOTP）' },
  'security.totpActivate': { roles: ALL, scope: 'self', description: '启用动态口令' },
  'security.totpDisable': { roles: ALL, scope: 'self', description: '停用动态口令' },
  'security.unlock': { roles: ['platform_admin'], scope: 'all', description: '解锁账户（安全管理员）' },
  'security.grantDuty': { roles: ['platform_admin'], scope: 'all', description: '授予三员职责（安全管理员）' },
  'security.auditVerify': { roles: ['platform_admin', 'auditor'], scope: 'all', description: '校验审计链（审计管理员）' },
  'security.orgDataExport': { roles: ['org_admin'], scope: 'own_org', description: '导出本机构数据（个人信息查阅复制）' },
};
