import type { PermissionTable } from '../common/permissions.ts';

/**
 * Actions of the inventory and supply-list modules. Scoping in the services: an office administrator sees all;
 * an organisation's users see their own organisation's patents and runs; published supply lists are public.
 */
export const inventoryPermissions: PermissionTable = {
  'inventory.run': { roles: ['platform_admin', 'org_admin'], scope: 'own_org', description: '发起专利盘点（沉睡专利入库）' },
  'inventory.list': { roles: ['platform_admin', 'org_admin', 'org_member', 'service_agent', 'auditor'], scope: 'own_org', description: '盘点批次列表' },
  'inventory.read': { roles: ['platform_admin', 'org_admin', 'org_member', 'service_agent', 'auditor'], scope: 'own_org', description: '盘点批次详情与入库专利' },
  'inventory.export': { roles: ['platform_admin', 'org_admin', 'org_member', 'auditor'], scope: 'own_org', description: '导出盘点结果（Excel）' },
  'inventory.explain': { roles: ['platform_admin', 'org_admin', 'org_member', 'service_agent', 'auditor'], scope: 'own_org', description: '专利沉睡判定、分级、分类与高价值说明' },
  'inventory.mark': { roles: ['platform_admin', 'org_admin', 'org_member'], scope: 'own_org', description: '标记专利已实施或有正当理由' },
  'inventory.fees': { roles: ['platform_admin', 'org_admin', 'org_member', 'auditor'], scope: 'own_org', description: '年费到期、失效风险与年费总额' },
  'inventory.config.read': { roles: ['platform_admin', 'org_admin', 'org_member', 'service_agent', 'auditor'], scope: 'all', description: '查看分级模型与高价值参数' },
  'inventory.config.update': { roles: ['platform_admin'], scope: 'all', description: '修改分级权重、阈值与高价值参数' },
  'supply-list.public': { roles: 'public', scope: 'public', description: '已发布的供给清单（公开）' },
  'supply-list.download': { roles: 'public', scope: 'public', description: '下载已发布的供给清单（Excel/Word）' },
  'supply-list.list': { roles: ['platform_admin', 'org_admin', 'service_agent', 'auditor'], scope: 'own_org', description: '供给清单（含草稿）' },
  'supply-list.create': { roles: ['platform_admin', 'org_admin', 'service_agent'], scope: 'own_org', description: '编制供给清单' },
  'supply-list.update': { roles: ['platform_admin', 'org_admin', 'service_agent'], scope: 'own_org', description: '修改供给清单草稿' },
  'supply-list.review': { roles: ['platform_admin'], scope: 'all', description: '审核或退回供给清单' },
  'supply-list.publish': { roles: ['platform_admin'], scope: 'all', description: '发布供给清单' },
};
