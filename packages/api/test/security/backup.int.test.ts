/**
 * Backup/restore drill: fill a database, back it up with the same code as `zhuanhua backup`, restore into a fresh
 * instance as `zhuanhua restore` does, and compare per-table row counts and md5 checksums (target: 0 differences).
 * PGlite always; PostgreSQL when TEST_DATABASE_URL is set.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDb, query } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { loadReference } from '../../src/modules/reference/reference.repo.ts';
import { backupTo, diffSignatures, isPgDumpFile, restorePglite, restorePostgres, tableSignatures } from '../../src/modules/security/security.backup.ts';
import { buildOrganisation, buildPatent, buildUser } from '../factories.ts';
import { audit } from '../../src/lib/audit.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-backup-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function fill(db: Parameters<typeof migrate>[0]) {
  await migrate(db);
  await db.transaction().execute((tx) => loadReference(tx));
  const org = await buildOrganisation(db, { name: '备份演练大学' });
  await buildUser(db, { role: 'org_admin', orgId: org.id, username: 'backup-admin' });
  for (let i = 0; i < 30; i++) await buildPatent(db, { title: `备份演练专利 ${i}：一种'引号"与换行\n的标题` });
  await db.transaction().execute((tx) => audit(tx, null, { action: 'drill.test', entity: 'drill', entityId: 1, after: { 金额分: 123456789 } }));
}

describe('backup and restore drill', () => {
  it('PGlite: restore into a fresh data directory gives identical tables', async () => {
    const dir = path.join(tmp, 'src-db');
    const a = await openDb({ dataDir: dir });
    await fill(a.db);
    const before = await tableSignatures(a.db);
    const file = path.join(tmp, 'pglite.backup');
    const bytes = await backupTo(a, undefined, file);
    await a.close();
    expect(bytes).toBeGreaterThan(1000);
    expect(isPgDumpFile(fs.readFileSync(file))).toBe(false);

    const target = path.join(tmp, 'restored-db');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'stale'), 'x'); // an existing directory is moved aside, not lost
    const moved = await restorePglite(file, target, 'drill');
    expect(moved).toBe(`${target}.before-restore-drill`);
    expect(fs.existsSync(path.join(moved!, 'stale'))).toBe(true);
    const b = await openDb({ dataDir: target });
    const after = await tableSignatures(b.db);
    await b.close();
    expect(after.length).toBeGreaterThan(20);
    expect(after.find((t) => t.table === 'patents')!.rows).toBe(30);
    expect(diffSignatures(before, after)).toEqual([]);
  });

  it('the comparison notices a difference', async () => {
    const s = [{ table: 'patents', rows: 3, md5: 'a' }, { table: 'users', rows: 1, md5: 'b' }];
    expect(diffSignatures(s, [{ table: 'patents', rows: 2, md5: 'c' }])).toEqual(['patents: 行数 3 → 2，校验和不一致', 'users: 恢复后缺少该表']);
  });

  it.runIf(!!process.env.TEST_DATABASE_URL)('PostgreSQL: pg_dump → pg_restore into a fresh database gives identical tables', async () => {
    const url = process.env.TEST_DATABASE_URL!;
    const names = [`zh_drill_a_${process.pid}`, `zh_drill_b_${process.pid}`];
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    for (const n of names) await admin.query(`create database ${n}`);
    const urlOf = (n: string) => { const u = new URL(url); u.pathname = `/${n}`; return u.toString(); };
    try {
      const a = await openDb({ databaseUrl: urlOf(names[0]!) });
      await fill(a.db);
      const before = await tableSignatures(a.db);
      const file = path.join(tmp, 'pg.backup');
      await backupTo(a, urlOf(names[0]!), file);
      await a.close();
      expect(isPgDumpFile(fs.readFileSync(file))).toBe(true);
      await restorePostgres(file, urlOf(names[1]!));
      const b = await openDb({ databaseUrl: urlOf(names[1]!) });
      const after = await tableSignatures(b.db);
      const rows = await query<{ n: number }>(b.db, `select count(*)::int as n from patents`);
      await b.close();
      expect(rows[0]!.n).toBe(30);
      expect(diffSignatures(before, after)).toEqual([]);
    } finally {
      for (const n of names) await admin.query(`drop database if exists ${n} with (force)`);
      await admin.end();
    }
  });
});
