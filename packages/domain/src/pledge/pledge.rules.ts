/**
 * Pledge financing (专利权质押融资) rules, domain-rules §8. Pure: "today" and every date are arguments.
 * Money is integer fen; ratios are basis points (1% = 100 bp, 100% = 10,000 bp).
 */
import { AppError } from '../common/app-error.ts';
import { addDays, addYears, type IsoDate } from '../common/dates.ts';
import { mulRatio, type Fen } from '../common/money.ts';
import type { LegalStatus, PatentType } from '../common/roles.ts';

// ---------------------------------------------------------------- states
export const PLEDGE_STATES = [
  'applied', // 已申请
  'valued', // 已评估
  'approved', // 银行已批准
  'rejected', // 银行已拒绝
  'registered', // 质押已登记 (the pledge exists from registration)
  'disbursed', // 已放款
  'repaid', // 已结清
  'released', // 已注销（解除质押）
  'defaulted', // 已违约
  'compensated', // 已获风险补偿
  'withdrawn', // 已撤回
] as const;
export type PledgeState = (typeof PLEDGE_STATES)[number];

export const PLEDGE_STATE_LABELS: Record<PledgeState, string> = {
  applied: '已申请', valued: '已评估', approved: '银行已批准', rejected: '银行已拒绝', registered: '质押已登记',
  disbursed: '已放款', repaid: '已结清', released: '已解除质押', defaulted: '已违约', compensated: '已风险补偿',
  withdrawn: '已撤回',
};

export const PLEDGE_TRANSITIONS: Record<PledgeState, readonly PledgeState[]> = {
  applied: ['valued', 'approved', 'rejected', 'withdrawn'],
  valued: ['approved', 'rejected', 'withdrawn'],
  approved: ['registered', 'withdrawn'],
  rejected: [],
  registered: ['disbursed', 'released'],
  disbursed: ['repaid', 'defaulted'],
  repaid: ['released'],
  released: [],
  defaulted: ['compensated', 'released'],
  compensated: ['released'],
  withdrawn: [],
};

export function canTransition(from: PledgeState, to: PledgeState): boolean {
  return PLEDGE_TRANSITIONS[from].includes(to);
}

export function assertTransition(from: PledgeState, to: PledgeState): void {
  if (!canTransition(from, to)) {
    throw new AppError('ILLEGAL_TRANSITION', `质押项目状态“${PLEDGE_STATE_LABELS[from]}”不能变为“${PLEDGE_STATE_LABELS[to]}”`, { from, to });
  }
}

/** States in which the pledge is registered and not yet released: the patent is encumbered. */
export const ENCUMBERING_STATES: readonly PledgeState[] = ['registered', 'disbursed', 'repaid', 'defaulted', 'compensated'];
export const isEncumbering = (s: PledgeState): boolean => ENCUMBERING_STATES.includes(s);

/** Registered pledges count in the indicators (PLEDGE_AMOUNT / PLEDGE_COUNT) in the year of registration. */
export const COUNTED_STATES: readonly PledgeState[] = ['registered', 'disbursed', 'repaid', 'released', 'defaulted', 'compensated'];

// ---------------------------------------------------------------- ratios
/**
 * Coverage ratio (抵质押覆盖率) = pledged value ÷ loan amount, in basis points, rounded half away from zero.
 * 5,000,000 元 valuation for a 2,000,000 元 loan → 25,000 bp (250%).
 */
export function coverageRatioBp(valuationFen: Fen, loanFen: Fen): number {
  if (loanFen <= 0) throw new AppError('VALIDATION', '贷款金额必须大于 0');
  if (valuationFen < 0) throw new AppError('VALIDATION', '评估价值不能为负');
  return mulRatio(valuationFen, 10_000, loanFen);
}

/** Pledge rate (质押率) = loan ÷ valuation, basis points. 2,000,000 / 5,000,000 → 4,000 bp (40%). */
export function pledgeRateBp(loanFen: Fen, valuationFen: Fen): number {
  if (valuationFen <= 0) throw new AppError('VALIDATION', '评估价值必须大于 0');
  return mulRatio(loanFen, 10_000, valuationFen);
}

/** Format basis points as a percent string: 25000 → "250.00%". */
export const formatBp = (bp: number): string => `${(bp / 100).toFixed(2)}%`;

