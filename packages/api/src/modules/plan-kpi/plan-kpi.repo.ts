/** SQL of the plan-kpi module: plans, hand-entered figures, generated reports. */
import type { Plan, PlanBody } from '@zhuanhua/domain/plan-kpi/index.ts';
import { query, queryOne, type Queryable } from '../../db/client.ts';

export type PlanRow = {
  id: string; name: string; issuer: string; region_code: string; region_name: string; start_year: number; end_year: number;
  baseline_year: number; ranking_level: 'county' | 'city'; phases: unknown; targets: unknown; ranking_weights: unknown; notes: string;
  preset: boolean; created_by: number | null; created_at: Date; updated_at: Date;
};

const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

export function rowToPlan(r: PlanRow): Plan {
  return {
    id: r.id, preset: r.preset, name: r.name, issuer: r.issuer, regionCode: r.region_code.trim(), regionName: r.region_name,
    startYear: r.start_year, endYear: r.end_year, baselineYear: r.baseline_year, rankingLevel: r.ranking_level,
    phases: json(r.phases) as Plan['phases'], targets: json(r.targets) as Plan['targets'], rankingWeights: json(r.ranking_weights) as Plan['rankingWeights'], notes: r.notes,
  };
}

export const listPlanRows = (db: Queryable) => query<PlanRow>(db, `select * from kpi_plans order by preset desc, id`);
export const getPlanRow = (db: Queryable, id: string) => queryOne<PlanRow>(db, `select * from kpi_plans where id = $1`, [id]);
export const getPlanRowForUpdate = (db: Queryable, id: string) => queryOne<PlanRow>(db, `select * from kpi_plans where id = $1 for update`, [id]);

export async function insertPlan(db: Queryable, id: string, p: PlanBody, preset: boolean, createdBy: number | null): Promise<boolean> {
  const rows = await query(db,
    `insert into kpi_plans (id, name, issuer, region_code, region_name, start_year, end_year, baseline_year, ranking_level, phases, targets, ranking_weights, notes, preset, created_by)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) on conflict (id) do nothing returning id`,
    [id, p.name, p.issuer, p.regionCode, p.regionName, p.startYear, p.endYear, p.baselineYear, p.rankingLevel,
      JSON.stringify(p.phases), JSON.stringify(p.targets), JSON.stringify(p.rankingWeights), p.notes, preset, createdBy]);
  return rows.length > 0;
}

export async function updatePlanRow(db: Queryable, id: string, p: PlanBody): Promise<void> {
  await query(db,
    `update kpi_plans set name=$2, issuer=$3, region_code=$4, region_name=$5, start_year=$6, end_year=$7, baseline_year=$8, ranking_level=$9,
       phases=$10, targets=$11, ranking_weights=$12, notes=$13, updated_at=now() where id=$1`,
    [id, p.name, p.issuer, p.regionCode, p.regionName, p.startYear, p.endYear, p.baselineYear, p.rankingLevel,
      JSON.stringify(p.phases), JSON.stringify(p.targets), JSON.stringify(p.rankingWeights), p.notes]);
}

export const deletePlanRow = (db: Queryable, id: string) => query(db, `delete from kpi_plans where id = $1`, [id]);

export type ManualRow = { id: number; indicator: string; region_code: string; year: number; value: string | number; note: string; entered_by: number | null; entered_at: Date };
export const listManualRows = (db: Queryable, prefix: string) =>
  query<ManualRow>(db, `select * from kpi_manual_figures where region_code like $1 order by indicator, region_code, year`, [`${prefix}%`]);
export const getManualRow = (db: Queryable, indicator: string, region: string, year: number) =>
  queryOne<ManualRow>(db, `select * from kpi_manual_figures where indicator=$1 and region_code=$2 and year=$3`, [indicator, region, year]);
export async function upsertManualRow(db: Queryable, m: { indicator: string; regionCode: string; year: number; value: number; note: string }, by: number | null): Promise<ManualRow> {
  return (await queryOne<ManualRow>(db,
    `insert into kpi_manual_figures (indicator, region_code, year, value, note, entered_by) values ($1,$2,$3,$4,$5,$6)
     on conflict (indicator, region_code, year) do update set value = excluded.value, note = excluded.note, entered_by = excluded.entered_by, entered_at = now()
     returning *`, [m.indicator, m.regionCode, m.year, m.value, m.note, by]))!;
}

export type ReportRow = { id: number; job_id: number | null; plan_id: string; year: number; region_code: string; kind: 'xlsx' | 'docx'; filename: string; content: Uint8Array; created_by: number | null; created_at: Date };
export async function insertReport(db: Queryable, r: { jobId: number | null; planId: string; year: number; regionCode: string; kind: 'xlsx' | 'docx'; filename: string; content: Buffer }, by: number | null): Promise<number> {
  return (await queryOne<{ id: number }>(db,
    `insert into kpi_reports (job_id, plan_id, year, region_code, kind, filename, content, created_by) values ($1,$2,$3,$4,$5,$6,$7,$8) returning id`,
    [r.jobId, r.planId, r.year, r.regionCode, r.kind, r.filename, r.content, by]))!.id;
}
export const getReport = (db: Queryable, id: number) => queryOne<ReportRow>(db, `select * from kpi_reports where id = $1`, [id]);

export const regionName = async (db: Queryable, code: string): Promise<string | null> =>
  (await queryOne<{ name: string }>(db, `select name from ref_region where code = $1`, [code]))?.name ?? null;
export const childRegions = (db: Queryable, parent: string) =>
  query<{ code: string; name: string; level: string }>(db, `select code, name, level from ref_region where parent_code = $1 order by code`, [parent]);
export const regionsUnder = (db: Queryable, prefix: string, level: 'county' | 'city') =>
  query<{ code: string; name: string }>(db, `select code, name from ref_region where code like $1 and level = $2 order by code`, [`${prefix}%`, level]);
