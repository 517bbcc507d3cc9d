/** Dashboard breakdowns of the patent-deals into a region (per year): by deal type, by holder type, by industry. */
import { ORG_TYPE_LABELS, type OrgType } from '@zhuanhua/domain';
import { regionPrefix } from '@zhuanhua/domain/plan-kpi/index.ts';
import { query, type Queryable } from '../../db/client.ts';
import { DEAL_COUNTS } from './plan-kpi.engine.ts';

export const BREAKDOWN_DIMS = ['dealType', 'holderType', 'industry'] as const;
export type BreakdownDim = (typeof BREAKDOWN_DIMS)[number];

const KEY: Record<BreakdownDim, string> = {
  dealType: `case when d.kind = 'licence' and d.licence_kind = 'open' then '开放许可' when d.kind = 'licence' then '许可' when d.kind = 'transfer' then '转让' else '作价入股' end`,
  holderType: `coalesce((select min(o.org_type) from deal_parties o where o.deal_id = d.id and o.side = 'out'), 'unknown')`,
  industry: `coalesce((select s.name from organisations org join ref_industry s on s.code = (select i.section from ref_industry i where i.code = org.industry_code) where org.id = dp.org_id), '未填行业')`,
};

export async function breakdown(db: Queryable, dim: BreakdownDim, region: string, fromYear: number, toYear: number, asOf: string) {
  const rows = await query<{ k: string; year: number; value: number }>(db,
    `select ${KEY[dim]} as k, extract(year from d.contract_date)::int as year,
            sum((select count(*) from deal_patents p where p.deal_id = d.id))::float8 as value
       from deal_parties dp join deals d on d.id = dp.deal_id
      where dp.side = 'in' and dp.region_code like $1 and ${DEAL_COUNTS} and d.contract_date <= $2::date
        and extract(year from d.contract_date) between $3 and $4
      group by 1, 2 order by 1, 2`, [`${regionPrefix(region)}%`, asOf, fromYear, toYear]);
  const label = (k: string) => (dim === 'holderType' ? ORG_TYPE_LABELS[k as OrgType] ?? '未知' : k);
  const years: number[] = [];
  for (let y = fromYear; y <= toYear; y++) years.push(y);
  const groups = new Map<string, number[]>();
  for (const r of rows) {
    const l = label(r.k);
    if (!groups.has(l)) groups.set(l, years.map(() => 0));
    groups.get(l)![years.indexOf(Number(r.year))]! += Number(r.value);
  }
  return { dim, unit: '件', years, series: [...groups.entries()].map(([name, values]) => ({ name, values, total: values.reduce((s, v) => s + v, 0) })) };
}
