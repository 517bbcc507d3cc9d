/**
 * Open licensing rules (domain-rules §3, Patent Law Art. 50–52) and "use first, pay later".
 * Pure: "today" and every fact are arguments. Money in integer fen, rates in basis points.
 */
import { AppError } from '../common/app-error.ts';
import { addDays, addMonths, addYears, maxDate, minDate, type IsoDate } from '../common/dates.ts';
import { mulRatio } from '../common/money.ts';
import type { PatentType, LegalStatus } from '../common/roles.ts';
import {
  PERIOD_MONTHS, type DeclarationState, type EstimateInput, type FeeTerms, type UseReportInput,
} from './licence.schemas.ts';

// ---------------------------------------------------------------------------------------------
// Eligibility of a declaration
// ---------------------------------------------------------------------------------------------

export const ELIGIBILITY_CODES = {
  NOT_GRANTED: '专利尚未授权公告，不能声明开放许可',
  LAPSED: '专利权已失效（终止、无效或届满），不能声明开放许可',
  FEE_UNPAID: '年费未缴纳（处于滞纳期），不能声明开放许可',
  EXCLUSIVE_OR_SOLE_LICENCE: '专利存在有效的独占或排他许可，不能声明开放许可',
  PLEDGED_NO_CONSENT: '专利已质押且未取得质权人同意',
  SUSPENDED: '专利因权属纠纷或财产保全处于中止程序',
  NO_EVALUATION_REPORT: '实用新型或外观设计专利须提交专利权评价报告',
  CO_OWNER_CONSENT_MISSING: '共有专利须取得全体共有人的书面同意',
  ALREADY_DECLARED: '该专利已有开放许可声明（待审核或已公布）',
  NOT_HOLDER: '声明人不是该专利的专利权人',
} as const;
export type EligibilityCode = keyof typeof ELIGIBILITY_CODES;

/** The facts about a patent the eligibility check needs (gathered by the service). */
export type PatentFacts = {
  type: PatentType;
  legalStatus: LegalStatus;
  grantDate: IsoDate | null;
  /** Annual fees paid up to (exclusive end of the covered year); null = unknown. */
  feePaidThrough: IsoDate | null;
  /** An exclusive or sole licence is in force on `today`. */
  exclusiveOrSoleLicenceInForce: boolean;
  /** A registered pledge is in force. */
  pledged: boolean;
  /** Proceedings suspended (中止) for an ownership dispute or a preservation order. */
  suspended: boolean;
  /** Number of registered holders. */
  holderCount: number;
  /** The declaring organisation is one of the holders. */
  declarantIsHolder: boolean;
  /** A declaration of this patent is already submitted or published. */
  activeDeclaration: boolean;
};
export type DeclarationAttestations = {
  evaluationReportNo?: string | null;
  coOwnersConsent?: boolean;
  pledgeeConsent?: boolean;
};
export type Refusal = { code: EligibilityCode; message: string };

/**
 * Annual fee overdue on `today`: the paid-through date has passed (the patent is then in the 6-month
 * grace period, or lapsed after it). Unknown (null) is not treated as overdue.
 */
export function isAnnualFeeOverdue(feePaidThrough: IsoDate | null, today: IsoDate): boolean {
  return feePaidThrough !== null && today >= feePaidThrough;
}

/** Every reason the patent cannot be declared for open licence today; empty = eligible. */
export function declarationRefusals(p: PatentFacts, a: DeclarationAttestations, today: IsoDate): Refusal[] {
  const out: Refusal[] = [];
  const add = (code: EligibilityCode) => out.push({ code, message: ELIGIBILITY_CODES[code] });
  if (!p.declarantIsHolder) add('NOT_HOLDER');
  if (p.legalStatus === 'lapsed') add('LAPSED');
  else if (p.legalStatus !== 'in_force' || !p.grantDate || p.grantDate > today) add('NOT_GRANTED');
  else if (isAnnualFeeOverdue(p.feePaidThrough, today)) add('FEE_UNPAID');
  if (p.exclusiveOrSoleLicenceInForce) add('EXCLUSIVE_OR_SOLE_LICENCE');
  if (p.pledged && !a.pledgeeConsent) add('PLEDGED_NO_CONSENT');
  if (p.suspended) add('SUSPENDED');
  if ((p.type === 'utility_model' || p.type === 'design') && !(a.evaluationReportNo && a.evaluationReportNo.trim())) {
    add('NO_EVALUATION_REPORT');
  }
  if (p.holderCount > 1 && !a.coOwnersConsent) add('CO_OWNER_CONSENT_MISSING');
  if (p.activeDeclaration) add('ALREADY_DECLARED');
  return out;
}

