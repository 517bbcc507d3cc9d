import { describe, it, expect } from 'vitest';
import {
  termYears, termEndDate, lastProtectedDay, patentYear, feeDueDate, fullAnnualFeeFen, applicableReduction,
  surchargePercent, quoteAnnualFee, maintenanceYears, maintainedOver10, feeStatus, restorationDeadline, RESTORATION_FEE_FEN,
} from './fees.rules.ts';

describe('term (domain-rules §2)', () => {
  it('utility model filed 1999-09-06 is protected to 2009-09-05; 期满终止日 2009-09-06 (Examination Guidelines example)', () => {
    expect(lastProtectedDay('utility_model', '1999-09-06')).toBe('2009-09-05');
    expect(termEndDate('utility_model', '1999-09-06')).toBe('2009-09-06');
  });
  it('invention 20 years, utility model 10', () => {
    expect(termYears('invention', '2010-01-01')).toBe(20);
    expect(lastProtectedDay('invention', '2010-01-01')).toBe('2029-12-31');
    expect(termYears('utility_model', '2022-01-01')).toBe(10);
  });
  it('design filed 2021-05-31 gets 10 years, filed 2021-06-01 gets 15', () => {
    expect(termYears('design', '2021-05-31')).toBe(10);
    expect(lastProtectedDay('design', '2021-05-31')).toBe('2031-05-30');
    expect(termYears('design', '2021-06-01')).toBe(15);
    expect(lastProtectedDay('design', '2021-06-01')).toBe('2036-05-31');
  });
  it('leap-day filing: anniversary clamps to 28 Feb in common years', () => {
    expect(lastProtectedDay('invention', '2000-02-29')).toBe('2020-02-28'); // 2020 is a leap year: 02-29 − 1
    expect(lastProtectedDay('utility_model', '2004-02-29')).toBe('2014-02-27'); // 2014-02-28 − 1
    expect(patentYear('2004-02-29', '2005-02-27')).toBe(1);
    expect(patentYear('2004-02-29', '2005-02-28')).toBe(2);
    expect(feeDueDate('2004-02-29', 2)).toBe('2005-02-28');
    expect(feeDueDate('2004-02-29', 5)).toBe('2008-02-29');
  });
  it('term extension days move the last protected day', () => {
    expect(lastProtectedDay('invention', '2010-01-01', 100)).toBe('2030-04-10');
  });
});

describe('patent year and due dates', () => {
  it('n = 1 + whole years since filing; due(n) = filing + (n−1) years', () => {
    expect(patentYear('2015-03-10', '2015-03-10')).toBe(1);
    expect(patentYear('2015-03-10', '2018-03-09')).toBe(3);
    expect(patentYear('2015-03-10', '2018-03-10')).toBe(4);
    expect(feeDueDate('2015-03-10', 4)).toBe('2018-03-10');
  });
});

describe('annual fee schedule (元 → fen)', () => {
  const inv = (y: number) => fullAnnualFeeFen('invention', '2010-01-01', y);
  const um = (y: number) => fullAnnualFeeFen('utility_model', '2010-01-01', y);
  const des = (y: number, f = '2022-01-01') => fullAnnualFeeFen('design', f, y);
  it('invention bands 1–3, 4–6, 7–9, 10–12, 13–15, 16–20', () => {
    expect([1, 3, 4, 6, 7, 9, 10, 12, 13, 15, 16, 20].map(inv)).toEqual(
      [900, 900, 1200, 1200, 2000, 2000, 4000, 4000, 6000, 6000, 8000, 8000].map((y) => y * 100));
    expect(inv(21)).toBeNull();
    expect(inv(0)).toBeNull();
  });
  it('utility model: 600, 900, 1200 (6–8), 2000 (9–10), nothing after 10', () => {
    expect([1, 3, 4, 5, 6, 8, 9, 10].map(um)).toEqual([600, 600, 900, 900, 1200, 1200, 2000, 2000].map((y) => y * 100));
    expect(um(11)).toBeNull();
  });
  it('design: years 11–15 at 3000 only for designs filed from 2021-06-01', () => {
    expect(des(11)).toBe(300_000);
    expect(des(15)).toBe(300_000);
    expect(des(16)).toBeNull();
    expect(des(10, '2021-05-31')).toBe(200_000);
    expect(des(11, '2021-05-31')).toBeNull();
  });
});

describe('reductions: the best single one applies', () => {
  const base = { type: 'invention' as const, filingDate: '2015-01-10', grantDate: '2017-06-01' }; // grant in patent year 3
  it('85% single, 70% joint, 15% open licence, not cumulative', () => {
    expect(quoteAnnualFee({ ...base, feeReduction: 'single' }, 4)!.reducedFen).toBe(18_000); // 1200 × 15%
    expect(quoteAnnualFee({ ...base, feeReduction: 'joint' }, 4)!.reducedFen).toBe(36_000); // 1200 × 30%
    expect(quoteAnnualFee({ ...base, openLicenceActive: true }, 4)!.reducedFen).toBe(102_000); // 1200 × 85%
    const both = quoteAnnualFee({ ...base, feeReduction: 'single', openLicenceActive: true }, 4)!;
    expect(both.reducedFen).toBe(18_000);
    expect(both.reduction.kind).toBe('fee_reduction');
  });
  it('fee reduction lasts 10 years from the grant year (years 3..12 here), then the open licence is the best', () => {
    expect(applicableReduction({ ...base, feeReduction: 'single' }, 3).rateBp).toBe(8500);
    expect(applicableReduction({ ...base, feeReduction: 'single' }, 12).rateBp).toBe(8500);
    expect(applicableReduction({ ...base, feeReduction: 'single' }, 13).rateBp).toBe(0);
    expect(applicableReduction({ ...base, feeReduction: 'single', openLicenceActive: true }, 13)).toMatchObject({ kind: 'open_licence', rateBp: 1500 });
  });
});

