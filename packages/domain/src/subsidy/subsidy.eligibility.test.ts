import { describe, it, expect } from 'vitest';
import { assessClaim, itemKeyOf, type Applicant, type EvidenceRecord, type PledgeLoanRecord, type PatentRecord } from './subsidy.eligibility.ts';
import { presetByCode } from './subsidy.presets.ts';
import type { PolicyHeader } from './subsidy.eligibility.ts';
import type { PolicyTerms } from './subsidy.policy.ts';

const Y = (yuan: number) => Math.round(yuan * 100);
const preset = (code: string): { header: PolicyHeader; terms: PolicyTerms } => {
  const p = presetByCode(code)!;
  return { header: { regionCode: p.regionCode, year: 2023, itemKind: p.itemKind }, terms: structuredClone(p.terms) };
};
const failed = (r: ReturnType<typeof assessClaim>) => r.checks.filter((c) => !c.ok).map((c) => c.code);

const sme: Applicant = { orgId: 10, orgType: 'private_enterprise', sizeClass: 'small', regionCode: '411002' };
const loan: PledgeLoanRecord = {
  kind: 'pledge_loan', id: 7, pledgorOrgId: 10, loanAmountFen: Y(2_000_000), fullyRepaid: true, repaidOn: '2023-06-30',
  interestPaidFen: Y(90_000), premiumFen: Y(30_000), valuationFeeFen: Y(8_000),
};
const ctx = { applicationDate: '2023-08-01' };

describe('许昌 质押贷款费用资助的资格', () => {
  const { header, terms } = preset('xc-pledge-cost');
  it('已结清贷款的中小企业：符合条件，金额 9.2 万元，列出规则与输入', () => {
    const r = assessClaim(header, terms, sme, loan, ctx);
    expect(failed(r)).toEqual([]);
    expect(r.eligible).toBe(true);
    expect(r.itemKey).toBe('pledge_loan:7');
    expect(r.amount!.amountFen).toBe(Y(92_000));
    expect(r.missingEvidence).toEqual([]);
  });
  it('尚未还本付息完毕：不符合，列出缺少的结清证明', () => {
    const r = assessClaim(header, terms, sme, { ...loan, fullyRepaid: false, repaidOn: null }, ctx);
    expect(r.eligible).toBe(false);
    expect(failed(r)).toContain('REPAID');
    expect(r.missingEvidence).toContain('贷款结清证明（还本付息完毕）');
  });
  it('结清日期晚于申请日：不符合', () => {
    expect(failed(assessClaim(header, terms, sme, { ...loan, repaidOn: '2023-09-01' }, ctx))).toContain('REPAID');
  });
  it('他人的贷款：不符合', () => {
    expect(failed(assessClaim(header, terms, sme, { ...loan, pledgorOrgId: 99 }, ctx))).toEqual(['OWNER']);
  });
  it('同一笔贷款在本政策下只能申请一次', () => {
    const r = assessClaim(header, terms, sme, loan, { ...ctx, claimedItemKeys: ['pledge_loan:7'] });
    expect(r.eligible).toBe(false);
    expect(failed(r)).toEqual(['ONCE']);
  });
  it('已获其他财政资金资助的贷款：不符合', () => {
    expect(failed(assessClaim(header, terms, sme, { ...loan, otherFiscalSubsidyFen: Y(5_000) }, ctx))).toEqual(['NO_OTHER_FISCAL']);
  });
  it('注册地不在许昌：不符合', () => {
    expect(failed(assessClaim(header, terms, { ...sme, regionCode: '150602' }, loan, ctx))).toEqual(['REGION']);
  });
  it('高校不能申请（仅限企业）', () => {
    expect(failed(assessClaim(header, terms, { ...sme, orgType: 'university', sizeClass: null }, loan, ctx))).toEqual(['ORG_TYPE']);
  });
  it('结清年度不在政策年度：不符合', () => {
    expect(failed(assessClaim(header, terms, sme, { ...loan, repaidOn: '2022-12-30' }, ctx))).toEqual(['YEAR']);
  });
  it('没有附记录：列出应附的证据', () => {
    const r = assessClaim(header, terms, sme, null, ctx);
    expect(r.eligible).toBe(false);
    expect(r.missingEvidence[0]).toContain('专利质押贷款');
  });
  it('附错了记录类型', () => {
    const r = assessClaim(header, terms, sme, { kind: 'honour', id: 1, orgId: 10, honour: 'national_ip_advantage', date: '2023-03-01' }, ctx);
    expect(failed(r)).toContain('RECORD');
  });
});

