/** Plans (CRUD, copy, presets), evaluation, ranking and hand-entered figures. */
import {
  INDICATORS, INDICATOR_BY_CODE, PRESETS, TARGET_KIND_LABELS, TARGET_STATUS_LABELS, acceptsManualFigure, evaluateTarget,
  fromDisplayValue, planBodySchema, rankDistricts, regionPrefix, toDisplayValue, yoy, type IndicatorCode, type ManualFigureInput,
  type Plan, type PlanBody, type TargetEvaluation,
} from '@zhuanhua/domain/plan-kpi/index.ts';
import { AppError } from '@zhuanhua/domain';
import { inTx, type Queryable } from '../../db/client.ts';
import { audit } from '../../lib/audit.ts';
import type { Actor } from '../../http/actor.ts';
import { computableIndicators, loadIndicatorRows, loadYearTable, presentTables, type YearTable } from './plan-kpi.engine.ts';
import * as repo from './plan-kpi.repo.ts';

/** Load the five seed presets if missing (never overwrites a plan already there). */
export async function ensurePresets(db: Queryable): Promise<number> {
  let n = 0;
  for (const p of PRESETS) if (await repo.insertPlan(db, p.id, p, true, null)) n++;
  return n;
}

export async function listPlans(db: Queryable): Promise<Plan[]> {
  return (await repo.listPlanRows(db)).map(repo.rowToPlan);
}

export async function getPlan(db: Queryable, id: string): Promise<Plan> {
  const r = await repo.getPlanRow(db, id);
  if (!r) throw new AppError('NOT_FOUND', '规划不存在');
  return repo.rowToPlan(r);
}

