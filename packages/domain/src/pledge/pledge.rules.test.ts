import { describe, it, expect } from 'vitest';
import { yuanToFen } from '../common/money.ts';
import {
  PLEDGE_STATES, RISK_SHARE_PRESETS, assertTransition, canTransition, checkRepayment, computeRiskCompensation,
  coverageRatioBp, loanProblems, needsPledgeeConsent, outstandingPrincipal, patentExpiry, pledgeRateBp,
  pledgeRefusals, riskShareProblems, simpleInterest, splitByShare, summariseBatch, type PledgePatentFacts,
} from './pledge.rules.ts';
import { decisionInput, loanInput, registrationInput } from './pledge.schemas.ts';

const Y = (s: string) => yuanToFen(s);

describe('coverage ratio and pledge rate', () => {
  it('valuation 5,000,000 元 for a 2,000,000 元 loan covers 250% and the pledge rate is 40%', () => {
    expect(coverageRatioBp(Y('5000000'), Y('2000000'))).toBe(25_000);
    expect(pledgeRateBp(Y('2000000'), Y('5000000'))).toBe(4_000);
  });
  it('rounds half away from zero to the basis point', () => {
    // 1 / 3 = 0.33333 → 3333 bp ; 2 / 3 → 6667 bp
    expect(coverageRatioBp(100, 300)).toBe(3333);
    expect(coverageRatioBp(200, 300)).toBe(6667);
  });
  it('refuses a zero loan or valuation', () => {
    expect(() => coverageRatioBp(100, 0)).toThrow('贷款金额必须大于 0');
    expect(() => pledgeRateBp(100, 0)).toThrow('评估价值必须大于 0');
  });
});

describe('risk share', () => {
  it('accepts the Zhongshan, Zhuhai and Shenzhen presets (each sums to 100%)', () => {
    for (const p of Object.values(RISK_SHARE_PRESETS)) expect(riskShareProblems(p.share)).toEqual([]);
  });
  it('rejects a share that does not sum to 100%', () => {
    const p = riskShareProblems({ fund: 5000, bank: 4000, insurer: 0, guarantor: 0, valuer: 0 });
    expect(p).toEqual(['风险分担比例合计须为 100%，当前为 90.00%']);
  });
  it('rejects negative or fractional shares', () => {
    expect(riskShareProblems({ fund: -100, bank: 10100, insurer: 0, guarantor: 0, valuer: 0 })).toHaveLength(2);
    expect(riskShareProblems({ fund: 50.5, bank: 4949.5, insurer: 5000, guarantor: 0, valuer: 0 }).length).toBeGreaterThan(0);
  });
  it('splits an amount so the parts add up exactly', () => {
    const parts = splitByShare(100, { fund: 3333, bank: 3333, insurer: 3334, guarantor: 0, valuer: 0 });
    expect(parts.fund + parts.bank + parts.insurer).toBe(100);
    expect(parts).toEqual({ fund: 33, bank: 33, insurer: 34, guarantor: 0, valuer: 0 });
    const odd = splitByShare(1, { fund: 5000, bank: 5000, insurer: 0, guarantor: 0, valuer: 0 });
    expect(odd.fund + odd.bank).toBe(1);
  });
});

describe('risk compensation amount', () => {
  it('Zhongshan 54:26:16:4 — 1,000,000 元 outstanding, 200,000 元 recovered', () => {
    const r = computeRiskCompensation({
      outstandingPrincipalFen: Y('1000000'), recoveredFen: Y('200000'), share: RISK_SHARE_PRESETS.zhongshan!.share,
    });
    expect(r.lossFen).toBe(Y('800000'));
    expect(r.parts).toEqual({ fund: Y('432000'), bank: Y('208000'), insurer: Y('128000'), guarantor: 0, valuer: Y('32000') });
    expect(r.fundPaysFen).toBe(Y('432000'));
    expect(r.capped).toBe(false);
  });
  it('Zhuhai bank 60 : fund 40 with unpaid interest included', () => {
    const r = computeRiskCompensation({
      outstandingPrincipalFen: Y('500000'), unpaidInterestFen: Y('10000'), includeInterest: true,
      share: RISK_SHARE_PRESETS.zhuhai!.share,
    });
    expect(r.lossFen).toBe(Y('510000'));
    expect(r.fundPaysFen).toBe(Y('204000'));
    expect(r.parts.bank).toBe(Y('306000'));
  });
  it('ignores interest unless included, and never goes below zero', () => {
    const share = RISK_SHARE_PRESETS.shenzhen!.share;
    expect(computeRiskCompensation({ outstandingPrincipalFen: Y('100'), unpaidInterestFen: Y('50'), share }).lossFen).toBe(Y('100'));
    expect(computeRiskCompensation({ outstandingPrincipalFen: Y('100'), recoveredFen: Y('300'), share }).lossFen).toBe(0);
  });
  it('caps the fund payment', () => {
    const r = computeRiskCompensation({ outstandingPrincipalFen: Y('1000000'), share: RISK_SHARE_PRESETS.shenzhen!.share, fundCapFen: Y('300000') });
    expect(r.parts.fund).toBe(Y('500000'));
    expect(r.fundPaysFen).toBe(Y('300000'));
    expect(r.capped).toBe(true);
  });
  it('refuses an invalid share', () => {
    expect(() => computeRiskCompensation({ outstandingPrincipalFen: 100, share: { fund: 1, bank: 0, insurer: 0, guarantor: 0, valuer: 0 } }))
      .toThrow('合计须为 100%');
  });
});

