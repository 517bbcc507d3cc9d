/** SQL of the subsidy module. Parameterised only. */
import type { ApplicationState, ApplicationStatus, EvidenceRecord, Objection, PolicyTerms, PolicyVersion } from '@zhuanhua/domain/subsidy/index.ts';
import { formatYuan } from '@zhuanhua/domain';
import { query, queryOne, type Queryable } from '../../db/client.ts';
import { offsetOf, orderBy, type Paging } from '../../http/paging.ts';

// ---------------------------------------------------------------- policies
export type PolicyRow = {
  id: number; code: string; region_code: string; region_name: string; year: number; item_kind: string; preset_code: string | null;
  created_at: Date;
};
export type PolicyWithVersions = PolicyRow & { versions: PolicyVersion[] };
type VersionRow = { policy_id: number; version: number; effective_from: string; terms: PolicyTerms };

export async function insertPolicy(db: Queryable, p: { code: string; regionCode: string; regionName: string; year: number; itemKind: string; presetCode?: string | null; createdBy: number | null }): Promise<number> {
  const r = await queryOne<{ id: number }>(db,
    `insert into subsidy_policies (code, region_code, region_name, year, item_kind, preset_code, created_by) values ($1,$2,$3,$4,$5,$6,$7) returning id`,
    [p.code, p.regionCode, p.regionName, p.year, p.itemKind, p.presetCode ?? null, p.createdBy || null]);
  return r!.id;
}

export async function insertVersion(db: Queryable, policyId: number, v: PolicyVersion, createdBy: number | null): Promise<void> {
  await query(db, `insert into subsidy_policy_versions (policy_id, version, effective_from, terms, budget_fen, created_by) values ($1,$2,$3,$4,$5,$6)`,
    [policyId, v.version, v.effectiveFrom, JSON.stringify(v.terms), v.terms.budgetFen, createdBy || null]);
}

async function versionsOf(db: Queryable, ids: number[]): Promise<Map<number, PolicyVersion[]>> {
  const out = new Map<number, PolicyVersion[]>();
  if (!ids.length) return out;
  const rows = await query<VersionRow>(db, `select policy_id, version, effective_from, terms from subsidy_policy_versions where policy_id = any($1::bigint[]) order by policy_id, version`, [ids]);
  for (const r of rows) {
    const list = out.get(r.policy_id) ?? [];
    list.push({ version: r.version, effectiveFrom: r.effective_from, terms: r.terms });
    out.set(r.policy_id, list);
  }
  return out;
}

export async function getPolicy(db: Queryable, id: number, lock = false): Promise<PolicyWithVersions | undefined> {
  const p = await queryOne<PolicyRow>(db, `select * from subsidy_policies where id = $1${lock ? ' for update' : ''}`, [id]);
  if (!p) return undefined;
  return { ...p, versions: (await versionsOf(db, [id])).get(id) ?? [] };
}

export const policyIdByCode = async (db: Queryable, code: string): Promise<number | undefined> =>
  (await queryOne<{ id: number }>(db, `select id from subsidy_policies where code = $1`, [code]))?.id;

export type PolicyFilter = { year?: number; regionCode?: string; itemKind?: string; q?: string };
const POLICY_SORTS = { id: 'p.id', year: 'p.year', code: 'p.code' };

export async function listPolicies(db: Queryable, f: PolicyFilter, pg: Paging): Promise<{ rows: PolicyWithVersions[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.year) { params.push(f.year); where.push(`p.year = $${params.length}`); }
  if (f.regionCode) { params.push(`${f.regionCode.replace(/(00)+$/, '')}%`); where.push(`p.region_code like $${params.length}`); }
  if (f.itemKind) { params.push(f.itemKind); where.push(`p.item_kind = $${params.length}`); }
  if (f.q) {
    params.push(`%${f.q}%`);
    where.push(`(p.code ilike $${params.length} or p.region_name ilike $${params.length} or exists (select 1 from subsidy_policy_versions v where v.policy_id = p.id and v.terms->>'name' ilike $${params.length}))`);
  }
  const w = where.length ? `where ${where.join(' and ')}` : '';
  const total = (await queryOne<{ n: number }>(db, `select count(*)::int as n from subsidy_policies p ${w}`, params))!.n;
  const rows = await query<PolicyRow>(db, `select p.* from subsidy_policies p ${w} order by ${orderBy(pg.sort, POLICY_SORTS, 'p.id desc')} limit ${pg.pageSize} offset ${offsetOf(pg)}`, params);
  const vs = await versionsOf(db, rows.map((r) => r.id));
  return { rows: rows.map((r) => ({ ...r, versions: vs.get(r.id) ?? [] })), total };
}

