/**
 * The indicator engine: every indicator of the catalogue per year for a region prefix, aggregated in SQL over the
 * ledger tables (deals, parties, payments, pledges, filings) and the registries (events, registry entries, service
 * records), plus hand-entered figures for the indicators that have no source. Counting rules: see
 * @zhuanhua/domain/plan-kpi/plan-kpi.compute.ts (the same rules, in plain TypeScript).
 */
import { INDICATOR_CODES, isIndicatorCode, regionPrefix, type IndicatorCode } from '@zhuanhua/domain/plan-kpi/index.ts';
import { performance } from 'node:perf_hooks';
import { inTx, query, type Queryable } from '../../db/client.ts';

export type IndicatorRow = { indicator: IndicatorCode; grp: string; year: number; value: number };
export type YearTable = Map<IndicatorCode, Map<number, number>>;

const SME = `org_type in ('private_enterprise','soe') and size_class in ('medium','small','micro')`;
const UNIV = `('university','research_institute')`;
/** Deals that count: signed or later (not drafts), with a contract date. */
export const DEAL_COUNTS = `d.state <> 'draft' and d.contract_date is not null`;
/** Pledges that count: registered, and not rejected or withdrawn. */
export const PLEDGE_COUNTS = `p.registration_date is not null and p.state not in ('rejected','withdrawn')`;
/** Product filings that count: filed (withdrawn later still counts in its filing year). */
export const FILING_COUNTS = `f.filing_date is not null and f.state in ('filed','withdrawn')`;
export const EVENT_COUNTS = `e.state in ('held','closed') and e.kind in ('matchmaking','roadshow')`;
export const REGISTRY_KIND: Partial<Record<IndicatorCode, string>> = {
  IP_SPECIALISTS: 'specialist', PATENT_POOLS: 'pool', PILOT_BASES: 'pilot_base', HV_CENTERS: 'hv_center',
  NAV_PROJECTS: 'nav_project', SERVICE_OUTLETS: 'service_outlet', TYPICAL_CASES: 'typical_case',
};

/** Which optional source tables exist in this installation (modules are added over time). */
export async function presentTables(db: Queryable): Promise<Set<string>> {
  const names = ['events', 'event_projects', 'registry_entries', 'service_records', 'inventory_items', 'inventory_runs', 'supply_lists', 'demands', 'subsidy_applications'];
  const rows = await query<{ name: string; ok: boolean }>(db,
    `select n as name, to_regclass(n) is not null as ok from unnest($1::text[]) as n`, [names]);
  return new Set(rows.filter((r) => r.ok).map((r) => r.name));
}

/** The indicators this installation computes from records; the others accept hand-entered figures. */
export function computableIndicators(tables: ReadonlySet<string>): Set<IndicatorCode> {
  const s = new Set<IndicatorCode>([
    'SME_IN_PATENTS', 'SME_IN_CONTRACT', 'SME_IN_PAID', 'UNIV_OUT_PATENTS', 'UNIV_OUT_CONTRACT', 'UNIV_OUT_PAID',
    'UNIV_TO_SME_PATENTS', 'SOE_SHARED_PATENTS', 'LICENSE_TRANSFER_COUNT', 'SMES_BENEFITING', 'SMES_BENEFITING_REVENUE',
    'SMES_BENEFITING_EMPLOYEES', 'PRODUCT_FILINGS', 'SME_PRODUCT_FILINGS', 'PLEDGE_AMOUNT', 'PLEDGE_COUNT',
    'SME_PLEDGE_AMOUNT', 'SME_PLEDGE_COUNT', 'PRODUCT_OUTPUT', 'JOBS_DRIVEN',
  ]);
  if (tables.has('events')) s.add('EVENTS');
  if (tables.has('event_projects')) s.add('EVENT_PROJECTS');
  if (tables.has('service_records')) s.add('SERVICE_VISITS');
  if (tables.has('registry_entries')) for (const k of Object.keys(REGISTRY_KIND)) s.add(k as IndicatorCode);
  if (tables.has('inventory_items') && tables.has('inventory_runs')) s.add('SLEEPING_PATENTS');
  if (tables.has('supply_lists')) s.add('SUPPLY_LISTS');
  if (tables.has('supply_lists') || tables.has('demands')) s.add('SUPPLY_DEMAND_ITEMS');
  return s;
}

