/**
 * npm run bench:kpi — 1,000,000 generated deals over 100 districts (Sichuan counties), then all indicators of the
 * Sichuan preset for the province, and the city ranking. Embedded PGlite in memory by default, or PostgreSQL when
 * DATABASE_URL is set (use an empty scratch database). Sizes: KPI_DEALS (default 1,000,000).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { openDb } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { query } from '../src/db/client.ts';
import { loadReference } from '../src/modules/reference/reference.repo.ts';
import { ensurePresets, evaluatePlan, rankPlan } from '../src/modules/plan-kpi/plan-kpi.service.ts';
import { ensureCube, loadRawRows, refreshCube } from '../src/modules/plan-kpi/plan-kpi.engine.ts';

const N = Number(process.env.KPI_DEALS ?? 1_000_000);
const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
void createLogger;
const mem = () => `${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB`;

async function main() {
  // embedded PGlite on a scratch directory on disk (removed at the end) keeps memory bounded at 1M deals
  const dataDir = config.DATABASE_URL ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'zh-kpi-bench-'));
  const handle = await openDb({ databaseUrl: config.DATABASE_URL, dataDir, worker: false });
  const db = handle.db;
  try {
    let t = performance.now();
    await migrate(db);
    await db.transaction().execute((tx) => loadReference(tx));
    await ensurePresets(db);
    const counties = await query<{ code: string }>(db, `select code from ref_region where code like '51%' and level = 'county' order by code limit 100`);
    const codes = counties.map((c) => c.code.trim());
    console.log(`准备：迁移与参考数据 ${((performance.now() - t) / 1000).toFixed(1)} s；${codes.length} 个区县`);
    t = performance.now();
    // 20,000 organisations (generated), 10,000 patents, N deals with two parties each and 1–3 patents, payments, pledges, filings
    await query(db, `insert into organisations (name, type, size_class, region_code, is_demo, generated_fields)
      select '生成机构' || i,
             case when i % 10 = 0 then 'university' when i % 10 = 1 then 'research_institute' when i % 10 = 2 then 'soe' else 'private_enterprise' end,
             case when i % 10 < 2 then null else (array['large','medium','small','micro'])[1 + (i * 7) % 4] end,
             ($1::text[])[1 + i % array_length($1::text[], 1)], true, '{name}'
        from generate_series(1, 20000) i`, [codes]);
    await query(db, `insert into patents (application_number, type, title, region_code, legal_status)
      select 'GEN' || i, 'invention', '生成专利' || i, '510104', 'in_force' from generate_series(1, 10000) i`);
    const orgBase = (await query<{ m: number }>(db, `select min(id)::int as m from organisations where name like '生成机构%'`))[0]!.m;
    const patBase = (await query<{ m: number }>(db, `select min(id)::int as m from patents where application_number like 'GEN%'`))[0]!.m;
    const B = 200_000;
    for (let off = 0; off < N; off += B) {
      const n = Math.min(B, N - off);
      await db.transaction().execute(async (tx) => {
        const ids = await query<{ id: number }>(tx, `insert into deals (kind, licence_kind, title, state, contract_date, contract_amount_fen, source)
          select (array['transfer','licence','licence','equity'])[1 + (i * 13) % 4],
                 case when (i * 13) % 4 in (1, 2) then 'ordinary' end,
                 '生成合同', 'signed', date '2019-01-01' + ((i * 7919) % 1826)::int, ((i * 104729) % 500 + 1) * 100000, 'import'
            from generate_series($1::bigint, $2::bigint) i returning id`, [off + 1, off + n]);
        const first = ids[0]!.id;
        await query(tx, `insert into deal_parties (deal_id, side, role, org_id, name, org_type, size_class, region_code)
          select d.id, s.side, case s.side when 'out' then 'assignor' else 'assignee' end, o.id, o.name, o.type, o.size_class, o.region_code
            from deals d cross join (values ('out', 0), ('in', 1)) as s(side, k)
            join organisations o on o.id = $2::int + ((d.id * 31 + s.k * 7777) % 20000)
           where d.id between $1::int and $1::int + $3::int - 1`, [first, orgBase, n]);
        await query(tx, `insert into deal_patents (deal_id, patent_id)
          select d.id, $2::int + ((d.id * 17 + k * 101) % 10000) from deals d cross join generate_series(0, 2) k
           where d.id between $1::int and $1::int + $3::int - 1 and k <= d.id % 3`, [first, patBase, n]);
        await query(tx, `insert into deal_payments (deal_id, received_date, amount_fen)
          select d.id, d.contract_date + 30 + (d.id % 400)::int, greatest(d.contract_amount_fen / 2, 1) from deals d
           where d.id between $1::int and $1::int + $2::int - 1 and d.id % 2 = 0`, [first, n]);
      });
      process.stdout.write(`\r生成交易 ${off + n}/${N}（${mem()}）`);
    }
    await query(db, `insert into pledges (state, pledgor_org_id, pledgor_org_type, pledgor_size_class, pledgor_region_code, loan_amount_fen, registration_date)
      select 'registered', o.id, o.type, o.size_class, o.region_code, ((i * 31) % 1000 + 1) * 1000000, date '2019-01-01' + ((i * 7919) % 1826)::int
        from generate_series(1::bigint, ${Math.max(1, Math.round(N / 20))}::bigint) i join organisations o on o.id = $1::int + ((i * 13) % 20000)::int`, [orgBase]);
    await query(db, `insert into product_filings (org_id, org_type, org_size_class, region_code, product_name, filing_date, state)
      select o.id, o.type, o.size_class, o.region_code, '生成产品', date '2019-01-01' + ((i * 7919) % 1826)::int, 'filed'
        from generate_series(1::bigint, ${Math.max(1, Math.round(N / 20))}::bigint) i join organisations o on o.id = $1::int + ((i * 17) % 20000)::int`, [orgBase]);
    await query(db, 'analyze');
    console.log(`\n生成 ${N.toLocaleString()} 笔交易：${((performance.now() - t) / 1000).toFixed(1)} s，内存 ${mem()}`);

    t = performance.now();
    const raw = await loadRawRows(db, '51', '2023-12-31');
    const rawMs = performance.now() - t;
    const buildMs = await ensureCube(db);
    console.log(`直接从记录计算全省全部指标（不用汇总表）：${(rawMs / 1000).toFixed(2)} s（${raw.length} 行）；区县年度汇总表（kpi_cube）重建：${(buildMs / 1000).toFixed(2)} s`);
    const times: number[] = [];
    let ev;
    for (let i = 0; i < 3; i++) {
      t = performance.now();
      ev = await evaluatePlan(db, 'sichuan-2021-conversion', { asOf: '2023-12-31' });
      times.push(performance.now() - t);
    }
    t = performance.now();
    const rk = await rankPlan(db, 'sichuan-2021-conversion', '2023-12-31');
    const rankMs = performance.now() - t;
    const sme = ev!.indicators.find((i) => i.code === 'SME_IN_PATENTS')!;
    console.log(`四川省全部指标（${ev!.indicators.length} 个指标、${ev!.targets.length} 个目标）：${times.map((x) => `${(x / 1000).toFixed(2)} s`).join(' / ')}（3 次）`);
    console.log(`  例：中小微企业受让专利数 ${sme.years.map((y) => `${y.year}:${y.value}`).join(' ')}`);
    console.log(`市州排名（${rk.rows.length} 个市州）：${(rankMs / 1000).toFixed(2)} s；内存 ${mem()}`);
    t = performance.now();
    const mid = await evaluatePlan(db, 'sichuan-2021-conversion', { asOf: '2023-06-30' });
    console.log(`年中截止日（2023-06-30，当年部分从记录计算）：${((performance.now() - t) / 1000).toFixed(2)} s（${mid.targets.length} 个目标）`);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    t = performance.now();
    await evaluatePlan(db, 'sichuan-2021-conversion', { asOf: today });
    console.log(`截止今天（${today}，看板默认）：${((performance.now() - t) / 1000).toFixed(2)} s`);
    // one new deal after the build: only its year is recomputed (baseline: the full rebuild above)
    const dealId = (await query<{ id: number }>(db, `insert into deals (kind, title, state, contract_date, contract_amount_fen, source, note)
      values ('transfer', '增量测试交易（生成数据）', 'signed', '2022-05-01', 1000000, 'import', 'generated') returning id::int as id`))[0]!.id;
    await query(db, `insert into deal_parties (deal_id, side, role, name, org_type, size_class, region_code) values ($1, 'in', 'assignee', '增量测试受让方', 'private_enterprise', 'small', '510104')`, [dealId]);
    const inc = await refreshCube(db);
    t = performance.now();
    const after = await evaluatePlan(db, 'sichuan-2021-conversion', { asOf: '2023-12-31' });
    console.log(`新增一笔交易后：只重算 ${inc.years.join('、')} 年 ${(inc.ms / 1000).toFixed(2)} s（全量重建 ${(buildMs / 1000).toFixed(2)} s），再读全部指标 ${((performance.now() - t) / 1000).toFixed(2)} s；${after.indicators.length} 个指标`);
    console.log(`目标 ≤ 1 s（汇总表已建）：${Math.max(...times.slice(1)) <= 1000 ? '达到' : '未达到'}`);
  } finally {
    await handle.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
await main();
