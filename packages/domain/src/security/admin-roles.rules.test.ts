import { describe, it, expect } from 'vitest';
import { dutyAllows, dutyConflict } from './admin-roles.rules.ts';
import { securityPermissions } from './security.permissions.ts';
import { PERMISSIONS } from '../common/permissions.ts';
import { changePasswordBody, securitySettingsBody, loginWithTotpBody, DEFAULT_SECURITY_SETTINGS } from './security.schemas.ts';

describe('三员分立', () => {
  it('one duty is fine; two or three are refused', () => {
    expect(dutyConflict(['system'])).toBeNull();
    expect(dutyConflict(['audit', 'audit'])).toBeNull();
    expect(dutyConflict(['system', 'audit'])).toBe('三员分立：同一账户不能同时担任系统管理员和审计管理员');
    expect(dutyConflict(['system', 'security', 'audit'])).not.toBeNull();
  });
  it('reserved actions need their duty', () => {
    expect(dutyAllows('security.auditVerify', ['audit'])).toBe(true);
    expect(dutyAllows('security.auditVerify', ['system'])).toBe(false);
    expect(dutyAllows('security.unlock', ['security'])).toBe(true);
    expect(dutyAllows('security.unlock', ['audit'])).toBe(false);
    expect(dutyAllows('patent.list', [])).toBe(true);
  });
});

describe('permissions and schemas', () => {
  it('every security action is in the joined table under the module prefix', () => {
    for (const k of Object.keys(securityPermissions)) {
      expect(k.startsWith('security.')).toBe(true);
      expect(PERMISSIONS[k]).toBe(securityPermissions[k]);
    }
  });
  it('audit verification is not open to organisation roles', () => {
    expect(securityPermissions['security.auditVerify']!.roles).toEqual(['platform_admin', 'auditor']);
  });
  it('bodies are strict (mass assignment refused)', () => {
    expect(changePasswordBody.safeParse({ currentPassword: 'a', newPassword: 'b' }).success).toBe(true);
    expect(changePasswordBody.safeParse({ currentPassword: 'a', newPassword: 'b', role: 'platform_admin' }).success).toBe(false);
    expect(loginWithTotpBody.safeParse({ username: 'u', password: 'p', totp: '12345' }).success).toBe(false);
    expect(loginWithTotpBody.safeParse({ username: 'u', password: 'p', totp: '123456' }).success).toBe(true);
  });
  it('settings defaults are valid and bounds enforced', () => {
    expect(securitySettingsBody.parse(DEFAULT_SECURITY_SETTINGS)).toEqual(DEFAULT_SECURITY_SETTINGS);
    const r = securitySettingsBody.safeParse({ ...DEFAULT_SECURITY_SETTINGS, idleMinutes: 500 });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe('空闲超时不超过 120 分钟');
  });
});
