import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { AppError } from '../common/app-error.ts';
import { feeTermsSchema, estimateInput, useReportInput, type FeeTerms } from './licence.schemas.ts';
import {
  declarationRefusals, feeCapWarnings, assertWarningsConfirmed, formLicence, royaltyFen, royaltyPeriods,
  assessUseReport, reminderDates, remindersOn, allocatePayments, decideTrial, licenceStateOn, estimateFee,
  annualFeePayableFen, isAnnualFeeOverdue, canMoveDeclaration, assertDeclarationMove, upfrontFeeFen,
  postTrialFixedFeeFen, divRound, patentLastDay, type PatentFacts,
} from './licence.rules.ts';

const TODAY = '2025-06-01';
const okPatent: PatentFacts = {
  type: 'invention', legalStatus: 'in_force', grantDate: '2020-03-10', feePaidThrough: '2025-09-01',
  exclusiveOrSoleLicenceInForce: false, pledged: false, suspended: false, holderCount: 1, declarantIsHolder: true,
  activeDeclaration: false,
};
const codes = (p: Partial<PatentFacts>, a: Parameters<typeof declarationRefusals>[1] = {}) =>
  declarationRefusals({ ...okPatent, ...p }, a, TODAY).map((r) => r.code);
const terms = (t: Record<string, unknown>): FeeTerms => feeTermsSchema.parse(t);

function appErr(fn: () => unknown): AppError {
  try { fn(); } catch (e) { if (e instanceof AppError) return e; throw e; }
  throw new Error('expected an AppError');
}

describe('declaration eligibility (§3 reasons)', () => {
  it('accepts a granted, paid-up, unencumbered invention', () => {
    expect(codes({})).toEqual([]);
  });
  it('refuses a pending application: NOT_GRANTED', () => {
    expect(codes({ legalStatus: 'pending', grantDate: null })).toEqual(['NOT_GRANTED']);
  });
  it('refuses a grant announced after today: NOT_GRANTED', () => {
    expect(codes({ grantDate: '2025-06-02' })).toEqual(['NOT_GRANTED']);
  });
  it('refuses a lapsed patent: LAPSED', () => {
    expect(codes({ legalStatus: 'lapsed' })).toEqual(['LAPSED']);
  });
  it('refuses a patent whose annual fee is overdue (grace period): FEE_UNPAID', () => {
    expect(codes({ feePaidThrough: '2025-06-01' })).toEqual(['FEE_UNPAID']);
    expect(codes({ feePaidThrough: '2025-05-01' })).toEqual(['FEE_UNPAID']);
    expect(codes({ feePaidThrough: '2025-06-02' })).toEqual([]);
    expect(isAnnualFeeOverdue(null, TODAY)).toBe(false);
  });
  it('refuses while an exclusive or sole licence is in force', () => {
    expect(codes({ exclusiveOrSoleLicenceInForce: true })).toEqual(['EXCLUSIVE_OR_SOLE_LICENCE']);
  });
  it('refuses a pledged patent without the pledgee consent, accepts with it', () => {
    expect(codes({ pledged: true })).toEqual(['PLEDGED_NO_CONSENT']);
    expect(codes({ pledged: true }, { pledgeeConsent: true })).toEqual([]);
  });
  it('refuses suspended proceedings (dispute / preservation)', () => {
    expect(codes({ suspended: true })).toEqual(['SUSPENDED']);
  });
  it('requires an evaluation report for utility models and designs, not inventions', () => {
    expect(codes({ type: 'utility_model' })).toEqual(['NO_EVALUATION_REPORT']);
    expect(codes({ type: 'design' }, { evaluationReportNo: '  ' })).toEqual(['NO_EVALUATION_REPORT']);
    expect(codes({ type: 'utility_model' }, { evaluationReportNo: 'PJ2024-001' })).toEqual([]);
    expect(codes({ type: 'invention' })).toEqual([]);
  });
  it('requires all co-owners to consent', () => {
    expect(codes({ holderCount: 2 })).toEqual(['CO_OWNER_CONSENT_MISSING']);
    expect(codes({ holderCount: 2 }, { coOwnersConsent: true })).toEqual([]);
  });
  it('refuses a second active declaration and a non-holder', () => {
    expect(codes({ activeDeclaration: true })).toEqual(['ALREADY_DECLARED']);
    expect(codes({ declarantIsHolder: false })).toEqual(['NOT_HOLDER']);
  });
  it('reports every reason at once, each with a Chinese message', () => {
    const r = declarationRefusals({ ...okPatent, type: 'design', legalStatus: 'lapsed', pledged: true, suspended: true,
      exclusiveOrSoleLicenceInForce: true }, {}, TODAY);
    expect(r.map((x) => x.code)).toEqual(['LAPSED', 'EXCLUSIVE_OR_SOLE_LICENCE', 'PLEDGED_NO_CONSENT', 'SUSPENDED', 'NO_EVALUATION_REPORT']);
    expect(r.every((x) => /[\u4e00-\u9fff]/.test(x.message))).toBe(true);
  });
});

