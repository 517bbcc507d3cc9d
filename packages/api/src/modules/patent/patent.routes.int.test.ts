import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, createTestDeps, type TestDeps } from '../../../test/test-db.ts';
import { appNo, buildOrganisation, buildPatent, buildUser, login } from '../../../test/factories.ts';
import { multipart } from '../../../test/multipart.ts';

let deps: TestDeps;
let app: FastifyInstance;
let univId: number;
beforeAll(async () => {
  deps = await createTestDeps();
  app = await createTestApp(deps);
  const univ = await buildOrganisation(deps.db, { name: '测试大学', type: 'university', sizeClass: null, regionCode: '510107' });
  univId = univ.id;
  await buildUser(deps.db, { role: 'org_member', orgId: univ.id, username: 'univ-member' });
  await buildUser(deps.db, { role: 'auditor', username: 'aud' });
  await buildPatent(deps.db, { title: '一种石墨烯改性锂电池正极材料', holders: ['测试大学'], ipcCodes: ['H01M4/525', 'H01M10/0525'], type: 'invention', legalStatus: 'in_force' });
  await buildPatent(deps.db, { title: '一种农用无人机喷洒装置', holders: ['某公司'], ipcCodes: ['B64D1/18'], type: 'utility_model', applicationNumber: appNo(2020, '2'), legalStatus: 'lapsed' });
});
afterAll(async () => { await app?.close(); await deps?.cleanup(); });

async function waitJob(headers: Record<string, string>, id: number) {
  for (let i = 0; i < 200; i++) {
    const r = await app.inject({ url: `/api/v1/jobs/${id}`, headers });
    const j = r.json() as { status: string };
    if (j.status === 'succeeded' || j.status === 'failed') return r.json() as { status: string; result: Record<string, unknown>; error: { code: string; details: { rejected: { row: number }[] } } };
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error('job did not finish');
}

describe('patent API', () => {
  it('lists patents publicly with search and filters', async () => {
    const all = await app.inject({ url: '/api/v1/patents' });
    expect(all.statusCode).toBe(200);
    expect((all.json() as { total: number }).total).toBe(2);
    const q = await app.inject({ url: `/api/v1/patents?q=${encodeURIComponent('石墨烯')}` });
    expect((q.json() as { items: { title: string }[] }).items.map((i) => i.title)).toEqual(['一种石墨烯改性锂电池正极材料']);
    const byHolder = await app.inject({ url: `/api/v1/patents?holderType=university` });
    expect((byHolder.json() as { total: number }).total).toBe(1);
    const byType = await app.inject({ url: `/api/v1/patents?type=utility_model&status=lapsed` });
    expect((byType.json() as { items: { title: string }[] }).items[0].title).toBe('一种农用无人机喷洒装置');
    const byIpc = await app.inject({ url: `/api/v1/patents?ipc=H01M` });
    expect((byIpc.json() as { total: number }).total).toBe(1);
  });

  it('shows a patent with IPC Chinese titles and holders', async () => {
    const list = (await app.inject({ url: `/api/v1/patents?q=${encodeURIComponent('石墨烯')}` })).json() as { items: { id: number }[] };
    const d = (await app.inject({ url: `/api/v1/patents/${list.items[0].id}` })).json() as { ipc: { code: string; title: string | null }[]; holders: { name: string; orgId: number | null }[] };
    expect(d.ipc[0].code).toBe('H01M4/525');
    expect(d.ipc[0].title).toBeTruthy();
    expect(d.holders[0]).toEqual(expect.objectContaining({ name: '测试大学', orgId: univId }));
    expect((await app.inject({ url: `/api/v1/patents/999999` })).statusCode).toBe(404);
  });

  it('rejects bad query parameters with a 400 and a Chinese message', async () => {
    const r = await app.inject({ url: '/api/v1/patents?region=abc' });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'VALIDATION' });
  });

  it('requires login and CSRF for imports, then imports through a job', async () => {
    const csvText = `申请号,名称,申请人,申请日,法律状态\n${appNo(2019)},一种导入的测试装置,测试大学,2019-05-05,实质审查\n`;
    const mp = multipart({ name: '专利.csv', data: Buffer.from(csvText) });
    expect((await app.inject({ method: 'POST', url: '/api/v1/imports/patents', ...mp })).statusCode).toBe(401);
    const h = await login(app, 'univ-member');
    const noCsrf = await app.inject({ method: 'POST', url: '/api/v1/imports/patents', payload: mp.payload, headers: { ...mp.headers, cookie: h.cookie } });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json()).toMatchObject({ code: 'CSRF' });
    const ok = await app.inject({ method: 'POST', url: '/api/v1/imports/patents', payload: mp.payload, headers: { ...mp.headers, ...h } });
    expect(ok.statusCode).toBe(202);
    const job = await waitJob(h, (ok.json() as { jobId: number }).jobId);
    expect(job.status).toBe('succeeded');
    expect(job.result).toMatchObject({ imported: 1, updated: 0, rejectedCount: 0 });
  });

  it('reports rejected rows of a failed import job', async () => {
    const h = await login(app, 'univ-member');
    const csvText = `申请号,名称,申请日\n202010123456.7,一种错误装置,2020-01-01\n`;
    const mp = multipart({ name: 'bad.csv', data: Buffer.from(csvText) });
    const r = await app.inject({ method: 'POST', url: '/api/v1/imports/patents', payload: mp.payload, headers: { ...mp.headers, ...h } });
    const job = await waitJob(h, (r.json() as { jobId: number }).jobId);
    expect(job.status).toBe('failed');
    expect(job.error.code).toBe('IMPORT_REJECTED');
    expect(job.error.details.rejected[0].row).toBe(2);
  });

  it('forbids an auditor from importing, and hides another user\'s job', async () => {
    const h = await login(app, 'aud');
    const mp = multipart({ name: 'x.csv', data: Buffer.from('申请号\n') });
    const r = await app.inject({ method: 'POST', url: '/api/v1/imports/patents', payload: mp.payload, headers: { ...mp.headers, ...h } });
    expect(r.statusCode).toBe(403);
  });

  it('downloads the import template and an Excel export', async () => {
    const t = await app.inject({ url: '/api/v1/imports/patents/template' });
    expect(t.statusCode).toBe(200);
    expect(t.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const e = await app.inject({ url: '/api/v1/patents/export?type=invention' });
    expect(e.headers['content-type']).toContain('spreadsheetml');
  });
});