// ---------------------------------------------------------------- office register (titles, awards, county evaluations)
export type RegisterRow = {
  id: number; kind: 'honour' | 'award' | 'county_evaluation'; subtype: string | null; org_id: number | null; org_name?: string | null;
  patent_id: number | null; record_date: string | null; region_code: string | null; region_name?: string | null; year: number | null;
  score: string | null; document_no: string | null; is_demo: boolean;
};

export async function insertRegisterRecord(db: Queryable, r: {
  kind: string; subtype?: string | null; orgId?: number | null; patentId?: number | null; recordDate?: string | null; regionCode?: string | null;
  year?: number | null; score?: number | null; documentNo?: string | null; isDemo?: boolean; createdBy: number | null;
}): Promise<RegisterRow> {
  return (await queryOne<RegisterRow>(db,
    `insert into subsidy_records (kind, subtype, org_id, patent_id, record_date, region_code, year, score, document_no, is_demo, created_by)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) returning *`,
    [r.kind, r.subtype ?? null, r.orgId ?? null, r.patentId ?? null, r.recordDate ?? null, r.regionCode ?? null, r.year ?? null, r.score ?? null,
      r.documentNo ?? null, r.isDemo ?? false, r.createdBy || null]))!;
}

export async function listRegisterRecords(db: Queryable, f: { orgId?: number | null; kind?: string; regionPrefix?: string }, limit = 200): Promise<RegisterRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.orgId != null) { params.push(f.orgId); where.push(`(r.org_id = $${params.length} or (r.kind = 'county_evaluation' and r.region_code = (select region_code from organisations where id = $${params.length})))`); }
  if (f.kind) { params.push(f.kind); where.push(`r.kind = $${params.length}`); }
  if (f.regionPrefix) { params.push(`${f.regionPrefix}%`); where.push(`coalesce(r.region_code, o.region_code, '') like $${params.length}`); }
  const w = where.length ? `where ${where.join(' and ')}` : '';
  return query<RegisterRow>(db,
    `select r.*, o.name as org_name, g.name as region_name from subsidy_records r
       left join organisations o on o.id = r.org_id left join ref_region g on g.code = r.region_code
       ${w} order by r.id desc limit ${limit}`, params);
}

// ---------------------------------------------------------------- evidence records from the ledgers
export type EvidenceOption = { id: number; label: string; record: EvidenceRecord };

/** Pledge loans of an organisation (or one loan), with their repayments and costs. */
export async function pledgeEvidence(db: Queryable, f: { id?: number; orgId?: number }): Promise<EvidenceOption[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.id != null) { params.push(f.id); where.push(`p.id = $${params.length}`); }
  if (f.orgId != null) { params.push(f.orgId); where.push(`p.pledgor_org_id = $${params.length}`); }
  const rows = await query<{
    id: number; pledgor_org_id: number; state: string; loan: number | null; valuation_fee_fen: number | null; premium_fen: number | null;
    default_date: string | null; principal: number; interest: number; last_date: string | null; registration_no: string | null; pledgee: string | null;
  }>(db,
    `select p.id, p.pledgor_org_id, p.state, coalesce(p.loan_amount_fen, p.approved_amount_fen, p.secured_amount_fen) as loan,
            p.valuation_fee_fen, p.premium_fen, p.default_date, p.registration_no, b.name as pledgee,
            coalesce((select sum(principal_fen) from pledge_repayments r where r.pledge_id = p.id), 0)::bigint as principal,
            coalesce((select sum(interest_fen) from pledge_repayments r where r.pledge_id = p.id), 0)::bigint as interest,
            (select max(repaid_date) from pledge_repayments r where r.pledge_id = p.id) as last_date
       from pledges p left join organisations b on b.id = p.pledgee_org_id
      ${where.length ? `where ${where.join(' and ')}` : ''} order by p.id desc limit 200`, params);
  return rows.map((r) => {
    const loan = Number(r.loan ?? 0);
    const fullyRepaid = ['repaid', 'released'].includes(r.state) && r.default_date == null && loan > 0 && Number(r.principal) >= loan;
    return {
      id: r.id,
      label: `质押贷款 #${r.id}${r.registration_no ? `（登记号 ${r.registration_no}）` : ''}${r.pledgee ? ` ${r.pledgee}` : ''}，贷款 ${formatYuan(loan)} 元${fullyRepaid ? '，已结清' : '，未结清'}`,
      record: {
        kind: 'pledge_loan', id: r.id, pledgorOrgId: r.pledgor_org_id, loanAmountFen: loan, fullyRepaid,
        repaidOn: fullyRepaid ? r.last_date : null, interestPaidFen: Number(r.interest), premiumFen: Number(r.premium_fen ?? 0),
        valuationFeeFen: Number(r.valuation_fee_fen ?? 0),
      },
    };
  });
}

