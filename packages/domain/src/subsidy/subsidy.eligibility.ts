/**
 * Eligibility of a claim, pre-checked from the records it rests on (passed in as plain data: the API loads them from
 * the pledge, deal and patent ledgers and the office's register of titles, awards and county evaluations). Pure.
 * The result lists every check with its reason, the evidence still missing, and the amount with its steps.
 */
import type { IsoDate } from '../common/dates.ts';
import { yearOf } from '../common/dates.ts';
import { formatYuan, type Fen } from '../common/money.ts';
import {
  isSme, ORG_TYPE_LABELS, PATENT_TYPE_LABELS, SIZE_CLASS_LABELS,
  type LegalStatus, type OrgType, type PatentType, type SizeClass,
} from '../common/roles.ts';
import { computeAmount, type AmountInputs, type AmountResult } from './subsidy.amount.ts';
import {
  AWARD_KIND_LABELS, HONOUR_KIND_LABELS, ITEM_KIND_LABELS, regionContains, regionPrefix,
  type AwardKind, type HonourKind, type ItemKind, type PolicyTerms, type SubsidyDealKind,
} from './subsidy.policy.ts';

export type Applicant = {
  orgId: number;
  name?: string;
  orgType: OrgType;
  sizeClass: SizeClass | null;
  regionCode: string | null;
};

export type PledgeLoanRecord = {
  kind: 'pledge_loan';
  id: number;
  pledgorOrgId: number;
  loanAmountFen: Fen;
  /** Principal and interest fully repaid (还本付息完毕), as the pledge ledger says. */
  fullyRepaid: boolean;
  repaidOn: IsoDate | null;
  interestPaidFen: Fen;
  premiumFen: Fen;
  valuationFeeFen: Fen;
  /** Already subsidised for this loan by another fiscal source. */
  otherFiscalSubsidyFen?: Fen;
};

export type PatentRecord = {
  kind: 'patent';
  id: number;
  number?: string;
  title?: string;
  ownerOrgIds: number[];
  patentType: PatentType;
  legalStatus: LegalStatus;
  grantDate: IsoDate | null;
  /** Official fees paid for the patent (申请费、审查费、登记费、年费 …); null when not recorded. */
  officialFeesPaidFen: Fen | null;
  /** Subsidies of every level already received for this patent outside this policy. */
  priorSubsidiesFen?: Fen;
};

export type HonourRecord = { kind: 'honour'; id: number; orgId: number; honour: HonourKind; date: IsoDate };
export type AwardRecord = { kind: 'award'; id: number; orgId: number; award: AwardKind; date: IsoDate; patentId?: number | null };
export type DealRecord = {
  kind: 'deal';
  id: number;
  /** Organisations on the receiving side (受让方、被许可方、被投资方). */
  buyerOrgIds: number[];
  dealKind: SubsidyDealKind;
  contractDate: IsoDate | null;
  contractAmountFen: Fen;
  /** Money actually paid on the deal (实际支付/到账). */
  paidFen: Fen;
  serviceFeeFen?: Fen;
};
export type CountyEvaluationRecord = { kind: 'county_evaluation'; id: number; regionCode: string; year: number; score: number };

export type EvidenceRecord = PledgeLoanRecord | PatentRecord | HonourRecord | AwardRecord | DealRecord | CountyEvaluationRecord;

/** Which record kind each item kind rests on. */
export const RECORD_KIND_OF: Record<ItemKind, EvidenceRecord['kind']> = {
  pledge_loan: 'pledge_loan',
  patent_grant: 'patent',
  enterprise_honour: 'honour',
  patent_award: 'award',
  deal: 'deal',
  county_evaluation: 'county_evaluation',
};

export const EVIDENCE_LABELS: Record<EvidenceRecord['kind'], string> = {
  pledge_loan: '已完成还本付息的专利质押贷款记录（含评估费、保险费、利息凭证）',
  patent: '专利授权记录及官方缴费凭证',
  honour: '知识产权示范/优势企业认定文件',
  award: '专利奖获奖证书',
  deal: '专利转让/许可/作价入股合同及付款凭证',
  county_evaluation: '县区年度绩效评价结果',
};

/** The key under which an item may be claimed once per policy. */
export function itemKeyOf(r: EvidenceRecord): string {
  if (r.kind === 'county_evaluation') return `county_evaluation:${regionPrefix(r.regionCode)}:${r.year}`;
  return `${r.kind}:${r.id}`;
}

