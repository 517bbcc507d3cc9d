import {
  assertRiskShare, assertTransition, checkRepayment, computeRiskCompensation, loanProblems, outstandingPrincipal,
  pledgeRefusals, summariseBatch, type BatchInput, type DecisionInput, type LoanInput, type PledgeApplyInput, type PledgePatentFacts,
  type PledgeState, type RegistrationInput, type RepaymentInput, type RiskShare, type ValuationInput,
} from '@zhuanhua/domain/pledge/index.ts';
import { AppError, type LegalStatus, type PatentType } from '@zhuanhua/domain';
import { inTx, query, queryOne, type Queryable } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import type { Paging } from '../../http/paging.ts';
import { audit } from '../../lib/audit.ts';
import { regionCondition, todayCn } from './pledge.common.ts';
import {
  getBatch, getPledge, listBatches, listPledges, lockPledge, patentFacts, pledgePatents, repayments, updatePledge,
  type PledgeFilter, type PledgePatentRow, type PledgeRow, type PledgeScope,
} from './pledge.repo.ts';
import { presentBatch, presentPledgeDetail, presentPledgeSummary } from './pledge.presenter.ts';

/** Which pledges an actor sees: the enterprise its own, a bank its own loans, a valuer what it valued, the office its region. */
export function pledgeScope(actor: Actor): PledgeScope {
  const params: unknown[] = [];
  switch (actor.role) {
    case 'platform_admin':
    case 'auditor': {
      const sql = regionCondition(actor, 'p.pledgor_region_code', params);
      return { sql, params };
    }
    case 'bank_officer': return { sql: 'p.pledgee_org_id = $1', params: [actor.orgId ?? -1] };
    case 'service_agent': return { sql: 'p.valuer_org_id = $1', params: [actor.orgId ?? -1] };
    default: return { sql: 'p.pledgor_org_id = $1', params: [actor.orgId ?? -1] };
  }
}

function visible(actor: Actor, p: PledgeRow): boolean {
  switch (actor.role) {
    case 'platform_admin': case 'auditor': return true;
    case 'bank_officer': return p.pledgee_org_id === actor.orgId;
    case 'service_agent': return actor.orgId !== null && p.valuer_org_id === actor.orgId;
    default: return p.pledgor_org_id === actor.orgId;
  }
}

export async function listPledgesView(db: Queryable, actor: Actor, f: PledgeFilter, pg: Paging) {
  const { rows, total } = await listPledges(db, pledgeScope(actor), f, pg);
  return { items: rows.map(presentPledgeSummary), total };
}

export async function getPledgeView(db: Queryable, actor: Actor, id: number) {
  const p = await getPledge(db, id);
  if (!p || !visible(actor, p)) throw new AppError('NOT_FOUND', '质押项目不存在');
  const [patents, reps] = await Promise.all([pledgePatents(db, id), repayments(db, id)]);
  return presentPledgeDetail(p, patents, reps, actor);
}

type Who = 'owner' | 'bank' | 'valuer';
/** Lock a pledge for a change by the right party; anyone else gets 404 (or 403 if they can see it). */
async function loadFor(tx: Queryable, actor: Actor, id: number, who: Who): Promise<PledgeRow> {
  const p = await lockPledge(tx, id);
  if (!p || !visible(actor, p)) throw new AppError('NOT_FOUND', '质押项目不存在');
  if (actor.role === 'platform_admin') return p;
  const ok = who === 'owner' ? p.pledgor_org_id === actor.orgId
    : who === 'bank' ? actor.role === 'bank_officer' && p.pledgee_org_id === actor.orgId
      : (actor.role === 'bank_officer' && p.pledgee_org_id === actor.orgId) || (actor.role === 'service_agent' && p.valuer_org_id === actor.orgId);
  if (!ok) throw new AppError('FORBIDDEN', '无权对该质押项目执行此操作');
  return p;
}