function parseBody(body: unknown): PlanBody {
  const r = planBodySchema.safeParse(body);
  if (!r.success) throw new AppError('VALIDATION', r.error.issues[0]?.message ?? '规划数据不正确', { issues: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  return r.data;
}

export async function createPlan(db: Queryable, actor: Actor, id: string, body: unknown): Promise<Plan> {
  const p = parseBody(body);
  return inTx(db, async (tx) => {
    if (!(await repo.insertPlan(tx, id, p, false, actor.userId))) throw new AppError('DUPLICATE', `规划编号 ${id} 已存在`);
    const plan = await getPlan(tx, id);
    await audit(tx, actor, { action: 'kpi.plan.create', entity: 'kpi_plan', entityId: id, after: plan });
    return plan;
  });
}

export async function updatePlan(db: Queryable, actor: Actor, id: string, body: unknown): Promise<Plan> {
  const p = parseBody(body);
  return inTx(db, async (tx) => {
    const row = await repo.getPlanRowForUpdate(tx, id);
    if (!row) throw new AppError('NOT_FOUND', '规划不存在');
    if (row.preset) throw new AppError('RULE_VIOLATION', '预置规划不可修改，请先复制再编辑');
    const before = repo.rowToPlan(row);
    await repo.updatePlanRow(tx, id, p);
    const after = await getPlan(tx, id);
    await audit(tx, actor, { action: 'kpi.plan.update', entity: 'kpi_plan', entityId: id, before, after });
    return after;
  });
}

export async function copyPlan(db: Queryable, actor: Actor, fromId: string, to: { id: string; name?: string; regionCode?: string; regionName?: string }): Promise<Plan> {
  return inTx(db, async (tx) => {
    const src = await getPlan(tx, fromId);
    const body: PlanBody = { ...src, name: to.name ?? `${src.name}（副本）`, regionCode: to.regionCode ?? src.regionCode, regionName: to.regionName ?? src.regionName };
    if (!(await repo.insertPlan(tx, to.id, body, false, actor.userId))) throw new AppError('DUPLICATE', `规划编号 ${to.id} 已存在`);
    const plan = await getPlan(tx, to.id);
    await audit(tx, actor, { action: 'kpi.plan.copy', entity: 'kpi_plan', entityId: to.id, before: { copiedFrom: fromId }, after: plan });
    return plan;
  });
}

export async function deletePlan(db: Queryable, actor: Actor, id: string): Promise<void> {
  await inTx(db, async (tx) => {
    const row = await repo.getPlanRowForUpdate(tx, id);
    if (!row) throw new AppError('NOT_FOUND', '规划不存在');
    if (row.preset) throw new AppError('RULE_VIOLATION', '预置规划不可删除');
    await repo.deletePlanRow(tx, id);
    await audit(tx, actor, { action: 'kpi.plan.delete', entity: 'kpi_plan', entityId: id, before: repo.rowToPlan(row) });
  });
}

// ---- evaluation -------------------------------------------------------------------------------------------

export type IndicatorView = {
  code: IndicatorCode; name: string; unit: string; rule: string; inPlan: boolean;
  /** 'records' = computed from the platform's records; 'manual' = only hand-entered figures; 'none' = no source and nothing entered. */
  source: 'records' | 'manual' | 'none';
  years: { year: number; value: number; yoy: number | null }[];
  /** Sum over the plan years (baseline excluded), in the display unit. */
  total: number;
};
export type TargetView = {
  id: string; clause: string; text: string; indicator: IndicatorCode; indicatorName: string; kind: string; kindLabel: string;
  status: TargetEvaluation['status']; statusLabel: string; unit: string;
  /** Display unit (万元, 件…); for growth targets a percent (25.99 = 25.99%). */
  value: number | null; target: number | null; gap: number | null; neededThisYear: number | null; note: string; toDate: boolean;
  years: { year: number; value: number; yoy: number | null; toDate: boolean }[];
};
export type EvaluationView = {
  plan: Plan; region: { code: string; name: string }; asOf: string; years: number[];
  indicators: IndicatorView[]; targets: TargetView[];
  summary: Record<TargetEvaluation['status'], number>;
  /** true when the yearly figures were served while a refresh was running or within KPI_MAX_STALE_SECONDS of the last */
  stale: boolean;
};

const round = (v: number, d = 4) => Math.round(v * 10 ** d) / 10 ** d;
const disp = (code: IndicatorCode, v: number | undefined | null): number | null => (v == null ? null : round(toDisplayValue(code, v)));
const pct = (v: number | undefined | null): number | null => (v == null ? null : round(v * 100, 2));

export function presentEvaluation(code: IndicatorCode, e: TargetEvaluation, t: Plan['targets'][number]): TargetView {
  const def = INDICATOR_BY_CODE[code];
  const isRate = t.kind === 'cagr_at_least';
  return {
    id: t.id, clause: t.clause, text: t.text, indicator: code, indicatorName: def.name, kind: t.kind, kindLabel: TARGET_KIND_LABELS[t.kind],
    status: e.status, statusLabel: TARGET_STATUS_LABELS[e.status], unit: isRate ? '%' : def.unit,
    value: isRate ? pct(e.value) : disp(code, e.value), target: isRate ? pct(e.target) : disp(code, e.target),
    gap: isRate ? pct(e.gap) : disp(code, e.gap), neededThisYear: disp(code, e.neededThisYear), note: e.note, toDate: e.toDate,
    years: e.years.map((y) => ({ year: y.year, value: disp(code, y.value)!, yoy: pct(y.yoy), toDate: y.toDate })),
  };
}

export function evaluateFromTable(plan: Plan, table: YearTable, computable: ReadonlySet<IndicatorCode>, region: { code: string; name: string }, asOf: string, manualCodes: ReadonlySet<IndicatorCode>): EvaluationView {
  const years: number[] = [];
  for (let y = plan.baselineYear; y <= plan.endYear; y++) years.push(y);
  const used = new Set(plan.targets.map((t) => t.indicator));
  const indicators: IndicatorView[] = INDICATORS.map((def) => {
    const m = table.get(def.code) ?? new Map<number, number>();
    const ys = years.map((y) => ({ year: y, value: disp(def.code, m.get(y) ?? 0)!, yoy: pct(yoy(m.get(y - 1) ?? 0, m.get(y) ?? 0)) }));
    const total = years.filter((y) => y >= plan.startYear).reduce((s, y) => s + (m.get(y) ?? 0), 0);
    const source = computable.has(def.code) && def.source !== 'manual' ? 'records' : manualCodes.has(def.code) ? 'manual' : 'none';
    return { code: def.code, name: def.name, unit: def.unit, rule: def.rule, inPlan: used.has(def.code), source, years: ys, total: disp(def.code, total)! };
  });
  indicators.sort((a, b) => Number(b.inPlan) - Number(a.inPlan));
  const targets = plan.targets.map((t) => presentEvaluation(t.indicator, evaluateTarget(t, plan, table.get(t.indicator) ?? new Map(), asOf), t));
  const summary = { met: 0, on_track: 0, behind: 0, not_met: 0, undefined: 0 };
  for (const t of targets) summary[t.status]++;
  return { plan, region, asOf, years, indicators, targets, summary, stale: false };
}

export async function evaluatePlan(db: Queryable, planId: string, opts: { region?: string; asOf: string }): Promise<EvaluationView> {
  const plan = await getPlan(db, planId);
  const regionCode = opts.region ?? plan.regionCode;
  if (!regionCode.startsWith(regionPrefix(plan.regionCode))) throw new AppError('VALIDATION', '所选地区不在规划范围内');
  const tables = await presentTables(db);
  const info = { stale: false };
  const table = await loadYearTable(db, regionCode, opts.asOf, tables, info);
  const manual = await repo.listManualRows(db, regionPrefix(regionCode));
  const name = (await repo.regionName(db, regionCode)) ?? regionCode;
  return { ...evaluateFromTable(plan, table, computableIndicators(tables), { code: regionCode, name }, opts.asOf, new Set(manual.map((m) => m.indicator as IndicatorCode))), stale: info.stale };
}

export type RankingView = {
  plan: Plan; asOf: string; level: 'county' | 'city';
  weights: Plan['rankingWeights'];
  rows: { rank: number; regionCode: string; name: string; score: number; parts: { indicator: IndicatorCode; name: string; metric: string; raw: number | null; score: number; weight: number }[] }[];
};

/** Districts (counties or cities) of the plan's region ranked by the plan's weighted score. */
export async function rankPlan(db: Queryable, planId: string, asOf: string): Promise<RankingView> {
  const plan = await getPlan(db, planId);
  const prefix = regionPrefix(plan.regionCode);
  const L = plan.rankingLevel === 'city' ? 4 : 6;
  const rows = await loadIndicatorRows(db, prefix, asOf, L);
  const regions = await repo.regionsUnder(db, prefix, plan.rankingLevel);
  const byGrp = new Map<string, Map<IndicatorCode, Map<number, number>>>();
  for (const r of rows) {
    const code = L === 4 ? `${r.grp}00` : r.grp;
    let m = byGrp.get(code);
    if (!m) byGrp.set(code, (m = new Map()));
    let y = m.get(r.indicator);
    if (!y) m.set(r.indicator, (y = new Map()));
    y.set(r.year, (y.get(r.year) ?? 0) + r.value);
  }
  const districts = regions.map((r) => ({ regionCode: r.code.trim(), name: r.name, values: byGrp.get(r.code.trim()) ?? new Map() }));
  const weights = plan.rankingWeights.length ? plan.rankingWeights : [...new Set(plan.targets.map((t) => t.indicator))].map((indicator) => ({ indicator, metric: 'total' as const, weight: 1 }));
  const ranked = rankDistricts(districts, weights, plan, asOf);
  return {
    plan, asOf, level: plan.rankingLevel, weights,
    rows: ranked.map((r) => ({
      ...r, parts: r.parts.map((p) => ({ ...p, name: INDICATOR_BY_CODE[p.indicator].name, raw: p.raw === undefined ? null : p.metric === 'growth' ? pct(p.raw) : disp(p.indicator, p.raw) })),
    })),
  };
}

// ---- hand-entered figures -----------------------------------------------------------------------------------

export async function listManual(db: Queryable, region: string) {
  const rows = await repo.listManualRows(db, regionPrefix(region));
  return rows.map((r) => ({
    id: r.id, indicator: r.indicator, indicatorName: INDICATOR_BY_CODE[r.indicator as IndicatorCode]?.name ?? r.indicator, regionCode: r.region_code.trim(),
    year: r.year, value: disp(r.indicator as IndicatorCode, Number(r.value)), note: r.note, enteredBy: r.entered_by, enteredAt: r.entered_at, manual: true,
  }));
}

/** Enter (or correct) a figure by hand: only for indicators with no source in this installation; audited. */
export async function enterManual(db: Queryable, actor: Actor, m: ManualFigureInput) {
  const computable = computableIndicators(await presentTables(db));
  if (!acceptsManualFigure(m.indicator, computable)) {
    throw new AppError('RULE_VIOLATION', `指标「${INDICATOR_BY_CODE[m.indicator].name}」由平台记录自动计算，不允许手工填报`);
  }
  const value = fromDisplayValue(m.indicator, m.value);
  return inTx(db, async (tx) => {
    const before = await repo.getManualRow(tx, m.indicator, m.regionCode, m.year);
    const row = await repo.upsertManualRow(tx, { indicator: m.indicator, regionCode: m.regionCode, year: m.year, value, note: m.note }, actor.userId);
    await audit(tx, actor, { action: 'kpi.manual.write', entity: 'kpi_manual_figure', entityId: row.id, before: before ?? null, after: { ...row, value: Number(row.value) } });
    return { id: row.id, indicator: m.indicator, regionCode: m.regionCode, year: m.year, value: m.value, note: m.note, manual: true };
  });
}
