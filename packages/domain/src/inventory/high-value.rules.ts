/**
 * High-value flags (domain-rules §4): the five CNIPA categories of 高价值发明专利, each with its evidence, and the
 * criteria of the Xuchang plan (seed 001 二(一)4).
 */
import { addMonths, type IsoDate } from '../common/dates.ts';
import { formatWan } from '../common/money.ts';
import type { LegalStatus, PatentType } from '../common/roles.ts';
import { maintainedOver10, maintenanceYears } from './fees.rules.ts';
import type { SeiMatch } from './classify.rules.ts';
import type { UseEvidence } from './sleeping.rules.ts';

export const AWARD_KINDS = ['national_sti', 'china_patent_award', 'provincial_patent_award', 'other'] as const;
export type AwardKind = (typeof AWARD_KINDS)[number];
export const AWARD_KIND_LABELS: Record<AwardKind, string> = {
  national_sti: '国家科学技术奖', china_patent_award: '中国专利奖', provincial_patent_award: '省级专利奖', other: '其他奖项',
};
export type Award = { kind: AwardKind; name?: string | null; year?: number | null; level?: string | null };

export type PledgeEvidence = { securedAmountFen: number; registrationDate: IsoDate; registrationNo?: string | null };

export type HighValueConfig = {
  /** 较高质押融资金额: no public threshold; configurable (default 1000 万元). */
  pledgeHighFen: number;
  /** Xuchang 授权效率高: grant within this many months of filing (default 24). */
  fastGrantMonths: number;
  /** Xuchang 维持年限长: at least this many maintenance years (default 10). */
  longMaintenanceYears: number;
};
export const DEFAULT_HIGH_VALUE_CONFIG: HighValueConfig = { pledgeHighFen: 1_000_000_000, fastGrantMonths: 24, longMaintenanceYears: 10 };

export type HighValueInput = {
  type: PatentType;
  status: LegalStatus;
  filingDate: IsoDate;
  grantDate?: IsoDate | null;
  lapseDate?: IsoDate | null;
  seiMatches: readonly SeiMatch[];
  overseasFamily: readonly string[];
  pledges: readonly PledgeEvidence[];
  awards: readonly Award[];
  /** Deals, licences and product filings with revenue (for 转化实施效益明显). */
  uses: readonly UseEvidence[];
  /** Product filings with reported sales > 0, by the as-of date. */
  productRevenueFen?: number;
};

export const HV_FLAGS = ['SEI', 'OVERSEAS', 'MAINT10', 'PLEDGE_HIGH', 'AWARD'] as const;
export type HvFlagCode = (typeof HV_FLAGS)[number];
export const HV_FLAG_LABELS: Record<HvFlagCode, string> = {
  SEI: '战略性新兴产业发明专利', OVERSEAS: '在海外有同族专利权', MAINT10: '维持年限超过10年',
  PLEDGE_HIGH: '实现较高质押融资金额', AWARD: '获得国家科学技术奖或中国专利奖',
};
export type Flag<C extends string> = { code: C; label: string; met: boolean; evidence: string };

export type HighValueResult = { asOf: IsoDate; flags: Flag<HvFlagCode>[]; isHighValue: boolean; summary: string };

/** Pledges registered on or before asOf; the secured amount of each contract that includes the patent. */
export function pledgedTotalFen(pledges: readonly PledgeEvidence[], asOf: IsoDate): number {
  return pledges.filter((p) => p.registrationDate <= asOf).reduce((s, p) => s + p.securedAmountFen, 0);
}

function topAwards(awards: readonly Award[]): Award[] {
  return awards.filter((a) => a.kind === 'national_sti' || a.kind === 'china_patent_award');
}
const awardText = (a: Award) => `${a.year ? `${a.year}年 ` : ''}${a.name || AWARD_KIND_LABELS[a.kind]}${a.level ? `（${a.level}）` : ''}`;

