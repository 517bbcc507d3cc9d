import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { base32Decode, totp } from '@zhuanhua/domain/security/index.ts';
import { query } from '../../db/client.ts';
import { createTestApp, createTestDeps, type TestDeps } from '../../../test/test-db.ts';
import { TEST_PASSWORD, buildOrganisation, buildUser } from '../../../test/factories.ts';
import { hmac, verifyAuditChain } from './security.service.ts';
import { forgetSecuritySettings } from '../../http/auth.ts';

let deps: TestDeps;
let app: FastifyInstance;
let admin: Record<string, string>;
let orgId: number;
beforeAll(async () => {
  deps = await createTestDeps();
  app = await createTestApp(deps);
  orgId = (await buildOrganisation(deps.db)).id;
  await buildUser(deps.db, { role: 'platform_admin', username: 'office' });
  admin = await login(app, 'office');
});
afterAll(async () => { await app?.close(); await deps?.cleanup(); });

const post = (url: string, headers: Record<string, string>, payload: unknown) => app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload: payload as object });
// Login is rate limited per client address (20/min); each test login comes from its own loopback address.
let ipSeq = 1;
const loginRaw = (username: string, password: string, extra: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password, ...extra }, remoteAddress: `127.0.${Math.floor(ipSeq / 250)}.${(ipSeq++ % 250) + 1}` });
async function login(_app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Record<string, string>> {
  const res = await loginRaw(username, password);
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  return { cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': (res.json() as { csrfToken: string }).csrfToken };
}

describe('password policy', () => {
  it('refuses short and breached passwords on user creation, in Chinese', async () => {
    const base = { displayName: '张三', role: 'org_member', orgId };
    const short = await post('/users', admin, { ...base, username: 'pw1', password: 'Ab1!xyz' });
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toContain('密码长度至少 8 位');
    const breached = await post('/users', admin, { ...base, username: 'pw2', password: 'woaini1314' });
    expect(breached.statusCode).toBe(400);
    expect(breached.json().message).toContain('泄露密码库');
    const ctxWord = await post('/users', admin, { ...base, username: 'zhangsan99', password: 'my-zhangsan99-pw' });
    expect(ctxWord.statusCode).toBe(400);
    const ok = await post('/users', admin, { ...base, username: 'pw3', password: 'long enough passphrase' });
    expect(ok.statusCode).toBe(201);
  });

  it('等保 profile: 3 classes, and the last 5 passwords cannot be reused', async () => {
    const set = await app.inject({ method: 'PUT', url: '/api/v1/security/settings', headers: admin,
      payload: { passwordProfile: 'dengbao', idleMinutes: 30, maxFailures: 5, lockMinutes: 30, totpRequiredForAdmins: false } });
    expect(set.statusCode).toBe(200);
    await buildUser(deps.db, { role: 'org_member', orgId, username: 'rotator' });
    let h = await login(app, 'rotator');
    const weak = await post('/auth/password', h, { currentPassword: TEST_PASSWORD, newPassword: 'alllowercaseletters' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().message).toContain('至少 3 类');
    expect((await post('/auth/password', h, { currentPassword: TEST_PASSWORD, newPassword: 'Second-pass-1' })).statusCode).toBe(200);
    h = await login(app, 'rotator', 'Second-pass-1');
    const back = await post('/auth/password', h, { currentPassword: 'Second-pass-1', newPassword: TEST_PASSWORD });
    expect(back.statusCode).toBe(400);
    expect(back.json().message).toContain('最近 5 次');
    await app.inject({ method: 'PUT', url: '/api/v1/security/settings', headers: admin,
      payload: { passwordProfile: 'asvs', idleMinutes: 30, maxFailures: 5, lockMinutes: 30, totpRequiredForAdmins: false } });
  });

  it('an expired or initial password must be changed before anything else', async () => {
    const u = await buildUser(deps.db, { role: 'org_member', orgId, username: 'mustchange' });
    await query(deps.db, `update users set must_change_password = true where id = $1`, [u.id]);
    const h = await login(app, 'mustchange');
    expect((await app.inject({ url: '/api/v1/auth/me', headers: h })).statusCode).toBe(200);
    const blocked = await app.inject({ url: '/api/v1/patents', headers: h });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().message).toContain('请先修改密码');
    expect((await post('/auth/password', h, { currentPassword: TEST_PASSWORD, newPassword: 'A-new-password-77' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/patents', headers: h })).statusCode).toBe(200);
  });
});

describe('lockout and sessions', () => {
  it('locks at exactly the 5th failure; the security admin unlocks', async () => {
    const u = await buildUser(deps.db, { role: 'org_member', orgId, username: 'locked1' });
    for (let i = 0; i < 4; i++) expect((await loginRaw('locked1', 'bad-password')).statusCode).toBe(401);
    expect((await loginRaw('locked1', TEST_PASSWORD)).statusCode).toBe(200); // success resets
    for (let i = 0; i < 5; i++) expect((await loginRaw('locked1', 'bad-password')).statusCode).toBe(401);
    const locked = await loginRaw('locked1', TEST_PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().message).toMatch(/账户已锁定，请 (29|30) 分钟后再试/);
    expect((await post('/security/unlock', admin, { userId: u.id })).statusCode).toBe(200);
    expect((await loginRaw('locked1', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('a lock ends after 30 minutes (attempt times moved back)', async () => {
    await buildUser(deps.db, { role: 'org_member', orgId, username: 'locked2' });
    for (let i = 0; i < 5; i++) await loginRaw('locked2', 'bad-password');
    expect((await loginRaw('locked2', TEST_PASSWORD)).statusCode).toBe(423);
    await query(deps.db, `update login_attempts set at = at - interval '31 minutes' where user_id = (select id from users where username = 'locked2')`);
    expect((await loginRaw('locked2', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('idle for 30 minutes → logged out', async () => {
    await buildUser(deps.db, { role: 'org_member', orgId, username: 'idler' });
    const h = await login(app, 'idler');
    await query(deps.db, `update sessions set last_seen_at = now() - interval '29 minutes' where user_id = (select id from users where username = 'idler')`);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: h })).statusCode).toBe(200);
    await query(deps.db, `update sessions set last_seen_at = now() - interval '30 minutes 1 second' where user_id = (select id from users where username = 'idler')`);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: h })).statusCode).toBe(401);
  });

  it('a write without the CSRF header is refused', async () => {
    const { cookie } = admin;
    const r = await app.inject({ method: 'POST', url: '/api/v1/security/totp/setup', headers: { cookie } });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('CSRF');
  });
});

describe('TOTP second factor', () => {
  it('setup → activate → login needs the code → a code works once', async () => {
    await buildUser(deps.db, { role: 'platform_admin', username: 'totpadmin' });
    const h = await login(app, 'totpadmin');
    const setup = await post('/security/totp/setup', h, {});
    expect(setup.statusCode).toBe(200);
    const { secret, uri } = setup.json() as { secret: string; uri: string };
    expect(uri).toContain(`secret=${secret}`);
    const key = base32Decode(secret);
    const now = Math.floor(Date.now() / 1000);
    expect((await post('/security/totp/activate', h, { code: '000000' === totp(hmac, key, now) ? '111111' : '000000' })).statusCode).toBe(400);
    expect((await post('/security/totp/activate', h, { code: totp(hmac, key, now) })).statusCode).toBe(200);
    const noCode = await loginRaw('totpadmin', TEST_PASSWORD);
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().details).toEqual({ totpRequired: true });
    // the activation code was from this step: the next step's code logs in, and only once
    const next = totp(hmac, key, now + 30);
    expect((await loginRaw('totpadmin', TEST_PASSWORD, { totp: next })).statusCode).toBe(200);
    expect((await loginRaw('totpadmin', TEST_PASSWORD, { totp: next })).statusCode).toBe(401);
  });
});

describe('second factor required for administrators', () => {
  it('with the setting on, an administrator without TOTP may only bind one', async () => {
    await buildUser(deps.db, { role: 'auditor', username: 'auditor-nototp' });
    const settings = { passwordProfile: 'asvs', idleMinutes: 30, maxFailures: 5, lockMinutes: 30 };
    expect((await app.inject({ method: 'PUT', url: '/api/v1/security/settings', headers: admin, payload: { ...settings, totpRequiredForAdmins: true } })).statusCode).toBe(200);
    const h = await login(app, 'auditor-nototp');
    const blocked = await app.inject({ url: '/api/v1/organisations', headers: h });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().details).toEqual({ totpSetupRequired: true });
    expect((await post('/security/totp/setup', h, {})).statusCode).toBe(200);
    // organisation users are not concerned
    await buildUser(deps.db, { role: 'org_member', orgId, username: 'member-nototp' });
    expect((await app.inject({ url: '/api/v1/organisations', headers: await login(app, 'member-nototp') })).statusCode).toBe(200);
    // switch off again (directly: the office admin has no second factor either, so it is blocked too)
    await query(deps.db, `update security_settings set settings = jsonb_set(settings, '{totpRequiredForAdmins}', 'false') where id = 1`);
    forgetSecuritySettings(deps.db);
    expect((await app.inject({ url: '/api/v1/organisations', headers: h })).statusCode).toBe(200);
  });
});

describe('audit log', () => {
  it('the database refuses UPDATE and DELETE of audit rows', async () => {
    await expect(query(deps.db, `update audit_log set action = 'x' where id = (select min(id) from audit_log)`)).rejects.toThrow('审计日志只允许追加');
    await expect(query(deps.db, `delete from audit_log where id = (select min(id) from audit_log)`)).rejects.toThrow('审计日志只允许追加');
  });

  it('verify: intact chain ok; a changed row and a deleted row are found', async () => {
    const r = await post('/security/audit/verify', admin, {});
    expect(r.statusCode).toBe(200);
    const body = r.json() as { ok: boolean; checked: number };
    expect(body.ok).toBe(true);
    expect(body.checked).toBeGreaterThan(10);
    // tamper as the database owner would (bypassing the trigger)
    await query(deps.db, `alter table audit_log disable trigger audit_log_no_update`);
    const [victim] = await query<{ id: number }>(deps.db, `select id from audit_log where action = 'auth.login' order by id limit 1 offset 1`);
    await query(deps.db, `update audit_log set actor_user_id = 999 where id = $1`, [victim!.id]);
    const changed = await verifyAuditChain(deps.db, { record: false });
    expect(changed.ok).toBe(false);
    expect(changed.problems).toEqual([expect.objectContaining({ seq: victim!.id, kind: 'changed' })]);
    await query(deps.db, `delete from audit_log where id = $1`, [victim!.id]);
    const deleted = await verifyAuditChain(deps.db, { record: false });
    expect(deleted.problems.map((p) => p.kind)).toEqual(['relinked']);
    // deleting the newest rows is caught by the checkpoint of the last good verification
    const [last] = await query<{ id: number }>(deps.db, `select max(id)::int as id from audit_log`);
    await query(deps.db, `delete from audit_log where id >= $1`, [last!.id - 1]);
    const tail = await verifyAuditChain(deps.db, { record: false });
    expect(tail.problems.some((p) => p.kind === 'missing')).toBe(true);
    await query(deps.db, `alter table audit_log enable trigger audit_log_no_update`);
  });
});

describe('三员分立', () => {
  it('one duty per account; a reserved action then needs its duty', async () => {
    const auditor = await buildUser(deps.db, { role: 'auditor', username: 'audit-admin' });
    expect((await post('/security/duties', admin, { userId: auditor.id, duty: 'audit' })).statusCode).toBe(201);
    const second = await post('/security/duties', admin, { userId: auditor.id, duty: 'system' });
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toBe('三员分立：同一账户不能同时担任审计管理员和系统管理员');
    // the platform admin no longer verifies the audit chain; the audit administrator does
    expect((await post('/security/audit/verify', admin, {})).statusCode).toBe(403);
    const a = await login(app, 'audit-admin');
    expect((await post('/security/audit/verify', a, {})).statusCode).toBe(200);
    // an auditor cannot change security settings (role table)
    expect((await app.inject({ method: 'PUT', url: '/api/v1/security/settings', headers: a, payload: {} })).statusCode).toBe(403);
  });
});

describe('organisation data export', () => {
  it('an organisation admin exports its own data only; bodies carry no password hashes', async () => {
    await buildUser(deps.db, { role: 'org_admin', orgId, username: 'orgboss' });
    const h = await login(app, 'orgboss');
    const r = await app.inject({ url: '/api/v1/security/org-export', headers: h });
    expect(r.statusCode).toBe(200);
    const body = r.json() as { organisation: { id: number }; users: { username: string }[] };
    expect(body.organisation.id).toBe(orgId);
    expect(body.users.map((u) => u.username)).toContain('orgboss');
    expect(r.body).not.toContain('argon2');
    expect(r.headers['cache-control']).toBe('no-store');
    expect((await app.inject({ url: '/api/v1/security/org-export', headers: admin })).statusCode).toBe(403);
  });
});

describe('rate limit', () => {
  it('the 21st login attempt within a minute from one address answers 429', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 21; i++) {
      codes.push((await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody', password: 'x' }, remoteAddress: '10.9.9.9' })).statusCode);
    }
    expect(codes.slice(0, 20).every((c) => c === 401)).toBe(true);
    expect(codes[20]).toBe(429);
  });
});
