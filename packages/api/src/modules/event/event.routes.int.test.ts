import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, createTestDeps, type TestDeps } from '../../../test/test-db.ts';
import { buildOrganisation, buildPatent, buildUser, login } from '../../../test/factories.ts';
import { multipart } from '../../../test/multipart.ts';
import { query } from '../../db/client.ts';

let deps: TestDeps;
let app: FastifyInstance;
let univ: number, sme: number, agency: number;
const patents: number[] = [];

beforeAll(async () => {
  deps = await createTestDeps();
  app = await createTestApp(deps);
  univ = (await buildOrganisation(deps.db, { name: '路演大学', type: 'university', sizeClass: null })).id;
  sme = (await buildOrganisation(deps.db, { name: '对接企业', type: 'private_enterprise', sizeClass: 'small' })).id;
  agency = (await buildOrganisation(deps.db, { name: '某知识产权服务中心', type: 'service_agency', sizeClass: null })).id;
  await buildUser(deps.db, { role: 'platform_admin', username: 'office' });
  await buildUser(deps.db, { role: 'org_member', orgId: sme, username: 'sme' });
  await buildUser(deps.db, { role: 'service_agent', orgId: agency, username: 'agent' });
  for (const t of ['一种固态电解质', '一种电池热管理装置', '一种极片涂布方法']) patents.push((await buildPatent(deps.db, { title: t, holders: ['路演大学'] })).id);
});
afterAll(async () => { await app?.close(); await deps?.cleanup(); });

const post = (h: Record<string, string>, url: string, payload: unknown) => app.inject({ method: 'POST', url: `/api/v1${url}`, headers: h, payload: payload as object });

describe('events and roadshows', () => {
  it('an event with three presented patents leads to one ledger deal, and its counts show it', async () => {
    const office = await login(app, 'office');
    const created = await post(office, '/events', { title: '新能源电池专利路演', kind: 'roadshow', organiserName: '市知识产权局', eventDate: '2025-05-20', place: '高新区会展中心', targetIndustry: '新能源' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as number;
    for (const [i, pid] of patents.entries()) {
      expect((await post(office, `/events/${id}/projects`, { kind: 'patent', refId: pid, title: `项目${i + 1}`, presenterOrgId: univ })).statusCode).toBe(201);
    }
    expect((await post(office, `/events/${id}/projects`, { kind: 'patent', refId: patents[0], title: '重复' })).statusCode).toBe(409);
    expect((await post(office, `/events/${id}/projects`, { kind: 'demand', refId: 999999, title: '不存在的需求' })).statusCode).toBe(400);
    const smeH = await login(app, 'sme');
    expect((await post(smeH, `/events/${id}/registrations`, {})).statusCode).toBe(201);
    // outcomes only after the event is held
    expect((await post(office, `/events/${id}/outcomes`, { kind: 'contact', orgId: sme })).statusCode).toBe(422);
    expect((await post(office, `/events/${id}/state`, { state: 'held' })).json()).toMatchObject({ state: 'held' });
    const projects = (await app.inject({ url: `/api/v1/events/${id}`, headers: office })).json().projects as { id: number }[];
    await post(office, `/events/${id}/outcomes`, { kind: 'contact', projectId: projects[0]!.id, orgId: sme });
    await post(office, `/events/${id}/outcomes`, { kind: 'contact', projectId: projects[1]!.id, orgId: sme });
    await post(office, `/events/${id}/outcomes`, { kind: 'intent', projectId: projects[0]!.id, orgId: sme });
    // a deal outcome without a ledger deal is refused
    expect((await post(office, `/events/${id}/outcomes`, { kind: 'deal', projectId: projects[0]!.id, orgId: sme })).statusCode).toBe(400);
    const deal = await post(office, `/events/${id}/outcomes`, {
      kind: 'deal', projectId: projects[0]!.id, orgId: sme,
      deal: { kind: 'licence', licenceKind: 'ordinary', title: '固态电解质专利普通许可', contractDate: '2025-06-15', effectiveDate: '2025-06-15', endDate: '2028-06-14',
        contractAmountFen: 30_000_000, patentIds: [patents[0]], parties: [{ side: 'out', orgId: univ }, { side: 'in', orgId: sme }] },
    });
    expect(deal.statusCode).toBe(201);
    const body = deal.json();
    expect(body.counts).toEqual({
      projects: 3, projectsByKind: { patent: 3, listing: 0, demand: 0 }, registeredOrgs: 1,
      contacts: 2, intents: 1, deals: 1, dealPatents: 1, dealAmountFen: 30_000_000,
    });
    const ledger = await query<{ id: number; source: string; state: string; kind: string }>(deps.db, `select id, source, state, kind from deals`);
    expect(ledger).toEqual([{ id: body.result.dealId, source: 'event', state: 'signed', kind: 'licence' }]);
    // the same ledger deal cannot be counted twice for the event
    expect((await post(office, `/events/${id}/outcomes`, { kind: 'deal', dealId: body.result.dealId, orgId: sme })).statusCode).toBe(409);
    // when the deal is terminated in the ledger, the event no longer counts it
    await query(deps.db, `update deals set state = 'terminated' where id = $1`, [body.result.dealId]);
    expect((await app.inject({ url: `/api/v1/events/${id}` })).json().counts.deals).toBe(0);
    await query(deps.db, `update deals set state = 'signed' where id = $1`, [body.result.dealId]);
    // the public sees the event and its counts but not the outcome rows
    const pub = (await app.inject({ url: `/api/v1/events/${id}` })).json();
    expect(pub.counts.deals).toBe(1);
    expect(pub.outcomes).toEqual([]);
    expect((await app.inject({ url: '/api/v1/events?q=%E8%B7%AF%E6%BC%94' })).json().items[0]).toMatchObject({ id, projectCount: 3, dealCount: 1 });
  });

  it('only the organiser or the office manages an event', async () => {
    const agent = await login(app, 'agent');
    const id = (await post(agent, '/events', { title: '线上对接会', kind: 'matchmaking', organiserName: '某知识产权服务中心', eventDate: '2025-07-01', online: true })).json().id;
    const smeH = await login(app, 'sme');
    expect((await post(smeH, `/events/${id}/state`, { state: 'held' })).statusCode).toBe(403);
    expect((await post(agent, `/events/${id}/state`, { state: 'held' })).statusCode).toBe(200);
    expect((await post(agent, `/events/${id}/state`, { state: 'planned' })).statusCode).toBe(409);
  });

  it('imports an event list, reporting bad rows', async () => {
    const office = await login(app, 'office');
    const csv = '活动名称,活动类型,主办单位,活动日期,线上,地点,目标产业,面向园区,状态\n2024 高校专利成果对接会,供需对接会,市知识产权局,2024-09-10,否,市科技馆,装备制造,高新区,已举办\n坏,茶话会,,2024-02-30,否,,,,乱写\n';
    const up = multipart({ name: 'e.csv', data: Buffer.from(csv) });
    const res = await app.inject({ method: 'POST', url: '/api/v1/imports/events', payload: up.payload, headers: { ...up.headers, ...office } });
    let job: { status: string; error?: { details: { rejected: { row: number; field: string }[] } } } = { status: 'running' };
    for (let i = 0; i < 100 && (job.status === 'running' || job.status === 'queued'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await app.inject({ url: `/api/v1/jobs/${res.json().jobId}`, headers: office })).json();
    }
    expect(job.status).toBe('failed');
    expect(job.error!.details.rejected.map((e) => `${e.row}:${e.field}`)).toEqual(['3:活动名称', '3:活动类型', '3:主办单位', '3:活动日期', '3:地点', '3:状态']);
  });
});
