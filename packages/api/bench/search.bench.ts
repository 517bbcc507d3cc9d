/**
 * npm run bench:search — the in-process index on N generated patents (default 1,000,000; BENCH_N to change),
 * built from the real demo titles and IPC codes as material (each generated record = one real title plus two
 * other real titles as its abstract; all marked generated). Reports build time, memory, p50/p95 latency of
 * search, classify and match over a fixed query set, and the same searches on PostgreSQL full-text search
 * (tsvector of the same jieba tokens, title weight A / abstract weight B, GIN index, ts_rank) in the same run.
 * PostgreSQL: BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres); a temporary database is
 * created and dropped. BENCH_PG=0 skips the baseline.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { SearchIndex, TYPE_CODES } from '../src/modules/search/search.index.ts';
import { tokenize } from '../src/modules/search/search.text.ts';
import { NaiveBayes } from '../src/modules/match/classify.model.ts';
import { readDemoTitles } from '../src/modules/demo/demo.patents.ts';
import { REFERENCE_DIR } from '../src/lib/paths.ts';
import { buildReasons } from '@zhuanhua/domain/demand/demand.scoring.ts';

const N = Number(process.env.BENCH_N ?? 1_000_000);
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RUN_PG = process.env.BENCH_PG !== '0';
void TYPE_CODES;

function rng(seed: number) { let s = seed >>> 0; return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 4294967296; }; }
const titles = readDemoTitles();
const types = ['invention', 'utility_model', 'design'];
const statuses = ['pending', 'in_force', 'lapsed'];
const holders = ['university', 'research_institute', 'soe', 'private_enterprise'];
function* docs(n: number) {
  const r = rng(7);
  for (let i = 1; i <= n; i++) {
    const t = titles[Math.floor(r() * titles.length)]!;
    const b1 = titles[Math.floor(r() * titles.length)]!.title, b2 = titles[Math.floor(r() * titles.length)]!.title;
    yield {
      id: i, title: t.title, body: `${b1}。${b2}。`, type: types[Math.floor(r() * 2.2)]!, status: statuses[Math.floor(r() * 3)]!,
      holderType: holders[Math.floor(r() * 4)]!, regionCode: `51${String(1 + Math.floor(r() * 20)).padStart(2, '0')}0${Math.floor(r() * 9) + 1}`,
      ipc: t.ipcSubclasses, grade: r() < 0.3 ? 'A' : 'B', openLicence: r() < 0.05, sleeping: r() < 0.3,
    };
  }
}

const demands = fs.readFileSync(path.join(REFERENCE_DIR, 'demo', 'cn_tech_demands_demo_27.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { name: string; detail: string; problem: string; technicalIndicators: string });
const QUERIES = [
  '锂离子电池', '石墨烯', '无人机', '机器人', '人工智能', '污水处理', '传感器', '光伏', '中药', '新能源汽车', '数控机床', '催化剂', '图像识别', '区块链',
  '电池 正极材料', '智能 检测 装置', '"太阳能电池"', '自动化*', '-装置 电机', '节能 环保', '生物 发酵', '水泥 混凝土', '激光 焊接', '储能',
  ...demands.map((d) => d.name),
];
const MATCH_TEXTS = demands.map((d) => [d.name, d.name, d.detail, d.technicalIndicators, d.problem].join('\n'));

/** Wall time and this process's CPU time (user + system) of fn, in ms. CPU time excludes waiting for a core. */
function timed<T>(fn: () => T): { wall: number; cpu: number; value: T } {
  const c0 = process.cpuUsage(); const w0 = performance.now();
  const value = fn();
  const w = performance.now() - w0; const c = process.cpuUsage(c0);
  return { wall: w, cpu: (c.user + c.system) / 1000, value };
}
const cpuT = { search: [] as number[], filt: [] as number[], cls: [] as number[], match: [] as number[] };
const pct = (a: number[], p: number) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(s.length * p))]!; };
const mb = (b: number) => (b / 1e6).toFixed(0);
function mem() { const m = process.memoryUsage(); return { heap: m.heapUsed, ab: m.arrayBuffers + m.external, rss: m.rss }; }

