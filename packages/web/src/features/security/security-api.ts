import { api } from '../../api/client.ts';

export type SecuritySettings = { passwordProfile: 'asvs' | 'dengbao'; idleMinutes: number; maxFailures: number; lockMinutes: number; totpRequiredForAdmins: boolean };
export type PolicyInfo = {
  settings: SecuritySettings;
  passwordPolicy: { name: string; minLength: number; maxLength: number; recommendedLength: number; minClasses: number; rotationDays: number | null; historySize: number };
};
export type AuditVerify = { ok: boolean; checked: number; problems: { seq: number; kind: string; message: string }[]; lastId: number; ms: number };

export const getPolicy = () => api<PolicyInfo>('/security/policy');
export const saveSettings = (s: SecuritySettings) => api<{ settings: SecuritySettings }>('/security/settings', { method: 'PUT', body: s });
export const totpSetup = () => api<{ secret: string; uri: string }>('/security/totp/setup', { method: 'POST' });
export const totpActivate = (code: string) => api('/security/totp/activate', { body: { code } });
export const totpDisable = (password: string, code: string) => api('/security/totp/disable', { body: { password, code } });
export const verifyAudit = () => api<AuditVerify>('/security/audit/verify', { method: 'POST' });
export const unlockUser = (userId: number) => api('/security/unlock', { body: { userId } });