// ---------------------------------------------------------------------------------------------
// Fee guidance caps (warnings, not blocks: "一般" in the 2024 notice)
// ---------------------------------------------------------------------------------------------

/** 20,000,000 元 in fen. */
export const FIXED_FEE_CAP_FEN = 2_000_000_000;
/** 20% of net sales, 40% of profit, in basis points. */
export const ROYALTY_SALES_CAP_BP = 2_000;
export const ROYALTY_PROFIT_CAP_BP = 4_000;

export const WARNING_CODES = {
  FIXED_FEE_ABOVE_CAP: '固定费用超过 2000 万元的指导上限',
  ROYALTY_SALES_ABOVE_CAP: '按净销售额提成的比例超过 20% 的指导上限',
  ROYALTY_PROFIT_ABOVE_CAP: '按利润提成的比例超过 40% 的指导上限',
} as const;
export type WarningCode = keyof typeof WARNING_CODES;
export type FeeWarning = { code: WarningCode; message: string };

/** Warnings for fees above the guidance caps. A value equal to the cap is within it. */
export function feeCapWarnings(t: FeeTerms): FeeWarning[] {
  const out: FeeWarning[] = [];
  const add = (code: WarningCode) => out.push({ code, message: WARNING_CODES[code] });
  const fixed = t.mode === 'lump_sum' ? t.lumpSumFen ?? 0 : t.mode === 'entry_plus_royalty' ? t.entryFeeFen ?? 0 : 0;
  if (fixed > FIXED_FEE_CAP_FEN) add('FIXED_FEE_ABOVE_CAP');
  if (t.mode === 'royalty' || t.mode === 'entry_plus_royalty') {
    const rate = t.royaltyRateBp ?? 0;
    if (t.royaltyBase === 'net_sales' && rate > ROYALTY_SALES_CAP_BP) add('ROYALTY_SALES_ABOVE_CAP');
    if (t.royaltyBase === 'profit' && rate > ROYALTY_PROFIT_CAP_BP) add('ROYALTY_PROFIT_ABOVE_CAP');
  }
  return out;
}

/** Throws RULE_VIOLATION when there are warnings the declarant has not confirmed. */
export function assertWarningsConfirmed(warnings: FeeWarning[], confirmed: boolean): void {
  if (warnings.length > 0 && !confirmed) {
    throw new AppError('RULE_VIOLATION', '许可费超过指导上限，请确认后再提交', { warnings });
  }
}

// ---------------------------------------------------------------------------------------------
// Declaration state machine
// ---------------------------------------------------------------------------------------------

const DECLARATION_MOVES: Record<DeclarationState, readonly DeclarationState[]> = {
  submitted: ['published', 'rejected', 'withdrawn'],
  published: ['withdrawn'],
  rejected: [],
  withdrawn: [],
};
export function canMoveDeclaration(from: DeclarationState, to: DeclarationState): boolean {
  return DECLARATION_MOVES[from].includes(to);
}
export function assertDeclarationMove(from: DeclarationState, to: DeclarationState): void {
  if (!canMoveDeclaration(from, to)) {
    throw new AppError('ILLEGAL_TRANSITION', `开放许可声明不能从「${from}」变为「${to}」`, { from, to });
  }
}

// ---------------------------------------------------------------------------------------------
// Forming a licence (Art. 51): written notice + payment as announced
// ---------------------------------------------------------------------------------------------

export const isPayLater = (t: FeeTerms): boolean => t.trialMonths > 0;