/** The date that places a record in a year. */
export function recordDate(r: EvidenceRecord): IsoDate | null {
  switch (r.kind) {
    case 'pledge_loan': return r.repaidOn;
    case 'patent': return r.grantDate;
    case 'honour': return r.date;
    case 'award': return r.date;
    case 'deal': return r.contractDate;
    case 'county_evaluation': return `${r.year}-12-31`;
  }
}

export type Check = { code: string; ok: boolean; message: string };

export type PolicyHeader = { regionCode: string; year: number; itemKind: ItemKind };

export type ClaimContext = {
  applicationDate: IsoDate;
  /** Item keys already claimed under this policy by applications that are not rejected or withdrawn. */
  claimedItemKeys?: readonly string[];
  /** Other applications of the organisation under this policy in the policy year (not rejected or withdrawn). */
  orgYearGrantedFen?: Fen;
  /** Subsidies already granted on this platform for the same item under other policies (e.g. the same patent). */
  platformPriorForItemFen?: Fen;
  requestedFen?: Fen | null;
};

export type Assessment = {
  eligible: boolean;
  itemKey: string | null;
  checks: Check[];
  /** Evidence still to attach (Chinese). */
  missingEvidence: string[];
  amount: AmountResult | null;
};

/** The amount inputs a record provides. */
export function amountInputsOf(r: EvidenceRecord, ctx: ClaimContext): AmountInputs {
  const common = { orgYearGrantedFen: ctx.orgYearGrantedFen ?? 0, requestedFen: ctx.requestedFen ?? null };
  const platformPrior = ctx.platformPriorForItemFen ?? 0;
  switch (r.kind) {
    case 'pledge_loan':
      return {
        ...common,
        bases: { loan_amount: r.loanAmountFen },
        costs: { interest: r.interestPaidFen, insurance_premium: r.premiumFen, valuation_fee: r.valuationFeeFen },
        priorSubsidiesForItemFen: (r.otherFiscalSubsidyFen ?? 0) + platformPrior,
      };
    case 'patent':
      return {
        ...common,
        bases: r.officialFeesPaidFen == null ? {} : { official_fees: r.officialFeesPaidFen },
        costs: r.officialFeesPaidFen == null ? {} : { official_fees: r.officialFeesPaidFen },
        officialFeesPaidFen: r.officialFeesPaidFen,
        priorSubsidiesForItemFen: (r.priorSubsidiesFen ?? 0) + platformPrior,
      };
    case 'deal':
      return {
        ...common,
        bases: { deal_paid: r.paidFen, deal_contract: r.contractAmountFen },
        costs: { deal_payment: r.paidFen, ...(r.serviceFeeFen != null ? { service_fee: r.serviceFeeFen } : {}) },
        priorSubsidiesForItemFen: platformPrior,
      };
    case 'county_evaluation':
      return { ...common, score: r.score, priorSubsidiesForItemFen: platformPrior };
    case 'honour':
    case 'award':
      return { ...common, priorSubsidiesForItemFen: platformPrior };
  }
}

function applicantChecks(policy: PolicyHeader, terms: PolicyTerms, a: Applicant): Check[] {
  const c = terms.criteria;
  const out: Check[] = [];
  if (c.orgTypes && c.orgTypes.length) {
    const ok = c.orgTypes.includes(a.orgType);
    out.push({ code: 'ORG_TYPE', ok, message: ok ? `机构类型“${ORG_TYPE_LABELS[a.orgType]}”符合` : `本政策仅限${c.orgTypes.map((t) => ORG_TYPE_LABELS[t]).join('、')}申请，申请单位为${ORG_TYPE_LABELS[a.orgType]}` });
  }
  if (c.sizeClasses && c.sizeClasses.length) {
    const ok = a.sizeClass != null && c.sizeClasses.includes(a.sizeClass);
    out.push({ code: 'SIZE_CLASS', ok, message: ok ? `企业规模“${SIZE_CLASS_LABELS[a.sizeClass!]}”符合` : a.sizeClass == null ? '申请单位未登记企业规模' : `本政策仅限${c.sizeClasses.map((s) => SIZE_CLASS_LABELS[s]).join('、')}企业，申请单位为${SIZE_CLASS_LABELS[a.sizeClass]}企业` });
  }
  if (c.smeOnly) {
    const ok = isSme(a.orgType, a.sizeClass);
    out.push({ code: 'SME', ok, message: ok ? '申请单位为中小微企业' : '本政策仅限中小微企业申请（须为企业且规模为中型、小型或微型）' });
  }
  if (c.inRegion) {
    const ok = regionContains(policy.regionCode, a.regionCode);
    out.push({ code: 'REGION', ok, message: ok ? '申请单位注册地在政策区域内' : a.regionCode ? `申请单位注册地（${a.regionCode}）不在政策区域（${policy.regionCode}）内` : '申请单位未登记注册地行政区划' });
  }
  return out;
}

