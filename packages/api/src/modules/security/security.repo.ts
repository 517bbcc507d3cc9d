/** SQL of the security module. */
import { query, queryOne, type Queryable } from '../../db/client.ts';

export type AuditRow = {
  id: number; at: Date; actor_user_id: number | null; action: string; entity: string; entity_id: string | null;
  before: unknown; after: unknown; prev_hash: string; hash: string;
};

export const auditRowsAfter = (db: Queryable, afterId: number, limit: number) =>
  query<AuditRow>(db,
    `select id, at, actor_user_id, action, entity, entity_id, before, after, prev_hash, hash
       from audit_log where id > $1 order by id limit $2`, [afterId, limit]);

export type CheckpointRow = { id: number; last_audit_id: number; last_hash: string };
export const lastGoodCheckpoint = (db: Queryable) =>
  queryOne<CheckpointRow>(db, `select id, last_audit_id, last_hash from audit_checkpoints where ok order by id desc limit 1`);

export const insertCheckpoint = (db: Queryable, lastId: number, lastHash: string, checked: number, ok: boolean) =>
  query(db, `insert into audit_checkpoints (last_audit_id, last_hash, checked, ok) values ($1,$2,$3,$4)`, [lastId, lastHash, checked, ok]);

export type TotpRow = { user_id: number; secret: string; enabled: boolean; last_used_step: number | null };
export const getTotp = (db: Queryable, userId: number) =>
  queryOne<TotpRow>(db, `select user_id, secret, enabled, last_used_step from user_totp where user_id = $1`, [userId]);

export const upsertTotpSecret = (db: Queryable, userId: number, secret: string) =>
  query(db,
    `insert into user_totp (user_id, secret, enabled) values ($1, $2, false)
     on conflict (user_id) do update set secret = excluded.secret, enabled = false, last_used_step = null, activated_at = null`,
    [userId, secret]);

export const setTotpEnabled = (db: Queryable, userId: number, enabled: boolean, step: number | null) =>
  query(db, `update user_totp set enabled = $2, last_used_step = coalesce($3, last_used_step), activated_at = case when $2 then now() else null end where user_id = $1`,
    [userId, enabled, step]);

export const useTotpStep = (db: Queryable, userId: number, step: number) =>
  query(db, `update user_totp set last_used_step = $2 where user_id = $1 and (last_used_step is null or last_used_step < $2)`, [userId, step]);

export const recentPasswordHashes = (db: Queryable, userId: number, n: number) =>
  query<{ password_hash: string }>(db, `select password_hash from password_history where user_id = $1 order by id desc limit $2`, [userId, n]);

export const insertPasswordHistory = (db: Queryable, userId: number, hash: string) =>
  query(db, `insert into password_history (user_id, password_hash) values ($1, $2)`, [userId, hash]);

export const insertLoginAttempt = (db: Queryable, userId: number, ok: boolean, ip: string | null) =>
  query(db, `insert into login_attempts (user_id, ok, ip) values ($1, $2, $3)`, [userId, ok, ip]);

export const recentLoginAttempts = (db: Queryable, userId: number, sinceMinutes: number) =>
  query<{ at: Date; ok: boolean }>(db,
    `select at, ok from login_attempts where user_id = $1 and at > now() - make_interval(mins => $2) order by at`, [userId, sinceMinutes]);

export const getDuty = (db: Queryable, userId: number) =>
  queryOne<{ duty: string }>(db, `select duty from admin_duties where user_id = $1`, [userId]);

export const insertDuty = (db: Queryable, userId: number, duty: string, grantedBy: number) =>
  query(db, `insert into admin_duties (user_id, duty, granted_by) values ($1, $2, $3)`, [userId, duty, grantedBy]);

export const getSettingsRow = (db: Queryable) =>
  queryOne<{ settings: unknown }>(db, `select settings from security_settings where id = 1`);

export const saveSettingsRow = (db: Queryable, settings: unknown) =>
  query(db,
    `insert into security_settings (id, settings) values (1, $1) on conflict (id) do update set settings = excluded.settings, updated_at = now()`,
    [JSON.stringify(settings)]);

export type RoleAttrs = { rolname: string; rolsuper: boolean; rolbypassrls: boolean };
export const currentRoleAttrs = (db: Queryable) =>
  queryOne<RoleAttrs>(db, `select rolname, rolsuper, rolbypassrls from pg_roles where rolname = current_user`);

export const publicTables = (db: Queryable) =>
  query<{ table_name: string }>(db,
    `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`);

export const dutyHolders = async (db: Queryable, duty: string) =>
  (await query<{ user_id: number }>(db, `select user_id from admin_duties where duty = $1`, [duty])).map((r) => Number(r.user_id));

/** Clears the failure history of a user; null when the user does not exist. */
export async function clearLoginAttempts(db: Queryable, userId: number): Promise<number | null> {
  const u = await query(db, `update users set failed_logins = 0, locked_until = null where id = $1 returning id`, [userId]);
  if (!u.length) return null;
  const r = await query<{ id: number }>(db, `delete from login_attempts where user_id = $1 returning id`, [userId]);
  return r.length;
}

export const orgExportRows = async (db: Queryable, orgId: number) => ({
  organisation: await queryOne(db, `select * from organisations where id = $1`, [orgId]),
  users: await query(db, `select id, username, display_name, role, phone, email, status, created_at from users where org_id = $1 order by id`, [orgId]),
  patents: await query(db,
    `select p.id, p.application_number, p.title, p.type, p.legal_status from patents p
      where exists (select 1 from patent_holders h where h.patent_id = p.id and h.org_id = $1) order by p.id limit 100000`, [orgId]),
});