/**
 * The SQL giving every indicator per (group, year) for the records whose region starts with $1 (a LIKE pattern),
 * dated in [$3, $2]. L = the length of the region-code prefix to group by (2 province, 4 city, 6 county).
 */
/**
 * dealsUpTo: deals count if contracted on or before this date (default: the as-of date $2). A year of the cube uses
 * '9999-12-31': money received in that year counts even when the contract is dated later, as in a full build.
 */
export function indicatorSql(L: number, t: ReadonlySet<string>, full = false, dealsUpTo?: string): string {
  if (dealsUpTo !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(dealsUpTo)) throw new Error('bad date');
  const parts: string[] = [
    // patent-deals into SMEs, contract amounts once per deal, university → SME, SOE → SME, licences + transfers
    `select x.ind, per.grp, d.y, x.v from per join d on d.id = per.deal_id and d.cd >= $3::date left join g on g.deal_id = d.id join rin on rin.deal_id = d.id
       cross join lateral (values
         ('SME_IN_PATENTS', (d.np * per.n_sme)::float8),
         ('SME_IN_CONTRACT', case when per.n_sme > 0 and left(rin.first_sme_region, ${L}) = per.grp then d.amt::float8 else 0 end),
         ('UNIV_TO_SME_PATENTS', case when coalesce(g.univ, false) then (d.np * per.n_sme)::float8 else 0 end),
         ('SOE_SHARED_PATENTS', case when coalesce(g.soe, false) and d.kind <> 'equity' then (d.np * per.n_sme)::float8 else 0 end),
         ('LICENSE_TRANSFER_COUNT', case when d.kind <> 'equity' then (d.np * per.n_in)::float8 else 0 end)
       ) as x(ind, v)`,
    // patent-deals given by universities and institutes (counted in the university's region)
    `select x.ind, left(g.univ_region, ${L}), d.y, x.v from g join d on d.id = g.deal_id and d.cd >= $3::date join rin on rin.deal_id = d.id
       cross join lateral (values ('UNIV_OUT_PATENTS', (d.np * rin.n_in)::float8), ('UNIV_OUT_CONTRACT', d.amt::float8)) as x(ind, v)
       where g.univ and g.univ_region like $1`,
    // money received, in the year received
    `select 'SME_IN_PAID', per.grp, extract(year from pay.received_date)::int, pay.amount_fen::float8
       from deal_payments pay join rin on rin.deal_id = pay.deal_id and rin.first_sme_region like $1
       join per on per.deal_id = pay.deal_id and per.grp = left(rin.first_sme_region, ${L}) join d on d.id = pay.deal_id
       where pay.received_date between $3::date and $2::date`,
    `select 'UNIV_OUT_PAID', left(g.univ_region, ${L}), extract(year from pay.received_date)::int, pay.amount_fen::float8
       from deal_payments pay join g on g.deal_id = pay.deal_id and g.univ and g.univ_region like $1 join d on d.id = pay.deal_id
       where pay.received_date between $3::date and $2::date`,
    // pledges
    `select x.ind, left(p.pledgor_region_code, ${L}), extract(year from p.registration_date)::int, x.v from pledges p
       cross join lateral (values
         ('PLEDGE_AMOUNT', coalesce(p.loan_amount_fen, p.secured_amount_fen, 0)::float8), ('PLEDGE_COUNT', 1::float8),
         ('SME_PLEDGE_AMOUNT', case when p.pledgor_org_type in ('private_enterprise','soe') and p.pledgor_size_class in ('medium','small','micro') then coalesce(p.loan_amount_fen, p.secured_amount_fen, 0)::float8 else 0 end),
         ('SME_PLEDGE_COUNT', case when p.pledgor_org_type in ('private_enterprise','soe') and p.pledgor_size_class in ('medium','small','micro') then 1::float8 else 0 end)
       ) as x(ind, v)
       where ${PLEDGE_COUNTS} and p.registration_date between $3::date and $2::date and p.pledgor_region_code like $1`,
    // product filings and their yearly reports
    `select x.ind, left(f.region_code, ${L}), extract(year from f.filing_date)::int, x.v from product_filings f
       cross join lateral (values ('PRODUCT_FILINGS', 1::float8),
         ('SME_PRODUCT_FILINGS', case when f.org_type in ('private_enterprise','soe') and f.org_size_class in ('medium','small','micro') then 1::float8 else 0 end)) as x(ind, v)
       where ${FILING_COUNTS} and f.filing_date between $3::date and $2::date and f.region_code like $1`,
    `select x.ind, left(f.region_code, ${L}), r.year, x.v from product_filing_reports r join product_filings f on f.id = r.filing_id
       cross join lateral (values ('PRODUCT_OUTPUT', coalesce(r.output_fen, r.sales_fen, 0)::float8), ('JOBS_DRIVEN', coalesce(r.jobs, 0)::float8)) as x(ind, v)
       where ${FILING_COUNTS} and r.year between extract(year from $3::date) and extract(year from $2::date) and f.region_code like $1`,
    // distinct SMEs benefiting (patent inflow or pledge loan) with their reported revenue and headcount
    `select x.ind, b.grp, b.y, x.v from (
         select distinct dp.org_id, left(dp.region_code, ${L}) as grp, d.y from deal_parties dp join d on d.id = dp.deal_id and d.cd >= $3::date
          where dp.side = 'in' and dp.org_id is not null and dp.region_code like $1
            and dp.org_type in ('private_enterprise','soe') and dp.size_class in ('medium','small','micro')
         union
         select p.pledgor_org_id, left(p.pledgor_region_code, ${L}), extract(year from p.registration_date)::int from pledges p
          where ${PLEDGE_COUNTS} and p.registration_date between $3::date and $2::date and p.pledgor_region_code like $1
            and p.pledgor_org_type in ('private_enterprise','soe') and p.pledgor_size_class in ('medium','small','micro')${t.has('subsidy_applications') ? `
         union
         select a.applicant_org_id, left(a.applicant_region_code, ${L}), extract(year from a.paid_on)::int from subsidy_applications a
          where a.status = 'paid' and a.paid_on between $3::date and $2::date and a.applicant_region_code like $1
            and a.applicant_org_type in ('private_enterprise','soe') and a.applicant_size_class in ('medium','small','micro')` : ''}
       ) b left join organisation_annual_reports ar on ar.org_id = b.org_id and ar.year = b.y
       cross join lateral (values ('SMES_BENEFITING', 1::float8), ('SMES_BENEFITING_REVENUE', coalesce(ar.revenue_fen, 0)::float8),
         ('SMES_BENEFITING_EMPLOYEES', coalesce(ar.employees, 0)::float8)) as x(ind, v)`,
    // hand-entered figures (only ever accepted for indicators without a source)
    `select m.indicator, left(m.region_code, ${L}), m.year, m.value::float8 from kpi_manual_figures m
       where m.region_code like $1 and m.year between extract(year from $3::date) and extract(year from $2::date)
         and m.indicator not in (${[...computableIndicators(t)].map((c) => `'${c}'`).join(',')})`,
  ];
  if (t.has('inventory_items') && t.has('inventory_runs')) {
    // a university/institute patent enters the sleeping-patent pool in the year of the first inventory run that pooled it
    parts.push(`select 'SLEEPING_PATENTS', left(f.region_code, ${L}), extract(year from f.first_as_of)::int, 1::float8 from (
         select i.patent_id, min(r.as_of) as first_as_of, min(i.region_code) as region_code from inventory_items i join inventory_runs r on r.id = i.run_id
          where r.state = 'succeeded' and i.pool = 'univ' and r.as_of <= $2::date group by i.patent_id
       ) f where f.first_as_of >= $3::date and f.region_code like $1`);
  }
  if (t.has('supply_lists')) {
    parts.push(`select x.ind, left(o.region_code, ${L}), extract(year from s.published_on)::int, x.v from supply_lists s join organisations o on o.id = s.org_id
       cross join lateral (values ('SUPPLY_LISTS', 1::float8), ('SUPPLY_DEMAND_ITEMS', s.item_count::float8)) as x(ind, v)
       where s.state = 'published' and s.published_on between $3::date and $2::date and o.region_code like $1`);
  }
  if (t.has('demands')) {
    parts.push(`select 'SUPPLY_DEMAND_ITEMS', left(d.region_code, ${L}), extract(year from d.published_at)::int, 1::float8 from demands d
       where d.published_at is not null and d.state in ('published','matched','closed','expired') and d.published_at::date between $3::date and $2::date and d.region_code like $1`);
  }
  if (t.has('events')) {
    parts.push(`select 'EVENTS', left(coalesce(e.region_code, o.region_code), ${L}), extract(year from e.event_date)::int, 1::float8
       from events e left join organisations o on o.id = e.organiser_org_id
       where ${EVENT_COUNTS} and e.event_date between $3::date and $2::date and coalesce(e.region_code, o.region_code) like $1`);
    if (t.has('event_projects')) parts.push(`select 'EVENT_PROJECTS', left(coalesce(e.region_code, o.region_code), ${L}), extract(year from e.event_date)::int, 1::float8
       from event_projects ep join events e on e.id = ep.event_id left join organisations o on o.id = e.organiser_org_id
       where ${EVENT_COUNTS} and e.event_date between $3::date and $2::date and coalesce(e.region_code, o.region_code) like $1`);
  }
  if (t.has('service_records')) parts.push(`select 'SERVICE_VISITS', left(o.region_code, ${L}), extract(year from s.service_date)::int, 1::float8
       from service_records s join organisations o on o.id = s.enterprise_org_id where s.service_date between $3::date and $2::date and o.region_code like $1`);
  if (t.has('registry_entries')) {
    const cases = Object.entries(REGISTRY_KIND).map(([ind, kind]) => `when '${kind}' then '${ind}'`).join(' ');
    parts.push(`select case r.kind ${cases} end, left(r.region_code, ${L}), extract(year from coalesce(r.start_date, r.published_at::date))::int, 1::float8
       from registry_entries r where r.state in ('active','published') and r.kind in (${Object.values(REGISTRY_KIND).map((k) => `'${k}'`).join(',')})
         and coalesce(r.start_date, r.published_at::date) between $3::date and $2::date and r.region_code like $1`);
  }
  // full build: every deal; a partial year: only the deals touched in [$3, $2], reached through the deal_id indexes
  const parties = full ? 'deal_parties dp' : 'ids join deal_parties dp on dp.deal_id = ids.id';
  return `
    with ids as materialized (
      select id from deals where ${full ? 'false' : 'contract_date between $3::date and $2::date'}
      union
      select deal_id from deal_payments where ${full ? 'false' : 'received_date between $3::date and $2::date'}
    ), d as (
      select d.id, d.kind, d.contract_date as cd, d.contract_amount_fen as amt, extract(year from d.contract_date)::int as y, coalesce(c.np, 0) as np
        from ${full ? 'deals d' : 'ids join deals d on d.id = ids.id'}
        left join (select dpt.deal_id, count(*)::int as np from ${full ? 'deal_patents dpt' : 'ids join deal_patents dpt on dpt.deal_id = ids.id'} group by dpt.deal_id) c on c.deal_id = d.id
       where ${DEAL_COUNTS} and d.contract_date <= ${dealsUpTo ? `'${dealsUpTo}'` : '$2'}::date
    ), g as (
      select dp.deal_id, bool_or(dp.org_type in ${UNIV}) as univ, bool_or(dp.org_type = 'soe') as soe,
             min(dp.region_code) filter (where dp.org_type in ${UNIV}) as univ_region
        from ${parties} where dp.side = 'out' group by dp.deal_id
    ), rin as (
      select dp.deal_id, count(*)::int as n_in, min(dp.region_code) filter (where dp.${SME.replace(' and size_class', ' and dp.size_class')}) as first_sme_region
        from ${parties} where dp.side = 'in' group by dp.deal_id
    ), per as (
      select dp.deal_id, left(dp.region_code, ${L}) as grp, count(*) filter (where dp.${SME.replace(' and size_class', ' and dp.size_class')})::int as n_sme, count(*)::int as n_in
        from ${parties} where dp.side = 'in' and dp.region_code like $1 group by 1, 2
    )
    select ind as indicator, grp, y as year, sum(v) as value from (
      ${parts.join('\n      union all\n      ')}
    ) as u(ind, grp, y, v) where grp is not null and (v <> 0 or ind = 'SMES_BENEFITING') group by 1, 2, 3`;
}