const toFacts = (r: PledgePatentRow, consent: readonly number[]): PledgePatentFacts => ({
  patentId: r.patent_id, applicationNumber: r.application_number, type: r.type as PatentType, filingDate: r.filing_date,
  grantDate: r.grant_date, legalStatus: r.legal_status as LegalStatus, feePaidThrough: r.fee_paid_through,
  termExtensionDays: r.term_extension_days, holderOrgIds: r.holder_org_ids.map(Number), coOwnerConsentOrgIds: consent,
  activePledgeId: r.active_pledge_id,
});

async function change(tx: Queryable, actor: Actor, p: PledgeRow, to: PledgeState, set: Record<string, unknown>, action: string): Promise<void> {
  assertTransition(p.state as PledgeState, to);
  await updatePledge(tx, p.id, { state: to, ...set });
  await audit(tx, actor, { action, entity: 'pledge', entityId: p.id, before: { state: p.state }, after: { state: to, ...set } });
}

export async function applyPledge(db: Queryable, actor: Actor, input: PledgeApplyInput): Promise<number> {
  const pledgorOrgId = actor.role === 'platform_admin' ? input.pledgorOrgId : actor.orgId;
  if (!pledgorOrgId) throw new AppError('VALIDATION', '请选择出质企业');
  return inTx(db, async (tx) => {
    const org = await queryOne<{ id: number; type: string; size_class: string | null; region_code: string | null }>(tx,
      `select id, type, size_class, region_code from organisations where id = $1`, [pledgorOrgId]);
    if (!org) throw new AppError('VALIDATION', '出质企业不存在');
    const bank = await queryOne<{ type: string }>(tx, `select type from organisations where id = $1`, [input.pledgeeOrgId]);
    if (!bank || bank.type !== 'bank') throw new AppError('VALIDATION', '质权人须为银行');
    if (input.valuerOrgId) {
      const v = await queryOne<{ type: string }>(tx, `select type from organisations where id = $1`, [input.valuerOrgId]);
      if (!v || v.type !== 'service_agency') throw new AppError('VALIDATION', '评估机构须为服务机构');
    }
    if (input.batchId) {
      const b = await getBatch(tx, input.batchId);
      if (!b || b.bank_org_id !== input.pledgeeOrgId) throw new AppError('VALIDATION', '集合授信批次不存在或不属于所选银行');
    }
    const ids = [...new Set(input.patentIds)];
    const facts = await patentFacts(tx, `select unnest($1::bigint[])`, [ids], null);
    if (facts.length !== ids.length) throw new AppError('VALIDATION', '部分专利不存在');
    const early = pledgeRefusals({ pledgorOrgId, debtTermEnd: input.applicationDate, asOf: input.applicationDate, patents: facts.map((f) => toFacts(f, [])) })
      .filter((r) => r.code === 'NOT_OWNER' || r.code === 'NOT_GRANTED' || r.code === 'LAPSED' || r.code === 'ALREADY_PLEDGED');
    if (early.length) throw new AppError('RULE_VIOLATION', early.map((r) => r.message).join('；'), { refusals: early });
    const row = (await queryOne<{ id: number }>(tx,
      `insert into pledges (state, pledgor_org_id, pledgee_org_id, pledgor_org_type, pledgor_size_class, pledgor_region_code,
         application_date, requested_amount_fen, purpose, batch_id, created_by, valuer_org_id)
       values ('applied', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
      [pledgorOrgId, input.pledgeeOrgId, org.type, org.size_class, org.region_code, input.applicationDate, input.requestedAmountFen,
        input.purpose ?? null, input.batchId ?? null, actor.userId || null, input.valuerOrgId ?? null]))!;
    await query(tx, `insert into pledge_patents (pledge_id, patent_id) select $1, unnest($2::bigint[])`, [row.id, ids]);
    await audit(tx, actor, { action: 'pledge.apply', entity: 'pledge', entityId: row.id, after: { ...input, pledgorOrgId } });
    return row.id;
  });
}

export const withdrawPledge = (db: Queryable, actor: Actor, id: number) => inTx(db, async (tx) => {
  const p = await loadFor(tx, actor, id, 'owner');
  await change(tx, actor, p, 'withdrawn', {}, 'pledge.withdraw');
});

export const valuePledge = (db: Queryable, actor: Actor, id: number, v: ValuationInput) => inTx(db, async (tx) => {
  const p = await loadFor(tx, actor, id, 'valuer');
  await change(tx, actor, p, 'valued', {
    valuation_method: v.method, valuation_fen: v.valueFen, appraiser: v.appraiser, valuation_fee_fen: v.feeFen,
    valuation_report_no: v.reportNo ?? null, valuation_date: v.valuationDate,
    valuer_org_id: actor.role === 'service_agent' ? actor.orgId : p.valuer_org_id,
  }, 'pledge.value');
});

export const decidePledge = (db: Queryable, actor: Actor, id: number, d: DecisionInput) => inTx(db, async (tx) => {
  const p = await loadFor(tx, actor, id, 'bank');
  if (d.approve && p.application_date && d.decisionDate < p.application_date) throw new AppError('RULE_VIOLATION', '审批日期早于申请日期');
  await change(tx, actor, p, d.approve ? 'approved' : 'rejected', {
    approved_amount_fen: d.approve ? d.approvedAmountFen : null, decision_date: d.decisionDate, decision_reason: d.reason ?? null,
  }, 'pledge.decide');
});

/** Record the CNIPA registration after the refusal checks of §8; the pledge exists from this date. */
export const registerPledge = (db: Queryable, actor: Actor, id: number, r: RegistrationInput) => inTx(db, async (tx) => {
  const p = await loadFor(tx, actor, id, 'bank');
  const consent = r.coOwnerConsentOrgIds ?? [];
  const facts = (await pledgePatents(tx, id)).map((f) => toFacts(f, consent));
  const refusals = pledgeRefusals({ pledgorOrgId: p.pledgor_org_id, debtTermEnd: r.debtTermEnd, asOf: r.registrationDate, patents: facts });
  if (refusals.length) throw new AppError('RULE_VIOLATION', refusals.map((x) => x.message).join('；'), { refusals });
  const dup = await queryOne(tx, `select id from pledges where registration_no = $1 and id <> $2`, [r.registrationNo, id]);
  if (dup) throw new AppError('DUPLICATE', `质押登记号 ${r.registrationNo} 已存在`);
  await change(tx, actor, p, 'registered', {
    registration_no: r.registrationNo, registration_date: r.registrationDate, secured_amount_fen: r.securedAmountFen,
    debt_term_start: r.debtTermStart, debt_term_end: r.debtTermEnd, debt_type: r.debtType ?? null,
    scope_of_security: r.scopeOfSecurity ?? null, co_owner_consent_org_ids: consent,
  }, 'pledge.register');
  await writeUses(tx, actor, id, p.pledgor_org_id, r.registrationDate);
});

export async function writeUses(tx: Queryable, actor: Actor, pledgeId: number, orgId: number, from: string, to: string | null = null): Promise<void> {
  await query(tx, `insert into patent_uses (patent_id, kind, source_type, source_id, org_id, from_date, to_date, note, created_by)
    select patent_id, 'pledge', 'pledge', $1, $2, $3, $4, '专利权质押', $5 from pledge_patents where pledge_id = $1`,
  [pledgeId, orgId, from, to, actor.userId || null]);
}

export const disburseLoan = (db: Queryable, actor: Actor, id: number, l: LoanInput) => inTx(db, async (tx) => {
  const p = await loadFor(tx, actor, id, 'bank');
  assertRiskShare(l.riskShare as RiskShare);
  let remaining: number | null = null;
  if (p.batch_id) {
    const b = (await getBatch(tx, p.batch_id))!;
    const used = await queryOne<{ s: number }>(tx, `select coalesce(sum(loan_amount_fen), 0)::bigint as s from pledges where batch_id = $1 and id <> $2 and state not in ('rejected','withdrawn')`, [p.batch_id, id]);
    remaining = b.credit_line_fen - (used?.s ?? 0);
  }
  const problems = loanProblems({ loanFen: l.loanAmountFen, rateBp: l.rateBp, start: l.loanStart, end: l.loanEnd, securedAmountFen: p.secured_amount_fen, debtTermEnd: p.debt_term_end, creditLineRemainingFen: remaining });
  if (p.registration_date && l.loanStart < p.registration_date) problems.push('放款日期不能早于质押登记日期');
  if (problems.length) throw new AppError('RULE_VIOLATION', problems.join('；'), { problems });
  if (l.enhancement !== 'none' && !l.enhancerName) throw new AppError('VALIDATION', '请填写保险或担保机构名称');
  await change(tx, actor, p, 'disbursed', {
    loan_amount_fen: l.loanAmountFen, loan_rate_bp: l.rateBp, loan_start: l.loanStart, loan_end: l.loanEnd,
    enhancement: l.enhancement, enhancer_name: l.enhancerName ?? null, premium_fen: l.premiumFen, risk_share: l.riskShare,
  }, 'pledge.disburse');
});

/** Add a repayment; when the principal is fully repaid the loan becomes 已结清. Idempotent by key. */
export const addRepayment = (db: Queryable, actor: Actor, id: number, r: RepaymentInput) => inTx(db, async (tx) => {
  const p = await loadFor(tx, actor, id, 'bank');
  if (r.idempotencyKey) {
    const seen = await queryOne(tx, `select id from pledge_repayments where idempotency_key = $1 and pledge_id = $2`, [r.idempotencyKey, id]);
    if (seen) return { duplicate: true };
  }
  if (p.state !== 'disbursed') throw new AppError('ILLEGAL_TRANSITION', '只有已放款的贷款可以登记还款');
  const prev = (await repayments(tx, id)).map((x) => ({ date: x.repaid_date, principalFen: x.principal_fen, interestFen: x.interest_fen }));
  const next = { date: r.date, principalFen: r.principalFen, interestFen: r.interestFen };
  checkRepayment(p.loan_amount_fen ?? 0, p.loan_start ?? r.date, prev, next);
  await query(tx, `insert into pledge_repayments (pledge_id, repaid_date, principal_fen, interest_fen, idempotency_key, created_by) values ($1,$2,$3,$4,$5,$6)`,
    [id, r.date, r.principalFen, r.interestFen, r.idempotencyKey ?? null, actor.userId || null]);
  await audit(tx, actor, { action: 'pledge.repay', entity: 'pledge', entityId: id, after: next });
  const left = outstandingPrincipal(p.loan_amount_fen ?? 0, [...prev, next]);
  if (left === 0) await change(tx, actor, p, 'repaid', {}, 'pledge.repaid');
  return { duplicate: false, outstandingFen: left };
});

export const releasePledge = (db: Queryable, actor: Actor, id: number, releasedDate: string) => inTx(db, async (tx) => {
  const p = await loadFor(tx, actor, id, 'bank');
  if (p.registration_date && releasedDate < p.registration_date) throw new AppError('RULE_VIOLATION', '解除日期早于登记日期');
  await change(tx, actor, p, 'released', { released_date: releasedDate }, 'pledge.release');
  await query(tx, `update patent_uses set to_date = $2 where source_type = 'pledge' and source_id = $1 and to_date is null`, [id, releasedDate]);
});

export const markDefault = (db: Queryable, actor: Actor, id: number, d: { defaultDate: string; unpaidInterestFen: number; note?: string | null }) => inTx(db, async (tx) => {
  const p = await loadFor(tx, actor, id, 'bank');
  await change(tx, actor, p, 'defaulted', { default_date: d.defaultDate, unpaid_interest_fen: d.unpaidInterestFen, note: d.note ?? p.note }, 'pledge.default');
});

/** Risk-compensation claim: the amount is computed from the outstanding principal, recoveries and the risk share. */
export const claimCompensation = (db: Queryable, actor: Actor, id: number, c: { claimDate: string; recoveredFen: number; includeInterest: boolean; fundCapFen?: number | null }) => inTx(db, async (tx) => {
  const p = await loadFor(tx, actor, id, 'bank');
  if (!p.risk_share) throw new AppError('RULE_VIOLATION', '该贷款未约定风险分担比例，不能申请风险补偿');
  const reps = (await repayments(tx, id)).map((x) => ({ date: x.repaid_date, principalFen: x.principal_fen, interestFen: x.interest_fen }));
  const res = computeRiskCompensation({
    outstandingPrincipalFen: outstandingPrincipal(p.loan_amount_fen ?? 0, reps), unpaidInterestFen: p.unpaid_interest_fen ?? 0,
    includeInterest: c.includeInterest, recoveredFen: c.recoveredFen, share: p.risk_share as RiskShare, fundCapFen: c.fundCapFen ?? null,
  });
  await change(tx, actor, p, 'compensated', {
    claim_date: c.claimDate, claim_recovered_fen: c.recoveredFen, claim_loss_fen: res.lossFen, claim_fund_fen: res.fundPaysFen, claim_detail: res,
  }, 'pledge.claim');
  return res;
});

// ---------------------------------------------------------------- batches (集合授信)
export async function createBatch(db: Queryable, actor: Actor, b: BatchInput): Promise<number> {
  const bankOrgId = actor.role === 'bank_officer' ? actor.orgId : b.bankOrgId;
  return inTx(db, async (tx) => {
    const bank = await queryOne<{ type: string }>(tx, `select type from organisations where id = $1`, [bankOrgId]);
    if (!bank || bank.type !== 'bank') throw new AppError('VALIDATION', '授信银行须为银行机构');
    const row = (await queryOne<{ id: number }>(tx, `insert into pledge_batches (name, bank_org_id, park_name, credit_line_fen, start_date, end_date, created_by)
      values ($1,$2,$3,$4,$5,$6,$7) returning id`, [b.name, bankOrgId, b.parkName ?? null, b.creditLineFen, b.startDate, b.endDate, actor.userId || null]))!;
    await audit(tx, actor, { action: 'pledge.batch', entity: 'pledge_batch', entityId: row.id, after: { ...b, bankOrgId } });
    return row.id;
  });
}

export async function listBatchesView(db: Queryable, actor: Actor) {
  const rows = await listBatches(db, actor.role === 'bank_officer' ? (actor.orgId ?? -1) : null);
  return { items: rows.map((b) => presentBatch(b, null)), total: rows.length };
}

export async function getBatchView(db: Queryable, actor: Actor, id: number) {
  const b = await getBatch(db, id);
  if (!b || (actor.role === 'bank_officer' && b.bank_org_id !== actor.orgId)) throw new AppError('NOT_FOUND', '集合授信批次不存在');
  const members = await query<{ id: number; pledgor_org_id: number; loan_amount_fen: number | null; requested_amount_fen: number | null; state: PledgeState }>(db,
    `select id, pledgor_org_id, loan_amount_fen, requested_amount_fen, state from pledges where batch_id = $1`, [id]);
  const summary = summariseBatch(b.credit_line_fen, members.map((m) => ({ pledgeId: m.id, pledgorOrgId: m.pledgor_org_id, loanFen: m.loan_amount_fen, state: m.state })));
  return presentBatch(b, summary);
}

/** Pledges on a patent that are registered and not released: a transfer or licence needs the pledgee's consent. */
export async function activePledgesOfPatent(db: Queryable, patentId: number): Promise<{ pledgeId: number; pledgeeOrgId: number | null; state: string }[]> {
  const rows = await query<{ id: number; pledgee_org_id: number | null; state: string }>(db,
    `select p.id, p.pledgee_org_id, p.state from pledges p join pledge_patents pp on pp.pledge_id = p.id
      where pp.patent_id = $1 and p.state in ('registered','disbursed','repaid','defaulted','compensated')`, [patentId]);
  return rows.map((r) => ({ pledgeId: r.id, pledgeeOrgId: r.pledgee_org_id, state: r.state }));
}

export { todayCn };
