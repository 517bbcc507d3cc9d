/**
 * npm run bench:inventory [-- --patents N]: generate N synthetic patents (default 1,000,000; clearly labelled
 * 'generated', holders named 合成…), then run a full inventory as of 2024-12-31 with a progress bar, and report the
 * time and peak memory of each step. Embedded PGlite on a scratch directory (removed at the end), or PostgreSQL when
 * DATABASE_URL is set (use an empty scratch database).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb, query } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { loadReference } from '../src/modules/reference/reference.repo.ts';
import { checkCharacter } from '@zhuanhua/domain/patent/patent-number.ts';
import { addDays, addYears } from '@zhuanhua/domain';
import type { Queryable } from '../src/db/client.ts';
import type { Progress } from '../src/jobs/jobs.ts';
import { readDemoTitles } from '../src/modules/demo/demo.patents.ts';
import { rng } from '../src/modules/demo/demo.data.ts';
import { pgArrayLiteral } from '../src/modules/patent/patent.write.ts';
import { createRun, executeRun } from '../src/modules/inventory/inventory.service.ts';
import { SYSTEM_ACTOR } from '../src/http/actor.ts';
import { createCliContext } from '../src/cli/context.ts';

const arg = process.argv.indexOf('--patents');
const N = arg > 0 ? Number(process.argv[arg + 1]) : Number(process.env.INVENTORY_PATENTS ?? 1_000_000);
const AS_OF = '2024-12-31';
const ctx = createCliContext();
const mb = (b: number) => Math.round(b / 1048576);

let peak = 0;
const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 100);

async function step<T>(name: string, fn: () => Promise<T>): Promise<{ name: string; seconds: number; peakRssMb: number; value: T }> {
  peak = process.memoryUsage().rss;
  const t = process.hrtime.bigint();
  const value = await fn();
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  peak = Math.max(peak, process.memoryUsage().rss);
  return { name, seconds: Math.round(seconds * 10) / 10, peakRssMb: mb(peak), value };
}


/**
 * Synthetic portfolio (like modules/patent/patent.generate.ts, whose organisation insert currently fails on
 * generated_fields text[]): holders named 合成… (generated), real demo titles and IPC codes as material, about 8% of the
 * granted patents with a use record (licence/transfer/pledge/product filing). Deterministic for a seed.
 */
