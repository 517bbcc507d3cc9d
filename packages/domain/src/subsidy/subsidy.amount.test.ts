import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { computeAmount, feeShareRoomFen } from './subsidy.amount.ts';
import { presetByCode } from './subsidy.presets.ts';
import type { PolicyTerms } from './subsidy.policy.ts';

const Y = (yuan: number) => Math.round(yuan * 100);
const terms = (code: string): PolicyTerms => structuredClone(presetByCode(code)!.terms);

describe('鄂尔多斯 授权后补助：各级资助总额 ≤ 官费的 50%', () => {
  const ordos = terms('ordos-grant');

  it('官费 3,450 元、已获 1,000 元 → 至多再补 725 元', () => {
    const r = computeAmount(ordos, { officialFeesPaidFen: Y(3450), priorSubsidiesForItemFen: Y(1000) });
    expect(r.amountFen).toBe(Y(725));
    expect(r.ruleFen).toBe(Y(2000));
    expect(r.limitedBy).toEqual(['官费比例上限']);
  });

  it('官费 3,450 元、已获 2,000 元 → 不再补助', () => {
    const r = computeAmount(ordos, { officialFeesPaidFen: Y(3450), priorSubsidiesForItemFen: Y(2000) });
    expect(r.amountFen).toBe(0);
  });

  it('官费 3,450 元、未获资助 → 1,725 元（上限低于 2,000 元定额）', () => {
    expect(computeAmount(ordos, { officialFeesPaidFen: Y(3450) }).amountFen).toBe(Y(1725));
  });

  it('官费 10,000 元 → 定额 2,000 元不受上限影响', () => {
    const r = computeAmount(ordos, { officialFeesPaidFen: Y(10000), priorSubsidiesForItemFen: Y(1000) });
    expect(r.amountFen).toBe(Y(2000));
    expect(r.limitedBy).toEqual([]);
  });

  it('精确到分，四舍五入（远离零）：官费 3,450.01 元 × 50% = 1,725.005 → 1,725.01；已获 1,000 元 → 725.01', () => {
    expect(computeAmount(ordos, { officialFeesPaidFen: 345001 }).amountFen).toBe(172501);
    expect(computeAmount(ordos, { officialFeesPaidFen: 345001, priorSubsidiesForItemFen: Y(1000) }).amountFen).toBe(72501);
    expect(computeAmount(ordos, { officialFeesPaidFen: 345003 }).amountFen).toBe(172502);
  });

  it('feeShareRoomFen：725 元、0 元', () => {
    expect(feeShareRoomFen(Y(3450), 5000, Y(1000))).toBe(Y(725));
    expect(feeShareRoomFen(Y(3450), 5000, Y(2000))).toBe(0);
    expect(feeShareRoomFen(Y(3450), 5000, Y(1725))).toBe(0);
  });

  it('缺少官费记录时金额为 0 并列出缺少的输入', () => {
    const r = computeAmount(ordos, { officialFeesPaidFen: null });
    expect(r.amountFen).toBe(0);
    expect(r.missingInputs).toContain('已缴官方规定费用');
  });

  it('性质：总额（已获 + 本次）从不超过官费的 50%，也不超过定额', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000_000 }), (fees, prior) => {
      const a = computeAmount(ordos, { officialFeesPaidFen: fees, priorSubsidiesForItemFen: prior }).amountFen;
      expect(a).toBeGreaterThanOrEqual(0);
      expect(a).toBeLessThanOrEqual(Y(2000));
      if (a > 0) expect(prior + a).toBeLessThanOrEqual(Math.floor(fees / 2) + (fees % 2));
    }), { numRuns: 500 });
  });
});

describe('许昌 质押融资评估费、保险费、利息资助（示例比例）', () => {
  const xc = terms('xc-pledge-cost');
  const loan = (loanYuan: number, interest: number, premium: number, valuation: number) => ({
    bases: { loan_amount: Y(loanYuan) },
    costs: { interest: Y(interest), insurance_premium: Y(premium), valuation_fee: Y(valuation) },
  });

  it('贷款 200 万元：利息 9 万（限 3% = 6 万）、保险费 3 万（限 1.2% = 2.4 万）、评估费 8 千（限 1 万）→ 9.2 万元', () => {
    const r = computeAmount(xc, loan(2_000_000, 90_000, 30_000, 8_000));
    expect(r.steps.find((s) => s.label === '利息')!.valueFen).toBe(Y(60_000));
    expect(r.steps.find((s) => s.label === '保险费')!.valueFen).toBe(Y(24_000));
    expect(r.steps.find((s) => s.label === '评估费')!.valueFen).toBe(Y(8_000));
    expect(r.amountFen).toBe(Y(92_000));
  });

  it('贷款 2,000 万元：各项单项上限 36 万、15 万、6 万 → 57 万元', () => {
    const r = computeAmount(xc, loan(20_000_000, 900_000, 300_000, 80_000));
    expect(r.amountFen).toBe(Y(570_000));
  });

  it('每家企业每年合计 57 万元：本年已获 54 万元 → 只剩 3 万元', () => {
    const r = computeAmount(xc, { ...loan(2_000_000, 90_000, 30_000, 8_000), orgYearGrantedFen: Y(540_000) });
    expect(r.amountFen).toBe(Y(30_000));
    expect(r.limitedBy).toEqual(['每单位每年上限']);
  });

  it('基数比例上限精确到分：贷款 333,333.33 元 × 3% = 9,999.9999 → 10,000.00 元', () => {
    const r = computeAmount(xc, { bases: { loan_amount: 33_333_333 }, costs: { interest: Y(20_000), insurance_premium: 0, valuation_fee: 0 } });
    expect(r.amountFen).toBe(1_000_000);
  });

  it('实际费用低于比例上限时按实际费用', () => {
    expect(computeAmount(xc, loan(1_000_000, 12_345.67, 0, 0)).amountFen).toBe(1_234_567);
  });

  it('申请金额低于计算金额时按申请金额', () => {
    const r = computeAmount(xc, { ...loan(2_000_000, 90_000, 30_000, 8_000), requestedFen: Y(50_000) });
    expect(r.amountFen).toBe(Y(50_000));
    expect(r.limitedBy).toContain('申请金额');
  });
});

