import { query, queryOne, type Queryable } from '../../db/client.ts';
import { offsetOf, orderBy, type Paging } from '../../http/paging.ts';

export type OrganisationRow = {
  id: number; name: string; type: string; size_class: string | null; size_class_year: number | null; uscc: string | null;
  region_code: string | null; region_name?: string | null; address: string | null; industry_code: string | null;
  business_scope: string | null; products: string | null; contact_name: string | null; contact_phone: string | null;
  contact_email: string | null; is_demo: boolean; generated_fields: string[]; created_at: Date; updated_at: Date; patent_count?: number;
};

export type OrganisationFilter = { q?: string; type?: string; region?: string; sizeClass?: string };

const SORTS = { name: 'o.name', type: 'o.type', region: 'o.region_code', created: 'o.created_at', patents: 'patent_count' };

export async function listOrganisations(db: Queryable, f: OrganisationFilter, p: Paging): Promise<{ rows: OrganisationRow[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.q) { params.push(`%${f.q}%`); where.push(`(o.name ilike $${params.length} or o.uscc ilike $${params.length})`); }
  if (f.type) { params.push(f.type); where.push(`o.type = $${params.length}`); }
  if (f.sizeClass) { params.push(f.sizeClass); where.push(`o.size_class = $${params.length}`); }
  if (f.region) { params.push(regionLike(f.region)); where.push(`o.region_code like $${params.length}`); }
  const w = where.length ? `where ${where.join(' and ')}` : '';
  const total = (await queryOne<{ n: number }>(db, `select count(*)::int as n from organisations o ${w}`, params))!.n;
  const rows = await query<OrganisationRow>(db,
    `select o.*, r.name as region_name,
            (select count(*)::int from patent_holders h where h.org_id = o.id) as patent_count
       from organisations o left join ref_region r on r.code = o.region_code
       ${w} order by ${orderBy(p.sort, SORTS, 'o.id')} limit ${p.pageSize} offset ${offsetOf(p)}`, params);
  return { rows, total };
}

/** '510000' → '51%', '510100' → '5101%', '510104' → '510104'. */
export function regionLike(code: string): string {
  if (/^\d{2}0000$/.test(code)) return `${code.slice(0, 2)}%`;
  if (/^\d{4}00$/.test(code)) return `${code.slice(0, 4)}%`;
  return code;
}

export const getOrganisation = (db: Queryable, id: number): Promise<OrganisationRow | undefined> =>
  queryOne<OrganisationRow>(db,
    `select o.*, r.name as region_name, (select count(*)::int from patent_holders h where h.org_id = o.id) as patent_count
       from organisations o left join ref_region r on r.code = o.region_code where o.id = $1`, [id]);

export const findOrganisationByName = (db: Queryable, name: string): Promise<OrganisationRow | undefined> =>
  queryOne<OrganisationRow>(db, `select * from organisations where name = $1`, [name]);

export type OrganisationWrite = {
  name: string; type: string; sizeClass?: string | null; sizeClassYear?: number | null; uscc?: string | null; regionCode?: string | null;
  address?: string | null; industryCode?: string | null; businessScope?: string | null; products?: string | null;
  contactName?: string | null; contactPhone?: string | null; contactEmail?: string | null; isDemo?: boolean; generatedFields?: string[];
};

export async function insertOrganisation(db: Queryable, o: OrganisationWrite): Promise<OrganisationRow> {
  return (await queryOne<OrganisationRow>(db,
    `insert into organisations (name, type, size_class, size_class_year, uscc, region_code, address, industry_code, business_scope, products,
                                contact_name, contact_phone, contact_email, is_demo, generated_fields)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) returning *`,
    [o.name, o.type, o.sizeClass ?? null, o.sizeClassYear ?? null, o.uscc ?? null, o.regionCode ?? null, o.address ?? null, o.industryCode ?? null,
      o.businessScope ?? null, o.products ?? null, o.contactName ?? null, o.contactPhone ?? null, o.contactEmail ?? null, o.isDemo ?? false, o.generatedFields ?? []]))!;
}

const COLS: Record<keyof OrganisationWrite, string> = {
  name: 'name', type: 'type', sizeClass: 'size_class', sizeClassYear: 'size_class_year', uscc: 'uscc', regionCode: 'region_code', address: 'address',
  industryCode: 'industry_code', businessScope: 'business_scope', products: 'products', contactName: 'contact_name', contactPhone: 'contact_phone',
  contactEmail: 'contact_email', isDemo: 'is_demo', generatedFields: 'generated_fields',
};

export async function updateOrganisation(db: Queryable, id: number, data: Partial<OrganisationWrite>): Promise<OrganisationRow> {
  const sets: string[] = [];
  const params: unknown[] = [id];
  for (const [k, v] of Object.entries(data)) {
    const col = COLS[k as keyof OrganisationWrite];
    if (!col || v === undefined) continue;
    params.push(v);
    sets.push(`${col} = $${params.length}`);
  }
  sets.push('updated_at = now()');
  return (await queryOne<OrganisationRow>(db, `update organisations set ${sets.join(', ')} where id = $1 returning *`, params))!;
}