describe('state transitions', () => {
  it('follows the happy path applied → valued → approved → registered → disbursed → repaid → released', () => {
    const path = ['applied', 'valued', 'approved', 'registered', 'disbursed', 'repaid', 'released'] as const;
    for (let i = 0; i + 1 < path.length; i++) expect(() => assertTransition(path[i]!, path[i + 1]!)).not.toThrow();
  });
  it('default path: disbursed → defaulted → compensated → released', () => {
    expect(canTransition('disbursed', 'defaulted')).toBe(true);
    expect(canTransition('defaulted', 'compensated')).toBe(true);
    expect(canTransition('compensated', 'released')).toBe(true);
  });
  it('refuses skipping registration, releasing before repayment, or leaving final states', () => {
    expect(() => assertTransition('approved', 'disbursed')).toThrow('不能变为');
    expect(canTransition('disbursed', 'released')).toBe(false);
    for (const s of PLEDGE_STATES) {
      expect(canTransition('released', s)).toBe(false);
      expect(canTransition('rejected', s)).toBe(false);
    }
  });
  it('a registered, unreleased pledge needs the pledgee consent for a transfer or licence', () => {
    expect(needsPledgeeConsent(['registered'])).toBe(true);
    expect(needsPledgeeConsent(['defaulted', 'released'])).toBe(true);
    expect(needsPledgeeConsent(['released', 'applied', 'approved'])).toBe(false);
  });
});

describe('repayments', () => {
  const loan = Y('1000000');
  it('outstanding principal falls with each repayment', () => {
    const reps = [{ date: '2025-06-30', principalFen: Y('300000'), interestFen: Y('5000') }];
    expect(outstandingPrincipal(loan, reps)).toBe(Y('700000'));
  });
  it('refuses overpaying, paying before the loan, or an empty repayment', () => {
    const reps = [{ date: '2025-06-30', principalFen: Y('900000'), interestFen: 0 }];
    expect(() => checkRepayment(loan, '2025-01-01', reps, { date: '2025-07-01', principalFen: Y('100001'), interestFen: 0 })).toThrow('超过剩余本金');
    expect(() => checkRepayment(loan, '2025-01-01', [], { date: '2024-12-31', principalFen: 1, interestFen: 0 })).toThrow('早于放款');
    expect(() => checkRepayment(loan, '2025-01-01', [], { date: '2025-02-01', principalFen: 0, interestFen: 0 })).toThrow();
    expect(() => checkRepayment(loan, '2025-01-01', reps, { date: '2025-07-01', principalFen: Y('100000'), interestFen: 0 })).not.toThrow();
  });
  it('simple interest: 1,000,000 元 at 3.85% for 365 days is 38,500 元', () => {
    expect(simpleInterest(Y('1000000'), 385, 365)).toBe(Y('38500'));
    expect(simpleInterest(Y('1000000'), 385, 30)).toBe(316438); // 3,164.38 元
  });
});