const MIN_DATE = '0001-01-01';

/** Rows straight from the records (no cube): for a prefix, dated in [from, asOf], grouped by a prefix of length L. */
export async function loadRawRows(db: Queryable, prefix: string, asOf: string, from = MIN_DATE, groupLen?: number, tables?: ReadonlySet<string>): Promise<IndicatorRow[]> {
  if (!/^\d{0,6}$/.test(prefix)) throw new Error('bad prefix');
  const t = tables ?? (await presentTables(db));
  const rows = await query<{ indicator: string; grp: string; year: number; value: number | string }>(db, indicatorSql(groupLen ?? prefix.length, t, from === MIN_DATE), [`${prefix}%`, asOf, from]);
  return rows.filter((r) => isIndicatorCode(r.indicator)).map((r) => ({ indicator: r.indicator as IndicatorCode, grp: String(r.grp).trim(), year: Number(r.year), value: Number(r.value) }));
}

/** Source tables whose changes make the whole cube stale; those created by later migrations get their trigger here. */
const SOURCE_TABLES = ['pledges', 'product_filings', 'product_filing_reports',
  'organisation_annual_reports', 'organisations', 'kpi_manual_figures', 'events', 'event_projects', 'registry_entries', 'service_records',
  'inventory_items', 'inventory_runs', 'supply_lists', 'demands', 'subsidy_applications'];
