import { query, queryOne, type Queryable } from '../../db/client.ts';
import type { Role } from '@zhuanhua/domain';

export type UserRow = {
  id: number; username: string; display_name: string; password_hash: string; role: Role; org_id: number | null; org_name?: string | null;
  region_code: string | null; phone: string | null; email: string | null; status: string; failed_logins: number; locked_until: Date | null;
  must_change_password: boolean; password_changed_at: Date; created_at: Date;
};

export const getUserByUsername = (db: Queryable, username: string) =>
  queryOne<UserRow>(db, `select u.*, o.name as org_name from users u left join organisations o on o.id = u.org_id where u.username = $1`, [username]);

export const getUser = (db: Queryable, id: number) =>
  queryOne<UserRow>(db, `select u.*, o.name as org_name from users u left join organisations o on o.id = u.org_id where u.id = $1`, [id]);

export async function listUsers(db: Queryable, orgId: number | null): Promise<UserRow[]> {
  return orgId === null
    ? query<UserRow>(db, `select u.*, o.name as org_name from users u left join organisations o on o.id = u.org_id order by u.id`)
    : query<UserRow>(db, `select u.*, o.name as org_name from users u left join organisations o on o.id = u.org_id where u.org_id = $1 order by u.id`, [orgId]);
}

export type UserWrite = { username: string; displayName: string; passwordHash: string; role: Role; orgId: number | null; regionCode?: string | null; phone?: string | null; email?: string | null; mustChangePassword?: boolean };

export async function insertUser(db: Queryable, u: UserWrite): Promise<UserRow> {
  return (await queryOne<UserRow>(db,
    `insert into users (username, display_name, password_hash, role, org_id, region_code, phone, email, must_change_password)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9) returning *`,
    [u.username, u.displayName, u.passwordHash, u.role, u.orgId, u.regionCode ?? null, u.phone ?? null, u.email ?? null, u.mustChangePassword ?? false]))!;
}
