import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { AppError } from '../common/app-error.ts';
import { addDays, addMonths } from '../common/dates.ts';
import { DEAL_STATES, dealInput, type DealState } from './deal.schemas.ts';
import {
  applyTransition, canTransition, dealConflicts, assertNoConflicts, splitInstalments, scheduleProblems, moneySummary,
  assertPaymentAllowed, snapshotParty, holdersOn, transferEffectiveDate, patentUseOf, filingLate, partyRole, outPartyHolds,
  type DealFacts, type Candidate,
} from './deal.rules.ts';

function appErr(fn: () => unknown): AppError {
  try { fn(); } catch (e) { if (e instanceof AppError) return e; throw e; }
  throw new Error('expected an AppError');
}
const facts = (p: Partial<DealFacts> = {}): DealFacts => ({
  kind: 'transfer', licenceKind: null, state: 'draft', contractDate: '2024-03-01', effectiveDate: null,
  contractAmountFen: 50_000_000, amountBasis: 'fixed', registrationNo: null, registrationDate: null,
  patentCount: 1, partySides: ['out', 'in'], receivedFen: 0, ...p,
});

describe('deal state machine', () => {
  const legal: [DealState, DealState][] = [
    ['draft', 'signed'], ['signed', 'registered'], ['registered', 'performing'], ['performing', 'completed'],
    ['draft', 'terminated'], ['signed', 'terminated'], ['registered', 'terminated'], ['performing', 'terminated'],
  ];
  it('allows exactly the listed moves', () => {
    for (const from of DEAL_STATES) for (const to of DEAL_STATES) {
      expect(canTransition(from, to)).toBe(legal.some(([a, b]) => a === from && b === to));
    }
  });
  it('rejects every illegal move with ILLEGAL_TRANSITION (no skipping, no way back, finals are final)', () => {
    for (const [from, to] of [['draft', 'registered'], ['draft', 'completed'], ['signed', 'performing'], ['completed', 'terminated'],
      ['terminated', 'signed'], ['performing', 'signed'], ['completed', 'performing']] as [DealState, DealState][]) {
      expect(appErr(() => applyTransition(facts({ state: from }), { to, date: '2024-05-01', reason: 'x' })).code).toBe('ILLEGAL_TRANSITION');
    }
  });
  it('random walks only ever pass legal moves (property)', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...DEAL_STATES), { maxLength: 12 }), (targets) => {
      let s: DealState = 'draft';
      for (const to of targets) {
        const d = facts({ state: s, registrationNo: 'R1', registrationDate: '2024-04-01', receivedFen: 50_000_000 });
        try {
          s = applyTransition(d, { to, date: '2024-05-01', reason: '协商终止' }).state;
          expect(canTransition(d.state, to)).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(AppError);
          expect(canTransition(d.state, to)).toBe(false);
        }
      }
    }));
  });
  it('signing needs a contract date not in the future, patents and both sides', () => {
    expect(applyTransition(facts(), { to: 'signed', date: '2024-03-01' }).state).toBe('signed');
    expect(appErr(() => applyTransition(facts({ contractDate: null }), { to: 'signed', date: '2024-03-01' })).code).toBe('RULE_VIOLATION');
    expect(appErr(() => applyTransition(facts(), { to: 'signed', date: '2024-02-29' })).code).toBe('RULE_VIOLATION');
    expect(appErr(() => applyTransition(facts({ patentCount: 0 }), { to: 'signed', date: '2024-03-01' })).code).toBe('RULE_VIOLATION');
    expect(appErr(() => applyTransition(facts({ partySides: ['out'] }), { to: 'signed', date: '2024-03-01' })).code).toBe('RULE_VIOLATION');
  });
  it('registration needs number and date; a transfer takes effect on registration', () => {
    const r = applyTransition(facts({ state: 'signed' }), { to: 'registered', date: '2024-04-10', registrationNo: 'TR2024-1', registrationDate: '2024-04-09' });
    expect(r).toEqual({ state: 'registered', registrationNo: 'TR2024-1', registrationDate: '2024-04-09', effectiveDate: '2024-04-09' });
    expect(appErr(() => applyTransition(facts({ state: 'signed' }), { to: 'registered', date: '2024-04-10' })).code).toBe('RULE_VIOLATION');
    expect(appErr(() => applyTransition(facts({ state: 'signed' }), { to: 'registered', date: '2024-04-10', registrationNo: 'X', registrationDate: '2024-02-01' })).code).toBe('RULE_VIOLATION');
    const lic = applyTransition(facts({ state: 'signed', kind: 'licence', licenceKind: 'ordinary', effectiveDate: '2024-03-05' }), { to: 'registered', date: '2024-04-10', registrationNo: 'EE1', registrationDate: '2024-04-09' });
    expect(lic.effectiveDate).toBe('2024-03-05');
  });
  it('completion needs the whole fixed price received; royalty deals do not', () => {
    expect(appErr(() => applyTransition(facts({ state: 'performing', receivedFen: 49_999_999 }), { to: 'completed', date: '2024-06-01' })).code).toBe('RULE_VIOLATION');
    expect(applyTransition(facts({ state: 'performing', receivedFen: 50_000_000 }), { to: 'completed', date: '2024-06-01' }).state).toBe('completed');
    expect(applyTransition(facts({ state: 'performing', amountBasis: 'royalty' }), { to: 'completed', date: '2024-06-01' }).state).toBe('completed');
  });
  it('termination needs a reason', () => {
    expect(appErr(() => applyTransition(facts({ state: 'signed' }), { to: 'terminated', date: '2024-06-01', reason: ' ' })).code).toBe('RULE_VIOLATION');
    expect(applyTransition(facts({ state: 'signed' }), { to: 'terminated', date: '2024-06-01', reason: '协商解除' }).state).toBe('terminated');
  });
  it('flags a licence filed more than 3 months after taking effect', () => {
    expect(filingLate({ kind: 'licence', effectiveDate: '2024-01-31', contractDate: '2024-01-20', registrationDate: '2024-04-30' })).toBe(false);
    expect(filingLate({ kind: 'licence', effectiveDate: '2024-01-31', contractDate: '2024-01-20', registrationDate: '2024-05-01' })).toBe(true);
    expect(filingLate({ kind: 'transfer', effectiveDate: '2024-01-31', contractDate: null, registrationDate: '2025-05-01' })).toBe(false);
  });
});