// deals, deal_parties, deal_patents and deal_payments mark only the years they touch (migration 0503)
const triggered = new WeakSet<object>();

export async function ensureDirtyTriggers(db: Queryable): Promise<void> {
  if (triggered.has(db)) return;
  const missing = await query<{ t: string }>(db,
    `select t from unnest($1::text[]) as t where to_regclass(t) is not null
        and not exists (select 1 from pg_trigger where tgname = 'kpi_dirty_' || t)`, [SOURCE_TABLES]);
  for (const { t } of missing) {
    if (!SOURCE_TABLES.includes(t)) continue;
    try {
      await query(db, `create trigger kpi_dirty_${t} after insert or update or delete or truncate on ${t} for each statement execute function kpi_mark_dirty()`);
    } catch (e) {
      if ((e as { code?: string }).code !== '42710') throw e; // created meanwhile by another process
    }
    await query(db, `update kpi_cube_state set dirty = true where id = 1`);
  }
  triggered.add(db);
}

export type CubeRefresh = { kind: 'none' | 'full' | 'years' | 'skipped' | 'busy'; years: number[]; ms: number; stale: boolean };

/** Per database: how stale the cube may be served (0 = always refreshed before a read; set from KPI_MAX_STALE_SECONDS). */
const cubeOptions = new WeakMap<object, { maxStaleMs: number }>();
const inFlight = new WeakMap<object, Promise<CubeRefresh>>();