/** Patents held by an organisation (or one patent). Official fees and prior subsidies come from the applicant's declaration. */
export async function patentEvidence(db: Queryable, f: { id?: number; orgId?: number }): Promise<EvidenceOption[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.id != null) { params.push(f.id); where.push(`p.id = $${params.length}`); }
  if (f.orgId != null) { params.push(f.orgId); where.push(`exists (select 1 from patent_holders h where h.patent_id = p.id and h.org_id = $${params.length})`); }
  const rows = await query<{ id: number; application_number: string; title: string; type: string; legal_status: string; grant_date: string | null; owners: number[] }>(db,
    `select p.id, p.application_number, p.title, p.type, p.legal_status, p.grant_date,
            coalesce((select array_agg(h.org_id) from patent_holders h where h.patent_id = p.id and h.org_id is not null), '{}') as owners
       from patents p ${where.length ? `where ${where.join(' and ')}` : ''} order by p.grant_date desc nulls last, p.id desc limit 200`, params);
  return rows.map((r) => ({
    id: r.id,
    label: `${r.application_number} ${r.title}${r.grant_date ? `（授权 ${r.grant_date}）` : '（未授权）'}`,
    record: {
      kind: 'patent', id: r.id, number: r.application_number, title: r.title, ownerOrgIds: (r.owners ?? []).map(Number),
      patentType: r.type as 'invention', legalStatus: r.legal_status as 'in_force', grantDate: r.grant_date, officialFeesPaidFen: null,
    },
  }));
}

/** Deals where the organisation receives the right (or one deal), with the money actually paid. */
export async function dealEvidence(db: Queryable, f: { id?: number; orgId?: number }): Promise<EvidenceOption[]> {
  const where: string[] = [`d.state not in ('draft','terminated')`];
  const params: unknown[] = [];
  if (f.id != null) { params.push(f.id); where.push(`d.id = $${params.length}`); }
  if (f.orgId != null) { params.push(f.orgId); where.push(`exists (select 1 from deal_parties q where q.deal_id = d.id and q.side = 'in' and q.org_id = $${params.length})`); }
  const rows = await query<{ id: number; kind: string; title: string; contract_date: string | null; contract_amount_fen: number; paid: number; buyers: number[] }>(db,
    `select d.id, d.kind, d.title, d.contract_date, d.contract_amount_fen,
            coalesce((select sum(amount_fen) from deal_payments m where m.deal_id = d.id), 0)::bigint as paid,
            coalesce((select array_agg(q.org_id) from deal_parties q where q.deal_id = d.id and q.side = 'in' and q.org_id is not null), '{}') as buyers
       from deals d where ${where.join(' and ')} order by d.id desc limit 200`, params);
  return rows.map((r) => ({
    id: r.id,
    label: `${r.title}（合同 ${r.contract_date ?? '未签'}，已付 ${formatYuan(Number(r.paid))} 元）`,
    record: {
      kind: 'deal', id: r.id, buyerOrgIds: (r.buyers ?? []).map(Number), dealKind: r.kind as 'licence', contractDate: r.contract_date,
      contractAmountFen: Number(r.contract_amount_fen), paidFen: Number(r.paid),
    },
  }));
}

export function registerToEvidence(r: RegisterRow): EvidenceRecord {
  if (r.kind === 'county_evaluation') return { kind: 'county_evaluation', id: r.id, regionCode: r.region_code!, year: r.year!, score: Number(r.score) };
  if (r.kind === 'honour') return { kind: 'honour', id: r.id, orgId: r.org_id!, honour: r.subtype as 'national_ip_advantage', date: r.record_date! };
  return { kind: 'award', id: r.id, orgId: r.org_id!, award: r.subtype as 'china_patent_award', date: r.record_date!, patentId: r.patent_id };
}

