/** SQL of the inventory module. Parameterised only. */
import { query, queryOne, type Queryable } from '../../db/client.ts';
import { regionLike } from '../organisation/organisation.repo.ts';

export const POOL_HOLDER_TYPES = ['university', 'research_institute', 'soe'];

export type FactsRow = {
  id: number; application_number: string; title: string; type: string; legal_status: string; filing_date: string | null; grant_date: string | null;
  lapse_date: string | null; term_extension_days: number; claims_count: number | null; ipc_main: string | null; ipc_codes: string[];
  citations_count: number; overseas_family: string[]; awards: unknown; region_code: string | null; fee_paid_through: string | null;
  source: string; generated_fields: string[];
};
export type HolderRow = { patent_id: number; seq: number; name: string; org_id: number | null; org_type: string | null; org_region: string | null };
export type UseRow = { patent_id: number; kind: string; from_date: string; to_date: string | null; source_type: string | null; note: string | null };
export type MarkRow = { patent_id: number; kind: 'used' | 'excluded'; reason: string; from_date: string | null; org_id: number | null; marked_by: number | null; marked_by_name: string | null; marked_at: Date };
export type PledgeRow = { patent_id: number; secured_amount_fen: number | null; registration_date: string; registration_no: string | null; released_date: string | null };
export type OpenLicenceRow = { patent_id: number; published_date: string; withdrawn_date: string | null };

const FACT_COLS = `p.id, p.application_number, p.title, p.type, p.legal_status, p.filing_date, p.grant_date, p.lapse_date, p.term_extension_days,
  p.claims_count, p.ipc_main, p.ipc_codes, p.citations_count, p.overseas_family, p.awards, p.region_code, p.fee_paid_through, p.source, p.generated_fields`;

export type RunScope = { scope: 'all' | 'holder' | 'region'; holderId?: number | null; regionCode?: string | null };

/**
 * The patents a run examines: all (or one region's, or one holder's). Holder types are not filtered here: the
 * sleeping rule decides (a patent without a university, institute or SOE holder is examined and left out).
 * Keyset pages by id; a holder scope is driven from patent_holders (indexed by org).
 */
export async function countCandidates(db: Queryable, s: RunScope): Promise<number> {
  if (s.scope === 'holder') return (await queryOne<{ n: number }>(db, `select count(distinct patent_id)::int as n from patent_holders where org_id = $1`, [s.holderId]))!.n;
  if (s.scope === 'region' && s.regionCode) return (await queryOne<{ n: number }>(db, `select count(*)::int as n from patents p where p.region_code like $1`, [regionLike(s.regionCode)]))!.n;
  return (await queryOne<{ n: number }>(db, `select count(*)::int as n from patents`))!.n;
}

export async function candidatePage(db: Queryable, s: RunScope, afterId: number, limit: number): Promise<FactsRow[]> {
  const n = Math.floor(limit);
  if (s.scope === 'holder') {
    return query<FactsRow>(db, `select ${FACT_COLS} from patents p where p.id in (select distinct h.patent_id from patent_holders h where h.org_id = $2 and h.patent_id > $1 order by h.patent_id limit ${n}) order by p.id`, [afterId, s.holderId]);
  }
  if (s.scope === 'region' && s.regionCode) {
    return query<FactsRow>(db, `select ${FACT_COLS} from patents p where p.id > $1 and p.region_code like $2 order by p.id limit ${n}`, [afterId, regionLike(s.regionCode)]);
  }
  return query<FactsRow>(db, `select ${FACT_COLS} from patents p where p.id > $1 order by p.id limit ${n}`, [afterId]);
}

export const factsById = (db: Queryable, id: number) => queryOne<FactsRow>(db, `select ${FACT_COLS} from patents p where p.id = $1`, [id]);

export const holdersOf = (db: Queryable, ids: number[]) => query<HolderRow>(db,
  `select h.patent_id, h.seq, h.name, h.org_id, o.type as org_type, o.region_code as org_region
     from patent_holders h left join organisations o on o.id = h.org_id where h.patent_id = any($1::bigint[]) order by h.patent_id, h.seq`, [ids]);

export const usesOf = (db: Queryable, ids: number[]) => query<UseRow>(db,
  `select patent_id, kind, from_date, to_date, source_type, note from patent_uses where patent_id = any($1::bigint[]) order by patent_id, from_date`, [ids]);

export const marksOf = (db: Queryable, ids: number[]) => query<MarkRow>(db, `select * from inventory_marks where patent_id = any($1::bigint[])`, [ids]);

export const pledgesOf = (db: Queryable, ids: number[]) => query<PledgeRow>(db,
  `select pp.patent_id, pl.secured_amount_fen, pl.registration_date, pl.registration_no, pl.released_date
     from pledge_patents pp join pledges pl on pl.id = pp.pledge_id
    where pp.patent_id = any($1::bigint[]) and pl.registration_date is not null`, [ids]);

