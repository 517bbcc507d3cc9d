import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, createTestDeps, type TestDeps } from '../../../test/test-db.ts';
import { appNo, buildOrganisation, buildPatent, buildUser, login } from '../../../test/factories.ts';
import { query } from '../../db/client.ts';

let deps: TestDeps;
let app: FastifyInstance;
let univId: number, smeId: number, sme2Id: number;
let patentId: number, umId: number, pledgedId: number;
let univH: Record<string, string>, smeH: Record<string, string>, sme2H: Record<string, string>, adminH: Record<string, string>, strangerH: Record<string, string>;

beforeAll(async () => {
  deps = await createTestDeps();
  app = await createTestApp(deps);
  const univ = await buildOrganisation(deps.db, { name: '许可测试大学', type: 'university', sizeClass: null, regionCode: '510107' });
  const sme = await buildOrganisation(deps.db, { name: '许可测试企业甲', type: 'private_enterprise', sizeClass: 'small' });
  const sme2 = await buildOrganisation(deps.db, { name: '许可测试企业乙', type: 'private_enterprise', sizeClass: 'micro' });
  const stranger = await buildOrganisation(deps.db, { name: '许可无关企业', type: 'private_enterprise', sizeClass: 'small' });
  univId = univ.id; smeId = sme.id; sme2Id = sme2.id;
  await buildUser(deps.db, { role: 'org_admin', orgId: univId, username: 'lic-univ' });
  await buildUser(deps.db, { role: 'org_admin', orgId: smeId, username: 'lic-sme' });
  await buildUser(deps.db, { role: 'org_member', orgId: sme2Id, username: 'lic-sme2' });
  await buildUser(deps.db, { role: 'org_admin', orgId: stranger.id, username: 'lic-stranger' });
  await buildUser(deps.db, { role: 'platform_admin', username: 'lic-admin' });
  patentId = (await buildPatent(deps.db, { title: '一种开放许可测试用电机控制方法', holders: ['许可测试大学'], filingDate: '2019-03-01', grantDate: '2021-05-01', feePaidThrough: '2027-03-01' })).id;
  umId = (await buildPatent(deps.db, { title: '一种开放许可测试用夹具', type: 'utility_model', applicationNumber: appNo(2020, '2'), holders: ['许可测试大学'], filingDate: '2020-03-01', grantDate: '2020-09-01' })).id;
  pledgedId = (await buildPatent(deps.db, { title: '一种已质押的测试专利', holders: ['许可测试大学'] })).id;
  const pl = await query<{ id: number }>(deps.db, `insert into pledges (state, pledgor_org_id, registration_date, registration_no) values ('registered', $1, '2024-01-01', 'ZX2024-1') returning id`, [univId]);
  await query(deps.db, `insert into pledge_patents (pledge_id, patent_id) values ($1, $2)`, [pl[0].id, pledgedId]);
  univH = await login(app, 'lic-univ');
  smeH = await login(app, 'lic-sme');
  sme2H = await login(app, 'lic-sme2');
  adminH = await login(app, 'lic-admin');
  strangerH = await login(app, 'lic-stranger');
});
afterAll(async () => { await app?.close(); await deps?.cleanup(); });

const post = (url: string, headers: Record<string, string>, payload: unknown, extra: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url, headers: { ...headers, ...extra }, payload: payload as Record<string, unknown> });

const payLater = { mode: 'royalty', royaltyBase: 'net_sales', royaltyRateBp: 300, trialMonths: 6, periodKind: 'quarter', dueDays: 30 };

