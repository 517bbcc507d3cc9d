import { query, queryOne, type Queryable } from '../../db/client.ts';
import { offsetOf, orderBy, type Paging } from '../../http/paging.ts';

export type EventRow = {
  id: number; title: string; kind: string; organiser_org_id: number | null; organiser_name: string; event_date: string; online: boolean;
  place: string | null; target_industry: string | null; target_parks: string | null; region_code: string | null; description: string | null;
  state: string; source: string; created_by: number | null; created_at: Date; updated_at: Date;
  project_count?: number; registration_count?: number; deal_count?: number;
};

const SELECT = `select e.*,
   (select count(*)::int from event_projects p where p.event_id = e.id) as project_count,
   (select count(*)::int from event_registrations r where r.event_id = e.id) as registration_count,
   (select count(distinct o.deal_id)::int from event_outcomes o join deals d on d.id = o.deal_id where o.event_id = e.id and d.state not in ('draft','terminated')) as deal_count
  from events e`;
const SORTS = { eventDate: 'e.event_date', id: 'e.id' };

export async function listEvents(db: Queryable, f: { state?: string; kind?: string; q?: string; year?: number }, pg: Paging & { sort?: string }) {
  const params: unknown[] = [];
  const where: string[] = [];
  const add = (v: unknown) => { params.push(v); return `$${params.length}`; };
  if (f.state) where.push(`e.state = ${add(f.state)}`);
  if (f.kind) where.push(`e.kind = ${add(f.kind)}`);
  if (f.year) where.push(`extract(year from e.event_date) = ${add(f.year)}`);
  if (f.q) { const l = add(`%${f.q}%`); where.push(`(e.title ilike ${l} or e.organiser_name ilike ${l} or e.target_industry ilike ${l})`); }
  const w = where.length ? `where ${where.join(' and ')}` : '';
  const total = (await queryOne<{ n: number }>(db, `select count(*)::int as n from events e ${w}`, params))!.n;
  const rows = await query<EventRow>(db, `${SELECT} ${w} order by ${orderBy(pg.sort, SORTS, 'e.event_date desc')}, e.id desc limit ${pg.pageSize} offset ${offsetOf(pg)}`, params);
  return { rows, total };
}

export const getEvent = (db: Queryable, id: number) => queryOne<EventRow>(db, `${SELECT} where e.id = $1`, [id]);

export type ProjectRow = { id: number; kind: 'patent' | 'listing' | 'demand'; ref_id: number | null; title: string; presenter_org_id: number | null; presenter_name: string | null };
export const eventProjects = (db: Queryable, id: number) =>
  query<ProjectRow>(db, `select p.id, p.kind, p.ref_id, p.title, p.presenter_org_id, o.name as presenter_name from event_projects p left join organisations o on o.id = p.presenter_org_id where p.event_id = $1 order by p.id`, [id]);
export const eventRegistrations = (db: Queryable, id: number) =>
  query<{ org_id: number; name: string; registered_at: Date }>(db, `select r.org_id, o.name, r.registered_at from event_registrations r join organisations o on o.id = r.org_id where r.event_id = $1 order by r.registered_at`, [id]);
export type OutcomeRow = { id: number; kind: 'contact' | 'intent' | 'deal'; project_id: number | null; org_id: number | null; org_name: string | null; deal_id: number | null; note: string | null; created_at: Date };
export const eventOutcomes = (db: Queryable, id: number) =>
  query<OutcomeRow>(db, `select x.id, x.kind, x.project_id, x.org_id, o.name as org_name, x.deal_id, x.note, x.created_at from event_outcomes x left join organisations o on o.id = x.org_id where x.event_id = $1 order by x.id`, [id]);
/** The ledger deals linked to the event: state, amount and the number of patents (counted, not typed in). */
export const eventDeals = (db: Queryable, id: number) =>
  query<{ deal_id: number; title: string; kind: string; state: string; contract_amount_fen: number; contract_date: string | null; patents: number }>(db,
    `select distinct d.id as deal_id, d.title, d.kind, d.state, d.contract_amount_fen, d.contract_date,
            (select count(*)::int from deal_patents dp where dp.deal_id = d.id) as patents
       from event_outcomes x join deals d on d.id = x.deal_id where x.event_id = $1 order by d.id`, [id]);
