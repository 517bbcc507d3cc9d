import { query, queryOne, type Queryable } from '../../db/client.ts';
import { offsetOf, orderBy, type Paging } from '../../http/paging.ts';
import { regionLike } from '../organisation/organisation.repo.ts';

export type PatentRow = {
  id: number; application_number: string; publication_number: string | null; grant_number: string | null; type: string; title: string;
  abstract: string | null; claims_count: number | null; ipc_main: string | null; ipc_codes: string[]; inventors: string[];
  filing_date: string | null; publication_date: string | null; grant_date: string | null; legal_status: string; legal_status_raw: string | null;
  restorable: boolean; lapse_reason: string | null; lapse_date: string | null; fee_paid_through: string | null; term_extension_days: number;
  overseas_family: string[]; citations_count: number; awards: unknown[]; region_code: string | null; holder_address: string | null;
  source: string; generated_fields: string[]; created_at: Date; updated_at: Date;
  holders?: { name: string; orgId: number | null; orgType?: string | null }[];
};

export type PatentFilter = {
  q?: string; type?: string; status?: string; ipc?: string; holderType?: string; holderId?: number; region?: string;
  year?: number; yearField?: 'filing' | 'grant'; ids?: number[];
};

const SORTS = { filingDate: 'p.filing_date', grantDate: 'p.grant_date', title: 'p.title', applicationNumber: 'p.application_number', updated: 'p.updated_at' };

export function patentWhere(f: PatentFilter, params: unknown[]): string {
  const where: string[] = [];
  const add = (v: unknown) => { params.push(v); return `$${params.length}`; };
  if (f.q && NUMBER_LIKE.test(f.q)) {
    // a patent number: prefix matches on the indexed number columns (application number with or without the dot)
    const compact = f.q.toUpperCase().replace(/\s/g, '').replace(/^(CN|ZL)(?=\d)/, '');
    const digits = compact.replace(/\./g, '');
    const app = digits.length > 12 ? `${digits.slice(0, 12)}.${digits.slice(12)}` : digits;
    const pub = /^[A-Z]/.test(compact) ? compact : `CN${compact}`;
    where.push(`(p.application_number like ${add(`${escapeLike(app)}%`)} or p.publication_number like ${add(`${escapeLike(pub)}%`)} or p.grant_number like $${params.length})`);
  } else if (f.q) {
    const q = f.q.trim();
    const compact = q.toUpperCase().replace(/^(CN|ZL)/, '').replace(/[\s.]/g, '');
    const like = add(`%${q}%`);
    const num = add(`${compact}%`);
    where.push(`(p.title ilike ${like} or p.abstract ilike ${like} or replace(p.application_number, '.', '') like ${num}
              or p.publication_number ilike ${add(`%${q.replace(/\s/g, '')}%`)} or p.grant_number ilike $${params.length}
              or exists (select 1 from patent_holders h where h.patent_id = p.id and h.name ilike ${like}))`);
  }
  if (f.type) where.push(`p.type = ${add(f.type)}`);
  if (f.status) where.push(`p.legal_status = ${add(f.status)}`);
  if (f.ipc) where.push(`exists (select 1 from unnest(p.ipc_codes) c where c like ${add(f.ipc.toUpperCase().replace(/\s+/g, '') + '%')})`);
  // the patent's own region, else its first holder organisation's (the search index uses the same rule)
  if (f.region) where.push(`coalesce(p.region_code, (select o.region_code from patent_holders ph join organisations o on o.id = ph.org_id where ph.patent_id = p.id order by ph.seq limit 1)) like ${add(regionLike(f.region))}`);
  if (f.holderId) where.push(`exists (select 1 from patent_holders h where h.patent_id = p.id and h.org_id = ${add(f.holderId)})`);
  if (f.holderType) where.push(`exists (select 1 from patent_holders h join organisations o on o.id = h.org_id where h.patent_id = p.id and o.type = ${add(f.holderType)})`);
  if (f.year) {
    const col = f.yearField === 'grant' ? 'p.grant_date' : 'p.filing_date';
    where.push(`${col} >= ${add(`${f.year}-01-01`)}::date and ${col} < ${add(`${f.year + 1}-01-01`)}::date`);
  }
  if (f.ids) where.push(`p.id = any(${add(f.ids)}::bigint[])`);
  return where.length ? `where ${where.join(' and ')}` : '';
}

