import { describe, it, expect } from 'vitest';
import { evaluateSleeping, poolForHolder, type SleepingInput } from './sleeping.rules.ts';

const base: SleepingInput = { holderOrgTypes: ['university'], status: 'in_force', grantDate: '2020-06-30', uses: [] };
const asOf = '2024-12-31';

describe('sleeping-patent rule', () => {
  it('university patent in force, granted ≥ 3 years, no use, no reason → sleeping in the university pool', () => {
    const r = evaluateSleeping(base, asOf);
    expect(r.sleeping).toBe(true);
    expect(r.pool).toBe('univ');
    expect(r.checks.map((c) => c.passed)).toEqual([true, true, true, true, true]);
    expect(r.summary).toContain('2023-06-30');
  });
  it('the 3-year boundary: granted 2021-12-31 is sleeping on 2024-12-31, granted 2022-01-01 is not', () => {
    expect(evaluateSleeping({ ...base, grantDate: '2021-12-31' }, asOf).sleeping).toBe(true);
    const r = evaluateSleeping({ ...base, grantDate: '2022-01-01' }, asOf);
    expect(r.sleeping).toBe(false);
    expect(r.checks.find((c) => c.code === 'GRANTED_3Y')!.passed).toBe(false);
    expect(r.summary).toContain('2025-01-01');
  });
  it('leap-day grant: 2020-02-29 reaches 3 years on 2023-02-28', () => {
    expect(evaluateSleeping({ ...base, grantDate: '2020-02-29' }, '2023-02-27').sleeping).toBe(false);
    expect(evaluateSleeping({ ...base, grantDate: '2020-02-29' }, '2023-02-28').sleeping).toBe(true);
  });
  it('SOE patents form a separate pool; enterprises are out of scope', () => {
    expect(evaluateSleeping({ ...base, holderOrgTypes: ['soe'] }, asOf).pool).toBe('soe');
    expect(evaluateSleeping({ ...base, holderOrgTypes: ['research_institute'] }, asOf).pool).toBe('univ');
    const priv = evaluateSleeping({ ...base, holderOrgTypes: ['private_enterprise'] }, asOf);
    expect(priv.sleeping).toBe(false);
    expect(priv.pool).toBeNull();
    expect(poolForHolder(null)).toBeNull();
    // joint holders: a university co-owner puts it in the university pool
    expect(evaluateSleeping({ ...base, holderOrgTypes: ['private_enterprise', 'university'] }, asOf).pool).toBe('univ');
  });
  it('lapsed or pending patents are not sleeping', () => {
    expect(evaluateSleeping({ ...base, status: 'lapsed' }, asOf).sleeping).toBe(false);
    expect(evaluateSleeping({ ...base, status: 'pending', grantDate: null }, asOf).sleeping).toBe(false);
  });
  it('each kind of use evidence on or before asOf wakes it; later evidence does not', () => {
    for (const kind of ['transfer', 'licence', 'equity', 'pledge', 'product_filing', 'own_use'] as const) {
      const r = evaluateSleeping({ ...base, uses: [{ kind, fromDate: '2023-01-01' }] }, asOf);
      expect(r.sleeping, kind).toBe(false);
      expect(r.checks.find((c) => c.code === 'NO_USE')!.passed).toBe(false);
    }
    const later = evaluateSleeping({ ...base, uses: [{ kind: 'licence', fromDate: '2025-01-01' }] }, asOf);
    expect(later.sleeping).toBe(true);
  });
  it('the holder can mark used or excluded with a reason, and the reason is shown', () => {
    const used = evaluateSleeping({ ...base, mark: { kind: 'used', reason: '已在本校中试基地自行实施' } }, asOf);
    expect(used.sleeping).toBe(false);
    expect(used.summary).toContain('中试基地');
    const excl = evaluateSleeping({ ...base, mark: { kind: 'excluded', reason: '涉及国防用途，暂不公开转化' } }, asOf);
    expect(excl.sleeping).toBe(false);
    expect(excl.checks.find((c) => c.code === 'NO_REASON')!.detail).toContain('国防');
  });
});

import { legalStatusAsOf } from './sleeping.rules.ts';
describe('status on a past date', () => {
  it('lapsed after asOf → in force then; granted after asOf → pending; lapse without date stays lapsed', () => {
    expect(legalStatusAsOf({ status: 'lapsed', grantDate: '2018-01-01', lapseDate: '2025-03-10' }, '2024-12-31')).toBe('in_force');
    expect(legalStatusAsOf({ status: 'lapsed', grantDate: '2018-01-01', lapseDate: '2024-03-10' }, '2024-12-31')).toBe('lapsed');
    expect(legalStatusAsOf({ status: 'lapsed', grantDate: null, lapseDate: null }, '2024-12-31')).toBe('lapsed');
    expect(legalStatusAsOf({ status: 'in_force', grantDate: '2025-02-01' }, '2024-12-31')).toBe('pending');
    expect(legalStatusAsOf({ status: 'in_force', grantDate: '2020-02-01' }, '2024-12-31')).toBe('in_force');
  });
});