describe('fee terms and caps', () => {
  it('validates each mode', () => {
    expect(feeTermsSchema.safeParse({ mode: 'free' }).success).toBe(true);
    expect(feeTermsSchema.safeParse({ mode: 'lump_sum' }).success).toBe(false);
    expect(feeTermsSchema.safeParse({ mode: 'lump_sum', lumpSumFen: 100 }).success).toBe(true);
    expect(feeTermsSchema.safeParse({ mode: 'royalty', royaltyBase: 'net_sales' }).success).toBe(false);
    expect(feeTermsSchema.safeParse({ mode: 'royalty', royaltyBase: 'net_sales', royaltyRateBp: 300 }).success).toBe(true);
    expect(feeTermsSchema.safeParse({ mode: 'royalty', royaltyBase: 'units' }).success).toBe(false);
    expect(feeTermsSchema.safeParse({ mode: 'entry_plus_royalty', royaltyBase: 'profit', royaltyRateBp: 300 }).success).toBe(false);
    expect(feeTermsSchema.safeParse({ mode: 'royalty', royaltyBase: 'net_sales', royaltyRateBp: 10_001 }).success).toBe(false);
    expect(feeTermsSchema.safeParse({ mode: 'free', trialMonths: 6 }).success).toBe(false);
    expect(feeTermsSchema.safeParse({ mode: 'lump_sum', lumpSumFen: 1.5 }).success).toBe(false);
  });
  it('warns above 20,000,000 元 fixed fee, not at it', () => {
    expect(feeCapWarnings(terms({ mode: 'lump_sum', lumpSumFen: 2_000_000_000 }))).toEqual([]);
    expect(feeCapWarnings(terms({ mode: 'lump_sum', lumpSumFen: 2_000_000_001 })).map((w) => w.code)).toEqual(['FIXED_FEE_ABOVE_CAP']);
    expect(feeCapWarnings(terms({ mode: 'entry_plus_royalty', entryFeeFen: 2_000_000_001, royaltyBase: 'units', unitFeeFen: 5 }))
      .map((w) => w.code)).toEqual(['FIXED_FEE_ABOVE_CAP']);
  });
  it('warns above 20% of net sales and above 40% of profit', () => {
    expect(feeCapWarnings(terms({ mode: 'royalty', royaltyBase: 'net_sales', royaltyRateBp: 2000 }))).toEqual([]);
    expect(feeCapWarnings(terms({ mode: 'royalty', royaltyBase: 'net_sales', royaltyRateBp: 2001 })).map((w) => w.code)).toEqual(['ROYALTY_SALES_ABOVE_CAP']);
    expect(feeCapWarnings(terms({ mode: 'royalty', royaltyBase: 'profit', royaltyRateBp: 4000 }))).toEqual([]);
    expect(feeCapWarnings(terms({ mode: 'royalty', royaltyBase: 'profit', royaltyRateBp: 3000 }))).toEqual([]);
    expect(feeCapWarnings(terms({ mode: 'entry_plus_royalty', entryFeeFen: 100, royaltyBase: 'profit', royaltyRateBp: 4001 })).map((w) => w.code)).toEqual(['ROYALTY_PROFIT_ABOVE_CAP']);
  });
  it('requires confirmation of warnings, not of none', () => {
    const w = feeCapWarnings(terms({ mode: 'lump_sum', lumpSumFen: 3_000_000_000 }));
    expect(appErr(() => assertWarningsConfirmed(w, false)).code).toBe('RULE_VIOLATION');
    expect(() => assertWarningsConfirmed(w, true)).not.toThrow();
    expect(() => assertWarningsConfirmed([], false)).not.toThrow();
  });
});

