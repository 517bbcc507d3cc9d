/**
 * Growth maths, target evaluation and district ranking (domain-rules §7, plan-targets.md). Pure: "today" is `asOf`.
 * Values are in the indicator's internal unit (fen for money); target values are converted with fromDisplayValue.
 */
import { daysBetween, yearOf, type IsoDate } from '../common/dates.ts';
import { fromDisplayValue, type IndicatorCode } from './plan-kpi.catalogue.ts';
import type { RankingWeight, Target } from './plan-kpi.schemas.ts';

/** Per-year values of one indicator: year → value. A missing year is 0. */
export type YearValues = ReadonlyMap<number, number>;
const at = (v: YearValues, y: number): number => v.get(y) ?? 0;

const EPS = 1e-9;

/** Region-code prefix for roll-up: province 510000 → '51', city 510100 → '5101', county 510104 → '510104'. */
export function regionPrefix(code: string): string {
  if (!/^\d{6}$/.test(code)) throw new Error(`行政区划代码应为6位数字：${code}`);
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}
export const regionLevel = (code: string): 'province' | 'city' | 'county' =>
  code.endsWith('0000') ? 'province' : code.endsWith('00') ? 'city' : 'county';
/** The city (市州) a county belongs to: 510104 → 510100. */
export const cityOf = (code: string): string => `${code.slice(0, 4)}00`;
export const inRegion = (code: string | null | undefined, prefix: string): boolean => !!code && code.startsWith(prefix);

/** Size class in force at a date, from a history of (effectiveFrom, class) entries; null before the first. */
export function sizeClassAt<T extends string>(history: readonly { effectiveFrom: IsoDate; sizeClass: T }[], date: IsoDate): T | null {
  let best: { effectiveFrom: IsoDate; sizeClass: T } | null = null;
  for (const h of history) if (h.effectiveFrom <= date && (!best || h.effectiveFrom > best.effectiveFrom)) best = h;
  return best ? best.sizeClass : null;
}

/**
 * Average annual growth by the level method: (V_last / V_base)^(1/n) − 1, n = lastYear − baseYear.
 * undefined when the baseline is 0 (or negative) or n ≤ 0: the rate cannot be computed, never ∞ or 0.
 */
export function cagr(base: number, last: number, years: number): number | undefined {
  if (!(base > 0) || years <= 0 || last < 0) return undefined;
  return Math.pow(last / base, 1 / years) - 1;
}

/** Year-on-year growth V_t / V_{t−1} − 1; undefined when the previous year is 0. */
export function yoy(prev: number, cur: number): number | undefined {
  if (!(prev > 0)) return undefined;
  return cur / prev - 1;
}

/** The level year `year` must reach for a CAGR of `rate` from the baseline: V_base·(1+rate)^(year−baseYear). */
export const requiredLevel = (base: number, rate: number, baseYear: number, year: number): number =>
  base * Math.pow(1 + rate, year - baseYear);

/** Percent with two decimals, e.g. 0.259921 → "25.99%"; undefined → "无法计算（基期为0）". */
export function formatRate(r: number | undefined): string {
  if (r === undefined) return '无法计算（基期为0）';
  return `${(Math.round(r * 10000) / 100).toFixed(2)}%`;
}

export type PlanPeriod = { startYear: number; endYear: number; baselineYear: number };

/** The last year that is complete at `asOf` (asOf on 12-31 completes its year). */
export const lastCompleteYear = (asOf: IsoDate): number => (asOf.slice(5) === '12-31' ? yearOf(asOf) : yearOf(asOf) - 1);

export type TargetStatus = 'met' | 'on_track' | 'behind' | 'not_met' | 'undefined';
export const TARGET_STATUS_LABELS: Record<TargetStatus, string> = {
  met: '已完成', on_track: '进度正常', behind: '进度滞后', not_met: '未完成', undefined: '无法计算',
};

export type YearRow = { year: number; value: number; yoy: number | undefined; toDate: boolean };