describe('late surcharge: 5% of the FULL fee per whole month, 6-month grace', () => {
  const due = '2024-03-15';
  it('month bands', () => {
    expect(surchargePercent(due, '2024-03-15')).toBe(0);
    expect(surchargePercent(due, '2024-04-14')).toBe(0);
    expect(surchargePercent(due, '2024-04-15')).toBe(5);
    expect(surchargePercent(due, '2024-05-15')).toBe(10);
    expect(surchargePercent(due, '2024-06-15')).toBe(15);
    expect(surchargePercent(due, '2024-07-15')).toBe(20);
    expect(surchargePercent(due, '2024-08-15')).toBe(25);
    expect(surchargePercent(due, '2024-09-15')).toBe(25); // exactly 6 months: still [5,6]
    expect(surchargePercent(due, '2024-09-16')).toBeNull(); // terminated from the due date
  });
  it('surcharge is on the full fee, not the reduced one: 900 × 15% + 900 × 10% = 225 元', () => {
    const q = quoteAnnualFee({ type: 'invention', filingDate: '2021-03-15', grantDate: '2023-01-05', feeReduction: 'single' }, 3, '2023-05-20')!;
    expect(q.dueDate).toBe('2023-03-15');
    expect(q.reducedFen).toBe(13_500);
    expect(q.surchargePercent).toBe(10);
    expect(q.surchargeFen).toBe(9_000);
    expect(q.payableFen).toBe(22_500);
    expect(q.graceEnd).toBe('2023-09-15');
  });
  it('restoration: 1000 元, within 2 months of the notice and 2 years of the missed deadline', () => {
    expect(RESTORATION_FEE_FEN).toBe(100_000);
    expect(restorationDeadline('2023-03-15', '2023-10-10')).toBe('2023-12-10');
    expect(restorationDeadline('2023-03-15', '2025-02-01')).toBe('2025-03-15');
  });
});

describe('maintenance years', () => {
  it('whole years from filing to asOf, or to the lapse date', () => {
    expect(maintenanceYears('2010-05-01', '2024-12-31')).toBe(14);
    expect(maintenanceYears('2010-05-01', '2024-12-31', '2016-05-01')).toBe(6);
    expect(maintenanceYears('2010-05-01', '2012-01-01', '2016-05-01')).toBe(1); // asOf before the lapse
  });
  it('maintainedOver10 needs in force and asOf strictly after the 10th anniversary', () => {
    expect(maintainedOver10('in_force', '2014-12-31', '2024-12-31')).toBe(false);
    expect(maintainedOver10('in_force', '2014-12-31', '2025-01-01')).toBe(true);
    expect(maintainedOver10('lapsed', '2010-01-01', '2025-01-01')).toBe(false);
  });
});

describe('feeStatus: next fee, risk and yearly cost', () => {
  const p = { type: 'invention' as const, filingDate: '2015-03-10', grantDate: '2018-01-20', status: 'in_force' as const };
  it('due within 90 days', () => {
    const s = feeStatus({ ...p, feePaidThrough: '2025-03-09' }, '2025-01-15'); // paid through year 10 (last covered day)
    expect(s.patentYear).toBe(10);
    expect(s.next!.year).toBe(11);
    expect(s.next!.dueDate).toBe('2025-03-10');
    expect(s.next!.fullFen).toBe(400_000);
    expect(s.risk).toBe('due_soon');
    expect(s.yearlyCostFen).toBe(400_000);
  });
  it('in grace: will lapse if unpaid, surcharge quoted as of the date', () => {
    const s = feeStatus({ ...p, feePaidThrough: '2025-03-09' }, '2025-05-11');
    expect(s.risk).toBe('grace');
    expect(s.next!.surchargePercent).toBe(10);
    expect(s.next!.payableFen).toBe(400_000 + 40_000);
    expect(s.explanation.join()).toContain('2025-09-10');
  });
  it('beyond grace: terminated from the due date', () => {
    const s = feeStatus({ ...p, feePaidThrough: '2025-03-09' }, '2025-09-11');
    expect(s.risk).toBe('terminated_unpaid');
    expect(s.yearlyCostFen).toBe(0);
  });
  it('no payment record: assumed paid through the current year; open licence 15% off in the cost', () => {
    const s = feeStatus({ ...p, openLicenceActive: true }, '2024-06-01');
    expect(s.paidThroughYear).toBe(10);
    expect(s.next!.year).toBe(11);
    expect(s.risk).toBe('ok');
    expect(s.yearlyCostFen).toBe(340_000);
  });
  it('lapsed patents cost nothing and count maintenance to the lapse date; a restored one counts through', () => {
    const lapsed = feeStatus({ ...p, status: 'lapsed', lapseDate: '2021-03-10' }, '2024-12-31');
    expect(lapsed.risk).toBe('lapsed');
    expect(lapsed.maintenanceYears).toBe(6);
    const restored = feeStatus({ ...p, status: 'in_force', lapseDate: null }, '2024-12-31');
    expect(restored.maintenanceYears).toBe(9);
  });
  it('expiring: last year paid, term ends within 90 days', () => {
    const s = feeStatus({ type: 'utility_model', filingDate: '2015-02-01', grantDate: '2015-08-01', status: 'in_force' }, '2024-12-15');
    expect(s.next).toBeNull();
    expect(s.risk).toBe('expiring');
    expect(s.lastProtectedDay).toBe('2025-01-31');
  });
  it('pending patents pay no annual fee', () => {
    expect(feeStatus({ ...p, status: 'pending' }, '2016-01-01').risk).toBe('not_applicable');
  });
});