describe('open licensing with use first, pay later', () => {
  let declId: number, licId: number, lic2Id: number;

  it('checks eligibility with reason codes', async () => {
    const um = (await post('/api/v1/licence/eligibility', univH, { patentId: umId })).json() as { eligible: boolean; refusals: { code: string }[] };
    expect(um.eligible).toBe(false);
    expect(um.refusals.map((x) => x.code)).toEqual(['NO_EVALUATION_REPORT']);
    const pledged = (await post('/api/v1/licence/eligibility', univH, { patentId: pledgedId })).json() as { refusals: { code: string }[] };
    expect(pledged.refusals.map((x) => x.code)).toEqual(['PLEDGED_NO_CONSENT']);
    const notHolder = (await post('/api/v1/licence/eligibility', smeH, { patentId })).json() as { refusals: { code: string }[] };
    expect(notHolder.refusals.map((x) => x.code)).toEqual(['NOT_HOLDER']);
    const ok = (await post('/api/v1/licence/eligibility', univH, { patentId, feeTerms: { ...payLater, royaltyRateBp: 2500 } })).json() as { eligible: boolean; warnings: { code: string }[] };
    expect(ok.eligible).toBe(true);
    expect(ok.warnings.map((w) => w.code)).toEqual(['ROYALTY_SALES_ABOVE_CAP']);
  });

  it('refuses an ineligible declaration and an unconfirmed fee above the cap', async () => {
    const r = await post('/api/v1/licence/declarations', univH, { patentId: umId, feeTerms: { mode: 'free' }, licenceYears: 2 });
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ details: { code: 'NO_EVALUATION_REPORT' } });
    const cap = await post('/api/v1/licence/declarations', univH, { patentId, feeTerms: { mode: 'lump_sum', lumpSumFen: 3_000_000_000 }, licenceYears: 2 });
    expect(cap.statusCode).toBe(422);
    expect(cap.json()).toMatchObject({ details: { warnings: [{ code: 'FIXED_FEE_ABOVE_CAP' }] } });
  });

  it('a university declares; the office approves; the catalogue shows it publicly', async () => {
    const r = await post('/api/v1/licence/declarations', univH, { patentId, feeTerms: payLater, licenceYears: 3, otherTerms: '被许可方应按季度申报净销售额' });
    expect(r.statusCode).toBe(201);
    declId = (r.json() as { id: number }).id;
    expect(((await app.inject({ url: '/api/v1/licence/catalogue' })).json() as { total: number }).total).toBe(0);
    expect((await app.inject({ url: `/api/v1/licence/catalogue/${declId}` })).statusCode).toBe(404);
    const again = await post('/api/v1/licence/declarations', univH, { patentId, feeTerms: { mode: 'free' }, licenceYears: 1 });
    expect(again.json()).toMatchObject({ details: { code: 'ALREADY_DECLARED' } });
    expect((await post(`/api/v1/licence/declarations/${declId}/review`, univH, { decision: 'approve' })).statusCode).toBe(403);
    const ok = await post(`/api/v1/licence/declarations/${declId}/review`, adminH, { decision: 'approve', publishedDate: '2025-01-05' });
    expect(ok.statusCode).toBe(200);
    const cat = (await app.inject({ url: '/api/v1/licence/catalogue?payLater=true' })).json() as { total: number; items: { id: number; feeText: string; holderName: string }[] };
    expect(cat.total).toBe(1);
    expect(cat.items[0]).toMatchObject({ id: declId, holderName: '许可测试大学' });
    expect(cat.items[0].feeText).toContain('3.00%');
    const st = (await app.inject({ url: `/api/v1/licence/patent-status/${patentId}` })).json() as { reductionBp: number; nextFee: { fullFen: number; withOpenLicenceFen: number } };
    expect(st.reductionBp).toBe(1500);
    expect(st.nextFee.withOpenLicenceFen).toBe(st.nextFee.fullFen - Math.round(st.nextFee.fullFen * 0.15));
  });

  it('an exclusive licence on an open-licensed patent is refused with its code', async () => {
    const r = await post('/api/v1/deals', univH, { kind: 'licence', licenceKind: 'exclusive', title: '独占许可', contractDate: '2025-02-01', contractAmountFen: 100, patentIds: [patentId],
      parties: [{ side: 'out', orgId: univId }, { side: 'in', orgId: sme2Id }] });
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ code: 'RULE_VIOLATION', details: { code: 'OPEN_LICENCE_ACTIVE' } });
  });

  it('an SME takes the licence (notice), with a 6-month free trial', async () => {
    expect((await post('/api/v1/licence/licences', smeH, { declarationId: declId, noticeDate: '2025-01-10' })).statusCode).toBe(400); // no idempotency key
    const early = await post('/api/v1/licence/licences', smeH, { declarationId: declId, noticeDate: '2025-01-04' }, { 'idempotency-key': 'take-early' });
    expect(early.json()).toMatchObject({ details: { code: 'NOTICE_BEFORE_PUBLICATION' } });
    const r = await post('/api/v1/licence/licences', smeH, { declarationId: declId, noticeDate: '2025-01-10' }, { 'idempotency-key': 'take-1' });
    expect(r.statusCode).toBe(201);
    const l = r.json() as { id: number; state: string; licensedFrom: string; licensedTo: string; trialEnd: string; periods: { start: string; end: string; dueDate: string }[]; dealId: number };
    licId = l.id;
    expect(l).toMatchObject({ state: 'trial', licensedFrom: '2025-01-10', licensedTo: '2028-01-09', trialEnd: '2025-07-09' });
    expect(l.periods[0]).toEqual({ seq: 1, start: '2025-07-10', end: '2025-10-09', dueDate: '2025-11-08' });
    const replay = await post('/api/v1/licence/licences', smeH, { declarationId: declId, noticeDate: '2025-01-10' }, { 'idempotency-key': 'take-1' });
    expect((replay.json() as { id: number }).id).toBe(licId);
    const dup = await post('/api/v1/licence/licences', smeH, { declarationId: declId, noticeDate: '2025-01-11' }, { 'idempotency-key': 'take-2' });
    expect(dup.statusCode).toBe(409);
    const uses = await query<{ kind: string; org_id: number; from_date: string; to_date: string }>(deps.db,
      `select kind, org_id, from_date, to_date from patent_uses where patent_id = $1 and source_type = 'deal' and source_id = $2`, [patentId, l.dealId]);
    expect(uses).toEqual([{ kind: 'licence', org_id: smeId, from_date: '2025-01-10', to_date: '2028-01-09' }]);
    const deal = (await app.inject({ url: `/api/v1/deals/${l.dealId}`, headers: univH })).json() as { licenceKind: string; source: string; state: string };
    expect(deal).toMatchObject({ licenceKind: 'open', source: 'open_licence', state: 'signed' });
  });

  it('use in the trial is free; after it the royalty is rate × base exact to the fen, seen by both sides', async () => {
    const inTrial = await post(`/api/v1/licence/licences/${licId}/reports`, smeH, { periodStart: '2025-01-10', periodEnd: '2025-03-31', netSalesFen: 50_000_000 });
    expect(inTrial.statusCode).toBe(201);
    expect((inTrial.json() as { dueTotal: { fen: number } }).dueTotal.fen).toBe(0);
    expect((await post(`/api/v1/licence/licences/${licId}/reports`, univH, { periodStart: '2025-07-10', periodEnd: '2025-10-09', netSalesFen: 1 })).statusCode).toBe(403);
    const r = await post(`/api/v1/licence/licences/${licId}/reports`, smeH, { periodStart: '2025-07-10', periodEnd: '2025-10-09', netSalesFen: 123_456_789 });
    expect(r.statusCode).toBe(201);
    // 3% × 1,234,567.89 元 = 37,037.0367 元 → 37,037.04 元
    const forLicensor = (await app.inject({ url: `/api/v1/licence/licences/${licId}`, headers: univH })).json() as { role: string; outstanding: { fen: number; yuan: string }; dueItems: { dueDate: string; amount: { fen: number } }[] };
    expect(forLicensor.role).toBe('licensor');
    expect(forLicensor.outstanding).toMatchObject({ fen: 3_703_704, yuan: '37,037.04' });
    expect(forLicensor.dueItems).toEqual([expect.objectContaining({ dueDate: '2025-11-08', amount: expect.objectContaining({ fen: 3_703_704 }) })]);
    const rem = (await app.inject({ url: '/api/v1/licence/reminders?asOf=2025-10-20', headers: smeH })).json() as { items: { side: string; outstandingFen: number; kind: string }[] };
    expect(rem.items).toEqual([expect.objectContaining({ side: 'payable', outstandingFen: 3_703_704, kind: 'upcoming' })]);
    const remUniv = (await app.inject({ url: '/api/v1/licence/reminders?asOf=2025-11-09', headers: univH })).json() as { items: { side: string; kind: string }[] };
    expect(remUniv.items).toEqual([expect.objectContaining({ side: 'receivable', kind: 'overdue' })]);
    expect((await app.inject({ url: `/api/v1/licence/licences/${licId}`, headers: strangerH })).statusCode).toBe(404);
  });

  it('50 concurrent identical payments with one key make one payment; never more than is due', async () => {
    const body = { amountFen: 3_000_000, receivedDate: '2025-11-01', reference: '回单 A' };
    const res = await Promise.all(Array.from({ length: 50 }, () => post(`/api/v1/licence/licences/${licId}/payments`, smeH, body, { 'idempotency-key': 'lic-pay-1' })));
    expect(res.every((x) => x.statusCode === 201)).toBe(true);
    const n = await query<{ n: number }>(deps.db, `select count(*)::int as n from deal_payments p join open_licences l on l.deal_id = p.deal_id where l.id = $1`, [licId]);
    expect(n[0].n).toBe(1);
    const over = await post(`/api/v1/licence/licences/${licId}/payments`, smeH, { amountFen: 703_705, receivedDate: '2025-11-02' }, { 'idempotency-key': 'lic-pay-2' });
    expect(over.statusCode).toBe(422);
    const rest = await post(`/api/v1/licence/licences/${licId}/payments`, univH, { amountFen: 703_704, receivedDate: '2025-11-02' }, { 'idempotency-key': 'lic-pay-3' });
    expect(rest.statusCode).toBe(201);
    const d = (await app.inject({ url: `/api/v1/licence/licences/${licId}`, headers: smeH })).json() as { outstanding: { fen: number }; received: { fen: number } };
    expect(d).toMatchObject({ outstanding: { fen: 0 }, received: { fen: 3_703_704 } });
  });

  it('both sides download the generated licence document (.docx)', async () => {
    for (const h of [smeH, univH]) {
      const r = await app.inject({ url: `/api/v1/licence/licences/${licId}/document`, headers: h });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toContain('wordprocessingml');
      expect(r.rawPayload.subarray(0, 2).toString()).toBe('PK');
    }
    expect((await app.inject({ url: `/api/v1/licence/licences/${licId}/document`, headers: strangerH })).statusCode).toBe(404);
  });

  it('a second SME exits in its trial; after withdrawal no new licence, formed ones stay', async () => {
    const r = await post('/api/v1/licence/licences', sme2H, { declarationId: declId, noticeDate: '2025-02-01' }, { 'idempotency-key': 'take-sme2' });
    lic2Id = (r.json() as { id: number }).id;
    const exit = await post(`/api/v1/licence/licences/${lic2Id}/trial-decision`, sme2H, { decision: 'exit', date: '2025-05-01' });
    expect(exit.statusCode).toBe(200);
    expect(exit.json()).toMatchObject({ state: 'exited', licensedTo: '2025-05-01' });
    const deal = await query<{ state: string }>(deps.db, `select d.state from deals d join open_licences l on l.deal_id = d.id where l.id = $1`, [lic2Id]);
    expect(deal[0].state).toBe('terminated');
    const w = await post(`/api/v1/licence/declarations/${declId}/withdraw`, univH, { date: '2025-06-01', reason: '技术路线调整' });
    expect(w.statusCode).toBe(200);
    const late = await post('/api/v1/licence/licences', strangerH, { declarationId: declId, noticeDate: '2025-06-02' }, { 'idempotency-key': 'take-late' });
    expect(late.statusCode).toBe(422);
    expect(late.json()).toMatchObject({ details: { code: 'DECLARATION_WITHDRAWN' } });
    const still = (await app.inject({ url: `/api/v1/licence/licences/${licId}`, headers: smeH })).json() as { state: string };
    expect(still.state).toBe('trial');
    // and once withdrawn, an exclusive licence is no longer blocked by the open licence rule (but is by the licence in force)
    const ex = await post('/api/v1/deals', univH, { kind: 'licence', licenceKind: 'exclusive', title: '独占许可二', contractDate: '2025-07-01', contractAmountFen: 100, patentIds: [patentId],
      parties: [{ side: 'out', orgId: univId }, { side: 'in', orgId: sme2Id }] });
    expect(ex.json()).toMatchObject({ details: { code: 'LICENCE_IN_FORCE' } });
  });
});
