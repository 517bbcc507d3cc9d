import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { createTestApp, createTestDeps, type TestDeps } from '../../../test/test-db.ts';
import { buildOrganisation, buildPatent, buildUser, login } from '../../../test/factories.ts';
import { query, queryOne } from '../../db/client.ts';
import { todayCn } from '../pledge/pledge.common.ts';
import { addDays } from '@zhuanhua/domain';

let deps: TestDeps;
let app: FastifyInstance;
const H: Record<string, Record<string, string>> = {};
const ids: Record<string, number> = {};
const year = Number(todayCn().slice(0, 4));
const Y = (yuan: number) => Math.round(yuan * 100);

async function repaidPledge(orgId: number, o: { repaid?: boolean } = {}): Promise<number> {
  const repaidOn = todayCn() < `${year}-01-11` ? `${year}-01-01` : addDays(todayCn(), -10);
  const p = await queryOne<{ id: number }>(deps.db,
    `insert into pledges (state, pledgor_org_id, pledgee_org_id, loan_amount_fen, valuation_fee_fen, premium_fen, registration_date)
     values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [o.repaid === false ? 'disbursed' : 'released', orgId, ids.bank, Y(2_000_000), Y(8_000), Y(30_000), addDays(repaidOn, -365)]);
  await query(deps.db, `insert into pledge_repayments (pledge_id, repaid_date, principal_fen, interest_fen) values ($1, $2, $3, $4)`,
    [p!.id, repaidOn, o.repaid === false ? Y(500_000) : Y(2_000_000), Y(90_000)]);
  return p!.id;
}

const post = (user: string, url: string, payload: unknown) => app.inject({ method: 'POST', url: `/api/v1${url}`, headers: H[user], payload: payload as object });
const get = (user: string | null, url: string) => app.inject({ url: `/api/v1${url}`, headers: user ? H[user] : {} });
type App = { id: number; status: string; amountFen: number; claimedAmountFen: number; policyVersion: number; actions: string[]; objections: { id: number; status: string }[] };

beforeAll(async () => {
  deps = await createTestDeps({ ZHUANHUA_DEMO: 'true' });
  app = await createTestApp(deps);
  const city = await buildOrganisation(deps.db, { name: '许昌市知识产权局（测试）', type: 'government', sizeClass: null, regionCode: '411000' });
  const sme = await buildOrganisation(deps.db, { name: '许昌测试电子有限公司', type: 'private_enterprise', sizeClass: 'small', regionCode: '411002' });
  const sme2 = await buildOrganisation(deps.db, { name: '许昌测试机械有限公司', type: 'private_enterprise', sizeClass: 'micro', regionCode: '411081' });
  const far = await buildOrganisation(deps.db, { name: '成都测试科技有限公司', type: 'private_enterprise', sizeClass: 'small', regionCode: '510104' });
  const uni = await buildOrganisation(deps.db, { name: '鄂尔多斯测试学院', type: 'university', sizeClass: null, regionCode: '150602' });
  const bank = await buildOrganisation(deps.db, { name: '测试银行', type: 'bank', sizeClass: 'large', regionCode: '411002' });
  Object.assign(ids, { city: city.id, sme: sme.id, sme2: sme2.id, far: far.id, uni: uni.id, bank: bank.id });
  for (const [u, role, orgId] of [
    ['rev1', 'platform_admin', city.id], ['rev2', 'platform_admin', city.id], ['inside', 'platform_admin', sme.id],
    ['sme', 'org_admin', sme.id], ['sme2', 'org_admin', sme2.id], ['far', 'org_admin', far.id], ['uni', 'org_admin', uni.id],
    ['bank', 'bank_officer', bank.id], ['aud', 'auditor', null], ['prov', 'platform_admin', null],
  ] as const) {
    await buildUser(deps.db, { role, orgId, username: u });
    H[u] = await login(app, u);
  }
  ids.pledge = await repaidPledge(sme.id);
  ids.openPledge = await repaidPledge(sme.id, { repaid: false });
  ids.farPledge = await repaidPledge(far.id);
  const patent = await buildPatent(deps.db, { holders: ['鄂尔多斯测试学院'], type: 'invention', legalStatus: 'in_force', grantDate: `${year}-01-05`, regionCode: '150602' });
  ids.patent = patent.id;
  const r = await post('rev1', '/subsidy/policies/presets', { year });
  expect(r.statusCode).toBe(200);
  const list = (await get(null, `/subsidy/policies?year=${year}&pageSize=50`)).json() as { items: { id: number; code: string }[] };
  for (const p of list.items) ids[p.code.replace(`-${year}`, '')] = p.id;
});
afterAll(async () => { await app?.close(); await deps?.cleanup(); });

describe('奖补政策', () => {
  it('预置政策公开可查，含规则说明与出处', async () => {
    const r = await get(null, `/subsidy/policies/${ids['ordos-grant']}`);
    expect(r.statusCode).toBe(200);
    const p = r.json() as { name: string; ruleText: string; source: string; terms: { feeShareCapBp: number }; versions: unknown[] };
    expect(p.name).toContain('鄂尔多斯');
    expect(p.terms.feeShareCapBp).toBe(5000);
    expect(p.source).toContain('五(三)2');
    expect(p.versions).toHaveLength(1);
    expect(Object.keys(ids).filter((k) => k.startsWith('xc-') || k.startsWith('ordos-'))).toHaveLength(8);
  });
  it('只有管理员能建政策；重复导入预置政策不再新建', async () => {
    expect((await post('sme', '/subsidy/policies/presets', { year })).statusCode).toBe(403);
    expect(((await post('rev1', '/subsidy/policies/presets', { year })).json() as { created: number[] }).created).toEqual([]);
  });
});

describe('申请：资格预审与金额', () => {
  it('已结清贷款：符合条件，9.2 万元，显示规则与各项', async () => {
    const r = await post('sme', '/subsidy/check', { policyId: ids['xc-pledge-cost'], recordId: ids.pledge });
    expect(r.statusCode).toBe(200);
    const a = r.json() as { eligible: boolean; amount: { amountFen: number; steps: { label: string; valueFen: number }[] }; policy: { ruleText: string } };
    expect(a.eligible).toBe(true);
    expect(a.amount.amountFen).toBe(Y(92_000));
    expect(a.amount.steps.find((s) => s.label === '利息')!.valueFen).toBe(Y(60_000));
    expect(a.policy.ruleText).toContain('利息');
  });
  it('未结清贷款：列出缺少的证据，提交被拒绝', async () => {
    const c = (await post('sme', '/subsidy/check', { policyId: ids['xc-pledge-cost'], recordId: ids.openPledge })).json() as { eligible: boolean; missingEvidence: string[] };
    expect(c.eligible).toBe(false);
    expect(c.missingEvidence).toContain('贷款结清证明（还本付息完毕）');
    const s = await post('sme', '/subsidy/applications', { policyId: ids['xc-pledge-cost'], recordId: ids.openPledge });
    expect(s.statusCode).toBe(422);
    expect((s.json() as { message: string }).message).toContain('尚未完成还本付息');
  });
  it('别人的贷款：404；区域外企业的本单位贷款：不符合区域', async () => {
    expect((await post('sme', '/subsidy/check', { policyId: ids['xc-pledge-cost'], recordId: ids.farPledge })).statusCode).toBe(404);
    const far = (await post('far', '/subsidy/check', { policyId: ids['xc-pledge-cost'], recordId: ids.farPledge })).json() as { eligible: boolean; checks: { code: string; ok: boolean }[] };
    expect(far.eligible).toBe(false);
    expect(far.checks.filter((c) => !c.ok).map((c) => c.code)).toEqual(['REGION']);
  });
  it('向导可列出本单位可申请的记录', async () => {
    const r = (await get('sme', `/subsidy/policies/${ids['xc-pledge-cost']}/records`)).json() as { items: { id: number; label: string }[] };
    expect(r.items.map((i) => i.id).sort()).toEqual([ids.pledge, ids.openPledge].sort());
    expect(r.items.find((i) => i.id === ids.pledge)!.label).toContain('已结清');
  });
  it('鄂尔多斯 授权后补助：申报官费 3,450 元、已获 1,000 元 → 725 元；已获 2,000 元 → 不符合', async () => {
    const ok = (await post('uni', '/subsidy/check', { policyId: ids['ordos-grant'], recordId: ids.patent, declared: { officialFeesPaidFen: Y(3450), priorSubsidiesFen: Y(1000) } })).json() as { eligible: boolean; amount: { amountFen: number } };
    expect(ok.eligible).toBe(true);
    expect(ok.amount.amountFen).toBe(Y(725));
    const none = (await post('uni', '/subsidy/check', { policyId: ids['ordos-grant'], recordId: ids.patent, declared: { officialFeesPaidFen: Y(3450), priorSubsidiesFen: Y(2000) } })).json() as { eligible: boolean; amount: { amountFen: number } };
    expect(none.eligible).toBe(false);
    expect(none.amount.amountFen).toBe(0);
  });
});

describe('审核流程、公示、预算与拨付', () => {
  let appId = 0;
  it('提交：同一幂等键只建一次；同一笔贷款在本政策下只能申请一次', async () => {
    const body = { policyId: ids['xc-pledge-cost'], recordId: ids.pledge, idempotencyKey: 'sme-pledge-2026-0001' };
    const r = await post('sme', '/subsidy/applications', body);
    expect(r.statusCode).toBe(201);
    const a = r.json() as App;
    appId = a.id;
    expect(a.status).toBe('submitted');
    expect(a.claimedAmountFen).toBe(Y(92_000));
    const again = await post('sme', '/subsidy/applications', body);
    expect(again.statusCode).toBe(200);
    expect((again.json() as App).id).toBe(appId);
    const dup = await post('sme', '/subsidy/applications', { policyId: ids['xc-pledge-cost'], recordId: ids.pledge });
    expect(dup.statusCode).toBe(422);
    expect((dup.json() as { message: string }).message).toContain('只能申请一次');
  });

  it('回避：申请单位内的管理员账号不能受理；企业账号不能审核', async () => {
    expect((await post('inside', `/subsidy/applications/${appId}/review`, { action: 'accept' })).statusCode).toBe(403);
    expect((await post('sme', `/subsidy/applications/${appId}/review`, { action: 'accept' })).statusCode).toBe(403);
  });

  it('受理、初审；超过 5 万元须另一人复审，同一人复审被拒', async () => {
    expect((await post('rev1', `/subsidy/applications/${appId}/review`, { action: 'accept' })).statusCode).toBe(200);
    expect((await post('rev1', `/subsidy/applications/${appId}/review`, { action: 'first_review', note: '材料齐全' })).statusCode).toBe(200);
    expect((await post('rev1', `/subsidy/applications/${appId}/review`, { action: 'start_notice' })).statusCode).toBe(422);
    expect((await post('rev1', `/subsidy/applications/${appId}/review`, { action: 'second_review' })).statusCode).toBe(403);
    const queue = (await get('rev2', '/subsidy/applications?queue=true')).json() as { items: App[] };
    expect(queue.items.find((i) => i.id === appId)!.actions).toContain('second_review');
    expect((await post('rev2', `/subsidy/applications/${appId}/review`, { action: 'second_review' })).statusCode).toBe(200);
    const n = await post('rev1', `/subsidy/applications/${appId}/review`, { action: 'start_notice' });
    expect(n.statusCode).toBe(200);
    expect((n.json() as App).status).toBe('in_notice');
  });

  it('公示公开可见；公示期内可提出异议；期内及有未处理异议时不能批准', async () => {
    const pub = (await get(null, '/subsidy/notices')).json() as { items: { id: number; applicantName: string; amountFen: number; open: boolean; itemLabel: string }[] };
    expect(pub.items.find((i) => i.id === appId)).toMatchObject({ applicantName: '许昌测试电子有限公司', amountFen: Y(92_000), open: true, itemLabel: '已结清的专利质押贷款' });
    const obj = await post('bank', `/subsidy/applications/${appId}/objections`, { text: '请核实该笔贷款是否已获其他财政贴息' });
    expect(obj.statusCode).toBe(201);
    ids.objection = (obj.json() as { id: number }).id;
    expect((await post('rev1', `/subsidy/applications/${appId}/review`, { action: 'approve' })).statusCode).toBe(422);
    const clock = await post('rev1', '/subsidy/demo-clock', { advanceDays: 8 });
    expect(clock.statusCode).toBe(200);
    const blocked = await post('rev1', `/subsidy/applications/${appId}/review`, { action: 'approve' });
    expect(blocked.statusCode).toBe(422);
    expect((blocked.json() as { message: string }).message).toContain('异议');
    expect((await post('rev1', `/subsidy/objections/${ids.objection}/resolve`, { upheld: false, resolution: '经核实未获其他财政资金' })).statusCode).toBe(200);
  });

  it('批准承诺预算；拨付幂等，同一凭证号重复提交不重复拨付，不同凭证号拒绝', async () => {
    const ap = await post('rev2', `/subsidy/applications/${appId}/review`, { action: 'approve' });
    expect(ap.statusCode).toBe(200);
    let b = (await get('aud', `/subsidy/budget?year=${year}`)).json() as { items: { policyId: number; committedFen: number; paidFen: number; budgetFen: number; availableFen: number }[] };
    expect(b.items.find((i) => i.policyId === ids['xc-pledge-cost'])).toMatchObject({ committedFen: Y(92_000), paidFen: 0 });
    const today = ((await get(null, '/subsidy/today')).json() as { today: string }).today;
    const p1 = await post('rev1', `/subsidy/applications/${appId}/pay`, { date: today, reference: 'XC-ZF-0001' });
    expect(p1.statusCode).toBe(200);
    expect(p1.json()).toMatchObject({ status: 'paid', replay: false });
    const p2 = await post('rev1', `/subsidy/applications/${appId}/pay`, { date: today, reference: 'XC-ZF-0001' });
    expect(p2.json()).toMatchObject({ status: 'paid', replay: true });
    expect((await post('rev1', `/subsidy/applications/${appId}/pay`, { date: today, reference: 'XC-ZF-0002' })).statusCode).toBe(409);
    b = (await get('aud', `/subsidy/budget?year=${year}`)).json() as typeof b;
    const line = b.items.find((i) => i.policyId === ids['xc-pledge-cost'])!;
    expect(line).toMatchObject({ committedFen: 0, paidFen: Y(92_000), availableFen: line.budgetFen - Y(92_000) });
    const paid = await query<{ n: number }>(deps.db, `select count(*)::int as n from subsidy_paid_v where application_id = $1`, [appId]);
    expect(paid[0].n).toBe(1);
    const steps = (await get('sme', `/subsidy/applications/${appId}`)).json() as { steps: { action: string }[] };
    expect(steps.steps.map((s) => s.action)).toEqual(['submit', 'accept', 'first_review', 'second_review', 'start_notice', 'raise_objection', 'resolve_objection', 'approve', 'pay']);
    const audits = await query<{ action: string }>(deps.db, `select action from audit_log where entity = 'subsidy_application' and entity_id = $1 order by id`, [String(appId)]);
    expect(audits.map((a) => a.action)).toEqual(['subsidy.apply', 'subsidy.accept', 'subsidy.firstReview', 'subsidy.secondReview', 'subsidy.startNotice', 'subsidy.raiseObjection', 'subsidy.resolveObjection', 'subsidy.approve', 'subsidy.pay']);
  });

  it('他单位看不到该申请（404）；企业只看到本单位的申请', async () => {
    expect((await get('sme2', `/subsidy/applications/${appId}`)).statusCode).toBe(404);
    expect(((await get('sme2', '/subsidy/applications')).json() as { total: number }).total).toBe(0);
    expect(((await get('sme', '/subsidy/applications')).json() as { total: number }).total).toBe(1);
  });

  it('导出批准名单（Excel）', async () => {
    const r = await get('aud', `/subsidy/export/approved?year=${year}`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(2).getCell(4).value).toBe('许昌测试电子有限公司');
    expect(ws.getRow(2).getCell(6).value).toBe(92_000);
    expect(ws.getRow(2).getCell(11).value).toBe('XC-ZF-0001');
  });
});

describe('预算不足、版本与撤回', () => {
  let policyId = 0;
  const honour = async (orgId: number) => ((await post('rev1', '/subsidy/records', { kind: 'honour', orgId, honour: 'national_ip_advantage', date: `${year}-02-01` })).json() as { id: number }).id;
  const through = async (id: number) => {
    for (const action of ['accept', 'first_review', 'start_notice']) {
      const r = await post('rev1', `/subsidy/applications/${id}/review`, { action });
      expect(r.statusCode, `${action} ${id}: ${r.body}`).toBe(200);
    }
  };

  it('预算 1,500 元、每项 1,000 元：第一项批准，第二项因预算不足被拒', async () => {
    const today = ((await get(null, '/subsidy/today')).json() as { today: string }).today;
    const terms = {
      name: '测试 示范企业奖励', description: '', budgetFen: Y(1500), rule: { kind: 'fixed', amountFen: Y(1000) },
      criteria: { orgTypes: ['private_enterprise'], sizeClasses: null, smeOnly: false, inRegion: true, recordInPolicyYear: true, honourKinds: ['national_ip_advantage'] },
      perItemCapFen: null, perOrgYearCapFen: null, feeShareCapBp: null, twoReviewerThresholdFen: Y(5000), noticeDays: 5, source: '测试', notes: '',
    };
    const c = await post('rev1', '/subsidy/policies', { code: `test-honour-${year}`, regionCode: '411000', regionName: '许昌市', year, itemKind: 'enterprise_honour', effectiveFrom: today, terms });
    expect(c.statusCode, c.body).toBe(201);
    policyId = (c.json() as { id: number }).id;
    const r1 = await post('sme', '/subsidy/applications', { policyId, recordId: await honour(ids.sme) });
    expect(r1.statusCode, r1.body).toBe(201);
    const a1 = r1.json() as App;
    const r2 = await post('sme2', '/subsidy/applications', { policyId, recordId: await honour(ids.sme2) });
    expect(r2.statusCode, r2.body).toBe(201);
    const a2 = r2.json() as App;
    await through(a1.id);
    await through(a2.id);
    await post('rev1', '/subsidy/demo-clock', { advanceDays: 6 });
    expect((await post('rev2', `/subsidy/applications/${a1.id}/review`, { action: 'approve' })).statusCode).toBe(200);
    const refused = await post('rev2', `/subsidy/applications/${a2.id}/review`, { action: 'approve' });
    expect(refused.statusCode).toBe(422);
    expect((refused.json() as { message: string }).message).toContain('预算不足');
    // the budget cannot be cut below what is committed
    const cut = await post('rev1', `/subsidy/policies/${policyId}/versions`, { effectiveFrom: ((await get(null, '/subsidy/today')).json() as { today: string }).today, terms: { ...terms, budgetFen: Y(900) } });
    expect(cut.statusCode).toBe(422);
    // a rejection frees the item
    const rej = await post('rev1', `/subsidy/applications/${a2.id}/review`, { action: 'reject', reason: '预算已用完，转下一批次' });
    expect((rej.json() as App).status).toBe('rejected');
  });

  it('修改政策生成新版本：新申请按新版本，旧申请仍按提交时的版本', async () => {
    const today = ((await get(null, '/subsidy/today')).json() as { today: string }).today;
    const p = (await get(null, `/subsidy/policies/${policyId}`)).json() as { terms: Record<string, unknown> };
    const v = await post('rev1', `/subsidy/policies/${policyId}/versions`, { effectiveFrom: today, terms: { ...p.terms, rule: { kind: 'fixed', amountFen: Y(800) }, budgetFen: Y(3000) } });
    expect(v.statusCode, v.body).toBe(200);
    expect((v.json() as { version: number }).version).toBe(2);
    const rec = await honour(ids.sme2);
    const check = (await post('sme2', '/subsidy/check', { policyId, recordId: rec })).json() as { amount: { amountFen: number }; policy: { version: number } };
    expect(check.policy.version).toBe(2);
    expect(check.amount.amountFen).toBe(Y(800));
    const old = (await get('rev1', `/subsidy/applications?policyId=${policyId}&status=approved`)).json() as { items: App[] };
    expect(old.items[0]).toMatchObject({ policyVersion: 1, amountFen: Y(1000) });
    expect((await post('rev1', `/subsidy/policies/${policyId}/versions`, { effectiveFrom: '2000-01-01', terms: p.terms })).statusCode).toBe(422);
  });

  it('并发：同一事项 10 个并发提交只成立 1 个；已批准申请 10 个并发拨付（不同凭证号）只拨付 1 次', async () => {
    const rec = await honour(ids.sme);
    const subs = await Promise.all(Array.from({ length: 10 }, () => post('sme', '/subsidy/applications', { policyId, recordId: rec })));
    const created = subs.filter((r) => r.statusCode === 201);
    expect(created).toHaveLength(1);
    expect(subs.every((r) => r.statusCode === 201 || r.statusCode === 422 || r.statusCode === 409)).toBe(true);
    const approved = (await get('rev1', `/subsidy/applications?policyId=${policyId}&status=approved`)).json() as { items: App[] };
    const target = approved.items[0].id;
    const today = ((await get(null, '/subsidy/today')).json() as { today: string }).today;
    const pays = await Promise.all(Array.from({ length: 10 }, (_, i) => post('rev1', `/subsidy/applications/${target}/pay`, { date: today, reference: `CONC-${i}` })));
    expect(pays.filter((r) => r.statusCode === 200 && !(r.json() as { replay: boolean }).replay)).toHaveLength(1);
    const n = await queryOne<{ n: number; paid: number }>(deps.db, `select count(*)::int as n, coalesce(sum(amount_fen), 0)::bigint as paid from subsidy_paid_v where policy_id = $1`, [policyId]);
    expect(n).toMatchObject({ n: 1, paid: Y(1000) });
  });

  it('申请单位可在公示前撤回，撤回后可重新申请同一事项', async () => {
    const rec = await honour(ids.sme2);
    const a = (await post('sme2', '/subsidy/applications', { policyId, recordId: rec })).json() as App;
    expect((await post('sme', `/subsidy/applications/${a.id}/withdraw`, {})).statusCode).toBe(404);
    const w = await post('sme2', `/subsidy/applications/${a.id}/withdraw`, {});
    expect((w.json() as App).status).toBe('withdrawn');
    expect((await post('sme2', '/subsidy/applications', { policyId, recordId: rec })).statusCode).toBe(201);
  });
});

describe('鄂尔多斯 官费 50% 上限跨政策复核', () => {
  it('同一专利在两项政策下各算得 725 元：先批准的一项通过，另一项批准时因超过官费 50% 被拒', async () => {
    const today = ((await get(null, '/subsidy/today')).json() as { today: string }).today;
    const grant = (await get(null, `/subsidy/policies/${ids['ordos-grant']}`)).json() as { terms: Record<string, unknown> };
    const c = await post('rev1', '/subsidy/policies', { code: `test-grant-${year}`, regionCode: '150600', regionName: '鄂尔多斯市', year, itemKind: 'patent_grant', effectiveFrom: today,
      terms: { ...grant.terms, name: '测试 旗区发明专利补助', rule: { kind: 'fixed', amountFen: Y(1000) } } });
    expect(c.statusCode, c.body).toBe(201);
    const second = (c.json() as { id: number }).id;
    const declared = { officialFeesPaidFen: Y(3450), priorSubsidiesFen: Y(1000) };
    const a1 = (await post('uni', '/subsidy/applications', { policyId: ids['ordos-grant'], recordId: ids.patent, declared })).json() as App;
    const a2 = (await post('uni', '/subsidy/applications', { policyId: second, recordId: ids.patent, declared })).json() as App;
    expect([a1.amountFen, a2.amountFen]).toEqual([Y(725), Y(725)]);
    // the Xuchang office does not see Ordos applications; a reviewer without a region (province level) does
    expect((await post('rev1', `/subsidy/applications/${a1.id}/review`, { action: 'accept' })).statusCode).toBe(404);
    for (const id of [a1.id, a2.id]) {
      for (const action of ['accept', 'first_review', 'start_notice']) expect((await post('prov', `/subsidy/applications/${id}/review`, { action })).statusCode).toBe(200);
    }
    await post('prov', '/subsidy/demo-clock', { advanceDays: 8 });
    expect((await post('prov', `/subsidy/applications/${a1.id}/review`, { action: 'approve' })).statusCode).toBe(200);
    const refused = await post('prov', `/subsidy/applications/${a2.id}/review`, { action: 'approve' });
    expect(refused.statusCode).toBe(422);
    expect((refused.json() as { message: string }).message).toContain('已缴官费的 50%');
    // the patent's subsidies: the holder sees both, another organisation none
    expect(((await get('uni', `/subsidy/applications?patentId=${ids.patent}`)).json() as { total: number }).total).toBe(2);
    expect(((await get('sme', `/subsidy/applications?patentId=${ids.patent}`)).json() as { total: number }).total).toBe(0);
  });
});
