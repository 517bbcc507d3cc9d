import { query, queryOne, type Queryable } from '../../db/client.ts';
import { offsetOf, orderBy, type Paging } from '../../http/paging.ts';

export type FilingRow = {
  id: number; org_id: number; org_type: string | null; org_size_class: string | null; region_code: string | null; product_name: string;
  category: string | null; filing_no: string | null; filing_date: string | null; production_start: string | null; state: string;
  description: string | null; integrity_pledge: boolean; review_reason: string | null; reviewed_at: Date | null; withdrawn_reason: string | null;
  withdrawn_date: string | null; source: string; created_at: Date; updated_at: Date;
  org_name?: string; patent_count?: number; latest_year?: number | null; latest_output_fen?: number | null;
};
export type Scope = { sql: string; params: unknown[] };

const SELECT = `select f.*, o.name as org_name,
    (select count(*)::int from product_filing_patents fp where fp.filing_id = f.id) as patent_count,
    (select max(r.year) from product_filing_reports r where r.filing_id = f.id) as latest_year,
    (select r.output_fen from product_filing_reports r where r.filing_id = f.id order by r.year desc limit 1) as latest_output_fen
  from product_filings f join organisations o on o.id = f.org_id`;
const SORTS = { id: 'f.id', filingDate: 'f.filing_date' };

export async function listFilings(db: Queryable, scope: Scope, f: { state?: string; q?: string }, pg: Paging & { sort?: string }) {
  const params = [...scope.params];
  const where = scope.sql ? [scope.sql] : [];
  if (f.state) { params.push(f.state); where.push(`f.state = $${params.length}`); }
  if (f.q) { params.push(`%${f.q}%`); where.push(`(f.product_name ilike $${params.length} or o.name ilike $${params.length} or f.filing_no ilike $${params.length})`); }
  const w = where.length ? `where ${where.join(' and ')}` : '';
  const total = (await queryOne<{ n: number }>(db, `select count(*)::int as n from product_filings f join organisations o on o.id = f.org_id ${w}`, params))!.n;
  const rows = await query<FilingRow>(db, `${SELECT} ${w} order by ${orderBy(pg.sort, SORTS, 'f.id desc')} limit ${pg.pageSize} offset ${offsetOf(pg)}`, params);
  return { rows, total };
}

export const getFiling = (db: Queryable, id: number) => queryOne<FilingRow>(db, `${SELECT} where f.id = $1`, [id]);
export const lockFiling = (db: Queryable, id: number) => queryOne<FilingRow>(db, `select * from product_filings where id = $1 for update`, [id]);

export type FilingPatentRow = {
  patent_id: number; role: 'own' | 'licensed'; deal_id: number | null; application_number: string; title: string; legal_status: string;
  grant_date: string | null; lapse_date: string | null; holder_org_ids: number[];
  licences: { dealId: number; licenseeOrgId: number; from: string | null; to: string | null; kind: string | null }[];
};

/** The filing's patents with holders and the ledger licences (signed or later) to the filer. */
export async function filingPatentFacts(db: Queryable, patentRows: { patentId: number; role: 'own' | 'licensed'; dealId?: number | null }[], filerOrgId: number): Promise<FilingPatentRow[]> {
  if (!patentRows.length) return [];
  const rows = await query<Omit<FilingPatentRow, 'role' | 'deal_id'>>(db, `
    select t.id as patent_id, t.application_number, t.title, t.legal_status, t.grant_date, t.lapse_date,
      coalesce((select array_agg(h.org_id) from patent_holders h where h.patent_id = t.id and h.org_id is not null), '{}') as holder_org_ids,
      coalesce((select json_agg(json_build_object('dealId', d.id, 'licenseeOrgId', dp.org_id, 'from', coalesce(d.effective_date, d.contract_date), 'to', d.end_date, 'kind', d.licence_kind))
         from deal_patents dk join deals d on d.id = dk.deal_id join deal_parties dp on dp.deal_id = d.id and dp.side = 'in'
        where dk.patent_id = t.id and d.kind = 'licence' and dp.org_id = $2 and d.state in ('signed','registered','performing','completed')), '[]') as licences
    from patents t where t.id = any($1::bigint[])`, [patentRows.map((p) => p.patentId), filerOrgId]);
  const byId = new Map(rows.map((r) => [r.patent_id, r]));
  return patentRows.filter((p) => byId.has(p.patentId)).map((p) => ({ ...byId.get(p.patentId)!, role: p.role, deal_id: p.dealId ?? null }));
}

export const storedFilingPatents = (db: Queryable, filingId: number) =>
  query<{ patentId: number; role: 'own' | 'licensed'; dealId: number | null }>(db,
    `select patent_id as "patentId", role, deal_id as "dealId" from product_filing_patents where filing_id = $1 order by patent_id`, [filingId]);

export type ReportRow = { year: number; output_fen: number | null; sales_fen: number | null; export_fen: number | null; profit_fen: number | null; ip_investment_fen: number | null; jobs: number | null; reported_at: Date };
export const filingReports = (db: Queryable, filingId: number) =>
  query<ReportRow>(db, `select year, output_fen, sales_fen, export_fen, profit_fen, ip_investment_fen, jobs, reported_at from product_filing_reports where filing_id = $1 order by year`, [filingId]);
