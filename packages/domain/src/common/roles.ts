/** Roles of the platform. The authorisation table (which role may do what) lives in permissions.ts. */
export const ROLES = [
  'platform_admin', // IP office administrator (知识产权局管理员)
  'org_admin', // organisation administrator
  'org_member', // organisation member
  'service_agent', // service agency / IP specialist
  'bank_officer', // bank or insurer officer
  'auditor', // read-only auditor
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  platform_admin: '平台管理员（知识产权局）',
  org_admin: '机构管理员',
  org_member: '机构成员',
  service_agent: '服务机构/专员',
  bank_officer: '银行/保险人员',
  auditor: '审计员（只读）',
};

export const ORG_TYPES = [
  'university', 'research_institute', 'soe', 'private_enterprise', 'service_agency', 'bank', 'insurer', 'government',
] as const;
export type OrgType = (typeof ORG_TYPES)[number];
export const ORG_TYPE_LABELS: Record<OrgType, string> = {
  university: '高校', research_institute: '科研院所', soe: '国有企业', private_enterprise: '民营企业',
  service_agency: '服务机构', bank: '银行', insurer: '保险机构', government: '政府部门',
};

export const SIZE_CLASSES = ['large', 'medium', 'small', 'micro'] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];
export const SIZE_CLASS_LABELS: Record<SizeClass, string> = { large: '大型', medium: '中型', small: '小型', micro: '微型' };
/** 中小微企业: an enterprise whose size class is medium, small or micro. */
export const isSme = (orgType: string | null | undefined, size: string | null | undefined): boolean =>
  (orgType === 'private_enterprise' || orgType === 'soe') && (size === 'medium' || size === 'small' || size === 'micro');

export const PATENT_TYPES = ['invention', 'utility_model', 'design'] as const;
export type PatentType = (typeof PATENT_TYPES)[number];
export const PATENT_TYPE_LABELS: Record<PatentType, string> = { invention: '发明', utility_model: '实用新型', design: '外观设计' };

/** Canonical three-way legal status (domain-rules §9). */
export const LEGAL_STATUSES = ['pending', 'in_force', 'lapsed'] as const;
export type LegalStatus = (typeof LEGAL_STATUSES)[number];
export const LEGAL_STATUS_LABELS: Record<LegalStatus, string> = { pending: '审中', in_force: '有效', lapsed: '失效' };
