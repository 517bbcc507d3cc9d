/** SQL of open-licence declarations, licences formed under them, and use reports. */
import { query, queryOne, type Queryable } from '../../db/client.ts';
import { offsetOf, type Paging } from '../../http/paging.ts';
import type { FeeTerms } from '@zhuanhua/domain/licence/licence.schemas.ts';

export type DeclarationRow = {
  id: number; patent_id: number; org_id: number; state: 'submitted' | 'published' | 'rejected' | 'withdrawn'; fee_mode: string; fee_terms: FeeTerms;
  pay_later: boolean; licence_years: number; territory: string | null; other_terms: string | null; evaluation_report_no: string | null;
  co_owners_consent: boolean; pledgee_consent: boolean; warnings: { code: string; message: string }[]; warnings_confirmed: boolean;
  submitted_by: number | null; submitted_at: Date; reviewed_by: number | null; reviewed_at: Date | null; review_comment: string | null;
  published_date: string | null; withdrawn_date: string | null; withdraw_reason: string | null; updated_at: Date;
  // joined
  org_name?: string; application_number?: string; title?: string; patent_type?: string; ipc_main?: string | null; legal_status?: string;
  grant_date?: string | null; region_code?: string | null; licence_count?: number;
};

export type LicenceRow = {
  id: number; declaration_id: number; deal_id: number; patent_id: number; licensor_org_id: number; licensee_org_id: number; fee_terms: FeeTerms;
  notice_date: string; payment_date: string | null; licensed_from: string; licensed_to: string; trial_end: string | null;
  state: 'trial' | 'active' | 'exited' | 'terminated' | 'expired'; decided_on: string | null; filing_no: string | null;
  created_by: number | null; created_at: Date; updated_at: Date;
  licensor_name?: string; licensee_name?: string; application_number?: string; title?: string; patent_type?: string; received_fen?: number;
  territory?: string | null; other_terms?: string | null; licence_years?: number;
};

export type UseReportRow = {
  id: number; licence_id: number; period_start: string; period_end: string; net_sales_fen: number | null; profit_fen: number | null; units: number | null;
  due_fen: number; due_date: string | null; in_trial: boolean; note: string | null; created_at: Date;
};

const DECL_SELECT = `select d.*, o.name as org_name, p.application_number, p.title, p.type as patent_type, p.ipc_main, p.legal_status, p.grant_date, p.region_code,
  (select count(*)::int from open_licences l where l.declaration_id = d.id) as licence_count
  from open_licence_declarations d join organisations o on o.id = d.org_id join patents p on p.id = d.patent_id`;

export const getDeclaration = (db: Queryable, id: number) => queryOne<DeclarationRow>(db, `${DECL_SELECT} where d.id = $1`, [id]);

export type DeclarationFilter = { state?: string; orgId?: number | null; q?: string; feeMode?: string; payLater?: boolean; patentId?: number };

export async function listDeclarations(db: Queryable, f: DeclarationFilter, p: Paging): Promise<{ rows: DeclarationRow[]; total: number }> {
  const params: unknown[] = [];
  const where: string[] = [];
  const add = (v: unknown) => { params.push(v); return `$${params.length}`; };
  if (f.state) where.push(`d.state = ${add(f.state)}`);
  if (f.orgId !== undefined) where.push(f.orgId === null ? 'false' : `d.org_id = ${add(f.orgId)}`);
  if (f.feeMode) where.push(`d.fee_mode = ${add(f.feeMode)}`);
  if (f.payLater !== undefined) where.push(`d.pay_later = ${add(f.payLater)}`);
  if (f.patentId) where.push(`d.patent_id = ${add(f.patentId)}`);
  if (f.q) { const like = add(`%${f.q}%`); where.push(`(p.title ilike ${like} or p.application_number like ${like} or o.name ilike ${like} or p.ipc_main ilike ${like})`); }
  const w = where.length ? `where ${where.join(' and ')}` : '';
  const total = (await queryOne<{ n: number }>(db, `select count(*)::int as n from open_licence_declarations d join organisations o on o.id = d.org_id join patents p on p.id = d.patent_id ${w}`, params))!.n;
  const rows = await query<DeclarationRow>(db, `${DECL_SELECT} ${w} order by coalesce(d.published_date, d.submitted_at::date) desc, d.id desc limit ${p.pageSize} offset ${offsetOf(p)}`, params);
  return { rows, total };
}

