/**
 * Crash safety of imports (SQLite crash.test method): a child process imports N patent rows in one transaction
 * into an embedded (PGlite) data directory and is killed with SIGKILL at a random moment; the directory is then
 * reopened and the patents table's signature (row count + md5 of the sorted application numbers and titles) must
 * equal the signature before the import or after it. Each trial starts from a copy of the same migrated directory.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkCharacter } from '@zhuanhua/domain/patent/patent-number.ts';
import { openDb, query } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { loadReference } from '../../src/modules/reference/reference.repo.ts';
import { rng } from '../../src/modules/demo/demo.data.ts';

const BIN = path.resolve(new URL('../../../../bin/zhuanhua.js', import.meta.url).pathname);

export type Signature = { rows: number; md5: string };
export type Trial = { trial: number; killAfterMs: number; outcome: 'before' | 'after' | 'partial' | 'open_failed'; rows: number; openMs: number; error?: string };
export type CrashReport = { rows: number; startupMs: number; trials: Trial[]; partial: number; openFailures: number; before: number; after: number; fullImportMs: number };

export { rng };

export function writeCsv(file: string, n: number): void {
  const lines = ['申请号,名称,专利类型,申请日'];
  for (let i = 0; i < n; i++) {
    const body = `2018${'1'}${String(1_000_000 + i).padStart(7, '0')}`;
    lines.push(`${body}.${checkCharacter(body)},崩溃测试专利 ${i} 一种数据写入方法,发明,2018-06-01`);
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

export async function signature(dataDir: string): Promise<Signature> {
  const h = await openDb({ dataDir });
  try {
    const r = await query<{ n: number; h: string }>(h.db,
      `select count(*)::int as n, md5(coalesce(string_agg(application_number || '|' || title, ',' order by application_number), '')) as h from patents`);
    return { rows: r[0]!.n, md5: r[0]!.h };
  } finally { await h.close(); }
}

function runImport(dataDir: string, csv: string, killAfterMs: number | null): Promise<{ code: number | null; killed: boolean; ms: number; stderr: string }> {
  return new Promise((resolve) => {
    const t = Date.now();
    const child = spawn(process.execPath, [BIN, 'import', 'patents', csv, '--json'], {
      env: { ...process.env, ZHUANHUA_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ZHUANHUA_DEMO: 'false' }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    let killed = false;
    const timer = killAfterMs === null ? null : setTimeout(() => { killed = child.kill('SIGKILL'); }, killAfterMs);
    child.on('close', (code) => { if (timer) clearTimeout(timer); resolve({ code, killed, ms: Date.now() - t, stderr }); });
  });
}

const copyDir = (from: string, to: string) => { fs.rmSync(to, { recursive: true, force: true }); fs.cpSync(from, to, { recursive: true }); };

export async function crashTrials(o: { rows: number; kills: number; seed?: number; log?: (s: string) => void }): Promise<CrashReport> {
  const log = o.log ?? (() => undefined);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-crash-'));
  try {
    const base = path.join(work, 'base');
    const h = await openDb({ dataDir: base });
    await migrate(h.db);
    await h.db.transaction().execute((tx) => loadReference(tx));
    await h.close();
    fs.rmSync(`${base}.lock`, { force: true });
    const csv = path.join(work, 'patents.csv');
    writeCsv(csv, o.rows);
    const pre = await signature(base);

    // One full run gives the "after" signature and the time range for the kills.
    const full = path.join(work, 'full');
    copyDir(base, full);
    const done = await runImport(full, csv, null);
    if (done.code !== 0) throw new Error(`full import failed (${done.code}): ${done.stderr.slice(0, 500)}`);
    const post = await signature(full);
    if (post.rows !== pre.rows + o.rows) throw new Error(`full import wrote ${post.rows - pre.rows} rows, expected ${o.rows}`);
    log(`full import of ${o.rows} rows: ${done.ms} ms (process start to exit)`);

    // Start-up time (open, migrations check, read the file) from an import of one row: kills fall after it.
    const one = path.join(work, 'one.csv');
    writeCsv(one, 1);
    copyDir(base, full);
    const startup = (await runImport(full, one, null)).ms;
    log(`start-up (1-row import): ${startup} ms; kills fall between ${Math.round(startup * 0.9)} and ${Math.round(done.ms * 1.02)} ms`);

    const rand = rng(o.seed ?? 9);
    const trials: Trial[] = [];
    const dir = path.join(work, 'trial');
    for (let i = 1; i <= o.kills; i++) {
      copyDir(base, dir);
      const lo = startup * 0.9, hi = Math.max(lo + 100, done.ms * 1.02);
      const killAfterMs = Math.round(lo + rand() * (hi - lo));
      await runImport(dir, csv, killAfterMs);
      fs.rmSync(`${dir}.lock`, { force: true }); // the killed process could not remove its lock (its pid is dead anyway)
      const t = Date.now();
      let trial: Trial;
      try {
        const s = await signature(dir);
        const outcome = s.rows === pre.rows && s.md5 === pre.md5 ? 'before' : s.rows === post.rows && s.md5 === post.md5 ? 'after' : 'partial';
        trial = { trial: i, killAfterMs, outcome, rows: s.rows, openMs: Date.now() - t };
      } catch (e) {
        trial = { trial: i, killAfterMs, outcome: 'open_failed', rows: -1, openMs: Date.now() - t, error: (e as Error).message.slice(0, 300) };
      }
      trials.push(trial);
      log(`trial ${i}/${o.kills}: kill after ${killAfterMs} ms → ${trial.outcome} (${trial.rows} rows, reopened in ${trial.openMs} ms)${trial.error ? ` ${trial.error}` : ''}`);
    }
    return {
      rows: o.rows, trials, fullImportMs: done.ms, startupMs: startup,
      partial: trials.filter((t) => t.outcome === 'partial').length,
      openFailures: trials.filter((t) => t.outcome === 'open_failed').length,
      before: trials.filter((t) => t.outcome === 'before').length,
      after: trials.filter((t) => t.outcome === 'after').length,
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