describe('refusal checks (§8)', () => {
  const base: PledgePatentFacts = {
    patentId: 1, applicationNumber: '201810431317.9', type: 'invention', filingDate: '2018-05-08', grantDate: '2020-01-03',
    legalStatus: 'in_force', feePaidThrough: '2026-05-07', holderOrgIds: [10],
  };
  const check = (pt: Partial<PledgePatentFacts>, debtTermEnd = '2027-12-31') =>
    pledgeRefusals({ pledgorOrgId: 10, debtTermEnd, asOf: '2025-06-01', patents: [{ ...base, ...pt }] }).map((r) => r.code);

  it('passes a granted invention held by the pledgor', () => expect(check({})).toEqual([]));
  it('refuses when the pledgor is not the owner', () => expect(check({ holderOrgIds: [11] })).toEqual(['NOT_OWNER']));
  it('refuses pending and lapsed patents', () => {
    expect(check({ legalStatus: 'pending', grantDate: null })).toEqual(['NOT_GRANTED']);
    expect(check({ legalStatus: 'lapsed' })).toEqual(['LAPSED']);
  });
  it('refuses a patent in the annual-fee grace period', () => expect(check({ feePaidThrough: '2025-05-07' })).toEqual(['GRACE_PERIOD']));
  it('refuses suspended proceedings', () => expect(check({ suspended: true })).toEqual(['SUSPENDED']));
  it('refuses a debt term past expiry: utility model filed 2018-05-08 expires 2028-05-07', () => {
    expect(patentExpiry('utility_model', '2018-05-08')).toBe('2028-05-07');
    expect(check({ type: 'utility_model' }, '2028-05-07')).toEqual([]);
    expect(check({ type: 'utility_model' }, '2028-05-08')).toEqual(['TERM_PAST_EXPIRY']);
  });
  it('the expiry follows the examination-guidelines example and the 2021 design rule', () => {
    expect(patentExpiry('utility_model', '1999-09-06')).toBe('2009-09-05');
    expect(patentExpiry('design', '2021-05-31')).toBe('2031-05-30');
    expect(patentExpiry('design', '2021-06-01')).toBe('2036-05-31');
    expect(patentExpiry('invention', '2018-05-08', 100)).toBe('2038-08-15');
  });
  it('needs every co-owner consent', () => {
    expect(check({ holderOrgIds: [10, 20, 30], coOwnerConsentOrgIds: [20] })).toEqual(['NO_CO_OWNER_CONSENT']);
    expect(check({ holderOrgIds: [10, 20, 30], coOwnerConsentOrgIds: [20, 30] })).toEqual([]);
  });
  it('refuses a patent already pledged and reports the reason in Chinese', () => {
    const r = pledgeRefusals({ pledgorOrgId: 10, debtTermEnd: '2026-01-01', asOf: '2025-06-01', patents: [{ ...base, activePledgeId: 7 }] });
    expect(r[0]!.message).toBe('201810431317.9：专利已质押且未解除（质押项目 #7）');
  });
});

describe('loan terms and schemas', () => {
  it('lists every problem', () => {
    expect(loanProblems({ loanFen: Y('100'), rateBp: 385, start: '2025-01-01', end: '2026-01-01', securedAmountFen: Y('200'), debtTermEnd: '2026-06-30' })).toEqual([]);
    expect(loanProblems({ loanFen: Y('300'), rateBp: 4000, start: '2025-01-01', end: '2024-01-01', securedAmountFen: Y('200'), debtTermEnd: '2023-12-31', creditLineRemainingFen: Y('100') }))
      .toEqual(['年利率须在 0～36% 之间', '贷款到期日须晚于放款日', '贷款金额不能超过质押登记的被担保债权数额', '贷款到期日不能晚于登记的债务履行期限', '贷款金额超过集合授信剩余额度']);
  });
  it('a rejection needs a reason, an approval an amount', () => {
    expect(decisionInput.safeParse({ approve: false, decisionDate: '2025-01-01' }).success).toBe(false);
    expect(decisionInput.safeParse({ approve: true, decisionDate: '2025-01-01' }).success).toBe(false);
    expect(decisionInput.safeParse({ approve: true, approvedAmountFen: 100, decisionDate: '2025-01-01' }).success).toBe(true);
  });
  it('registration needs an end after the start, and the loan a risk share per party', () => {
    expect(registrationInput.safeParse({ registrationNo: 'Y2025990001', registrationDate: '2025-01-02', securedAmountFen: 1, debtTermStart: '2025-01-01', debtTermEnd: '2025-01-01' }).success).toBe(false);
    const ok = loanInput.safeParse({ loanAmountFen: 100, rateBp: 385, loanStart: '2025-01-01', loanEnd: '2026-01-01', riskShare: { fund: 5000, bank: 5000, insurer: 0, guarantor: 0, valuer: 0 } });
    expect(ok.success).toBe(true);
  });
});

describe('group credit batch', () => {
  it('sums the live members against the credit line', () => {
    const s = summariseBatch(Y('10000000'), [
      { pledgeId: 1, pledgorOrgId: 1, loanFen: Y('3000000'), state: 'disbursed' },
      { pledgeId: 2, pledgorOrgId: 2, loanFen: Y('2000000'), state: 'registered' },
      { pledgeId: 3, pledgorOrgId: 2, loanFen: Y('1000000'), state: 'applied' },
      { pledgeId: 4, pledgorOrgId: 3, loanFen: Y('9000000'), state: 'rejected' },
    ]);
    expect(s).toEqual({ members: 4, enterprises: 2, usedFen: Y('6000000'), remainingFen: Y('4000000'), registered: 2 });
  });
});
