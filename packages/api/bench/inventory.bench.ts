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
import type { Queryable } from '../src/db/client.ts';
import type { Progress } from '../src/jobs/jobs.ts';
import { createRun, executeRun } from '../src/modules/inventory/inventory.service.ts';
import { generatePatents } from '../src/modules/patent/patent.generate.ts';
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
 * Synthetic portfolio from the shared generator (holders named 合成…（生成数据）, real demo titles and IPC codes as
 * material), plus a use record (licence/transfer/pledge/product filing, note 生成数据) on about 8% of the granted
 * patents so the sleeping rule has evidence to weigh. Deterministic for a seed.
 */
async function generate(db: Queryable, n: number, seed: number, progress: Progress): Promise<{ patents: number; organisations: number; uses: number }> {
  const res = await generatePatents(db, n, { seed, districts: 100 }, progress);
  const used = await query<{ n: number }>(db,
    `with ins as (
       insert into patent_uses (patent_id, kind, source_type, from_date, note)
       select id, (array['licence','transfer','pledge','product_filing'])[1 + (id % 4)::int], 'bench', date '2020-06-01', '生成数据'
         from patents where source = 'generated' and grant_date is not null and id % 12 = 0
       returning 1)
     select count(*)::int as n from ins`);
  return { ...res, uses: used[0].n };
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
