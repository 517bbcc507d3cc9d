import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { createTestApp, createTestDeps, type TestDeps } from '../../../test/test-db.ts';
import { buildOrganisation, buildPatent, buildUser, login } from '../../../test/factories.ts';
import { query } from '../../db/client.ts';

let deps: TestDeps;
let app: FastifyInstance;
let univId: number, smeId: number, otherId: number;
let patentId: number, patent2Id: number;
let univH: Record<string, string>, smeH: Record<string, string>, otherH: Record<string, string>, audH: Record<string, string>;

beforeAll(async () => {
  deps = await createTestDeps();
  app = await createTestApp(deps);
  const univ = await buildOrganisation(deps.db, { name: '交易测试大学', type: 'university', sizeClass: null, regionCode: '510107' });
  const sme = await buildOrganisation(deps.db, { name: '交易测试企业', type: 'private_enterprise', sizeClass: 'large', regionCode: '510104' });
  const other = await buildOrganisation(deps.db, { name: '无关企业', type: 'private_enterprise', sizeClass: 'small' });
  univId = univ.id; smeId = sme.id; otherId = other.id;
  // The SME was small in 2023, large now: the deal of 2023 keeps "small".
  await query(deps.db, `insert into organisation_annual_reports (org_id, year, size_class) values ($1, 2023, 'small')`, [smeId]);
  await buildUser(deps.db, { role: 'org_admin', orgId: univId, username: 'deal-univ' });
  await buildUser(deps.db, { role: 'org_admin', orgId: smeId, username: 'deal-sme' });
  await buildUser(deps.db, { role: 'org_admin', orgId: otherId, username: 'deal-other' });
  await buildUser(deps.db, { role: 'auditor', username: 'deal-aud' });
  patentId = (await buildPatent(deps.db, { title: '一种交易测试用传感器', holders: ['交易测试大学'] })).id;
  patent2Id = (await buildPatent(deps.db, { title: '一种交易测试用电池', holders: ['交易测试大学'] })).id;
  univH = await login(app, 'deal-univ');
  smeH = await login(app, 'deal-sme');
  otherH = await login(app, 'deal-other');
  audH = await login(app, 'deal-aud');
});
afterAll(async () => { await app?.close(); await deps?.cleanup(); });

const transfer = (over: Record<string, unknown> = {}) => ({
  kind: 'transfer', title: '传感器专利转让', contractDate: '2023-06-01', contractAmountFen: 30_000_000, patentIds: [patentId],
  parties: [{ side: 'out', orgId: univId }, { side: 'in', orgId: smeId }],
  schedule: [{ dueDate: '2023-07-01', amountFen: 10_000_000 }, { dueDate: '2023-12-01', amountFen: 20_000_000 }], ...over,
});

async function post(url: string, headers: Record<string, string>, payload: unknown, extra: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url, headers: { ...headers, ...extra }, payload: payload as Record<string, unknown> });
}

