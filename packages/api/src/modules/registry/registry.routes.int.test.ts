import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, createTestDeps, type TestDeps } from '../../../test/test-db.ts';
import { buildOrganisation, buildUser, login } from '../../../test/factories.ts';
import { multipart } from '../../../test/multipart.ts';

let deps: TestDeps;
let app: FastifyInstance;
let agency: number, sme: number, sme2: number;

beforeAll(async () => {
  deps = await createTestDeps();
  app = await createTestApp(deps);
  agency = (await buildOrganisation(deps.db, { name: '蓉城知识产权服务中心', type: 'service_agency', sizeClass: null })).id;
  sme = (await buildOrganisation(deps.db, { name: '服务对象甲', type: 'private_enterprise', sizeClass: 'micro' })).id;
  sme2 = (await buildOrganisation(deps.db, { name: '服务对象乙', type: 'private_enterprise', sizeClass: 'small' })).id;
  await buildUser(deps.db, { role: 'platform_admin', username: 'office' });
  await buildUser(deps.db, { role: 'service_agent', orgId: agency, username: 'agent' });
  await buildUser(deps.db, { role: 'org_member', orgId: sme, username: 'sme' });
});
afterAll(async () => { await app?.close(); await deps?.cleanup(); });

const post = (h: Record<string, string>, url: string, payload: unknown) => app.inject({ method: 'POST', url: `/api/v1${url}`, headers: h, payload: payload as object });

async function job(h: Record<string, string>, id: number) {
  for (let i = 0; i < 100; i++) {
    const j = (await app.inject({ url: `/api/v1/jobs/${id}`, headers: h })).json();
    if (j.status === 'succeeded' || j.status === 'failed') return j;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('job did not finish');
}

describe('registries and service records', () => {
  it('an agency registers its specialist; the office cannot publish a thin typical case, then publishes a full one', async () => {
    const agent = await login(app, 'agent');
    const sp = await post(agent, '/registry', { kind: 'specialist', name: '王专员', attrs: { specialistType: '技术经理人', certificateNo: 'JS-2025-0001' } });
    expect(sp.statusCode).toBe(201);
    expect(sp.json()).toMatchObject({ orgId: agency, state: 'active', regionCode: '510104', attrs: { specialistType: '技术经理人' } });
    expect((await post(agent, '/registry', { kind: 'pool', name: '锂电专利池', attrs: { poolType: '专利池', industry: '锂电' } })).statusCode).toBe(403);
    const bad = await post(agent, '/registry', { kind: 'specialist', name: '李专员', attrs: { specialistType: '律师' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('类别须为：知识产权专员、技术经理人');

    const caseId = (await post(agent, '/registry', { kind: 'typical_case', name: '高校专利先用后付案例', attrs: { summary: '某高校以先用后付方式许可中小企业', body: '太短' } })).json().id;
    // drafts are not public
    expect((await app.inject({ url: `/api/v1/registry/${caseId}` })).statusCode).toBe(404);
    const office = await login(app, 'office');
    expect((await post(agent, `/registry/${caseId}/state`, { state: 'published' })).statusCode).toBe(403);
    const thin = await post(office, `/registry/${caseId}/state`, { state: 'published' });
    expect(thin.statusCode).toBe(422);
    expect(thin.json().message).toBe('案例正文至少 100 字');
    await app.inject({ method: 'PATCH', url: `/api/v1/registry/${caseId}`, headers: agent, payload: { attrs: { body: '案例正文'.repeat(30) } } });
    expect((await post(office, `/registry/${caseId}/state`, { state: 'published' })).json()).toMatchObject({ state: 'published' });
    const pub = (await app.inject({ url: '/api/v1/registry?kind=typical_case' })).json();
    expect(pub).toMatchObject({ total: 1, items: [{ name: '高校专利先用后付案例', stateLabel: '已发布' }] });
  });

  it('records services and counts 家次 (one enterprise, one agency, one day counts once)', async () => {
    const agent = await login(app, 'agent');
    const rec = (enterpriseOrgId: number, serviceDate: string, type: string) => post(agent, '/service-records', { enterpriseOrgId, serviceDate, type, content: '专利布局咨询与评估' });
    expect((await rec(sme, '2025-03-01', 'consulting')).statusCode).toBe(201);
    expect((await rec(sme, '2025-03-01', 'valuation')).statusCode).toBe(201);
    expect((await rec(sme, '2025-04-02', 'custody')).statusCode).toBe(201);
    expect((await rec(sme2, '2025-04-02', 'negotiation')).statusCode).toBe(201);
    expect((await rec(agency, '2025-04-02', 'other')).statusCode).toBe(400);
    const list = (await app.inject({ url: '/api/v1/service-records?year=2025', headers: agent })).json();
    expect(list).toMatchObject({ total: 4, visits: 3, enterprises: 2 });
    // an enterprise sees only the services it received
    const smeH = await login(app, 'sme');
    expect((await app.inject({ url: '/api/v1/service-records', headers: smeH })).json()).toMatchObject({ total: 3, visits: 2 });
  });

  it('imports a registry of pilot bases and service records, reporting bad rows', async () => {
    const office = await login(app, 'office');
    const csv = '名称,所属机构,行政区划代码,认定/设立日期,中试领域,级别,中试能力\n成都新材料中试基地,,510100,2024-05-01,新材料,省级,年中试 50 项\n坏基地,不存在机构,51,2024-99-01,,国际级,\n';
    const up = multipart({ name: 'b.csv', data: Buffer.from(csv) }, { kind: 'pilot_base' });
    const j = await job(office, (await app.inject({ method: 'POST', url: '/api/v1/imports/registry', payload: up.payload, headers: { ...up.headers, ...office } })).json().jobId);
    expect(j.status).toBe('failed');
    expect(j.error.details.rejected.map((e: { row: number; field: string }) => `${e.row}:${e.field}`)).toEqual(['3:所属机构', '3:行政区划代码', '3:认定/设立日期', '3:中试领域', '3:级别']);
    const up2 = multipart({ name: 'b.csv', data: Buffer.from(csv) }, { kind: 'pilot_base', mode: 'valid-only' });
    const j2 = await job(office, (await app.inject({ method: 'POST', url: '/api/v1/imports/registry', payload: up2.payload, headers: { ...up2.headers, ...office } })).json().jobId);
    expect(j2.result).toMatchObject({ imported: 1, rejectedCount: 1 });
    expect((await app.inject({ url: '/api/v1/registry?kind=pilot_base' })).json().items[0]).toMatchObject({ name: '成都新材料中试基地', attrs: { level: '省级' } });
    const svc = '服务机构,服务对象,服务日期,服务类型,服务内容,专员\n蓉城知识产权服务中心,服务对象乙,2025-05-05,专利导航,产业专利导航,王专员\n';
    const up3 = multipart({ name: 's.csv', data: Buffer.from(svc) });
    const j3 = await job(office, (await app.inject({ method: 'POST', url: '/api/v1/imports/service-records', payload: up3.payload, headers: { ...up3.headers, ...office } })).json().jobId);
    expect(j3.result).toMatchObject({ imported: 1 });
    const x = await app.inject({ url: '/api/v1/registry/export?kind=pilot_base', headers: office });
    expect(x.statusCode).toBe(200);
  });
});
