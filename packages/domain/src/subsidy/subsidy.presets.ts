/**
 * Ready policies taken from the seed plans. Amounts that the plans fix are used as written (许昌 最高 20/10 万元;
 * 鄂尔多斯 50% of the official fees). Where a plan only says "给予一定的资助", the figures are the office's sample
 * settings, said so in `notes`, and editable in the UI (each edit is a new version).
 */
import type { PolicyTerms, SubsidyPolicy } from './subsidy.policy.ts';

const WAN = 1_000_000; // fen in 1 万元
const YUAN = 100;
const ENTERPRISES = ['private_enterprise', 'soe'] as const;

export const XUCHANG = { code: '411000', name: '许昌市' } as const;
export const ORDOS = { code: '150600', name: '鄂尔多斯市' } as const;

const base = (t: Partial<PolicyTerms> & Pick<PolicyTerms, 'name' | 'description' | 'rule' | 'criteria' | 'source'>): PolicyTerms => ({
  budgetFen: 200 * WAN,
  perItemCapFen: null,
  perOrgYearCapFen: null,
  feeShareCapBp: null,
  twoReviewerThresholdFen: 5 * WAN,
  noticeDays: 7,
  notes: '',
  ...t,
});

export type PresetDef = Omit<SubsidyPolicy, 'versions' | 'year'> & { terms: PolicyTerms };