/** A query that reads as a patent number (CN/ZL prefix optional, at least 6 digits): searched on the number columns. */
export const NUMBER_LIKE = /^\s*(CN|ZL)?\s*\d{6,}[\d.\sA-Z]*$/i;

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const LIST_COLUMNS = `p.id, p.application_number, p.publication_number, p.grant_number, p.type, p.title, p.ipc_main, p.ipc_codes, p.filing_date, p.grant_date,
            p.legal_status, p.region_code, p.source, p.generated_fields, p.created_at, p.updated_at`;

/** The SQL list (filters, sort, page). `knownTotal` skips the count when the caller already has it (from the search index). */
export async function listPatents(db: Queryable, f: PatentFilter, p: Paging, knownTotal?: number): Promise<{ rows: PatentRow[]; total: number }> {
  const params: unknown[] = [];
  const w = patentWhere(f, params);
  const total = knownTotal ?? (await queryOne<{ n: number }>(db, `select count(*)::int as n from patents p ${w}`, params))!.n;
  const rows = await query<PatentRow>(db,
    `select ${LIST_COLUMNS} from patents p ${w} order by ${orderBy(p.sort, SORTS, 'p.id desc')} limit ${p.pageSize} offset ${offsetOf(p)}`, params);
  await attachHolders(db, rows);
  return { rows, total };
}

/** List rows of the given patents, in the given order. */
export async function patentsByIds(db: Queryable, ids: readonly number[]): Promise<PatentRow[]> {
  if (!ids.length) return [];
  const rows = await query<PatentRow>(db, `select ${LIST_COLUMNS} from patents p where p.id = any($1::bigint[])`, [ids]);
  const by = new Map(rows.map((r) => [Number(r.id), r]));
  const out = ids.flatMap((id) => by.get(id) ?? []);
  await attachHolders(db, out);
  return out;
}

/** Patents whose holder matches a name: organisations whose name contains it, and unlinked holder names that start with it. */
export async function patentsOfHolderName(db: Queryable, name: string): Promise<number[]> {
  const rows = await query<{ id: number }>(db,
    `select distinct h.patent_id::int as id from patent_holders h
      where h.org_id in (select id from organisations where name ilike $1) or (h.org_id is null and h.name like $2)`,
    [`%${escapeLike(name)}%`, `${escapeLike(name)}%`]);
  return rows.map((r) => r.id);
}

export async function patentIdsOfHolder(db: Queryable, orgId: number): Promise<number[]> {
  return (await query<{ id: number }>(db, `select distinct patent_id::int as id from patent_holders where org_id = $1`, [orgId])).map((r) => r.id);
}

export async function attachHolders(db: Queryable, rows: PatentRow[]): Promise<void> {
  if (!rows.length) return;
  const hs = await query<{ patent_id: number; name: string; org_id: number | null; org_type: string | null }>(db,
    `select h.patent_id, h.name, h.org_id, o.type as org_type from patent_holders h left join organisations o on o.id = h.org_id
      where h.patent_id = any($1::bigint[]) order by h.patent_id, h.seq`, [rows.map((r) => r.id)]);
  const by = new Map<number, { name: string; orgId: number | null; orgType: string | null }[]>();
  for (const h of hs) {
    const list = by.get(h.patent_id) ?? [];
    list.push({ name: h.name, orgId: h.org_id, orgType: h.org_type });
    by.set(h.patent_id, list);
  }
  for (const r of rows) r.holders = by.get(r.id) ?? [];
}

export async function getPatent(db: Queryable, id: number): Promise<PatentRow | undefined> {
  const row = await queryOne<PatentRow>(db, `select * from patents where id = $1`, [id]);
  if (row) await attachHolders(db, [row]);
  return row;
}

export const getPatentByAppNo = (db: Queryable, appNo: string) => queryOne<PatentRow>(db, `select * from patents where application_number = $1`, [appNo]);

export const statusHistory = (db: Queryable, id: number) =>
  query<{ event_date: string | null; status: string; raw: string | null; event_code: string | null; created_at: Date }>(db,
    `select event_date, status, raw, event_code, created_at from patent_status_history where patent_id = $1 order by coalesce(event_date, created_at::date), id`, [id]);

export const patentUses = (db: Queryable, id: number) =>
  query<{ kind: string; source_type: string | null; source_id: number | null; from_date: string; to_date: string | null; note: string | null }>(db,
    `select kind, source_type, source_id, from_date, to_date, note from patent_uses where patent_id = $1 order by from_date`, [id]);
