import { Worker } from 'node:worker_threads';
import {
  CompiledQuery, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler,
  type DatabaseConnection, type Dialect, type Driver, type Kysely, type QueryResult, type TransactionSettings,
} from 'kysely';
import { PGlite } from '@electric-sql/pglite';
// @ts-expect-error plain JS helper shared with the worker
import { pgliteOptions } from './pglite-options.js';

type Reply = { id: number; ok: boolean; rows: unknown[]; affectedRows: number; data?: Uint8Array; error?: { message: string; code?: string; detail?: string; constraint?: string } };

/** A PostgreSQL error as thrown by both drivers (code = SQLSTATE). */
export class DbError extends Error {
  code?: string; detail?: string; constraint?: string;
  constructor(e: { message: string; code?: string; detail?: string; constraint?: string }) {
    super(e.message);
    this.code = e.code; this.detail = e.detail; this.constraint = e.constraint;
  }
}

/** What the driver needs from PGlite: in this thread (tests, tools) or in a worker thread (the server). */
export interface PgliteBackend {
  query(sql: string, params: readonly unknown[]): Promise<{ rows: unknown[]; affectedRows: number }>;
  exec(sql: string): Promise<{ rows: unknown[]; affectedRows: number }>;
  dump(): Promise<Uint8Array>;
  close(): Promise<void>;
}

export async function inProcessBackend(dataDir?: string): Promise<PgliteBackend> {
  const db = await PGlite.create(pgliteOptions(dataDir));
  return {
    async query(sql, params) {
      try {
        const r = await db.query(sql, params as unknown[]);
        return { rows: r.rows, affectedRows: r.affectedRows ?? 0 };
      } catch (e) { throw new DbError(e as DbError); }
    },
    async exec(sql) {
      try {
        const rs = await db.exec(sql);
        const last = rs[rs.length - 1];
        return { rows: last ? last.rows : [], affectedRows: last?.affectedRows ?? 0 };
      } catch (e) { throw new DbError(e as DbError); }
    },
    async dump() {
      const blob = await db.dumpDataDir('none');
      return new Uint8Array(await blob.arrayBuffer());
    },
    close: () => db.close(),
  };
}

export async function workerBackend(dataDir?: string): Promise<PgliteBackend> {
  const worker = new Worker(new URL('./pglite-worker.js', import.meta.url), { workerData: { dataDir } });
  const pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  let seq = 0;
  await new Promise<void>((resolve, reject) => {
    const onMsg = (m: { ready?: boolean }) => { if (m.ready) { worker.off('message', onMsg); resolve(); } };
    worker.on('message', onMsg);
    worker.once('error', reject);
  });
  worker.on('message', (m: Reply) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.ok) p.resolve(m); else p.reject(new DbError(m.error ?? { message: 'database error' }));
  });
  worker.on('error', (e) => { for (const p of pending.values()) p.reject(e); pending.clear(); });
  const call = (msg: Record<string, unknown>): Promise<Reply> =>
    new Promise((resolve, reject) => { const id = ++seq; pending.set(id, { resolve, reject }); worker.postMessage({ ...msg, id }); });
  return {
    query: async (sql, params) => call({ type: 'query', sql, params }),
    exec: async (sql) => call({ type: 'exec', sql }),
    dump: async () => (await call({ type: 'dump' })).data as Uint8Array,
    close: async () => { await call({ type: 'close' }); await worker.terminate(); },
  };
}

/** One connection at a time: PGlite is a single-session database, so transactions are serialised here. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  lock(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const prev = this.tail;
    this.tail = prev.then(() => next);
    return prev.then(() => release);
  }
}

class PgliteConnection implements DatabaseConnection {
  constructor(private readonly backend: PgliteBackend) {}
  async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    const r = q.parameters.length === 0 ? await this.backend.exec(q.sql) : await this.backend.query(q.sql, q.parameters);
    return { rows: r.rows as R[], numAffectedRows: BigInt(r.affectedRows ?? 0) };
  }
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported on PGlite');
  }
}

class PgliteDriver implements Driver {
  private readonly mutex = new Mutex();
  private readonly conn: PgliteConnection;
  private readonly releases = new WeakMap<DatabaseConnection, () => void>();
  constructor(private readonly backend: PgliteBackend) { this.conn = new PgliteConnection(backend); }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.mutex.lock();
    this.releases.set(this.conn, release);
    return this.conn;
  }
  async beginTransaction(c: DatabaseConnection, s: TransactionSettings): Promise<void> {
    await c.executeQuery(CompiledQuery.raw(s.isolationLevel ? `begin isolation level ${s.isolationLevel}` : 'begin'));
  }
  async commitTransaction(c: DatabaseConnection): Promise<void> { await c.executeQuery(CompiledQuery.raw('commit')); }
  async rollbackTransaction(c: DatabaseConnection): Promise<void> { await c.executeQuery(CompiledQuery.raw('rollback')); }
  async releaseConnection(c: DatabaseConnection): Promise<void> {
    const r = this.releases.get(c);
    this.releases.delete(c);
    r?.();
  }
  async destroy(): Promise<void> { await this.backend.close(); }
}

export class PgliteDialect implements Dialect {
  constructor(private readonly backend: PgliteBackend) {}
  createAdapter() { return new PostgresAdapter(); }
  createDriver() { return new PgliteDriver(this.backend); }
  createIntrospector(db: Kysely<any>) { return new PostgresIntrospector(db); }
  createQueryCompiler() { return new PostgresQueryCompiler(); }
}
