/**
 * Deal ledger rules: state machine, cross-rules of domain-rules §9, payment schedule and receipts,
 * party snapshots as of the deal date, holder changes by transfer. Pure: dates are arguments.
 */
import { AppError } from '../common/app-error.ts';
import { addMonths, maxDate, yearOf, type IsoDate } from '../common/dates.ts';
import { isSme, type OrgType, type SizeClass } from '../common/roles.ts';
import type { AmountBasis, DealKind, DealState, LicenceKind, PartySide, ScheduleItem } from './deal.schemas.ts';
import { DEAL_STATE_LABELS } from './deal.schemas.ts';

// ---------------------------------------------------------------------------------------------
// State machine: draft → signed → registered → performing → completed, or → terminated
// ---------------------------------------------------------------------------------------------

const MOVES: Record<DealState, readonly DealState[]> = {
  draft: ['signed', 'terminated'],
  signed: ['registered', 'terminated'],
  registered: ['performing', 'terminated'],
  performing: ['completed', 'terminated'],
  completed: [],
  terminated: [],
};
export const canTransition = (from: DealState, to: DealState): boolean => MOVES[from].includes(to);
export const nextStates = (from: DealState): readonly DealState[] => MOVES[from];

export type DealFacts = {
  kind: DealKind;
  licenceKind: LicenceKind | null;
  state: DealState;
  contractDate: IsoDate | null;
  effectiveDate: IsoDate | null;
  contractAmountFen: number;
  amountBasis: AmountBasis;
  registrationNo: string | null;
  registrationDate: IsoDate | null;
  patentCount: number;
  partySides: PartySide[];
  receivedFen: number;
};

export type TransitionRequest = { to: DealState; date: IsoDate; reason?: string | null; registrationNo?: string | null; registrationDate?: IsoDate | null };
export type TransitionResult = { state: DealState; registrationNo: string | null; registrationDate: IsoDate | null; effectiveDate: IsoDate | null };

/** Checks one move and what it needs; returns the updated facts. Throws ILLEGAL_TRANSITION or RULE_VIOLATION. */
export function applyTransition(d: DealFacts, req: TransitionRequest): TransitionResult {
  if (!canTransition(d.state, req.to)) {
    throw new AppError('ILLEGAL_TRANSITION', `交易不能从「${DEAL_STATE_LABELS[d.state]}」变为「${DEAL_STATE_LABELS[req.to]}」`, { from: d.state, to: req.to });
  }
  const out: TransitionResult = { state: req.to, registrationNo: d.registrationNo, registrationDate: d.registrationDate, effectiveDate: d.effectiveDate };
  const fail = (message: string, field: string) => { throw new AppError('RULE_VIOLATION', message, { field }); };
  switch (req.to) {
    case 'signed':
      if (!d.contractDate) fail('签订前须填写合同签订日期', 'contractDate');
      if (d.contractDate && d.contractDate > req.date) fail('合同签订日期不能晚于操作日期', 'contractDate');
      if (d.patentCount < 1) fail('至少关联 1 件专利', 'patentIds');
      if (!d.partySides.includes('out') || !d.partySides.includes('in')) fail('须有出让方/许可方和受让方/被许可方', 'parties');
      break;
    case 'registered': {
      out.registrationNo = req.registrationNo?.trim() || d.registrationNo;
      out.registrationDate = req.registrationDate ?? d.registrationDate;
      if (!out.registrationNo) fail('请填写国家知识产权局登记号/备案号', 'registrationNo');
      if (!out.registrationDate) fail('请填写登记/备案日期', 'registrationDate');
      if (out.registrationDate && d.contractDate && out.registrationDate < d.contractDate) fail('登记/备案日期不能早于合同签订日期', 'registrationDate');
      // A transfer takes effect on registration and announcement (TR01).
      if (d.kind !== 'licence') out.effectiveDate = out.registrationDate;
      break;
    }
    case 'performing':
      if (!out.effectiveDate) out.effectiveDate = out.registrationDate ?? d.contractDate;
      break;
    case 'completed':
      if (d.amountBasis === 'fixed' && d.receivedFen < d.contractAmountFen) {
        fail(`尚有 ${d.contractAmountFen - d.receivedFen} 分合同款未到账，不能完成`, 'receivedFen');
      }
      break;
    case 'terminated':
      if (!req.reason || !req.reason.trim()) fail('终止须填写原因', 'reason');
      break;
  }
  return out;
}