describe('鄂尔多斯 发明专利授权后补助的资格', () => {
  const { header, terms } = preset('ordos-grant');
  const uni: Applicant = { orgId: 20, orgType: 'university', sizeClass: null, regionCode: '150602' };
  const patent: PatentRecord = {
    kind: 'patent', id: 5, ownerOrgIds: [20], patentType: 'invention', legalStatus: 'in_force', grantDate: '2023-04-11',
    officialFeesPaidFen: Y(3450), priorSubsidiesFen: Y(1000),
  };
  it('官费 3,450 元、已获 1,000 元：符合，725 元', () => {
    const r = assessClaim(header, terms, uni, patent, ctx);
    expect(r.eligible).toBe(true);
    expect(r.amount!.amountFen).toBe(Y(725));
  });
  it('本平台其他政策已资助的金额也计入：站外 1,000 + 平台 500 → 225 元', () => {
    expect(assessClaim(header, terms, uni, patent, { ...ctx, platformPriorForItemFen: Y(500) }).amount!.amountFen).toBe(Y(225));
  });
  it('已获 2,000 元：金额为 0，不符合', () => {
    const r = assessClaim(header, terms, uni, { ...patent, priorSubsidiesFen: Y(2000) }, ctx);
    expect(r.eligible).toBe(false);
    expect(failed(r)).toEqual(['AMOUNT']);
  });
  it('尚未授权：授权后方可申请', () => {
    const r = assessClaim(header, terms, uni, { ...patent, grantDate: null, legalStatus: 'pending' }, ctx);
    expect(failed(r)).toEqual(expect.arrayContaining(['GRANTED', 'IN_FORCE']));
    expect(r.missingEvidence).toContain('专利授权公告（授权后方可申请）');
  });
  it('实用新型不在资助范围', () => {
    expect(failed(assessClaim(header, terms, uni, { ...patent, patentType: 'utility_model' }, ctx))).toEqual(['PATENT_TYPE']);
  });
  it('没有官费记录：列为缺少的证据', () => {
    const r = assessClaim(header, terms, uni, { ...patent, officialFeesPaidFen: null }, ctx);
    expect(r.eligible).toBe(false);
    expect(r.missingEvidence).toContain('官方规定费用缴费凭证');
  });
  it('共有专利的另一专利权人也可申请，非专利权人不可', () => {
    expect(assessClaim(header, terms, { ...uni, orgId: 21 }, { ...patent, ownerOrgIds: [20, 21] }, ctx).eligible).toBe(true);
    expect(failed(assessClaim(header, terms, { ...uni, orgId: 22 }, patent, ctx))).toEqual(['OWNER']);
  });
});

describe('鄂尔多斯 中小微企业转化费用资助的资格', () => {
  const { header, terms } = preset('ordos-sme-conversion');
  const deal: EvidenceRecord = { kind: 'deal', id: 3, buyerOrgIds: [30], dealKind: 'licence', contractDate: '2023-02-01', contractAmountFen: Y(300_000), paidFen: Y(200_000), serviceFeeFen: Y(10_000) };
  const a: Applicant = { orgId: 30, orgType: 'private_enterprise', sizeClass: 'micro', regionCode: '150621' };
  it('被许可的微型企业，实付 20 万元：6.5 万元', () => {
    const r = assessClaim(header, terms, a, deal, ctx);
    expect(r.eligible).toBe(true);
    expect(r.amount!.amountFen).toBe(Y(65_000));
  });
  it('大型企业不能申请', () => {
    expect(failed(assessClaim(header, terms, { ...a, sizeClass: 'large' }, deal, ctx))).toEqual(['SME']);
  });
  it('尚未付款：不符合，缺付款凭证', () => {
    const r = assessClaim(header, terms, a, { ...deal, paidFen: 0 }, ctx);
    expect(failed(r)).toEqual(expect.arrayContaining(['PAID']));
    expect(r.missingEvidence).toContain('交易付款凭证');
  });
});