/** The fixed amount due at formation (before the licence exists). Pay-later terms defer it to the trial's end. */
export function upfrontFeeFen(t: FeeTerms): number {
  if (isPayLater(t)) return 0;
  if (t.mode === 'lump_sum') return t.lumpSumFen ?? 0;
  if (t.mode === 'entry_plus_royalty') return t.entryFeeFen ?? 0;
  return 0;
}

/** The fixed amount due after a pay-later trial (lump sum or entry fee), 0 otherwise. */
export function postTrialFixedFeeFen(t: FeeTerms): number {
  if (!isPayLater(t)) return 0;
  if (t.mode === 'lump_sum') return t.lumpSumFen ?? 0;
  if (t.mode === 'entry_plus_royalty') return t.entryFeeFen ?? 0;
  return 0;
}

export type Formation = {
  licensedFrom: IsoDate;
  licensedTo: IsoDate;
  trialEnd: IsoDate | null;
};

/**
 * The licence exists from the later of the notice date and the payment date (when a payment is due first).
 * Refuses when the declaration is not published, was withdrawn before the notice, or the payment is missing.
 */
export function formLicence(args: {
  declarationState: DeclarationState;
  publishedDate: IsoDate | null;
  withdrawnDate: IsoDate | null;
  terms: FeeTerms;
  licenceYears: number;
  noticeDate: IsoDate;
  paymentDate: IsoDate | null;
  /** Last day of the patent's protection; the licence cannot run beyond it. */
  patentLastDay: IsoDate | null;
}): Formation {
  const { terms, noticeDate } = args;
  if (args.withdrawnDate && noticeDate >= args.withdrawnDate) {
    throw new AppError('RULE_VIOLATION', '开放许可声明已撤回，不再接受新的许可', { code: 'DECLARATION_WITHDRAWN' });
  }
  if (args.declarationState !== 'published' && !(args.declarationState === 'withdrawn' && args.withdrawnDate && noticeDate < args.withdrawnDate)) {
    throw new AppError('RULE_VIOLATION', '开放许可声明尚未公布，不能实施许可', { code: 'DECLARATION_NOT_PUBLISHED' });
  }
  if (args.publishedDate && noticeDate < args.publishedDate) {
    throw new AppError('RULE_VIOLATION', '书面通知日期早于开放许可公布日期', { code: 'NOTICE_BEFORE_PUBLICATION' });
  }
  const upfront = upfrontFeeFen(terms);
  if (upfront > 0 && !args.paymentDate) {
    throw new AppError('RULE_VIOLATION', '须按公布的标准支付许可使用费后许可方成立', { code: 'PAYMENT_REQUIRED', upfrontFen: upfront });
  }
  const licensedFrom = upfront > 0 && args.paymentDate ? maxDate(noticeDate, args.paymentDate) : noticeDate;
  let licensedTo = addDays(addYears(licensedFrom, args.licenceYears), -1);
  if (args.patentLastDay) licensedTo = minDate(licensedTo, args.patentLastDay);
  if (licensedTo < licensedFrom) {
    throw new AppError('RULE_VIOLATION', '专利保护期已届满，不能实施许可', { code: 'PATENT_EXPIRED' });
  }
  const trialEnd = isPayLater(terms) ? minDate(addDays(addMonths(licensedFrom, terms.trialMonths), -1), licensedTo) : null;
  return { licensedFrom, licensedTo, trialEnd };
}

/** Open-licence annual-fee reduction (15%, 财税〔2024〕23号): not cumulative, the best single rate applies. */
export const OPEN_LICENCE_FEE_REDUCTION_BP = 1_500;
export function annualFeePayableFen(fullFeeFen: number, openLicenceActive: boolean, otherReductionBp = 0): {
  reductionBp: number; payableFen: number; source: 'open_licence' | 'other' | 'none';
} {
  const open = openLicenceActive ? OPEN_LICENCE_FEE_REDUCTION_BP : 0;
  const best = Math.max(open, otherReductionBp);
  const source = best === 0 ? 'none' : open >= otherReductionBp && open > 0 ? 'open_licence' : 'other';
  return { reductionBp: best, payableFen: mulRatio(fullFeeFen, 10_000 - best, 10_000), source };
}