// ---------------------------------------------------------------- risk share
export const RISK_PARTIES = ['fund', 'bank', 'insurer', 'guarantor', 'valuer'] as const;
export type RiskParty = (typeof RISK_PARTIES)[number];
export const RISK_PARTY_LABELS: Record<RiskParty, string> = {
  fund: '风险补偿资金', bank: '银行', insurer: '保险机构', guarantor: '担保机构', valuer: '评估机构',
};
/** Each party's share of a loss, basis points; must total 10,000 (100%). */
export type RiskShare = Record<RiskParty, number>;

export const RISK_SHARE_PRESETS: Record<string, { label: string; share: RiskShare }> = {
  zhongshan: { label: '中山模式 54:26:16:4', share: { fund: 5400, bank: 2600, insurer: 1600, guarantor: 0, valuer: 400 } },
  zhuhai: { label: '珠海模式 银行60:资金40', share: { fund: 4000, bank: 6000, insurer: 0, guarantor: 0, valuer: 0 } },
  shenzhen: { label: '深圳模式 1:1', share: { fund: 5000, bank: 5000, insurer: 0, guarantor: 0, valuer: 0 } },
};

/** Problems with a risk share (empty = valid): each share an integer 0..10000 and the total exactly 10000. */
export function riskShareProblems(share: RiskShare): string[] {
  const out: string[] = [];
  let total = 0;
  for (const p of RISK_PARTIES) {
    const v = share[p];
    if (!Number.isInteger(v) || v < 0 || v > 10_000) out.push(`${RISK_PARTY_LABELS[p]}分担比例须为 0～100% 之间`);
    else total += v;
  }
  if (out.length === 0 && total !== 10_000) out.push(`风险分担比例合计须为 100%，当前为 ${formatBp(total)}`);
  return out;
}

export function assertRiskShare(share: RiskShare): void {
  const p = riskShareProblems(share);
  if (p.length) throw new AppError('RULE_VIOLATION', p.join('；'), { riskShare: p });
}

/**
 * Split an amount by basis-point shares so that the parts add up exactly to the amount
 * (largest remainder; ties go to the earlier party in RISK_PARTIES order).
 */
export function splitByShare(amountFen: Fen, share: RiskShare): Record<RiskParty, Fen> {
  const big = BigInt(amountFen);
  const parts = RISK_PARTIES.map((p) => {
    const n = big * BigInt(share[p]);
    return { p, q: n / 10_000n, r: n % 10_000n };
  });
  let left = big - parts.reduce((s, x) => s + x.q, 0n);
  const order = [...parts].sort((a, b) => (b.r > a.r ? 1 : b.r < a.r ? -1 : 0));
  for (const x of order) {
    if (left <= 0n) break;
    if (x.r > 0n) { x.q += 1n; left -= 1n; }
  }
  const out = {} as Record<RiskParty, Fen>;
  for (const x of parts) out[x.p] = Number(x.q);
  return out;
}

export type RiskCompensationInput = {
  /** Principal outstanding at default. */
  outstandingPrincipalFen: Fen;
  /** Interest due and unpaid at default. Counted only if includeInterest. */
  unpaidInterestFen?: Fen;
  includeInterest?: boolean;
  /** Recovered from disposing of the pledged patents (质物处置) and other recoveries. */
  recoveredFen?: Fen;
  share: RiskShare;
  /** Cap on the fund's payment per loan [C]; null = none. */
  fundCapFen?: Fen | null;
};
export type RiskCompensationResult = {
  lossFen: Fen;
  parts: Record<RiskParty, Fen>;
  /** The amount the fiscal risk-compensation fund pays (after the cap). */
  fundPaysFen: Fen;
  capped: boolean;
};

/**
 * Risk-compensation claim amount: loss = outstanding principal (+ unpaid interest if included) − recoveries, never
 * below 0; each party bears loss × its share; the fund's part is capped by fundCapFen.
 * Worked example (中山 54:26:16:4): principal 1,000,000 元 outstanding, 200,000 元 recovered → loss 800,000 元,
 * fund 432,000 元, bank 208,000 元, insurer 128,000 元, valuer 32,000 元.
 */
