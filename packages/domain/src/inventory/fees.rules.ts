/**
 * Term, annual fees, maintenance years and lapse risk (domain-rules §2). Pure: every "today" is an argument.
 * Money is integer fen.
 */
import { addDays, addMonths, addYears, daysBetween, minDate, wholeMonthsBetween, wholeYearsBetween, type IsoDate } from '../common/dates.ts';
import type { LegalStatus, PatentType } from '../common/roles.ts';
import { mulRatio } from '../common/money.ts';

/** Designs filed on or after this date get 15 years (Patent Law 2020, in force 2021-06-01). */
export const DESIGN_15_YEARS_FROM = '2021-06-01';

export function termYears(type: PatentType, filingDate: IsoDate): number {
  if (type === 'invention') return 20;
  if (type === 'utility_model') return 10;
  return filingDate >= DESIGN_15_YEARS_FROM ? 15 : 10;
}

/** 期满终止日: the anniversary at the end of the term (the first day no longer protected), plus any extension. */
export function termEndDate(type: PatentType, filingDate: IsoDate, termExtensionDays = 0): IsoDate {
  return addDays(addYears(filingDate, termYears(type, filingDate)), termExtensionDays);
}

/** Last protected day = addYears(filing, N) − 1 day (+ term compensation days). */
export function lastProtectedDay(type: PatentType, filingDate: IsoDate, termExtensionDays = 0): IsoDate {
  return addDays(termEndDate(type, filingDate, termExtensionDays), -1);
}

/** Patent year (专利年度) containing date d: 1 + whole years since filing. */
export function patentYear(filingDate: IsoDate, d: IsoDate): number {
  return 1 + wholeYearsBetween(filingDate, d);
}

/** The fee for year n is due by the start of year n. */
export function feeDueDate(filingDate: IsoDate, year: number): IsoDate {
  return addYears(filingDate, year - 1);
}

/** Full annual fee in fen by type and patent year (domain-rules §2 table); null when the year is outside the term. */
export function fullAnnualFeeFen(type: PatentType, filingDate: IsoDate, year: number): number | null {
  if (!Number.isInteger(year) || year < 1 || year > termYears(type, filingDate)) return null;
  let yuan: number;
  if (type === 'invention') {
    yuan = year <= 3 ? 900 : year <= 6 ? 1200 : year <= 9 ? 2000 : year <= 12 ? 4000 : year <= 15 ? 6000 : 8000;
  } else {
    yuan = year <= 3 ? 600 : year <= 5 ? 900 : year <= 8 ? 1200 : year <= 10 ? 2000 : 3000;
  }
  return yuan * 100;
}

/** 费减 kinds: none, single patentee (85%), joint patentees all qualifying (70%). */
export type FeeReductionKind = 'none' | 'single' | 'joint';
export const FEE_REDUCTION_LABELS: Record<FeeReductionKind, string> = { none: '无费减', single: '费减85%（单一专利权人）', joint: '费减70%（共有专利权人）' };
/** Reduction rates in basis points. */
const REDUCTION_BP: Record<FeeReductionKind, number> = { none: 0, single: 8500, joint: 7000 };
export const OPEN_LICENCE_REDUCTION_BP = 1500;
/** Annual fees are reduced for 10 years from the grant year (财税〔2018〕37号). */
export const REDUCTION_YEARS = 10;

export type FeeContext = {
  type: PatentType;
  filingDate: IsoDate;
  grantDate?: IsoDate | null;
  feeReduction?: FeeReductionKind;
  /** Open licence in force on the due date of the year considered. */
  openLicenceActive?: boolean;
};

export type AppliedReduction = { kind: 'none' | 'fee_reduction' | 'open_licence'; rateBp: number; label: string };