// ---------------------------------------------------------------------------------------------
// Use first, pay later: periods, royalty due, reminders, conversion or exit
// ---------------------------------------------------------------------------------------------

export type PaymentPeriod = { seq: number; start: IsoDate; end: IsoDate; dueDate: IsoDate };

/**
 * Royalty periods after the trial (or from the licence's start when there is no trial), each due
 * `dueDays` after its end. The last period is cut at the licence's end.
 */
export function royaltyPeriods(f: Formation, t: FeeTerms): PaymentPeriod[] {
  if (t.mode !== 'royalty' && t.mode !== 'entry_plus_royalty') return [];
  const first = f.trialEnd ? addDays(f.trialEnd, 1) : f.licensedFrom;
  const months = PERIOD_MONTHS[t.periodKind];
  const out: PaymentPeriod[] = [];
  for (let i = 0; ; i++) {
    const start = addMonths(first, i * months);
    if (start > f.licensedTo) break;
    const end = minDate(addDays(addMonths(first, (i + 1) * months), -1), f.licensedTo);
    out.push({ seq: i + 1, start, end, dueDate: addDays(end, t.dueDays) });
  }
  return out;
}

/** Royalty on one reported base: rate × base, rounded half away from zero to the fen; or units × unit fee. */
export function royaltyFen(t: FeeTerms, r: Pick<UseReportInput, 'netSalesFen' | 'profitFen' | 'units'>): number {
  if (t.mode !== 'royalty' && t.mode !== 'entry_plus_royalty') return 0;
  if (t.royaltyBase === 'units') {
    const units = r.units ?? 0;
    const v = units * (t.unitFeeFen ?? 0);
    if (!Number.isSafeInteger(v)) throw new AppError('VALIDATION', '金额过大');
    return v;
  }
  const base = t.royaltyBase === 'profit' ? r.profitFen ?? 0 : r.netSalesFen ?? 0;
  if (base <= 0) return 0; // no royalty on a loss
  return mulRatio(base, t.royaltyRateBp ?? 0, 10_000);
}

/** Checks a use report against the licence and computes what is due for it. */
export function assessUseReport(f: Formation, t: FeeTerms, r: UseReportInput): { dueFen: number; inTrial: boolean; dueDate: IsoDate | null } {
  if (r.periodStart < f.licensedFrom || r.periodEnd > f.licensedTo) {
    throw new AppError('RULE_VIOLATION', '申报期间超出许可期限', { code: 'REPORT_OUTSIDE_TERM' });
  }
  const needed = t.royaltyBase === 'units' ? r.units : t.royaltyBase === 'profit' ? r.profitFen : r.netSalesFen;
  if ((t.mode === 'royalty' || t.mode === 'entry_plus_royalty') && needed === undefined) {
    const label = t.royaltyBase === 'units' ? '销售数量' : t.royaltyBase === 'profit' ? '利润' : '净销售额';
    throw new AppError('VALIDATION', `请申报本期${label}`, { field: t.royaltyBase });
  }
  if (f.trialEnd && r.periodStart <= f.trialEnd) {
    if (r.periodEnd > f.trialEnd) {
      throw new AppError('RULE_VIOLATION', `申报期间不得跨越试用期结束日（${f.trialEnd}）`, { code: 'REPORT_SPANS_TRIAL_END' });
    }
    return { dueFen: 0, inTrial: true, dueDate: null };
  }
  const period = royaltyPeriods(f, t).find((p) => r.periodStart >= p.start && r.periodEnd <= p.end);
  if (!period && (t.mode === 'royalty' || t.mode === 'entry_plus_royalty')) {
    throw new AppError('RULE_VIOLATION', '申报期间须在一个结算周期之内', { code: 'REPORT_SPANS_PERIODS' });
  }
  return { dueFen: royaltyFen(t, r), inTrial: false, dueDate: period ? period.dueDate : null };
}