export async function insertDeclaration(db: Queryable, d: {
  patentId: number; orgId: number; feeTerms: FeeTerms; licenceYears: number; territory: string | null; otherTerms: string | null;
  evaluationReportNo: string | null; coOwnersConsent: boolean; pledgeeConsent: boolean; warnings: unknown[]; warningsConfirmed: boolean; submittedBy: number;
}): Promise<number> {
  return (await queryOne<{ id: number }>(db,
    `insert into open_licence_declarations (patent_id, org_id, fee_mode, fee_terms, pay_later, licence_years, territory, other_terms, evaluation_report_no,
       co_owners_consent, pledgee_consent, warnings, warnings_confirmed, submitted_by)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) returning id`,
    [d.patentId, d.orgId, d.feeTerms.mode, JSON.stringify(d.feeTerms), d.feeTerms.trialMonths > 0, d.licenceYears, d.territory, d.otherTerms, d.evaluationReportNo,
      d.coOwnersConsent, d.pledgeeConsent, JSON.stringify(d.warnings), d.warningsConfirmed, d.submittedBy || null]))!.id;
}

const LIC_SELECT = `select l.*, lo.name as licensor_name, le.name as licensee_name, p.application_number, p.title, p.type as patent_type,
  d.territory, d.other_terms, d.licence_years,
  coalesce((select sum(amount_fen) from deal_payments x where x.deal_id = l.deal_id), 0)::bigint as received_fen
  from open_licences l join organisations lo on lo.id = l.licensor_org_id join organisations le on le.id = l.licensee_org_id
  join patents p on p.id = l.patent_id join open_licence_declarations d on d.id = l.declaration_id`;

export const getLicence = (db: Queryable, id: number) => queryOne<LicenceRow>(db, `${LIC_SELECT} where l.id = $1`, [id]);

export async function listLicences(db: Queryable, f: { orgId?: number | null; side?: 'licensor' | 'licensee'; state?: string; declarationId?: number }, p: Paging): Promise<{ rows: LicenceRow[]; total: number }> {
  const params: unknown[] = [];
  const where: string[] = [];
  const add = (v: unknown) => { params.push(v); return `$${params.length}`; };
  if (f.orgId === null) where.push('false');
  else if (f.orgId !== undefined) {
    const o = add(f.orgId);
    where.push(f.side === 'licensor' ? `l.licensor_org_id = ${o}` : f.side === 'licensee' ? `l.licensee_org_id = ${o}` : `(l.licensor_org_id = ${o} or l.licensee_org_id = ${o})`);
  }
  if (f.state) where.push(`l.state = ${add(f.state)}`);
  if (f.declarationId) where.push(`l.declaration_id = ${add(f.declarationId)}`);
  const w = where.length ? `where ${where.join(' and ')}` : '';
  const total = (await queryOne<{ n: number }>(db, `select count(*)::int as n from open_licences l ${w}`, params))!.n;
  const rows = await query<LicenceRow>(db, `${LIC_SELECT} ${w} order by l.licensed_from desc, l.id desc limit ${p.pageSize} offset ${offsetOf(p)}`, params);
  return { rows, total };
}

export const reportsOf = (db: Queryable, licenceIds: number[]) =>
  query<UseReportRow>(db, `select * from licence_use_reports where licence_id = any($1::bigint[]) order by licence_id, period_start`, [licenceIds]);

export const paymentsOfDeals = (db: Queryable, dealIds: number[]) =>
  query<{ deal_id: number; id: number; received_date: string; amount_fen: number; reference: string | null }>(db,
    `select deal_id, id, received_date, amount_fen, reference from deal_payments where deal_id = any($1::bigint[]) order by received_date, id`, [dealIds]);