describe('许昌 称号与奖项', () => {
  it('新获批国家知识产权优势企业：20 万元；省级称号不适用国家级政策', () => {
    const { header, terms } = preset('xc-national-ip-enterprise');
    const ok = assessClaim(header, terms, sme, { kind: 'honour', id: 1, orgId: 10, honour: 'national_ip_advantage', date: '2023-03-01' }, ctx);
    expect(ok.eligible).toBe(true);
    expect(ok.amount!.amountFen).toBe(Y(200_000));
    const wrong = assessClaim(header, terms, sme, { kind: 'honour', id: 2, orgId: 10, honour: 'henan_ip_advantage', date: '2023-03-01' }, ctx);
    expect(failed(wrong)).toEqual(['HONOUR_KIND']);
  });
  it('往年获批的称号不是“新获批”', () => {
    const { header, terms } = preset('xc-henan-ip-enterprise');
    const r = assessClaim(header, terms, sme, { kind: 'honour', id: 1, orgId: 10, honour: 'henan_ip_leading', date: '2021-05-01' }, ctx);
    expect(failed(r)).toEqual(['YEAR']);
  });
  it('中国专利奖', () => {
    const { header, terms } = preset('xc-china-patent-award');
    const r = assessClaim(header, terms, { ...sme, orgType: 'university', sizeClass: null }, { kind: 'award', id: 4, orgId: 10, award: 'china_patent_award', date: '2023-07-01' }, ctx);
    expect(r.eligible).toBe(true);
    expect(r.amount!.amountFen).toBe(Y(200_000));
  });
});

describe('鄂尔多斯 旗区绩效奖补的资格', () => {
  const { header, terms } = preset('ordos-county-performance');
  const county: Applicant = { orgId: 40, orgType: 'government', sizeClass: null, regionCode: '150621' };
  it('达拉特旗得分 85：30 万元', () => {
    const r = assessClaim(header, terms, county, { kind: 'county_evaluation', id: 1, regionCode: '150621', year: 2023, score: 85 }, ctx);
    expect(r.eligible).toBe(true);
    expect(r.itemKey).toBe('county_evaluation:150621:2023');
    expect(r.amount!.amountFen).toBe(Y(300_000));
  });
  it('别的旗区的评价、低于 70 分、企业申请：均不符合', () => {
    expect(failed(assessClaim(header, terms, county, { kind: 'county_evaluation', id: 1, regionCode: '150622', year: 2023, score: 85 }, ctx))).toEqual(['OWNER']);
    expect(failed(assessClaim(header, terms, county, { kind: 'county_evaluation', id: 1, regionCode: '150621', year: 2023, score: 65 }, ctx))).toEqual(['SCORE', 'AMOUNT']);
    expect(failed(assessClaim(header, terms, { ...county, orgType: 'private_enterprise' }, { kind: 'county_evaluation', id: 1, regionCode: '150621', year: 2023, score: 85 }, ctx))).toEqual(['ORG_TYPE']);
  });
});

describe('itemKeyOf', () => {
  it('同一县区同一年度的评价是同一事项，与记录编号无关', () => {
    expect(itemKeyOf({ kind: 'county_evaluation', id: 1, regionCode: '150621', year: 2023, score: 1 }))
      .toBe(itemKeyOf({ kind: 'county_evaluation', id: 2, regionCode: '150621', year: 2023, score: 99 }));
    expect(itemKeyOf(loan)).toBe('pledge_loan:7');
  });
});
