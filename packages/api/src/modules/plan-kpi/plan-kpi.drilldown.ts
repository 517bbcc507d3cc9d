/**
 * Drill-down: the records that make one figure (indicator × region × year), so any number can be checked.
 * Each row carries the value it contributes; the rows of a figure add up to it.
 */
import { INDICATOR_BY_CODE, regionPrefix, toDisplayValue, type IndicatorCode } from '@zhuanhua/domain/plan-kpi/index.ts';
import { AppError } from '@zhuanhua/domain';
import { query, type Queryable } from '../../db/client.ts';
import { DEAL_COUNTS, EVENT_COUNTS, FILING_COUNTS, PLEDGE_COUNTS, REGISTRY_KIND, computableIndicators, presentTables } from './plan-kpi.engine.ts';

export type DrillRow = { ref: string; date: string | null; title: string; parties: string; detail: string; value: number };
export type Drill = { indicator: IndicatorCode; name: string; unit: string; regionCode: string; year: number; total: number; items: DrillRow[] };

const SME = (a: string) => `${a}.org_type in ('private_enterprise','soe') and ${a}.size_class in ('medium','small','micro')`;
const UNIV = `('university','research_institute')`;
const KIND_ZH = `case d.kind when 'transfer' then '转让' when 'licence' then '许可' else '作价入股' end`;

/** Per deal: patents, parties as text, SME recipients in the region, first SME region, university region. */
const DEAL_BASE = `
  with x as (
    select d.id, d.title, d.kind, d.contract_date, d.contract_amount_fen as amt,
      (select count(*) from deal_patents p where p.deal_id = d.id)::int as np,
      (select string_agg(o.name, '、') from deal_parties o where o.deal_id = d.id and o.side = 'out') as givers,
      (select string_agg(i.name || coalesce('（' || case i.size_class when 'large' then '大型' when 'medium' then '中型' when 'small' then '小型' when 'micro' then '微型' end || '）', ''), '、')
         from deal_parties i where i.deal_id = d.id and i.side = 'in') as recipients,
      (select count(*) from deal_parties i where i.deal_id = d.id and i.side = 'in' and i.region_code like $1 and ${SME('i')})::int as n_sme,
      (select count(*) from deal_parties i where i.deal_id = d.id and i.side = 'in' and i.region_code like $1)::int as n_in_region,
      (select count(*) from deal_parties i where i.deal_id = d.id and i.side = 'in')::int as n_in,
      (select min(i.region_code) from deal_parties i where i.deal_id = d.id and i.side = 'in' and ${SME('i')}) as first_sme,
      (select min(o.region_code) from deal_parties o where o.deal_id = d.id and o.side = 'out' and o.org_type in ${UNIV}) as univ_region,
      exists (select 1 from deal_parties o where o.deal_id = d.id and o.side = 'out' and o.org_type in ${UNIV}) as univ,
      exists (select 1 from deal_parties o where o.deal_id = d.id and o.side = 'out' and o.org_type = 'soe') as soe
    from deals d
    where ${DEAL_COUNTS} and d.contract_date <= $2::date
  )`;

const DEAL_VALUE: Partial<Record<IndicatorCode, { where: string; value: string; byYear: 'contract' | 'payment' }>> = {
  SME_IN_PATENTS: { where: 'x.n_sme > 0', value: 'x.np * x.n_sme', byYear: 'contract' },
  SME_IN_CONTRACT: { where: 'x.first_sme like $1', value: 'x.amt', byYear: 'contract' },
  SME_IN_PAID: { where: 'x.first_sme like $1', value: 'pay.amount_fen', byYear: 'payment' },
  UNIV_OUT_PATENTS: { where: 'x.univ_region like $1', value: 'x.np * x.n_in', byYear: 'contract' },
  UNIV_OUT_CONTRACT: { where: 'x.univ_region like $1', value: 'x.amt', byYear: 'contract' },
  UNIV_OUT_PAID: { where: 'x.univ_region like $1', value: 'pay.amount_fen', byYear: 'payment' },
  UNIV_TO_SME_PATENTS: { where: 'x.univ and x.n_sme > 0', value: 'x.np * x.n_sme', byYear: 'contract' },
  SOE_SHARED_PATENTS: { where: `x.soe and x.kind <> 'equity' and x.n_sme > 0`, value: 'x.np * x.n_sme', byYear: 'contract' },
  LICENSE_TRANSFER_COUNT: { where: `x.kind <> 'equity' and x.n_in_region > 0`, value: 'x.np * x.n_in_region', byYear: 'contract' },
};

