/**
 * Subsidy and award policies (奖补政策) as data. A policy is a region, a year, a budget, who may apply, what it pays
 * for (the kind of item claimed) and an amount rule. Its editable part (`PolicyTerms`) is versioned: an application is
 * judged by the version in force on the day it was submitted. Money is integer fen; rates are basis points
 * (1% = 100 bp, 100% = 10,000 bp).
 */
import { AppError } from '../common/app-error.ts';
import type { IsoDate } from '../common/dates.ts';
import type { Fen } from '../common/money.ts';
import type { OrgType, PatentType, SizeClass } from '../common/roles.ts';

// ---------------------------------------------------------------- what a policy pays for
/** The kind of record (item) an application claims on. One item can be claimed once under a policy. */
export const ITEM_KINDS = [
  'pledge_loan', // a fully repaid patent pledge loan (its evaluation fee, insurance premium, interest)
  'patent_grant', // a granted patent (subsidy after grant, capped by the official fees paid)
  'enterprise_honour', // a new IP demonstration / advantage enterprise title
  'patent_award', // China Patent Award, provincial patent award
  'deal', // an SME's patent deal (transfer, licence, equity) with its payments: conversion costs
  'county_evaluation', // a county's yearly performance evaluation (县区绩效奖补)
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
export const ITEM_KIND_LABELS: Record<ItemKind, string> = {
  pledge_loan: '已结清的专利质押贷款',
  patent_grant: '已授权专利',
  enterprise_honour: '知识产权示范/优势企业称号',
  patent_award: '专利奖',
  deal: '专利转化交易（受让、许可、作价入股）',
  county_evaluation: '县区年度绩效评价',
};

export const HONOUR_KINDS = [
  'national_ip_demonstration', 'national_ip_advantage',
  'henan_ip_leading', 'henan_ip_demonstration', 'henan_ip_advantage',
] as const;
export type HonourKind = (typeof HONOUR_KINDS)[number];
export const HONOUR_KIND_LABELS: Record<HonourKind, string> = {
  national_ip_demonstration: '国家知识产权示范企业',
  national_ip_advantage: '国家知识产权优势企业',
  henan_ip_leading: '河南省知识产权领军企业',
  henan_ip_demonstration: '河南省知识产权示范企业',
  henan_ip_advantage: '河南省知识产权优势企业',
};

export const AWARD_KINDS = ['china_patent_award', 'henan_patent_award', 'national_sci_tech_award'] as const;
export type AwardKind = (typeof AWARD_KINDS)[number];
export const AWARD_KIND_LABELS: Record<AwardKind, string> = {
  china_patent_award: '中国专利奖',
  henan_patent_award: '河南省专利奖',
  national_sci_tech_award: '国家科学技术奖',
};

export const SUBSIDY_DEAL_KINDS = ['transfer', 'licence', 'equity'] as const;
export type SubsidyDealKind = (typeof SUBSIDY_DEAL_KINDS)[number];

// ---------------------------------------------------------------- amount rules
/** Amounts a rate can be applied to. */
export const BASE_KINDS = ['loan_amount', 'official_fees', 'deal_paid', 'deal_contract'] as const;
export type BaseKind = (typeof BASE_KINDS)[number];
export const BASE_KIND_LABELS: Record<BaseKind, string> = {
  loan_amount: '贷款金额', official_fees: '已缴官方规定费用', deal_paid: '交易实际支付金额', deal_contract: '合同成交金额',
};

/** Costs actually borne by the applicant, of which a share can be paid. */
export const COST_KINDS = ['interest', 'insurance_premium', 'valuation_fee', 'official_fees', 'deal_payment', 'service_fee'] as const;
export type CostKind = (typeof COST_KINDS)[number];
export const COST_KIND_LABELS: Record<CostKind, string> = {
  interest: '利息', insurance_premium: '保险费', valuation_fee: '评估费', official_fees: '官方规定费用',
  deal_payment: '转让/许可费用（实际支付）', service_fee: '服务费（评估、代理、检索等）',
};

/** One cost line of a cost-share rule: min(share × actual cost, baseRate × base, cap). */
export type CostComponent = {
  cost: CostKind;
  /** Share of the actual cost paid, bp (10,000 = all of it). */
  shareBp: number;
  /** Optional ceiling as a rate of a base amount (e.g. interest ≤ 3% of the loan). */
  baseRateBp?: number | null;
  base?: BaseKind | null;
  /** Optional ceiling per item for this line. */
  capFen?: Fen | null;
};

export type ScoreTier = { minScore: number; amountFen: Fen };

export type AmountRule =
  /** A fixed amount (最高 X 元: the amount is the ceiling; reviewers may lower it). */
  | { kind: 'fixed'; amountFen: Fen }
  /** rate × base. */
  | { kind: 'rate'; base: BaseKind; rateBp: number }
  /** A share of each cost line, each line capped. */
  | { kind: 'cost_share'; components: CostComponent[] }
  /** An amount by score band (county performance awards): the highest tier whose minScore ≤ score. */
  | { kind: 'tiered'; tiers: ScoreTier[] };

export const AMOUNT_RULE_KINDS = ['fixed', 'rate', 'cost_share', 'tiered'] as const;
export const AMOUNT_RULE_LABELS: Record<AmountRule['kind'], string> = {
  fixed: '定额（最高）', rate: '比例 × 基数', cost_share: '费用分担', tiered: '按评分分档',
};

// ---------------------------------------------------------------- who may apply, what qualifies
export type PolicyCriteria = {
  /** Allowed organisation types; null = any. */
  orgTypes: OrgType[] | null;
  /** Allowed size classes; null = any. */
  sizeClasses: SizeClass[] | null;
  /** Only 中小微企业 (isSme). */
  smeOnly: boolean;
  /** The applicant must be registered inside the policy's region. */
  inRegion: boolean;
  /** The record's date (repayment, grant, title, award, contract, evaluation year) must fall in the policy year. */
  recordInPolicyYear: boolean;
  honourKinds?: HonourKind[] | null;
  awardKinds?: AwardKind[] | null;
  patentTypes?: PatentType[] | null;
  dealKinds?: SubsidyDealKind[] | null;
  /** Minimum evaluation score for county awards (below it: not eligible). */
  minScore?: number | null;
};

/** The editable, versioned part of a policy. */
export type PolicyTerms = {
  name: string;
  description: string;
  budgetFen: Fen;
  criteria: PolicyCriteria;
  rule: AmountRule;
  /** Ceiling per item (per loan, per patent, per deal …). */
  perItemCapFen: Fen | null;
  /** Ceiling per organisation per policy year, over all its applications under the policy. */
  perOrgYearCapFen: Fen | null;
  /** All subsidies of every level for one patent ≤ this share of the official fees paid for it (鄂尔多斯 50%). */
  feeShareCapBp: number | null;
  /** Above this claimed amount two different reviewers are required. */
  twoReviewerThresholdFen: Fen;
  /** Length of the public notice (公示) in calendar days. */
  noticeDays: number;
  /** Where the rule comes from and which numbers are the office's own settings. */
  source: string;
  notes: string;
};

export type PolicyVersion = {
  version: number;
  /** The version applies to applications submitted on or after this date. */
  effectiveFrom: IsoDate;
  terms: PolicyTerms;
};

export type SubsidyPolicy = {
  code: string;
  regionCode: string;
  regionName: string;
  year: number;
  itemKind: ItemKind;
  versions: PolicyVersion[];
};

// ---------------------------------------------------------------- regions
/** GB/T 2260 code without its trailing "00" pairs: 411000 → 4110, 510000 → 51, 411002 → 411002. */
export function regionPrefix(code: string): string {
  let c = code.trim();
  while (c.length > 2 && c.endsWith('00')) c = c.slice(0, -2);
  return c;
}

/** Whether region `inner` lies within region `outer` (a county within its city, a city within its province). */
export function regionContains(outer: string, inner: string | null | undefined): boolean {
  if (!inner) return false;
  return regionPrefix(inner).startsWith(regionPrefix(outer));
}

// ---------------------------------------------------------------- versions
/** The version in force on `date`: the greatest effectiveFrom ≤ date (the higher number wins a tie). */
export function versionInForce(versions: readonly PolicyVersion[], date: IsoDate): PolicyVersion {
  let best: PolicyVersion | null = null;
  for (const v of versions) {
    if (v.effectiveFrom > date) continue;
    if (!best || v.effectiveFrom > best.effectiveFrom || (v.effectiveFrom === best.effectiveFrom && v.version > best.version)) best = v;
  }
  if (!best) throw new AppError('RULE_VIOLATION', `该政策在 ${date} 尚未生效`, { date });
  return best;
}

/** Problems with a set of terms (empty = valid). Messages in Chinese. */
export function termsProblems(t: PolicyTerms): string[] {
  const out: string[] = [];
  const money = (v: Fen | null | undefined, label: string) => {
    if (v != null && (!Number.isSafeInteger(v) || v < 0)) out.push(`${label}须为非负整数（分）`);
  };
  const bp = (v: number | null | undefined, label: string, max = 10_000) => {
    if (v != null && (!Number.isInteger(v) || v < 0 || v > max)) out.push(`${label}须在 0～${max / 100}% 之间`);
  };
  if (!t.name || t.name.trim().length < 2) out.push('请填写政策名称');
  money(t.budgetFen, '预算');
  money(t.perItemCapFen, '单项上限');
  money(t.perOrgYearCapFen, '每单位每年上限');
  money(t.twoReviewerThresholdFen, '双人复核金额');
  bp(t.feeShareCapBp, '官费比例上限');
  if (!Number.isInteger(t.noticeDays) || t.noticeDays < 1 || t.noticeDays > 60) out.push('公示期须为 1～60 天');
  const r = t.rule;
  switch (r.kind) {
    case 'fixed':
      money(r.amountFen, '定额');
      if (r.amountFen <= 0) out.push('定额须大于 0');
      break;
    case 'rate':
      bp(r.rateBp, '比例');
      if (!BASE_KINDS.includes(r.base)) out.push('计算基数不正确');
      break;
    case 'cost_share':
      if (r.components.length === 0) out.push('费用分担规则至少需要一项费用');
      for (const c of r.components) {
        const l = COST_KIND_LABELS[c.cost] ?? c.cost;
        if (!COST_KINDS.includes(c.cost)) out.push(`费用类型不正确：${c.cost}`);
        bp(c.shareBp, `${l}资助比例`);
        bp(c.baseRateBp, `${l}占基数比例上限`);
        money(c.capFen, `${l}上限`);
        if (c.baseRateBp != null && !c.base) out.push(`${l}：设置了基数比例上限，须选择基数`);
      }
      if (new Set(r.components.map((c) => c.cost)).size !== r.components.length) out.push('费用类型不能重复');
      break;
    case 'tiered': {
      if (r.tiers.length === 0) out.push('分档规则至少需要一档');
      for (const tier of r.tiers) {
        money(tier.amountFen, '分档金额');
        if (!Number.isFinite(tier.minScore)) out.push('分档最低分须为数字');
      }
      if (new Set(r.tiers.map((x) => x.minScore)).size !== r.tiers.length) out.push('分档最低分不能重复');
      break;
    }
  }
  return out;
}

export function assertTerms(t: PolicyTerms): void {
  const p = termsProblems(t);
  if (p.length) throw new AppError('VALIDATION', p.join('；'), { terms: p });
}

/**
 * A new version of a policy's terms. Versions are append-only: the new one gets the next number and must not take
 * effect before the latest existing version (so that no submitted application changes the version it is judged by).
 */
export function nextVersion(versions: readonly PolicyVersion[], terms: PolicyTerms, effectiveFrom: IsoDate): PolicyVersion {
  assertTerms(terms);
  const latest = versions.reduce<PolicyVersion | null>((a, v) => (!a || v.version > a.version ? v : a), null);
  if (latest && effectiveFrom < latest.effectiveFrom) {
    throw new AppError('RULE_VIOLATION', `新版本的生效日期不能早于第 ${latest.version} 版的生效日期 ${latest.effectiveFrom}`, { effectiveFrom });
  }
  return { version: (latest?.version ?? 0) + 1, effectiveFrom, terms };
}

/** Human-readable one-line description of an amount rule, in Chinese. */
export function describeRule(rule: AmountRule): string {
  const pct = (bp: number) => `${(bp / 100).toFixed(bp % 100 === 0 ? 0 : 2)}%`;
  const yuan = (fen: Fen) => `${(fen / 100).toLocaleString('en-US')} 元`;
  switch (rule.kind) {
    case 'fixed':
      return `定额，最高 ${yuan(rule.amountFen)}`;
    case 'rate':
      return `${BASE_KIND_LABELS[rule.base]} × ${pct(rule.rateBp)}`;
    case 'cost_share':
      return rule.components.map((c) => {
        const parts = [`${COST_KIND_LABELS[c.cost]}的 ${pct(c.shareBp)}`];
        if (c.baseRateBp != null && c.base) parts.push(`不超过${BASE_KIND_LABELS[c.base]}的 ${pct(c.baseRateBp)}`);
        if (c.capFen != null) parts.push(`最高 ${yuan(c.capFen)}`);
        return parts.join('，');
      }).join('；');
    case 'tiered':
      return [...rule.tiers].sort((a, b) => b.minScore - a.minScore).map((t) => `${t.minScore} 分以上 ${yuan(t.amountFen)}`).join('；');
  }
}