export async function registerEvidence(db: Queryable, kind: 'honour' | 'award' | 'county_evaluation', f: { id?: number; orgId?: number }): Promise<EvidenceOption[]> {
  const params: unknown[] = [kind];
  const where = ['r.kind = $1'];
  if (f.id != null) { params.push(f.id); where.push(`r.id = $${params.length}`); }
  if (f.orgId != null) {
    params.push(f.orgId);
    where.push(kind === 'county_evaluation' ? `r.region_code = (select region_code from organisations where id = $${params.length})` : `r.org_id = $${params.length}`);
  }
  const rows = await query<RegisterRow>(db, `select r.*, g.name as region_name from subsidy_records r left join ref_region g on g.code = r.region_code where ${where.join(' and ')} order by r.id desc limit 200`, params);
  return rows.map((r) => ({
    id: r.id,
    label: r.kind === 'county_evaluation' ? `${r.region_name ?? r.region_code} ${r.year} 年度绩效评价 ${Number(r.score)} 分` : `${r.subtype} ${r.record_date}${r.document_no ? `（${r.document_no}）` : ''}`,
    record: registerToEvidence(r),
  }));
}

// ---------------------------------------------------------------- applications
export type ApplicationRow = {
  id: number; policy_id: number; policy_version: number; policy_year: number; applicant_org_id: number; applicant_org_type: string;
  applicant_size_class: string | null; applicant_region_code: string | null; item_kind: string; record_id: number; item_key: string; item_label: string;
  status: ApplicationStatus; claimed_amount_fen: number; amount_fen: number; requested_fen: number | null; declared: Record<string, number | null>;
  assessment: unknown; note: string | null; submitted_on: string; last_action_on: string; accepted_by: number | null; first_reviewer_id: number | null;
  second_reviewer_id: number | null; notice_start: string | null; notice_end: string | null; approved_by: number | null; approved_on: string | null;
  paid_by: number | null; paid_on: string | null; payment_ref: string | null; reject_reason: string | null; rejected_from: ApplicationStatus | null;
  idempotency_key: string | null; created_by: number | null; created_at: Date; updated_at: Date;
  applicant_name?: string; policy_code?: string; policy_region_name?: string; policy_name?: string | null;
};

const APP_SELECT = `select a.*, o.name as applicant_name, p.code as policy_code, p.region_name as policy_region_name, v.terms->>'name' as policy_name
  from subsidy_applications a join organisations o on o.id = a.applicant_org_id join subsidy_policies p on p.id = a.policy_id
  left join subsidy_policy_versions v on v.policy_id = a.policy_id and v.version = a.policy_version`;

export const getApplication = (db: Queryable, id: number, lock = false): Promise<ApplicationRow | undefined> =>
  lock
    ? queryOne<ApplicationRow>(db, `select a.* from subsidy_applications a where a.id = $1 for update`, [id])
    : queryOne<ApplicationRow>(db, `${APP_SELECT} where a.id = $1`, [id]);

export const applicationByIdempotencyKey = (db: Queryable, key: string): Promise<ApplicationRow | undefined> =>
  queryOne<ApplicationRow>(db, `select * from subsidy_applications where idempotency_key = $1`, [key]);

export async function insertApplication(db: Queryable, a: {
  policyId: number; policyVersion: number; policyYear: number; applicantOrgId: number; orgType: string; sizeClass: string | null; regionCode: string | null;
  itemKind: string; recordId: number; itemKey: string; itemLabel: string; claimedFen: number; requestedFen: number | null; declared: unknown;
  assessment: unknown; note: string | null; submittedOn: string; idempotencyKey: string | null; createdBy: number | null;
}): Promise<number> {
  const r = await queryOne<{ id: number }>(db,
    `insert into subsidy_applications (policy_id, policy_version, policy_year, applicant_org_id, applicant_org_type, applicant_size_class, applicant_region_code,
        item_kind, record_id, item_key, item_label, claimed_amount_fen, amount_fen, requested_fen, declared, assessment, note, submitted_on, last_action_on,
        idempotency_key, created_by)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$12,$13,$14,$15,$16,$17,$17,$18,$19) returning id`,
    [a.policyId, a.policyVersion, a.policyYear, a.applicantOrgId, a.orgType, a.sizeClass, a.regionCode, a.itemKind, a.recordId, a.itemKey, a.itemLabel,
      a.claimedFen, a.requestedFen, JSON.stringify(a.declared ?? {}), JSON.stringify(a.assessment), a.note, a.submittedOn, a.idempotencyKey, a.createdBy || null]);
  return r!.id;
}

