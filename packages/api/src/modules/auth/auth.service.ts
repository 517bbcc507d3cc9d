import { AppError } from '@zhuanhua/domain';
import {
  DEFAULT_LOCKOUT, isPasswordExpired, lockedMessage, lockoutState, passwordPolicy, type LockoutPolicy,
} from '@zhuanhua/domain/security/index.ts';
import { query, type Db, type Queryable } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { audit } from '../../lib/audit.ts';
import { createSession } from '../../http/auth.ts';
import { getUserByUsername, type UserRow } from '../user/user.repo.ts';
import { hashPassword, verifyPassword } from '../user/user.service.ts';
import type { Actor } from '../../http/actor.ts';
import { checkTotp, getSettings } from '../security/security.service.ts';
import { insertLoginAttempt, insertPasswordHistory, recentLoginAttempts } from '../security/security.repo.ts';
import { assertPasswordAcceptable } from '../security/security.password.ts';

export const MAX_FAILURES = DEFAULT_LOCKOUT.maxFailures;
export const LOCK_MINUTES = DEFAULT_LOCKOUT.lockMinutes;
const BAD_LOGIN = '用户名或密码错误';
/** A fixed hash verified for unknown users so both answers take about as long. */
let dummyHash: Promise<string> | undefined;

const actorOf = (user: UserRow, ip: string | null): Actor =>
  ({ userId: user.id, username: user.username, role: user.role, orgId: user.org_id, regionCode: user.region_code, ip });

async function lockoutPolicy(db: Queryable): Promise<LockoutPolicy> {
  const s = await getSettings(db);
  return { maxFailures: s.maxFailures, lockMinutes: s.lockMinutes, windowMinutes: DEFAULT_LOCKOUT.windowMinutes };
}

/** The lock state from the recorded attempts (pure rule `lockoutState`, domain/security/session.rules.ts). */
async function currentLock(db: Queryable, userId: number, policy: LockoutPolicy, now: number) {
  const since = policy.lockMinutes + policy.windowMinutes * policy.maxFailures;
  const attempts = await recentLoginAttempts(db, userId, since);
  return lockoutState(attempts.map((a) => ({ at: new Date(a.at).getTime(), ok: a.ok })), now, policy);
}

/**
 * Check the password (and the TOTP code when the user has one), apply the lockout, open a session.
 * Unknown user and wrong password answer alike. Every attempt is recorded and audited.
 */
export async function login(db: Db, config: Config, username: string, password: string, ip: string | null, ua: string | null, totp?: string) {
  const user = await getUserByUsername(db, username);
  if (!user) {
    dummyHash ??= hashPassword('dummy-password-for-timing');
    await verifyPassword(await dummyHash, password);
    await db.transaction().execute((tx) => audit(tx, null, { action: 'auth.login_failed', entity: 'user', entityId: null, after: { username, ip } }));
    throw new AppError('UNAUTHENTICATED', BAD_LOGIN);
  }
  const policy = await lockoutPolicy(db);
  const before = await currentLock(db, user.id, policy, Date.now());
  if (before.locked) {
    await db.transaction().execute((tx) => audit(tx, null, { action: 'auth.login_locked', entity: 'user', entityId: user.id, after: { ip } }));
    throw new AppError('ACCOUNT_LOCKED', lockedMessage(before, Date.now()));
  }
  const ok = user.status === 'active' && (await verifyPassword(user.password_hash, password));
  let totpError: AppError | null = null;
  if (ok) {
    try { await checkTotp(db, user.id, totp, Math.floor(Date.now() / 1000)); } catch (e) { totpError = e as AppError; }
  }
  if (!ok || totpError) {
    // A missing code (first step of a two-step login) is not a failure; a wrong code is.
    const counts = !ok || totp !== undefined;
    await db.transaction().execute(async (tx) => {
      if (counts) await insertLoginAttempt(tx, user.id, false, ip);
      const after = await currentLock(tx, user.id, policy, Date.now());
      await query(tx, `update users set failed_logins = $2, locked_until = $3 where id = $1`,
        [user.id, after.failures, after.lockedUntil === null ? null : new Date(after.lockedUntil).toISOString()]);
      if (counts) {
        await audit(tx, null, { action: after.locked ? 'auth.account_locked' : 'auth.login_failed', entity: 'user', entityId: user.id, after: { ip, failures: after.locked ? policy.maxFailures : after.failures, totp: ok } });
      }
    });
    if (totpError) throw totpError;
    throw new AppError('UNAUTHENTICATED', BAD_LOGIN);
  }
  const { token, csrf } = await createSession(db, config, user.id, ip, ua);
  const settings = await getSettings(db);
  const expired = isPasswordExpired(passwordPolicy(settings.passwordProfile), user.password_changed_at.toISOString().slice(0, 10), new Date().toISOString().slice(0, 10));
  await db.transaction().execute(async (tx) => {
    await insertLoginAttempt(tx, user.id, true, ip);
    await query(tx, `update users set failed_logins = 0, locked_until = null, must_change_password = must_change_password or $2 where id = $1`, [user.id, expired]);
    await audit(tx, actorOf(user, ip), { action: 'auth.login', entity: 'user', entityId: user.id });
  });
  return { user: { ...user, must_change_password: user.must_change_password || expired }, token, csrf };
}

export async function changePassword(db: Db, actor: Actor, user: UserRow, current: string, next: string): Promise<void> {
  if (!(await verifyPassword(user.password_hash, current))) throw new AppError('VALIDATION', '当前密码不正确');
  if (current === next) throw new AppError('VALIDATION', '新密码不能与当前密码相同');
  await assertPasswordAcceptable(db, next, { userId: user.id, username: user.username, displayName: user.display_name });
  const h = await hashPassword(next);
  await db.transaction().execute(async (tx) => {
    await insertPasswordHistory(tx, user.id, user.password_hash);
    await query(tx, `update users set password_hash = $2, password_changed_at = now(), must_change_password = false where id = $1`, [user.id, h]);
    await query(tx, `update sessions set revoked_at = now() where user_id = $1 and id <> $2 and revoked_at is null`, [user.id, actor.sessionId ?? '']);
    await audit(tx, actor, { action: 'auth.password_changed', entity: 'user', entityId: user.id });
  });
}