function recordChecks(policy: PolicyHeader, terms: PolicyTerms, a: Applicant, r: EvidenceRecord, ctx: ClaimContext, missing: string[]): Check[] {
  const c = terms.criteria;
  const out: Check[] = [];
  const today = ctx.applicationDate;
  switch (r.kind) {
    case 'pledge_loan': {
      const own = r.pledgorOrgId === a.orgId;
      out.push({ code: 'OWNER', ok: own, message: own ? '出质人为申请单位' : '该质押贷款的出质人不是申请单位' });
      const repaid = r.fullyRepaid && r.repaidOn != null && r.repaidOn <= today;
      out.push({ code: 'REPAID', ok: repaid, message: repaid ? `贷款已于 ${r.repaidOn} 还本付息完毕` : '贷款尚未完成还本付息，结清后方可申请' });
      if (!repaid) missing.push('贷款结清证明（还本付息完毕）');
      const other = r.otherFiscalSubsidyFen ?? 0;
      out.push({ code: 'NO_OTHER_FISCAL', ok: other === 0, message: other === 0 ? '该贷款未获其他财政资金资助' : '该贷款已获其他财政资金资助，不得重复资助' });
      break;
    }
    case 'patent': {
      const own = r.ownerOrgIds.includes(a.orgId);
      out.push({ code: 'OWNER', ok: own, message: own ? '申请单位为专利权人' : '申请单位不是该专利的专利权人' });
      if (c.patentTypes && c.patentTypes.length) {
        const ok = c.patentTypes.includes(r.patentType);
        out.push({ code: 'PATENT_TYPE', ok, message: ok ? `专利类型“${PATENT_TYPE_LABELS[r.patentType]}”符合` : `本政策仅资助${c.patentTypes.map((t) => PATENT_TYPE_LABELS[t]).join('、')}专利` });
      }
      const granted = r.grantDate != null && r.grantDate <= today;
      out.push({ code: 'GRANTED', ok: granted, message: granted ? `专利已于 ${r.grantDate} 授权` : '专利尚未授权：本政策采用授权后补助，授权后方可申请' });
      if (!granted) missing.push('专利授权公告（授权后方可申请）');
      const inForce = r.legalStatus === 'in_force';
      out.push({ code: 'IN_FORCE', ok: inForce, message: inForce ? '专利权有效' : '专利权不在有效状态' });
      if (terms.feeShareCapBp != null || terms.rule.kind === 'rate' || terms.rule.kind === 'cost_share') {
        const has = r.officialFeesPaidFen != null;
        out.push({ code: 'FEES', ok: has, message: has ? '已记录官方缴费金额' : '缺少官方规定费用缴费记录' });
        if (!has) missing.push('官方规定费用缴费凭证');
      }
      break;
    }
    case 'honour': {
      const own = r.orgId === a.orgId;
      out.push({ code: 'OWNER', ok: own, message: own ? '称号授予申请单位' : '该称号不是授予申请单位的' });
      const ok = !c.honourKinds?.length || c.honourKinds.includes(r.honour);
      out.push({ code: 'HONOUR_KIND', ok, message: ok ? `称号“${HONOUR_KIND_LABELS[r.honour]}”符合` : `本政策仅奖励${(c.honourKinds ?? []).map((h) => HONOUR_KIND_LABELS[h]).join('、')}` });
      break;
    }
    case 'award': {
      const own = r.orgId === a.orgId;
      out.push({ code: 'OWNER', ok: own, message: own ? '获奖单位为申请单位' : '获奖单位不是申请单位' });
      const ok = !c.awardKinds?.length || c.awardKinds.includes(r.award);
      out.push({ code: 'AWARD_KIND', ok, message: ok ? `奖项“${AWARD_KIND_LABELS[r.award]}”符合` : `本政策仅奖励${(c.awardKinds ?? []).map((k) => AWARD_KIND_LABELS[k]).join('、')}` });
      break;
    }
    case 'deal': {
      const own = r.buyerOrgIds.includes(a.orgId);
      out.push({ code: 'OWNER', ok: own, message: own ? '申请单位为受让方/被许可方' : '申请单位不是该交易的受让方/被许可方' });
      if (c.dealKinds && c.dealKinds.length) {
        const ok = c.dealKinds.includes(r.dealKind);
        out.push({ code: 'DEAL_KIND', ok, message: ok ? '交易类型符合' : '交易类型不在本政策资助范围内' });
      }
      const paid = r.paidFen > 0;
      out.push({ code: 'PAID', ok: paid, message: paid ? '交易已有实际付款' : '交易尚无实际付款记录' });
      if (!paid) missing.push('交易付款凭证');
      const dated = r.contractDate != null && r.contractDate <= today;
      out.push({ code: 'CONTRACT', ok: dated, message: dated ? `合同签订日 ${r.contractDate}` : '缺少合同签订日期' });
      if (!dated) missing.push('已签订的交易合同');
      break;
    }
    case 'county_evaluation': {
      const own = a.regionCode != null && regionPrefix(a.regionCode) === regionPrefix(r.regionCode);
      out.push({ code: 'OWNER', ok: own, message: own ? '评价对象为申请单位所在县区' : '评价对象不是申请单位所在县区' });
      const inside = regionContains(policy.regionCode, r.regionCode);
      out.push({ code: 'COUNTY_REGION', ok: inside, message: inside ? '县区在政策区域内' : '县区不在政策区域内' });
      if (c.minScore != null) {
        const ok = r.score >= c.minScore;
        out.push({ code: 'SCORE', ok, message: ok ? `评价得分 ${r.score} 达到 ${c.minScore} 分` : `评价得分 ${r.score} 低于 ${c.minScore} 分` });
      }
      break;
    }
  }
  if (c.recordInPolicyYear) {
    const d = recordDate(r);
    const ok = d != null && yearOf(d) === policy.year;
    out.push({ code: 'YEAR', ok, message: ok ? `记录日期在 ${policy.year} 年度内` : `记录日期${d ? `（${d}）` : ''}不在政策年度 ${policy.year} 年内` });
  }
  return out;
}

