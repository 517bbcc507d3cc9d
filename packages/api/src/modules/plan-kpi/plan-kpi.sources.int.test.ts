import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDeps, type TestDeps } from '../../../test/test-db.ts';
import { buildOrganisation, buildPatent } from '../../../test/factories.ts';
import { query } from '../../db/client.ts';
import { loadYearTable } from './plan-kpi.engine.ts';
import { drilldown } from './plan-kpi.drilldown.ts';
import { enterManual } from './plan-kpi.service.ts';
import { SYSTEM_ACTOR } from '../../http/actor.ts';

/** Indicators fed by the other modules' tables: sleeping-patent pool, supply lists, demands. */
let deps: TestDeps;
beforeAll(async () => {
  deps = await createTestDeps();
  const univ = await buildOrganisation(deps.db, { name: '来源测试大学', type: 'university', sizeClass: null, regionCode: '510104' });
  const sme = await buildOrganisation(deps.db, { name: '来源测试企业', type: 'private_enterprise', sizeClass: 'small', regionCode: '510107' });
  const p1 = await buildPatent(deps.db, { regionCode: '510104' });
  const p2 = await buildPatent(deps.db, { regionCode: '510104' });
  const run = async (seq: number, asOf: string, patents: number[]) => {
    const r = await query<{ id: number }>(deps.db, `insert into inventory_runs (batch_no, batch_year, batch_seq, as_of, scope, model_id, model, hv_config, state)
      values ($1, $2, $3, $4, 'all', 'test', '{}', '{}', 'succeeded') returning id`, [`盘点${seq}`, Number(asOf.slice(0, 4)), seq, asOf]);
    for (const id of patents) {
      await query(deps.db, `insert into inventory_items (run_id, patent_id, pool, grade, score, legal_score, technical_score, economic_score, region_code, application_number, title, type, holder_name)
        values ($1, $2, 'univ', 'B', 60, 60, 60, 60, '510104', $3, '测试专利', 'invention', '来源测试大学')`, [r[0]!.id, id, `app${id}`]);
    }
  };
  await run(1, '2021-06-30', [p1.id]);
  await run(2, '2022-06-30', [p1.id, p2.id]); // p1 already pooled in 2021: only p2 is new in 2022
  await query(deps.db, `insert into supply_lists (title, state, list_no, published_on, item_count, org_id) values
    ('2022年第一批供给清单', 'published', '清单〔2022〕1', '2022-03-01', 40, $1), ('草稿清单', 'draft', null, null, 9, $1)`, [univ.id]);
  await query(deps.db, `insert into demands (org_id, title, description, region_code, state, published_at) values
    ($1, '需要电池热管理技术', '说明', '510107', 'published', '2022-05-01T10:00:00+08:00'), ($1, '草稿需求', '说明', '510107', 'draft', null)`, [sme.id]);
});
afterAll(async () => { await deps?.cleanup(); });

describe('indicators from the registries of other modules', () => {
  it('counts pool entries by first inventory year, published lists and items, published demands', async () => {
    const t = await loadYearTable(deps.db, '510100', '2023-12-31');
    expect(t.get('SLEEPING_PATENTS')!.get(2021)).toBe(1);
    expect(t.get('SLEEPING_PATENTS')!.get(2022)).toBe(1);
    expect(t.get('SUPPLY_LISTS')!.get(2022)).toBe(1);
    expect(t.get('SUPPLY_DEMAND_ITEMS')!.get(2022)).toBe(41); // 40 list items + 1 demand
    const d = await drilldown(deps.db, 'SUPPLY_DEMAND_ITEMS', '510100', 2022, '2023-12-31');
    expect(d.total).toBe(41);
    expect(d.items.map((i) => i.ref.split('#')[0])).toEqual(['清单', '需求']);
  });
  it('refuses hand entry for an indicator that now has a source', async () => {
    await expect(enterManual(deps.db, SYSTEM_ACTOR, { indicator: 'SUPPLY_LISTS', regionCode: '510100', year: 2022, value: 5, note: '上报数' })).rejects.toThrow('不允许手工填报');
  });
});
