import { EventEmitter } from 'node:events';
import type { Config } from './config.ts';
import type { Db, DbHandle } from './db/client.ts';
import type { Jobs } from './jobs/jobs.ts';
import type { Logger } from './logger.ts';

/**
 * Events modules publish after commit so other modules can follow (e.g. the search index):
 *   'patents.changed' { ids: number[] }   'demands.changed' { ids: number[] }
 */
export type DomainEvents = EventEmitter;

/** Everything a service needs, passed explicitly (no global singletons). */
export type Deps = {
  config: Config;
  handle: DbHandle;
  db: Db;
  log: Logger;
  jobs: Jobs;
  events: DomainEvents;
};
