import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { gradePatent, gradeFor, validateGradingModel, scoreIndicator, GBT42748_MODEL, PVA2012_MODEL, type GradingInput, type GradingModel } from './grading.rules.ts';

const p: GradingInput = {
  type: 'invention', status: 'in_force', filingDate: '2010-01-01', claimsCount: 8, ipcCodes: ['G06N3/04', 'G06F17/00'],
  citationsCount: 4, overseasFamilyCount: 1, seiMatched: true, pledgeCount: 0, pledgedFen: 0, awards: [], dealCount: 0,
};
const asOf = '2024-12-31';

describe('grading: worked example (GB/T 42748-style default)', () => {
  const r = gradePatent(p, asOf);
  it('dimension scores and parts', () => {
    const legal = r.dimensions.find((d) => d.key === 'legal')!;
    expect(legal.parts.map((x) => [x.key, x.score])).toEqual([['type', 100], ['status', 100], ['remainingTerm', 25], ['claims', 80]]);
    expect(legal.score).toBe(69); // 68.75
    expect(r.dimensions.find((d) => d.key === 'technical')!.score).toBe(78); // 77.5
    expect(r.dimensions.find((d) => d.key === 'economic')!.score).toBe(50);
  });
  it('total 64.8125 → 65, grade A (default A ≥ 60), and the explanation shows why', () => {
    expect(r.total).toBe(65);
    expect(r.grade).toBe('A');
    expect(r.explanation[0]).toBe('总分 65 = 法律价值 69 × 35% + 技术价值 78 × 30% + 经济价值 50 × 35%');
    expect(r.explanation.join('\n')).toContain('短板：剩余有效期');
  });
  it('the 2012 LVD/TVD/EVD preset gives 62.4 → 62', () => {
    expect(gradePatent(p, asOf, PVA2012_MODEL).total).toBe(62);
  });
  it('thresholds are configurable: A ≥ 70, B ≥ 55 makes it B', () => {
    const m: GradingModel = { ...GBT42748_MODEL, thresholds: { A: 70, B: 55, C: 40 } };
    expect(gradePatent(p, asOf, m).grade).toBe('B');
  });
  it('weights are configurable: all weight on economic value gives 50', () => {
    const m: GradingModel = { ...GBT42748_MODEL, dimensions: { ...GBT42748_MODEL.dimensions,
      legal: { ...GBT42748_MODEL.dimensions.legal, weight: 0 }, technical: { ...GBT42748_MODEL.dimensions.technical, weight: 0 },
      economic: { ...GBT42748_MODEL.dimensions.economic, weight: 100 } } };
    expect(validateGradingModel(m)).toEqual([]);
    expect(gradePatent(p, asOf, m).total).toBe(50);
  });
});

describe('grade bands and model validation', () => {
  it('boundaries are inclusive', () => {
    const t = { A: 70, B: 55, C: 40 };
    expect([100, 70, 69, 55, 54, 40, 39, 0].map((s) => gradeFor(s, t))).toEqual(['A', 'A', 'B', 'B', 'C', 'C', 'D', 'D']);
  });
  it('presets are valid; broken models are reported in Chinese', () => {
    expect(validateGradingModel(GBT42748_MODEL)).toEqual([]);
    expect(validateGradingModel(PVA2012_MODEL)).toEqual([]);
    const bad: GradingModel = { ...GBT42748_MODEL, thresholds: { A: 40, B: 55, C: 10 },
      dimensions: { ...GBT42748_MODEL.dimensions, legal: { label: '法律价值', weight: 30, indicators: { type: 50, sei: 40 } } } };
    const errs = validateGradingModel(bad);
    expect(errs).toContain('三个维度的权重之和须为 100，当前为 95');
    expect(errs).toContain('法律价值的指标权重之和须为 100，当前为 90');
    expect(errs).toContain('指标「战略性新兴产业（政策适应性）」不能出现在多个维度');
    expect(errs).toContain('分级阈值须满足 100 ≥ A > B > C > 0');
  });
});

describe('indicator bands', () => {
  it('unknown values score 50 and are flagged as missing', () => {
    const s = scoreIndicator('claims', { ...p, claimsCount: null }, asOf, 0);
    expect(s).toMatchObject({ score: 50, missing: true });
  });
  it('pledge: high amount 100, any pledge 70; award: national 100, provincial 70', () => {
    expect(scoreIndicator('pledge', { ...p, pledgeCount: 1, pledgedFen: 1_000_000_000 }, asOf, 1_000_000_000).score).toBe(100);
    expect(scoreIndicator('pledge', { ...p, pledgeCount: 1, pledgedFen: 999_999_999 }, asOf, 1_000_000_000).score).toBe(70);
    expect(scoreIndicator('award', { ...p, awards: [{ kind: 'china_patent_award' }] }, asOf, 0).score).toBe(100);
    expect(scoreIndicator('award', { ...p, awards: [{ kind: 'provincial_patent_award' }] }, asOf, 0).score).toBe(70);
  });
  it('a lapsed patent has no remaining term', () => {
    expect(scoreIndicator('remainingTerm', { ...p, status: 'lapsed', lapseDate: '2020-01-01' }, asOf, 0).score).toBe(0);
  });
});

describe('properties', () => {
  const arb = fc.record({
    type: fc.constantFrom('invention' as const, 'utility_model' as const, 'design' as const),
    status: fc.constantFrom('in_force' as const, 'lapsed' as const, 'pending' as const),
    year: fc.integer({ min: 2000, max: 2024 }),
    claims: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
    cites: fc.integer({ min: 0, max: 40 }),
    ov: fc.integer({ min: 0, max: 5 }),
    sei: fc.boolean(),
    deals: fc.integer({ min: 0, max: 4 }),
  });
  const mk = (a: { type: GradingInput['type']; status: GradingInput['status']; year: number; claims: number | null; cites: number; ov: number; sei: boolean; deals: number }): GradingInput => ({
    type: a.type, status: a.status, filingDate: `${a.year}-03-01`, claimsCount: a.claims, ipcCodes: ['A01B1/00'], citationsCount: a.cites,
    overseasFamilyCount: a.ov, seiMatched: a.sei, pledgeCount: 0, pledgedFen: 0, awards: [], dealCount: a.deals,
  });
  it('same input → same result; total within 0..100', () => {
    fc.assert(fc.property(arb, (a) => {
      const r1 = gradePatent(mk(a), '2025-01-01');
      const r2 = gradePatent(mk(a), '2025-01-01');
      expect(r2).toEqual(r1);
      expect(r1.total).toBeGreaterThanOrEqual(0);
      expect(r1.total).toBeLessThanOrEqual(100);
    }));
  });
  it('winning a China Patent Award never lowers the score', () => {
    fc.assert(fc.property(arb, (a) => {
      const base = gradePatent(mk(a), '2025-01-01').total;
      const won = gradePatent({ ...mk(a), awards: [{ kind: 'china_patent_award' }] }, '2025-01-01').total;
      expect(won).toBeGreaterThanOrEqual(base);
    }));
  });
});
