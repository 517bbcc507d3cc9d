import './lib/exceljs-utf8-fix.ts';
import { EventEmitter } from 'node:events';
import type { Config } from './config.ts';
import { openDb } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import type { Deps } from './deps.ts';
import { Jobs } from './jobs/jobs.ts';
import type { Logger } from './logger.ts';
import { loadModules } from './modules/registry.ts';
import { isLoaded, loadReference } from './modules/reference/reference.repo.ts';

export type BootOptions = { worker?: boolean; dataDir?: string; migrate?: boolean; startModules?: boolean };

/** Open the database, apply migrations, load reference data, run the modules' start hooks. */
export async function createDeps(config: Config, log: Logger, o: BootOptions = {}): Promise<Deps> {
  const handle = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: o.dataDir ?? config.dataDir, worker: o.worker ?? false });
  const events = new EventEmitter();
  events.setMaxListeners(50);
  const deps: Deps = { config, handle, db: handle.db, log, jobs: new Jobs(handle.db, log), events };
  try {
    if (o.migrate !== false) {
      const applied = await migrate(handle.db, (name) => log.info({ migration: name }, 'migration applied'));
      if (applied.length) log.info({ count: applied.length }, 'database migrated');
      if (!(await isLoaded(handle.db))) {
        const t = Date.now();
        const counts = await handle.db.transaction().execute((tx) => loadReference(tx));
        log.info({ counts, ms: Date.now() - t }, 'reference data loaded');
      }
    }
    if (o.startModules !== false) {
      for (const m of await loadModules()) if (m.onStart) await m.onStart(deps);
    }
  } catch (e) {
    await handle.close();
    throw e;
  }
  return deps;
}

export async function closeDeps(deps: Deps): Promise<void> {
  await deps.jobs.idle();
  await deps.handle.close();
}
