import {
  PLEDGE_STATE_LABELS, PLEDGE_TRANSITIONS, coverageRatioBp, pledgeRateBp, patentExpiry, type BatchSummary, type PledgeState,
} from '@zhuanhua/domain/pledge/index.ts';
import { formatWan, type PatentType } from '@zhuanhua/domain';
import type { Actor } from '../../http/actor.ts';
import type { BatchRow, PledgePatentRow, PledgeRow, RepaymentRow } from './pledge.repo.ts';

export function presentPledgeSummary(p: PledgeRow) {
  return {
    id: p.id, state: p.state, stateLabel: PLEDGE_STATE_LABELS[p.state as PledgeState] ?? p.state,
    pledgorOrgId: p.pledgor_org_id, pledgorName: p.pledgor_name ?? null, pledgeeOrgId: p.pledgee_org_id, pledgeeName: p.pledgee_name ?? null,
    batchId: p.batch_id, batchName: p.batch_name ?? null, applicationDate: p.application_date,
    requestedAmountFen: p.requested_amount_fen, loanAmountFen: p.loan_amount_fen, securedAmountFen: p.secured_amount_fen,
    registrationNo: p.registration_no, registrationDate: p.registration_date, releasedDate: p.released_date,
    patentCount: p.patent_count ?? 0, source: p.source,
  };
}

/** The next steps the actor may take, for the UI's buttons. */
function nextActions(p: PledgeRow, actor: Actor): string[] {
  const bank = actor.role === 'platform_admin' || (actor.role === 'bank_officer' && actor.orgId === p.pledgee_org_id);
  const owner = actor.role === 'platform_admin' || ((actor.role === 'org_admin' || actor.role === 'org_member') && actor.orgId === p.pledgor_org_id);
  const valuer = bank || (actor.role === 'service_agent' && actor.orgId !== null && actor.orgId === p.valuer_org_id);
  const can = PLEDGE_TRANSITIONS[p.state as PledgeState] ?? [];
  const out: string[] = [];
  if (valuer && can.includes('valued')) out.push('value');
  if (bank && can.includes('approved')) out.push('decide');
  if (bank && can.includes('registered')) out.push('register');
  if (bank && can.includes('disbursed')) out.push('disburse');
  if (bank && p.state === 'disbursed') out.push('repay');
  if (bank && can.includes('defaulted')) out.push('default');
  if (bank && can.includes('compensated')) out.push('claim');
  if (bank && can.includes('released')) out.push('release');
  if (owner && can.includes('withdrawn')) out.push('withdraw');
  return out;
}

export function presentPledgeDetail(p: PledgeRow, patents: PledgePatentRow[], reps: RepaymentRow[], actor: Actor) {
  const repaid = reps.reduce((s, r) => s + r.principal_fen, 0);
  const interest = reps.reduce((s, r) => s + r.interest_fen, 0);
  const loan = p.loan_amount_fen ?? p.approved_amount_fen ?? p.requested_amount_fen;
  return {
    ...presentPledgeSummary(p),
    purpose: p.purpose,
    valuation: p.valuation_fen == null ? null : {
      method: p.valuation_method, valueFen: p.valuation_fen, appraiser: p.appraiser, feeFen: p.valuation_fee_fen,
      reportNo: p.valuation_report_no, date: p.valuation_date,
    },
    decision: p.decision_date == null ? null : { approvedAmountFen: p.approved_amount_fen, date: p.decision_date, reason: p.decision_reason },
    registration: p.registration_no == null ? null : {
      registrationNo: p.registration_no, registrationDate: p.registration_date, securedAmountFen: p.secured_amount_fen,
      debtTermStart: p.debt_term_start, debtTermEnd: p.debt_term_end, debtType: p.debt_type, scopeOfSecurity: p.scope_of_security,
    },
    loan: p.loan_amount_fen == null ? null : {
      amountFen: p.loan_amount_fen, rateBp: p.loan_rate_bp, start: p.loan_start, end: p.loan_end, enhancement: p.enhancement,
      enhancerName: p.enhancer_name, premiumFen: p.premium_fen, riskShare: p.risk_share,
      repaidPrincipalFen: repaid, repaidInterestFen: interest, outstandingFen: p.loan_amount_fen - repaid,
    },
    coverageRatioBp: p.valuation_fen != null && loan ? coverageRatioBp(p.valuation_fen, loan) : null,
    pledgeRateBp: p.valuation_fen && loan ? pledgeRateBp(loan, p.valuation_fen) : null,
    default: p.default_date == null ? null : { date: p.default_date, unpaidInterestFen: p.unpaid_interest_fen },
    claim: p.claim_date == null ? null : { date: p.claim_date, recoveredFen: p.claim_recovered_fen, lossFen: p.claim_loss_fen, fundPaysFen: p.claim_fund_fen, detail: p.claim_detail },
    patents: patents.map((t) => ({
      id: t.patent_id, applicationNumber: t.application_number, title: t.title, type: t.type, legalStatus: t.legal_status,
      holders: t.holder_names, expiry: t.filing_date ? patentExpiry(t.type as PatentType, t.filing_date, t.term_extension_days) : null,
    })),
    repayments: reps.map((r) => ({ id: r.id, date: r.repaid_date, principalFen: r.principal_fen, interestFen: r.interest_fen })),
    actions: nextActions(p, actor),
  };
}

export function presentBatch(b: BatchRow, summary: BatchSummary | null) {
  return {
    id: b.id, name: b.name, bankOrgId: b.bank_org_id, bankName: b.bank_name ?? null, parkName: b.park_name,
    creditLineFen: b.credit_line_fen, creditLineWan: formatWan(b.credit_line_fen), startDate: b.start_date, endDate: b.end_date, summary,
  };
}