describe('cross-rules §9', () => {
  const base = { openLicenceActive: false, licencesInForce: [], pledged: false, pledgeeConsent: false, lapseDate: null };
  const lic = (licenceKind: Candidate['licenceKind'], p: Partial<Candidate> = {}): Candidate =>
    ({ kind: 'licence', licenceKind, start: '2025-01-01', end: '2027-12-31', territory: null, field: null, ...p });
  const codes = (c: Candidate, ctx: Partial<Parameters<typeof dealConflicts>[1]> = {}) => dealConflicts(c, { ...base, ...ctx }).map((x) => x.code);

  it('an active open licence blocks exclusive and sole licences, not ordinary ones', () => {
    expect(codes(lic('exclusive'), { openLicenceActive: true })).toEqual(['OPEN_LICENCE_ACTIVE']);
    expect(codes(lic('sole'), { openLicenceActive: true })).toEqual(['OPEN_LICENCE_ACTIVE']);
    expect(codes(lic('ordinary'), { openLicenceActive: true })).toEqual([]);
    expect(codes(lic('open'), { openLicenceActive: true })).toEqual([]);
  });
  it('an exclusive licence blocks any other licence in the same territory, field and period', () => {
    const ex = [{ dealId: 7, licenceKind: 'exclusive' as const, start: '2024-01-01', end: '2025-06-30', territory: '河南省', field: null }];
    expect(codes(lic('ordinary'), { licencesInForce: ex })).toEqual(['EXCLUSIVE_LICENCE_IN_FORCE']);
    expect(dealConflicts(lic('ordinary'), { ...base, licencesInForce: ex })[0].dealId).toBe(7);
    expect(codes(lic('ordinary', { territory: '河南省' }), { licencesInForce: ex })).toEqual(['EXCLUSIVE_LICENCE_IN_FORCE']);
    expect(codes(lic('ordinary', { territory: '四川省' }), { licencesInForce: ex })).toEqual([]);
    expect(codes(lic('ordinary', { start: '2025-07-01' }), { licencesInForce: ex })).toEqual([]);
    expect(codes(lic('sub'), { licencesInForce: ex })).toEqual([]);
  });
  it('a sole licence blocks licences to others; a new exclusive/sole is blocked by any licence in force', () => {
    const sole = [{ dealId: 3, licenceKind: 'sole' as const, start: '2024-01-01', end: null, territory: null, field: '医疗器械' }];
    expect(codes(lic('ordinary', { field: '医疗器械' }), { licencesInForce: sole })).toEqual(['SOLE_LICENCE_IN_FORCE']);
    expect(codes(lic('ordinary', { field: '农业机械' }), { licencesInForce: sole })).toEqual([]);
    const ord = [{ dealId: 4, licenceKind: 'ordinary' as const, start: '2024-01-01', end: '2026-01-01', territory: null, field: null }];
    expect(codes(lic('exclusive'), { licencesInForce: ord })).toEqual(['LICENCE_IN_FORCE']);
    expect(codes(lic('ordinary'), { licencesInForce: ord })).toEqual([]);
  });
  it('a transfer or equity contribution of a pledged patent needs the pledgee consent', () => {
    const t: Candidate = { kind: 'transfer', licenceKind: null, start: '2025-01-01', end: null, territory: null, field: null };
    expect(codes(t, { pledged: true })).toEqual(['PLEDGED_NO_CONSENT']);
    expect(codes({ ...t, kind: 'equity' }, { pledged: true })).toEqual(['PLEDGED_NO_CONSENT']);
    expect(codes(t, { pledged: true, pledgeeConsent: true })).toEqual([]);
  });
  it('refuses a patent lapsed on the deal date', () => {
    expect(codes(lic('ordinary'), { lapseDate: '2024-12-31' })).toEqual(['PATENT_LAPSED']);
    expect(codes(lic('ordinary'), { lapseDate: '2025-01-02' })).toEqual([]);
  });
  it('assertNoConflicts throws RULE_VIOLATION carrying the first code', () => {
    const e = appErr(() => assertNoConflicts(dealConflicts(lic('exclusive'), { ...base, openLicenceActive: true })));
    expect(e.code).toBe('RULE_VIOLATION');
    expect((e.details as { code: string }).code).toBe('OPEN_LICENCE_ACTIVE');
  });
});