/** Write the workflow fields of a state back to the row. */
export async function saveState(db: Queryable, id: number, s: ApplicationState): Promise<void> {
  await query(db,
    `update subsidy_applications set status = $2, amount_fen = $3, last_action_on = $4, accepted_by = $5, first_reviewer_id = $6, second_reviewer_id = $7,
        notice_start = $8, notice_end = $9, approved_by = $10, approved_on = $11, paid_by = $12, paid_on = $13, payment_ref = $14, reject_reason = $15,
        rejected_from = $16, updated_at = now() where id = $1`,
    [id, s.status, s.amountFen, s.lastActionOn, s.acceptedBy || null, s.firstReviewerId || null, s.secondReviewerId || null, s.noticeStart, s.noticeEnd,
      s.approvedBy || null, s.approvedOn, s.paidBy || null, s.paidOn, s.paymentRef, s.rejectReason, s.rejectedFrom]);
}

export type ObjectionRow = {
  id: number; application_id: number; raised_on: string; text: string; contact: string | null; raised_by: number | null; status: 'open' | 'upheld' | 'dismissed';
  resolution: string | null; resolved_by: number | null; resolved_on: string | null;
};

export const objectionsOf = (db: Queryable, appId: number): Promise<ObjectionRow[]> =>
  query<ObjectionRow>(db, `select * from subsidy_objections where application_id = $1 order by id`, [appId]);

export const getObjection = (db: Queryable, id: number): Promise<ObjectionRow | undefined> =>
  queryOne<ObjectionRow>(db, `select * from subsidy_objections where id = $1`, [id]);

export async function insertObjection(db: Queryable, o: { appId: number; raisedOn: string; text: string; contact: string | null; raisedBy: number | null }): Promise<number> {
  return (await queryOne<{ id: number }>(db, `insert into subsidy_objections (application_id, raised_on, text, contact, raised_by) values ($1,$2,$3,$4,$5) returning id`,
    [o.appId, o.raisedOn, o.text, o.contact, o.raisedBy || null]))!.id;
}

export async function saveObjection(db: Queryable, o: Objection, resolvedBy: number | null, on: string): Promise<void> {
  await query(db, `update subsidy_objections set status = $2, resolution = $3, resolved_by = $4, resolved_on = $5 where id = $1`,
    [o.id, o.status, o.resolution ?? null, resolvedBy || null, on]);
}

export function toState(r: ApplicationRow, objections: ObjectionRow[]): ApplicationState {
  return {
    status: r.status, applicantOrgId: r.applicant_org_id, claimedAmountFen: Number(r.claimed_amount_fen), amountFen: Number(r.amount_fen),
    submittedOn: r.submitted_on, lastActionOn: r.last_action_on, acceptedBy: r.accepted_by, firstReviewerId: r.first_reviewer_id,
    secondReviewerId: r.second_reviewer_id, noticeStart: r.notice_start, noticeEnd: r.notice_end,
    objections: objections.map((o) => ({ id: o.id, raisedOn: o.raised_on, text: o.text, status: o.status, resolution: o.resolution })),
    approvedBy: r.approved_by, approvedOn: r.approved_on, paidBy: r.paid_by, paidOn: r.paid_on, paymentRef: r.payment_ref,
    rejectReason: r.reject_reason, rejectedFrom: r.rejected_from,
  };
}

export async function insertStep(db: Queryable, s: { appId: number; action: string; on: string; from: string | null; to: string; amountFen: number | null; note: string | null; actorId: number | null }): Promise<void> {
  await query(db, `insert into subsidy_steps (application_id, action, on_date, from_status, to_status, amount_fen, note, actor_user_id) values ($1,$2,$3,$4,$5,$6,$7,$8)`,
    [s.appId, s.action, s.on, s.from, s.to, s.amountFen, s.note, s.actorId || null]);
}

