import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, createTestDeps, type TestDeps } from '../../../test/test-db.ts';
import { buildOrganisation, buildUser, login } from '../../../test/factories.ts';
import { expireDemands } from './demand.repo.ts';

let deps: TestDeps;
let app: FastifyInstance;
beforeAll(async () => {
  deps = await createTestDeps();
  app = await createTestApp(deps);
  const a = await buildOrganisation(deps.db, { name: '需求企业甲', type: 'private_enterprise', sizeClass: 'small' });
  const b = await buildOrganisation(deps.db, { name: '需求企业乙', type: 'private_enterprise', sizeClass: 'micro' });
  await buildUser(deps.db, { role: 'org_member', orgId: a.id, username: 'd-a' });
  await buildUser(deps.db, { role: 'org_member', orgId: b.id, username: 'd-b' });
  await buildUser(deps.db, { role: 'platform_admin', username: 'd-admin' });
});
afterAll(async () => { await app?.close(); await deps?.cleanup(); });

const body = { title: '秸秆综合利用技术', description: '需要秸秆饲料化与肥料化的综合利用技术，降低处理成本。', validUntil: '2025-06-30', budgetMinFen: 10_000_000, budgetMaxFen: 50_000_000 };

describe('demand API', () => {
  it('edits only drafts of its own organisation, answers 404 to others', async () => {
    const a = await login(app, 'd-a');
    const b = await login(app, 'd-b');
    const id = ((await app.inject({ method: 'POST', url: '/api/v1/demands', headers: a, payload: body })).json() as { id: number }).id;
    const other = await app.inject({ method: 'PUT', url: `/api/v1/demands/${id}`, headers: b, payload: { ...body, title: '改成别人的需求' } });
    expect(other.statusCode).toBe(404);
    const mine = await app.inject({ method: 'PUT', url: `/api/v1/demands/${id}`, headers: a, payload: { ...body, title: '秸秆综合利用技术（修改）' } });
    expect((mine.json() as { title: string }).title).toBe('秸秆综合利用技术（修改）');
    await app.inject({ method: 'POST', url: `/api/v1/demands/${id}/submit`, headers: a });
    const locked = await app.inject({ method: 'PUT', url: `/api/v1/demands/${id}`, headers: a, payload: body });
    expect(locked.statusCode).toBe(409);
    expect((locked.json() as { message: string }).message).toBe('只有草稿状态的需求可以修改');
  });
  it('rejects a money float and an unknown region with Chinese messages', async () => {
    const a = await login(app, 'd-a');
    const r = await app.inject({ method: 'POST', url: '/api/v1/demands', headers: a, payload: { ...body, budgetMaxFen: 12.5 } });
    expect(r.statusCode).toBe(400);
    const g = await app.inject({ method: 'POST', url: '/api/v1/demands', headers: a, payload: { ...body, regionCode: '999999' } });
    expect(g.statusCode).toBe(400);
    expect((g.json() as { message: string }).message).toContain('999999');
  });
  it('needs a comment to send back; publishes; expires after validUntil; audits each change', async () => {
    const a = await login(app, 'd-a');
    const admin = await login(app, 'd-admin');
    const id = ((await app.inject({ method: 'POST', url: '/api/v1/demands', headers: a, payload: body })).json() as { id: number }).id;
    await app.inject({ method: 'POST', url: `/api/v1/demands/${id}/submit`, headers: a });
    const noComment = await app.inject({ method: 'POST', url: `/api/v1/demands/${id}/review`, headers: admin, payload: { decision: 'reject' } });
    expect(noComment.statusCode).toBe(400);
    const pub = await app.inject({ method: 'POST', url: `/api/v1/demands/${id}/review`, headers: admin, payload: { decision: 'publish' } });
    // validUntil 2025-06-30 is past: shown as expired at once
    expect((pub.json() as { state: string }).state).toBe('expired');
    expect(await expireDemands(deps.db, '2025-06-30')).toEqual([]);
    expect(await expireDemands(deps.db, '2025-07-01')).toContain(id);
    const { query } = await import('../../db/client.ts');
    const audits = await query<{ action: string }>(deps.db, `select action from audit_log where entity = 'demand' and entity_id = $1 order by id`, [String(id)]);
    expect(audits.map((x) => x.action)).toEqual(['demand.create', 'demand.submit', 'demand.publish']);
  });
});