describe('money: schedule, payments, received = sum of payments', () => {
  it('splits 100.00 元 in 3: 33.34 + 33.33 + 33.33, monthly', () => {
    expect(splitInstalments(10_000, 3, '2024-01-31')).toEqual([
      { dueDate: '2024-01-31', amountFen: 3_334, note: null },
      { dueDate: '2024-02-29', amountFen: 3_333, note: null },
      { dueDate: '2024-03-31', amountFen: 3_333, note: null },
    ]);
  });
  it('sum of instalments equals the total, for random totals and counts (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 9e14 }), fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 12 }), (total, n, every) => {
      fc.pre(n <= total);
      const s = splitInstalments(total, n, '2024-01-31', every);
      expect(s.length).toBe(n);
      expect(s.reduce((a, i) => a + i.amountFen, 0)).toBe(total);
      expect(Math.max(...s.map((i) => i.amountFen)) - Math.min(...s.map((i) => i.amountFen))).toBeLessThanOrEqual(1);
      expect(scheduleProblems(total, 'fixed', s, '2024-01-31')).toEqual([]);
    }));
  });
  it('received and received-by-year equal the sum of the payments, for random schedules (property)', () => {
    const pay = fc.record({ receivedDate: fc.integer({ min: 0, max: 3000 }).map((d) => addDays('2021-01-01', d)), amountFen: fc.integer({ min: 1, max: 1e12 }) });
    fc.assert(fc.property(fc.array(pay, { maxLength: 60 }), fc.integer({ min: 0, max: 1e14 }), (payments, contract) => {
      const m = moneySummary(contract, [], payments, '2030-01-01');
      const sum = payments.reduce((s, p) => s + BigInt(p.amountFen), 0n);
      expect(BigInt(m.receivedFen)).toBe(sum);
      expect(BigInt(m.receivedByYear.reduce((s, y) => s + y.amountFen, 0))).toBe(sum);
      expect(m.outstandingFen).toBe(Math.max(0, contract - m.receivedFen));
    }));
  });
  it('a schedule that does not add up to the contract amount is reported', () => {
    const s = [{ dueDate: '2024-02-01', amountFen: 600 }, { dueDate: '2024-03-01', amountFen: 399 }];
    expect(scheduleProblems(1_000, 'fixed', s, '2024-01-01')).toHaveLength(1);
    expect(scheduleProblems(1_000, 'royalty', s, '2024-01-01')).toEqual([]);
    expect(scheduleProblems(999, 'fixed', s, '2024-02-15')).toEqual(['付款计划的日期不能早于合同签订日期']);
  });
  it('overdue = scheduled by today minus received', () => {
    const s = splitInstalments(90_000, 3, '2024-01-15');
    const m = moneySummary(90_000, s, [{ receivedDate: '2024-01-20', amountFen: 30_000 }], '2024-02-20');
    expect(m).toMatchObject({ scheduledFen: 90_000, receivedFen: 30_000, outstandingFen: 60_000, overdueFen: 30_000, receivedByYear: [{ year: 2024, amountFen: 30_000 }] });
  });
  it('payments: open states only, not before the contract, never above a fixed price', () => {
    const d = { state: 'performing' as DealState, contractDate: '2024-03-01', contractAmountFen: 1_000, amountBasis: 'fixed' as const, receivedFen: 900 };
    expect(() => assertPaymentAllowed(d, { receivedDate: '2024-03-01', amountFen: 100 })).not.toThrow();
    const code = (x: Partial<typeof d>, p = { receivedDate: '2024-03-02', amountFen: 100 }) => (appErr(() => assertPaymentAllowed({ ...d, ...x }, p)).details as { code: string }).code;
    expect(code({}, { receivedDate: '2024-03-02', amountFen: 101 })).toBe('OVERPAID');
    expect(code({ state: 'draft' })).toBe('DEAL_NOT_OPEN');
    expect(code({ state: 'terminated' })).toBe('DEAL_NOT_OPEN');
    expect(code({}, { receivedDate: '2024-02-29', amountFen: 1 })).toBe('PAYMENT_BEFORE_CONTRACT');
    expect(() => assertPaymentAllowed({ ...d, amountBasis: 'royalty' }, { receivedDate: '2024-03-02', amountFen: 5_000 })).not.toThrow();
  });
});