export function configureCube(db: Queryable, o: { maxStaleMs: number }): void {
  cubeOptions.set(db, o);
}

/**
 * Bring the county cube up to date: a full rebuild when a whole-cube source changed, else only the years the
 * ledger's changes marked (each recomputed from the records with that year's date bounds, as the running year is).
 * Once the cube exists, a read does not queue behind another refresh (of this process or, on PostgreSQL, of another):
 * it is answered from the cube as last refreshed (stale: true); with maxStaleMs > 0 a refresh runs at most that often.
 */
export async function refreshCube(db: Queryable, o: { wait?: boolean } = {}): Promise<CubeRefresh> {
  await ensureDirtyTriggers(db);
  const st = (await query<{ dirty: boolean; n: number; built: boolean; age_ms: number | null }>(db,
    `select dirty, (select count(*)::int from (select 1 from kpi_cube_dirty_years limit 1) x) as n, built_at is not null as built,
            (extract(epoch from now() - refreshed_at) * 1000)::float8 as age_ms from kpi_cube_state where id = 1`))[0];
  if (st && !st.dirty && st.n === 0) return { kind: 'none', years: [], ms: 0, stale: false };
  const mayServeStale = !!st?.built && !o.wait;
  if (mayServeStale) {
    const maxStale = cubeOptions.get(db)?.maxStaleMs ?? 0;
    if (maxStale > 0 && st!.age_ms !== null && st!.age_ms < maxStale) return { kind: 'skipped', years: [], ms: 0, stale: true };
    if (inFlight.has(db)) return { kind: 'busy', years: [], ms: 0, stale: true };
  }
  const p = doRefresh(db, mayServeStale);
  inFlight.set(db, p);
  try { return await p; } finally { if (inFlight.get(db) === p) inFlight.delete(db); }
}

