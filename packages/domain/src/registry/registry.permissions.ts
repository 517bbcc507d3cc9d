import type { PermissionTable } from '../common/permissions.ts';

const ALL = ['platform_admin', 'org_admin', 'org_member', 'service_agent', 'bank_officer', 'auditor'] as const;
/**
 * Actions of the registry module. Registries are public (published typical cases on the portal); the office
 * maintains them. Service records: an agency sees its own, an enterprise the services it received, the office all.
 */
export const registryPermissions: PermissionTable = {
  'registry.list': { roles: 'public', scope: 'public', description: '登记名录（公开）' },
  'registry.read': { roles: 'public', scope: 'public', description: '登记详情（公开）' },
  'registry.create': { roles: ['platform_admin', 'service_agent'], scope: 'own_org', description: '新增登记' },
  'registry.update': { roles: ['platform_admin', 'service_agent'], scope: 'own_org', description: '修改登记' },
  'registry.publish': { roles: ['platform_admin'], scope: 'own_region', description: '发布/撤销（典型案例等）' },
  'registry.import': { roles: ['platform_admin'], scope: 'own_region', description: '导入登记名录' },
  'registry.export': { roles: ALL, scope: 'public', description: '导出登记名录' },
  'registry.serviceList': { roles: ['platform_admin', 'service_agent', 'org_admin', 'org_member', 'auditor'], scope: 'own_org', description: '服务记录列表' },
  'registry.serviceCreate': { roles: ['platform_admin', 'service_agent'], scope: 'own_org', description: '登记服务记录' },
  'registry.serviceImport': { roles: ['platform_admin', 'service_agent'], scope: 'own_org', description: '导入服务记录' },
};