/** Default reminders: 30, 7 and 1 day before each due date. */
export const DEFAULT_REMINDER_DAYS = [30, 7, 1] as const;

export function reminderDates(dueDate: IsoDate, daysBefore: readonly number[] = DEFAULT_REMINDER_DAYS): IsoDate[] {
  return [...new Set(daysBefore)].sort((a, b) => b - a).map((d) => addDays(dueDate, -d));
}

export type DueItem = { key: string; label: string; dueDate: IsoDate; amountFen: number; paidFen: number };
export type Reminder = { key: string; label: string; dueDate: IsoDate; outstandingFen: number; kind: 'upcoming' | 'overdue'; daysLeft: number };

/**
 * Reminders to show on `today`: an item not fully paid whose first reminder date has come; overdue when
 * the due date has passed. Payments are allocated to the items oldest first.
 */
export function remindersOn(items: DueItem[], today: IsoDate, daysBefore: readonly number[] = DEFAULT_REMINDER_DAYS): Reminder[] {
  const lead = Math.max(0, ...daysBefore);
  const out: Reminder[] = [];
  for (const it of items) {
    const outstanding = it.amountFen - it.paidFen;
    if (outstanding <= 0) continue;
    if (today < addDays(it.dueDate, -lead)) continue;
    const daysLeft = Math.round((Date.parse(it.dueDate) - Date.parse(today)) / 86_400_000);
    out.push({ key: it.key, label: it.label, dueDate: it.dueDate, outstandingFen: outstanding, kind: today > it.dueDate ? 'overdue' : 'upcoming', daysLeft });
  }
  return out.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
}

/** Spread the total paid over the items oldest due first (returns items with paidFen filled). */
export function allocatePayments<T extends Omit<DueItem, 'paidFen'>>(items: T[], totalPaidFen: number): (T & { paidFen: number })[] {
  let left = totalPaidFen;
  return [...items].sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0)).map((it) => {
    const paid = Math.min(Math.max(left, 0), it.amountFen);
    left -= paid;
    return { ...it, paidFen: paid };
  });
}

export const LICENCE_STATES = ['trial', 'active', 'exited', 'terminated', 'expired'] as const;
export type LicenceState = (typeof LICENCE_STATES)[number];
export const LICENCE_STATE_LABELS: Record<LicenceState, string> = {
  trial: '试用期', active: '许可中', exited: '已退出', terminated: '已终止', expired: '已到期',
};

/** State as of `today`: an undecided trial past its end runs on the paid terms; a licence past its end expired. */
export function licenceStateOn(stored: LicenceState, f: Formation, today: IsoDate): LicenceState {
  if (stored === 'exited' || stored === 'terminated') return stored;
  if (today > f.licensedTo) return 'expired';
  if (stored === 'trial' && f.trialEnd && today > f.trialEnd) return 'active';
  return stored;
}

/**
 * Conversion or exit of a pay-later trial. Exit is allowed up to the trial's last day (no fee is then due,
 * the licence ends on the exit date); conversion makes the paid terms apply after the trial.
 */
export function decideTrial(stored: LicenceState, f: Formation, decision: 'convert' | 'exit', date: IsoDate): { state: LicenceState; licensedTo: IsoDate } {
  if (!f.trialEnd) throw new AppError('RULE_VIOLATION', '该许可没有试用期', { code: 'NO_TRIAL' });
  if (stored !== 'trial') throw new AppError('ILLEGAL_TRANSITION', '试用期的决定已作出，不能重复操作', { code: 'TRIAL_DECIDED' });
  if (date < f.licensedFrom) throw new AppError('RULE_VIOLATION', '日期早于许可开始日期');
  if (decision === 'exit') {
    if (date > f.trialEnd) {
      throw new AppError('RULE_VIOLATION', `试用期已于 ${f.trialEnd} 结束，不能无偿退出`, { code: 'TRIAL_OVER' });
    }
    return { state: 'exited', licensedTo: date };
  }
  return { state: 'active', licensedTo: f.licensedTo };
}