let openLicenceTable: boolean | undefined;
/** Published open-licence declarations (table of the licence module; absent → none). */
export async function openLicencesOf(db: Queryable, ids: number[]): Promise<OpenLicenceRow[]> {
  openLicenceTable ??= !!(await queryOne<{ t: string | null }>(db, `select to_regclass('open_licence_declarations')::text as t`))?.t;
  if (!openLicenceTable) return [];
  return query<OpenLicenceRow>(db,
    `select patent_id, published_date, withdrawn_date from open_licence_declarations
      where patent_id = any($1::bigint[]) and published_date is not null and state in ('published', 'withdrawn')`, [ids]);
}

export async function productRevenueFen(db: Queryable, patentId: number, asOfYear: number): Promise<number> {
  const r = await queryOne<{ s: number | null }>(db,
    `select coalesce(sum(r.sales_fen), 0)::bigint as s from product_filing_patents fp join product_filing_reports r on r.filing_id = fp.filing_id
      where fp.patent_id = $1 and r.year <= $2`, [patentId, asOfYear]);
  return Number(r?.s ?? 0);
}

// ---------- settings ----------

export async function getSetting<T>(db: Queryable, key: string): Promise<T | undefined> {
  return (await queryOne<{ value: T }>(db, `select value from inventory_settings where key = $1`, [key]))?.value;
}
export async function putSetting(db: Queryable, key: string, value: unknown, by: number | null): Promise<void> {
  await query(db, `insert into inventory_settings (key, value, updated_by) values ($1, $2, $3)
    on conflict (key) do update set value = excluded.value, updated_by = excluded.updated_by, updated_at = now()`, [key, JSON.stringify(value), by]);
}

// ---------- marks ----------

export async function upsertMark(db: Queryable, m: { patentId: number; kind: string; reason: string; fromDate: string | null; orgId: number | null; by: number | null; byName: string }): Promise<MarkRow> {
  return (await queryOne<MarkRow>(db,
    `insert into inventory_marks (patent_id, kind, reason, from_date, org_id, marked_by, marked_by_name) values ($1,$2,$3,$4,$5,$6,$7)
     on conflict (patent_id) do update set kind = excluded.kind, reason = excluded.reason, from_date = excluded.from_date, org_id = excluded.org_id,
       marked_by = excluded.marked_by, marked_by_name = excluded.marked_by_name, marked_at = now()
     returning *`, [m.patentId, m.kind, m.reason, m.fromDate, m.orgId, m.by, m.byName]))!;
}
export const deleteMark = (db: Queryable, patentId: number) => query(db, `delete from inventory_marks where patent_id = $1`, [patentId]);
export const deleteOwnUse = (db: Queryable, patentId: number) => query(db, `delete from patent_uses where patent_id = $1 and source_type = 'inventory.mark'`, [patentId]);
export const insertOwnUse = (db: Queryable, patentId: number, orgId: number | null, fromDate: string, note: string, by: number | null) => query(db,
  `insert into patent_uses (patent_id, kind, source_type, org_id, from_date, note, created_by) values ($1, 'own_use', 'inventory.mark', $2, $3, $4, $5)`,
  [patentId, orgId, fromDate, note, by && by > 0 ? by : null]);

// ---------- runs ----------

export type RunRow = {
  id: number; batch_no: string; batch_year: number; batch_seq: number; as_of: string; scope: 'all' | 'holder' | 'region'; holder_id: number | null;
  region_code: string | null; model_id: string; model: unknown; hv_config: unknown; state: 'running' | 'succeeded' | 'failed'; job_id: number | null;
  scanned: number; pool_size: number; summary: unknown; diff: unknown; prev_run_id: number | null; note: string | null; created_by: number | null;
  org_id: number | null; created_at: Date; finished_at: Date | null; holder_name?: string | null; region_name?: string | null;
};

export async function insertRun(db: Queryable, r: { asOf: string; scope: string; holderId: number | null; regionCode: string | null; modelId: string; model: unknown; hvConfig: unknown; note: string | null; createdBy: number | null; orgId: number | null }): Promise<RunRow> {
  const year = Number(r.asOf.slice(0, 4));
  await query(db, `select pg_advisory_xact_lock(724100)`);
  const seq = (await queryOne<{ n: number }>(db, `select coalesce(max(batch_seq), 0)::int + 1 as n from inventory_runs where batch_year = $1`, [year]))!.n;
  return (await queryOne<RunRow>(db,
    `insert into inventory_runs (batch_no, batch_year, batch_seq, as_of, scope, holder_id, region_code, model_id, model, hv_config, note, created_by, org_id)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) returning *`,
    [`盘点〔${year}〕第${seq}批`, year, seq, r.asOf, r.scope, r.holderId, r.regionCode, r.modelId, JSON.stringify(r.model), JSON.stringify(r.hvConfig), r.note, r.createdBy, r.orgId]))!;
}

