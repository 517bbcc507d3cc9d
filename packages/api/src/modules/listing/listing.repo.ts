import fs from 'node:fs';
import path from 'node:path';
import { query, type Queryable } from '../../db/client.ts';
import { bulkInsert } from '../../lib/bulk.ts';
import { changedAfter, wmOf } from '../../db/watermark.ts';
import { REFERENCE_DIR } from '../../lib/paths.ts';

export type ListingRow = {
  id: number; name: string; organisation_name: string | null; summary: string | null; field: string | null; form: string | null;
  stage: string | null; level: string | null; keywords: string | null; transfer_mode: string | null; updated_at: string; wm: string;
};

type Achievement = { name: string; organization?: string; summary?: string; field?: string; form?: string; stage?: string; level?: string; keywords?: string | string[]; transferMode?: string };

/** The real public technology listings shipped in reference/demo (kept as published, no personal contacts). */
export function readDemoListings(): Achievement[] {
  return fs.readFileSync(path.join(REFERENCE_DIR, 'demo/cn_tech_achievements.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Achievement);
}

export async function insertListings(db: Queryable, rows: Achievement[], source: string): Promise<number> {
  return bulkInsert(db, 'tech_listings', ['name', 'organisation_name', 'summary', 'field', 'form', 'stage', 'level', 'keywords', 'transfer_mode', 'source'],
    ['text[]', 'text[]', 'text[]', 'text[]', 'text[]', 'text[]', 'text[]', 'text[]', 'text[]', 'text[]'],
    rows.map((a) => [a.name, a.organization ?? null, a.summary ?? null, a.field ?? null, a.form ?? null, a.stage ?? null, a.level ?? null,
      Array.isArray(a.keywords) ? a.keywords.join('、') : (a.keywords ?? null), a.transferMode ?? null, source]));
}

/** Listings changed after the watermark (all when null), or the given ids. */
export const listingsSince = (db: Queryable, since: string | null, ids?: readonly number[]) => ids
  ? query<ListingRow>(db, `select id::int as id, name, organisation_name, summary, field, form, stage, level, keywords, transfer_mode, updated_at, ${wmOf('updated_at')} as wm from tech_listings where id = any($1::bigint[])`, [ids])
  : query<ListingRow>(db, `select id::int as id, name, organisation_name, summary, field, form, stage, level, keywords, transfer_mode, updated_at, ${wmOf('updated_at')} as wm from tech_listings where ($1::text is null or ${changedAfter('updated_at', '$1')}) order by updated_at`, [since]);