describe('parties as of the deal date', () => {
  const org = { id: 5, name: '示例科技有限公司', type: 'private_enterprise' as const, sizeClass: 'large' as const, regionCode: '411500' };
  it('uses the size class of the deal year, else the latest earlier one, else the current one', () => {
    const sizes = [{ year: 2021, sizeClass: 'small' as const }, { year: 2023, sizeClass: 'medium' as const }, { year: 2025, sizeClass: 'large' as const }];
    expect(snapshotParty(org, '2022-06-01', sizes)).toMatchObject({ sizeClass: 'small', isSme: true });
    expect(snapshotParty(org, '2023-01-01', sizes)).toMatchObject({ sizeClass: 'medium', isSme: true });
    expect(snapshotParty(org, '2020-01-01', sizes)).toMatchObject({ sizeClass: 'large', isSme: false });
    expect(snapshotParty(org, null, sizes)).toMatchObject({ sizeClass: 'large', regionCode: '411500', orgType: 'private_enterprise' });
  });
  it('names party roles by deal kind', () => {
    expect(partyRole('transfer', 'out')).toBe('assignor');
    expect(partyRole('licence', 'in')).toBe('licensee');
    expect(partyRole('equity', 'in')).toBe('investee');
  });
});

describe('holder change and patent use', () => {
  it('a transfer changes the holder from its effective date', () => {
    const ch = [{ effectiveDate: '2024-04-09', holders: ['示例企业'] }];
    expect(holdersOn(['示例大学'], ch, '2024-04-08')).toEqual(['示例大学']);
    expect(holdersOn(['示例大学'], ch, '2024-04-09')).toEqual(['示例企业']);
    expect(holdersOn(['示例大学'], [...ch, { effectiveDate: '2025-01-01', holders: ['乙公司'] }], '2025-06-01')).toEqual(['乙公司']);
  });
  it('effective date of a transfer is its registration, else the agreed date; licences do not move the right', () => {
    expect(transferEffectiveDate({ kind: 'transfer', registrationDate: '2024-04-09', effectiveDate: '2024-03-01', contractDate: '2024-02-01' })).toBe('2024-04-09');
    expect(transferEffectiveDate({ kind: 'equity', registrationDate: null, effectiveDate: '2024-03-01', contractDate: '2024-02-01' })).toBe('2024-03-01');
    expect(transferEffectiveDate({ kind: 'licence', registrationDate: '2024-04-09', effectiveDate: null, contractDate: null })).toBeNull();
  });
  it('every deal is a use of its patents from its start', () => {
    expect(patentUseOf({ kind: 'licence', contractDate: '2024-02-01', effectiveDate: '2024-03-01', endDate: '2026-02-28' })).toEqual({ kind: 'licence', fromDate: '2024-03-01', toDate: '2026-02-28' });
    expect(patentUseOf({ kind: 'transfer', contractDate: '2024-02-01', effectiveDate: null, endDate: null })).toEqual({ kind: 'transfer', fromDate: '2024-02-01', toDate: null });
    expect(patentUseOf({ kind: 'transfer', contractDate: null, effectiveDate: null, endDate: null })).toBeNull();
  });
});

