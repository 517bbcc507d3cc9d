import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import { AppError, ROLES, type Role } from '@zhuanhua/domain';
import { inTx, type Queryable } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import { audit } from '../../lib/audit.ts';
import { getUserByUsername, insertUser, listUsers, type UserRow } from './user.repo.ts';
import { assertPasswordAcceptable } from '../security/security.password.ts';

export const userInput = z.object({
  username: z.string().trim().min(3, '用户名至少 3 个字符').max(40).regex(/^[a-zA-Z0-9_.@-]+$/, '用户名只能包含字母、数字和 _ . @ -'),
  displayName: z.string().trim().min(1).max(50),
  password: z.string().min(1, '请输入密码').max(1024, '密码过长'), // the policy (security settings) checks the rest
  role: z.enum(ROLES),
  orgId: z.number().int().positive().nullable().optional(),
  regionCode: z.string().regex(/^\d{6}$/).nullable().optional(),
  phone: z.string().max(30).nullable().optional(),
  email: z.string().email('邮箱格式不正确').max(100).nullable().optional(),
}).strict();
export type UserInput = z.infer<typeof userInput>;

export const hashPassword = (pw: string): Promise<string> => hash(pw, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
export const verifyPassword = (h: string, pw: string): Promise<boolean> => verify(h, pw).catch(() => false);

/** Roles an organisation administrator may hand out inside its own organisation. */
const ORG_ADMIN_GRANTS: Role[] = ['org_admin', 'org_member'];

export async function createUser(db: Queryable, actor: Actor, input: UserInput): Promise<UserRow> {
  const orgId = input.orgId ?? null;
  if (actor.role !== 'platform_admin') {
    if (!ORG_ADMIN_GRANTS.includes(input.role) || orgId !== actor.orgId) throw new AppError('FORBIDDEN', '只能在本机构内创建机构管理员或成员');
  }
  if (['org_admin', 'org_member', 'bank_officer', 'service_agent'].includes(input.role) && orgId === null) {
    throw new AppError('VALIDATION', '该角色必须属于一个机构');
  }
  return inTx(db, async (tx) => {
    if (await getUserByUsername(tx, input.username)) throw new AppError('DUPLICATE', `用户名 ${input.username} 已存在`);
    await assertPasswordAcceptable(tx, input.password, { username: input.username, displayName: input.displayName });
    const row = await insertUser(tx, { ...input, orgId, passwordHash: await hashPassword(input.password) });
    await audit(tx, actor, { action: 'user.create', entity: 'user', entityId: row.id, after: presentUser(row) });
    return row;
  });
}

export const listUsersFor = (db: Queryable, actor: Actor) => listUsers(db, actor.role === 'platform_admin' ? null : actor.orgId);

export function presentUser(u: UserRow) {
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role, orgId: u.org_id, orgName: u.org_name ?? null, regionCode: u.region_code, status: u.status, mustChangePassword: u.must_change_password, createdAt: u.created_at };
}
