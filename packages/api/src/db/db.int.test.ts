import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb, query } from './client.ts';
import { listMigrations, migrate } from './migrate.ts';

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });
const tmp = () => { const d = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-db-')); dirs.push(d); return path.join(d, 'db'); };

describe('embedded database', () => {
  it('migrates a data directory in a worker thread, and a second open of it is refused with a clear error', async () => {
    const dir = tmp();
    const a = await openDb({ dataDir: dir, worker: true });
    try {
      const applied = await migrate(a.db);
      expect(applied).toEqual(listMigrations().map((m) => m.name));
      expect(await migrate(a.db)).toEqual([]);
      await expect(openDb({ dataDir: dir })).rejects.toMatchObject({ code: 'DB_LOCKED' });
      await query(a.db, `insert into ref_region (code, name, level, province_code) values ('510000', '四川省', 'province', '510000')`);
    } finally { await a.close(); }
    const b = await openDb({ dataDir: dir });
    try {
      expect(await query(b.db, `select name from ref_region`)).toEqual([{ name: '四川省' }]);
    } finally { await b.close(); }
  });

  it('keeps the event loop free while the worker runs a slow query', async () => {
    const h = await openDb({ worker: true });
    try {
      let ticks = 0;
      const timer = setInterval(() => ticks++, 10);
      await query(h.db, `select pg_sleep(0.6)`);
      clearInterval(timer);
      // a 10 ms timer kept firing while the database slept 600 ms (on the main thread it would fire 0 times)
      expect(ticks).toBeGreaterThanOrEqual(10);
    } finally { await h.close(); }
  });

  it('rolls back a failed transaction completely', async () => {
    const h = await openDb({});
    try {
      await query(h.db, `create table t (id int primary key)`);
      await expect(h.db.transaction().execute(async (tx) => {
        await query(tx, `insert into t values (1)`);
        await query(tx, `insert into t values (1)`);
      })).rejects.toMatchObject({ code: '23505' });
      expect(await query(h.db, `select count(*)::int as n from t`)).toEqual([{ n: 0 }]);
    } finally { await h.close(); }
  });
});
