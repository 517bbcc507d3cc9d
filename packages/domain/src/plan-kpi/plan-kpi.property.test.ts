import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { cagr, evaluateTarget, rankDistricts } from './plan-kpi.rules.ts';
import { targetSchema } from './plan-kpi.schemas.ts';

const period = { startYear: 2021, endYear: 2023, baselineYear: 2020 };

describe('properties', () => {
  it('a finished growth target is met exactly when the last year reaches base·(1+X)^n', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 0, max: 100 }), (base, last, pct) => {
      const t = targetSchema.parse({ id: 'g', indicator: 'PLEDGE_COUNT', kind: 'cagr_at_least', value: pct, clause: 'x' });
      const e = evaluateTarget(t, period, new Map([[2020, base], [2023, last]]), '2024-01-01');
      const needed = base * Math.pow(1 + pct / 100, 3);
      if (last >= needed * (1 + 1e-9)) expect(e.status).toBe('met');
      if (last <= needed * (1 - 1e-9)) expect(e.status).toBe('not_met');
      expect(e.value).toBeCloseTo(cagr(base, last, 3)!, 12);
    }));
  });
  it('cumulative: adding records never turns met into not met', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 3, maxLength: 3 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 20 }), (ys, k, extra) => {
      const t = targetSchema.parse({ id: 'c', indicator: 'EVENTS', kind: 'cumulative_at_least', value: 60, clause: 'x' });
      const v = new Map(ys.map((x, i) => [2021 + i, x]));
      const more = new Map(v);
      const y = 2021 + (k % 3);
      more.set(y, (more.get(y) ?? 0) + extra);
      const a = evaluateTarget(t, period, v, '2024-01-01');
      const b = evaluateTarget(t, period, more, '2024-01-01');
      if (a.status === 'met') expect(b.status).toBe('met');
      expect(b.value!).toBeGreaterThan(a.value!);
    }));
  });
  it('ranking: scores lie in 0..100, ranks are sorted, the best district of a single indicator scores 100', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 12 }), (totals) => {
      const ds = totals.map((x, i) => ({ regionCode: `1506${String(i).padStart(2, '0')}`, name: `d${i}`, values: new Map([['SME_IN_PATENTS' as const, new Map([[2021, x]])]]) }));
      const r = rankDistricts(ds, [{ indicator: 'SME_IN_PATENTS', metric: 'total', weight: 1 }], period, '2022-01-01');
      for (const x of r) { expect(x.score).toBeGreaterThanOrEqual(0); expect(x.score).toBeLessThanOrEqual(100); }
      for (let i = 1; i < r.length; i++) expect(r[i]!.score).toBeLessThanOrEqual(r[i - 1]!.score);
      if (Math.max(...totals) > 0) expect(r[0]!.score).toBe(100);
    }));
  });
});
