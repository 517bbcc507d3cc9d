import type { PermissionTable } from '../common/permissions.ts';

const READERS = ['platform_admin', 'org_admin', 'org_member', 'service_agent', 'bank_officer', 'auditor'] as const;

/**
 * Actions of the plan-kpi module. Plans and the programme's figures are the office's: every signed-in role may
 * read them (the figures are aggregates); only the office (platform_admin) edits plans and enters figures by hand.
 * Drill-down lists show contract-level records, so they are limited to the office and auditors.
 */
export const planKpiPermissions: PermissionTable = {
  'kpi.plan.list': { roles: READERS, scope: 'all', description: '规划（实施方案）列表' },
  'kpi.plan.read': { roles: READERS, scope: 'all', description: '规划详情' },
  'kpi.plan.create': { roles: ['platform_admin'], scope: 'all', description: '新建规划' },
  'kpi.plan.update': { roles: ['platform_admin'], scope: 'all', description: '修改规划' },
  'kpi.plan.copy': { roles: ['platform_admin'], scope: 'all', description: '复制规划' },
  'kpi.plan.delete': { roles: ['platform_admin'], scope: 'all', description: '删除规划' },
  'kpi.indicator.read': { roles: READERS, scope: 'all', description: '指标计算与目标评价' },
  'kpi.drilldown': { roles: ['platform_admin', 'auditor'], scope: 'all', description: '指标明细（可导出）' },
  'kpi.ranking': { roles: READERS, scope: 'all', description: '区县/市州绩效排名' },
  'kpi.manual.list': { roles: ['platform_admin', 'auditor'], scope: 'all', description: '手工填报数列表' },
  'kpi.manual.write': { roles: ['platform_admin'], scope: 'all', description: '手工填报指标（仅限无数据来源的指标）' },
  'kpi.report': { roles: ['platform_admin', 'auditor'], scope: 'all', description: '生成统计报表与年度工作总结' },
};