export const stepsOf = (db: Queryable, appId: number) =>
  query<{ id: number; action: string; on_date: string; from_status: string | null; to_status: string; amount_fen: number | null; note: string | null; actor_user_id: number | null; actor_name: string | null; created_at: Date }>(db,
    `select s.*, u.display_name as actor_name from subsidy_steps s left join users u on u.id = s.actor_user_id where s.application_id = $1 order by s.id`, [appId]);

/** Is the item already claimed under the policy by a live application (other than `exceptId`)? */
export async function itemClaimed(db: Queryable, policyId: number, itemKey: string): Promise<boolean> {
  return !!(await queryOne(db, `select 1 from subsidy_applications where policy_id = $1 and item_key = $2 and status not in ('rejected','withdrawn')`, [policyId, itemKey]));
}

/** Sum of amounts of an organisation's applications under a policy in the given statuses (one application excluded). */
export async function orgPolicySum(db: Queryable, policyId: number, orgId: number, statuses: readonly string[], exceptId = 0): Promise<number> {
  const r = await queryOne<{ s: number }>(db,
    `select coalesce(sum(amount_fen), 0)::bigint as s from subsidy_applications where policy_id = $1 and applicant_org_id = $2 and status = any($3::text[]) and id <> $4`,
    [policyId, orgId, statuses, exceptId]);
  return Number(r!.s);
}

/** Approved and paid subsidies for the same item under other policies (e.g. the same patent). */
export async function itemGrantedElsewhere(db: Queryable, policyId: number, itemKey: string): Promise<number> {
  const r = await queryOne<{ s: number }>(db,
    `select coalesce(sum(amount_fen), 0)::bigint as s from subsidy_applications where policy_id <> $1 and item_key = $2 and status in ('approved','paid')`, [policyId, itemKey]);
  return Number(r!.s);
}

export async function budgetSums(db: Queryable, policyId: number): Promise<{ committed: number; paid: number }> {
  const r = await queryOne<{ committed: number; paid: number }>(db,
    `select coalesce(sum(amount_fen) filter (where status = 'approved'), 0)::bigint as committed,
            coalesce(sum(amount_fen) filter (where status = 'paid'), 0)::bigint as paid
       from subsidy_applications where policy_id = $1`, [policyId]);
  return { committed: Number(r!.committed), paid: Number(r!.paid) };
}

export type AppScope = { sql: string; params: unknown[] };
export type AppFilter = { policyId?: number; status?: string; year?: number; statuses?: string[]; patentId?: number };
const APP_SORTS = { id: 'a.id', submittedOn: 'a.submitted_on', amount: 'a.amount_fen' };

export async function listApplications(db: Queryable, scope: AppScope, f: AppFilter, pg: Paging): Promise<{ rows: ApplicationRow[]; total: number }> {
  const params = [...scope.params];
  const where: string[] = scope.sql ? [scope.sql] : [];
  if (f.policyId) { params.push(f.policyId); where.push(`a.policy_id = $${params.length}`); }
  if (f.status) { params.push(f.status); where.push(`a.status = $${params.length}`); }
  if (f.statuses) { params.push(f.statuses); where.push(`a.status = any($${params.length}::text[])`); }
  if (f.year) { params.push(f.year); where.push(`a.policy_year = $${params.length}`); }
  if (f.patentId) { params.push(`patent:${f.patentId}`); where.push(`a.item_key = $${params.length}`); }
  const w = where.length ? `where ${where.join(' and ')}` : '';
  const total = (await queryOne<{ n: number }>(db, `select count(*)::int as n from subsidy_applications a ${w}`, params))!.n;
  const rows = await query<ApplicationRow>(db, `${APP_SELECT} ${w} order by ${orderBy(pg.sort, APP_SORTS, 'a.id desc')} limit ${pg.pageSize} offset ${offsetOf(pg)}`, params);
  return { rows, total };
}

// ---------------------------------------------------------------- demo clock
export async function demoOffsetDays(db: Queryable): Promise<number> {
  return (await queryOne<{ offset_days: number }>(db, `select offset_days from subsidy_demo_clock where id = 1`))?.offset_days ?? 0;
}
export async function setDemoOffsetDays(db: Queryable, days: number): Promise<void> {
  await query(db, `insert into subsidy_demo_clock (id, offset_days) values (1, $1) on conflict (id) do update set offset_days = excluded.offset_days`, [days]);
}
