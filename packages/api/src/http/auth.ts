import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, PERMISSIONS, isAllowed, type Role } from '@zhuanhua/domain';
import { query, queryOne, type Db } from '../db/client.ts';
import type { Config } from '../config.ts';
import type { Actor } from './actor.ts';
import { sessionVerdict } from '@zhuanhua/domain/security/session.rules.ts';
import { getSettings } from '../modules/security/security.service.ts';

export const SESSION_COOKIE = 'zh_session';
export const CSRF_COOKIE = 'zh_csrf';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest { actor: Actor | null }
  interface FastifyContextConfig { action?: string }
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

type SessionRow = {
  id: string; user_id: number; csrf_token: string; last_seen_at: Date; expires_at: Date; revoked_at: Date | null;
  username: string; role: Role; org_id: number | null; region_code: string | null; status: string;
  created_at: Date; must_change_password: boolean;
};

/** Idle timeout in minutes: the security settings (cached 5 s), or SESSION_TTL_MINUTES when none were saved. */
type Cached = { at: number; minutes: number | null; totpForAdmins: boolean };
const idleCache = new WeakMap<Db, Cached>();
async function sessionSettings(db: Db): Promise<Cached> {
  const c = idleCache.get(db);
  if (c && Date.now() - c.at < 5000) return c;
  const row = await queryOne<{ n: number }>(db, `select 1 as n from security_settings where id = 1`);
  const s = row ? await getSettings(db) : null;
  const v = { at: Date.now(), minutes: s?.idleMinutes ?? null, totpForAdmins: s?.totpRequiredForAdmins ?? false };
  idleCache.set(db, v);
  return v;
}
/** Forget cached settings (after they change). */
export const forgetSecuritySettings = (db: Db): void => { idleCache.delete(db); };

/** Actions a user who must change the password may still perform. */
const WHILE_MUST_CHANGE = new Set(['auth.me', 'auth.changePassword', 'auth.logout', 'security.policyRead', 'auth.login', 'system.health']);
/** Actions an administrator without a second factor may perform when the settings require one. */
const WHILE_TOTP_MISSING = new Set([...WHILE_MUST_CHANGE, 'security.totpSetup', 'security.totpActivate']);
const ADMIN_ROLES = new Set<Role>(['platform_admin', 'auditor']);

/** Create a session; returns the raw token (cookie) and the CSRF token. */
export async function createSession(db: Db, config: Config, userId: number, ip: string | null, userAgent: string | null): Promise<{ token: string; csrf: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  await query(db,
    `insert into sessions (id, user_id, csrf_token, expires_at, ip, user_agent) values ($1, $2, $3, now() + make_interval(hours => $4), $5, $6)`,
    [hashToken(token), userId, csrf, config.SESSION_ABSOLUTE_HOURS, ip, userAgent?.slice(0, 300) ?? null]);
  return { token, csrf };
}

export async function revokeSession(db: Db, sessionId: string): Promise<void> {
  await query(db, `update sessions set revoked_at = now() where id = $1 and revoked_at is null`, [sessionId]);
}

export function setSessionCookies(reply: FastifyReply, config: Config, token: string, csrf: string): void {
  const base = { path: '/', sameSite: 'lax' as const, secure: config.COOKIE_SECURE };
  reply.setCookie(SESSION_COOKIE, token, { ...base, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, csrf, { ...base, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

/** Resolve the actor from the session cookie; enforce idle and absolute expiry. */
async function loadActor(db: Db, config: Config, req: FastifyRequest): Promise<{ actor: Actor; csrf: string; mustChange: boolean; totpMissing: boolean } | null> {
  const token = req.cookies?.[SESSION_COOKIE];
  if (!token) return null;
  const id = hashToken(token);
  const s = await queryOne<SessionRow>(db,
    `select s.id, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at, s.revoked_at, u.must_change_password,
            u.username, u.role, u.org_id, coalesce(u.region_code, o.region_code) as region_code, u.status
       from sessions s join users u on u.id = s.user_id left join organisations o on o.id = u.org_id
      where s.id = $1`, [id]);
  if (!s || s.revoked_at || s.status !== 'active') return null;
  const now = Date.now();
  const settings = await sessionSettings(db);
  const verdict = sessionVerdict({ createdAt: s.created_at.getTime(), lastSeenAt: s.last_seen_at.getTime() }, now,
    { idleMinutes: settings.minutes ?? config.SESSION_TTL_MINUTES, absoluteHours: config.SESSION_ABSOLUTE_HOURS });
  if (s.expires_at.getTime() <= now || !verdict.valid) {
    await revokeSession(db, id);
    return null;
  }
  if (now - s.last_seen_at.getTime() > 30_000) await query(db, `update sessions set last_seen_at = now() where id = $1`, [id]);
  return {
    actor: { userId: s.user_id, username: s.username, role: s.role, orgId: s.org_id, regionCode: s.region_code, ip: req.ip, sessionId: id },
    csrf: s.csrf_token,
    mustChange: s.must_change_password,
    totpMissing: settings.totpForAdmins && ADMIN_ROLES.has(s.role)
      && !(await queryOne(db, `select 1 from user_totp where user_id = $1 and enabled`, [s.user_id])),
  };
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a), y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Every /api route must name an action of the permission table (checked when the route is added);
 * the preValidation hook (before body validation, so strangers learn nothing from 400s) resolves the actor, checks CSRF on cookie-authenticated writes, and applies the table.
 */
export type RouteEntry = { method: string; url: string; action: string };
const routeTables = new WeakMap<FastifyInstance, RouteEntry[]>();
/** Every /api/v1 route with its action, as registered (the authorisation matrix test walks this). */
export const routeTableOf = (app: FastifyInstance): readonly RouteEntry[] => routeTables.get(app) ?? [];

export function registerAuth(app: FastifyInstance, db: Db, config: Config): void {
  app.decorateRequest('actor', null);
  const table: RouteEntry[] = [];
  routeTables.set(app, table);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const action = route.config?.action;
    for (const m of [route.method].flat()) if (m !== 'HEAD' && action) table.push({ method: m, url: route.url, action });
    if (!action || !PERMISSIONS[action]) {
      throw new Error(`route ${route.method} ${route.url} has no known action in the permission table (config.action = ${String(action)})`);
    }
  });
  app.addHook('preValidation', async (req) => {
    const action = req.routeOptions.config?.action;
    if (!action || !req.url.startsWith('/api/v1')) return;
    const loaded = await loadActor(db, config, req);
    req.actor = loaded?.actor ?? null;
    if (loaded && !SAFE.has(req.method)) {
      const header = req.headers[CSRF_HEADER];
      if (typeof header !== 'string' || !sameToken(header, loaded.csrf)) {
        throw new AppError('CSRF', '缺少或错误的 CSRF 令牌，请刷新页面后重试');
      }
    }
    if (loaded?.mustChange && !WHILE_MUST_CHANGE.has(action)) {
      throw new AppError('FORBIDDEN', '请先修改密码（首次登录或密码已到期）', { mustChangePassword: true });
    }
    if (loaded?.totpMissing && !WHILE_TOTP_MISSING.has(action)) {
      throw new AppError('FORBIDDEN', '管理员须先在“账户与安全”中绑定动态口令（双因素认证）', { totpSetupRequired: true });
    }
    if (!isAllowed(action, req.actor?.role ?? null)) {
      if (!req.actor) throw new AppError('UNAUTHENTICATED', '请先登录');
      throw new AppError('FORBIDDEN', '无权执行此操作');
    }
  });
}

/** The actor of a route whose action is not public: never null there. */
export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  return req.actor;
}