/** Deals in a year below which its refresh is planned for index lookups (see doRefresh). */
const SMALL_YEAR = 50_000;

async function doRefresh(db: Queryable, tryLock: boolean): Promise<CubeRefresh> {
  const t0 = performance.now();
  const tables = await presentTables(db);
  const done = await inTx(db, async (tx): Promise<Pick<CubeRefresh, 'kind' | 'years' | 'stale'>> => {
    if (tryLock) {
      const got = await query<{ ok: boolean }>(tx, `select pg_try_advisory_xact_lock(724500) as ok`);
      if (!got[0]?.ok) return { kind: 'busy', years: [], stale: true };
    } else await query(tx, `select pg_advisory_xact_lock(724500)`);
    const again = await query<{ dirty: boolean }>(tx, `select dirty from kpi_cube_state where id = 1 for update`);
    if (!again[0] || again[0].dirty) {
      await query(tx, `update kpi_cube_state set dirty = false where id = 1`);
      await query(tx, `delete from kpi_cube_dirty_years`);
      await query(tx, `delete from kpi_cube`);
      await query(tx, `insert into kpi_cube (indicator, region_code, year, value) select indicator, grp, year, value from (${indicatorSql(6, tables, true)}) as c`,
        ['%', '9999-12-31', MIN_DATE]);
      await query(tx, `update kpi_cube_state set built_at = now(), refreshed_at = now(), build_ms = $1 where id = 1`, [Math.round(performance.now() - t0)]);
      return { kind: 'full', years: [], stale: false };
    }
    const years = [...new Set((await query<{ year: number }>(tx, `delete from kpi_cube_dirty_years returning year`)).map((r) => Number(r.year)))].sort();
    for (const y of years) {
      // a year with few deals: index lookups beat hashing whole tables, which the default page cost (4) prefers;
      // a big year (hundreds of thousands of deals) is faster hashed, so it keeps the default
      const n = (await query<{ n: number }>(tx, `select count(*)::int as n from deals where contract_date between $1::date and $2::date`, [`${y}-01-01`, `${y}-12-31`]))[0]!.n;
      await query(tx, `set local random_page_cost = ${n < SMALL_YEAR ? '1.1' : 'default'}`); // until the transaction ends
      await query(tx, `delete from kpi_cube where year = $1`, [y]);
      await query(tx, `insert into kpi_cube (indicator, region_code, year, value)
        select indicator, grp, year, value from (${indicatorSql(6, tables, false, '9999-12-31')}) as c where year = ${Number(y)}`, ['%', `${y}-12-31`, `${y}-01-01`]);
    }
    await query(tx, `update kpi_cube_state set refreshed_at = now(), years_ms = $1 where id = 1`, [Math.round(performance.now() - t0)]);
    return { kind: 'years', years, stale: false };
  });
  return { ...done, ms: performance.now() - t0 };
}

