/**
 * `npm run bench:load -- [--rate 100] [--seconds 60] [--patents 1000000] [--deals 100000] [--url http://127.0.0.1:3109]`
 *
 * Open-model load over loopback: requests are sent on a fixed schedule (rate per second) whatever the answers do,
 * and each latency is measured from its scheduled time, so a slow server cannot hide its queue (no coordinated
 * omission). Mix: 80 % reads (patent search and lists, patent details, deal lists, the province's indicator dashboard,
 * organisations, policies, pledges) and
 * 20 % writes (new deals as the office, organisation edits as an organisation administrator).
 * Without --url the script prepares a fresh embedded database, or with DATABASE_URL a fresh PostgreSQL database owned
 * by an ordinary login role (the server refuses a superuser in production), seeds synthetic patents and deals
 * (labelled generated), starts the server on port 3109, and drops everything at the end. The server inherits the
 * environment, e.g. KPI_MAX_STALE_SECONDS=10 (how stale dashboards may be while deals keep arriving).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDb, query } from '../src/db/client.ts';

const arg = (name: string, d: string) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1]! : d; };
const RATE = Number(arg('rate', '100'));
const SECONDS = Math.min(Number(arg('seconds', '60')), 900);
const PATENTS = Number(arg('patents', '1000000'));
const DEALS = Number(arg('deals', '100000'));
const PORT = Number(arg('port', '3109'));
const MAX_IN_FLIGHT = 1000;
const BIN = path.resolve(new URL('../../../bin/zhuanhua.js', import.meta.url).pathname);
let base = arg('url', '');

function cli(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    p.on('close', (c) => (c === 0 ? resolve() : reject(new Error(`zhuanhua ${args.join(' ')} → ${c}`))));
  });
}

/** Synthetic patents by SQL (labelled source 'generated'); titles combine common technical words. */
async function seedPatents(env: NodeJS.ProcessEnv, n: number): Promise<void> {
  const h = await openDb({ databaseUrl: env.DATABASE_URL, dataDir: env.DATABASE_URL ? undefined : env.ZHUANHUA_DATA_DIR });
  try {
    const have = (await query<{ n: number }>(h.db, `select count(*)::int as n from patents where source = 'generated'`))[0]!.n;
    for (let from = have + 1; from <= n; from += 50000) {
      const to = Math.min(n, from + 49999);
      await query(h.db, `insert into patents (application_number, type, title, ipc_main, ipc_codes, filing_date, legal_status, region_code, source, generated_fields)
        select 'GEN' || lpad(g::text, 9, '0'),
               (array['invention','utility_model','design'])[1 + g % 3],
               (array['一种锂电池','一种传感器','一种图像识别','一种控制系统','一种复合材料','一种制备方法','一种检测装置','一种通信'])[1 + g % 8]
                 || (array['正极材料','阵列结构','算法','装置','的制备方法','及其应用','电路','模块'])[1 + (g / 8) % 8] || '（生成数据 ' || g || '）',
               (array['H01M4/525','G01L1/00','G06V10/82','G05B19/04','C08K3/04','B01J37/00','G01N21/00','H04W4/00'])[1 + g % 8],
               array[(array['H01M4/525','G01L1/00','G06V10/82','G05B19/04','C08K3/04','B01J37/00','G01N21/00','H04W4/00'])[1 + g % 8]],
               date '2010-01-01' + (g % 5000),
               (array['pending','in_force','in_force','lapsed'])[1 + g % 4],
               '510104', 'generated', array['application_number','title','filing_date','legal_status']
          from generate_series($1::int, $2::int) g`, [from, to]);
      process.stdout.write(`\r专利 ${to}/${n}`);
    }
    process.stdout.write('\n');
  } finally { await h.close(); }
}

