import { describe, it, expect } from 'vitest';
import { PRESETS, presetById, PRESET_IDS } from './plan-kpi.presets.ts';
import { planBodySchema } from './plan-kpi.schemas.ts';
import { INDICATOR_BY_CODE, INDICATORS, acceptsManualFigure, formatIndicatorValue, fromDisplayValue } from './plan-kpi.catalogue.ts';
import { planKpiPermissions } from './plan-kpi.permissions.ts';

describe('presets', () => {
  it('ships the five seed plans with the ids of the issue', () => {
    expect(PRESETS.map((p) => p.id)).toEqual(['xinyang-2021-conversion', 'xuchang-2023-high-value', 'ordos-2021-conversion', 'xinyang-2021-ip-quality', 'sichuan-2021-conversion']);
    expect(PRESET_IDS).toHaveLength(5);
  });
  it('every target has a clause and a known indicator', () => {
    for (const p of PRESETS) for (const t of p.targets) {
      expect(t.clause.length).toBeGreaterThan(0);
      expect(INDICATOR_BY_CODE[t.indicator]).toBeDefined();
    }
  });
  it('Ordos: 20% growth on SME inflows, roadshows ≥ 3 by end 2023, baseline 2020, three phases', () => {
    const o = presetById('ordos-2021-conversion')!;
    expect(o.baselineYear).toBe(2020);
    expect(o.regionCode).toBe('150600');
    expect(o.phases).toHaveLength(3);
    const g = o.targets.filter((t) => t.kind === 'cagr_at_least');
    expect(g.map((t) => [t.indicator, t.value])).toEqual([
      ['SME_IN_PATENTS', 20], ['SME_IN_CONTRACT', 20], ['SME_IN_PAID', 20], ['SME_PLEDGE_AMOUNT', 20], ['SME_PLEDGE_COUNT', 20],
    ]);
    const ev = o.targets.find((t) => t.indicator === 'EVENTS')!;
    expect([ev.kind, ev.value, ev.dueDate, ev.clause]).toEqual(['by_date_at_least', 3, '2023-12-31', '五(一)2']);
  });
  it('Sichuan and Xinyang figures from plan-targets.md', () => {
    const s = presetById('sichuan-2021-conversion')!;
    expect(s.rankingLevel).toBe('city');
    expect(s.targets.find((t) => t.id === 'sleeping-first-batch')!.value).toBe(10000);
    expect(s.targets.find((t) => t.id === 'pledge-amount-cagr')!.value).toBe(30);
    const x = presetById('xinyang-2021-conversion')!;
    const pa = x.targets.find((t) => t.id === 'pledge-amount-cum')!;
    expect(fromDisplayValue(pa.indicator, pa.value!)).toBe(40_000_000_000); // 4亿元 in fen
    expect(presetById('xuchang-2023-high-value')!.targets).toEqual([]);
  });
  it('plan validation rejects a baseline not before the start and duplicate target ids, in Chinese', () => {
    const bad = planBodySchema.safeParse({ name: '测试规划', regionCode: '150600', startYear: 2021, endYear: 2023, baselineYear: 2021,
      targets: [{ id: 'a', indicator: 'EVENTS', kind: 'annual_at_least', value: 1, clause: 'x' }, { id: 'a', indicator: 'EVENTS', kind: 'annual_at_least', value: 1, clause: 'y' }] });
    expect(bad.success).toBe(false);
    const msgs = bad.error!.issues.map((i) => i.message);
    expect(msgs).toContain('基期年份应早于规划开始年份');
    expect(msgs).toContain('目标编号重复：a');
  });
});

describe('catalogue', () => {
  it('hand entry only for indicators with no source', () => {
    expect(acceptsManualFigure('IP_STRONG_ENTERPRISES')).toBe(true);
    expect(acceptsManualFigure('MEDIATION_COVERAGE', new Set(['SME_IN_PATENTS', 'EVENTS']))).toBe(true);
    expect(acceptsManualFigure('SME_IN_PATENTS', new Set(['SME_IN_PATENTS']))).toBe(false);
    expect(acceptsManualFigure('SLEEPING_PATENTS', new Set(['SME_IN_PATENTS']))).toBe(true); // no source table yet
    expect(acceptsManualFigure('EVENTS', new Set(['EVENTS']))).toBe(false);
  });
  it('money shown in 万元', () => {
    expect(formatIndicatorValue('PLEDGE_AMOUNT', 12_345_000_000)).toBe('12,345万元');
    expect(formatIndicatorValue('SME_IN_PATENTS', 7)).toBe('7件');
    expect(INDICATORS.every((i) => /[\u4e00-\u9fa5]/.test(i.name))).toBe(true);
  });
  it('permissions: only the office edits plans or enters figures', () => {
    expect(planKpiPermissions['kpi.plan.update']!.roles).toEqual(['platform_admin']);
    expect(planKpiPermissions['kpi.manual.write']!.roles).toEqual(['platform_admin']);
  });
});