/**
 * Pre-check a claim: the applicant, the record, that the item was not claimed before under this policy, and the amount.
 * Eligible when every check passes, no evidence is missing and the amount is positive.
 */
export function assessClaim(policy: PolicyHeader, terms: PolicyTerms, applicant: Applicant, record: EvidenceRecord | null, ctx: ClaimContext): Assessment {
  const missing: string[] = [];
  const checks = applicantChecks(policy, terms, applicant);
  const expected = RECORD_KIND_OF[policy.itemKind];
  if (!record) {
    missing.push(EVIDENCE_LABELS[expected]);
    checks.push({ code: 'RECORD', ok: false, message: `请选择${ITEM_KIND_LABELS[policy.itemKind]}记录` });
    return { eligible: false, itemKey: null, checks, missingEvidence: missing, amount: null };
  }
  if (record.kind !== expected) {
    missing.push(EVIDENCE_LABELS[expected]);
    checks.push({ code: 'RECORD', ok: false, message: `本政策资助${ITEM_KIND_LABELS[policy.itemKind]}，所附记录类型不符` });
    return { eligible: false, itemKey: null, checks, missingEvidence: missing, amount: null };
  }
  checks.push(...recordChecks(policy, terms, applicant, record, ctx, missing));
  const itemKey = itemKeyOf(record);
  const claimed = (ctx.claimedItemKeys ?? []).includes(itemKey);
  checks.push({ code: 'ONCE', ok: !claimed, message: claimed ? '该事项已在本政策下申请过，同一事项只能申请一次' : '该事项未在本政策下申请过' });
  const amount = computeAmount(terms, amountInputsOf(record, ctx));
  for (const m of amount.missingInputs) if (!missing.includes(m)) missing.push(m);
  const positive = amount.amountFen > 0;
  checks.push({ code: 'AMOUNT', ok: positive, message: positive ? `可资助金额 ${formatYuan(amount.amountFen)} 元` : `可资助金额为 0（${amount.limitedBy.join('、') || '按规则计算为 0'}）` });
  const eligible = checks.every((c) => c.ok) && missing.length === 0;
  return { eligible, itemKey, checks, missingEvidence: missing, amount };
}