describe('declaration state machine', () => {
  it('allows submitted → published → withdrawn and submitted → rejected only', () => {
    expect(canMoveDeclaration('submitted', 'published')).toBe(true);
    expect(canMoveDeclaration('submitted', 'rejected')).toBe(true);
    expect(canMoveDeclaration('published', 'withdrawn')).toBe(true);
    expect(canMoveDeclaration('published', 'rejected')).toBe(false);
    expect(canMoveDeclaration('withdrawn', 'published')).toBe(false);
    expect(canMoveDeclaration('rejected', 'published')).toBe(false);
    expect(appErr(() => assertDeclarationMove('withdrawn', 'published')).code).toBe('ILLEGAL_TRANSITION');
  });
});

describe('forming a licence (Art. 51)', () => {
  const base = { declarationState: 'published' as const, publishedDate: '2025-01-10', withdrawnDate: null, licenceYears: 3, patentLastDay: '2039-05-01' };
  it('lump sum: licensed from the later of notice and payment', () => {
    const t = terms({ mode: 'lump_sum', lumpSumFen: 5_000_000 });
    expect(formLicence({ ...base, terms: t, noticeDate: '2025-03-01', paymentDate: '2025-03-15' }))
      .toEqual({ licensedFrom: '2025-03-15', licensedTo: '2028-03-14', trialEnd: null });
    expect(formLicence({ ...base, terms: t, noticeDate: '2025-03-20', paymentDate: '2025-03-15' }).licensedFrom).toBe('2025-03-20');
  });
  it('refuses without the upfront payment', () => {
    const e = appErr(() => formLicence({ ...base, terms: terms({ mode: 'lump_sum', lumpSumFen: 100 }), noticeDate: '2025-03-01', paymentDate: null }));
    expect((e.details as { code: string }).code).toBe('PAYMENT_REQUIRED');
  });
  it('free and royalty licences start on the notice date', () => {
    expect(formLicence({ ...base, terms: terms({ mode: 'free' }), noticeDate: '2025-03-01', paymentDate: null }).licensedFrom).toBe('2025-03-01');
  });
  it('pay-later: no upfront fee, trial ends the day before the trial months are up', () => {
    const t = terms({ mode: 'lump_sum', lumpSumFen: 100_000, trialMonths: 6 });
    expect(upfrontFeeFen(t)).toBe(0);
    expect(postTrialFixedFeeFen(t)).toBe(100_000);
    expect(formLicence({ ...base, terms: t, noticeDate: '2025-03-01', paymentDate: null }))
      .toEqual({ licensedFrom: '2025-03-01', licensedTo: '2028-02-29', trialEnd: '2025-08-31' });
  });
  it('cuts the licence at the patent expiry and refuses after it', () => {
    const t = terms({ mode: 'free' });
    expect(formLicence({ ...base, terms: t, patentLastDay: '2026-01-01', noticeDate: '2025-03-01', paymentDate: null }).licensedTo).toBe('2026-01-01');
    expect(appErr(() => formLicence({ ...base, terms: t, patentLastDay: '2025-01-01', noticeDate: '2025-03-01', paymentDate: null })).code).toBe('RULE_VIOLATION');
  });
  it('no new licence after withdrawal; notices before it still form (withdrawal keeps formed licences)', () => {
    const t = terms({ mode: 'free' });
    const w = { ...base, declarationState: 'withdrawn' as const, withdrawnDate: '2025-04-01', terms: t, paymentDate: null };
    expect((appErr(() => formLicence({ ...w, noticeDate: '2025-04-01' })).details as { code: string }).code).toBe('DECLARATION_WITHDRAWN');
    expect(formLicence({ ...w, noticeDate: '2025-03-31' }).licensedFrom).toBe('2025-03-31');
  });
  it('refuses before publication and on an unpublished declaration', () => {
    const t = terms({ mode: 'free' });
    expect((appErr(() => formLicence({ ...base, terms: t, noticeDate: '2025-01-09', paymentDate: null })).details as { code: string }).code).toBe('NOTICE_BEFORE_PUBLICATION');
    expect((appErr(() => formLicence({ ...base, declarationState: 'submitted', terms: t, noticeDate: '2025-03-01', paymentDate: null })).details as { code: string }).code).toBe('DECLARATION_NOT_PUBLISHED');
  });
});