async function generate(db: Queryable, n: number, seed: number, progress: Progress): Promise<{ patents: number; organisations: number; uses: number }> {
  const r = rng(seed);
  const titles = readDemoTitles();
  const counties = await query<{ code: string }>(db, `select code from ref_region where level = 'county' and code like '51%' order by code limit 100`);
  const holderCount = Math.max(20, Math.min(2000, Math.round(n / 500)));
  const types = ['university', 'university', 'research_institute', 'soe', 'private_enterprise', 'private_enterprise'];
  const label: Record<string, string> = { university: '大学', research_institute: '研究院', soe: '集团有限公司', private_enterprise: '科技有限公司' };
  const orgTypes = Array.from({ length: holderCount }, (_, i) => types[i % types.length]);
  const orgs = await query<{ id: number; region_code: string; name: string }>(db,
    `insert into organisations (name, type, size_class, region_code, is_demo, generated_fields)
     select '合成' || u.l || lpad(u.i::text, 5, '0') || '（生成数据）', u.t, case when u.t = 'soe' then 'large' when u.t = 'private_enterprise' then 'small' end, u.rc, true, '{*}'::text[]
       from unnest($1::text[], $2::text[], $3::text[]) with ordinality as u(t, l, rc, i) returning id, region_code, name`,
    [orgTypes, orgTypes.map((t) => label[t]), Array.from({ length: holderCount }, (_, i) => counties[i % counties.length].code)]);
  let uses = 0;
  const BATCH = 5000;
  for (let off = 0; off < n; off += BATCH) {
    const rows: unknown[][] = [];
    const holderOf: number[] = [];
    const used: boolean[] = [];
    for (let k = off; k < Math.min(n, off + BATCH); k++) {
      const t = titles[Math.floor(r() * titles.length)];
      const year = 2004 + (k % 20);
      const typeDigit = Math.floor(k / 20) % 3 === 2 ? '2' : '1';
      const body = `${year}${typeDigit}${String(9_000_000 + Math.floor(k / 20)).padStart(7, '0')}`;
      const filing = addDays(`${year}-01-01`, Math.floor(r() * 360));
      const grant = r() < 0.7 ? addDays(filing, typeDigit === '1' ? 600 + Math.floor(r() * 900) : 200 + Math.floor(r() * 200)) : null;
      const lapsed = grant ? r() < 0.2 : r() < 0.1;
      const status = grant ? (lapsed ? 'lapsed' : 'in_force') : (lapsed ? 'lapsed' : 'pending');
      let paid: string | null = null;
      if (status === 'in_force') { paid = filing; while (paid <= '2026-01-01') paid = addYears(paid, 1); paid = addDays(paid, -1); }
      holderOf.push(orgs[Math.floor(r() * orgs.length)].id);
      used.push(!!grant && r() < 0.08);
      rows.push([`${body}.${checkCharacter(body)}`, typeDigit === '1' ? 'invention' : 'utility_model', t.title, Math.floor(r() * 20) + 1, t.ipcSubclasses[0] ?? null,
        pgArrayLiteral(t.ipcSubclasses), filing, grant, status, lapsed ? 'FEE_UNPAID' : null, paid, Math.floor(r() * r() * 30),
        counties[Math.floor(r() * counties.length)].code, 'generated', pgArrayLiteral(['*']), pgArrayLiteral(r() < 0.03 ? ['US' + String(10_000_000 + k)] : [])]);
    }
    const ids = await query<{ id: number }>(db,
      `insert into patents (application_number, type, title, claims_count, ipc_main, ipc_codes, filing_date, grant_date, legal_status, lapse_reason, fee_paid_through, citations_count, region_code, source, generated_fields, overseas_family)
       select a, b, c, d, e, f::text[], g, h, i, j, k, l, m, n, o::text[], p::text[]
         from unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::date[], $8::date[], $9::text[], $10::text[], $11::date[], $12::int[], $13::text[], $14::text[], $15::text[], $16::text[])
              as u(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p)
       returning id`, rows[0].map((_, c) => rows.map((row) => row[c])));
    await query(db, `insert into patent_holders (patent_id, seq, name, org_id) select u.p, 1, o.name, o.id from unnest($1::bigint[], $2::bigint[]) as u(p, oid) join organisations o on o.id = u.oid`,
      [ids.map((x) => x.id), holderOf]);
    const usedIds = ids.filter((_, i) => used[i]).map((x) => x.id);
    if (usedIds.length) {
      const kinds = ['licence', 'transfer', 'pledge', 'product_filing'];
      await query(db, `insert into patent_uses (patent_id, kind, source_type, from_date, note) select u.p, u.k, 'bench', date '2020-06-01', '生成数据'
        from unnest($1::bigint[], $2::text[]) as u(p, k)`, [usedIds, usedIds.map((_, i) => kinds[i % kinds.length])]);
      uses += usedIds.length;
    }
    progress(Math.min(n, off + BATCH), n, '生成专利');
  }
  return { patents: n, organisations: holderCount, uses };
}

async function main() {
  const url = process.env.DATABASE_URL;
  const dataDir = url ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'zh-inventory-bench-'));
  const h = await openDb({ databaseUrl: url, dataDir: dataDir ? path.join(dataDir, 'db') : undefined, worker: false });
  try {
    await migrate(h.db);
    await h.db.transaction().execute((tx) => loadReference(tx));
    const gen = await step('generate', async () => {
      const bar = ctx.progress(`生成 ${N} 件合成专利`, true);
      const r = await generate(h.db, N, 42, bar.cb);
      bar.stop();
      return r;
    });
    process.stderr.write(`生成：${gen.seconds} 秒，峰值内存 ${gen.peakRssMb} MB\n`);
    const run = await step('inventory', async () => {
      const bar = ctx.progress('盘点', true);
      const r = await createRun(h.db, SYSTEM_ACTOR, { asOf: AS_OF, scope: 'all' });
      const res = await executeRun(h.db, SYSTEM_ACTOR, r.id, bar.cb);
      bar.stop();
      return res;
    });
    const items = (await query<{ n: number }>(h.db, `select count(*)::int as n from inventory_items`))[0].n;
    const out = {
      engine: url ? 'postgres' : 'pglite (on disk)', patents: N, asOf: AS_OF,
      generate: { seconds: gen.seconds, peakRssMb: gen.peakRssMb },
      inventory: {
        seconds: run.seconds, peakRssMb: run.peakRssMb, scanned: run.value.scanned, poolSize: run.value.poolSize, storedItems: items,
        patentsPerSecond: Math.round(run.value.scanned / Math.max(run.seconds, 0.001)), byGrade: run.value.summary.byGrade, byPool: run.value.summary.byPool,
      },
      maxRssMb: mb(process.resourceUsage().maxRSS * 1024),
      node: process.version, cpus: os.cpus().length,
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } finally {
    clearInterval(sampler);
    await h.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