export const setRunJob = (db: Queryable, id: number, jobId: number) => query(db, `update inventory_runs set job_id = $2 where id = $1`, [id, jobId]);

export async function finishRun(db: Queryable, id: number, r: { scanned: number; poolSize: number; summary: unknown; diff: unknown; prevRunId: number | null }): Promise<void> {
  await query(db, `update inventory_runs set state = 'succeeded', scanned = $2, pool_size = $3, summary = $4, diff = $5, prev_run_id = $6, finished_at = now() where id = $1`,
    [id, r.scanned, r.poolSize, JSON.stringify(r.summary), JSON.stringify(r.diff), r.prevRunId]);
}
export async function failRun(db: Queryable, id: number): Promise<void> {
  await query(db, `delete from inventory_items where run_id = $1`, [id]);
  await query(db, `update inventory_runs set state = 'failed', finished_at = now() where id = $1`, [id]);
}

const RUN_SELECT = `select r.*, o.name as holder_name, g.name as region_name from inventory_runs r
  left join organisations o on o.id = r.holder_id left join ref_region g on g.code = r.region_code`;

export const getRun = (db: Queryable, id: number) => queryOne<RunRow>(db, `${RUN_SELECT} where r.id = $1`, [id]);

/** The previous successful run over the same scope. */
export const previousRun = (db: Queryable, r: RunRow) => queryOne<RunRow>(db,
  `select * from inventory_runs where state = 'succeeded' and id < $1 and scope = $2 and holder_id is not distinct from $3 and region_code is not distinct from $4
    order by id desc limit 1`, [r.id, r.scope, r.holder_id, r.region_code]);

export async function listRuns(db: Queryable, f: { orgId?: number | null }, page: number, pageSize: number): Promise<{ rows: RunRow[]; total: number }> {
  const params: unknown[] = [];
  let w = '';
  if (f.orgId != null) { params.push(f.orgId); w = `where (r.holder_id = $1 or (r.org_id = $1 and r.scope = 'holder'))`; }
  const total = (await queryOne<{ n: number }>(db, `select count(*)::int as n from inventory_runs r ${w}`, params))!.n;
  const rows = await query<RunRow>(db, `${RUN_SELECT} ${w} order by r.id desc limit ${pageSize} offset ${(page - 1) * pageSize}`, params);
  return { rows, total };
}

export const latestSucceededRun = (db: Queryable) => queryOne<RunRow>(db, `${RUN_SELECT} where r.state = 'succeeded' and r.scope = 'all' order by r.id desc limit 1`);

export const ITEM_COLUMNS = ['run_id', 'patent_id', 'pool', 'grade', 'score', 'legal_score', 'technical_score', 'economic_score', 'sei_industry', 'sei_codes', 'industry_code',
  'holder_id', 'holder_name', 'holder_type', 'region_code', 'high_value', 'hv_flags', 'open_licence', 'application_number', 'title', 'type', 'ipc_main', 'filing_date', 'grant_date'];
const ITEM_TYPES = ['bigint[]', 'bigint[]', 'text[]', 'text[]', 'int[]', 'int[]', 'int[]', 'int[]', 'text[]', 'text[]', 'text[]',
  'bigint[]', 'text[]', 'text[]', 'text[]', 'bool[]', 'text[]', 'bool[]', 'text[]', 'text[]', 'text[]', 'text[]', 'date[]', 'date[]'];

/** Insert snapshot rows (values in ITEM_COLUMNS order; array columns as array literals, see pgArrayLiteral). */
export async function insertItems(db: Queryable, rows: unknown[][]): Promise<void> {
  if (!rows.length) return;
  const sel = ITEM_TYPES.map((t, i) => `$${i + 1}::${t}`).join(', ');
  const names = ITEM_COLUMNS.map((_, i) => `c${i}`).join(', ');
  const proj = ITEM_COLUMNS.map((c, i) => (c === 'sei_codes' || c === 'hv_flags' ? `c${i}::text[]` : `c${i}`)).join(', ');
  const batch = 2000;
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch);
    await query(db, `insert into inventory_items (${ITEM_COLUMNS.join(', ')}) select ${proj} from unnest(${sel}) as u(${names})`,
      ITEM_COLUMNS.map((_, c) => chunk.map((r) => r[c] ?? null)));
  }
}

export const poolEntries = (db: Queryable, runId: number) => query<{ patent_id: number; grade: 'A' | 'B' | 'C' | 'D' }>(db,
  `select patent_id, grade from inventory_items where run_id = $1`, [runId]);

