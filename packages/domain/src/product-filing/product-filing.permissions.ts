import type { PermissionTable } from '../common/permissions.ts';

const READERS = ['platform_admin', 'org_admin', 'org_member', 'service_agent', 'auditor'] as const;
/** Actions of the product-filing module. An enterprise sees its own filings; the office sees all in its region. */
export const productFilingPermissions: PermissionTable = {
  'product-filing.list': { roles: READERS, scope: 'own_org', description: '专利产品备案列表' },
  'product-filing.read': { roles: READERS, scope: 'own_org', description: '专利产品备案详情' },
  'product-filing.create': { roles: ['platform_admin', 'org_admin', 'org_member'], scope: 'own_org', description: '新建专利产品备案' },
  'product-filing.submit': { roles: ['platform_admin', 'org_admin', 'org_member'], scope: 'own_org', description: '提交备案' },
  'product-filing.review': { roles: ['platform_admin'], scope: 'own_region', description: '审核备案' },
  'product-filing.withdraw': { roles: ['platform_admin', 'org_admin'], scope: 'own_org', description: '撤销备案' },
  'product-filing.report': { roles: ['platform_admin', 'org_admin', 'org_member'], scope: 'own_org', description: '报送年度产值' },
  'product-filing.import': { roles: ['platform_admin'], scope: 'own_region', description: '导入备案记录' },
  'product-filing.export': { roles: READERS, scope: 'own_org', description: '导出备案记录' },
};