/** The best single reduction applicable to patent year `year` (not cumulative). */
export function applicableReduction(ctx: FeeContext, year: number): AppliedReduction {
  const candidates: AppliedReduction[] = [{ kind: 'none', rateBp: 0, label: '无减缴' }];
  const fr = ctx.feeReduction ?? 'none';
  if (fr !== 'none' && ctx.grantDate) {
    const gy = patentYear(ctx.filingDate, ctx.grantDate);
    if (year >= gy && year < gy + REDUCTION_YEARS) candidates.push({ kind: 'fee_reduction', rateBp: REDUCTION_BP[fr], label: FEE_REDUCTION_LABELS[fr] });
  }
  if (ctx.openLicenceActive) candidates.push({ kind: 'open_licence', rateBp: OPEN_LICENCE_REDUCTION_BP, label: '开放许可年费减免15%' });
  return candidates.reduce((best, c) => (c.rateBp > best.rateBp ? c : best));
}

/** Late-payment surcharge in percent of the full fee: 5% per whole month late, at most 25%; null when beyond the 6-month grace. */
export function surchargePercent(dueDate: IsoDate, payDate: IsoDate): number | null {
  if (payDate <= dueDate) return 0;
  if (payDate > addMonths(dueDate, 6)) return null;
  return Math.min(wholeMonthsBetween(dueDate, payDate), 5) * 5;
}

export type AnnualFeeQuote = {
  year: number;
  dueDate: IsoDate;
  /** Last day of the 6-month grace period (滞纳期). */
  graceEnd: IsoDate;
  fullFen: number;
  reduction: AppliedReduction;
  reducedFen: number;
  surchargePercent: number;
  surchargeFen: number;
  payableFen: number;
  /** Paying on payDate is too late: the right terminated from the due date. */
  beyondGrace: boolean;
};

/** What is payable for patent year `year` if paid on payDate (defaults to the due date). */
export function quoteAnnualFee(ctx: FeeContext, year: number, payDate?: IsoDate): AnnualFeeQuote | null {
  const full = fullAnnualFeeFen(ctx.type, ctx.filingDate, year);
  if (full === null) return null;
  const due = feeDueDate(ctx.filingDate, year);
  const reduction = applicableReduction(ctx, year);
  const reducedFen = full - mulRatio(full, reduction.rateBp, 10_000);
  const pct = surchargePercent(due, payDate ?? due);
  const surchargeFen = pct === null ? 0 : mulRatio(full, pct, 100);
  return {
    year, dueDate: due, graceEnd: addMonths(due, 6), fullFen: full, reduction, reducedFen,
    surchargePercent: pct ?? 25, surchargeFen, payableFen: reducedFen + surchargeFen, beyondGrace: pct === null,
  };
}

/** Restoration of rights (恢复权利) fee: 1000 元. */
export const RESTORATION_FEE_FEN = 100_000;

/** Restoration must be requested within 2 months of the notice and at most 2 years after the missed deadline. */
export function restorationDeadline(missedDueDate: IsoDate, noticeDate: IsoDate): IsoDate {
  return minDate(addMonths(noticeDate, 2), addYears(missedDueDate, 2));
}

/**
 * Maintenance years (维持年限): whole years from filing to the reference date, or to the lapse date if lapsed.
 * A restored patent is in force again and counts without a break.
 */
export function maintenanceYears(filingDate: IsoDate, asOf: IsoDate, lapseDate?: IsoDate | null): number {
  const end = lapseDate ? minDate(asOf, lapseDate) : asOf;
  return Math.max(0, wholeYearsBetween(filingDate, end));
}

/** In force and past the 10th anniversary of filing (CNIPA MAINT10). */
export function maintainedOver10(status: LegalStatus, filingDate: IsoDate, asOf: IsoDate): boolean {
  return status === 'in_force' && asOf > addYears(filingDate, 10);
}

export type LapseRiskLevel = 'lapsed' | 'terminated_unpaid' | 'grace' | 'due_soon' | 'expiring' | 'ok' | 'not_applicable';
export const LAPSE_RISK_LABELS: Record<LapseRiskLevel, string> = {
  lapsed: '已失效', terminated_unpaid: '滞纳期已过，专利权自应缴日起终止（可请求恢复）', grace: '滞纳期内：不缴即失效',
  due_soon: '年费即将到期', expiring: '即将届满', ok: '正常', not_applicable: '不适用（未授权）',
};

