/** SQL of supply lists. */
import { query, queryOne, type Queryable } from '../../db/client.ts';

export type ListRow = {
  id: number; kind: 'general' | 'soe_sharing'; title: string; description: string | null; filter: Record<string, unknown>; run_id: number | null;
  state: 'draft' | 'reviewed' | 'published'; list_no: string | null; publish_year: number | null; publish_seq: number | null; published_on: string | null;
  item_count: number; org_id: number | null; created_by: number | null; reviewed_by: number | null; reviewed_at: Date | null; review_comment: string | null;
  published_by: number | null; created_at: Date; updated_at: Date; batch_no?: string | null; as_of?: string | null; org_name?: string | null;
};

const SELECT = `select l.*, r.batch_no, r.as_of, o.name as org_name from supply_lists l
  left join inventory_runs r on r.id = l.run_id left join organisations o on o.id = l.org_id`;

export const getList = (db: Queryable, id: number) => queryOne<ListRow>(db, `${SELECT} where l.id = $1`, [id]);

export async function listLists(db: Queryable, f: { publishedOnly?: boolean; orgId?: number | null; state?: string; kind?: string }, page: number, pageSize: number): Promise<{ rows: ListRow[]; total: number }> {
  const params: unknown[] = [];
  const w: string[] = [];
  const add = (v: unknown) => { params.push(v); return `$${params.length}`; };
  if (f.publishedOnly) w.push(`l.state = 'published'`);
  if (f.orgId != null) w.push(`(l.org_id = ${add(f.orgId)} or l.state = 'published')`);
  if (f.state) w.push(`l.state = ${add(f.state)}`);
  if (f.kind) w.push(`l.kind = ${add(f.kind)}`);
  const where = w.length ? `where ${w.join(' and ')}` : '';
  const total = (await queryOne<{ n: number }>(db, `select count(*)::int as n from supply_lists l ${where}`, params))!.n;
  const rows = await query<ListRow>(db, `${SELECT} ${where} order by l.published_on desc nulls first, l.id desc limit ${pageSize} offset ${(page - 1) * pageSize}`, params);
  return { rows, total };
}

export async function insertList(db: Queryable, l: { kind: string; title: string; description: string | null; filter: unknown; runId: number; orgId: number | null; createdBy: number | null }): Promise<ListRow> {
  const row = await queryOne<{ id: number }>(db,
    `insert into supply_lists (kind, title, description, filter, run_id, org_id, created_by) values ($1,$2,$3,$4,$5,$6,$7) returning id`,
    [l.kind, l.title, l.description, JSON.stringify(l.filter), l.runId, l.orgId, l.createdBy]);
  return (await getList(db, row!.id))!;
}

export async function updateList(db: Queryable, id: number, p: { title?: string; description?: string | null; filter?: unknown; runId?: number }): Promise<void> {
  await query(db, `update supply_lists set title = coalesce($2, title), description = case when $3::boolean then $4 else description end,
    filter = coalesce($5::jsonb, filter), run_id = coalesce($6, run_id), updated_at = now() where id = $1`,
    [id, p.title ?? null, p.description !== undefined, p.description ?? null, p.filter === undefined ? null : JSON.stringify(p.filter), p.runId ?? null]);
}

export const setState = (db: Queryable, id: number, state: string, extra: { reviewedBy?: number | null; comment?: string | null; itemCount?: number }) => query(db,
  `update supply_lists set state = $2, reviewed_by = case when $2 = 'reviewed' then $3 else reviewed_by end, reviewed_at = case when $2 = 'reviewed' then now() else reviewed_at end,
     review_comment = coalesce($4, review_comment), item_count = coalesce($5, item_count), updated_at = now() where id = $1`,
  [id, state, extra.reviewedBy ?? null, extra.comment ?? null, extra.itemCount ?? null]);

export async function publish(db: Queryable, id: number, p: { listNo: string; year: number; seq: number; on: string; by: number | null }): Promise<void> {
  await query(db, `update supply_lists set state = 'published', list_no = $2, publish_year = $3, publish_seq = $4, published_on = $5, published_by = $6, updated_at = now() where id = $1`,
    [id, p.listNo, p.year, p.seq, p.on, p.by]);
}

export async function nextSeq(db: Queryable, kind: string, year: number): Promise<number> {
  await query(db, `select pg_advisory_xact_lock(724101)`);
  return (await queryOne<{ n: number }>(db, `select coalesce(max(publish_seq), 0)::int + 1 as n from supply_lists where kind = $1 and publish_year = $2`, [kind, year]))!.n;
}

export async function replaceItems(db: Queryable, id: number, items: { patentId: number; data: unknown }[]): Promise<void> {
  await query(db, `delete from supply_list_items where list_id = $1`, [id]);
  for (let i = 0; i < items.length; i += 2000) {
    const chunk = items.slice(i, i + 2000);
    await query(db, `insert into supply_list_items (list_id, seq, patent_id, data) select $1, s, p, d::jsonb from unnest($2::int[], $3::bigint[], $4::text[]) as u(s, p, d)`,
      [id, chunk.map((_, k) => i + k + 1), chunk.map((x) => x.patentId), chunk.map((x) => JSON.stringify(x.data))]);
  }
}

export async function frozenItems(db: Queryable, id: number, page: number, pageSize: number): Promise<{ rows: { seq: number; patent_id: number; data: Record<string, unknown> }[]; total: number }> {
  const total = (await queryOne<{ n: number }>(db, `select count(*)::int as n from supply_list_items where list_id = $1`, [id]))!.n;
  const rows = await query<{ seq: number; patent_id: number; data: Record<string, unknown> }>(db,
    `select seq, patent_id, data from supply_list_items where list_id = $1 order by seq limit ${pageSize} offset ${(page - 1) * pageSize}`, [id]);
  return { rows, total };
}
