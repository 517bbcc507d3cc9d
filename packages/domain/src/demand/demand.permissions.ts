import type { PermissionTable } from '../common/permissions.ts';
import type { Role } from '../common/roles.ts';

const ALL: readonly Role[] = ['platform_admin', 'org_admin', 'org_member', 'service_agent', 'bank_officer', 'auditor'];
/** Roles that act for an organisation (an SME or an agent on its behalf). */
const ORG: readonly Role[] = ['platform_admin', 'org_admin', 'org_member', 'service_agent'];

/** Actions of the demand, search, match and classify modules. */
export const demandPermissions: PermissionTable = {
  'demand.list': { roles: 'public', scope: 'public', description: '需求大厅（已发布需求）' },
  'demand.read': { roles: 'public', scope: 'public', description: '需求详情（联系方式对其他机构脱敏）' },
  'demand.mine': { roles: ORG, scope: 'own_org', description: '本机构的需求' },
  'demand.create': { roles: ORG, scope: 'own_org', description: '发布技术需求（草稿）' },
  'demand.update': { roles: ORG, scope: 'own_org', description: '修改技术需求' },
  'demand.submit': { roles: ORG, scope: 'own_org', description: '提交需求审核' },
  'demand.close': { roles: ORG, scope: 'own_org', description: '关闭需求' },
  'demand.review': { roles: ['platform_admin'], scope: 'own_region', description: '审核需求（发布或退回）' },
  'demand.import': { roles: ORG, scope: 'own_org', description: '导入需求清单' },
  'search.query': { roles: 'public', scope: 'public', description: '全文检索（专利、需求、成果）' },
  'search.status': { roles: ['platform_admin', 'auditor'], scope: 'all', description: '检索索引状态' },
  'classify.run': { roles: 'public', scope: 'public', description: '需求分类（IPC 小类、产业）' },
  'match.run': { roles: ALL, scope: 'public', description: '需求匹配专利' },
  'match.prospects': { roles: ['platform_admin', 'org_admin', 'org_member', 'service_agent', 'bank_officer'], scope: 'own_org', description: '专利的潜在许可对象' },
  'match.feedback': { roles: ORG, scope: 'own_org', description: '匹配结果反馈（感兴趣/不相关）' },
  'match.contacts': { roles: ORG, scope: 'own_org', description: '对接请求（双方工作台）' },
  'match.funnel': { roles: ['platform_admin', 'auditor'], scope: 'all', description: '匹配—对接—成交漏斗统计' },
};
