import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, createTestDeps, type TestDeps } from '../../../test/test-db.ts';
import { buildOrganisation, buildPatent, buildUser, login } from '../../../test/factories.ts';
import { multipart } from '../../../test/multipart.ts';
import { query, queryOne } from '../../db/client.ts';

let deps: TestDeps;
let app: FastifyInstance;
let sme: number, univ: number, own: number, univPatent: number, lapsed: number;

/** A licence in the ledger from univ to sme for a patent (the deal module's table, written directly here). */
async function licence(patentId: number, from: string, to: string, state = 'signed') {
  const d = (await queryOne<{ id: number }>(deps.db, `insert into deals (kind, licence_kind, title, state, contract_date, effective_date, end_date, contract_amount_fen)
    values ('licence','ordinary','许可合同',$1,$2,$2,$3,1000000) returning id`, [state, from, to]))!;
  await query(deps.db, `insert into deal_parties (deal_id, side, role, org_id, name) values ($1,'out','licensor',$2,'测试大学'), ($1,'in','licensee',$3,'备案企业')`, [d.id, univ, sme]);
  await query(deps.db, `insert into deal_patents (deal_id, patent_id) values ($1,$2)`, [d.id, patentId]);
  return d.id;
}

beforeAll(async () => {
  deps = await createTestDeps();
  app = await createTestApp(deps);
  sme = (await buildOrganisation(deps.db, { name: '备案企业', type: 'private_enterprise', sizeClass: 'small' })).id;
  univ = (await buildOrganisation(deps.db, { name: '测试大学', type: 'university', sizeClass: null })).id;
  await buildUser(deps.db, { role: 'org_member', orgId: sme, username: 'sme' });
  await buildUser(deps.db, { role: 'org_member', orgId: univ, username: 'univ' });
  await buildUser(deps.db, { role: 'platform_admin', username: 'office' });
  own = (await buildPatent(deps.db, { holders: ['备案企业'] })).id;
  univPatent = (await buildPatent(deps.db, { holders: ['测试大学'] })).id;
  lapsed = (await buildPatent(deps.db, { holders: ['备案企业'], legalStatus: 'lapsed' })).id;
});
afterAll(async () => { await app?.close(); await deps?.cleanup(); });

const post = (h: Record<string, string>, url: string, payload: unknown) => app.inject({ method: 'POST', url: `/api/v1${url}`, headers: h, payload: payload as object });

