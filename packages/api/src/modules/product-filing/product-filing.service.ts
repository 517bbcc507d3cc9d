import { AppError, formatWan, type LegalStatus } from '@zhuanhua/domain';
import {
  FILING_STATE_LABELS, assertFilingTransition, checkFilingPatents, checkYearReport, filingNumber, type FilingInput, type FilingPatentFacts,
  type FilingState, type YearReportInput,
} from '@zhuanhua/domain/product-filing/index.ts';
import { inTx, query, queryOne, type Queryable } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import type { Paging } from '../../http/paging.ts';
import { audit } from '../../lib/audit.ts';
import { regionCondition, todayCn } from '../pledge/pledge.common.ts';
import { filingPatentFacts, filingReports, getFiling, listFilings, lockFiling, storedFilingPatents, type FilingPatentRow, type FilingRow, type Scope } from './product-filing.repo.ts';

export function filingScope(actor: Actor): Scope {
  const params: unknown[] = [];
  if (actor.role === 'platform_admin' || actor.role === 'auditor') return { sql: regionCondition(actor, 'f.region_code', params), params };
  if (actor.role === 'service_agent') return { sql: `f.state = 'filed'`, params };
  return { sql: 'f.org_id = $1', params: [actor.orgId ?? -1] };
}
const visible = (a: Actor, f: FilingRow) =>
  a.role === 'platform_admin' || a.role === 'auditor' || (a.role === 'service_agent' && f.state === 'filed') || f.org_id === a.orgId;

export const toFacts = (r: FilingPatentRow): FilingPatentFacts => ({
  patentId: r.patent_id, applicationNumber: r.application_number, role: r.role, legalStatus: r.legal_status as LegalStatus,
  grantDate: r.grant_date, lapseDate: r.lapse_date, holderOrgIds: r.holder_org_ids.map(Number),
  licences: r.licences.map((l) => ({ ...l, licenseeOrgId: Number(l.licenseeOrgId), dealId: Number(l.dealId) })),
});

export function presentFiling(f: FilingRow) {
  return {
    id: f.id, orgId: f.org_id, orgName: f.org_name ?? null, productName: f.product_name, category: f.category, filingNo: f.filing_no,
    filingDate: f.filing_date, productionStart: f.production_start, state: f.state, stateLabel: FILING_STATE_LABELS[f.state as FilingState] ?? f.state,
    patentCount: f.patent_count ?? 0, latestYear: f.latest_year ?? null, latestOutputFen: f.latest_output_fen ?? null, source: f.source,
  };
}

export async function listFilingsView(db: Queryable, actor: Actor, f: { state?: string; q?: string }, pg: Paging) {
  const { rows, total } = await listFilings(db, filingScope(actor), f, pg);
  return { items: rows.map(presentFiling), total };
}

export async function getFilingView(db: Queryable, actor: Actor, id: number) {
  const f = await getFiling(db, id);
  if (!f || !visible(actor, f)) throw new AppError('NOT_FOUND', '备案不存在');
  const stored = await storedFilingPatents(db, id);
  const facts = await filingPatentFacts(db, stored, f.org_id);
  const checkDate = f.filing_date ?? todayCn();
  const problems = checkFilingPatents(f.org_id, checkDate, facts.map(toFacts));
  const reports = await filingReports(db, id);
  return {
    ...presentFiling(f), description: f.description, reviewReason: f.review_reason, withdrawnReason: f.withdrawn_reason, withdrawnDate: f.withdrawn_date,
    patents: facts.map((p) => ({ id: p.patent_id, applicationNumber: p.application_number, title: p.title, role: p.role, legalStatus: p.legal_status, licences: p.licences })),
    check: { date: checkDate, problems },
    reports: reports.map((r) => ({ year: r.year, outputFen: r.output_fen, salesFen: r.sales_fen, exportFen: r.export_fen, profitFen: r.profit_fen, ipInvestmentFen: r.ip_investment_fen, jobs: r.jobs, outputWan: formatWan(r.output_fen ?? 0) })),
  };
}

export async function createFiling(db: Queryable, actor: Actor, input: FilingInput): Promise<number> {
  const orgId = actor.role === 'platform_admin' ? input.orgId : actor.orgId;
  if (!orgId) throw new AppError('VALIDATION', '请选择备案主体');
  return inTx(db, async (tx) => {
    const org = await queryOne<{ type: string; size_class: string | null; region_code: string | null }>(tx, `select type, size_class, region_code from organisations where id = $1`, [orgId]);
    if (!org) throw new AppError('VALIDATION', '备案主体不存在');
    const ids = input.patents.map((p) => p.patentId);
    if (new Set(ids).size !== ids.length) throw new AppError('VALIDATION', '专利重复列出');
    const found = await query<{ id: number }>(tx, `select id from patents where id = any($1::bigint[])`, [ids]);
    if (found.length !== ids.length) throw new AppError('VALIDATION', '部分专利不存在');
    const row = (await queryOne<{ id: number }>(tx, `insert into product_filings (org_id, org_type, org_size_class, region_code, product_name, category, production_start, description, integrity_pledge, state, created_by)
      values ($1,$2,$3,$4,$5,$6,$7,$8,true,'draft',$9) returning id`,
    [orgId, org.type, org.size_class, org.region_code, input.productName, input.category, input.productionStart ?? null, input.description ?? null, actor.userId || null]))!;
    for (const p of input.patents) {
      await query(tx, `insert into product_filing_patents (filing_id, patent_id, role, deal_id) values ($1,$2,$3,$4)`, [row.id, p.patentId, p.role, p.dealId ?? null]);
    }
    await audit(tx, actor, { action: 'product-filing.create', entity: 'product_filing', entityId: row.id, after: { ...input, orgId } });
    return row.id;
  });
}

