/**
 * Backup and restore for both engines.
 * - PGlite: the whole data directory as a tar (`dumpDataDir`); restore writes a fresh data directory from it
 *   (the old one is kept beside it as `<dir>.before-restore-<time>`). The server must be stopped.
 * - PostgreSQL: `pg_dump --format=custom`; restore with `pg_restore --clean --if-exists --single-transaction`.
 * The file kind is recognised by its first bytes (`PGDMP` = pg_dump custom format), so one command serves both.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { AppError } from '@zhuanhua/domain';
import { lockDataDir, query, type DbHandle, type Queryable } from '../../db/client.ts';
import { publicTables } from './security.repo.ts';

export type TableSignature = { table: string; rows: number; md5: string };

/** Per-table row count and md5 over the rows' text in a stable order: the drill compares these. */
export async function tableSignatures(db: Queryable, opts: { skip?: readonly string[] } = {}): Promise<TableSignature[]> {
  const out: TableSignature[] = [];
  for (const { table_name } of await publicTables(db)) {
    if (opts.skip?.includes(table_name)) continue;
    const q = `"${table_name.replace(/"/g, '""')}"`;
    const r = await query<{ n: number; h: string | null }>(db,
      `select count(*)::int as n, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as h from ${q} t`);
    out.push({ table: table_name, rows: r[0]!.n, md5: r[0]!.h ?? '' });
  }
  return out;
}

export function diffSignatures(a: readonly TableSignature[], b: readonly TableSignature[]): string[] {
  const mb = new Map(b.map((s) => [s.table, s]));
  const diffs: string[] = [];
  for (const s of a) {
    const t = mb.get(s.table);
    if (!t) diffs.push(`${s.table}: 恢复后缺少该表`);
    else if (t.rows !== s.rows || t.md5 !== s.md5) diffs.push(`${s.table}: 行数 ${s.rows} → ${t.rows}，校验和${t.md5 === s.md5 ? '一致' : '不一致'}`);
    mb.delete(s.table);
  }
  for (const t of mb.keys()) diffs.push(`${t}: 恢复后多出该表`);
  return diffs;
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    p.on('error', (e) => reject(new AppError('INTERNAL', `无法运行 ${cmd}：${e.message}`)));
    p.on('close', (code) => (code === 0 ? resolve() : reject(new AppError('INTERNAL', `${cmd} 失败（退出码 ${code}）：${err.slice(0, 500)}`))));
  });
}

/** Writes a backup of the open database to `file`; returns its size in bytes. */
export async function backupTo(handle: DbHandle, databaseUrl: string | undefined, file: string): Promise<number> {
  const tmp = `${file}.partial`;
  if (handle.kind === 'pglite') {
    if (!handle.pglite) throw new AppError('INTERNAL', '嵌入式数据库不可备份');
    const data = await handle.pglite.dump();
    fs.writeFileSync(tmp, data);
  } else {
    if (!databaseUrl) throw new AppError('VALIDATION', '缺少 DATABASE_URL');
    await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${tmp}`, databaseUrl]);
  }
  fs.renameSync(tmp, file); // a half-written backup never carries the final name
  return fs.statSync(file).size;
}

export const isPgDumpFile = (buf: Uint8Array): boolean => Buffer.from(buf.subarray(0, 5)).toString('latin1') === 'PGDMP';

/** Restores a PostgreSQL custom-format dump into the database at `databaseUrl` (in one transaction). */
export async function restorePostgres(file: string, databaseUrl: string): Promise<void> {
  await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', `--dbname=${databaseUrl}`, file]);
}

/**
 * Restores a PGlite data-directory tar into `dataDir`. The directory must not be in use (lock file); an existing
 * directory is moved aside, not deleted. Returns where the old one went (or null).
 */
export async function restorePglite(file: string, dataDir: string, stamp: string): Promise<string | null> {
  const buf = fs.readFileSync(file);
  if (isPgDumpFile(buf)) throw new AppError('VALIDATION', '该文件是 PostgreSQL 备份，请设置 DATABASE_URL 后恢复到 PostgreSQL');
  const dir = path.resolve(dataDir);
  const unlock = lockDataDir(dir);
  let movedTo: string | null = null;
  try {
    const fresh = `${dir}.restoring`;
    fs.rmSync(fresh, { recursive: true, force: true });
    const db = await PGlite.create({ dataDir: fresh, loadDataDir: new Blob([buf]) });
    await db.query('select 1');
    await db.close();
    if (fs.existsSync(dir)) {
      movedTo = `${dir}.before-restore-${stamp}`;
      fs.renameSync(dir, movedTo);
    }
    fs.renameSync(fresh, dir);
  } finally {
    unlock();
  }
  return movedTo;
}
