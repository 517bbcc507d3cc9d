import { AppError } from '@zhuanhua/domain';
import {
  ENTRY_STATE_LABELS, REGISTRY_KIND_LABELS, SERVICE_TYPE_LABELS, assertEntryTransition, cleanAttrs, initialState, publishProblems,
  serviceRecordProblems, type EntryInput, type EntryState, type RegistryKind, type ServiceRecordInput, type ServiceType,
} from '@zhuanhua/domain/registry/index.ts';
import { inTx, query, queryOne, type Queryable } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import type { Paging } from '../../http/paging.ts';
import { audit } from '../../lib/audit.ts';
import { regionCondition, todayCn } from '../pledge/pledge.common.ts';
import { getEntry, listEntries, listServices, type EntryRow, type ServiceRow } from './registry.repo.ts';

/** Kinds a service agency may register itself (for its own organisation). */
const AGENCY_KINDS: readonly RegistryKind[] = ['agency', 'specialist', 'typical_case'];

export function presentEntry(e: EntryRow) {
  return {
    id: e.id, kind: e.kind, kindLabel: REGISTRY_KIND_LABELS[e.kind as RegistryKind] ?? e.kind, name: e.name, orgId: e.org_id, orgName: e.org_name ?? null,
    regionCode: e.region_code, startDate: e.start_date, attrs: e.attrs, state: e.state, stateLabel: ENTRY_STATE_LABELS[e.state as EntryState] ?? e.state,
    publishedAt: e.published_at, source: e.source,
  };
}

/** The public sees active entries and published cases; the owner also its drafts; the office everything. */
function entryScope(actor: Actor | null): { sql: string; params: unknown[] } {
  if (actor?.role === 'platform_admin' || actor?.role === 'auditor') return { sql: '', params: [] };
  if (actor?.orgId) return { sql: `(e.state in ('active','published') or e.org_id = $1)`, params: [actor.orgId] };
  return { sql: `e.state in ('active','published')`, params: [] };
}
const canSee = (actor: Actor | null, e: EntryRow) =>
  e.state === 'active' || e.state === 'published' || actor?.role === 'platform_admin' || actor?.role === 'auditor' || (!!actor?.orgId && e.org_id === actor.orgId);
const canEdit = (actor: Actor, e: { kind: string; org_id: number | null }) =>
  actor.role === 'platform_admin' || (actor.role === 'service_agent' && actor.orgId !== null && e.org_id === actor.orgId && AGENCY_KINDS.includes(e.kind as RegistryKind));

export async function listEntriesView(db: Queryable, actor: Actor | null, f: { kind?: string; state?: string; q?: string }, pg: Paging) {
  const { rows, total } = await listEntries(db, entryScope(actor), f, pg);
  return { items: rows.map(presentEntry), total };
}

export async function getEntryView(db: Queryable, actor: Actor | null, id: number) {
  const e = await getEntry(db, id);
  if (!e || !canSee(actor, e)) throw new AppError('NOT_FOUND', '登记记录不存在');
  return { ...presentEntry(e), canEdit: !!actor && canEdit(actor, e) };
}

export async function createEntry(db: Queryable, actor: Actor, input: EntryInput): Promise<number> {
  const orgId = actor.role === 'service_agent' ? actor.orgId : input.orgId ?? null;
  if (!canEdit(actor, { kind: input.kind, org_id: orgId })) throw new AppError('FORBIDDEN', '服务机构只能登记本机构的服务机构、专员信息和典型案例');
  const attrs = cleanAttrs(input.kind, input.attrs);
  return inTx(db, async (tx) => {
    const dup = await queryOne(tx, `select 1 from registry_entries where kind = $1 and name = $2`, [input.kind, input.name]);
    if (dup) throw new AppError('DUPLICATE', `${REGISTRY_KIND_LABELS[input.kind]}“${input.name}”已登记`);
    // without a region of its own, an entry takes its organisation's region (the indicators count by region)
    const region = input.regionCode ?? (orgId ? (await queryOne<{ region_code: string | null }>(tx, `select region_code from organisations where id = $1`, [orgId]))?.region_code ?? null : null);
    const row = (await queryOne<{ id: number }>(tx, `insert into registry_entries (kind, name, org_id, region_code, start_date, attrs, state, created_by)
      values ($1,$2,$3,$4,$5,$6,$7,$8) returning id`,
    [input.kind, input.name, orgId, region, input.startDate ?? null, JSON.stringify(attrs), initialState(input.kind), actor.userId || null]))!;
    await audit(tx, actor, { action: 'registry.create', entity: 'registry_entry', entityId: row.id, after: { ...input, attrs } });
    return row.id;
  });
}

