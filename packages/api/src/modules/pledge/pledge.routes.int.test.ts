import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, createTestDeps, type TestDeps } from '../../../test/test-db.ts';
import { appNo, buildOrganisation, buildPatent, buildUser, login } from '../../../test/factories.ts';
import { multipart } from '../../../test/multipart.ts';
import { query } from '../../db/client.ts';

let deps: TestDeps;
let app: FastifyInstance;
let sme: number, bank: number, bank2: number;
let p1: number, p2: number, pUtility: number, foreign: number, valuerOrg: number;
const share = { fund: 5400, bank: 2600, insurer: 1600, guarantor: 0, valuer: 400 };

beforeAll(async () => {
  deps = await createTestDeps();
  app = await createTestApp(deps);
  sme = (await buildOrganisation(deps.db, { name: '成都锂能科技有限公司', type: 'private_enterprise', sizeClass: 'small' })).id;
  bank = (await buildOrganisation(deps.db, { name: '测试银行成都分行', type: 'bank', sizeClass: null })).id;
  bank2 = (await buildOrganisation(deps.db, { name: '另一家银行', type: 'bank', sizeClass: null })).id;
  await buildUser(deps.db, { role: 'org_member', orgId: sme, username: 'sme' });
  await buildUser(deps.db, { role: 'bank_officer', orgId: bank, username: 'banker' });
  await buildUser(deps.db, { role: 'bank_officer', orgId: bank2, username: 'banker2' });
  const valuer = (await buildOrganisation(deps.db, { name: '四川某评估公司', type: 'service_agency', sizeClass: null })).id;
  await buildUser(deps.db, { role: 'service_agent', orgId: valuer, username: 'valuer' });
  const otherAgency = (await buildOrganisation(deps.db, { name: '别的服务机构', type: 'service_agency', sizeClass: null })).id;
  await buildUser(deps.db, { role: 'service_agent', orgId: otherAgency, username: 'agent2' });
  valuerOrg = valuer;
  await buildUser(deps.db, { role: 'platform_admin', username: 'office' });
  await buildUser(deps.db, { role: 'platform_admin', username: 'office-sc', regionCode: '510000' });
  await buildUser(deps.db, { role: 'platform_admin', username: 'office-hn', regionCode: '410000' });
  p1 = (await buildPatent(deps.db, { holders: ['成都锂能科技有限公司'], filingDate: '2019-03-01' })).id;
  p2 = (await buildPatent(deps.db, { holders: ['成都锂能科技有限公司'], filingDate: '2019-04-01' })).id;
  pUtility = (await buildPatent(deps.db, { holders: ['成都锂能科技有限公司'], type: 'utility_model', applicationNumber: appNo(2017, '2'), filingDate: '2017-01-10', grantDate: '2017-08-01' })).id;
  foreign = (await buildPatent(deps.db, { holders: ['别家公司'] })).id;
});
afterAll(async () => { await app?.close(); await deps?.cleanup(); });

const post = (h: Record<string, string>, url: string, payload: unknown) => app.inject({ method: 'POST', url: `/api/v1${url}`, headers: h, payload: payload as object });

