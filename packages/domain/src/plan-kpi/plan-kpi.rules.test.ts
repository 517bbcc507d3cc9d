import { describe, it, expect } from 'vitest';
import { cagr, yoy, evaluateTarget, formatRate, regionPrefix, sizeClassAt, rankDistricts, lastCompleteYear, requiredLevel, cityOf, regionLevel } from './plan-kpi.rules.ts';
import { targetSchema, type TargetInput } from './plan-kpi.schemas.ts';

const period = { startYear: 2021, endYear: 2023, baselineYear: 2020 };
const vals = (o: Record<number, number>) => new Map(Object.entries(o).map(([k, v]) => [Number(k), v]));
const t = (x: TargetInput) => targetSchema.parse(x);

describe('growth maths (level method)', () => {
  it('baseline 10, years 12/15/20 → 25.99% average growth', () => {
    const r = cagr(10, 20, 3)!;
    expect(formatRate(r)).toBe('25.99%');
    expect(r).toBeCloseTo(0.259921, 6);
  });
  it('a zero baseline makes the rate undefined, never 0 or ∞', () => {
    expect(cagr(0, 20, 3)).toBeUndefined();
    expect(formatRate(cagr(0, 20, 3))).toBe('无法计算（基期为0）');
    expect(yoy(0, 5)).toBeUndefined();
  });
  it('year-on-year growth', () => {
    expect(yoy(10, 12)).toBeCloseTo(0.2, 12);
    expect(yoy(12, 15)).toBeCloseTo(0.25, 12);
    expect(yoy(15, 20)).toBeCloseTo(1 / 3, 12);
  });
  it('required level for forecasting: 10·1.2^3 = 17.28', () => {
    expect(requiredLevel(10, 0.2, 2020, 2023)).toBeCloseTo(17.28, 9);
  });
  it('last complete year', () => {
    expect(lastCompleteYear('2023-12-31')).toBe(2023);
    expect(lastCompleteYear('2023-12-30')).toBe(2022);
  });
});

describe('cagr_at_least', () => {
  const target = t({ id: 'g', indicator: 'SME_IN_PATENTS', kind: 'cagr_at_least', value: 20, clause: '四、1' });
  it('met for a 20% target with 10 → 12/15/20 once the plan is over, with every year-on-year growth shown', () => {
    const e = evaluateTarget(target, period, vals({ 2020: 10, 2021: 12, 2022: 15, 2023: 20 }), '2024-03-01');
    expect(e.status).toBe('met');
    expect(e.value).toBeCloseTo(0.259921, 6);
    expect(e.gap).toBeUndefined();
    expect(e.years.map((y) => y.year)).toEqual([2020, 2021, 2022, 2023]);
    expect(e.years.slice(1).map((y) => Math.round(y.yoy! * 10000) / 100)).toEqual([20, 25, 33.33]);
  });
  it('not met for a 30% target, with the gap in rate points', () => {
    const e = evaluateTarget({ ...target, value: 30 }, period, vals({ 2020: 10, 2021: 12, 2022: 15, 2023: 20 }), '2024-01-01');
    expect(e.status).toBe('not_met');
    expect(e.gap).toBeCloseTo(0.3 - 0.259921, 5);
  });
  it('exactly on the threshold (10 → 17.28 at 20%) counts as met despite floating point', () => {
    const e = evaluateTarget(target, period, vals({ 2020: 10, 2023: 17.28 }), '2023-12-31');
    expect(e.status).toBe('met');
  });
  it('baseline 0 → status undefined, said as such', () => {
    const e = evaluateTarget(target, period, vals({ 2020: 0, 2021: 5, 2022: 8, 2023: 9 }), '2024-01-01');
    expect(e.status).toBe('undefined');
    expect(e.value).toBeUndefined();
    expect(e.note).toContain('基期（2020年）为0');
  });
  it('while running: growth to date and what this year needs', () => {
    const e = evaluateTarget(target, period, vals({ 2020: 10, 2021: 12, 2022: 14, 2023: 3 }), '2023-06-30');
    // to date: 10 → 14 over 2 years = 18.32% < 20% → behind; 2023 needs 10·1.2^3 = 17.28
    expect(e.status).toBe('behind');
    expect(e.toDate).toBe(true);
    expect(formatRate(e.value)).toBe('18.32%');
    expect(e.neededThisYear).toBeCloseTo(17.28, 9);
    const ok = evaluateTarget(target, period, vals({ 2020: 10, 2021: 12, 2022: 15 }), '2023-06-30');
    expect(ok.status).toBe('on_track');
  });
});

