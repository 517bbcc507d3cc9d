/**
 * 三员分立 (等保 三级 安全管理中心): system administrator, security administrator and audit administrator are
 * separate duties; no account may hold two of them, and there is no all-powerful account.
 *
 * The platform's role list lives in common/roles.ts. Until that list gains separate roles, the duties map onto
 * the existing roles as follows: 系统管理员 = platform_admin, 审计管理员 = auditor; 安全管理员 is granted through the
 * `admin_duties` of a platform_admin account (see the security API module).
 */
export const ADMIN_DUTIES = ['system', 'security', 'audit'] as const;
export type AdminDuty = (typeof ADMIN_DUTIES)[number];
export const ADMIN_DUTY_LABELS: Record<AdminDuty, string> = {
  system: '系统管理员',
  security: '安全管理员',
  audit: '审计管理员',
};
export const ADMIN_DUTY_SCOPE: Record<AdminDuty, string> = {
  system: '账户、机构、配置、备份与恢复',
  security: '授权、安全参数（密码策略、锁定、会话、双因素）、解锁账户',
  audit: '只读审计日志、校验审计链',
};

/** Rejects a combination that gives one account two of the three duties (Chinese message), or returns null. */
export function dutyConflict(duties: readonly AdminDuty[]): string | null {
  const uniq = [...new Set(duties)];
  if (uniq.length > 1) {
    return `三员分立：同一账户不能同时担任${uniq.map((d) => ADMIN_DUTY_LABELS[d]).join('和')}`;
  }
  return null;
}

/** Which duty an action belongs to, for actions reserved to one administrator. */
export const DUTY_OF_ACTION: Record<string, AdminDuty> = {
  'security.backup': 'system',
  'security.policyUpdate': 'security',
  'security.unlock': 'security',
  'security.grantDuty': 'security',
  'security.auditVerify': 'audit',
  'audit.list': 'audit',
};

/** Whether an account with the given duties may perform an action (actions without a reserved duty: true). */
export function dutyAllows(action: string, duties: readonly AdminDuty[]): boolean {
  const need = DUTY_OF_ACTION[action];
  return need === undefined || duties.includes(need);
}
