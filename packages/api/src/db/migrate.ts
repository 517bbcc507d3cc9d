import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { query, type Db } from './client.ts';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export function listMigrations(dir = MIGRATIONS_DIR): { name: string; sql: string }[] {
  return fs.readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, sql: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

/** Apply the pending migrations in name order, each in its own transaction. Returns the names applied. */
export async function migrate(db: Db, onApplied?: (name: string) => void): Promise<string[]> {
  await query(db, `create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())`);
  const applied: string[] = [];
  for (const m of listMigrations()) {
    const done = await db.transaction().execute(async (tx) => {
      await query(tx, `select pg_advisory_xact_lock(724001)`);
      const exists = await query(tx, `select 1 from schema_migrations where name = $1`, [m.name]);
      if (exists.length) return false;
      await query(tx, m.sql);
      await query(tx, `insert into schema_migrations (name) values ($1)`, [m.name]);
      return true;
    });
    if (done) { applied.push(m.name); onApplied?.(m.name); }
  }
  return applied;
}