describe('cumulative_at_least', () => {
  const target = t({ id: 'c', indicator: 'SME_IN_PATENTS', kind: 'cumulative_at_least', value: 20, clause: '三、1' });
  it('sums plan years only (baseline excluded)', () => {
    const e = evaluateTarget(target, period, vals({ 2020: 100, 2021: 6, 2022: 7, 2023: 6 }), '2024-01-01');
    expect(e.value).toBe(19);
    expect(e.status).toBe('not_met');
    expect(e.gap).toBe(1);
  });
  it('met as soon as reached, even mid-period', () => {
    const e = evaluateTarget(target, period, vals({ 2021: 12, 2022: 9 }), '2022-10-01');
    expect(e.status).toBe('met');
    expect(e.value).toBe(21);
  });
  it('on track / behind against the time elapsed; needed spread over the remaining years', () => {
    // 2022-12-31: 730 of 1095 days elapsed → 2/3 of 20 = 13.33 expected
    const on = evaluateTarget(target, period, vals({ 2021: 7, 2022: 7 }), '2022-12-31');
    expect(on.status).toBe('on_track');
    const behind = evaluateTarget(target, period, vals({ 2021: 6, 2022: 7 }), '2022-12-31');
    expect(behind.status).toBe('behind');
    expect(behind.gap).toBe(7);
    // 2022-07-01: remaining years 2022 and 2023 → (20 − 6)/2 = 7 per year
    const mid = evaluateTarget(target, period, vals({ 2021: 6 }), '2022-07-01');
    expect(mid.neededThisYear).toBe(7);
  });
  it('money targets are in 万元 and compared in fen', () => {
    const m = t({ id: 'm', indicator: 'PLEDGE_AMOUNT', kind: 'cumulative_at_least', value: 40000, clause: '三、5' });
    const e = evaluateTarget(m, period, vals({ 2021: 15_000_000_000, 2022: 15_000_000_000, 2023: 10_000_000_000 }), '2024-01-01');
    expect(e.target).toBe(40_000_000_000);
    expect(e.status).toBe('met');
    const short = evaluateTarget(m, period, vals({ 2021: 15_000_000_000, 2022: 15_000_000_000, 2023: 9_999_999_999 }), '2024-01-01');
    expect(short.status).toBe('not_met');
    expect(short.gap).toBe(1);
  });
});

describe('annual_at_least', () => {
  const target = t({ id: 'a', indicator: 'NAV_PROJECTS', kind: 'annual_at_least', value: 1, clause: '五(一)3' });
  it('met when every plan year reaches N', () => {
    expect(evaluateTarget(target, period, vals({ 2021: 1, 2022: 2, 2023: 1 }), '2024-01-01').status).toBe('met');
  });
  it('one complete year short → not met, naming the year', () => {
    const e = evaluateTarget(target, period, vals({ 2021: 1, 2022: 0, 2023: 3 }), '2024-01-01');
    expect(e.status).toBe('not_met');
    expect(e.note).toContain('2022');
    expect(e.gap).toBe(1);
  });
  it('running year judged against the share of the year elapsed', () => {
    const big = t({ id: 'b', indicator: 'SOE_SHARED_PATENTS', kind: 'annual_at_least', value: 100, clause: '二(一)3' });
    const on = evaluateTarget(big, period, vals({ 2021: 100, 2022: 120, 2023: 60 }), '2023-07-01');
    expect(on.status).toBe('on_track');
    expect(on.neededThisYear).toBe(40);
    const behind = evaluateTarget(big, period, vals({ 2021: 100, 2022: 120, 2023: 30 }), '2023-07-01');
    expect(behind.status).toBe('behind');
  });
});