// ---------------------------------------------------------------------------------------------
// Fee estimator (国知办发运字〔2022〕56号 专利开放许可使用费估算指引): cost, market, income
// ---------------------------------------------------------------------------------------------

/** n / d rounded half away from zero, bigint in, safe number out. */
export function divRound(n: bigint, d: bigint): number {
  if (d <= 0n) throw new Error('denominator must be positive');
  const neg = n < 0n;
  const a = neg ? -n : n;
  let q = a / d;
  if ((a % d) * 2n >= d) q += 1n;
  const out = Number(neg ? -q : q);
  if (!Number.isSafeInteger(out)) throw new AppError('VALIDATION', '金额过大');
  return out;
}

export type EstimateStep = { label: string; valueFen: number };
export type Estimate = { method: EstimateInput['method']; methodLabel: string; formula: string; steps: EstimateStep[]; resultFen: number };

const B = BigInt;
const TEN_K = 10_000n;

export function estimateFee(input: EstimateInput): Estimate {
  if (input.method === 'cost') {
    const { costFen, profitRateBp, obsolescenceBp, shareBp } = input;
    const withProfit = divRound(B(costFen) * (TEN_K + B(profitRateBp)), TEN_K);
    const afterObs = divRound(B(costFen) * (TEN_K + B(profitRateBp)) * (TEN_K - B(obsolescenceBp)), TEN_K * TEN_K);
    const result = divRound(B(costFen) * (TEN_K + B(profitRateBp)) * (TEN_K - B(obsolescenceBp)) * B(shareBp), TEN_K * TEN_K * TEN_K);
    return {
      method: 'cost', methodLabel: '成本法',
      formula: '许可费 = 重置成本 × (1 + 合理利润率) × (1 − 贬值率) × 分摊率',
      steps: [
        { label: '重置成本', valueFen: costFen },
        { label: '含合理利润', valueFen: withProfit },
        { label: '扣除贬值后', valueFen: afterObs },
      ],
      resultFen: result,
    };
  }
  if (input.method === 'market') {
    const adjusted = input.comparables.map((c) => divRound(B(c.amountFen) * B(c.adjustmentBp), TEN_K));
    const sum = input.comparables.reduce((s, c) => s + B(c.amountFen) * B(c.adjustmentBp), 0n);
    const result = divRound(sum, TEN_K * B(input.comparables.length));
    return {
      method: 'market', methodLabel: '市场法',
      formula: '许可费 = Σ(可比交易价格 × 调整系数) ÷ 可比交易数',
      steps: input.comparables.map((c, i) => ({ label: `${c.label ?? `可比交易 ${i + 1}`}（调整后）`, valueFen: adjusted[i] })),
      resultFen: result,
    };
  }
  const { annualBaseFen, royaltyRateBp, discountRateBp } = input;
  const steps: EstimateStep[] = [];
  let total = 0;
  annualBaseFen.forEach((base, i) => {
    const t = B(i + 1);
    // base × rate / 10000 / (1 + d/10000)^t  =  base × rate × 10000^(t−1) / (10000 + d)^t
    const pv = divRound(B(base) * B(royaltyRateBp) * TEN_K ** (t - 1n), (TEN_K + B(discountRateBp)) ** t);
    steps.push({ label: `第 ${i + 1} 年提成现值`, valueFen: pv });
    total += pv;
  });
  return {
    method: 'income', methodLabel: '收益法',
    formula: '许可费 = Σ 第 t 年预期收益 × 提成率 ÷ (1 + 折现率)^t',
    steps,
    resultFen: total,
  };
}

/** Last protected day (Art. 42): filing + 20 / 10 / 15 years (designs filed from 2021-06-01; else 10) − 1 day, plus any extension. */
export function patentLastDay(type: PatentType, filingDate: IsoDate | null, termExtensionDays = 0): IsoDate | null {
  if (!filingDate) return null;
  const years = type === 'invention' ? 20 : type === 'design' && filingDate >= '2021-06-01' ? 15 : 10;
  return addDays(addYears(filingDate, years), termExtensionDays - 1);
}