describe('product filing API', () => {
  it('checks every patent is held or licensed on the filing date, then files, numbers and records uses', async () => {
    const h = await login(app, 'sme');
    const created = await post(h, '/product-filings', {
      productName: '高镍三元正极材料', category: '新材料', productionStart: '2024-06-01', integrityPledge: true,
      patents: [{ patentId: own, role: 'own' }, { patentId: univPatent, role: 'licensed' }],
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as number;
    const noLicence = await post(h, `/product-filings/${id}/submit`, { filingDate: '2025-01-10' });
    expect(noLicence.statusCode).toBe(422);
    expect(noLicence.json().message).toContain('备案主体没有覆盖备案日的许可记录');
    // a licence that ended before the filing date does not count; one covering it does
    await licence(univPatent, '2022-01-01', '2024-12-31');
    expect((await post(h, `/product-filings/${id}/submit`, { filingDate: '2025-01-10' })).statusCode).toBe(422);
    await licence(univPatent, '2025-01-01', '2027-12-31');
    const sub = await post(h, `/product-filings/${id}/submit`, { filingDate: '2025-01-10' });
    expect(sub.json()).toMatchObject({ state: 'submitted', filingDate: '2025-01-10', check: { problems: [] } });
    // the enterprise cannot approve its own filing
    expect((await post(h, `/product-filings/${id}/review`, { approve: true })).statusCode).toBe(403);
    const office = await login(app, 'office');
    const filed = await post(office, `/product-filings/${id}/review`, { approve: true });
    expect(filed.json()).toMatchObject({ state: 'filed', filingNo: 'BA2025000001' });
    const uses = await query<{ patent_id: number; from_date: string }>(deps.db, `select patent_id, from_date from patent_uses where source_type = 'product_filing' and source_id = $1 order by patent_id`, [id]);
    expect(uses).toEqual([{ patent_id: own, from_date: '2025-01-10' }, { patent_id: univPatent, from_date: '2025-01-10' }]);

    const rep = await post(h, `/product-filings/${id}/reports`, { year: 2025, outputFen: 1_250_000_000, salesFen: 1_000_000_000, jobs: 42 });
    expect(rep.statusCode).toBe(200);
    expect(rep.json().reports).toEqual([expect.objectContaining({ year: 2025, outputFen: 1_250_000_000, jobs: 42, outputWan: '1250' })]);
    expect((await post(h, `/product-filings/${id}/reports`, { year: 2023, outputFen: 1, salesFen: 1, jobs: 1 })).statusCode).toBe(422);
    // other enterprises don't see it
    const univH = await login(app, 'univ');
    expect((await app.inject({ url: `/api/v1/product-filings/${id}`, headers: univH })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/v1/product-filings', headers: univH })).json()).toMatchObject({ total: 0 });
  });

  it('refuses a lapsed patent', async () => {
    const h = await login(app, 'sme');
    const id = (await post(h, '/product-filings', { productName: '旧产品', category: '其他', integrityPledge: true, patents: [{ patentId: lapsed, role: 'own' }] })).json().id;
    const r = await post(h, `/product-filings/${id}/submit`, { filingDate: '2025-02-01' });
    expect(r.statusCode).toBe(422);
    expect(r.json().message).toContain('不是有效状态');
  });

  it('a returned filing that is withdrawn keeps no filing date (it never counts)', async () => {
    const h = await login(app, 'sme');
    const office = await login(app, 'office');
    const id = (await post(h, '/product-filings', { productName: '退回的产品', category: '其他', integrityPledge: true, patents: [{ patentId: own, role: 'own' }] })).json().id;
    expect((await post(h, `/product-filings/${id}/submit`, { filingDate: '2025-03-01' })).statusCode).toBe(200);
    expect((await post(office, `/product-filings/${id}/review`, { approve: false })).statusCode).toBe(400);
    expect((await post(office, `/product-filings/${id}/review`, { approve: false, reason: '产品资料不全' })).json()).toMatchObject({ state: 'returned', reviewReason: '产品资料不全' });
    expect((await post(office, `/product-filings/${id}/withdraw`, { reason: '不再生产' })).json()).toMatchObject({ state: 'withdrawn', filingDate: null, filingNo: null });
  });

  it('imports filed products with a year report, rejecting bad rows with row numbers', async () => {
    const office = await login(app, 'office');
    const no = (await queryOne<{ application_number: string }>(deps.db, `select application_number from patents where id = $1`, [own]))!.application_number;
    const csv = `备案主体,产品名称,产品类别,备案号,备案日期,投产日期,专利申请号,报送年度,产值(万元),销售额(万元),带动就业(人)\n`
      + `备案企业,锂电隔膜,新材料,BA2024000100,2024-03-01,2023-01-01,${no},2024,500,400,12\n`
      + `不存在企业,x,新材料,,2024-13-01,,,,,,\n`;
    const up = multipart({ name: 'f.csv', data: Buffer.from(csv) }, { mode: 'valid-only' });
    const res = await app.inject({ method: 'POST', url: '/api/v1/imports/product-filings', payload: up.payload, headers: { ...up.headers, ...office } });
    let job: { status: string; result: { imported: number; rejectedCount: number; rejected: { row: number; field: string }[] } } | undefined;
    for (let i = 0; i < 100; i++) {
      job = (await app.inject({ url: `/api/v1/jobs/${res.json().jobId}`, headers: office })).json();
      if (job!.status !== 'running' && job!.status !== 'queued') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(job!.result).toMatchObject({ imported: 1, rejectedCount: 1 });
    expect(job!.result.rejected.map((e) => `${e.row}:${e.field}`)).toEqual(expect.arrayContaining(['3:备案主体', '3:产品名称', '3:备案号', '3:备案日期', '3:专利申请号']));
    const list = (await app.inject({ url: '/api/v1/product-filings?q=%E9%94%82%E7%94%B5%E9%9A%94%E8%86%9C', headers: office })).json();
    expect(list.items[0]).toMatchObject({ filingNo: 'BA2024000100', state: 'filed', latestYear: 2024, latestOutputFen: 500_000_000 });
    // numbering continues after the highest number of the year, imported ones included
    const h = await login(app, 'sme');
    const nid = (await post(h, '/product-filings', { productName: '新隔膜', category: '新材料', integrityPledge: true, patents: [{ patentId: own, role: 'own' }] })).json().id;
    await post(h, `/product-filings/${nid}/submit`, { filingDate: '2024-05-01' });
    expect((await post(office, `/product-filings/${nid}/review`, { approve: true })).json()).toMatchObject({ filingNo: 'BA2024000101' });
    const x = await app.inject({ url: '/api/v1/product-filings/export', headers: office });
    expect(x.statusCode).toBe(200);
  });
});
