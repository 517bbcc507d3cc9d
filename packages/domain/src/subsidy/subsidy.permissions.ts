import type { PermissionTable } from '../common/permissions.ts';
import type { Role } from '../common/roles.ts';

const ALL: readonly Role[] = ['platform_admin', 'org_admin', 'org_member', 'service_agent', 'bank_officer', 'auditor'];
const APPLICANT: readonly Role[] = ['platform_admin', 'org_admin', 'org_member'];
const READERS: readonly Role[] = ['platform_admin', 'org_admin', 'org_member', 'auditor'];
const OFFICE: readonly Role[] = ['platform_admin'];

/**
 * Actions of the subsidy module. Policies and public notices are public (公开透明). Applications: an organisation sees
 * its own; the office (platform_admin) and auditors see all. Office actions are further restricted in the domain
 * workflow: nobody acts on an application of their own organisation, and above the threshold the second review is
 * done by another person.
 */
export const subsidyPermissions: PermissionTable = {
  'subsidy.policyList': { roles: 'public', scope: 'public', description: '奖补政策列表（公开）' },
  'subsidy.policyRead': { roles: 'public', scope: 'public', description: '奖补政策详情及版本（公开）' },
  'subsidy.policyCreate': { roles: OFFICE, scope: 'own_region', description: '新建奖补政策（含导入预置政策）' },
  'subsidy.policyUpdate': { roles: OFFICE, scope: 'own_region', description: '修改奖补政策（生成新版本）' },
  'subsidy.evidenceList': { roles: READERS, scope: 'own_org', description: '可申请事项记录（称号、奖项、绩效评价及台账记录）' },
  'subsidy.evidenceCreate': { roles: OFFICE, scope: 'all', description: '登记称号、奖项、县区绩效评价' },
  'subsidy.check': { roles: APPLICANT, scope: 'own_org', description: '资格预审与金额测算' },
  'subsidy.apply': { roles: APPLICANT, scope: 'own_org', description: '提交奖补申请' },
  'subsidy.withdraw': { roles: APPLICANT, scope: 'own_org', description: '撤回奖补申请' },
  'subsidy.list': { roles: READERS, scope: 'own_org', description: '奖补申请列表' },
  'subsidy.read': { roles: READERS, scope: 'own_org', description: '奖补申请详情' },
  'subsidy.review': { roles: OFFICE, scope: 'own_region', description: '受理、初审、复审、公示、批准、驳回' },
  'subsidy.pay': { roles: OFFICE, scope: 'own_region', description: '登记拨付' },
  'subsidy.notice': { roles: 'public', scope: 'public', description: '奖补公示（公开）' },
  'subsidy.object': { roles: ALL, scope: 'public', description: '对公示提出异议' },
  'subsidy.resolveObjection': { roles: OFFICE, scope: 'own_region', description: '处理公示异议' },
  'subsidy.budget': { roles: ['platform_admin', 'auditor'], scope: 'all', description: '奖补预算执行情况' },
  'subsidy.demoClock': { roles: OFFICE, scope: 'all', description: '演示环境：调整业务日期（仅演示模式）' },
  'subsidy.export': { roles: ['platform_admin', 'auditor'], scope: 'all', description: '导出批准名单（Excel）' },
};