describe('pledge financing API', () => {
  it('runs apply → valuation → approval → registration → loan → repayments → release, writing patent_uses', async () => {
    const smeH = await login(app, 'sme');
    const bankH = await login(app, 'banker');
    const applied = await post(smeH, '/pledges', { pledgeeOrgId: bank, valuerOrgId: valuerOrg, patentIds: [p1, p2], requestedAmountFen: 200_000_000, applicationDate: '2025-03-01' });
    expect(applied.statusCode).toBe(201);
    const id = (applied.json() as { id: number }).id;
    expect(applied.json()).toMatchObject({ state: 'applied', pledgorOrgId: sme, patentCount: 2 });

    // only the chosen valuation agency sees and values the application
    const v = { method: 'income', valueFen: 500_000_000, appraiser: '四川某评估公司', feeFen: 1_000_000, valuationDate: '2025-03-05' };
    expect((await post(await login(app, 'agent2'), `/pledges/${id}/valuation`, v)).statusCode).toBe(404);
    const valuerH = await login(app, 'valuer');
    expect((await app.inject({ url: '/api/v1/pledges', headers: valuerH })).json()).toMatchObject({ total: 1 });
    expect((await post(valuerH, `/pledges/${id}/valuation`, v)).json()).toMatchObject({ state: 'valued', valuation: { valueFen: 500_000_000 } });
    expect((await post(bankH, `/pledges/${id}/decision`, { approve: true, approvedAmountFen: 200_000_000, decisionDate: '2025-03-10' })).json())
      .toMatchObject({ state: 'approved', coverageRatioBp: 25_000, pledgeRateBp: 4_000 });
    const reg = await post(bankH, `/pledges/${id}/registration`, { registrationNo: 'Y2025510000123', registrationDate: '2025-03-15', securedAmountFen: 200_000_000, debtTermStart: '2025-03-20', debtTermEnd: '2026-03-19' });
    expect(reg.statusCode).toBe(200);
    const uses = await query<{ patent_id: number; kind: string; from_date: string; to_date: string | null }>(deps.db, `select patent_id, kind, from_date, to_date from patent_uses where source_type = 'pledge' and source_id = $1 order by patent_id`, [id]);
    expect(uses).toEqual([{ patent_id: p1, kind: 'pledge', from_date: '2025-03-15', to_date: null }, { patent_id: p2, kind: 'pledge', from_date: '2025-03-15', to_date: null }]);

    const loan = await post(bankH, `/pledges/${id}/loan`, { loanAmountFen: 200_000_000, rateBp: 385, loanStart: '2025-03-20', loanEnd: '2026-03-19', enhancement: 'insurance', enhancerName: '某财产保险公司', premiumFen: 2_000_000, riskShare: share });
    expect(loan.json()).toMatchObject({ state: 'disbursed' });
    expect((await post(bankH, `/pledges/${id}/repayments`, { date: '2025-09-20', principalFen: 100_000_000, interestFen: 3_850_000, idempotencyKey: 'r1' })).json())
      .toMatchObject({ state: 'disbursed', loan: { outstandingFen: 100_000_000 } });
    // the same key again changes nothing
    expect((await post(bankH, `/pledges/${id}/repayments`, { date: '2025-09-20', principalFen: 100_000_000, interestFen: 3_850_000, idempotencyKey: 'r1' })).json())
      .toMatchObject({ loan: { outstandingFen: 100_000_000 } });
    const over = await post(bankH, `/pledges/${id}/repayments`, { date: '2026-03-19', principalFen: 100_000_001, interestFen: 0 });
    expect(over.statusCode).toBe(422);
    expect((await post(bankH, `/pledges/${id}/repayments`, { date: '2026-03-19', principalFen: 100_000_000, interestFen: 1_925_000 })).json()).toMatchObject({ state: 'repaid' });
    expect((await post(bankH, `/pledges/${id}/release`, { releasedDate: '2026-03-25' })).json()).toMatchObject({ state: 'released', releasedDate: '2026-03-25' });
    const closed = await query<{ to_date: string }>(deps.db, `select to_date from patent_uses where source_type = 'pledge' and source_id = $1`, [id]);
    expect(closed.map((c) => c.to_date)).toEqual(['2026-03-25', '2026-03-25']);
    const audits = await query<{ n: number }>(deps.db, `select count(*)::int as n from audit_log where entity = 'pledge' and entity_id = $1`, [String(id)]);
    expect(audits[0]!.n).toBeGreaterThanOrEqual(9);
  });

  it('banks see only their own loans; others get 404', async () => {
    const smeH = await login(app, 'sme');
    const id = (await post(smeH, '/pledges', { pledgeeOrgId: bank, patentIds: [p1], requestedAmountFen: 100, applicationDate: '2026-04-01' })).json().id as number;
    const other = await login(app, 'banker2');
    expect((await app.inject({ url: '/api/v1/pledges', headers: other })).json()).toMatchObject({ total: 0 });
    expect((await app.inject({ url: `/api/v1/pledges/${id}`, headers: other })).statusCode).toBe(404);
    expect((await post(other, `/pledges/${id}/decision`, { approve: true, approvedAmountFen: 100, decisionDate: '2026-04-02' })).statusCode).toBe(404);
    const mine = await login(app, 'banker');
    expect(((await app.inject({ url: '/api/v1/pledges', headers: mine })).json() as { total: number }).total).toBe(2);
    // the office sees the pledges of its region only
    expect(((await app.inject({ url: '/api/v1/pledges', headers: await login(app, 'office-sc') })).json() as { total: number }).total).toBe(2);
    expect(((await app.inject({ url: '/api/v1/pledges', headers: await login(app, 'office-hn') })).json() as { total: number }).total).toBe(0);
    // an enterprise cannot approve its own loan
    expect((await post(smeH, `/pledges/${id}/decision`, { approve: true, approvedAmountFen: 100, decisionDate: '2026-04-02' })).statusCode).toBe(403);
  });

  it('refuses pledging a patent of another holder, and a debt term past the patent expiry', async () => {
    const smeH = await login(app, 'sme');
    const bad = await post(smeH, '/pledges', { pledgeeOrgId: bank, patentIds: [foreign], requestedAmountFen: 100, applicationDate: '2025-05-01' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().message).toContain('出质人不是专利权人');
    const id = (await post(smeH, '/pledges', { pledgeeOrgId: bank, patentIds: [pUtility], requestedAmountFen: 100, applicationDate: '2025-05-01' })).json().id as number;
    const bankH = await login(app, 'banker');
    await post(bankH, `/pledges/${id}/decision`, { approve: true, approvedAmountFen: 100, decisionDate: '2025-05-02' });
    const reg = await post(bankH, `/pledges/${id}/registration`, { registrationNo: 'Y2025510000999', registrationDate: '2025-05-10', securedAmountFen: 100, debtTermStart: '2025-05-10', debtTermEnd: '2027-01-10' });
    expect(reg.statusCode).toBe(422);
    expect(reg.json().message).toContain('债务履行期限超过专利权有效期（专利有效期至 2027-01-09');
  });

  it('computes a risk-compensation claim after a default (54:26:16:4)', async () => {
    const smeH = await login(app, 'sme');
    const bankH = await login(app, 'banker');
    const id = (await post(smeH, '/pledges', { pledgeeOrgId: bank, patentIds: [p2], requestedAmountFen: 100_000_000, applicationDate: '2025-06-01' })).json().id as number;
    await post(bankH, `/pledges/${id}/decision`, { approve: true, approvedAmountFen: 100_000_000, decisionDate: '2025-06-02' });
    expect((await post(bankH, `/pledges/${id}/registration`, { registrationNo: 'Y2025510000777', registrationDate: '2025-06-05', securedAmountFen: 100_000_000, debtTermStart: '2025-06-05', debtTermEnd: '2026-06-04' })).statusCode).toBe(200);
    await post(bankH, `/pledges/${id}/loan`, { loanAmountFen: 100_000_000, rateBp: 400, loanStart: '2025-06-06', loanEnd: '2026-06-04', riskShare: share });
    await post(bankH, `/pledges/${id}/default`, { defaultDate: '2026-06-10', unpaidInterestFen: 0 });
    const claim = await post(bankH, `/pledges/${id}/claim`, { claimDate: '2026-07-01', recoveredFen: 20_000_000 });
    expect(claim.json()).toMatchObject({ state: 'compensated', claim: { lossFen: 80_000_000, fundPaysFen: 43_200_000 } });
  });

  it('concurrent repayments never take the principal below zero (row lock)', async () => {
    const smeH = await login(app, 'sme');
    const bankH = await login(app, 'banker');
    const p3 = (await buildPatent(deps.db, { holders: ['成都锂能科技有限公司'], filingDate: '2020-01-01' })).id;
    const id = (await post(smeH, '/pledges', { pledgeeOrgId: bank, patentIds: [p3], requestedAmountFen: 30_000, applicationDate: '2025-06-01' })).json().id as number;
    await post(bankH, `/pledges/${id}/decision`, { approve: true, approvedAmountFen: 30_000, decisionDate: '2025-06-02' });
    await post(bankH, `/pledges/${id}/registration`, { registrationNo: 'Y2025510000555', registrationDate: '2025-06-05', securedAmountFen: 30_000, debtTermStart: '2025-06-05', debtTermEnd: '2026-06-04' });
    await post(bankH, `/pledges/${id}/loan`, { loanAmountFen: 30_000, rateBp: 400, loanStart: '2025-06-06', loanEnd: '2026-06-04', riskShare: share });
    const res = await Promise.all(Array.from({ length: 6 }, (_, i) => post(bankH, `/pledges/${id}/repayments`, { date: '2025-12-01', principalFen: 10_000, interestFen: 0, idempotencyKey: `c${i}` })));
    expect(res.filter((r) => r.statusCode === 200).length).toBe(3);
    const rows = await query<{ s: number }>(deps.db, `select coalesce(sum(principal_fen), 0)::bigint as s from pledge_repayments where pledge_id = $1`, [id]);
    expect(rows[0]!.s).toBe(30_000);
    expect((await app.inject({ url: `/api/v1/pledges/${id}`, headers: bankH })).json()).toMatchObject({ state: 'repaid', loan: { outstandingFen: 0 } });
  });

  it('group credit (集合授信): loans of a batch stay within its credit line', async () => {
    const smeH = await login(app, 'sme');
    const bankH = await login(app, 'banker');
    const b = await post(bankH, '/pledge-batches', { name: '高新区科技企业集合授信', bankOrgId: bank2, parkName: '高新区', creditLineFen: 50_000, startDate: '2025-01-01', endDate: '2026-12-31' });
    expect(b.statusCode).toBe(201);
    expect(b.json()).toMatchObject({ bankOrgId: bank, summary: { members: 0, usedFen: 0, remainingFen: 50_000 } });
    const p4 = (await buildPatent(deps.db, { holders: ['成都锂能科技有限公司'], filingDate: '2020-02-01' })).id;
    const id = (await post(smeH, '/pledges', { pledgeeOrgId: bank, patentIds: [p4], requestedAmountFen: 60_000, applicationDate: '2025-07-01', batchId: b.json().id })).json().id as number;
    await post(bankH, `/pledges/${id}/decision`, { approve: true, approvedAmountFen: 60_000, decisionDate: '2025-07-02' });
    await post(bankH, `/pledges/${id}/registration`, { registrationNo: 'Y2025510000888', registrationDate: '2025-07-05', securedAmountFen: 60_000, debtTermStart: '2025-07-05', debtTermEnd: '2026-07-04' });
    const over = await post(bankH, `/pledges/${id}/loan`, { loanAmountFen: 60_000, rateBp: 400, loanStart: '2025-07-06', loanEnd: '2026-07-04', riskShare: share });
    expect(over.statusCode).toBe(422);
    expect(over.json().message).toContain('贷款金额超过集合授信剩余额度');
    expect((await post(bankH, `/pledges/${id}/loan`, { loanAmountFen: 50_000, rateBp: 400, loanStart: '2025-07-06', loanEnd: '2026-07-04', riskShare: share })).statusCode).toBe(200);
    expect((await app.inject({ url: `/api/v1/pledge-batches/${b.json().id}`, headers: bankH })).json()).toMatchObject({ summary: { members: 1, enterprises: 1, usedFen: 50_000, remainingFen: 0, registered: 1 } });
    // another bank does not see the batch
    expect((await app.inject({ url: `/api/v1/pledge-batches/${b.json().id}`, headers: await login(app, 'banker2') })).statusCode).toBe(404);
  });

  it('imports registrations all-or-nothing and exports the list', async () => {
    const office = await login(app, 'office');
    const pat = (await query<{ application_number: string }>(deps.db, `select application_number from patents where id = $1`, [foreign]))[0]!.application_number;
    await buildOrganisation(deps.db, { name: '别家公司', type: 'private_enterprise' });
    const csv = `出质人,质权人,质押登记号,登记日期,被担保债权数额(万元),债务起始日,债务到期日,专利申请号,贷款金额(万元),状态,解除日期\n`
      + `别家公司,测试银行成都分行,Y2024510000001,2024-02-01,300,2024-02-01,2025-01-31,${pat},300,已解除,2025-02-10\n`
      + `别家公司,不存在银行,Y2024510000002,2024/13/01,abc,2024-02-01,2025-01-31,201899999999.9,,已登记,\n`;
    const up = multipart({ name: '质押.csv', data: Buffer.from(csv) });
    const res = await app.inject({ method: 'POST', url: '/api/v1/imports/pledges', payload: up.payload, headers: { ...up.headers, ...office } });
    expect(res.statusCode).toBe(202);
    const job = await waitJob(office, res.json().jobId);
    expect(job.status).toBe('failed');
    const rows = (job.error as { details: { rejected: { row: number; field: string }[] } }).details.rejected;
    expect(rows.map((r) => r.field)).toEqual(expect.arrayContaining(['质权人', '登记日期', '被担保债权数额(万元)', '专利申请号']));
    expect(rows.every((r) => r.row === 3)).toBe(true);
    expect((await query(deps.db, `select 1 from pledges where registration_no = 'Y2024510000001'`)).length).toBe(0);
    const up2 = multipart({ name: '质押.csv', data: Buffer.from(csv) }, { mode: 'valid-only' });
    const ok = await waitJob(office, (await app.inject({ method: 'POST', url: '/api/v1/imports/pledges', payload: up2.payload, headers: { ...up2.headers, ...office } })).json().jobId);
    expect(ok.result).toMatchObject({ imported: 1, rejectedCount: 1 });
    const x = await app.inject({ url: '/api/v1/pledges/export', headers: office });
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
  });
});

async function waitJob(headers: Record<string, string>, id: number) {
  for (let i = 0; i < 200; i++) {
    const j = (await app.inject({ url: `/api/v1/jobs/${id}`, headers })).json() as { status: string; result: unknown; error: unknown };
    if (j.status === 'succeeded' || j.status === 'failed') return j;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('job did not finish');
}