type Raw = { ref: string; date: string | null; title: string; parties: string | null; detail: string | null; value: number | string };

export async function drilldown(db: Queryable, indicator: IndicatorCode, regionCode: string, year: number, asOf: string): Promise<Drill> {
  const def = INDICATOR_BY_CODE[indicator];
  const like = `${regionPrefix(regionCode)}%`;
  const p = [like, asOf, year];
  let rows: Raw[] = [];
  const dv = DEAL_VALUE[indicator];
  const tables = await presentTables(db);
  if (dv && dv.byYear === 'contract') {
    rows = await query<Raw>(db, `${DEAL_BASE}
      select '合同#' || x.id as ref, x.contract_date::text as date, x.title, coalesce(x.givers, '') || ' → ' || coalesce(x.recipients, '') as parties,
             (select ${KIND_ZH.replace(/d\.kind/g, 'x.kind')}) || '，专利 ' || x.np || ' 件，合同金额 ' || round(x.amt / 1000000.0, 4) || ' 万元' as detail,
             (${dv.value})::float8 as value
        from x where extract(year from x.contract_date) = $3 and ${dv.where} order by x.contract_date, x.id`, p);
  } else if (dv) {
    rows = await query<Raw>(db, `${DEAL_BASE}
      select '到账#' || pay.id as ref, pay.received_date::text as date, x.title, coalesce(x.givers, '') || ' → ' || coalesce(x.recipients, '') as parties,
             '合同#' || x.id || '（' || x.contract_date || '）' as detail, (${dv.value})::float8 as value
        from deal_payments pay join x on x.id = pay.deal_id
       where pay.received_date <= $2::date and extract(year from pay.received_date) = $3 and ${dv.where} order by pay.received_date, pay.id`, p);
  } else if (indicator.endsWith('PLEDGE_AMOUNT') || indicator.endsWith('PLEDGE_COUNT')) {
    const sme = indicator.startsWith('SME_') ? `and p.pledgor_org_type in ('private_enterprise','soe') and p.pledgor_size_class in ('medium','small','micro')` : '';
    const value = indicator.endsWith('AMOUNT') ? 'coalesce(p.loan_amount_fen, p.secured_amount_fen, 0)' : '1';
    rows = await query<Raw>(db, `select '质押#' || p.id as ref, p.registration_date::text as date, coalesce(p.registration_no, '（无登记号）') as title,
        coalesce(o.name, '') || coalesce(' → ' || b.name, '') as parties, '融资金额 ' || round(coalesce(p.loan_amount_fen, p.secured_amount_fen, 0) / 1000000.0, 4) || ' 万元' as detail, (${value})::float8 as value
        from pledges p left join organisations o on o.id = p.pledgor_org_id left join organisations b on b.id = p.pledgee_org_id
       where ${PLEDGE_COUNTS} and p.registration_date <= $2::date and extract(year from p.registration_date) = $3 and p.pledgor_region_code like $1 ${sme}
       order by p.registration_date, p.id`, p);
  } else if (indicator === 'PRODUCT_FILINGS' || indicator === 'SME_PRODUCT_FILINGS') {
    const sme = indicator === 'SME_PRODUCT_FILINGS' ? `and f.org_type in ('private_enterprise','soe') and f.org_size_class in ('medium','small','micro')` : '';
    rows = await query<Raw>(db, `select '备案#' || f.id as ref, f.filing_date::text as date, f.product_name as title, coalesce(o.name, '') as parties,
        coalesce(f.filing_no, '') as detail, 1::float8 as value from product_filings f left join organisations o on o.id = f.org_id
       where ${FILING_COUNTS} and f.filing_date <= $2::date and extract(year from f.filing_date) = $3 and f.region_code like $1 ${sme} order by f.filing_date, f.id`, p);
  } else if (indicator === 'PRODUCT_OUTPUT' || indicator === 'JOBS_DRIVEN') {
    const value = indicator === 'PRODUCT_OUTPUT' ? 'coalesce(r.output_fen, r.sales_fen, 0)' : 'coalesce(r.jobs, 0)';
    rows = await query<Raw>(db, `select '备案#' || f.id || '/' || r.year as ref, null as date, f.product_name as title, coalesce(o.name, '') as parties,
        '年度报告 ' || r.year as detail, (${value})::float8 as value from product_filing_reports r join product_filings f on f.id = r.filing_id
        left join organisations o on o.id = f.org_id
       where ${FILING_COUNTS} and r.year = $3 and r.year <= extract(year from $2::date) and f.region_code like $1 order by f.id`, p);
  } else if (indicator.startsWith('SMES_BENEFITING')) {
    const value = indicator === 'SMES_BENEFITING' ? '1' : indicator === 'SMES_BENEFITING_REVENUE' ? 'coalesce(ar.revenue_fen, 0)' : 'coalesce(ar.employees, 0)';
    rows = await query<Raw>(db, `with b as (
        select dp.org_id, min(d.contract_date) as first_date, '受让/被许可专利（合同#' || string_agg(d.id::text, '、#') || '）' as why
          from deal_parties dp join deals d on d.id = dp.deal_id
         where ${DEAL_COUNTS} and d.contract_date <= $2::date and extract(year from d.contract_date) = $3 and dp.side = 'in' and dp.org_id is not null
           and dp.region_code like $1 and ${SME('dp')} group by dp.org_id
        union all
        select p.pledgor_org_id, min(p.registration_date), '专利质押融资（质押#' || string_agg(p.id::text, '、#') || '）' from pledges p
         where ${PLEDGE_COUNTS} and p.registration_date <= $2::date and extract(year from p.registration_date) = $3 and p.pledgor_region_code like $1
           and p.pledgor_org_type in ('private_enterprise','soe') and p.pledgor_size_class in ('medium','small','micro') group by p.pledgor_org_id
        ${tables.has('subsidy_applications') ? `union all
        select a.applicant_org_id, min(a.paid_on), '获得奖补（申请#' || string_agg(a.id::text, '、#') || '）' from subsidy_applications a
         where a.status = 'paid' and a.paid_on <= $2::date and extract(year from a.paid_on) = $3 and a.applicant_region_code like $1
           and a.applicant_org_type in ('private_enterprise','soe') and a.applicant_size_class in ('medium','small','micro') group by a.applicant_org_id` : ''}
      ), g as (select org_id, min(first_date) as first_date, string_agg(why, '；') as why from b group by org_id)
      select '机构#' || g.org_id as ref, g.first_date::text as date, o.name as title, '' as parties, g.why as detail, (${value})::float8 as value
        from g join organisations o on o.id = g.org_id left join organisation_annual_reports ar on ar.org_id = g.org_id and ar.year = $3
       order by o.name`, p);
  } else if (indicator === 'EVENTS' && tables.has('events')) {
    rows = await query<Raw>(db, `select '活动#' || e.id as ref, e.event_date::text as date, e.title, e.organiser_name as parties, coalesce(e.place, '') as detail, 1::float8 as value
        from events e left join organisations o on o.id = e.organiser_org_id
       where ${EVENT_COUNTS} and e.event_date <= $2::date and extract(year from e.event_date) = $3 and coalesce(e.region_code, o.region_code) like $1 order by e.event_date, e.id`, p);
  } else if (indicator === 'EVENT_PROJECTS' && tables.has('event_projects')) {
    rows = await query<Raw>(db, `select '项目#' || ep.id as ref, e.event_date::text as date, ep.title, e.title as parties, '' as detail, 1::float8 as value
        from event_projects ep join events e on e.id = ep.event_id left join organisations o on o.id = e.organiser_org_id
       where ${EVENT_COUNTS} and e.event_date <= $2::date and extract(year from e.event_date) = $3 and coalesce(e.region_code, o.region_code) like $1 order by e.event_date, ep.id`, p);
  } else if (indicator === 'SERVICE_VISITS' && tables.has('service_records')) {
    rows = await query<Raw>(db, `select '服务#' || s.id as ref, s.service_date::text as date, left(s.content, 60) as title, a.name || ' → ' || o.name as parties, s.type as detail, 1::float8 as value
        from service_records s join organisations o on o.id = s.enterprise_org_id join organisations a on a.id = s.agency_org_id
       where s.service_date <= $2::date and extract(year from s.service_date) = $3 and o.region_code like $1 order by s.service_date, s.id`, p);
  } else if (REGISTRY_KIND[indicator] && tables.has('registry_entries')) {
    rows = await query<Raw>(db, `select '名录#' || r.id as ref, coalesce(r.start_date, r.published_at::date)::text as date, r.name as title, '' as parties, r.state as detail, 1::float8 as value
        from registry_entries r where r.kind = $4 and r.state in ('active','published') and coalesce(r.start_date, r.published_at::date) <= $2::date
         and extract(year from coalesce(r.start_date, r.published_at::date)) = $3 and r.region_code like $1 order by 2, r.id`, [...p, REGISTRY_KIND[indicator]]);
  } else if (indicator === 'SLEEPING_PATENTS' && tables.has('inventory_items')) {
    rows = await query<Raw>(db, `select '专利#' || f.patent_id as ref, f.first_as_of::text as date, f.title, f.holder_name as parties, '首次入库：' || f.batch_no as detail, 1::float8 as value from (
        select distinct on (i.patent_id) i.patent_id, r.as_of as first_as_of, r.batch_no, i.title, i.holder_name, i.region_code
          from inventory_items i join inventory_runs r on r.id = i.run_id
         where r.state = 'succeeded' and i.pool = 'univ' and r.as_of <= $2::date order by i.patent_id, r.as_of, r.id) f
       where extract(year from f.first_as_of) = $3 and f.region_code like $1 order by f.first_as_of, f.patent_id`, p);
  } else if ((indicator === 'SUPPLY_LISTS' || indicator === 'SUPPLY_DEMAND_ITEMS') && (tables.has('supply_lists') || tables.has('demands'))) {
    if (tables.has('supply_lists')) {
      rows = await query<Raw>(db, `select '清单#' || s.id as ref, s.published_on::text as date, s.title, o.name as parties, coalesce(s.list_no, '') || '，' || s.item_count || ' 项' as detail,
          ${indicator === 'SUPPLY_LISTS' ? '1' : 's.item_count'}::float8 as value from supply_lists s join organisations o on o.id = s.org_id
         where s.state = 'published' and s.published_on <= $2::date and extract(year from s.published_on) = $3 and o.region_code like $1 order by s.published_on, s.id`, p);
    }
    if (indicator === 'SUPPLY_DEMAND_ITEMS' && tables.has('demands')) {
      rows.push(...await query<Raw>(db, `select '需求#' || d.id as ref, d.published_at::date::text as date, d.title, coalesce(d.company_name, o.name) as parties, '技术需求' as detail, 1::float8 as value
          from demands d join organisations o on o.id = d.org_id
         where d.published_at is not null and d.state in ('published','matched','closed','expired') and d.published_at::date <= $2::date
           and extract(year from d.published_at::date) = $3 and d.region_code like $1 order by d.published_at, d.id`, p));
    }
  }
  // hand-entered figures show, marked as such (only counted for indicators without a source)
  const manual = computableIndicators(tables).has(indicator) ? [] : await query<Raw>(db, `select '手工填报#' || m.id as ref, m.entered_at::date::text as date, '手工填报' as title, m.region_code as parties, m.note as detail, m.value::float8 as value
      from kpi_manual_figures m where m.indicator = $4 and m.year = $3 and m.year <= extract(year from $2::date) and m.region_code like $1`, [...p, indicator]);
  rows = [...rows, ...manual];
  if (rows.length > 50_000) throw new AppError('PAYLOAD_TOO_LARGE', '明细超过 50,000 条，请缩小地区或年份');
  const items = rows.map((r) => ({
    ref: r.ref, date: r.date, title: r.title, parties: r.parties ?? '', detail: r.detail ?? '',
    value: Math.round(toDisplayValue(indicator, Number(r.value)) * 10000) / 10000,
  }));
  const total = Math.round(items.reduce((s, r) => s + r.value, 0) * 10000) / 10000;
  return { indicator, name: def.name, unit: def.unit, regionCode, year, total, items };
}
