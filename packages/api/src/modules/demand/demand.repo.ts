import { query, queryOne, type Queryable } from '../../db/client.ts';

export type DemandRow = {
  id: number; org_id: number; org_name: string | null; created_by: number | null; company_name: string | null;
  title: string; description: string; indicators: string | null; problem: string | null; foundation: string | null;
  industry: string | null; region_code: string | null; region_text: string | null; region_name: string | null;
  budget_min_fen: number | null; budget_max_fen: number | null; budget_text: string | null; mode: string; valid_until: string | null;
  contact_name: string | null; contact_phone: string | null; contact_email: string | null;
  state: string; review_comment: string | null; published_at: string | null; source: string; created_at: string; updated_at: string;
};

const SELECT = `select d.id::int as id, d.org_id::int as org_id, o.name as org_name, d.created_by::int as created_by, d.company_name,
  d.title, d.description, d.indicators, d.problem, d.foundation, d.industry, d.region_code, d.region_text, r.name as region_name,
  d.budget_min_fen::float8 as budget_min_fen, d.budget_max_fen::float8 as budget_max_fen, d.budget_text, d.mode, to_char(d.valid_until, 'YYYY-MM-DD') as valid_until,
  d.contact_name, d.contact_phone, d.contact_email, d.state, d.review_comment, d.published_at, d.source, d.created_at, d.updated_at
  from demands d left join organisations o on o.id = d.org_id left join ref_region r on r.code = d.region_code`;

export const getDemand = (db: Queryable, id: number) => queryOne<DemandRow>(db, `${SELECT} where d.id = $1`, [id]);

export type DemandWrite = {
  orgId: number; createdBy: number | null; companyName?: string | null; title: string; description: string;
  indicators?: string | null; problem?: string | null; foundation?: string | null; industry?: string | null;
  regionCode?: string | null; regionText?: string | null; budgetMinFen?: number | null; budgetMaxFen?: number | null; budgetText?: string | null;
  mode: string; validUntil?: string | null; contactName?: string | null; contactPhone?: string | null; contactEmail?: string | null;
  state?: string; source?: string;
};

export async function insertDemand(db: Queryable, w: DemandWrite): Promise<number> {
  const row = await queryOne<{ id: number }>(db, `insert into demands (org_id, created_by, company_name, title, description, indicators, problem, foundation, industry,
      region_code, region_text, budget_min_fen, budget_max_fen, budget_text, mode, valid_until, contact_name, contact_phone, contact_email, state, source, published_at)
    values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21, case when $20 = 'published' then now() end) returning id::int as id`,
  [w.orgId, w.createdBy, w.companyName ?? null, w.title, w.description, w.indicators ?? null, w.problem ?? null, w.foundation ?? null, w.industry ?? null,
    w.regionCode ?? null, w.regionText ?? null, w.budgetMinFen ?? null, w.budgetMaxFen ?? null, w.budgetText ?? null, w.mode, w.validUntil ?? null,
    w.contactName ?? null, w.contactPhone ?? null, w.contactEmail ?? null, w.state ?? 'draft', w.source ?? 'manual']);
  return row!.id;
}

export async function updateDemandFields(db: Queryable, id: number, w: Omit<DemandWrite, 'orgId' | 'createdBy'>): Promise<void> {
  await query(db, `update demands set title=$2, description=$3, indicators=$4, problem=$5, foundation=$6, industry=$7, region_code=$8,
      budget_min_fen=$9, budget_max_fen=$10, mode=$11, valid_until=$12, contact_name=$13, contact_phone=$14, contact_email=$15, updated_at=now() where id=$1`,
  [id, w.title, w.description, w.indicators ?? null, w.problem ?? null, w.foundation ?? null, w.industry ?? null, w.regionCode ?? null,
    w.budgetMinFen ?? null, w.budgetMaxFen ?? null, w.mode, w.validUntil ?? null, w.contactName ?? null, w.contactPhone ?? null, w.contactEmail ?? null]);
}

export async function setDemandState(db: Queryable, id: number, state: string, extra: { reviewedBy?: number | null; comment?: string | null } = {}): Promise<void> {
  await query(db, `update demands set state=$2, updated_at=now(),
      review_comment = coalesce($3, review_comment), reviewed_by = coalesce($4, reviewed_by),
      reviewed_at = case when $4::bigint is not null then now() else reviewed_at end,
      published_at = case when $2 = 'published' then now() else published_at end where id=$1`, [id, state, extra.comment ?? null, extra.reviewedBy ?? null]);
}

/** Mark published demands whose validUntil has passed as expired (returns the ids). */
export async function expireDemands(db: Queryable, today: string): Promise<number[]> {
  const rows = await query<{ id: number }>(db, `update demands set state='expired', updated_at=now() where state='published' and valid_until < $1::date returning id::int as id`, [today]);
  return rows.map((r) => r.id);
}

export type DemandFilter = { q?: string; state?: string; mode?: string; regionCode?: string; orgId?: number; publicOnly?: boolean };

export async function listDemands(db: Queryable, f: DemandFilter, page: number, pageSize: number, sort: string): Promise<{ rows: DemandRow[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  if (f.publicOnly) where.push(`d.state in ('published','matched')`);
  if (f.state) where.push(`d.state = ${p(f.state)}`);
  if (f.mode) where.push(`d.mode = ${p(f.mode)}`);
  if (f.orgId) where.push(`d.org_id = ${p(f.orgId)}`);
  if (f.regionCode) where.push(`d.region_code like ${p(f.regionCode.replace(/0+$/, '') + '%')}`);
  if (f.q) where.push(`(d.title ilike ${p('%' + f.q.replace(/[%_\\]/g, (c) => '\\' + c) + '%')} or d.description ilike $${params.length} or d.company_name ilike $${params.length})`);
  const w = where.length ? `where ${where.join(' and ')}` : '';
  const order = sort === 'validUntil' ? 'd.valid_until asc nulls last, d.id desc' : sort === 'budget' ? 'd.budget_max_fen desc nulls last, d.id desc' : 'coalesce(d.published_at, d.created_at) desc, d.id desc';
  const total = (await queryOne<{ n: number }>(db, `select count(*)::int as n from demands d ${w}`, [...params]))!.n;
  const rows = await query<DemandRow>(db, `${SELECT} ${w} order by ${order} limit ${p(pageSize)} offset ${p((page - 1) * pageSize)}`, params);
  return { rows, total };
}

/** Rows for the search index (published/matched demands). */
export const demandsForIndex = (db: Queryable, sinceIso: string | null) => query<DemandRow>(db,
  `${SELECT} where ($1::timestamptz is null or d.updated_at > $1::timestamptz) order by d.id`, [sinceIso]);
