// npm run bench:eventloop [-- --patents N]: the server's event-loop delay while broad queries run, with the
// embedded database in a worker thread (the default) against the baseline of PGlite on the main thread,
// same data, same run. A health probe every 50 ms measures how long a trivial request waits.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const arg = (name: string, d: number) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : d; };
const N = arg('--patents', 100_000);
const REQUESTS = arg('--requests', 120);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-bench-loop-'));
const seedDir = path.join(dir, 'seed');

console.log(`generating ${N.toLocaleString()} synthetic patents (labelled generated)…`);
const g = spawnSync(process.execPath, [path.join(root, 'bin/zhuanhua.js'), 'generate', 'patents', String(N), '--json'], { env: { ...process.env, ZHUANHUA_DATA_DIR: seedDir, DATABASE_URL: '' }, encoding: 'utf8' });
if (g.status !== 0) { console.error(g.stdout, g.stderr, g.error ?? ''); process.exit(1); }

const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s.length ? +s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))].toFixed(1) : NaN; };

async function run(worker: boolean, port: number) {
  const data = path.join(dir, `db-${worker}`);
  fs.cpSync(seedDir, data, { recursive: true });
  const server = spawn(process.execPath, [path.join(root, 'scripts/start.js')], {
    env: { ...process.env, PORT: String(port), ZHUANHUA_DATA_DIR: data, ZHUANHUA_PGLITE_WORKER: String(worker), ZHUANHUA_DEMO: 'false', LOG_LEVEL: 'warn', DATABASE_URL: '' }, stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}/api/v1`;
  for (let i = 0; i < 600; i++) { try { if ((await fetch(`${base}/health`)).ok) break; } catch { /* starting */ } await new Promise((r) => setTimeout(r, 500)); }
  await new Promise((r) => setTimeout(r, 3000));
  await fetch(`${base}/health?resetLoop=1`);
  const probe: number[] = [];
  let stop = false;
  const prober = (async () => { while (!stop) { const t = performance.now(); await fetch(`${base}/health`); probe.push(performance.now() - t); await new Promise((r) => setTimeout(r, 50)); } })();
  const queries = ['方法', '装置', '系统', '电池', '一种'];
  const lat: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (next < REQUESTS) {
      const i = next++;
      const t = performance.now();
      const r = await fetch(`${base}/patents?q=${encodeURIComponent(queries[i % queries.length])}&pageSize=50&page=${(i % 5) + 1}`);
      await r.arrayBuffer();
      lat.push(performance.now() - t);
    }
  }));
  const seconds = (performance.now() - t0) / 1000;
  stop = true;
  await prober;
  const loop = (await (await fetch(`${base}/health`)).json()) as { eventLoopDelayMs: { p50: number; p99: number; max: number } };
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  return {
    mode: worker ? 'PGlite in a worker thread (default)' : 'baseline: PGlite on the main thread',
    broadQueries: REQUESTS, seconds: +seconds.toFixed(1), queryP50ms: pct(lat, 50), queryP95ms: pct(lat, 95),
    healthProbeP50ms: pct(probe, 50), healthProbeP95ms: pct(probe, 95), healthProbeMaxMs: pct(probe, 100),
    loopDelayP99ms: loop.eventLoopDelayMs.p99, loopDelayMaxMs: loop.eventLoopDelayMs.max,
  };
}

const rows = [await run(false, 3291), await run(true, 3292)];
fs.rmSync(dir, { recursive: true, force: true });
console.log(`\nEvent-loop delay under load: ${N.toLocaleString()} patents, ${REQUESTS} broad list/search requests (4 concurrent) + a health probe every 50 ms`);
console.table(rows);
