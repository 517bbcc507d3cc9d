import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { clearSessionCookies, requireActor, revokeSession, setSessionCookies } from '../../http/auth.ts';
import { audit } from '../../lib/audit.ts';
import { getUser } from '../user/user.repo.ts';
import { presentUser } from '../user/user.service.ts';
import { changePassword, login } from './auth.service.ts';
import { AppError } from '@zhuanhua/domain';

export async function authRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];
  r.post('/auth/login', {
    config: { action: 'auth.login', rateLimit: { max: deps.config.LOGIN_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } },
    schema: { tags, body: z.object({ username: z.string().min(1, '请输入用户名').max(60), password: z.string().min(1, '请输入密码').max(256), totp: z.string().trim().regex(/^\d{6}$/, '动态验证码应为 6 位数字').optional() }).strict() },
  }, async (req, reply) => {
    const { user, token, csrf } = await login(deps.db, deps.config, req.body.username, req.body.password, req.ip, req.headers['user-agent'] ?? null, req.body.totp);
    setSessionCookies(reply, deps.config, token, csrf);
    return { user: presentUser(user), csrfToken: csrf };
  });
  r.post('/auth/logout', { config: { action: 'auth.logout' }, schema: { tags } }, async (req, reply) => {
    const actor = requireActor(req);
    if (actor.sessionId) await revokeSession(deps.db, actor.sessionId);
    await deps.db.transaction().execute((tx) => audit(tx, actor, { action: 'auth.logout', entity: 'user', entityId: actor.userId }));
    clearSessionCookies(reply);
    return { ok: true };
  });
  r.get('/auth/me', { config: { action: 'auth.me' }, schema: { tags } }, async (req) => {
    const u = await getUser(deps.db, requireActor(req).userId);
    if (!u) throw new AppError('UNAUTHENTICATED', '请先登录');
    return { user: presentUser(u) };
  });
  r.post('/auth/password', {
    config: { action: 'auth.changePassword', rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: { tags, body: z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1, '请输入新密码').max(1024) }).strict() },
  }, async (req) => {
    const actor = requireActor(req);
    const u = await getUser(deps.db, actor.userId);
    if (!u) throw new AppError('UNAUTHENTICATED', '请先登录');
    await changePassword(deps.db, actor, u, req.body.currentPassword, req.body.newPassword);
    return { ok: true };
  });
}