describe('royalty: rate × base exact to the fen, half away from zero', () => {
  const sales5 = terms({ mode: 'royalty', royaltyBase: 'net_sales', royaltyRateBp: 500 });
  it('computes 5% of 1,234,567.89 元 = 61,728.39 元', () => {
    // 123,456,789 fen × 5% = 6,172,839.45 fen → 6,172,839 fen
    expect(royaltyFen(sales5, { netSalesFen: 123_456_789 })).toBe(6_172_839);
  });
  it('rounds exactly half away from zero', () => {
    expect(royaltyFen(sales5, { netSalesFen: 110 })).toBe(6); // 5.5 → 6
    expect(royaltyFen(sales5, { netSalesFen: 101 })).toBe(5); // 5.05 → 5
    expect(royaltyFen(sales5, { netSalesFen: 130 })).toBe(7); // 6.5 → 7
    expect(royaltyFen(terms({ mode: 'royalty', royaltyBase: 'net_sales', royaltyRateBp: 1 }), { netSalesFen: 5_000 })).toBe(1); // 0.5 → 1
    expect(royaltyFen(terms({ mode: 'royalty', royaltyBase: 'net_sales', royaltyRateBp: 1 }), { netSalesFen: 4_999 })).toBe(0);
  });
  it('profit base: no royalty on a loss', () => {
    const p = terms({ mode: 'royalty', royaltyBase: 'profit', royaltyRateBp: 3000 });
    expect(royaltyFen(p, { profitFen: 1_000_001 })).toBe(300_000); // 300,000.3
    expect(royaltyFen(p, { profitFen: -5_000 })).toBe(0);
  });
  it('units base: units × fee per unit', () => {
    expect(royaltyFen(terms({ mode: 'royalty', royaltyBase: 'units', unitFeeFen: 250 }), { units: 1_234 })).toBe(308_500);
  });
  it('lump sum and free have no royalty', () => {
    expect(royaltyFen(terms({ mode: 'lump_sum', lumpSumFen: 1 }), { netSalesFen: 1_000 })).toBe(0);
    expect(royaltyFen(terms({ mode: 'free' }), { netSalesFen: 1_000 })).toBe(0);
  });
  it('equals the exact rational rounded half away (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e13 }), fc.integer({ min: 1, max: 10_000 }), (base, bp) => {
      const got = royaltyFen(terms({ mode: 'royalty', royaltyBase: 'net_sales', royaltyRateBp: bp }), { netSalesFen: base });
      const exact2 = BigInt(base) * BigInt(bp) * 2n; // twice the value in 1/10000 fen
      // got is the nearest integer: |got·10000 − base·bp| ≤ 5000, and ties go up
      const diff = BigInt(got) * 20_000n - exact2;
      expect(diff <= 10_000n && diff > -10_000n).toBe(true);
    }));
  });
});