async function seedDeals(env: NodeJS.ProcessEnv, n: number): Promise<void> {
  const h = await openDb({ databaseUrl: env.DATABASE_URL, dataDir: env.DATABASE_URL ? undefined : env.ZHUANHUA_DATA_DIR });
  try {
    const have = (await query<{ n: number }>(h.db, `select count(*)::int as n from deals`))[0]!.n;
    for (let from = have + 1; from <= n; from += 20000) {
      const to = Math.min(n, from + 19999);
      await h.db.transaction().execute(async (tx) => {
        await query(tx, `insert into deals (kind, title, state, contract_date, contract_amount_fen, source, note)
          select 'transfer', '合成交易 ' || g || '（生成数据）', 'completed', date '2021-01-01' + (g % 1500), (g % 997 + 1) * 1000000, 'import', 'generated'
            from generate_series($1::int, $2::int) g`, [from, to]);
        // parties carry the snapshot the indicators read: a university giving, a small enterprise receiving, in Chengdu's districts
        await query(tx, `insert into deal_parties (deal_id, side, role, name, org_type, size_class, region_code)
          select d.id, s.side, s.role, s.name || d.id, s.org_type, s.size_class,
                 (array['510104','510105','510106','510107','510108','510112','510113','510114','510115','510116'])[1 + (d.id * s.k) % 10]
            from deals d
            cross join (values ('out','assignor','出让方','university',null,3), ('in','assignee','受让方','private_enterprise','small',7)) s(side, role, name, org_type, size_class, k)
           where d.id > (select coalesce(max(deal_id), 0) from deal_parties)`);
      });
      process.stdout.write(`\r交易 ${to}/${n}`);
    }
    process.stdout.write('\n');
  } finally { await h.close(); }
}

async function analyze(env: NodeJS.ProcessEnv): Promise<void> {
  const h = await openDb({ databaseUrl: env.DATABASE_URL, dataDir: env.DATABASE_URL ? undefined : env.ZHUANHUA_DATA_DIR });
  try { await query(h.db, 'analyze'); } finally { await h.close(); }
}

