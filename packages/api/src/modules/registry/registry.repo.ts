import { query, queryOne, type Queryable } from '../../db/client.ts';
import { offsetOf, orderBy, type Paging } from '../../http/paging.ts';

export type EntryRow = {
  id: number; kind: string; name: string; org_id: number | null; org_name?: string | null; region_code: string | null; start_date: string | null;
  attrs: Record<string, string | number | null>; state: string; published_at: Date | null; source: string; created_by: number | null; created_at: Date; updated_at: Date;
};
const SORTS = { id: 'e.id', name: 'e.name', startDate: 'e.start_date' };

export async function listEntries(db: Queryable, scope: { sql: string; params: unknown[] }, f: { kind?: string; state?: string; q?: string }, pg: Paging & { sort?: string }) {
  const params = [...scope.params];
  const where = scope.sql ? [scope.sql] : [];
  const add = (v: unknown) => { params.push(v); return `$${params.length}`; };
  if (f.kind) where.push(`e.kind = ${add(f.kind)}`);
  if (f.state) where.push(`e.state = ${add(f.state)}`);
  if (f.q) { const l = add(`%${f.q}%`); where.push(`(e.name ilike ${l} or o.name ilike ${l} or e.attrs::text ilike ${l})`); }
  const w = where.length ? `where ${where.join(' and ')}` : '';
  const from = `from registry_entries e left join organisations o on o.id = e.org_id ${w}`;
  const total = (await queryOne<{ n: number }>(db, `select count(*)::int as n ${from}`, params))!.n;
  const rows = await query<EntryRow>(db, `select e.*, o.name as org_name ${from} order by ${orderBy(pg.sort, SORTS, 'e.id desc')} limit ${pg.pageSize} offset ${offsetOf(pg)}`, params);
  return { rows, total };
}
export const getEntry = (db: Queryable, id: number) =>
  queryOne<EntryRow>(db, `select e.*, o.name as org_name from registry_entries e left join organisations o on o.id = e.org_id where e.id = $1`, [id]);

export type ServiceRow = {
  id: number; agency_org_id: number; agency_name: string; enterprise_org_id: number; enterprise_name: string; specialist_id: number | null;
  specialist_name: string | null; service_date: string; type: string; content: string; source: string; created_at: Date;
};
export async function listServices(db: Queryable, scope: { sql: string; params: unknown[] }, f: { type?: string; year?: number }, pg: Paging & { sort?: string }) {
  const params = [...scope.params];
  const where = scope.sql ? [scope.sql] : [];
  if (f.type) { params.push(f.type); where.push(`s.type = $${params.length}`); }
  if (f.year) { params.push(f.year); where.push(`extract(year from s.service_date) = $${params.length}`); }
  const w = where.length ? `where ${where.join(' and ')}` : '';
  const from = `from service_records s join organisations a on a.id = s.agency_org_id join organisations b on b.id = s.enterprise_org_id left join registry_entries sp on sp.id = s.specialist_id ${w}`;
  const total = (await queryOne<{ n: number }>(db, `select count(*)::int as n ${from}`, params))!.n;
  const rows = await query<ServiceRow>(db, `select s.*, a.name as agency_name, b.name as enterprise_name, sp.name as specialist_name ${from}
    order by ${orderBy(pg.sort, { serviceDate: 's.service_date' }, 's.service_date desc')}, s.id desc limit ${pg.pageSize} offset ${offsetOf(pg)}`, params);
  /** 家次 over the whole filtered set: distinct (agency, enterprise, day). */
  const visits = (await queryOne<{ visits: number; enterprises: number }>(db,
    `select count(distinct (s.agency_org_id, s.enterprise_org_id, s.service_date))::int as visits, count(distinct s.enterprise_org_id)::int as enterprises ${from}`, params))!;
  return { rows, total, visits };
}
