import type { PermissionTable } from '../common/permissions.ts';

/**
 * Actions of the pledge module. Scoping (enforced in the service): an enterprise sees its own pledges, a bank
 * officer only the loans of their bank (pledgee), the office (platform_admin) and auditors all.
 */
export const pledgePermissions: PermissionTable = {
  'pledge.list': { roles: ['platform_admin', 'org_admin', 'org_member', 'bank_officer', 'auditor', 'service_agent'], scope: 'own_org', description: '质押融资列表' },
  'pledge.read': { roles: ['platform_admin', 'org_admin', 'org_member', 'bank_officer', 'auditor', 'service_agent'], scope: 'own_org', description: '质押融资详情' },
  'pledge.apply': { roles: ['platform_admin', 'org_admin', 'org_member'], scope: 'own_org', description: '申请专利质押贷款' },
  'pledge.withdraw': { roles: ['platform_admin', 'org_admin', 'org_member'], scope: 'own_org', description: '撤回质押申请' },
  'pledge.value': { roles: ['platform_admin', 'bank_officer', 'service_agent'], scope: 'own_org', description: '录入评估结果' },
  'pledge.decide': { roles: ['platform_admin', 'bank_officer'], scope: 'own_org', description: '银行审批' },
  'pledge.register': { roles: ['platform_admin', 'bank_officer'], scope: 'own_org', description: '质押登记' },
  'pledge.disburse': { roles: ['platform_admin', 'bank_officer'], scope: 'own_org', description: '放款' },
  'pledge.repay': { roles: ['platform_admin', 'bank_officer'], scope: 'own_org', description: '登记还款' },
  'pledge.release': { roles: ['platform_admin', 'bank_officer'], scope: 'own_org', description: '解除质押' },
  'pledge.default': { roles: ['platform_admin', 'bank_officer'], scope: 'own_org', description: '登记违约' },
  'pledge.claim': { roles: ['platform_admin', 'bank_officer'], scope: 'own_org', description: '风险补偿申请' },
  'pledge.batch': { roles: ['platform_admin', 'bank_officer'], scope: 'own_org', description: '集合授信批次' },
  'pledge.import': { roles: ['platform_admin', 'bank_officer'], scope: 'own_org', description: '导入质押登记记录' },
  'pledge.export': { roles: ['platform_admin', 'org_admin', 'org_member', 'bank_officer', 'auditor'], scope: 'own_org', description: '导出质押融资' },
};