export type FeeStatusInput = FeeContext & {
  status: LegalStatus;
  lapseDate?: IsoDate | null;
  /** Any date inside the last patent year whose fee is paid (trunk column fee_paid_through). Null: assume paid through the current year. */
  feePaidThrough?: IsoDate | null;
  termExtensionDays?: number;
};

export type FeeStatus = {
  asOf: IsoDate;
  patentYear: number;
  termYears: number;
  lastProtectedDay: IsoDate;
  daysToExpiry: number;
  maintenanceYears: number;
  paidThroughYear: number | null;
  /** The next unpaid annual fee (null when the term ends first or the patent is not in force). */
  next: AnnualFeeQuote | null;
  /** Fee due for the next 12 months' year (the portfolio's yearly cost contribution), at the reduced rate. */
  yearlyCostFen: number;
  risk: LapseRiskLevel;
  riskLabel: string;
  explanation: string[];
};

/** Fee and lapse status of one patent as of a date. `dueSoonDays` = window for "fees due soon" (default 90). */
export function feeStatus(p: FeeStatusInput, asOf: IsoDate, dueSoonDays = 90): FeeStatus {
  const ty = termYears(p.type, p.filingDate);
  const last = lastProtectedDay(p.type, p.filingDate, p.termExtensionDays ?? 0);
  const py = patentYear(p.filingDate, asOf);
  const maint = maintenanceYears(p.filingDate, asOf, p.status === 'lapsed' ? p.lapseDate ?? asOf : null);
  const base = { asOf, patentYear: py, termYears: ty, lastProtectedDay: last, daysToExpiry: daysBetween(asOf, last), maintenanceYears: maint };
  const explanation: string[] = [];
  if (p.status === 'pending') {
    return { ...base, paidThroughYear: null, next: null, yearlyCostFen: 0, risk: 'not_applicable', riskLabel: LAPSE_RISK_LABELS.not_applicable, explanation: ['尚未授权，不缴年费'] };
  }
  if (p.status === 'lapsed' || asOf > last) {
    explanation.push(asOf > last ? `保护期已于 ${last} 届满` : `专利权已失效${p.lapseDate ? `（${p.lapseDate}）` : ''}`);
    return { ...base, paidThroughYear: null, next: null, yearlyCostFen: 0, risk: 'lapsed', riskLabel: LAPSE_RISK_LABELS.lapsed, explanation };
  }
  const paidThroughYear = p.feePaidThrough ? patentYear(p.filingDate, p.feePaidThrough) : py;
  if (!p.feePaidThrough) explanation.push(`无缴费记录，按已缴至第 ${py} 年度推定`);
  else explanation.push(`年费已缴至第 ${paidThroughYear} 年度`);
  const nextYear = paidThroughYear + 1;
  const next = nextYear <= ty ? quoteAnnualFee(p, nextYear, asOf > feeDueDate(p.filingDate, nextYear) ? asOf : undefined) : null;
  let risk: LapseRiskLevel = 'ok';
  if (next) {
    if (next.beyondGrace) {
      risk = 'terminated_unpaid';
      explanation.push(`第 ${next.year} 年度年费应于 ${next.dueDate} 缴纳，滞纳期至 ${next.graceEnd} 已过，专利权自 ${next.dueDate} 起终止`);
    } else if (asOf > next.dueDate) {
      risk = 'grace';
      explanation.push(`第 ${next.year} 年度年费已逾期，须在 ${next.graceEnd} 前缴纳（含滞纳金 ${next.surchargePercent}%），否则失效`);
    } else if (daysBetween(asOf, next.dueDate) <= dueSoonDays) {
      risk = 'due_soon';
      explanation.push(`第 ${next.year} 年度年费将于 ${next.dueDate} 到期`);
    }
  } else {
    explanation.push('保护期内年费已全部缴清');
  }
  if (risk === 'ok' && daysBetween(asOf, last) <= dueSoonDays) {
    risk = 'expiring';
    explanation.push(`保护期将于 ${last} 届满`);
  }
  const yearlyCostFen = next && !next.beyondGrace ? next.reducedFen : 0;
  return { ...base, paidThroughYear, next, yearlyCostFen, risk, riskLabel: LAPSE_RISK_LABELS[risk], explanation };
}
