/**
 * The patent list. Once the search index is ready it answers the filters, the count and the page order from its
 * typed columns (a scan of memory, not of the table), and a text `q` from its word index; SQL then reads only the
 * rows of the page. Before the index is ready, and for patent numbers, the list is pure SQL (same filter rules).
 *
 *   q = a patent number      → prefix match on application / publication / grant number (SQL, indexed)
 *   q = words                → every word in the title or abstract (ranked), then patents whose holder's name
 *                              matches; if neither finds anything, titles containing q as a substring (in memory)
 */
import type { Deps } from '../../deps.ts';
import type { Paging } from '../../http/paging.ts';
import { offsetOf } from '../../http/paging.ts';
import { engineFor } from '../search/search.engine.ts';
import type { IndexFilters } from '../search/search.index.ts';
import { regionLike } from '../organisation/organisation.repo.ts';
import {
  listPatents, NUMBER_LIKE, patentIdsOfHolder, patentsByIds, patentsOfHolderName, type PatentFilter, type PatentRow,
} from './patent.repo.ts';

/** Above this many text hits an explicit sort goes to SQL over the whole table instead of over the hit ids. */
const MAX_SORTED_HITS = 50_000;

type ListDeps = Pick<Deps, 'db' | 'events' | 'log'>;

export async function listPatentRows(deps: ListDeps, f: PatentFilter, p: Paging): Promise<{ rows: PatentRow[]; total: number }> {
  const engine = engineFor(deps);
  const q = f.q?.trim() || undefined;
  if (engine.status.state !== 'ready' || (q && NUMBER_LIKE.test(q)) || f.ids) return listPatents(deps.db, f, p);
  await engine.catchUp();
  const filters = await indexFilters(deps, f);
  const index = engine.patents;
  const offset = offsetOf(p), limit = p.pageSize;
  const relevance = !p.sort;

  if (!q) {
    if (!p.sort || p.sort === '-id') {
      const r = index.list(filters, { offset, limit });
      return { rows: await patentsByIds(deps.db, r.ids), total: r.total };
    }
    // another order: the index counts, SQL sorts and pages
    return listPatents(deps.db, f, p, index.list(filters, { offset: 0, limit: 0 }).total);
  }

  // ranked: just this page; sorted: every hit (up to the cap), for SQL to order
  const text = index.search(q, { filters, allTerms: true, ...(relevance ? { offset, limit } : { offset: 0, limit: MAX_SORTED_HITS }) });
  const byHolder = await patentsOfHolderName(deps.db, q);
  // holder matches that the text search did not already find, newest first
  let holderOnly: number[] = [];
  if (byHolder.length) {
    const ids = new Set(filters.ids ? byHolder.filter((id) => filters.ids!.has(id)) : byHolder);
    const both = new Set(index.search(q, { filters: { ...filters, ids }, allTerms: true, limit: ids.size }).hits.map((h) => h.id));
    holderOnly = index.list({ ...filters, ids }, { offset: 0, limit: ids.size }).ids.filter((id) => !both.has(id));
  }
  const total = text.total + holderOnly.length;
  if (total === 0) {
    // nothing by words or holder (e.g. a word the dictionary cuts differently): titles containing q
    const sub = index.titleContains(q, filters, relevance ? { offset, limit } : { offset: 0, limit: MAX_SORTED_HITS });
    if (relevance || sub.total === 0) return { rows: await patentsByIds(deps.db, sub.ids), total: sub.total };
    if (sub.total > MAX_SORTED_HITS) return listPatents(deps.db, f, p);
    return listPatents(deps.db, { ids: sub.ids }, p, sub.total);
  }

  if (relevance) {
    const fromText = text.hits.map((h) => h.id);
    const start = Math.max(0, offset - text.total);
    const fromHolders = holderOnly.slice(start, start + limit - fromText.length);
    return { rows: await patentsByIds(deps.db, [...fromText, ...fromHolders]), total };
  }
  if (total > MAX_SORTED_HITS) return listPatents(deps.db, f, p);
  return listPatents(deps.db, { ids: [...text.hits.map((h) => h.id), ...holderOnly] }, p, total);
}

/** The list filters in the index's terms; a holder filter becomes the set of that holder's patent ids. */
async function indexFilters(deps: ListDeps, f: PatentFilter): Promise<IndexFilters> {
  const year = f.year ? (f.yearField === 'grant' ? { grantYear: f.year } : { filingYear: f.year }) : {};
  return {
    patentType: f.type, legalStatus: f.status, holderType: f.holderType,
    ipc: f.ipc ? f.ipc.toUpperCase().replace(/\s+/g, '') : undefined,
    regionCode: f.region ? regionLike(f.region).replace('%', '') : undefined,
    ...year,
    ids: f.holderId ? new Set(await patentIdsOfHolder(deps.db, f.holderId)) : undefined,
  };
}