describe('许昌 定额奖励（最高）', () => {
  it('国家级示范企业最高 20 万元，省级最高 10 万元；中国专利奖 20 万元，河南省专利奖 10 万元', () => {
    expect(computeAmount(terms('xc-national-ip-enterprise'), {}).amountFen).toBe(Y(200_000));
    expect(computeAmount(terms('xc-henan-ip-enterprise'), {}).amountFen).toBe(Y(100_000));
    expect(computeAmount(terms('xc-china-patent-award'), {}).amountFen).toBe(Y(200_000));
    expect(computeAmount(terms('xc-henan-patent-award'), {}).amountFen).toBe(Y(100_000));
  });
  it('可申请低于最高额', () => {
    expect(computeAmount(terms('xc-china-patent-award'), { requestedFen: Y(150_000) }).amountFen).toBe(Y(150_000));
  });
});

describe('鄂尔多斯 中小微企业转化费用资助（示例比例）', () => {
  const t = terms('ordos-sme-conversion');
  it('实付 20 万元、服务费 1 万元 → 6 万 + 5 千 = 6.5 万元', () => {
    expect(computeAmount(t, { costs: { deal_payment: Y(200_000), service_fee: Y(10_000) } }).amountFen).toBe(Y(65_000));
  });
  it('实付 50 万元、服务费 3 万元 → 10 万（单行上限）+ 1.5 万 = 11.5 万，单项上限 10 万元', () => {
    const r = computeAmount(t, { costs: { deal_payment: Y(500_000), service_fee: Y(30_000) } });
    expect(r.ruleFen).toBe(Y(115_000));
    expect(r.amountFen).toBe(Y(100_000));
    expect(r.limitedBy).toEqual(['单项上限']);
  });
  it('每家企业每年 20 万元：已获 15 万元 → 5 万元', () => {
    expect(computeAmount(t, { costs: { deal_payment: Y(200_000), service_fee: Y(10_000) }, orgYearGrantedFen: Y(150_000) }).amountFen).toBe(Y(50_000));
  });
  it('没有服务费记录时，服务费一行记为缺少', () => {
    const r = computeAmount(t, { costs: { deal_payment: Y(100_000) } });
    expect(r.amountFen).toBe(Y(30_000));
    expect(r.missingInputs).toEqual(['服务费（评估、代理、检索等）']);
  });
});

describe('鄂尔多斯 旗区绩效奖补（分档）', () => {
  const t = terms('ordos-county-performance');
  it.each([[92, 500_000], [90, 500_000], [85, 300_000], [70, 100_000], [69.5, 0]])('得分 %s → %s 元', (score, yuan) => {
    expect(computeAmount(t, { score }).amountFen).toBe(Y(yuan));
  });
  it('缺少得分', () => {
    expect(computeAmount(t, {}).missingInputs).toEqual(['评价得分']);
  });
});

describe('比例规则', () => {
  it('贷款额 × 比例，缺基数时为 0 并列出', () => {
    const t: PolicyTerms = { ...terms('ordos-grant'), feeShareCapBp: null, rule: { kind: 'rate', base: 'loan_amount', rateBp: 150 } };
    expect(computeAmount(t, { bases: { loan_amount: Y(1_000_000) } }).amountFen).toBe(Y(15_000));
    const r = computeAmount(t, {});
    expect(r.amountFen).toBe(0);
    expect(r.missingInputs).toEqual(['贷款金额']);
  });
  it('性质：结果从不为负、从不超过各上限', () => {
    const t: PolicyTerms = { ...terms('xc-pledge-cost'), perItemCapFen: Y(80_000) };
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 5_000_000_000 }), fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 0, max: 100_000_000 }),
      fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 0, max: 100_000_000 }),
      (loanFen, i, p, v, granted) => {
        const r = computeAmount(t, { bases: { loan_amount: loanFen }, costs: { interest: i, insurance_premium: p, valuation_fee: v }, orgYearGrantedFen: granted });
        expect(Number.isSafeInteger(r.amountFen)).toBe(true);
        expect(r.amountFen).toBeGreaterThanOrEqual(0);
        expect(r.amountFen).toBeLessThanOrEqual(Y(80_000));
        expect(r.amountFen).toBeLessThanOrEqual(i + p + v);
        expect(r.amountFen).toBeLessThanOrEqual(Math.max(0, Y(570_000) - granted));
      }), { numRuns: 500 });
  });
});
