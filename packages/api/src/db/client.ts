import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { CompiledQuery, Kysely, PostgresDialect, type Transaction } from 'kysely';
import { AppError } from '@zhuanhua/domain';
import type { Database } from './schema.ts';
import { PgliteDialect, inProcessBackend, workerBackend, type PgliteBackend } from './pglite-driver.ts';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Anything queries can run on: the database or an open transaction. */
export type Queryable = Kysely<Database>;

export type DbHandle = {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** PGlite only: the raw backend (backup). */
  pglite?: PgliteBackend;
  close(): Promise<void>;
};

// node-postgres: same value shapes as PGlite (date → string, int8 → number, numeric → string).
pg.types.setTypeParser(1082, (v: string) => v);
pg.types.setTypeParser(20, (v: string) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error('int8 out of range');
  return n;
});

export type OpenOptions = {
  databaseUrl?: string;
  /** PGlite data directory; undefined = in memory. */
  dataDir?: string;
  /** Run PGlite in a worker thread (the server does; tests and short CLI runs need not). */
  worker?: boolean;
  poolSize?: number;
};

export async function openDb(o: OpenOptions): Promise<DbHandle> {
  if (o.databaseUrl) {
    const pool = new pg.Pool({ connectionString: o.databaseUrl, max: o.poolSize ?? 10 });
    // An idle client killed by the server (restart, DROP DATABASE … WITH (FORCE)) must not crash the process.
    pool.on('error', (e) => process.emitWarning(`PostgreSQL idle client error: ${e.message}`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { kind: 'postgres', db, close: () => db.destroy() };
  }
  let unlock: (() => void) | undefined;
  if (o.dataDir) {
    fs.mkdirSync(o.dataDir, { recursive: true });
    unlock = lockDataDir(o.dataDir);
  }
  try {
    const backend = o.worker ? await workerBackend(o.dataDir) : await inProcessBackend(o.dataDir);
    const db = new Kysely<Database>({ dialect: new PgliteDialect(backend) });
    let closed = false;
    return {
      kind: 'pglite', db, pglite: backend,
      async close() {
        if (closed) return;
        closed = true;
        try { await db.destroy(); } finally { unlock?.(); }
      },
    };
  } catch (e) {
    unlock?.();
    throw e;
  }
}

/**
 * Guard the embedded data directory against a second process: PGlite corrupts its catalog when two
 * processes open one directory. A lock file holds the owner's pid; a stale lock (dead pid) is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(path.dirname(path.resolve(dataDir)), `${path.basename(dataDir)}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        try { if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file); } catch { /* gone */ }
      };
      process.once('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(file, 'utf8'));
      if (pid && isAlive(pid)) {
        throw new AppError('DB_LOCKED', `嵌入式数据库目录 ${dataDir} 正被另一个进程（PID ${pid}）使用。请先停止该进程，或用 ZHUANHUA_DATA_DIR 指定其他目录。`);
      }
      fs.rmSync(file, { force: true }); // stale lock
    }
  }
  throw new AppError('DB_LOCKED', `无法锁定数据目录 ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

/** Run a raw parameterised query (`$1`, `$2` …) and return its rows. */
export async function query<T = Record<string, unknown>>(db: Queryable, text: string, params: readonly unknown[] = []): Promise<T[]> {
  // Kysely freezes a compiled query's parameters: pass a copy so the caller's array stays usable.
  const r = await db.executeQuery<T>(CompiledQuery.raw(text, [...params]));
  return r.rows as T[];
}

/** Like query() but returns the first row or undefined. */
export async function queryOne<T = Record<string, unknown>>(db: Queryable, text: string, params: readonly unknown[] = []): Promise<T | undefined> {
  return (await query<T>(db, text, params))[0];
}

/** Run fn in a transaction, or inside the caller's transaction if db already is one. */
export async function inTx<T>(db: Queryable, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  return db.transaction().execute((tx) => fn(tx));
}
