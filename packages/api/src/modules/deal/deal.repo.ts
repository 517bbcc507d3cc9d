/** SQL of the deal ledger. */
import { query, queryOne, type Queryable } from '../../db/client.ts';
import { offsetOf, type Paging } from '../../http/paging.ts';
import type { LicenceInForce } from '@zhuanhua/domain/deal/deal.rules.ts';
import type { LicenceKind } from '@zhuanhua/domain/deal/deal.schemas.ts';

export type DealRow = {
  id: number; kind: 'transfer' | 'licence' | 'equity'; licence_kind: string | null; title: string; state: string;
  contract_date: string | null; effective_date: string | null; end_date: string | null; contract_amount_fen: number;
  amount_basis: 'fixed' | 'royalty'; registration_no: string | null; registration_date: string | null; source: string;
  recorded_by_org_id: number | null; created_by: number | null; note: string | null; territory: string | null; field: string | null;
  pledgee_consent: boolean; terminated_reason: string | null; external_ref: string | null; created_at: Date; updated_at: Date;
  received_fen?: number;
};
export type PartyRow = { id: number; deal_id: number; side: 'out' | 'in'; role: string; org_id: number | null; name: string; org_type: string | null; size_class: string | null; region_code: string | null };
export type PatentLink = { deal_id: number; patent_id: number; application_number: string; title: string; type: string; legal_status: string };
export type ScheduleRow = { id: number; deal_id: number; due_date: string; amount_fen: number; note: string | null };
export type PaymentRow = { id: number; deal_id: number; received_date: string; amount_fen: number; reference: string | null; created_by: number | null; created_at: Date };
export type HistoryRow = { id: number; deal_id: number; from_state: string | null; to_state: string; on_date: string; reason: string | null; actor_user_id: number | null; actor_name: string | null; created_at: Date };

export type DealWrite = {
  kind: string; licenceKind: string | null; title: string; state: string; contractDate: string | null; effectiveDate: string | null;
  endDate: string | null; contractAmountFen: number; amountBasis: string; registrationNo: string | null; registrationDate: string | null;
  source: string; recordedByOrgId: number | null; createdBy: number | null; note: string | null; territory: string | null; field: string | null;
  pledgeeConsent: boolean; externalRef?: string | null;
};

export async function insertDeal(db: Queryable, d: DealWrite): Promise<number> {
  const r = await queryOne<{ id: number }>(db,
    `insert into deals (kind, licence_kind, title, state, contract_date, effective_date, end_date, contract_amount_fen, amount_basis,
                        registration_no, registration_date, source, recorded_by_org_id, created_by, note, territory, field, pledgee_consent, external_ref)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19) returning id`,
    [d.kind, d.licenceKind, d.title, d.state, d.contractDate, d.effectiveDate, d.endDate, d.contractAmountFen, d.amountBasis,
      d.registrationNo, d.registrationDate, d.source, d.recordedByOrgId, d.createdBy, d.note, d.territory, d.field, d.pledgeeConsent, d.externalRef ?? null]);
  return r!.id;
}

export async function insertParty(db: Queryable, dealId: number, p: { side: string; role: string; orgId: number | null; name: string; orgType: string | null; sizeClass: string | null; regionCode: string | null }): Promise<void> {
  await query(db, `insert into deal_parties (deal_id, side, role, org_id, name, org_type, size_class, region_code) values ($1,$2,$3,$4,$5,$6,$7,$8)`,
    [dealId, p.side, p.role, p.orgId, p.name, p.orgType, p.sizeClass, p.regionCode]);
}

export async function insertDealPatents(db: Queryable, dealId: number, patentIds: number[]): Promise<void> {
  if (!patentIds.length) return;
  await query(db, `insert into deal_patents (deal_id, patent_id) select $1, unnest($2::bigint[])`, [dealId, patentIds]);
}

export async function insertSchedule(db: Queryable, dealId: number, items: { dueDate: string; amountFen: number; note?: string | null }[]): Promise<void> {
  for (const i of items) {
    await query(db, `insert into deal_schedule (deal_id, due_date, amount_fen, note) values ($1,$2,$3,$4)`, [dealId, i.dueDate, i.amountFen, i.note ?? null]);
  }
}