/** Licence contracts must be filed with CNIPA within 3 months of taking effect (warning). */
export function filingLate(d: Pick<DealFacts, 'kind' | 'effectiveDate' | 'contractDate' | 'registrationDate'>): boolean {
  if (d.kind !== 'licence' || !d.registrationDate) return false;
  const start = d.effectiveDate ?? d.contractDate;
  return start !== null && d.registrationDate > addMonths(start, 3);
}

// ---------------------------------------------------------------------------------------------
// Parties
// ---------------------------------------------------------------------------------------------

const ROLE_NAMES: Record<DealKind, Record<PartySide, string>> = {
  transfer: { out: 'assignor', in: 'assignee' },
  licence: { out: 'licensor', in: 'licensee' },
  equity: { out: 'investor', in: 'investee' },
};
export const PARTY_ROLE_LABELS: Record<string, string> = {
  assignor: '转让方', assignee: '受让方', licensor: '许可方', licensee: '被许可方', investor: '出资方（专利权人）', investee: '被投资企业',
};
export const partyRole = (kind: DealKind, side: PartySide): string => ROLE_NAMES[kind][side];

export type OrgNow = { id: number; name: string; type: OrgType; sizeClass: SizeClass | null; regionCode: string | null };
export type AnnualSize = { year: number; sizeClass: SizeClass | null };
export type PartySnapshot = { orgId: number | null; name: string; orgType: OrgType | null; sizeClass: SizeClass | null; regionCode: string | null; isSme: boolean };

/**
 * The party as of the deal date: the size class reported for the deal's year (or the latest earlier
 * year), else the organisation's current class. Kept on the deal so later changes never rewrite history.
 */
export function snapshotParty(org: OrgNow, dealDate: IsoDate | null, sizes: AnnualSize[]): PartySnapshot {
  let sizeClass = org.sizeClass;
  if (dealDate) {
    const y = yearOf(dealDate);
    const best = sizes.filter((s) => s.year <= y && s.sizeClass).sort((a, b) => b.year - a.year)[0];
    if (best) sizeClass = best.sizeClass;
  }
  return { orgId: org.id, name: org.name, orgType: org.type, sizeClass, regionCode: org.regionCode, isSme: isSme(org.type, sizeClass) };
}

// ---------------------------------------------------------------------------------------------
// Cross-rules (§9)
// ---------------------------------------------------------------------------------------------

export const CONFLICT_CODES = {
  OPEN_LICENCE_ACTIVE: '该专利的开放许可正在实施，不能订立独占或排他许可',
  EXCLUSIVE_LICENCE_IN_FORCE: '该专利已有独占许可在同一地域、领域和期限内有效，不能再许可',
  SOLE_LICENCE_IN_FORCE: '该专利已有排他许可在同一地域、领域和期限内有效，不能再许可他人',
  LICENCE_IN_FORCE: '该专利已有许可在同一地域、领域和期限内有效，不能订立独占或排他许可',
  PLEDGED_NO_CONSENT: '专利已质押，转让须取得质权人同意',
  PATENT_LAPSED: '专利权已失效，不能转让或许可',
} as const;
export type ConflictCode = keyof typeof CONFLICT_CODES;
export type Conflict = { code: ConflictCode; message: string; dealId?: number };

export type LicenceInForce = { dealId: number; licenceKind: LicenceKind; start: IsoDate; end: IsoDate | null; territory: string | null; field: string | null };
export type Candidate = { kind: DealKind; licenceKind: LicenceKind | null; start: IsoDate; end: IsoDate | null; territory: string | null; field: string | null };

const scopeOverlaps = (a: string | null, b: string | null) => !a?.trim() || !b?.trim() || a.trim() === b.trim();
const periodOverlaps = (aS: IsoDate, aE: IsoDate | null, bS: IsoDate, bE: IsoDate | null) =>
  (aE === null || aE >= bS) && (bE === null || bE >= aS);
const EXCLUSIVE_KINDS: readonly LicenceKind[] = ['exclusive', 'sole'];

/**
 * Reasons a new deal on one patent is refused: open licence vs exclusive/sole, exclusive/sole vs any other
 * licence in the same territory, field and period (a sub-licence under it is allowed), transfer of a pledged
 * patent without the pledgee's consent, a patent lapsed on the deal date.
 */
