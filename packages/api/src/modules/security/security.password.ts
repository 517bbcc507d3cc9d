/** The configured password policy applied to a new password (create user, change password). */
import { verify } from '@node-rs/argon2';
import { AppError } from '@zhuanhua/domain';
import { checkPassword, passwordPolicy } from '@zhuanhua/domain/security/index.ts';
import type { Queryable } from '../../db/client.ts';
import { recentPasswordHashes } from './security.repo.ts';
import { breachedPasswords, getSettings } from './security.service.ts';

/** Profile (asvs / dengbao), breached list, context words and, for 等保, the last N passwords. Throws VALIDATION. */
export async function assertPasswordAcceptable(db: Queryable, pw: string, ctx: { userId?: number; username: string; displayName?: string }): Promise<void> {
  const settings = await getSettings(db);
  const policy = passwordPolicy(settings.passwordProfile);
  let reused = false;
  if (policy.historySize > 0 && ctx.userId !== undefined) {
    for (const h of await recentPasswordHashes(db, ctx.userId, policy.historySize)) {
      if (await verify(h.password_hash, pw).catch(() => false)) { reused = true; break; }
    }
  }
  const problems = checkPassword(policy, pw, {
    breached: breachedPasswords(),
    contextWords: [ctx.username, ctx.displayName ?? '', '专利转化'],
    reusedFromHistory: reused,
  });
  if (problems.length) {
    throw new AppError('VALIDATION', problems.map((p) => p.message).join('；'), { fields: problems.map((p) => ({ field: 'password', code: p.code, message: p.message })) });
  }
}
