import '../src/lib/exceljs-utf8-fix.ts';
import { EventEmitter } from 'node:events';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { openDb } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { Jobs } from '../src/jobs/jobs.ts';
import type { Deps } from '../src/deps.ts';
import { loadReference } from '../src/modules/reference/reference.repo.ts';
import { buildApp } from '../src/app.ts';

export type TestDeps = Deps & { cleanup: () => Promise<void> };

/**
 * A fresh, migrated database with the reference data, for one test file: PGlite in memory by default,
 * or a new database on the PostgreSQL server named by TEST_DATABASE_URL (dropped at cleanup).
 */
export async function createTestDeps(env: Record<string, string> = {}): Promise<TestDeps> {
  const url = process.env.TEST_DATABASE_URL;
  let dbUrl: string | undefined;
  let dropDb: (() => Promise<void>) | undefined;
  if (url) {
    const name = `zh_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    dbUrl = u.toString();
    dropDb = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ZHUANHUA_DATA_DIR: '/nonexistent-test-dir', ...(dbUrl ? { DATABASE_URL: dbUrl } : {}), ...env });
  const log = createLogger('silent');
  const handle = await openDb({ databaseUrl: dbUrl, poolSize: 5 });
  await migrate(handle.db);
  await handle.db.transaction().execute((tx) => loadReference(tx));
  const events = new EventEmitter();
  const deps: Deps = { config, handle, db: handle.db, log, jobs: new Jobs(handle.db, log), events };
  return {
    ...deps,
    cleanup: async () => {
      await deps.jobs.idle();
      await handle.close();
      await dropDb?.();
    },
  };
}

export async function createTestApp(deps: Deps) {
  const app = await buildApp(deps, { serveWeb: false });
  await app.ready();
  return app;
}