async function main() {
  console.log(`== 检索基准：${N.toLocaleString()} 件生成专利（真实标题/IPC 为素材）；机器负载 ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' / ')}（2 核共享） ==`);
  global.gc?.();
  const m0 = mem();
  const index = new SearchIndex();
  const nb = new NaiveBayes();
  const trainStep = Math.max(1, Math.ceil(N / 300_000));
  const t0 = performance.now();
  let tokMs = 0;
  for (const d of docs(N)) {
    const a = performance.now();
    const tt = tokenize(d.title), bt = tokenize(d.body);
    tokMs += performance.now() - a;
    index.upsert(d, { title: tt, body: bt });
    if (d.id % trainStep === 0) nb.add({ text: d.title, labels: d.ipc.map((c) => c.slice(0, 4)) }, tt);
    if (d.id % 100_000 === 0) process.stderr.write(`  已索引 ${d.id.toLocaleString()}（${((performance.now() - t0) / 1000).toFixed(0)} 秒）\n`);
  }
  const buildMs = performance.now() - t0;
  global.gc?.();
  const m1 = mem();
  console.log(`索引构建：${(buildMs / 1000).toFixed(1)} 秒（其中分词 ${(tokMs / 1000).toFixed(1)} 秒；含分类器训练样本 ${nb.size.docs.toLocaleString()} 条），词项 ${index.termCount.toLocaleString()}`);
  console.log(`内存：索引自计 ${mb(index.memoryBytes())} MB；进程增量 heap ${mb(m1.heap - m0.heap)} MB + 数组缓冲 ${mb(m1.ab - m0.ab)} MB；RSS ${mb(m1.rss)} MB`);

  // warm-up, then 3 rounds over the fixed set
  for (const q of QUERIES) index.search(q, { limit: 20 });
  const searchT: number[] = [];
  for (let round = 0; round < 3; round++) for (const q of QUERIES) { const r = timed(() => index.search(q, { limit: 20 })); searchT.push(r.wall); cpuT.search.push(r.cpu); }
  const filtT: number[] = [];
  for (const q of QUERIES) { const r = timed(() => index.search(q, { limit: 20, filters: { legalStatus: 'in_force', ipc: 'H01', regionCode: '5101' } })); filtT.push(r.wall); cpuT.filt.push(r.cpu); }
  console.log(`检索（前 20，${searchT.length} 次）：墙钟 p50 ${pct(searchT, 0.5).toFixed(1)} ms，p95 ${pct(searchT, 0.95).toFixed(1)} ms（CPU 时间 p50 ${pct(cpuT.search, 0.5).toFixed(1)}，p95 ${pct(cpuT.search, 0.95).toFixed(1)} ms）；带过滤：墙钟 p50 ${pct(filtT, 0.5).toFixed(1)} ms，p95 ${pct(filtT, 0.95).toFixed(1)} ms（CPU p95 ${pct(cpuT.filt, 0.95).toFixed(1)} ms）`);

  const t1 = performance.now();
  const bags = new Map<string, string[]>();
  for (const line of fs.readFileSync(path.join(REFERENCE_DIR, 'ipc_zh_2026.01.csv'), 'utf8').split('\n').slice(1)) {
    const p = line.split(','); if (p.length < 4 || (p[1] !== 'subclass' && p[1] !== 'main_group')) continue;
    const s = p[0]!.slice(0, 4); const l = bags.get(s); const title = p.slice(2, -1).join(','); if (l) l.push(title); else bags.set(s, [title]);
  }
  nb.addIpcTitles(bags);
  console.log(`分类器：${nb.size.labels} 个小类，${nb.size.features.toLocaleString()} 个特征（IPC 标题先验 ${((performance.now() - t1) / 1000).toFixed(1)} 秒）`);
  const clsT: number[] = [];
  for (let round = 0; round < 3; round++) for (const t of MATCH_TEXTS) { const r = timed(() => nb.predict(t, 5)); clsT.push(r.wall); cpuT.cls.push(r.cpu); }
  console.log(`分类（${clsT.length} 次）：墙钟 p50 ${pct(clsT, 0.5).toFixed(1)} ms，p95 ${pct(clsT, 0.95).toFixed(1)} ms（CPU p95 ${pct(cpuT.cls, 0.95).toFixed(1)} ms）`);

  const matchT: number[] = [];
  for (let round = 0; round < 3; round++) for (const t of MATCH_TEXTS) {
    const r = timed(() => {
      const pred = nb.predict(t, 5);
      const terms = index.keyTerms(t, 24);
      const res = index.query(terms, { limit: 60 });
      for (const h of res.hits) buildReasons({ matchedTerms: h.matchedTerms, ipcSubclasses: index.ipcOf(h.id) }, { predictedIpc: pred });
    });
    matchT.push(r.wall); cpuT.match.push(r.cpu);
  }
  console.log(`匹配（分类 + 关键词 + 检索 60 候选 + 理由；${matchT.length} 次）：墙钟 p50 ${pct(matchT, 0.5).toFixed(1)} ms，p95 ${pct(matchT, 0.95).toFixed(1)} ms（CPU p95 ${pct(cpuT.match, 0.95).toFixed(1)} ms）`);

  console.log(`机器负载（1/5/15 分钟）：${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' / ')}`);
  if (!RUN_PG) return;
  console.log(`\n== PostgreSQL 全文检索基线（同样的 jieba 词，tsvector + GIN + ts_rank） ==`);
  const name = `zh_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  try { await admin.connect(); } catch (e) { console.log(`无法连接 PostgreSQL（${(e as Error).message}），跳过基线`); return; }
  await admin.query(`create database ${name}`);
  const u = new URL(PG_URL); u.pathname = `/${name}`;
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  try {
    await c.query(`create table docs (id int primary key, title text, tsv tsvector)`);
    const t2 = performance.now();
    let ids: number[] = [], ts: string[] = [], tt: string[] = [], bb: string[] = [];
    const flush = async () => {
      await c.query(`insert into docs (id, title, tsv) select i, t, setweight(to_tsvector('simple', a), 'A') || setweight(to_tsvector('simple', b), 'B') from unnest($1::int[], $2::text[], $3::text[], $4::text[]) as u(i, t, a, b)`, [ids, ts, tt, bb]);
      ids = []; ts = []; tt = []; bb = [];
    };
    // the PostgreSQL side may reuse tokens of repeated strings (its load time is not what is compared)
    const cache = new Map<string, string>();
    const tok = (s: string) => { let v = cache.get(s); if (v === undefined) { v = tokenize(s).join(' '); if (cache.size < 200_000) cache.set(s, v); } return v; };
    for (const d of docs(N)) {
      ids.push(d.id); ts.push(d.title); tt.push(tok(d.title)); bb.push(tok(d.body));
      if (ids.length === 10_000) { await flush(); if (d.id % 100_000 === 0) process.stderr.write(`  PostgreSQL 已写入 ${d.id.toLocaleString()}\n`); }
    }
    if (ids.length) await flush();
    const loadMs = performance.now() - t2;
    const t3 = performance.now();
    await c.query(`create index docs_tsv_gin on docs using gin (tsv)`);
    await c.query(`analyze docs`);
    const ginMs = performance.now() - t3;
    const size = (await c.query(`select pg_total_relation_size('docs') as s, pg_relation_size('docs_tsv_gin') as g`)).rows[0] as { s: string; g: string };
    console.log(`写入 ${(loadMs / 1000).toFixed(1)} 秒，GIN 建索引 ${(ginMs / 1000).toFixed(1)} 秒；表+索引 ${mb(Number(size.s))} MB（GIN ${mb(Number(size.g))} MB）`);
    const pgT: number[] = [];
    const toTsq = (q: string) => { const t = [...new Set(tokenize(q.replace(/["*-]/g, ' ')))].map((x) => x.replace(/[':&|!()\\]/g, '')).filter(Boolean); return t.join(' | '); };
    for (const q of QUERIES.slice(0, 5)) { const tq = toTsq(q); if (tq) await c.query(`select id from docs, to_tsquery('simple', $1) q where tsv @@ q order by ts_rank(tsv, q) desc limit 20`, [tq]); }
    for (let round = 0; round < 3; round++) for (const q of QUERIES) {
      const tq = toTsq(q); if (!tq) continue;
      const a = performance.now();
      await c.query(`select id from docs, to_tsquery('simple', $1) q where tsv @@ q order by ts_rank(tsv, q) desc limit 20`, [tq]);
      pgT.push(performance.now() - a);
    }
    console.log(`PostgreSQL 检索（前 20，ts_rank，${pgT.length} 次）：p50 ${pct(pgT, 0.5).toFixed(1)} ms，p95 ${pct(pgT, 0.95).toFixed(1)} ms`);
    console.log(`\n对比：内存索引 p95 ${pct(searchT, 0.95).toFixed(1)} ms vs PostgreSQL p95 ${pct(pgT, 0.95).toFixed(1)} ms → 快 ${(pct(pgT, 0.95) / pct(searchT, 0.95)).toFixed(1)} 倍（p50 ${(pct(pgT, 0.5) / pct(searchT, 0.5)).toFixed(1)} 倍）`);
  } finally {
    await c.end();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await main();