async function loadOwn(tx: Queryable, actor: Actor, id: number, office = false): Promise<FilingRow> {
  const f = await lockFiling(tx, id);
  if (!f || !visible(actor, f)) throw new AppError('NOT_FOUND', '备案不存在');
  if (actor.role === 'platform_admin') return f;
  if (office || f.org_id !== actor.orgId) throw new AppError('FORBIDDEN', '无权对该备案执行此操作');
  return f;
}

async function assertPatentsOk(tx: Queryable, f: FilingRow, date: string): Promise<void> {
  const facts = await filingPatentFacts(tx, await storedFilingPatents(tx, f.id), f.org_id);
  const problems = checkFilingPatents(f.org_id, date, facts.map(toFacts));
  if (problems.length) throw new AppError('RULE_VIOLATION', problems.map((p) => p.message).join('；'), { problems });
}

/** Submit on a filing date: every patent must be in force and held or licensed by the filer on that date. */
export const submitFiling = (db: Queryable, actor: Actor, id: number, filingDate: string) => inTx(db, async (tx) => {
  const f = await loadOwn(tx, actor, id);
  assertFilingTransition(f.state as FilingState, 'submitted');
  if (filingDate > todayCn()) throw new AppError('RULE_VIOLATION', '备案日期不能晚于今天');
  await assertPatentsOk(tx, f, filingDate);
  await query(tx, `update product_filings set state = 'submitted', filing_date = $2, updated_at = now() where id = $1`, [id, filingDate]);
  await audit(tx, actor, { action: 'product-filing.submit', entity: 'product_filing', entityId: id, before: { state: f.state }, after: { state: 'submitted', filingDate } });
});

/** The office reviews: approval re-checks the patents, numbers the filing and records the patent uses. */
export const reviewFiling = (db: Queryable, actor: Actor, id: number, approve: boolean, reason: string | null) => inTx(db, async (tx) => {
  const f = await loadOwn(tx, actor, id, true);
  const to: FilingState = approve ? 'filed' : 'returned';
  assertFilingTransition(f.state as FilingState, to);
  let filingNo: string | null = null;
  if (approve) {
    await assertPatentsOk(tx, f, f.filing_date!);
    await query(tx, `select pg_advisory_xact_lock(724406)`); // filing numbers are handed out one at a time
    const n = await queryOne<{ n: number }>(tx, `select coalesce(max(substring(filing_no from 7)::int), 0)::int as n from product_filings where filing_no ~ $1`, [`^BA${f.filing_date!.slice(0, 4)}[0-9]{6}$`]);
    filingNo = filingNumber(f.filing_date!, (n?.n ?? 0) + 1);
    await query(tx, `insert into patent_uses (patent_id, kind, source_type, source_id, org_id, from_date, note, created_by)
      select patent_id, 'product_filing', 'product_filing', $1, $2, $3, $4, $5 from product_filing_patents where filing_id = $1`,
    [id, f.org_id, f.filing_date, `专利产品备案：${f.product_name}`, actor.userId || null]);
  }
  await query(tx, `update product_filings set state = $2, filing_no = coalesce($3, filing_no), review_reason = $4, reviewed_by = $5, reviewed_at = now(), updated_at = now() where id = $1`,
    [id, to, filingNo, reason, actor.userId || null]);
  await audit(tx, actor, { action: 'product-filing.review', entity: 'product_filing', entityId: id, before: { state: f.state }, after: { state: to, filingNo, reason } });
});

export const withdrawFiling = (db: Queryable, actor: Actor, id: number, reason: string) => inTx(db, async (tx) => {
  const f = await loadOwn(tx, actor, id);
  assertFilingTransition(f.state as FilingState, 'withdrawn');
  const today = todayCn();
  // a filing that was never filed keeps no filing date, so it never counts as a filing
  await query(tx, `update product_filings set state = 'withdrawn', withdrawn_reason = $2, withdrawn_date = $3,
    filing_date = case when filing_no is null then null else filing_date end, updated_at = now() where id = $1`, [id, reason, today]);
  await query(tx, `update patent_uses set to_date = $2 where source_type = 'product_filing' and source_id = $1 and to_date is null`, [id, today]);
  await audit(tx, actor, { action: 'product-filing.withdraw', entity: 'product_filing', entityId: id, before: { state: f.state }, after: { state: 'withdrawn', reason } });
});

/** Report (or correct) a year's output value, sales and jobs. */
export const reportYear = (db: Queryable, actor: Actor, id: number, r: YearReportInput, today = todayCn()) => inTx(db, async (tx) => {
  const f = await loadOwn(tx, actor, id);
  const { warnings } = checkYearReport(r, { filingDate: f.filing_date!, productionStart: f.production_start, today, state: f.state as FilingState });
  const before = await queryOne(tx, `select * from product_filing_reports where filing_id = $1 and year = $2`, [id, r.year]);
  await query(tx, `insert into product_filing_reports (filing_id, year, output_fen, sales_fen, export_fen, profit_fen, ip_investment_fen, jobs, reported_by)
    values ($1,$2,$3,$4,$5,$6,$7,$8,$9)
    on conflict (filing_id, year) do update set output_fen = excluded.output_fen, sales_fen = excluded.sales_fen, export_fen = excluded.export_fen,
      profit_fen = excluded.profit_fen, ip_investment_fen = excluded.ip_investment_fen, jobs = excluded.jobs, reported_by = excluded.reported_by, reported_at = now()`,
  [id, r.year, r.outputFen, r.salesFen, r.exportFen, r.profitFen ?? null, r.ipInvestmentFen, r.jobs, actor.userId || null]);
  await audit(tx, actor, { action: 'product-filing.report', entity: 'product_filing', entityId: id, before: before ?? null, after: r });
  return { warnings };
});