describe('deal input schema', () => {
  const ok = { kind: 'licence', licenceKind: 'ordinary', title: '某专利普通许可', contractAmountFen: 100, patentIds: [1],
    parties: [{ side: 'out', orgId: 1 }, { side: 'in', name: '示例企业' }] };
  it('accepts a valid licence and requires its kind', () => {
    expect(dealInput.safeParse(ok).success).toBe(true);
    expect(dealInput.safeParse({ ...ok, licenceKind: null }).success).toBe(false);
    expect(dealInput.safeParse({ ...ok, kind: 'transfer' }).success).toBe(false);
  });
  it('needs both sides, unique patents, integer fen and no extra fields', () => {
    expect(dealInput.safeParse({ ...ok, parties: [{ side: 'out', orgId: 1 }, { side: 'out', orgId: 2 }] }).success).toBe(false);
    expect(dealInput.safeParse({ ...ok, patentIds: [1, 1] }).success).toBe(false);
    expect(dealInput.safeParse({ ...ok, contractAmountFen: 10.5 }).success).toBe(false);
    expect(dealInput.safeParse({ ...ok, state: 'completed' }).success).toBe(false);
  });
  it('months in schedules are added with month-end clamping', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
  });
});

describe('the giving side holds the patent', () => {
  const holders = [{ orgId: 1, name: '示例大学' }, { orgId: null, name: '张三' }];
  it('matches by organisation or by name; unknown holders are not checked', () => {
    expect(outPartyHolds([{ orgId: 1, name: '别名' }], holders)).toBe(true);
    expect(outPartyHolds([{ orgId: null, name: '张三' }], holders)).toBe(true);
    expect(outPartyHolds([{ orgId: 2, name: '示例企业' }], holders)).toBe(false);
    expect(outPartyHolds([{ orgId: 2, name: '示例企业' }], [])).toBe(true);
  });
});
