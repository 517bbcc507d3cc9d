import { AppError } from '@zhuanhua/domain';
import { query, type Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { audit } from '../../lib/audit.ts';
import { createSession } from '../../http/auth.ts';
import { getUserByUsername, type UserRow } from '../user/user.repo.ts';
import { hashPassword, verifyPassword } from '../user/user.service.ts';
import type { Actor } from '../../http/actor.ts';

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 30;
const BAD_LOGIN = '用户名或密码错误';
/** A fixed hash verified for unknown users so both answers take about as long. */
let dummyHash: Promise<string> | undefined;

/** Check the password, apply the lockout, open a session. Unknown user and wrong password answer alike. */
export async function login(db: Db, config: Config, username: string, password: string, ip: string | null, ua: string | null) {
  const user = await getUserByUsername(db, username);
  if (!user) {
    dummyHash ??= hashPassword('dummy-password-for-timing');
    await verifyPassword(await dummyHash, password);
    await db.transaction().execute((tx) => audit(tx, null, { action: 'auth.login_failed', entity: 'user', entityId: null, after: { username, ip } }));
    throw new AppError('UNAUTHENTICATED', BAD_LOGIN);
  }
  if (user.locked_until && user.locked_until.getTime() > Date.now()) {
    await db.transaction().execute((tx) => audit(tx, null, { action: 'auth.login_locked', entity: 'user', entityId: user.id, after: { ip } }));
    throw new AppError('ACCOUNT_LOCKED', `账户已锁定，请于 ${LOCK_MINUTES} 分钟后重试或联系管理员`);
  }
  const ok = user.status === 'active' && (await verifyPassword(user.password_hash, password));
  if (!ok) {
    await db.transaction().execute(async (tx) => {
      const failures = user.failed_logins + 1;
      const lock = failures >= MAX_FAILURES;
      await query(tx, `update users set failed_logins = $2, locked_until = case when $3 then now() + make_interval(mins => $4) else locked_until end where id = $1`,
        [user.id, lock ? 0 : failures, lock, LOCK_MINUTES]);
      await audit(tx, null, { action: lock ? 'auth.account_locked' : 'auth.login_failed', entity: 'user', entityId: user.id, after: { ip, failures } });
    });
    throw new AppError('UNAUTHENTICATED', BAD_LOGIN);
  }
  const { token, csrf } = await createSession(db, config, user.id, ip, ua);
  await db.transaction().execute(async (tx) => {
    await query(tx, `update users set failed_logins = 0, locked_until = null where id = $1`, [user.id]);
    await audit(tx, { userId: user.id, username: user.username, role: user.role, orgId: user.org_id, regionCode: user.region_code, ip }, { action: 'auth.login', entity: 'user', entityId: user.id });
  });
  return { user, token, csrf };
}

export async function changePassword(db: Db, actor: Actor, user: UserRow, current: string, next: string): Promise<void> {
  if (!(await verifyPassword(user.password_hash, current))) throw new AppError('VALIDATION', '当前密码不正确');
  if (current === next) throw new AppError('VALIDATION', '新密码不能与当前密码相同');
  const h = await hashPassword(next);
  await db.transaction().execute(async (tx) => {
    await query(tx, `update users set password_hash = $2, password_changed_at = now(), must_change_password = false where id = $1`, [user.id, h]);
    await query(tx, `update sessions set revoked_at = now() where user_id = $1 and id <> $2 and revoked_at is null`, [user.id, actor.sessionId ?? '']);
    await audit(tx, actor, { action: 'auth.password_changed', entity: 'user', entityId: user.id });
  });
}
