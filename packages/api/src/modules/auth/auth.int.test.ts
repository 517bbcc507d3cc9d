import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { query } from '../../db/client.ts';
import { createTestApp, createTestDeps, type TestDeps } from '../../../test/test-db.ts';
import { TEST_PASSWORD, buildUser, login } from '../../../test/factories.ts';

let deps: TestDeps;
let app: FastifyInstance;
beforeAll(async () => {
  deps = await createTestDeps();
  app = await createTestApp(deps);
  await buildUser(deps.db, { role: 'platform_admin', username: 'office' });
  await buildUser(deps.db, { role: 'platform_admin', username: 'locky' });
});
afterAll(async () => { await app?.close(); await deps?.cleanup(); });

describe('auth', () => {
  it('answers unknown user and wrong password alike', async () => {
    const a = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody', password: 'x' } });
    const b = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'office', password: 'wrong-password' } });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json()).toEqual(b.json());
  });

  it('logs in, reads me, logs out and the old cookie stops working', async () => {
    const h = await login(app, 'office');
    const me = await app.inject({ url: '/api/v1/auth/me', headers: h });
    expect(me.json()).toMatchObject({ user: { username: 'office', role: 'platform_admin' } });
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: h })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: h })).statusCode).toBe(401);
  });

  it('stores no plaintext password and sets an HttpOnly session cookie', async () => {
    const rows = await query<{ password_hash: string }>(deps.db, `select password_hash from users`);
    for (const r of rows) { expect(r.password_hash.startsWith('$argon2id$')).toBe(true); expect(r.password_hash).not.toContain(TEST_PASSWORD); }
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'office', password: TEST_PASSWORD } });
    const c = res.cookies.find((x) => x.name === 'zh_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Lax');
  });

  it('locks an account after 5 failures, even for the right password', async () => {
    for (let i = 0; i < 5; i++) await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'locky', password: 'bad' } });
    const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'locky', password: TEST_PASSWORD } });
    expect(r.statusCode).toBe(423);
    const audits = await query<{ action: string }>(deps.db, `select action from audit_log where action like 'auth.%' order by id`);
    expect(audits.map((a) => a.action)).toContain('auth.account_locked');
  });

  it('sends security headers and no stack traces', async () => {
    const r = await app.inject({ url: '/api/v1/health' });
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(String(r.headers['content-security-policy'])).toContain("object-src 'none'");
    const bad = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: '{"username":', headers: { 'content-type': 'application/json' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).not.toMatch(/at .*\.ts:\d+/);
  });
});