export type TargetEvaluation = {
  targetId: string;
  indicator: IndicatorCode;
  kind: Target['kind'];
  status: TargetStatus;
  /** The figure compared with the target (sum, minimum year, CAGR as a fraction, or last level), internal unit. */
  value: number | undefined;
  /** The target in the same unit as value (fen for money, a fraction for rates). */
  target: number | undefined;
  /** How far from the target (target − value, ≥ 0), undefined when met or not computable. */
  gap: number | undefined;
  /** What the year in progress (or the next plan year) must reach, in the internal unit; undefined when nothing is needed. */
  neededThisYear: number | undefined;
  /** Plan years over which the figure was computed, and whether the last one is still running ("to date"). */
  years: YearRow[];
  toDate: boolean;
  note: string;
};

/** Years of the plan that have started by asOf (the last may be running). */
function planYearsSoFar(p: PlanPeriod, asOf: IsoDate): number[] {
  const out: number[] = [];
  for (let y = p.startYear; y <= Math.min(p.endYear, yearOf(asOf)); y++) out.push(y);
  return out;
}

/** Fraction of the span [from, to] elapsed at asOf, clamped to 0..1. */
function elapsed(from: IsoDate, to: IsoDate, asOf: IsoDate): number {
  const total = daysBetween(from, to) + 1;
  const done = daysBetween(from, asOf) + 1;
  return Math.max(0, Math.min(1, done / total));
}

export function yearRows(p: PlanPeriod, values: YearValues, asOf: IsoDate): YearRow[] {
  const lc = lastCompleteYear(asOf);
  const rows: YearRow[] = [{ year: p.baselineYear, value: at(values, p.baselineYear), yoy: yoy(at(values, p.baselineYear - 1), at(values, p.baselineYear)), toDate: false }];
  for (const y of planYearsSoFar(p, asOf)) rows.push({ year: y, value: at(values, y), yoy: yoy(at(values, y - 1), at(values, y)), toDate: y > lc });
  return rows;
}

/**
 * Evaluate one target. Rules:
 * - cumulative_at_least: sum over plan years (baseline excluded) ≥ N → met; period over and short → not met;
 *   otherwise on track when the sum is at least N × the elapsed share of the period.
 * - annual_at_least: every plan year ≥ N; a complete year below N → not met; the running year is on track
 *   when it has reached N × the elapsed share of the year.
 * - cagr_at_least: CAGR from the baseline to the last complete plan year (to date while running); met iff CAGR ≥ X
 *   when the plan is over; undefined for a zero baseline.
 * - increasing: V_t > V_{t−1} for every plan year, the first against the baseline.
 * - by_date_at_least: the sum of plan years up to the due date's year ≥ N by the due date.
 */