describe('use first, pay later', () => {
  const t = terms({ mode: 'royalty', royaltyBase: 'net_sales', royaltyRateBp: 300, trialMonths: 6, periodKind: 'quarter', dueDays: 30 });
  const f = { licensedFrom: '2025-01-01', licensedTo: '2025-12-31', trialEnd: '2025-06-30' };
  it('periods start after the trial and are due 30 days after their end', () => {
    expect(royaltyPeriods(f, t)).toEqual([
      { seq: 1, start: '2025-07-01', end: '2025-09-30', dueDate: '2025-10-30' },
      { seq: 2, start: '2025-10-01', end: '2025-12-31', dueDate: '2026-01-30' },
    ]);
  });
  it('without a trial, periods start on the licence start; the last is cut at the end', () => {
    const ty = terms({ mode: 'royalty', royaltyBase: 'net_sales', royaltyRateBp: 300, periodKind: 'year' });
    expect(royaltyPeriods({ licensedFrom: '2025-03-15', licensedTo: '2026-06-30', trialEnd: null }, ty)).toEqual([
      { seq: 1, start: '2025-03-15', end: '2026-03-14', dueDate: '2026-04-13' },
      { seq: 2, start: '2026-03-15', end: '2026-06-30', dueDate: '2026-07-30' },
    ]);
  });
  it('use in the trial costs nothing; after it the royalty is due', () => {
    const r1 = useReportInput.parse({ periodStart: '2025-01-01', periodEnd: '2025-03-31', netSalesFen: 50_000_000 });
    expect(assessUseReport(f, t, r1)).toEqual({ dueFen: 0, inTrial: true, dueDate: null });
    const r2 = useReportInput.parse({ periodStart: '2025-07-01', periodEnd: '2025-09-30', netSalesFen: 12_345_678 });
    expect(assessUseReport(f, t, r2)).toEqual({ dueFen: 370_370, inTrial: false, dueDate: '2025-10-30' }); // 370,370.34
  });
  it('rejects a report spanning the trial end, outside the term, across periods, or without its base', () => {
    const code = (r: Record<string, unknown>) => {
      const e = appErr(() => assessUseReport(f, t, useReportInput.parse(r)));
      return (e.details as { code?: string; field?: string }).code ?? (e.details as { field: string }).field;
    };
    expect(code({ periodStart: '2025-06-01', periodEnd: '2025-07-31', netSalesFen: 1 })).toBe('REPORT_SPANS_TRIAL_END');
    expect(code({ periodStart: '2025-12-01', periodEnd: '2026-01-31', netSalesFen: 1 })).toBe('REPORT_OUTSIDE_TERM');
    expect(code({ periodStart: '2025-09-01', periodEnd: '2025-10-31', netSalesFen: 1 })).toBe('REPORT_SPANS_PERIODS');
    expect(code({ periodStart: '2025-07-01', periodEnd: '2025-09-30', units: 3 })).toBe('net_sales');
  });
  it('reminds 30, 7 and 1 days before each due date, and marks overdue', () => {
    expect(reminderDates('2025-10-30')).toEqual(['2025-09-30', '2025-10-23', '2025-10-29']);
    const items = [{ key: 'p1', label: '第1期', dueDate: '2025-10-30', amountFen: 370_370, paidFen: 0 }];
    expect(remindersOn(items, '2025-09-29')).toEqual([]);
    expect(remindersOn(items, '2025-09-30')).toEqual([{ key: 'p1', label: '第1期', dueDate: '2025-10-30', outstandingFen: 370_370, kind: 'upcoming', daysLeft: 30 }]);
    expect(remindersOn(items, '2025-11-02')[0]).toMatchObject({ kind: 'overdue', daysLeft: -3 });
    expect(remindersOn([{ ...items[0], paidFen: 370_370 }], '2025-10-29')).toEqual([]);
    expect(remindersOn([{ ...items[0], paidFen: 370_000 }], '2025-10-29')[0].outstandingFen).toBe(370);
  });
  it('allocates payments oldest due first, never more than each item', () => {
    const out = allocatePayments([
      { key: 'b', label: 'b', dueDate: '2026-01-30', amountFen: 500 },
      { key: 'a', label: 'a', dueDate: '2025-10-30', amountFen: 300 },
    ], 450);
    expect(out.map((x) => [x.key, x.paidFen])).toEqual([['a', 300], ['b', 150]]);
  });
  it('exit in the trial ends the licence on that day; after the trial end it is refused', () => {
    expect(decideTrial('trial', f, 'exit', '2025-06-30')).toEqual({ state: 'exited', licensedTo: '2025-06-30' });
    expect((appErr(() => decideTrial('trial', f, 'exit', '2025-07-01')).details as { code: string }).code).toBe('TRIAL_OVER');
    expect(decideTrial('trial', f, 'convert', '2025-05-01')).toEqual({ state: 'active', licensedTo: '2025-12-31' });
    expect(appErr(() => decideTrial('active', f, 'convert', '2025-05-01')).code).toBe('ILLEGAL_TRANSITION');
    expect((appErr(() => decideTrial('trial', { ...f, trialEnd: null }, 'exit', '2025-05-01')).details as { code: string }).code).toBe('NO_TRIAL');
  });
  it('an undecided trial runs on the paid terms after its end; licences expire after their end', () => {
    expect(licenceStateOn('trial', f, '2025-06-30')).toBe('trial');
    expect(licenceStateOn('trial', f, '2025-07-01')).toBe('active');
    expect(licenceStateOn('active', f, '2026-01-01')).toBe('expired');
    expect(licenceStateOn('exited', f, '2025-07-01')).toBe('exited');
  });
});