async function waitHealthy(url: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try { if ((await fetch(`${url}/api/v1/health`)).ok) return; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('server did not start');
}

/** Modules start background work (indexes, caches) at start; wait until a patent detail answers fast 3 times running. */
async function waitIdle(url: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  let fast = 0;
  const t0 = Date.now();
  // the search index (which answers the patent list) builds in the background: wait for it first
  const office = await loginCookie('admin');
  while (Date.now() < end) {
    const st = (await (await fetch(`${url}/api/v1/search/status`, { headers: office })).json().catch(() => ({}))) as { state?: string; done?: number; total?: number };
    if (st.state === 'ready' || st.state === 'failed') { console.log(`检索索引：${st.state}（${Math.round((Date.now() - t0) / 1000)} 秒）`); break; }
    process.stdout.write(`\r检索索引构建中 ${st.done ?? 0}/${st.total ?? '?'}`);
    await new Promise((r) => setTimeout(r, 2000));
  }
  while (Date.now() < end && fast < 3) {
    const t = performance.now();
    try { await (await fetch(`${url}/api/v1/patents?pageSize=1`, { signal: AbortSignal.timeout(30_000) })).arrayBuffer(); } catch { /* slow */ }
    fast = performance.now() - t < 300 ? fast + 1 : 0;
    await new Promise((r) => setTimeout(r, 1000));
  }
  console.log(`服务空闲等待 ${Math.round((Date.now() - t0) / 1000)} 秒${fast < 3 ? '（仍未空闲）' : ''}`);
}

function rssOf(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch { return null; }
}

async function loginCookie(username: string): Promise<Record<string, string>> {
  const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Zhuanhua@2026' }) });
  if (!r.ok) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  const cookies = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  return { cookie: cookies, 'x-csrf-token': csrfToken };
}

/** PostgreSQL: a fresh database owned by an ordinary role (not superuser, no RLS bypass), as in production. */
async function freshPgDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `zh_load_${process.pid}`, role = 'zh_load_app';
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`do $$ begin if not exists (select 1 from pg_roles where rolname = '${role}') then create role ${role} login nosuperuser nobypassrls nocreatedb nocreaterole; end if; end $$`);
  await admin.query(`create database ${name} owner ${role}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  u.username = role;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

let server: ChildProcess | undefined;
let work: string | undefined;
let dropPg: (() => Promise<void>) | undefined;
try {
  if (!base) {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-load-'));
    const env: NodeJS.ProcessEnv = { ...process.env, ZHUANHUA_DATA_DIR: path.join(work, 'db'), LOG_LEVEL: 'warn', ZHUANHUA_DEMO: 'true', PORT: String(PORT), NODE_ENV: 'production' };
    if (env.DATABASE_URL) {
      const fresh = await freshPgDatabase(env.DATABASE_URL);
      env.DATABASE_URL = fresh.url;
      dropPg = fresh.drop;
    }
    const t = Date.now();
    console.log(`准备数据：${PATENTS} 件合成专利，${DEALS} 笔合成交易（${env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}）`);
    await cli(['migrate'], env);
    await seedPatents(env, PATENTS);
    await seedDeals(env, DEALS);
    await analyze(env); // statistics for the planner, as after any bulk load (PGlite has no autovacuum)
    console.log(`数据准备 ${Math.round((Date.now() - t) / 1000)} 秒`);
    const profile = arg('profile', ''); // --profile DIR: the server writes a V8 CPU profile there when it stops
    server = spawn(process.execPath, [...(profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : []), BIN, 'serve', '--port', String(PORT)], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    base = `http://127.0.0.1:${PORT}`;
    await waitHealthy(base, 180_000);
    await waitIdle(base, 600_000);
  }
  const office = await loginCookie('admin');
  const orgAdmin = await loginCookie('univ');
  const me = (await (await fetch(`${base}/api/v1/auth/me`, { headers: orgAdmin })).json()) as { user: { orgId: number } };
  const maxPatent = ((await (await fetch(`${base}/api/v1/patents?pageSize=1`)).json()) as { total: number }).total;
  // patents in force held by the organisation administrator's own organisation: deals transfer these (holder = out party)
  const inForce = ((await (await fetch(`${base}/api/v1/patents?status=in_force&holderId=${me.user.orgId}&pageSize=200`)).json()) as { items: { id: number }[] }).items.map((x) => x.id);

  const words = ['电池', '材料', '传感器', '算法', '装置', '制备方法', '图像', '控制系统'];
  let k = 0;
  const pick = <T,>(a: T[]) => a[k++ % a.length]!;
  type Req = { kind: string; method: string; url: string; headers?: Record<string, string>; body?: unknown };
  const next = (i: number): Req => {
    const r = i % 20; // 16 reads : 4 writes
    const pid = 1 + ((i * 7919) % Math.max(1, maxPatent));
    if (r < 4) return { kind: 'search', method: 'GET', url: `/api/v1/patents?q=${encodeURIComponent(pick(words))}&pageSize=20` };
    if (r < 7) return { kind: 'patent-list', method: 'GET', url: `/api/v1/patents?page=${1 + (i % 50)}&pageSize=20&status=in_force` };
    if (r < 10) return { kind: 'patent-detail', method: 'GET', url: `/api/v1/patents/${pid}` };
    if (r < 12) return { kind: 'deal-list', method: 'GET', url: `/api/v1/deals?page=${1 + (i % 100)}&pageSize=20`, headers: office };
    if (r < 13) return { kind: 'dashboard', method: 'GET', url: '/api/v1/kpi/plans/sichuan-2021-conversion/evaluation', headers: office };
    if (r < 14) return { kind: 'organisations', method: 'GET', url: '/api/v1/organisations?pageSize=20', headers: orgAdmin };
    if (r < 15) return { kind: 'policies', method: 'GET', url: '/api/v1/subsidy/policies' };
    if (r < 16) return { kind: 'pledges', method: 'GET', url: '/api/v1/pledges?pageSize=20', headers: office };
    if (r < 19) return { kind: 'deal-create', method: 'POST', url: '/api/v1/deals', headers: office, body: {
      kind: 'transfer', title: `负载测试交易 ${i}`, contractDate: '2025-06-01', contractAmountFen: 1_000_000 + i, patentIds: [inForce[i % inForce.length] ?? pid],
      parties: [inForce.length ? { side: 'out', orgId: me.user.orgId } : { side: 'out', name: '负载测试出让方' }, { side: 'in', name: '负载测试受让方' }] } };
    return { kind: 'org-update', method: 'PATCH', url: `/api/v1/organisations/${me.user.orgId}`, headers: orgAdmin, body: { contactName: `负载测试${i % 100}` } };
  };

  // Serial probe: one request of each kind alone, to see the unloaded latency of each.
  const probe: Record<string, number> = {};
  for (let i = 0; i < 20; i++) {
    const q = next(i);
    if (probe[q.kind] !== undefined) continue;
    const t = performance.now();
    const res = await fetch(`${base}${q.url}`, { method: q.method, headers: { ...(q.headers ?? {}), ...(q.body ? { 'content-type': 'application/json' } : {}) }, body: q.body ? JSON.stringify(q.body) : undefined });
    await res.arrayBuffer();
    probe[q.kind] = Math.round(performance.now() - t);
  }
  console.log(`单次请求耗时（毫秒，无并发）：${JSON.stringify(probe)}`);
  k = 0;

  const total = RATE * SECONDS;
  const lat: number[] = [];
  const byKind = new Map<string, { n: number; errors: number; lat: number[] }>();
  const statuses = new Map<number, number>();
  let errors = 0, dropped = 0, inFlight = 0;
  const errorSamples: string[] = [];
  const rssBefore = rssOf(server?.pid);
  const t0 = performance.now();
  await new Promise<void>((resolveAll) => {
    let sent = 0, done = 0;
    const fire = (i: number, scheduled: number) => {
      const q = next(i);
      inFlight++;
      const init: RequestInit = { method: q.method, headers: { ...(q.headers ?? {}), ...(q.body ? { 'content-type': 'application/json' } : {}) }, body: q.body ? JSON.stringify(q.body) : undefined };
      let detail = '';
      fetch(`${base}${q.url}`, { ...init, signal: AbortSignal.timeout(30_000) }).then(async (res) => {
        const text = await res.text();
        if (res.status >= 400) detail = text.slice(0, 100);
        return res.status;
      }, (e: Error) => { detail = e.name; return 0; }).then((status) => {
        const ms = performance.now() - scheduled;
        lat.push(ms);
        const e = byKind.get(q.kind) ?? { n: 0, errors: 0, lat: [] };
        e.n++; e.lat.push(ms);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status === 0 || status >= 400) { errors++; e.errors++; if (errorSamples.length < 5) errorSamples.push(`${q.kind} ${status} ${detail}`); }
        byKind.set(q.kind, e);
      }).finally(() => { inFlight--; done++; if (done + dropped === total) resolveAll(); });
    };
    const tick = () => {
      const now = performance.now();
      while (sent < total && t0 + (sent * 1000) / RATE <= now) {
        const scheduled = t0 + (sent * 1000) / RATE;
        if (inFlight >= MAX_IN_FLIGHT) dropped++; else fire(sent, scheduled);
        sent++;
      }
      if (sent < total) setTimeout(tick, 2);
      else if (dropped === total) resolveAll();
    };
    tick();
  });
  const elapsed = (performance.now() - t0) / 1000;
  const pct = (a: number[], p: number) => { const s = [...a].sort((x, y) => x - y); return s.length ? Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 10) / 10 : null; };
  const result = {
    engine: process.env.DATABASE_URL ? 'postgresql' : 'pglite', probeMs: probe, patents: PATENTS, deals: DEALS, targetRate: RATE, seconds: SECONDS,
    sent: lat.length, dropped, throughput: Math.round((lat.length / elapsed) * 10) / 10,
    p50: pct(lat, 50), p95: pct(lat, 95), p99: pct(lat, 99), max: pct(lat, 100), errors, errorSamples,
    statuses: Object.fromEntries(statuses), rssBeforeMb: rssBefore && Math.round(rssBefore / 1048576), rssAfterMb: (() => { const r = rssOf(server?.pid); return r && Math.round(r / 1048576); })(),
    byKind: Object.fromEntries([...byKind].map(([kk, v]) => [kk, { n: v.n, errors: v.errors, p95: pct(v.lat, 95) }])),
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  if (server) {
    const closed = new Promise((r) => server!.once('close', r));
    server.kill('SIGTERM');
    const t = setTimeout(() => server!.kill('SIGKILL'), 15_000);
    await closed;
    clearTimeout(t);
  }
  if (work) fs.rmSync(work, { recursive: true, force: true });
  if (dropPg) await dropPg();
}