export function evaluateTarget(t: Target, p: PlanPeriod, values: YearValues, asOf: IsoDate): TargetEvaluation {
  const years = yearRows(p, values, asOf);
  const lc = lastCompleteYear(asOf);
  const over = lc >= p.endYear;
  const curYear = yearOf(asOf);
  const running = !over && curYear >= p.startYear;
  const base: Omit<TargetEvaluation, 'status' | 'value' | 'target' | 'gap' | 'neededThisYear' | 'note'> = {
    targetId: t.id, indicator: t.indicator, kind: t.kind, years, toDate: !over,
  };
  const planYears = years.filter((r) => r.year >= p.startYear);
  const N = t.value === null ? 0 : fromDisplayValue(t.indicator, t.value);
  const periodStart = `${p.startYear}-01-01`;
  const periodEnd = `${p.endYear}-12-31`;

  if (t.kind === 'cumulative_at_least' || t.kind === 'by_date_at_least') {
    const due = t.kind === 'by_date_at_least' && t.dueDate ? t.dueDate : periodEnd;
    const dueYear = yearOf(due);
    const sum = planYears.filter((r) => r.year <= dueYear).reduce((s, r) => s + r.value, 0);
    const dueOver = asOf >= due;
    if (sum + EPS >= N) return { ...base, status: 'met', value: sum, target: N, gap: undefined, neededThisYear: undefined, note: '已达到目标值' };
    if (dueOver) return { ...base, status: 'not_met', value: sum, target: N, gap: N - sum, neededThisYear: undefined, note: `截至${due}未达到目标值` };
    const share = elapsed(periodStart, due, asOf);
    const remainingYears = Math.max(1, dueYear - Math.max(curYear, p.startYear) + 1);
    return {
      ...base, status: sum + EPS >= N * share ? 'on_track' : 'behind', value: sum, target: N, gap: N - sum,
      neededThisYear: (N - sum) / remainingYears,
      note: `按时间进度应完成 ${Math.round(share * 100)}%，已完成 ${N > 0 ? Math.round((sum / N) * 100) : 100}%`,
    };
  }

  if (t.kind === 'annual_at_least') {
    const complete = planYears.filter((r) => !r.toDate);
    const short = complete.filter((r) => r.value + EPS < N);
    const minRow = planYears.reduce<YearRow | undefined>((m, r) => (m === undefined || r.value < m.value ? r : m), undefined);
    const minV = minRow ? minRow.value : 0;
    if (short.length > 0) {
      return { ...base, status: 'not_met', value: Math.min(...short.map((r) => r.value)), target: N, gap: N - Math.min(...short.map((r) => r.value)), neededThisYear: running ? Math.max(0, N - at(values, curYear)) : undefined, note: `${short.map((r) => r.year).join('、')}年未达到每年目标` };
    }
    if (over) return { ...base, status: 'met', value: minV, target: N, gap: undefined, neededThisYear: undefined, note: '每年均达到目标值' };
    if (!running) return { ...base, status: 'on_track', value: undefined, target: N, gap: undefined, neededThisYear: N, note: '规划尚未开始' };
    const cur = at(values, curYear);
    const share = elapsed(`${curYear}-01-01`, `${curYear}-12-31`, asOf);
    return {
      ...base, status: cur + EPS >= N * share ? 'on_track' : 'behind', value: cur, target: N, gap: cur >= N ? undefined : N - cur,
      neededThisYear: Math.max(0, N - cur), note: `${curYear}年截至${asOf}为当年数`,
    };
  }

  if (t.kind === 'cagr_at_least') {
    const X = (t.value ?? 0) / 100;
    const vb = at(values, p.baselineYear);
    const lastYear = Math.min(p.endYear, lc);
    const n = lastYear - p.baselineYear;
    const need = running ? requiredLevel(vb, X, p.baselineYear, curYear) : undefined;
    if (!(vb > 0)) return { ...base, status: 'undefined', value: undefined, target: X, gap: undefined, neededThisYear: undefined, note: `基期（${p.baselineYear}年）为0，年均增幅无法计算` };
    if (n <= 0) {
      const cur = at(values, curYear);
      const share = elapsed(`${curYear}-01-01`, `${curYear}-12-31`, asOf);
      return { ...base, status: need !== undefined && cur + EPS >= need * share ? 'on_track' : 'behind', value: undefined, target: X, gap: undefined, neededThisYear: need, note: '尚无完整的规划年度' };
    }
    const vl = at(values, lastYear);
    const r = cagr(vb, vl, n);
    const ok = vl + EPS * Math.max(1, vb) >= requiredLevel(vb, X, p.baselineYear, lastYear);
    const rateText = `${p.baselineYear}—${lastYear}年年均增幅 ${formatRate(r)}${over ? '' : '（截至目前）'}`;
    if (over) return { ...base, status: ok ? 'met' : 'not_met', value: r, target: X, gap: ok ? undefined : X - (r ?? 0), neededThisYear: undefined, note: rateText };
    return { ...base, status: ok ? 'on_track' : 'behind', value: r, target: X, gap: ok ? undefined : X - (r ?? 0), neededThisYear: need, note: rateText };
  }

  // increasing
  const complete = planYears.filter((r) => !r.toDate);
  const failed = complete.filter((r) => !(r.value > at(values, r.year - 1)));
  const lastRow = planYears[planYears.length - 1];
  if (failed.length > 0) {
    return { ...base, status: 'not_met', value: lastRow?.value, target: undefined, gap: undefined, neededThisYear: running ? at(values, curYear - 1) + 1 : undefined, note: `${failed.map((r) => r.year).join('、')}年未超过上年` };
  }
  if (over) return { ...base, status: 'met', value: lastRow?.value, target: undefined, gap: undefined, neededThisYear: undefined, note: '逐年递增' };
  if (!running) return { ...base, status: 'on_track', value: undefined, target: undefined, gap: undefined, neededThisYear: at(values, p.baselineYear) + 1, note: '规划尚未开始' };
  const prev = at(values, curYear - 1);
  const cur = at(values, curYear);
  return {
    ...base, status: cur > prev ? 'on_track' : 'behind', value: cur, target: prev, gap: cur > prev ? undefined : prev - cur,
    neededThisYear: prev + 1, note: `${curYear}年须超过上年（${curYear - 1}年）`,
  };
}