describe('open-licence annual fee reduction: 15%, best single reduction', () => {
  it('900 元 → 765 元 while declared', () => {
    expect(annualFeePayableFen(90_000, true)).toEqual({ reductionBp: 1500, payableFen: 76_500, source: 'open_licence' });
  });
  it('85% fee reduction wins over 15%; not cumulative', () => {
    expect(annualFeePayableFen(90_000, true, 8500)).toEqual({ reductionBp: 8500, payableFen: 13_500, source: 'other' });
    expect(annualFeePayableFen(120_000, false)).toEqual({ reductionBp: 0, payableFen: 120_000, source: 'none' });
  });
});

describe('fee estimator', () => {
  it('cost approach: 1,000,000 元 × 1.2 × 0.7 × 10% = 84,000 元, with steps', () => {
    const e = estimateFee(estimateInput.parse({ method: 'cost', costFen: 100_000_000, profitRateBp: 2000, obsolescenceBp: 3000, shareBp: 1000 }));
    expect(e.resultFen).toBe(8_400_000);
    expect(e.steps.map((s) => s.valueFen)).toEqual([100_000_000, 120_000_000, 84_000_000]);
    expect(e.methodLabel).toBe('成本法');
  });
  it('market approach: mean of the adjusted comparables, rounded once', () => {
    const e = estimateFee(estimateInput.parse({ method: 'market', comparables: [
      { amountFen: 1_000_001, adjustmentBp: 10_000 }, { amountFen: 2_000_000, adjustmentBp: 8_000 }, { amountFen: 500_000, adjustmentBp: 12_000 },
    ] }));
    // (1,000,001 + 1,600,000 + 600,000) / 3 = 1,066,667
    expect(e.resultFen).toBe(1_066_667);
    expect(e.steps.map((s) => s.valueFen)).toEqual([1_000_001, 1_600_000, 600_000]);
  });
  it('income approach: royalty on expected sales, discounted per year', () => {
    const e = estimateFee(estimateInput.parse({ method: 'income', annualBaseFen: [100_000_000, 110_000_000], royaltyRateBp: 300, discountRateBp: 1000 }));
    // y1: 3,000,000 / 1.1 = 2,727,272.7 → 2,727,273; y2: 3,300,000 / 1.21 = 2,727,272.7 → 2,727,273
    expect(e.steps.map((s) => s.valueFen)).toEqual([2_727_273, 2_727_273]);
    expect(e.resultFen).toBe(5_454_546);
  });
  it('divRound rounds half away from zero on bigint', () => {
    expect(divRound(5n, 2n)).toBe(3);
    expect(divRound(-5n, 2n)).toBe(-3);
    expect(divRound(4n, 3n)).toBe(1);
  });
});

describe('patent term for licence periods', () => {
  it('utility model filed 1999-09-06 is protected to 2009-09-05 (Examination Guidelines example)', () => {
    expect(patentLastDay('utility_model', '1999-09-06')).toBe('2009-09-05');
  });
  it('invention 20 years, design 15 from 2021-06-01 else 10, plus extension days', () => {
    expect(patentLastDay('invention', '2019-03-01')).toBe('2039-02-28');
    expect(patentLastDay('design', '2021-06-01')).toBe('2036-05-31');
    expect(patentLastDay('design', '2021-05-31')).toBe('2031-05-30');
    expect(patentLastDay('invention', '2019-03-01', 10)).toBe('2039-03-10');
    expect(patentLastDay('invention', null)).toBeNull();
  });
});
