import '../src/lib/exceljs-utf8-fix.ts';
// npm run bench:import [-- --rows N]: a 100,000-row patent import (xlsx and csv), with a progress bar,
// reporting time and peak memory, beside two baselines measured in the same run: reading the file only
// (no validation, no database) and a bare bulk insert of the same rows (no validation, no upsert).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { checkCharacter } from '@zhuanhua/domain/patent/patent-number.ts';
import { openDb, query } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { loadReference } from '../src/modules/reference/reference.repo.ts';
import { importPatents } from '../src/modules/patent/patent.import.ts';
import { readTable } from '../src/lib/tabular.ts';
import { readDemoTitles } from '../src/modules/demo/demo.patents.ts';
import { SYSTEM_ACTOR } from '../src/http/actor.ts';
import { createCliContext } from '../src/cli/context.ts';

const rowsArg = process.argv.indexOf('--rows');
const N = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 100_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-bench-import-'));
const ctx = createCliContext();

let peak = 0;
const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;

async function makeFiles(): Promise<{ xlsx: string; csv: string }> {
  const titles = readDemoTitles();
  const head = ['申请号', '公开(公告)号', '名称', '申请人', '发明人', '申请日', '授权公告日', '主分类号', '分类号', '法律状态'];
  const rows: string[][] = [];
  for (let i = 0; i < N; i++) {
    const t = titles[i % titles.length];
    const year = 2005 + (i % 18);
    const body = `${year}1${String(5_000_000 + Math.floor(i / 18)).padStart(7, '0')}`;
    rows.push([`${body}.${checkCharacter(body)}`, '', `${t.title}（生成数据 ${i}）`, `合成大学${i % 50}`, '张三;李四', `${year}-03-15`, `${year + 2}-06-01`, t.ipcSubclasses[0] ?? 'G06F', t.ipcSubclasses.join(';'), '有效']);
  }
  const csv = path.join(dir, 'patents.csv');
  fs.writeFileSync(csv, [head, ...rows].map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n'));
  const xlsx = path.join(dir, 'patents.xlsx');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsx, useSharedStrings: false });
  const ws = wb.addWorksheet('专利');
  ws.addRow(head).commit();
  for (const r of rows) ws.addRow(r).commit();
  await wb.commit();
  return { xlsx, csv };
}

async function freshDb(name: string) {
  const h = await openDb({ dataDir: path.join(dir, name) });
  await migrate(h.db);
  await h.db.transaction().execute((tx) => loadReference(tx));
  return h;
}

const files = await makeFiles();
const results: { step: string; seconds: number; rowsPerSecond: number; peakRss: string }[] = [];
async function measure(step: string, fn: () => Promise<unknown>) {
  peak = process.memoryUsage().rss;
  const t = process.hrtime.bigint();
  await fn();
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  results.push({ step, seconds: +s.toFixed(2), rowsPerSecond: Math.round(N / s), peakRss: mb(peak) });
}

await measure('baseline: read xlsx only', async () => { let n = 0; for await (const _ of readTable('p.xlsx', fs.readFileSync(files.xlsx))) n++; if (n !== N) throw new Error(`read ${n}`); });
for (const [label, file] of [['import xlsx (validate + upsert, one transaction)', files.xlsx], ['import csv (validate + upsert, one transaction)', files.csv]] as const) {
  const h = await freshDb(label.slice(7, 11));
  const bar = ctx.progress(label, process.stderr.isTTY || !!process.env.CI || true);
  await measure(label, async () => {
    const r = await importPatents(h.db, SYSTEM_ACTOR, path.basename(file), fs.readFileSync(file), {}, bar.cb);
    if (r.imported !== N) throw new Error(`imported ${r.imported}`);
  });
  bar.stop();
  if (label.includes('csv')) {
    await query(h.db, `delete from patent_holders`);
    await query(h.db, `delete from patent_status_history`);
    await query(h.db, `delete from patents`);
    await measure('baseline: bare bulk insert of the same rows', async () => {
      const apps: string[] = [], titles: string[] = [];
      for await (const { cells } of readTable('p.csv', fs.readFileSync(file))) { apps.push(cells['申请号']); titles.push(cells['名称']); }
      await h.db.transaction().execute(async (tx) => {
        for (let i = 0; i < apps.length; i += 5000) {
          await query(tx, `insert into patents (application_number, type, title) select a, 'invention', t from unnest($1::text[], $2::text[]) as u(a, t)`, [apps.slice(i, i + 5000), titles.slice(i, i + 5000)]);
        }
      });
    });
  }
  await h.close();
}
clearInterval(sampler);
fs.rmSync(dir, { recursive: true, force: true });
console.log(`\nPatent import benchmark: ${N.toLocaleString()} rows, ${os.cpus().length} cores, Node ${process.version}, PGlite (embedded, in-process)`);
console.table(results);
console.log(`process maxRSS over the whole run: ${mb(process.resourceUsage().maxRSS * 1024)}`);