export async function insertHistory(db: Queryable, dealId: number, from: string | null, to: string, onDate: string, reason: string | null, actorUserId: number | null): Promise<void> {
  await query(db, `insert into deal_state_history (deal_id, from_state, to_state, on_date, reason, actor_user_id) values ($1,$2,$3,$4,$5,$6)`,
    [dealId, from, to, onDate, reason, actorUserId || null]);
}

export async function insertPayment(db: Queryable, dealId: number, p: { receivedDate: string; amountFen: number; reference: string | null }, userId: number | null, key: string | null): Promise<PaymentRow> {
  return (await queryOne<PaymentRow>(db,
    `insert into deal_payments (deal_id, received_date, amount_fen, reference, idempotency_key, created_by) values ($1,$2,$3,$4,$5,$6) returning *`,
    [dealId, p.receivedDate, p.amountFen, p.reference, key, userId || null]))!;
}

export async function getDealRow(db: Queryable, id: number, forUpdate = false): Promise<DealRow | undefined> {
  if (forUpdate) await query(db, `select id from deals where id = $1 for update`, [id]);
  return queryOne<DealRow>(db, `select d.*, coalesce((select sum(amount_fen) from deal_payments p where p.deal_id = d.id), 0)::bigint as received_fen
                                  from deals d where d.id = $1`, [id]);
}

export const partiesOf = (db: Queryable, dealIds: number[]) =>
  query<PartyRow>(db, `select * from deal_parties where deal_id = any($1::bigint[]) order by deal_id, side desc, id`, [dealIds]);
export const patentsOf = (db: Queryable, dealIds: number[]) =>
  query<PatentLink>(db, `select dp.deal_id, p.id as patent_id, p.application_number, p.title, p.type, p.legal_status
                           from deal_patents dp join patents p on p.id = dp.patent_id where dp.deal_id = any($1::bigint[]) order by dp.deal_id, p.application_number`, [dealIds]);
export const scheduleOf = (db: Queryable, dealId: number) =>
  query<ScheduleRow>(db, `select * from deal_schedule where deal_id = $1 order by due_date, id`, [dealId]);
export const paymentsOf = (db: Queryable, dealId: number) =>
  query<PaymentRow>(db, `select * from deal_payments where deal_id = $1 order by received_date, id`, [dealId]);
export const historyOf = (db: Queryable, dealId: number) =>
  query<HistoryRow>(db, `select h.*, u.display_name as actor_name from deal_state_history h left join users u on u.id = h.actor_user_id
                          where h.deal_id = $1 order by h.id`, [dealId]);

/** Is the organisation a party to the deal or its recorder? */
export async function orgSeesDeal(db: Queryable, dealId: number, orgId: number): Promise<boolean> {
  const r = await queryOne(db, `select 1 from deals d where d.id = $1 and (d.recorded_by_org_id = $2 or exists (select 1 from deal_parties p where p.deal_id = d.id and p.org_id = $2))`, [dealId, orgId]);
  return !!r;
}

export type DealFilter = { kind?: string; state?: string; year?: number; patentId?: number; orgId?: number; q?: string; visibleToOrg?: number | null };
const SORTS: Record<string, string> = { contract_date: 'd.contract_date', amount: 'd.contract_amount_fen', id: 'd.id' };