export type ItemRow = {
  run_id: number; patent_id: number; pool: 'univ' | 'soe'; grade: 'A' | 'B' | 'C' | 'D'; score: number; legal_score: number; technical_score: number; economic_score: number;
  sei_industry: string | null; sei_codes: string[]; industry_code: string | null; holder_id: number | null; holder_name: string | null; holder_type: string | null;
  region_code: string | null; high_value: boolean; hv_flags: string[]; open_licence: boolean; application_number: string; title: string; type: string;
  ipc_main: string | null; filing_date: string | null; grant_date: string | null;
};

export type ItemFilter = { grade?: string; pool?: string; holderId?: number; regionCode?: string; industry?: string; sei?: string; highValue?: boolean; q?: string; holderIds?: number[] };
const ITEM_SORTS: Record<string, string> = { score: 'score asc, patent_id asc', '-score': 'score desc, patent_id asc', grant_date: 'grant_date asc nulls last, patent_id asc', '-grant_date': 'grant_date desc nulls last, patent_id asc', title: 'title asc, patent_id asc' };

export function itemWhere(runId: number, f: ItemFilter, params: unknown[]): string {
  const add = (v: unknown) => { params.push(v); return `$${params.length}`; };
  const w = [`run_id = ${add(runId)}`];
  if (f.grade) w.push(`grade = ${add(f.grade)}`);
  if (f.pool) w.push(`pool = ${add(f.pool)}`);
  if (f.holderId) w.push(`holder_id = ${add(f.holderId)}`);
  if (f.holderIds) w.push(`holder_id = any(${add(f.holderIds)}::bigint[])`);
  if (f.regionCode) w.push(`region_code like ${add(regionLike(f.regionCode))}`);
  if (f.industry) w.push(f.industry === 'none' ? 'industry_code is null' : `industry_code = ${add(f.industry)}`);
  if (f.sei) w.push(f.sei === 'none' ? 'sei_industry is null' : `sei_industry = ${add(f.sei)}`);
  if (f.highValue !== undefined) w.push(`high_value = ${add(f.highValue)}`);
  if (f.q) { const q = add(`%${f.q}%`); w.push(`(title ilike ${q} or application_number like ${q} or holder_name ilike ${q})`); }
  return `where ${w.join(' and ')}`;
}

export async function listItems(db: Queryable, runId: number, f: ItemFilter, page: number, pageSize: number, sort: string): Promise<{ rows: ItemRow[]; total: number }> {
  const params: unknown[] = [];
  const w = itemWhere(runId, f, params);
  const total = (await queryOne<{ n: number }>(db, `select count(*)::int as n from inventory_items ${w}`, params))!.n;
  const rows = await query<ItemRow>(db, `select * from inventory_items ${w} order by ${ITEM_SORTS[sort] ?? ITEM_SORTS['-score']} limit ${pageSize} offset ${(page - 1) * pageSize}`, params);
  return { rows, total };
}

export const runItem = (db: Queryable, runId: number, patentId: number) => queryOne<ItemRow>(db, `select * from inventory_items where run_id = $1 and patent_id = $2`, [runId, patentId]);

export const orgNames = (db: Queryable, ids: number[]) => query<{ id: number; name: string; type: string }>(db, `select id, name, type from organisations where id = any($1::bigint[])`, [ids]);
export const regionNames = (db: Queryable, codes: string[]) => query<{ code: string; name: string }>(db, `select code, name from ref_region where code = any($1::text[])`, [codes]);
export const industryNames = (db: Queryable) => query<{ code: string; name: string }>(db, `select code, name from ref_industry where level = '大类'`);

/** Is the patent held by this organisation? */
export async function heldBy(db: Queryable, patentId: number, orgId: number): Promise<boolean> {
  return !!(await queryOne(db, `select 1 from patent_holders where patent_id = $1 and org_id = $2`, [patentId, orgId]));
}

/** In-force patents of a holder (for the fee lists). */
export async function holderPatentIds(db: Queryable, orgId: number | null, limit: number): Promise<number[]> {
  const rows = orgId == null
    ? await query<{ id: number }>(db, `select id from patents where legal_status = 'in_force' order by id limit ${limit}`)
    : await query<{ id: number }>(db, `select p.id from patents p where p.legal_status = 'in_force' and exists (select 1 from patent_holders h where h.patent_id = p.id and h.org_id = $1) order by p.id limit ${limit}`, [orgId]);
  return rows.map((r) => r.id);
}

export async function factsByIds(db: Queryable, ids: number[]): Promise<FactsRow[]> {
  return query<FactsRow>(db, `select ${FACT_COLS} from patents p where p.id = any($1::bigint[]) order by p.id`, [ids]);
}
