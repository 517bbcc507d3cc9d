import { query, queryOne, type Queryable } from '../../db/client.ts';
import { offsetOf, orderBy, type Paging } from '../../http/paging.ts';

export type PledgeRow = {
  id: number; state: string; pledgor_org_id: number; pledgee_org_id: number | null; pledgor_org_type: string | null;
  pledgor_size_class: string | null; pledgor_region_code: string | null; secured_amount_fen: number | null; loan_amount_fen: number | null;
  registration_no: string | null; registration_date: string | null; debt_term_start: string | null; debt_term_end: string | null;
  released_date: string | null; created_by: number | null; created_at: Date; updated_at: Date;
  batch_id: number | null; application_date: string | null; requested_amount_fen: number | null; purpose: string | null;
  valuation_method: string | null; valuation_fen: number | null; appraiser: string | null; valuer_org_id: number | null;
  valuation_fee_fen: number | null; valuation_report_no: string | null; valuation_date: string | null;
  approved_amount_fen: number | null; decision_date: string | null; decision_reason: string | null; debt_type: string | null;
  scope_of_security: string | null; co_owner_consent_org_ids: number[]; loan_rate_bp: number | null; loan_start: string | null;
  loan_end: string | null; enhancement: string | null; enhancer_name: string | null; premium_fen: number | null;
  risk_share: Record<string, number> | null; default_date: string | null; unpaid_interest_fen: number | null; claim_date: string | null;
  claim_recovered_fen: number | null; claim_loss_fen: number | null; claim_fund_fen: number | null; claim_detail: unknown;
  source: string; note: string | null;
  pledgor_name?: string; pledgee_name?: string | null; batch_name?: string | null; patent_count?: number; repaid_principal_fen?: number;
};

export type PledgeFilter = { state?: string; q?: string; batchId?: number; patentId?: number };
/** Scope: which pledges the actor may see (built by the service). */
export type PledgeScope = { sql: string; params: unknown[] };

const SORTS = { id: 'p.id', registrationDate: 'p.registration_date' };
const SELECT = `select p.*, a.name as pledgor_name, b.name as pledgee_name, pb.name as batch_name,
    (select count(*)::int from pledge_patents pp where pp.pledge_id = p.id) as patent_count,
    (select coalesce(sum(r.principal_fen), 0)::bigint from pledge_repayments r where r.pledge_id = p.id) as repaid_principal_fen
  from pledges p join organisations a on a.id = p.pledgor_org_id left join organisations b on b.id = p.pledgee_org_id
  left join pledge_batches pb on pb.id = p.batch_id`;

export async function listPledges(db: Queryable, scope: PledgeScope, f: PledgeFilter, pg: Paging & { sort?: string }): Promise<{ rows: PledgeRow[]; total: number }> {
  const params = [...scope.params];
  const where = scope.sql ? [scope.sql] : [];
  const add = (v: unknown) => { params.push(v); return `$${params.length}`; };
  if (f.state) where.push(`p.state = ${add(f.state)}`);
  if (f.batchId) where.push(`p.batch_id = ${add(f.batchId)}`);
  if (f.patentId) where.push(`exists (select 1 from pledge_patents pp where pp.pledge_id = p.id and pp.patent_id = ${add(f.patentId)})`);
  if (f.q) {
    const like = add(`%${f.q}%`);
    where.push(`(a.name ilike ${like} or b.name ilike ${like} or p.registration_no ilike ${like})`);
  }
  const w = where.length ? `where ${where.join(' and ')}` : '';
  const total = (await queryOne<{ n: number }>(db, `select count(*)::int as n from pledges p join organisations a on a.id = p.pledgor_org_id left join organisations b on b.id = p.pledgee_org_id ${w}`, params))!.n;
  const rows = await query<PledgeRow>(db, `${SELECT} ${w} order by ${orderBy(pg.sort, SORTS, 'p.id desc')} limit ${pg.pageSize} offset ${offsetOf(pg)}`, params);
  return { rows, total };
}

export const getPledge = (db: Queryable, id: number) => queryOne<PledgeRow>(db, `${SELECT} where p.id = $1`, [id]);
export const lockPledge = (db: Queryable, id: number) => queryOne<PledgeRow>(db, `select * from pledges where id = $1 for update`, [id]);

export type PledgePatentRow = {
  patent_id: number; application_number: string; title: string; type: string; filing_date: string | null; grant_date: string | null;
  legal_status: string; fee_paid_through: string | null; term_extension_days: number; holder_org_ids: number[]; holder_names: string[];
  active_pledge_id: number | null;
};

/** The patents of a pledge with the facts the refusal checks need. */
export const pledgePatents = (db: Queryable, pledgeId: number) => patentFacts(db, `select patent_id from pledge_patents where pledge_id = $1`, [pledgeId], pledgeId);

export async function patentFacts(db: Queryable, idsSql: string, params: unknown[], excludePledgeId: number | null): Promise<PledgePatentRow[]> {
  const ps = [...params, excludePledgeId ?? 0];
  return query<PledgePatentRow>(db, `
    select t.id as patent_id, t.application_number, t.title, t.type, t.filing_date, t.grant_date, t.legal_status, t.fee_paid_through,
           t.term_extension_days,
           coalesce((select array_agg(h.org_id order by h.seq) from patent_holders h where h.patent_id = t.id and h.org_id is not null), '{}') as holder_org_ids,
           coalesce((select array_agg(h.name order by h.seq) from patent_holders h where h.patent_id = t.id), '{}') as holder_names,
           (select min(q.id) from pledge_patents qp join pledges q on q.id = qp.pledge_id
             where qp.patent_id = t.id and q.id <> $${ps.length} and q.state in ('registered','disbursed','repaid','defaulted','compensated')) as active_pledge_id
      from patents t where t.id in (${idsSql}) order by t.id`, ps);
}

export type RepaymentRow = { id: number; repaid_date: string; principal_fen: number; interest_fen: number; created_at: Date };
export const repayments = (db: Queryable, pledgeId: number) =>
  query<RepaymentRow>(db, `select id, repaid_date, principal_fen, interest_fen, created_at from pledge_repayments where pledge_id = $1 order by repaid_date, id`, [pledgeId]);

export async function updatePledge(db: Queryable, id: number, set: Record<string, unknown>): Promise<void> {
  const cols = Object.keys(set);
  const params = cols.map((c) => {
    const v = set[c];
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? JSON.stringify(v) : v;
  });
  await query(db, `update pledges set ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')}, updated_at = now() where id = $1`, [id, ...params]);
}

export type BatchRow = { id: number; name: string; bank_org_id: number; bank_name?: string; park_name: string | null; credit_line_fen: number; start_date: string; end_date: string; created_at: Date };
export const getBatch = (db: Queryable, id: number) =>
  queryOne<BatchRow>(db, `select b.*, o.name as bank_name from pledge_batches b join organisations o on o.id = b.bank_org_id where b.id = $1`, [id]);
export const listBatches = (db: Queryable, bankOrgId: number | null) =>
  query<BatchRow>(db, `select b.*, o.name as bank_name from pledge_batches b join organisations o on o.id = b.bank_org_id
    ${bankOrgId ? 'where b.bank_org_id = $1' : ''} order by b.id desc limit 200`, bankOrgId ? [bankOrgId] : []);
