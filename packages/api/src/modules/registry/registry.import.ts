/** Import and export of registries (one kind per file) and of service records. */
import { AppError } from '@zhuanhua/domain';
import {
  REGISTRY_FIELDS, REGISTRY_KIND_LABELS, SERVICE_TYPES, SERVICE_TYPE_LABELS, cleanAttrs, initialState, serviceRecordProblems,
  type RegistryAttrs, type RegistryKind, type ServiceType,
} from '@zhuanhua/domain/registry/index.ts';
import { query, queryOne, type Queryable } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import type { Progress } from '../../jobs/jobs.ts';
import { parseLooseDate, pick } from '../../lib/tabular.ts';
import { orgIdByName, runImport, todayCn, type RowError } from '../pledge/pledge.common.ts';
import type { presentEntry, presentService } from './registry.service.ts';

const BASE = ['名称', '所属机构', '行政区划代码', '认定/设立日期'];
export const entryTemplate = (kind: RegistryKind) => [...BASE, ...REGISTRY_FIELDS[kind].map((f) => f.label)];

type EntryRec = { name: string; orgId: number | null; regionCode: string | null; startDate: string | null; attrs: RegistryAttrs };

export async function importEntries(db: Queryable, actor: Actor, kind: RegistryKind, filename: string, buf: Buffer, validOnly: boolean, progress?: Progress) {
  const orgs = new Map<string, Awaited<ReturnType<typeof orgIdByName>>>();
  const seen = new Set<string>();
  return runImport<EntryRec>({
    db, actor, filename, buf, validOnly, entity: 'registry', progress,
    parse: async (row, c) => {
      const errors: RowError[] = [];
      const err = (field: string, message: string) => errors.push({ row, field, message });
      const name = pick(c, ['名称', '姓名']);
      if (name.length < 2) err('名称', '缺少名称');
      else if (seen.has(name)) err('名称', '文件中名称重复');
      else if (await queryOne(db, `select 1 from registry_entries where kind = $1 and name = $2`, [kind, name])) err('名称', '该名称已登记');
      seen.add(name);
      const orgName = pick(c, ['所属机构']);
      const org = orgName ? await orgIdByName(db, orgName, orgs) : undefined;
      if (orgName && !org) err('所属机构', `机构“${orgName}”不存在`);
      const regionCode = pick(c, ['行政区划代码']) || null;
      if (regionCode && !/^\d{6}$/.test(regionCode)) err('行政区划代码', '行政区划代码为 6 位数字');
      const dRaw = pick(c, ['认定/设立日期', '日期']);
      const startDate = dRaw ? parseLooseDate(dRaw) : null;
      if (dRaw && !startDate) err('认定/设立日期', '日期格式不正确');
      const raw: Record<string, unknown> = {};
      for (const f of REGISTRY_FIELDS[kind]) {
        const v = pick(c, [f.label]);
        raw[f.key] = f.type === 'date' && v ? parseLooseDate(v) ?? v : v;
      }
      let attrs: RegistryAttrs = {};
      try { attrs = cleanAttrs(kind, raw); } catch (e) {
        const ps = ((e as AppError).details as { problems?: { field: string; message: string }[] })?.problems ?? [];
        for (const p of ps) err(REGISTRY_FIELDS[kind].find((f) => f.key === p.field)?.label ?? p.field, p.message);
      }
      if (errors.length) return { errors };
      return { errors, record: { name, orgId: org?.id ?? null, regionCode: regionCode ?? org?.region_code ?? null, startDate, attrs } };
    },
    write: async (tx, recs) => {
      const ids: number[] = [];
      for (const r of recs) {
        const row = await queryOne<{ id: number }>(tx, `insert into registry_entries (kind, name, org_id, region_code, start_date, attrs, state, source, created_by)
          values ($1,$2,$3,$4,$5,$6,$7,'import',$8) returning id`, [kind, r.name, r.orgId, r.regionCode, r.startDate, JSON.stringify(r.attrs), initialState(kind), actor.userId || null]);
        ids.push(row!.id);
      }
      return ids;
    },
  });
}

export function entryExport(kind: RegistryKind | undefined, items: ReturnType<typeof presentEntry>[]) {
  const extra = kind ? REGISTRY_FIELDS[kind].map((f) => ({ header: f.label, key: `a_${f.key}`, width: 18 })) : [];
  return {
    name: kind ? REGISTRY_KIND_LABELS[kind] : '登记名录',
    columns: [
      { header: '编号', key: 'id', width: 8 }, { header: '类别', key: 'kindLabel', width: 18 }, { header: '名称', key: 'name', width: 30 },
      { header: '所属机构', key: 'orgName', width: 24 }, { header: '行政区划代码', key: 'regionCode', width: 12 }, { header: '认定/设立日期', key: 'startDate', width: 12 },
      { header: '状态', key: 'stateLabel', width: 8 }, ...extra,
    ],
    rows: items.map((i) => ({ ...i, ...Object.fromEntries(Object.entries(i.attrs).map(([k, v]) => [`a_${k}`, v])) })),
  };
}