/** Rebuild what is stale, waiting for any other refresh (see refreshCube). Returns the time spent in ms, or 0. */
export async function ensureCube(db: Queryable): Promise<number> {
  return (await refreshCube(db, { wait: true })).ms;
}

/**
 * Every indicator per (group, year) for the records whose region starts with `prefix`, dated on or before asOf.
 * Complete years come from the cube; the year of asOf (unless asOf is 31 December) from the records themselves.
 * groupLen = the length of the region-code prefix to group by (2 province, 4 city, 6 county); by default the
 * prefix's own length (one group: the region itself).
 */
export async function loadIndicatorRows(db: Queryable, prefix: string, asOf: string, groupLen?: number, tables?: ReadonlySet<string>, info?: { stale: boolean }): Promise<IndicatorRow[]> {
  if (!/^\d{2,6}$/.test(prefix)) throw new Error('bad prefix');
  const L = groupLen ?? prefix.length;
  const t = tables ?? (await presentTables(db));
  const refreshed = await refreshCube(db);
  if (info) info.stale = refreshed.stale;
  const y = Number(asOf.slice(0, 4));
  const yearEnd = asOf.slice(5) === '12-31';
  const lastCubeYear = yearEnd ? y : y - 1;
  const cube = await query<{ indicator: string; grp: string; year: number; value: number }>(db,
    `select indicator, left(region_code, ${L}) as grp, year, sum(value)::float8 as value from kpi_cube
      where region_code like $1 and year <= $2 group by 1, 2, 3`, [`${prefix}%`, lastCubeYear]);
  const out: IndicatorRow[] = cube.filter((r) => isIndicatorCode(r.indicator))
    .map((r) => ({ indicator: r.indicator as IndicatorCode, grp: String(r.grp).trim(), year: Number(r.year), value: Number(r.value) }));
  if (!yearEnd) out.push(...(await loadRawRows(db, prefix, asOf, `${y}-01-01`, L, t)));
  return out;
}

/** Indicator → year → value for one region (county, city or province code). */
export async function loadYearTable(db: Queryable, regionCode: string, asOf: string, tables?: ReadonlySet<string>, info?: { stale: boolean }): Promise<YearTable> {
  const rows = await loadIndicatorRows(db, regionPrefix(regionCode), asOf, undefined, tables, info);
  return toTable(rows);
}

export function toTable(rows: readonly IndicatorRow[]): YearTable {
  const out: YearTable = new Map(INDICATOR_CODES.map((c) => [c, new Map<number, number>()]));
  for (const r of rows) {
    const m = out.get(r.indicator)!;
    m.set(r.year, (m.get(r.year) ?? 0) + r.value);
  }
  return out;
}