export const PRESETS: readonly PresetDef[] = [
  {
    code: 'xc-national-ip-enterprise', regionCode: XUCHANG.code, regionName: XUCHANG.name, itemKind: 'enterprise_honour',
    terms: base({
      name: '许昌市 新获批国家级知识产权示范（优势）企业奖励',
      description: '对新获批的国家级知识产权示范企业、优势企业给予奖励，最高 20 万元。',
      rule: { kind: 'fixed', amountFen: 20 * WAN },
      criteria: { orgTypes: [...ENTERPRISES], sizeClasses: null, smeOnly: false, inRegion: true, recordInPolicyYear: true,
        honourKinds: ['national_ip_demonstration', 'national_ip_advantage'] },
      source: '许知战联办〔2023〕4号 二(一)2',
      notes: '金额为原文“最高 20 万元”；预算、双人复核金额与公示期为平台默认设置。',
    }),
  },
  {
    code: 'xc-henan-ip-enterprise', regionCode: XUCHANG.code, regionName: XUCHANG.name, itemKind: 'enterprise_honour',
    terms: base({
      name: '许昌市 新获批河南省知识产权领军（示范、优势）企业奖励',
      description: '对新获批的河南省知识产权领军企业、示范企业、优势企业给予奖励，最高 10 万元。',
      rule: { kind: 'fixed', amountFen: 10 * WAN },
      criteria: { orgTypes: [...ENTERPRISES], sizeClasses: null, smeOnly: false, inRegion: true, recordInPolicyYear: true,
        honourKinds: ['henan_ip_leading', 'henan_ip_demonstration', 'henan_ip_advantage'] },
      source: '许知战联办〔2023〕4号 二(一)2',
      notes: '金额为原文“最高 10 万元”。',
    }),
  },
  {
    code: 'xc-china-patent-award', regionCode: XUCHANG.code, regionName: XUCHANG.name, itemKind: 'patent_award',
    terms: base({
      name: '许昌市 中国专利奖奖励',
      description: '对获得中国专利奖的项目给予奖励，最高 20 万元。',
      rule: { kind: 'fixed', amountFen: 20 * WAN },
      criteria: { orgTypes: null, sizeClasses: null, smeOnly: false, inRegion: true, recordInPolicyYear: true, awardKinds: ['china_patent_award'] },
      source: '许知战联办〔2023〕4号 二(一)5',
      notes: '金额为原文“最高 20 万元”。',
    }),
  },
  {
    code: 'xc-henan-patent-award', regionCode: XUCHANG.code, regionName: XUCHANG.name, itemKind: 'patent_award',
    terms: base({
      name: '许昌市 河南省专利奖奖励',
      description: '对获得河南省专利奖的项目给予奖励，最高 10 万元。',
      rule: { kind: 'fixed', amountFen: 10 * WAN },
      criteria: { orgTypes: null, sizeClasses: null, smeOnly: false, inRegion: true, recordInPolicyYear: true, awardKinds: ['henan_patent_award'] },
      source: '许知战联办〔2023〕4号 二(一)5',
      notes: '金额为原文“最高 10 万元”。',
    }),
  },
  {
    code: 'xc-pledge-cost', regionCode: XUCHANG.code, regionName: XUCHANG.name, itemKind: 'pledge_loan',
    terms: base({
      name: '许昌市 专利权质押融资评估费、保险费、利息资助',
      description: '对已完成还本付息的专利权质押融资贷款项目，对企业承担的评估费、保险费、利息给予资助。',
      rule: { kind: 'cost_share', components: [
        { cost: 'interest', shareBp: 10_000, baseRateBp: 300, base: 'loan_amount', capFen: 36 * WAN },
        { cost: 'insurance_premium', shareBp: 10_000, baseRateBp: 120, base: 'loan_amount', capFen: 15 * WAN },
        { cost: 'valuation_fee', shareBp: 10_000, baseRateBp: 50, base: 'loan_amount', capFen: 6 * WAN },
      ] },
      perOrgYearCapFen: 57 * WAN,
      criteria: { orgTypes: [...ENTERPRISES], sizeClasses: null, smeOnly: false, inRegion: true, recordInPolicyYear: true },
      source: '许知战联办〔2023〕4号 二(二)7',
      notes: '原文为“给予一定的资助”。比例与上限为示例设置（利息不超过贷款额 3%、最高 36 万元；保险费不超过 1.2%、最高 15 万元；评估费不超过 0.5%、最高 6 万元；每家企业每年合计最高 57 万元），请按当年申报指南修改。',
    }),
  },
  {
    code: 'ordos-grant', regionCode: ORDOS.code, regionName: ORDOS.name, itemKind: 'patent_grant',
    terms: base({
      name: '鄂尔多斯市 发明专利授权后补助',
      description: '对获得授权的发明专利（含通过 PCT 及其他途径在境外获得授权的发明专利）采用授权后补助；各级各类资助总额不得高于获得专利权所缴纳官方规定费用的 50%。',
      rule: { kind: 'fixed', amountFen: 2_000 * YUAN },
      feeShareCapBp: 5_000,
      twoReviewerThresholdFen: 1 * WAN,
      criteria: { orgTypes: null, sizeClasses: null, smeOnly: false, inRegion: true, recordInPolicyYear: true, patentTypes: ['invention'] },
      source: '鄂尔多斯市专利转化专项计划实施方案 五(三)2',
      notes: '“授权后补助”与“不高于官方规定费用的 50%”为原文；每件 2,000 元的补助标准为示例设置。',
    }),
  },
  {
    code: 'ordos-sme-conversion', regionCode: ORDOS.code, regionName: ORDOS.name, itemKind: 'deal',
    terms: base({
      name: '鄂尔多斯市 中小微企业专利转化费用资助',
      description: '对中小微企业受让、被许可或作价入股取得专利过程中产生的相关费用予以资助。',
      rule: { kind: 'cost_share', components: [
        { cost: 'deal_payment', shareBp: 3_000, capFen: 10 * WAN },
        { cost: 'service_fee', shareBp: 5_000, capFen: 2 * WAN },
      ] },
      perItemCapFen: 10 * WAN,
      perOrgYearCapFen: 20 * WAN,
      criteria: { orgTypes: [...ENTERPRISES], sizeClasses: null, smeOnly: true, inRegion: true, recordInPolicyYear: true,
        dealKinds: ['transfer', 'licence', 'equity'] },
      source: '鄂尔多斯市专利转化专项计划实施方案 五(二)3',
      notes: '原文为“对专利转化过程中产生的相关费用予以一定资助”。比例与上限为示例设置（实际支付转让/许可费的 30%、服务费的 50%，每项最高 10 万元，每家企业每年最高 20 万元）。',
    }),
  },
  {
    code: 'ordos-county-performance', regionCode: ORDOS.code, regionName: ORDOS.name, itemKind: 'county_evaluation',
    terms: base({
      name: '鄂尔多斯市 旗区专利转化绩效奖补',
      description: '根据年度绩效评价结果，对措施得力、成效显著的旗县区给予绩效奖补。',
      rule: { kind: 'tiered', tiers: [
        { minScore: 90, amountFen: 50 * WAN },
        { minScore: 80, amountFen: 30 * WAN },
        { minScore: 70, amountFen: 10 * WAN },
      ] },
      budgetFen: 300 * WAN,
      twoReviewerThresholdFen: 0,
      criteria: { orgTypes: ['government'], sizeClasses: null, smeOnly: false, inRegion: true, recordInPolicyYear: true, minScore: 70 },
      source: '鄂尔多斯市专利转化专项计划实施方案 二、五(二)7、六(四)',
      notes: '原文为“按年度分批次对实施成效显著的旗县区予以绩效奖补”。分档标准（90/80/70 分对应 50/30/10 万元）为示例设置。',
    }),
  },
];

/** The presets as policies of a year, each with version 1 in force from `effectiveFrom`. */
export function presetPolicies(year: number, effectiveFrom: string = `${year}-01-01`): SubsidyPolicy[] {
  return PRESETS.map((p) => ({
    code: `${p.code}-${year}`, regionCode: p.regionCode, regionName: p.regionName, year, itemKind: p.itemKind,
    versions: [{ version: 1, effectiveFrom, terms: structuredClone(p.terms) }],
  }));
}

export function presetByCode(code: string): PresetDef | undefined {
  return PRESETS.find((p) => p.code === code);
}