/** Per-district inputs for the weighted ranking: indicator → year values. */
export type DistrictValues = { regionCode: string; name: string; values: ReadonlyMap<IndicatorCode, YearValues> };
export type DistrictScore = {
  regionCode: string; name: string; rank: number; score: number;
  parts: { indicator: IndicatorCode; metric: RankingWeight['metric']; raw: number | undefined; score: number; weight: number }[];
};

/**
 * Weighted score for performance awards (绩效奖补). For each weighted indicator a district's raw figure is its total
 * over the plan years to date ('total') or its CAGR to date ('growth', undefined counts 0); the part score is
 * raw / best raw among the districts × 100 (0 when the best is ≤ 0); the score is Σ w·part / Σ w, two decimals.
 * Ties share the better rank; equal scores are listed by region code.
 */
export function rankDistricts(districts: readonly DistrictValues[], weights: readonly RankingWeight[], p: PlanPeriod, asOf: IsoDate): DistrictScore[] {
  const lastYear = Math.min(p.endYear, lastCompleteYear(asOf));
  const lastYearToDate = Math.min(p.endYear, yearOf(asOf));
  const raw = (dv: DistrictValues, w: RankingWeight): number | undefined => {
    const v = dv.values.get(w.indicator) ?? new Map<number, number>();
    if (w.metric === 'growth') return cagr(at(v, p.baselineYear), at(v, lastYear), lastYear - p.baselineYear);
    let s = 0;
    for (let y = p.startYear; y <= lastYearToDate; y++) s += at(v, y);
    return s;
  };
  const raws = weights.map((w) => districts.map((dv) => raw(dv, w)));
  const best = raws.map((col) => Math.max(0, ...col.map((x) => x ?? 0)));
  const wsum = weights.reduce((s, w) => s + w.weight, 0);
  const rows = districts.map((dv, i) => {
    const parts = weights.map((w, k) => {
      const r = raws[k]![i];
      const sc = best[k]! > 0 ? (Math.max(0, r ?? 0) / best[k]!) * 100 : 0;
      return { indicator: w.indicator, metric: w.metric, raw: r, score: Math.round(sc * 100) / 100, weight: w.weight };
    });
    const score = wsum > 0 ? parts.reduce((s, x, k) => s + weights[k]!.weight * ((Math.max(0, x.raw ?? 0) / (best[k]! || 1)) * 100), 0) / wsum : 0;
    return { regionCode: dv.regionCode, name: dv.name, rank: 0, score: Math.round(score * 100) / 100, parts };
  });
  rows.sort((a, b) => b.score - a.score || a.regionCode.localeCompare(b.regionCode));
  rows.forEach((r, i) => { r.rank = i > 0 && r.score === rows[i - 1]!.score ? rows[i - 1]!.rank : i + 1; });
  return rows;
}
