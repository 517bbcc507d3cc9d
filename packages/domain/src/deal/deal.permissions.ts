import type { PermissionTable } from '../common/permissions.ts';
import type { Role } from '../common/roles.ts';

const WRITERS: readonly Role[] = ['platform_admin', 'org_admin', 'org_member', 'service_agent'];
const READERS: readonly Role[] = ['platform_admin', 'org_admin', 'org_member', 'service_agent', 'auditor'];

/** Actions of the deal ledger. Parties see their own deals; the office (platform_admin) and auditors see all. */
export const dealPermissions: PermissionTable = {
  'deal.list': { roles: READERS, scope: 'own_org', description: '交易台账列表' },
  'deal.read': { roles: READERS, scope: 'own_org', description: '交易详情' },
  'deal.create': { roles: WRITERS, scope: 'own_org', description: '新增交易' },
  'deal.update': { roles: WRITERS, scope: 'own_org', description: '修改交易（草稿）' },
  'deal.transition': { roles: WRITERS, scope: 'own_org', description: '交易状态变更（签订、登记、履行、完成、终止）' },
  'deal.recordPayment': { roles: WRITERS, scope: 'own_org', description: '登记到账' },
  'deal.import': { roles: ['platform_admin', 'org_admin', 'service_agent'], scope: 'own_org', description: '导入历史交易' },
  'deal.template': { roles: READERS, scope: 'public', description: '下载交易导入模板' },
};
