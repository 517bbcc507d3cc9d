import { query, type Queryable } from '../db/client.ts';

/**
 * Insert many rows fast on both engines: one statement per batch, columns passed as arrays and
 * expanded with unnest(). `types` are the PostgreSQL array types, e.g. ['text[]', 'int[]', 'date[]'].
 */
export async function bulkInsert(db: Queryable, table: string, columns: string[], types: string[], rows: unknown[][], opts: { batch?: number; suffix?: string } = {}): Promise<number> {
  const batch = opts.batch ?? 5000;
  let n = 0;
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch);
    const cols = columns.map((_, c) => chunk.map((r) => r[c] ?? null));
    const sel = types.map((t, c) => `$${c + 1}::${t}`).join(', ');
    await query(db, `insert into ${table} (${columns.join(', ')}) select * from unnest(${sel}) ${opts.suffix ?? ''}`, cols);
    n += chunk.length;
  }
  return n;
}