export function evaluateHighValue(p: HighValueInput, asOf: IsoDate, cfg: HighValueConfig = DEFAULT_HIGH_VALUE_CONFIG): HighValueResult {
  const isInvention = p.type === 'invention';
  const seiFirst = p.seiMatches[0];
  const pledged = pledgedTotalFen(p.pledges, asOf);
  const awards = topAwards(p.awards);
  const maint = maintenanceYears(p.filingDate, asOf, p.status === 'lapsed' ? p.lapseDate ?? asOf : null);
  const flags: Flag<HvFlagCode>[] = [
    {
      code: 'SEI', label: HV_FLAG_LABELS.SEI, met: isInvention && p.seiMatches.length > 0,
      evidence: p.seiMatches.length === 0 ? 'IPC 分类号不在战略性新兴产业参照关系表内'
        : `${seiFirst.byIpc} 对应 ${p.seiMatches.map((m) => `${m.seiCode} ${m.seiName}`).join('、')}${isInvention ? '' : '（非发明专利）'}`,
    },
    {
      code: 'OVERSEAS', label: HV_FLAG_LABELS.OVERSEAS, met: p.overseasFamily.length > 0,
      evidence: p.overseasFamily.length ? `海外同族：${p.overseasFamily.join('、')}` : '无海外同族专利记录',
    },
    {
      code: 'MAINT10', label: HV_FLAG_LABELS.MAINT10, met: maintainedOver10(p.status, p.filingDate, asOf),
      evidence: `申请日 ${p.filingDate}，截至 ${asOf} 维持 ${maint} 年`,
    },
    {
      code: 'PLEDGE_HIGH', label: HV_FLAG_LABELS.PLEDGE_HIGH, met: pledged > 0 && pledged >= cfg.pledgeHighFen,
      evidence: pledged > 0 ? `质押融资登记金额合计 ${formatWan(pledged)} 万元（阈值 ${formatWan(cfg.pledgeHighFen)} 万元）` : '无质押融资登记',
    },
    {
      code: 'AWARD', label: HV_FLAG_LABELS.AWARD, met: awards.length > 0,
      evidence: awards.length ? awards.map(awardText).join('；') : p.awards.length ? `仅有：${p.awards.map(awardText).join('；')}` : '无获奖记录',
    },
  ];
  const base = isInvention && p.status === 'in_force';
  const isHighValue = base && flags.some((f) => f.met);
  const met = flags.filter((f) => f.met).map((f) => f.label);
  const summary = !isInvention ? '非发明专利，不计入高价值发明专利'
    : p.status !== 'in_force' ? '专利权非有效状态，不计入高价值发明专利'
    : isHighValue ? `高价值发明专利：${met.join('、')}` : '未满足五类高价值发明专利条件';
  return { asOf, flags, isHighValue, summary };
}

export const XUCHANG_CRITERIA = ['FAST_GRANT', 'LONG_MAINTENANCE', 'SEI', 'OVERSEAS', 'AWARD', 'CONVERSION_BENEFIT'] as const;
export type XuchangCode = (typeof XUCHANG_CRITERIA)[number];
export const XUCHANG_LABELS: Record<XuchangCode, string> = {
  FAST_GRANT: '专利授权效率高', LONG_MAINTENANCE: '维持年限长', SEI: '属于战略性新兴产业', OVERSEAS: '有海外同族专利',
  AWARD: '获得国家科技奖或中国专利奖', CONVERSION_BENEFIT: '转化实施效益明显',
};

/** The Xuchang plan's support criteria (许昌 二(一)4); thresholds come from the config. */
export function evaluateXuchang(p: HighValueInput, asOf: IsoDate, cfg: HighValueConfig = DEFAULT_HIGH_VALUE_CONFIG): Flag<XuchangCode>[] {
  const hv = evaluateHighValue(p, asOf, cfg);
  const byCode = (c: HvFlagCode) => hv.flags.find((f) => f.code === c)!;
  const fastLimit = addMonths(p.filingDate, cfg.fastGrantMonths);
  const fast = !!p.grantDate && p.grantDate <= asOf && p.grantDate <= fastLimit;
  const maint = maintenanceYears(p.filingDate, asOf, p.status === 'lapsed' ? p.lapseDate ?? asOf : null);
  const deals = p.uses.filter((u) => u.fromDate <= asOf && (u.kind === 'transfer' || u.kind === 'licence' || u.kind === 'equity'));
  const revenue = p.productRevenueFen ?? 0;
  const sei = byCode('SEI');
  return [
    {
      code: 'FAST_GRANT', label: XUCHANG_LABELS.FAST_GRANT, met: fast,
      evidence: p.grantDate ? `申请日 ${p.filingDate}，授权日 ${p.grantDate}（阈值：${cfg.fastGrantMonths} 个月内，即 ${fastLimit} 前）` : '尚未授权',
    },
    { code: 'LONG_MAINTENANCE', label: XUCHANG_LABELS.LONG_MAINTENANCE, met: p.status === 'in_force' && maint >= cfg.longMaintenanceYears, evidence: `维持 ${maint} 年（阈值 ${cfg.longMaintenanceYears} 年）` },
    // The Xuchang text does not restrict to inventions: any type whose IPC is in the SEI table counts.
    { code: 'SEI', label: XUCHANG_LABELS.SEI, met: p.seiMatches.length > 0, evidence: sei.evidence },
    { code: 'OVERSEAS', label: XUCHANG_LABELS.OVERSEAS, met: byCode('OVERSEAS').met, evidence: byCode('OVERSEAS').evidence },
    { code: 'AWARD', label: XUCHANG_LABELS.AWARD, met: byCode('AWARD').met, evidence: byCode('AWARD').evidence },
    {
      code: 'CONVERSION_BENEFIT', label: XUCHANG_LABELS.CONVERSION_BENEFIT, met: deals.length > 0 || revenue > 0,
      evidence: deals.length || revenue > 0
        ? [deals.length ? `转让/许可/作价入股 ${deals.length} 次` : '', revenue > 0 ? `备案产品销售额 ${formatWan(revenue)} 万元` : ''].filter(Boolean).join('；')
        : '无转让、许可、作价入股或有收入的产品备案',
    },
  ];
}
