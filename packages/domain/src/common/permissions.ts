/**
 * The authorisation table: which role may perform which action. Every API route names one action.
 * Record scoping (own organisation / own region / public) is applied by the service with the actor.
 * Each module keeps its own part in `<module>/<module>.permissions.ts`; this file joins them.
 */
import type { Role } from './roles.ts';
import { inventoryPermissions } from '../inventory/inventory.permissions.ts';
import { demandPermissions } from '../demand/demand.permissions.ts';
import { licencePermissions } from '../licence/licence.permissions.ts';
import { dealPermissions } from '../deal/deal.permissions.ts';
import { pledgePermissions } from '../pledge/pledge.permissions.ts';
import { productFilingPermissions } from '../product-filing/product-filing.permissions.ts';
import { eventPermissions } from '../event/event.permissions.ts';
import { registryPermissions } from '../registry/registry.permissions.ts';
import { planKpiPermissions } from '../plan-kpi/plan-kpi.permissions.ts';
import { subsidyPermissions } from '../subsidy/subsidy.permissions.ts';
import { securityPermissions } from '../security/security.permissions.ts';

export type PermissionRule = {
  /** 'public' = anyone, including anonymous visitors; otherwise the roles allowed. */
  roles: 'public' | readonly Role[];
  /** How records are scoped for non-office roles (documentation; enforced in services). */
  scope: 'public' | 'own_org' | 'own_region' | 'all' | 'self';
  description: string;
};
export type PermissionTable = Record<string, PermissionRule>;

const ALL: readonly Role[] = ['platform_admin', 'org_admin', 'org_member', 'service_agent', 'bank_officer', 'auditor'];
const ORG: readonly Role[] = ['platform_admin', 'org_admin', 'org_member', 'service_agent'];

export const trunkPermissions: PermissionTable = {
  'auth.login': { roles: 'public', scope: 'public', description: '登录' },
  'auth.logout': { roles: ALL, scope: 'self', description: '退出登录' },
  'auth.me': { roles: ALL, scope: 'self', description: '当前用户' },
  'auth.changePassword': { roles: ALL, scope: 'self', description: '修改密码' },
  'patent.list': { roles: 'public', scope: 'public', description: '专利列表（公开）' },
  'patent.read': { roles: 'public', scope: 'public', description: '专利详情（公开）' },
  'patent.create': { roles: ['platform_admin', 'org_admin', 'org_member'], scope: 'own_org', description: '新增专利' },
  'patent.update': { roles: ['platform_admin', 'org_admin', 'org_member'], scope: 'own_org', description: '修改专利' },
  'patent.import': { roles: ['platform_admin', 'org_admin', 'org_member', 'service_agent'], scope: 'own_org', description: '导入专利' },
  'patent.export': { roles: 'public', scope: 'public', description: '导出专利（公开数据）' },
  'organisation.list': { roles: ALL, scope: 'all', description: '机构列表' },
  'organisation.read': { roles: ALL, scope: 'all', description: '机构详情' },
  'organisation.create': { roles: ['platform_admin'], scope: 'all', description: '新增机构' },
  'organisation.update': { roles: ['platform_admin', 'org_admin'], scope: 'own_org', description: '修改机构' },
  'user.list': { roles: ['platform_admin', 'org_admin'], scope: 'own_org', description: '用户列表' },
  'user.create': { roles: ['platform_admin', 'org_admin'], scope: 'own_org', description: '新增用户' },
  'reference.read': { roles: 'public', scope: 'public', description: '参考数据（IPC、行业、区划）' },
  'job.read': { roles: ALL, scope: 'self', description: '任务进度' },
  'audit.list': { roles: ['platform_admin', 'auditor'], scope: 'all', description: '审计日志' },
  'system.health': { roles: 'public', scope: 'public', description: '健康检查' },
};
void ORG;

export const PERMISSIONS: PermissionTable = {
  ...trunkPermissions,
  ...inventoryPermissions,
  ...demandPermissions,
  ...licencePermissions,
  ...dealPermissions,
  ...pledgePermissions,
  ...productFilingPermissions,
  ...eventPermissions,
  ...registryPermissions,
  ...planKpiPermissions,
  ...subsidyPermissions,
  ...securityPermissions,
};

export function isAllowed(action: string, role: Role | null): boolean {
  const rule = PERMISSIONS[action];
  if (!rule) return false;
  if (rule.roles === 'public') return true;
  return role !== null && rule.roles.includes(role);
}