export const updateEntry = (db: Queryable, actor: Actor, id: number, patch: { name?: string; orgId?: number | null; regionCode?: string | null; startDate?: string | null; attrs?: Record<string, string | number | null> }) => inTx(db, async (tx) => {
  const e = await queryOne<EntryRow>(tx, `select * from registry_entries where id = $1 for update`, [id]);
  if (!e || !canSee(actor, e)) throw new AppError('NOT_FOUND', '登记记录不存在');
  if (!canEdit(actor, e)) throw new AppError('FORBIDDEN', '无权修改该登记记录');
  const attrs = patch.attrs ? cleanAttrs(e.kind as RegistryKind, { ...e.attrs, ...patch.attrs }) : e.attrs;
  const next = {
    name: patch.name ?? e.name, org_id: actor.role === 'platform_admin' && patch.orgId !== undefined ? patch.orgId : e.org_id,
    region_code: patch.regionCode !== undefined ? patch.regionCode : e.region_code, start_date: patch.startDate !== undefined ? patch.startDate : e.start_date,
  };
  await query(tx, `update registry_entries set name = $2, org_id = $3, region_code = $4, start_date = $5, attrs = $6, updated_at = now() where id = $1`,
    [id, next.name, next.org_id, next.region_code, next.start_date, JSON.stringify(attrs)]);
  await audit(tx, actor, { action: 'registry.update', entity: 'registry_entry', entityId: id, before: { ...e, created_at: undefined, updated_at: undefined }, after: { ...next, attrs } });
});

/** Publish / withdraw (the office): a typical case is published on the portal only when complete. */
export const setEntryState = (db: Queryable, actor: Actor, id: number, to: EntryState) => inTx(db, async (tx) => {
  const e = await queryOne<EntryRow>(tx, `select * from registry_entries where id = $1 for update`, [id]);
  if (!e) throw new AppError('NOT_FOUND', '登记记录不存在');
  assertEntryTransition(e.kind as RegistryKind, e.state as EntryState, to);
  if (to === 'published') {
    const p = publishProblems(e.attrs);
    if (p.length) throw new AppError('RULE_VIOLATION', p.join('；'), { problems: p });
  }
  await query(tx, `update registry_entries set state = $2, published_at = case when $2 = 'published' then now() else published_at end, updated_at = now() where id = $1`, [id, to]);
  await audit(tx, actor, { action: 'registry.state', entity: 'registry_entry', entityId: id, before: { state: e.state }, after: { state: to } });
});

// ---------------------------------------------------------------- service records (家次)
function serviceScope(actor: Actor): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  if (actor.role === 'platform_admin' || actor.role === 'auditor') {
    const r = regionCondition(actor, 'b.region_code', params);
    return { sql: r, params };
  }
  if (actor.role === 'service_agent') return { sql: 's.agency_org_id = $1', params: [actor.orgId ?? -1] };
  return { sql: 's.enterprise_org_id = $1', params: [actor.orgId ?? -1] };
}

export function presentService(s: ServiceRow) {
  return {
    id: s.id, agencyOrgId: s.agency_org_id, agencyName: s.agency_name, enterpriseOrgId: s.enterprise_org_id, enterpriseName: s.enterprise_name,
    specialistId: s.specialist_id, specialistName: s.specialist_name, serviceDate: s.service_date, type: s.type,
    typeLabel: SERVICE_TYPE_LABELS[s.type as ServiceType] ?? s.type, content: s.content, source: s.source,
  };
}

export async function listServicesView(db: Queryable, actor: Actor, f: { type?: string; year?: number }, pg: Paging) {
  const { rows, total, visits } = await listServices(db, serviceScope(actor), f, pg);
  return { items: rows.map(presentService), total, visits: visits.visits, enterprises: visits.enterprises };
}

export async function createService(db: Queryable, actor: Actor, input: ServiceRecordInput, today = todayCn()): Promise<number> {
  const agencyOrgId = actor.role === 'service_agent' ? actor.orgId : input.agencyOrgId;
  if (!agencyOrgId) throw new AppError('VALIDATION', '请选择服务机构');
  const problems = serviceRecordProblems({ agencyOrgId, enterpriseOrgId: input.enterpriseOrgId, serviceDate: input.serviceDate, type: input.type }, today);
  if (problems.length) throw new AppError('VALIDATION', problems.join('；'), { problems });
  return inTx(db, async (tx) => {
    const ent = await queryOne(tx, `select 1 from organisations where id = $1`, [input.enterpriseOrgId]);
    if (!ent) throw new AppError('VALIDATION', '服务对象不存在');
    if (input.specialistId) {
      const sp = await queryOne<{ kind: string; org_id: number | null }>(tx, `select kind, org_id from registry_entries where id = $1`, [input.specialistId]);
      if (!sp || sp.kind !== 'specialist') throw new AppError('VALIDATION', '所选专员不存在');
    }
    const row = (await queryOne<{ id: number }>(tx, `insert into service_records (agency_org_id, enterprise_org_id, specialist_id, service_date, type, content, created_by)
      values ($1,$2,$3,$4,$5,$6,$7) returning id`, [agencyOrgId, input.enterpriseOrgId, input.specialistId ?? null, input.serviceDate, input.type, input.content, actor.userId || null]))!;
    await audit(tx, actor, { action: 'registry.service', entity: 'service_record', entityId: row.id, after: { ...input, agencyOrgId } });
    return row.id;
  });
}