export function dealConflicts(c: Candidate, ctx: {
  openLicenceActive: boolean;
  licencesInForce: LicenceInForce[];
  pledged: boolean;
  pledgeeConsent: boolean;
  lapseDate: IsoDate | null;
}): Conflict[] {
  const out: Conflict[] = [];
  const add = (code: ConflictCode, dealId?: number) => out.push({ code, message: CONFLICT_CODES[code], ...(dealId ? { dealId } : {}) });
  if (ctx.lapseDate && ctx.lapseDate <= c.start) add('PATENT_LAPSED');
  if (c.kind === 'licence' && c.licenceKind) {
    const newIsExclusive = EXCLUSIVE_KINDS.includes(c.licenceKind);
    if (newIsExclusive && ctx.openLicenceActive) add('OPEN_LICENCE_ACTIVE');
    for (const l of ctx.licencesInForce) {
      if (!periodOverlaps(c.start, c.end, l.start, l.end) || !scopeOverlaps(c.territory, l.territory) || !scopeOverlaps(c.field, l.field)) continue;
      if (l.licenceKind === 'exclusive' && c.licenceKind !== 'sub') add('EXCLUSIVE_LICENCE_IN_FORCE', l.dealId);
      else if (l.licenceKind === 'sole' && c.licenceKind !== 'sub') add('SOLE_LICENCE_IN_FORCE', l.dealId);
      else if (newIsExclusive) add('LICENCE_IN_FORCE', l.dealId);
    }
  }
  if ((c.kind === 'transfer' || c.kind === 'equity') && ctx.pledged && !ctx.pledgeeConsent) add('PLEDGED_NO_CONSENT');
  return out;
}

export function assertNoConflicts(conflicts: Conflict[]): void {
  if (conflicts.length > 0) {
    throw new AppError('RULE_VIOLATION', conflicts.map((c) => c.message).join('；'), { code: conflicts[0].code, conflicts });
  }
}

/** A licence deal counts as in force (for the cross-rules) from signature until completion/termination or its end. */
export const LICENCE_BLOCKING_STATES: readonly DealState[] = ['signed', 'registered', 'performing'];

// ---------------------------------------------------------------------------------------------
// Money: schedule, payments, received = sum of payments
// ---------------------------------------------------------------------------------------------

/** Equal instalments every `everyMonths` from `firstDue`; the remainder fen go to the first instalments. */
export function splitInstalments(totalFen: number, n: number, firstDue: IsoDate, everyMonths = 1): ScheduleItem[] {
  if (!Number.isSafeInteger(totalFen) || totalFen <= 0) throw new AppError('VALIDATION', '合同金额必须大于 0');
  if (!Number.isInteger(n) || n < 1 || n > 120) throw new AppError('VALIDATION', '分期数应在 1 到 120 之间');
  if (n > totalFen) throw new AppError('VALIDATION', '分期数不能多于金额（分）');
  const base = Math.floor(totalFen / n), rem = totalFen - base * n;
  return Array.from({ length: n }, (_, i) => ({ dueDate: addMonths(firstDue, i * everyMonths), amountFen: base + (i < rem ? 1 : 0), note: null }));
}

/** A schedule must add up to the contract amount exactly (fixed-price deals) and be in date order. */
export function scheduleProblems(contractAmountFen: number, basis: AmountBasis, schedule: Pick<ScheduleItem, 'dueDate' | 'amountFen'>[], contractDate: IsoDate | null): string[] {
  const out: string[] = [];
  if (schedule.length === 0) return out;
  const sum = schedule.reduce((s, i) => s + i.amountFen, 0);
  if (basis === 'fixed' && sum !== contractAmountFen) out.push(`付款计划合计 ${sum} 分与合同金额 ${contractAmountFen} 分不一致`);
  if (contractDate && schedule.some((i) => i.dueDate < contractDate)) out.push('付款计划的日期不能早于合同签订日期');
  return out;
}

export type Payment = { receivedDate: IsoDate; amountFen: number };

