/**
 * Password policy as configuration (pure). Two shipped profiles:
 * - `asvs` (default, OWASP ASVS 5.0 §6.2): length 8..128 (15 recommended), breached-list and context-word check,
 *   no composition rules, no forced rotation.
 * - `dengbao` (等保 2.0 三级 身份鉴别 a): ≥ 8 characters, 3 of 4 character classes, rotation every 90 days,
 *   last 5 passwords may not be reused; keeps the ASVS length and breached-list rules.
 */
import { addDays, type IsoDate } from '../common/dates.ts';

export const PASSWORD_PROFILES = ['asvs', 'dengbao'] as const;
export type PasswordProfileName = (typeof PASSWORD_PROFILES)[number];
export const PASSWORD_PROFILE_LABELS: Record<PasswordProfileName, string> = {
  asvs: '默认（OWASP ASVS）',
  dengbao: '等保三级',
};

export type PasswordPolicy = {
  name: PasswordProfileName;
  minLength: number;
  maxLength: number;
  recommendedLength: number;
  /** Minimum number of character classes (lower, upper, digit, symbol) required; 0 = none. */
  minClasses: number;
  /** Days after which the password must be changed; null = no forced rotation. */
  rotationDays: number | null;
  /** How many previous passwords may not be reused; 0 = no history check. */
  historySize: number;
  checkBreached: boolean;
};

export const PASSWORD_POLICIES: Record<PasswordProfileName, PasswordPolicy> = {
  asvs: {
    name: 'asvs', minLength: 8, maxLength: 128, recommendedLength: 15, minClasses: 0,
    rotationDays: null, historySize: 0, checkBreached: true,
  },
  dengbao: {
    name: 'dengbao', minLength: 8, maxLength: 128, recommendedLength: 15, minClasses: 3,
    rotationDays: 90, historySize: 5, checkBreached: true,
  },
};

export function passwordPolicy(name: string | undefined | null): PasswordPolicy {
  return name === 'dengbao' ? PASSWORD_POLICIES.dengbao : PASSWORD_POLICIES.asvs;
}

export type PasswordProblem = { code: string; message: string };

/** Number of code points (a Chinese character counts once). */
export const passwordLength = (pw: string): number => [...pw].length;

export function characterClasses(pw: string): { lower: boolean; upper: boolean; digit: boolean; symbol: boolean; count: number } {
  const lower = /[a-z]/.test(pw);
  const upper = /[A-Z]/.test(pw);
  const digit = /[0-9]/.test(pw);
  const symbol = /[^A-Za-z0-9]/.test(pw);
  return { lower, upper, digit, symbol, count: [lower, upper, digit, symbol].filter(Boolean).length };
}

/** Parses a breached-password list file: one per line, `#` comments and blank lines ignored, compared lower-case. */
export function parseBreachedList(text: string): Set<string> {
  const out = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    out.add(t.toLowerCase());
  }
  return out;
}

export type PasswordContext = {
  /** Lower-cased breached/common passwords. */
  breached?: ReadonlySet<string>;
  /** Words tied to the user or platform (username, name, org name, 平台名): the password may not contain them. */
  contextWords?: readonly string[];
  /** Whether the new password equals one of the last N (the caller compares hashes and passes the result). */
  reusedFromHistory?: boolean;
};

/** Checks a candidate password against the policy; returns every problem in Chinese (empty = acceptable). */
export function checkPassword(policy: PasswordPolicy, pw: string, ctx: PasswordContext = {}): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const len = passwordLength(pw);
  if (len < policy.minLength) problems.push({ code: 'too_short', message: `密码长度至少 ${policy.minLength} 位（建议 ${policy.recommendedLength} 位以上）` });
  if (len > policy.maxLength) problems.push({ code: 'too_long', message: `密码长度不能超过 ${policy.maxLength} 位` });
  if (policy.minClasses > 0) {
    const c = characterClasses(pw);
    if (c.count < policy.minClasses) {
      problems.push({ code: 'classes', message: `密码须包含小写字母、大写字母、数字、特殊字符中的至少 ${policy.minClasses} 类` });
    }
  }
  const lower = pw.toLowerCase();
  if (policy.checkBreached && ctx.breached && ctx.breached.has(lower)) {
    problems.push({ code: 'breached', message: '该密码过于常见或已在泄露密码库中出现，请更换' });
  }
  for (const w of ctx.contextWords ?? []) {
    const word = w.trim().toLowerCase();
    if (word.length >= 3 && lower.includes(word)) {
      problems.push({ code: 'context', message: '密码不能包含用户名、姓名、机构名称或平台名称' });
      break;
    }
  }
  if (policy.historySize > 0 && ctx.reusedFromHistory) {
    problems.push({ code: 'history', message: `不能使用最近 ${policy.historySize} 次用过的密码` });
  }
  return problems;
}

/** The date on which the password expires under the policy, or null when the policy has no forced rotation. */
export function passwordExpiresOn(policy: PasswordPolicy, changedOn: IsoDate): IsoDate | null {
  return policy.rotationDays === null ? null : addDays(changedOn, policy.rotationDays);
}

/** True when the password must be changed before anything else (rotation period reached). */
export function isPasswordExpired(policy: PasswordPolicy, changedOn: IsoDate, today: IsoDate): boolean {
  const exp = passwordExpiresOn(policy, changedOn);
  return exp !== null && today >= exp;
}
