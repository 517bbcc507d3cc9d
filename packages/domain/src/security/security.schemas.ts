/** Request bodies of the security module (zod 4). Strict objects: unknown keys are refused (mass assignment). */
import { z } from 'zod';
import { PASSWORD_PROFILES } from './password.rules.ts';
import { ADMIN_DUTIES } from './admin-roles.rules.ts';

export const passwordField = z.string().min(1, '请输入密码').max(1024, '密码过长');

export const changePasswordBody = z.strictObject({
  currentPassword: passwordField,
  newPassword: passwordField,
});
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;

export const totpCode = z.string().trim().regex(/^\d{6}$/, '动态验证码应为 6 位数字');

export const totpActivateBody = z.strictObject({ code: totpCode });
export const totpDisableBody = z.strictObject({ password: passwordField, code: totpCode });

/** Login with an optional second factor (the trunk's login body plus `totp`). */
export const loginWithTotpBody = z.strictObject({
  username: z.string().trim().min(1, '请输入用户名').max(100, '用户名过长'),
  password: passwordField,
  totp: totpCode.optional(),
});

export const securitySettingsBody = z.strictObject({
  passwordProfile: z.enum(PASSWORD_PROFILES, { message: '密码策略只能是 asvs 或 dengbao' }),
  idleMinutes: z.number().int('必须为整数').min(5, '空闲超时不少于 5 分钟').max(120, '空闲超时不超过 120 分钟'),
  maxFailures: z.number().int('必须为整数').min(3, '失败次数不少于 3 次').max(10, '失败次数不超过 10 次'),
  lockMinutes: z.number().int('必须为整数').min(5, '锁定时间不少于 5 分钟').max(1440, '锁定时间不超过 1440 分钟'),
  totpRequiredForAdmins: z.boolean(),
});
export type SecuritySettings = z.infer<typeof securitySettingsBody>;
export const DEFAULT_SECURITY_SETTINGS: SecuritySettings = {
  passwordProfile: 'asvs', idleMinutes: 30, maxFailures: 5, lockMinutes: 30, totpRequiredForAdmins: false,
};

export const grantDutyBody = z.strictObject({
  userId: z.number().int().positive('用户编号无效'),
  duty: z.enum(ADMIN_DUTIES, { message: '职责只能是 system、security 或 audit' }),
});

export const unlockBody = z.strictObject({ userId: z.number().int().positive('用户编号无效') });

export const auditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  problems: z.array(z.object({ seq: z.number().int(), kind: z.string(), message: z.string() })),
});