export const SERVICE_TEMPLATE = ['服务机构', '服务对象', '服务日期', '服务类型', '服务内容', '专员'];
type ServiceRec = { agencyOrgId: number; enterpriseOrgId: number; specialistId: number | null; serviceDate: string; type: ServiceType; content: string };

export async function importServices(db: Queryable, actor: Actor, filename: string, buf: Buffer, validOnly: boolean, progress?: Progress) {
  const orgs = new Map<string, Awaited<ReturnType<typeof orgIdByName>>>();
  const specialists = new Map<string, number | undefined>();
  const today = todayCn();
  return runImport<ServiceRec>({
    db, actor, filename, buf, validOnly, entity: 'service-record', progress,
    parse: async (row, c) => {
      const errors: RowError[] = [];
      const err = (field: string, message: string) => errors.push({ row, field, message });
      let agencyOrgId = actor.role === 'service_agent' ? actor.orgId : null;
      if (!agencyOrgId) {
        const n = pick(c, ['服务机构']);
        const a = n ? await orgIdByName(db, n, orgs) : undefined;
        if (!a) err('服务机构', n ? `机构“${n}”不存在` : '缺少服务机构');
        agencyOrgId = a?.id ?? null;
      }
      const en = pick(c, ['服务对象', '企业名称']);
      const ent = en ? await orgIdByName(db, en, orgs) : undefined;
      if (!ent) err('服务对象', en ? `企业“${en}”不存在，请先登记机构` : '缺少服务对象');
      const d = parseLooseDate(pick(c, ['服务日期', '日期']));
      if (!d) err('服务日期', '服务日期缺失或格式不正确');
      const tl = pick(c, ['服务类型']);
      const type = SERVICE_TYPES.find((t) => SERVICE_TYPE_LABELS[t] === tl || t === tl);
      if (!type) err('服务类型', `服务类型须为：${SERVICE_TYPES.map((t) => SERVICE_TYPE_LABELS[t]).join('、')}`);
      const content = pick(c, ['服务内容']);
      if (content.length < 2) err('服务内容', '缺少服务内容');
      const spName = pick(c, ['专员']);
      if (spName && !specialists.has(spName)) specialists.set(spName, (await queryOne<{ id: number }>(db, `select id from registry_entries where kind = 'specialist' and name = $1`, [spName]))?.id);
      const sp = spName ? (specialists.get(spName) === undefined ? undefined : { id: specialists.get(spName)! }) : undefined;
      if (spName && !sp) err('专员', `专员“${spName}”未登记`);
      if (agencyOrgId && ent && d && type) for (const m of serviceRecordProblems({ agencyOrgId, enterpriseOrgId: ent.id, serviceDate: d, type }, today)) err('服务日期', m);
      if (errors.length) return { errors };
      return { errors, record: { agencyOrgId: agencyOrgId!, enterpriseOrgId: ent!.id, specialistId: sp?.id ?? null, serviceDate: d!, type: type!, content } };
    },
    write: async (tx, recs) => {
      // one statement per 5,000 rows (unnest), returning the new ids
      const ids: number[] = [];
      for (let i = 0; i < recs.length; i += 5000) {
        const c = recs.slice(i, i + 5000);
        const rows = await query<{ id: number }>(tx, `insert into service_records (agency_org_id, enterprise_org_id, specialist_id, service_date, type, content, source, created_by)
          select a, e, s, d, t, c, 'import', $7 from unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::date[], $5::text[], $6::text[]) as u(a, e, s, d, t, c) returning id`,
        [c.map((r) => r.agencyOrgId), c.map((r) => r.enterpriseOrgId), c.map((r) => r.specialistId), c.map((r) => r.serviceDate), c.map((r) => r.type), c.map((r) => r.content), actor.userId || null]);
        ids.push(...rows.map((r) => r.id));
      }
      return ids;
    },
  });
}

export const SERVICE_EXPORT_COLUMNS = [
  { header: '编号', key: 'id', width: 8 }, { header: '服务机构', key: 'agencyName', width: 26 }, { header: '服务对象', key: 'enterpriseName', width: 26 },
  { header: '服务日期', key: 'serviceDate', width: 12 }, { header: '服务类型', key: 'typeLabel', width: 12 }, { header: '服务内容', key: 'content', width: 40 },
  { header: '专员', key: 'specialistName', width: 12 },
];
export type ServiceView = ReturnType<typeof presentService>;