describe('increasing', () => {
  const target = t({ id: 'i', indicator: 'PRODUCT_FILINGS', kind: 'increasing', clause: '四、5' });
  it('each year above the previous, the first against the baseline', () => {
    expect(evaluateTarget(target, period, vals({ 2020: 5, 2021: 6, 2022: 7, 2023: 8 }), '2024-01-01').status).toBe('met');
    const flat = evaluateTarget(target, period, vals({ 2020: 5, 2021: 5, 2022: 7, 2023: 8 }), '2024-01-01');
    expect(flat.status).toBe('not_met');
    expect(flat.note).toContain('2021');
  });
  it('running: on track when this year already exceeds last year', () => {
    expect(evaluateTarget(target, period, vals({ 2020: 5, 2021: 6, 2022: 7, 2023: 8 }), '2023-09-01').status).toBe('on_track');
    const b = evaluateTarget(target, period, vals({ 2020: 5, 2021: 6, 2022: 7, 2023: 4 }), '2023-09-01');
    expect(b.status).toBe('behind');
    expect(b.neededThisYear).toBe(8);
  });
});

describe('by_date_at_least', () => {
  const target = t({ id: 'e', indicator: 'EVENTS', kind: 'by_date_at_least', value: 3, dueDate: '2023-12-31', clause: '五(一)2' });
  it('met when reached by the date, not met after the date when short', () => {
    expect(evaluateTarget(target, period, vals({ 2021: 1, 2022: 1, 2023: 1 }), '2024-02-01').status).toBe('met');
    expect(evaluateTarget(target, period, vals({ 2021: 1, 2023: 1 }), '2024-02-01').status).toBe('not_met');
    expect(evaluateTarget(target, period, vals({ 2021: 1 }), '2022-06-30').status).toBe('behind');
    expect(evaluateTarget(target, period, vals({ 2021: 2 }), '2022-06-30').status).toBe('on_track');
  });
  it('a by-date target without a date is rejected', () => {
    expect(targetSchema.safeParse({ id: 'e', indicator: 'EVENTS', kind: 'by_date_at_least', value: 3, clause: 'x' }).success).toBe(false);
  });
});

describe('regions and size classes', () => {
  it('region prefixes roll county → city → province', () => {
    expect(regionPrefix('510000')).toBe('51');
    expect(regionPrefix('510100')).toBe('5101');
    expect(regionPrefix('510104')).toBe('510104');
    expect(cityOf('150602')).toBe('150600');
    expect(regionLevel('150600')).toBe('city');
    expect(() => regionPrefix('51')).toThrow('6位');
  });
  it('size class at a date comes from the history entry in force', () => {
    const h = [{ effectiveFrom: '2019-01-01', sizeClass: 'small' }, { effectiveFrom: '2022-07-01', sizeClass: 'large' }];
    expect(sizeClassAt(h, '2022-03-01')).toBe('small');
    expect(sizeClassAt(h, '2022-07-01')).toBe('large');
    expect(sizeClassAt(h, '2018-12-31')).toBeNull();
  });
});

describe('district ranking', () => {
  const w = [
    { indicator: 'SME_IN_PATENTS' as const, metric: 'total' as const, weight: 60 },
    { indicator: 'SME_IN_CONTRACT' as const, metric: 'growth' as const, weight: 40 },
  ];
  const dv = (code: string, pat: Record<number, number>, money: Record<number, number>) =>
    ({ regionCode: code, name: code, values: new Map([['SME_IN_PATENTS' as const, vals(pat)], ['SME_IN_CONTRACT' as const, vals(money)]]) });
  it('weights each indicator by its share of the best district', () => {
    const rows = rankDistricts([
      dv('150602', { 2021: 5, 2022: 5 }, { 2020: 100, 2022: 144 }), // total 10 → 50; growth 20% → 100
      dv('150603', { 2021: 10, 2022: 10 }, { 2020: 100, 2022: 121 }), // total 20 → 100; growth 10% → 50
      dv('150604', { 2021: 0 }, { 2020: 0, 2022: 50 }), // 0; growth undefined → 0
    ], w, period, '2023-01-01');
    expect(rows.map((r) => [r.regionCode, r.rank, r.score])).toEqual([
      ['150603', 1, 80], // 0.6·100 + 0.4·50
      ['150602', 2, 70], // 0.6·50 + 0.4·100
      ['150604', 3, 0],
    ]);
    expect(rows[2]!.parts[1]!.raw).toBeUndefined();
  });
  it('equal scores share a rank', () => {
    const rows = rankDistricts([dv('150603', { 2021: 4 }, {}), dv('150602', { 2021: 4 }, {})], w.slice(0, 1), period, '2022-01-01');
    expect(rows.map((r) => [r.regionCode, r.rank])).toEqual([['150602', 1], ['150603', 1]]);
  });
});