describe('deal ledger API', () => {
  let dealId: number;

  it('creates a draft transfer with parties snapshotted as of the deal date', async () => {
    const r = await post('/api/v1/deals', univH, transfer());
    expect(r.statusCode).toBe(201);
    const d = r.json() as { id: number; state: string; parties: { role: string; sizeClass: string; orgType: string }[]; contractAmount: { yuan: string; wan: string }; nextStates: string[] };
    dealId = d.id;
    expect(d.state).toBe('draft');
    expect(d.parties.find((p) => p.role === 'assignee')).toMatchObject({ sizeClass: 'small', orgType: 'private_enterprise' });
    expect(d.contractAmount).toMatchObject({ yuan: '300,000.00', wan: '30' });
    expect(d.nextStates).toEqual(['signed', 'terminated']);
  });

  it('rejects a schedule that does not add up and a deal the actor is not party to', async () => {
    const bad = await post('/api/v1/deals', univH, transfer({ schedule: [{ dueDate: '2023-07-01', amountFen: 1 }] }));
    expect(bad.statusCode).toBe(400);
    const notMine = await post('/api/v1/deals', otherH, transfer());
    expect(notMine.statusCode).toBe(422);
    expect(notMine.json()).toMatchObject({ details: { code: 'NOT_A_PARTY' } });
    const notHolder = await post('/api/v1/deals', univH, transfer({ parties: [{ side: 'out', orgId: otherId }, { side: 'in', orgId: univId }], schedule: [] }));
    expect(notHolder.statusCode).toBe(422);
    expect(notHolder.json()).toMatchObject({ details: { code: 'NOT_HOLDER' } });
  });

  it('hides the deal from other organisations (404) and shows it to parties and auditors', async () => {
    expect((await app.inject({ url: `/api/v1/deals/${dealId}`, headers: otherH })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/v1/deals/${dealId}`, headers: smeH })).statusCode).toBe(200);
    expect((await app.inject({ url: `/api/v1/deals/${dealId}`, headers: audH })).statusCode).toBe(200);
    const list = (await app.inject({ url: '/api/v1/deals', headers: otherH })).json() as { total: number };
    expect(list.total).toBe(0);
    expect(((await app.inject({ url: '/api/v1/deals?kind=transfer', headers: smeH })).json() as { total: number }).total).toBe(1);
    expect((await post(`/api/v1/deals/${dealId}/transitions`, audH, { to: 'signed', date: '2023-06-01' })).statusCode).toBe(403);
  });

  it('refuses illegal transitions with 409 and walks the legal path with history', async () => {
    const skip = await post(`/api/v1/deals/${dealId}/transitions`, univH, { to: 'performing', date: '2023-06-02' });
    expect(skip.statusCode).toBe(409);
    expect(skip.json()).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect((await post(`/api/v1/deals/${dealId}/transitions`, univH, { to: 'signed', date: '2023-06-01' })).statusCode).toBe(200);
    const noReg = await post(`/api/v1/deals/${dealId}/transitions`, univH, { to: 'registered', date: '2023-07-10' });
    expect(noReg.statusCode).toBe(422);
    const reg = await post(`/api/v1/deals/${dealId}/transitions`, univH, { to: 'registered', date: '2023-07-10', registrationNo: 'TR2023-0001', registrationDate: '2023-07-08' });
    expect(reg.statusCode).toBe(200);
    const d = reg.json() as { state: string; effectiveDate: string; history: { to: string; date: string }[] };
    expect(d.state).toBe('registered');
    expect(d.effectiveDate).toBe('2023-07-08');
    expect(d.history.map((h) => h.to)).toEqual(['draft', 'signed', 'registered']);
  });

  it('a registered transfer changes the holder from its effective date and records the use', async () => {
    const holders = await query<{ name: string; org_id: number }>(deps.db, `select name, org_id from patent_holders where patent_id = $1`, [patentId]);
    expect(holders).toEqual([{ name: '交易测试企业', org_id: smeId }]);
    const ch = await query<{ effective_date: string }>(deps.db, `select effective_date from patent_holder_changes where patent_id = $1`, [patentId]);
    expect(ch).toEqual([{ effective_date: '2023-07-08' }]);
    const uses = await query<{ kind: string; from_date: string; org_id: number }>(deps.db, `select kind, from_date, org_id from patent_uses where source_type = 'deal' and source_id = $1`, [dealId]);
    expect(uses).toEqual([{ kind: 'transfer', from_date: '2023-06-01', org_id: smeId }]);
  });

  it('50 concurrent identical "record payment" requests with one idempotency key make exactly one payment', async () => {
    const key = 'pay-test-0001';
    const body = { receivedDate: '2023-07-02', amountFen: 10_000_000, reference: '银行回单 001' };
    const res = await Promise.all(Array.from({ length: 50 }, () => post(`/api/v1/deals/${dealId}/payments`, univH, body, { 'idempotency-key': key })));
    expect(res.every((r) => r.statusCode === 201)).toBe(true);
    expect(new Set(res.map((r) => (r.json() as { id: number }).id)).size).toBe(1);
    expect(res.filter((r) => r.headers['idempotent-replayed'] === 'false')).toHaveLength(1);
    const rows = await query<{ n: number; s: number }>(deps.db, `select count(*)::int as n, coalesce(sum(amount_fen), 0)::bigint as s from deal_payments where deal_id = $1`, [dealId]);
    expect(rows[0]).toEqual({ n: 1, s: 10_000_000 });
  });

  it('requires the key, refuses its reuse with other content, and never overpays', async () => {
    expect((await post(`/api/v1/deals/${dealId}/payments`, univH, { receivedDate: '2023-07-03', amountFen: 1 })).statusCode).toBe(400);
    const reuse = await post(`/api/v1/deals/${dealId}/payments`, univH, { receivedDate: '2023-07-03', amountFen: 5 }, { 'idempotency-key': 'pay-test-0001' });
    expect(reuse.statusCode).toBe(409);
    const over = await post(`/api/v1/deals/${dealId}/payments`, univH, { receivedDate: '2023-08-01', amountFen: 20_000_001 }, { 'idempotency-key': 'pay-test-0002' });
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({ details: { code: 'OVERPAID' } });
    // the failed request kept nothing: the same key works for a correct payment afterwards
    const ok = await post(`/api/v1/deals/${dealId}/payments`, univH, { receivedDate: '2024-01-05', amountFen: 20_000_000 }, { 'idempotency-key': 'pay-test-0002' });
    expect(ok.statusCode).toBe(201);
    const d = (await app.inject({ url: `/api/v1/deals/${dealId}`, headers: smeH })).json() as { received: { fen: number }; money: { outstanding: { fen: number }; receivedByYear: { year: number; amount: { fen: number } }[] } };
    expect(d.received.fen).toBe(30_000_000);
    expect(d.money.outstanding.fen).toBe(0);
    expect(d.money.receivedByYear.map((y) => [y.year, y.amount.fen])).toEqual([[2023, 10_000_000], [2024, 20_000_000]]);
  });

  it('completes only after performing; terminated needs a reason', async () => {
    expect((await post(`/api/v1/deals/${dealId}/transitions`, univH, { to: 'completed', date: '2024-02-01' })).statusCode).toBe(409);
    expect((await post(`/api/v1/deals/${dealId}/transitions`, univH, { to: 'performing', date: '2024-01-06' })).statusCode).toBe(200);
    expect((await post(`/api/v1/deals/${dealId}/transitions`, univH, { to: 'completed', date: '2024-02-01' })).statusCode).toBe(200);
    expect((await post(`/api/v1/deals/${dealId}/transitions`, univH, { to: 'terminated', date: '2024-02-02', reason: 'x' })).statusCode).toBe(409);
    const l = await post('/api/v1/deals', univH, { kind: 'licence', licenceKind: 'ordinary', title: '电池普通许可', contractDate: '2024-03-01', contractAmountFen: 0, patentIds: [patent2Id], parties: [{ side: 'out', orgId: univId }, { side: 'in', orgId: otherId }] });
    const lid = (l.json() as { id: number }).id;
    expect((await post(`/api/v1/deals/${lid}/transitions`, univH, { to: 'terminated', date: '2024-03-02' })).statusCode).toBe(422);
    expect((await post(`/api/v1/deals/${lid}/transitions`, univH, { to: 'terminated', date: '2024-03-02', reason: '双方协商解除' })).statusCode).toBe(200);
  });

  it('an exclusive licence blocks a second licence in the same scope, at signing', async () => {
    const ex = await post('/api/v1/deals', univH, { kind: 'licence', licenceKind: 'exclusive', title: '电池独占许可', contractDate: '2024-04-01', effectiveDate: '2024-04-01', endDate: '2026-03-31', contractAmountFen: 100, patentIds: [patent2Id], parties: [{ side: 'out', orgId: univId }, { side: 'in', orgId: smeId }] });
    expect(ex.statusCode).toBe(201);
    const exId = (ex.json() as { id: number }).id;
    expect((await post(`/api/v1/deals/${exId}/transitions`, univH, { to: 'signed', date: '2024-04-01' })).statusCode).toBe(200);
    const second = await post('/api/v1/deals', univH, { kind: 'licence', licenceKind: 'ordinary', title: '电池普通许可二', contractDate: '2024-05-01', contractAmountFen: 0, patentIds: [patent2Id], parties: [{ side: 'out', orgId: univId }, { side: 'in', orgId: otherId }] });
    expect(second.statusCode).toBe(422);
    expect(second.json()).toMatchObject({ details: { code: 'EXCLUSIVE_LICENCE_IN_FORCE' } });
  });

  it('edits a draft (whole replacement), but not a signed deal', async () => {
    const body = { kind: 'licence', licenceKind: 'ordinary', title: '传感器普通许可', contractDate: '2024-06-01', contractAmountFen: 500_000, patentIds: [patentId],
      parties: [{ side: 'out', orgId: smeId }, { side: 'in', orgId: otherId }] };
    const id = ((await post('/api/v1/deals', smeH, body)).json() as { id: number }).id;
    const put = await app.inject({ method: 'PUT', url: `/api/v1/deals/${id}`, headers: smeH, payload: { ...body, title: '传感器普通许可（修订）', contractAmountFen: 600_000, schedule: [{ dueDate: '2024-07-01', amountFen: 600_000 }] } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ title: '传感器普通许可（修订）', contractAmount: { fen: 600_000 }, schedule: [{ dueDate: '2024-07-01' }] });
    expect((await app.inject({ method: 'PUT', url: `/api/v1/deals/${id}`, headers: otherH, payload: body })).statusCode).toBe(200); // the licensee is a party too
    expect((await post(`/api/v1/deals/${id}/transitions`, smeH, { to: 'signed', date: '2024-06-01' })).statusCode).toBe(200);
    const late = await app.inject({ method: 'PUT', url: `/api/v1/deals/${id}`, headers: smeH, payload: body });
    expect(late.statusCode).toBe(409);
  });

  it('exports the visible ledger to Excel (other organisations get none of it)', async () => {
    const wb = new ExcelJS.Workbook();
    const r = await app.inject({ url: '/api/v1/deals/export?kind=transfer', headers: smeH });
    expect(r.statusCode).toBe(200);
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('交易台账')!;
    expect(ws.getRow(2).getCell(2).value).toBe('传感器专利转让');
    expect(ws.getRow(2).getCell(13).value).toBe('300,000.00');
    const other = new ExcelJS.Workbook();
    await other.xlsx.load((await app.inject({ url: '/api/v1/deals/export?kind=transfer', headers: otherH })).rawPayload as unknown as ArrayBuffer);
    expect(other.getWorksheet('交易台账')!.rowCount).toBe(1);
  });
});