export function computeRiskCompensation(i: RiskCompensationInput): RiskCompensationResult {
  assertRiskShare(i.share);
  for (const [k, v] of [['outstandingPrincipalFen', i.outstandingPrincipalFen], ['unpaidInterestFen', i.unpaidInterestFen ?? 0], ['recoveredFen', i.recoveredFen ?? 0]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new AppError('VALIDATION', '金额须为非负整数（分）', { field: k });
  }
  const gross = i.outstandingPrincipalFen + (i.includeInterest ? (i.unpaidInterestFen ?? 0) : 0);
  const lossFen = Math.max(0, gross - (i.recoveredFen ?? 0));
  const parts = splitByShare(lossFen, i.share);
  const cap = i.fundCapFen ?? null;
  const capped = cap !== null && parts.fund > cap;
  return { lossFen, parts, fundPaysFen: capped ? (cap as number) : parts.fund, capped };
}

// ---------------------------------------------------------------- repayments
export type Repayment = { date: IsoDate; principalFen: Fen; interestFen: Fen };

export function outstandingPrincipal(loanFen: Fen, repayments: readonly Repayment[]): Fen {
  return loanFen - repayments.reduce((s, r) => s + r.principalFen, 0);
}

/** Check a new repayment against the loan: positive amounts, not before the loan start, not more than outstanding. */
export function checkRepayment(loanFen: Fen, loanStart: IsoDate, previous: readonly Repayment[], next: Repayment): void {
  if (next.principalFen < 0 || next.interestFen < 0 || next.principalFen + next.interestFen <= 0) {
    throw new AppError('VALIDATION', '还款本金、利息须为非负且合计大于 0');
  }
  if (next.date < loanStart) throw new AppError('RULE_VIOLATION', '还款日期早于放款日期');
  const out = outstandingPrincipal(loanFen, previous);
  if (next.principalFen > out) throw new AppError('RULE_VIOLATION', `还款本金超过剩余本金（剩余 ${out / 100} 元）`);
}

// ---------------------------------------------------------------- patent term and refusal checks
/** Term in years by type and filing date (Art. 42, 2020). */
export function termYears(type: PatentType, filingDate: IsoDate): number {
  if (type === 'invention') return 20;
  if (type === 'utility_model') return 10;
  return filingDate >= '2021-06-01' ? 15 : 10;
}

/** Last day of protection: filing + N years − 1 day, plus any term extension. */
export function patentExpiry(type: PatentType, filingDate: IsoDate, termExtensionDays = 0): IsoDate {
  return addDays(addYears(filingDate, termYears(type, filingDate)), termExtensionDays - 1);
}

export type PledgePatentFacts = {
  patentId: number;
  applicationNumber: string;
  type: PatentType;
  filingDate: IsoDate | null;
  grantDate: IsoDate | null;
  legalStatus: LegalStatus;
  /** Annual fee paid through this date; a date before `asOf` means the grace period (滞纳期). */
  feePaidThrough?: IsoDate | null;
  termExtensionDays?: number;
  /** Organisation ids of the registered holders. */
  holderOrgIds: readonly number[];
  /** Proceedings suspended (ownership dispute or preservation order). */
  suspended?: boolean;
  /** Co-owners who gave written consent (org ids). */
  coOwnerConsentOrgIds?: readonly number[];
  /** Another registered, unreleased pledge on the patent. */
  activePledgeId?: number | null;
};

export const REFUSAL_REASONS = {
  NOT_OWNER: '出质人不是专利权人',
  NOT_GRANTED: '专利尚未授权',
  LAPSED: '专利已失效或被宣告无效',
  GRACE_PERIOD: '年费处于滞纳期',
  SUSPENDED: '专利权处于中止程序（权属纠纷或财产保全）',
  TERM_PAST_EXPIRY: '债务履行期限超过专利权有效期',
  NO_CO_OWNER_CONSENT: '共有专利缺少其他共有人同意',
  ALREADY_PLEDGED: '专利已质押且未解除',
} as const;
export type RefusalCode = keyof typeof REFUSAL_REASONS;
export type Refusal = { patentId: number; applicationNumber: string; code: RefusalCode; message: string };

/**
 * The checks before a pledge is recorded (§8): owner, granted and in force, no grace period, not suspended, the
 * debt term ending on or before the patent's last protected day, co-owners' consent, not pledged already.
 */
export function pledgeRefusals(p: {
  pledgorOrgId: number;
  debtTermEnd: IsoDate;
  asOf: IsoDate;
  patents: readonly PledgePatentFacts[];
}): Refusal[] {
  const out: Refusal[] = [];
  for (const pt of p.patents) {
    const add = (code: RefusalCode, extra = '') =>
      out.push({ patentId: pt.patentId, applicationNumber: pt.applicationNumber, code, message: `${pt.applicationNumber}：${REFUSAL_REASONS[code]}${extra}` });
    if (!pt.holderOrgIds.includes(p.pledgorOrgId)) add('NOT_OWNER');
    if (pt.legalStatus === 'pending' || !pt.grantDate) add('NOT_GRANTED');
    else if (pt.legalStatus === 'lapsed') add('LAPSED');
    if (pt.legalStatus === 'in_force' && pt.feePaidThrough && pt.feePaidThrough < p.asOf) add('GRACE_PERIOD');
    if (pt.suspended) add('SUSPENDED');
    if (pt.filingDate) {
      const exp = patentExpiry(pt.type, pt.filingDate, pt.termExtensionDays ?? 0);
      if (p.debtTermEnd > exp) add('TERM_PAST_EXPIRY', `（专利有效期至 ${exp}，债务期限至 ${p.debtTermEnd}）`);
    }
    const others = pt.holderOrgIds.filter((o) => o !== p.pledgorOrgId);
    if (others.length > 0 && pt.holderOrgIds.includes(p.pledgorOrgId)) {
      const consent = pt.coOwnerConsentOrgIds ?? [];
      if (!others.every((o) => consent.includes(o))) add('NO_CO_OWNER_CONSENT');
    }
    if (pt.activePledgeId) add('ALREADY_PLEDGED', `（质押项目 #${pt.activePledgeId}）`);
  }
  return out;
}

/**
 * Whether a transfer or licence of a patent needs the pledgee's consent: true while a pledge on it is
 * registered and not released (ties to the deal and open-licence rules).
 */
export function needsPledgeeConsent(pledgeStates: readonly PledgeState[]): boolean {
  return pledgeStates.some(isEncumbering);
}

// ---------------------------------------------------------------- loan terms
export type LoanTerms = {
  loanFen: Fen;
  rateBp: number; // annual rate in basis points, e.g. 385 = 3.85%
  start: IsoDate;
  end: IsoDate;
  securedAmountFen?: Fen | null;
  debtTermEnd?: IsoDate | null;
  creditLineRemainingFen?: Fen | null;
};

/** Problems with the loan terms (empty = fine). */
export function loanProblems(t: LoanTerms): string[] {
  const out: string[] = [];
  if (!(t.loanFen > 0)) out.push('贷款金额须大于 0');
  if (t.rateBp < 0 || t.rateBp > 3600) out.push('年利率须在 0～36% 之间');
  if (t.end <= t.start) out.push('贷款到期日须晚于放款日');
  if (t.securedAmountFen != null && t.loanFen > t.securedAmountFen) out.push('贷款金额不能超过质押登记的被担保债权数额');
  if (t.debtTermEnd && t.end > t.debtTermEnd) out.push('贷款到期日不能晚于登记的债务履行期限');
  if (t.creditLineRemainingFen != null && t.loanFen > t.creditLineRemainingFen) out.push('贷款金额超过集合授信剩余额度');
  return out;
}

/** Simple interest for a period: principal × rate × days / 365, rounded half away from zero. */
export function simpleInterest(principalFen: Fen, rateBp: number, days: number): Fen {
  return mulRatio(principalFen, rateBp * days, 10_000 * 365);
}

// ---------------------------------------------------------------- group credit (集合授信)
export type BatchMember = { pledgeId: number; pledgorOrgId: number; loanFen: Fen | null; state: PledgeState };
export type BatchSummary = {
  members: number;
  enterprises: number;
  usedFen: Fen;
  remainingFen: Fen;
  registered: number;
};

/** Sum a group-credit batch: used = loans of members that are not rejected/withdrawn. */
export function summariseBatch(creditLineFen: Fen, members: readonly BatchMember[]): BatchSummary {
  const live = members.filter((m) => m.state !== 'rejected' && m.state !== 'withdrawn');
  const usedFen = live.reduce((s, m) => s + (m.loanFen ?? 0), 0);
  return {
    members: members.length,
    enterprises: new Set(live.map((m) => m.pledgorOrgId)).size,
    usedFen,
    remainingFen: creditLineFen - usedFen,
    registered: members.filter((m) => COUNTED_STATES.includes(m.state)).length,
  };
}
