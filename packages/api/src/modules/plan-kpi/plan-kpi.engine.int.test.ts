import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_BY_CODE, type IndicatorCode } from '@zhuanhua/domain/plan-kpi/index.ts';
import { createTestDeps, type TestDeps } from '../../../test/test-db.ts';
import { buildPatent } from '../../../test/factories.ts';
import { loadYearTable } from './plan-kpi.engine.ts';
import { ensurePresets, evaluatePlan, rankPlan } from './plan-kpi.service.ts';
import { loadOrdosFixture, ORDOS_EXPECTED, ORDOS_STATUS } from './plan-kpi.fixture.ts';

let deps: TestDeps;
beforeAll(async () => {
  deps = await createTestDeps();
  const ids: number[] = [];
  for (let i = 0; i < 20; i++) ids.push((await buildPatent(deps.db, { regionCode: '150602' })).id);
  await loadOrdosFixture(deps.db, ids);
  await ensurePresets(deps.db);
});
afterAll(async () => { await deps?.cleanup(); });

const toUnit = (code: IndicatorCode, v: number) => (INDICATOR_BY_CODE[code].kind === 'money' ? v / 1_000_000 : v);

describe('indicator engine over a hand-built Ordos ledger (two districts, 2020–2023)', () => {
  it('computes every Ordos indicator per year as computed by hand', async () => {
    const t = await loadYearTable(deps.db, '150600', '2024-06-30');
    for (const [code, expected] of Object.entries(ORDOS_EXPECTED)) {
      const m = t.get(code as IndicatorCode)!;
      const got = [2020, 2021, 2022, 2023].map((y) => toUnit(code as IndicatorCode, m.get(y) ?? 0));
      expect({ code, got }).toEqual({ code, got: expected });
    }
    // money received in 2024 counts in 2024, outside the plan years
    expect(t.get('SME_IN_PAID')!.get(2024)).toBe(10_000_000);
  });

  it('evaluates every target of the Ordos preset with the hand-computed status', async () => {
    const ev = await evaluatePlan(deps.db, 'ordos-2021-conversion', { asOf: '2024-06-30' });
    expect(Object.fromEntries(ev.targets.map((t) => [t.id, t.status]))).toEqual(ORDOS_STATUS);
    const pat = ev.targets.find((t) => t.id === 'sme-in-patents-cagr')!;
    expect(pat.value).toBe(18.56); // (5/3)^(1/3) − 1
    expect(pat.target).toBe(20);
    const pledge = ev.targets.find((t) => t.id === 'sme-pledge-amount-cagr')!;
    expect(pledge.value).toBe(25.99);
    expect(pledge.years.map((y) => y.value)).toEqual([100, 120, 150, 200]);
    expect(pledge.years.map((y) => y.yoy)).toEqual([null, 20, 25, 33.33]);
    expect(ev.indicators.find((i) => i.code === 'EVENTS')!.source).toBe('records');
    expect(ev.indicators.find((i) => i.code === 'IP_STRONG_ENTERPRISES')!.source).toBe('none');
  });

  it('rolls up by region: one county sees only its own records; SME judged at the deal date', async () => {
    const k = await loadYearTable(deps.db, '150603', '2024-06-30');
    // 康巴什: D2 (2020), D3 S2 share + D5 S3 medium (2021), D8 (2022; D7 to S3, large by then, excluded), D11 (2023)
    expect([2020, 2021, 2022, 2023].map((y) => k.get('SME_IN_PATENTS')!.get(y) ?? 0)).toEqual([1, 2, 1, 1]);
    expect(k.get('UNIV_OUT_PATENTS')!.size).toBe(0); // the university is in 东胜
  });

  it('asOf cuts records dated later', async () => {
    const t = await loadYearTable(deps.db, '150600', '2022-06-30');
    expect(t.get('SME_IN_PATENTS')!.get(2022)).toBe(2); // D6 only; D8 is 2022-07-01
    const ev = await evaluatePlan(deps.db, 'ordos-2021-conversion', { asOf: '2022-06-30' });
    const pl = ev.targets.find((t) => t.id === 'sme-pledge-amount-cagr')!;
    expect([pl.status, pl.value]).toEqual(['on_track', 20]); // to date 2020→2021: 120/100 − 1 = 20% ≥ 20%
    expect(pl.neededThisYear).toBe(144); // 2022 must reach 100·1.2² = 144 万元
    const sp = ev.targets.find((t) => t.id === 'sme-in-patents-cagr')!;
    expect([sp.status, sp.value]).toEqual(['behind', 0]); // 3 → 3
  });

  it('ranks the districts by the weighted score', async () => {
    const r = await rankPlan(deps.db, 'ordos-2021-conversion', '2024-06-30');
    expect(r.rows.map((x) => x.regionCode).slice(0, 2).sort()).toEqual(['150602', '150603']);
    expect(r.rows[0]!.score).toBeGreaterThan(r.rows[1]!.score);
    expect(r.rows.length).toBe(9); // every county (旗区) of Ordos is listed, zero when no records
  });

  it('licences plus transfers count patent-deals per recipient and leave equity out', async () => {
    const sql = await loadYearTable(deps.db, '150600', '2024-06-30');
    expect(sql.get('LICENSE_TRANSFER_COUNT')!.get(2021)).toBe(2 + 3); // D3 (1 patent × 2 licensees) + D4 (3); D5 is equity
  });
});