/** Received (实际到账) = the sum of the payments; by year of receipt. */
export function moneySummary(contractAmountFen: number, schedule: Pick<ScheduleItem, 'dueDate' | 'amountFen'>[], payments: Payment[], today: IsoDate) {
  const receivedFen = payments.reduce((s, p) => s + p.amountFen, 0);
  if (!Number.isSafeInteger(receivedFen)) throw new AppError('VALIDATION', '金额过大');
  const scheduledFen = schedule.reduce((s, p) => s + p.amountFen, 0);
  const byYear = new Map<number, number>();
  for (const p of payments) byYear.set(yearOf(p.receivedDate), (byYear.get(yearOf(p.receivedDate)) ?? 0) + p.amountFen);
  const dueByToday = schedule.filter((i) => i.dueDate <= today).reduce((s, i) => s + i.amountFen, 0);
  return {
    contractAmountFen,
    scheduledFen,
    receivedFen,
    outstandingFen: Math.max(0, contractAmountFen - receivedFen),
    overdueFen: Math.max(0, dueByToday - receivedFen),
    receivedByYear: [...byYear.entries()].sort((a, b) => a[0] - b[0]).map(([year, amountFen]) => ({ year, amountFen })),
  };
}

/** Checks a new payment against the deal: open states only, not before the contract, not above the price. */
export function assertPaymentAllowed(d: Pick<DealFacts, 'state' | 'contractDate' | 'contractAmountFen' | 'amountBasis' | 'receivedFen'>, p: Payment): void {
  if (!['signed', 'registered', 'performing'].includes(d.state)) {
    throw new AppError('RULE_VIOLATION', `「${DEAL_STATE_LABELS[d.state]}」状态的交易不能登记到账`, { code: 'DEAL_NOT_OPEN' });
  }
  if (d.contractDate && p.receivedDate < d.contractDate) {
    throw new AppError('RULE_VIOLATION', '到账日期不能早于合同签订日期', { code: 'PAYMENT_BEFORE_CONTRACT' });
  }
  if (d.amountBasis === 'fixed' && d.receivedFen + p.amountFen > d.contractAmountFen) {
    throw new AppError('RULE_VIOLATION', '累计到账金额将超过合同金额', { code: 'OVERPAID', receivedFen: d.receivedFen, contractAmountFen: d.contractAmountFen });
  }
}

// ---------------------------------------------------------------------------------------------
// Transfers change the holder from their effective date; every deal is a use of its patents
// ---------------------------------------------------------------------------------------------

export type HolderChange = { effectiveDate: IsoDate; holders: string[] };

/** Holders of a patent on `date`: the original holders, replaced by each transfer effective on or before it. */
export function holdersOn(original: string[], changes: HolderChange[], date: IsoDate): string[] {
  let cur = original;
  for (const c of [...changes].sort((a, b) => (a.effectiveDate < b.effectiveDate ? -1 : 1))) {
    if (c.effectiveDate <= date) cur = c.holders;
  }
  return cur;
}

/** The date a transfer/equity contribution moves the right: CNIPA registration, else the agreed effective date. */
export function transferEffectiveDate(d: Pick<DealFacts, 'kind' | 'registrationDate' | 'effectiveDate' | 'contractDate'>): IsoDate | null {
  if (d.kind === 'licence') return null;
  return d.registrationDate ?? d.effectiveDate ?? null;
}

/** The patent_uses row a deal implies (for the sleeping-patent rule): kind, from, to. */
export function patentUseOf(d: { kind: DealKind; contractDate: IsoDate | null; effectiveDate: IsoDate | null; endDate: IsoDate | null }): { kind: DealKind; fromDate: IsoDate; toDate: IsoDate | null } | null {
  const from = d.effectiveDate && d.contractDate ? maxDate(d.contractDate, d.effectiveDate) : d.effectiveDate ?? d.contractDate;
  if (!from) return null;
  return { kind: d.kind, fromDate: from, toDate: d.kind === 'licence' ? d.endDate : null };
}

/**
 * The giving side must hold the patent (a sub-licence is given by a licensee, so it is exempt). Patents with
 * no recorded holder are not checked. Matches by organisation, else by name.
 */
export function outPartyHolds(outParties: { orgId: number | null; name: string }[], holders: { orgId: number | null; name: string }[]): boolean {
  if (holders.length === 0) return true;
  return outParties.some((p) => holders.some((h) => (p.orgId !== null && h.orgId === p.orgId) || h.name === p.name));
}
