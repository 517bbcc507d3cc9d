import type { PermissionTable } from '../common/permissions.ts';
import type { Role } from '../common/roles.ts';

const HOLDER: readonly Role[] = ['platform_admin', 'org_admin', 'org_member'];
const ALL: readonly Role[] = ['platform_admin', 'org_admin', 'org_member', 'service_agent', 'bank_officer', 'auditor'];
const READERS: readonly Role[] = ['platform_admin', 'org_admin', 'org_member', 'service_agent', 'auditor'];

/** Actions of the licence module: open-licence declarations, licences formed, use-first-pay-later. */
export const licencePermissions: PermissionTable = {
  'licence.catalogue': { roles: 'public', scope: 'public', description: '开放许可目录（公开）' },
  'licence.estimate': { roles: 'public', scope: 'public', description: '许可使用费估算' },
  'licence.eligibility': { roles: HOLDER, scope: 'own_org', description: '开放许可资格检查' },
  'licence.declare': { roles: HOLDER, scope: 'own_org', description: '提交开放许可声明' },
  'licence.declarationList': { roles: READERS, scope: 'own_org', description: '开放许可声明列表' },
  'licence.review': { roles: ['platform_admin'], scope: 'own_region', description: '审核开放许可声明' },
  'licence.withdraw': { roles: ['platform_admin', 'org_admin'], scope: 'own_org', description: '撤回开放许可声明' },
  'licence.take': { roles: ['org_admin', 'org_member'], scope: 'own_org', description: '实施开放许可（通知并付费）' },
  'licence.list': { roles: READERS, scope: 'own_org', description: '许可列表（许可方或被许可方）' },
  'licence.read': { roles: READERS, scope: 'own_org', description: '许可详情' },
  'licence.document': { roles: READERS, scope: 'own_org', description: '下载许可文书' },
  'licence.reportUse': { roles: ['platform_admin', 'org_admin', 'org_member'], scope: 'own_org', description: '申报实施情况（销售额/数量）' },
  'licence.recordPayment': { roles: ['platform_admin', 'org_admin', 'org_member'], scope: 'own_org', description: '登记许可费到账' },
  'licence.decideTrial': { roles: ['platform_admin', 'org_admin', 'org_member'], scope: 'own_org', description: '试用期结束转为付费或退出' },
  'licence.reminders': { roles: ALL, scope: 'own_org', description: '付费提醒' },
};