export async function listDeals(db: Queryable, f: DealFilter, p: Paging & { sort: string }): Promise<{ rows: DealRow[]; total: number }> {
  const params: unknown[] = [];
  const where: string[] = [];
  const add = (v: unknown) => { params.push(v); return `$${params.length}`; };
  if (f.kind) where.push(`d.kind = ${add(f.kind)}`);
  if (f.state) where.push(`d.state = ${add(f.state)}`);
  if (f.year) where.push(`d.contract_date >= ${add(`${f.year}-01-01`)}::date and d.contract_date < ${add(`${f.year + 1}-01-01`)}::date`);
  if (f.patentId) where.push(`exists (select 1 from deal_patents dp where dp.deal_id = d.id and dp.patent_id = ${add(f.patentId)})`);
  if (f.orgId) where.push(`exists (select 1 from deal_parties x where x.deal_id = d.id and x.org_id = ${add(f.orgId)})`);
  if (f.q) {
    const like = add(`%${f.q}%`);
    where.push(`(d.title ilike ${like} or d.registration_no ilike ${like} or exists (select 1 from deal_parties x where x.deal_id = d.id and x.name ilike ${like})
               or exists (select 1 from deal_patents dp join patents pt on pt.id = dp.patent_id where dp.deal_id = d.id and pt.application_number like ${like}))`);
  }
  if (f.visibleToOrg !== undefined) {
    if (f.visibleToOrg === null) where.push('false');
    else { const o = add(f.visibleToOrg); where.push(`(d.recorded_by_org_id = ${o} or exists (select 1 from deal_parties x where x.deal_id = d.id and x.org_id = ${o}))`); }
  }
  const w = where.length ? `where ${where.join(' and ')}` : '';
  const total = (await queryOne<{ n: number }>(db, `select count(*)::int as n from deals d ${w}`, params))!.n;
  const desc = p.sort.startsWith('-');
  const col = SORTS[desc ? p.sort.slice(1) : p.sort] ?? 'd.contract_date';
  const rows = await query<DealRow>(db,
    `select d.*, coalesce((select sum(amount_fen) from deal_payments x where x.deal_id = d.id), 0)::bigint as received_fen
       from deals d ${w} order by ${col} ${desc ? 'desc' : 'asc'} nulls last, d.id desc limit ${p.pageSize} offset ${offsetOf(p)}`, params);
  return { rows, total };
}

/** Licence deals in force on a patent (signed … performing), for the cross-rules. */
export async function licencesInForce(db: Queryable, patentId: number, excludeDealId: number | null = null): Promise<LicenceInForce[]> {
  const rows = await query<{ id: number; licence_kind: LicenceKind; start: string; end_date: string | null; territory: string | null; field: string | null }>(db,
    `select d.id, d.licence_kind, coalesce(d.effective_date, d.contract_date) as start, d.end_date, d.territory, d.field
       from deals d join deal_patents dp on dp.deal_id = d.id
      where dp.patent_id = $1 and d.kind = 'licence' and d.state in ('signed','registered','performing')
        and coalesce(d.effective_date, d.contract_date) is not null and ($2::bigint is null or d.id <> $2)`, [patentId, excludeDealId]);
  return rows.map((r) => ({ dealId: r.id, licenceKind: r.licence_kind, start: r.start, end: r.end_date, territory: r.territory, field: r.field }));
}

/** A published open-licence declaration on the patent. */
export async function openLicenceActive(db: Queryable, patentId: number): Promise<boolean> {
  return !!(await queryOne(db, `select 1 from open_licence_declarations where patent_id = $1 and state = 'published'`, [patentId]));
}

/** A registered, unreleased pledge on the patent. */
export async function patentPledged(db: Queryable, patentId: number): Promise<boolean> {
  return !!(await queryOne(db,
    `select 1 from pledges p join pledge_patents pp on pp.pledge_id = p.id
      where pp.patent_id = $1 and p.state in ('registered','disbursed','repaid','defaulted','compensated') limit 1`, [patentId]));
}

export async function insertPatentUse(db: Queryable, u: { patentId: number; kind: string; sourceType: string; sourceId: number; orgId: number | null; fromDate: string; toDate: string | null; note: string | null; createdBy: number | null }): Promise<void> {
  await query(db, `insert into patent_uses (patent_id, kind, source_type, source_id, org_id, from_date, to_date, note, created_by) values ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
    [u.patentId, u.kind, u.sourceType, u.sourceId, u.orgId, u.fromDate, u.toDate, u.note, u.createdBy || null]);
}

export async function endPatentUses(db: Queryable, sourceType: string, sourceId: number, toDate: string): Promise<void> {
  await query(db, `update patent_uses set to_date = $3 where source_type = $1 and source_id = $2 and (to_date is null or to_date > $3)`, [sourceType, sourceId, toDate]);
}
