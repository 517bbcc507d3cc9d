/**
 * Registries (service agencies, specialists, pools, pilot bases, HV centres, navigation projects, outlets, typical
 * cases) and service records (家次). One generic entry shape with per-kind fields, so that list, form, import and
 * export share one description.
 */
import { AppError } from '../common/app-error.ts';
import { isValidIsoDate, yearOf, type IsoDate } from '../common/dates.ts';

export const REGISTRY_KINDS = [
  'agency', 'specialist', 'pool', 'pilot_base', 'hv_center', 'nav_project', 'service_outlet', 'typical_case',
] as const;
export type RegistryKind = (typeof REGISTRY_KINDS)[number];
export const REGISTRY_KIND_LABELS: Record<RegistryKind, string> = {
  agency: '服务机构', specialist: '知识产权专员/技术经理人', pool: '专利池/产业知识产权联盟', pilot_base: '中试熟化基地',
  hv_center: '高价值专利培育中心', nav_project: '专利导航项目', service_outlet: '公共服务网点', typical_case: '典型案例',
};
/** The plan indicator each registry kind feeds (plan-targets.md). */
export const REGISTRY_INDICATORS: Partial<Record<RegistryKind, string>> = {
  specialist: 'IP_SPECIALISTS', pool: 'PATENT_POOLS', pilot_base: 'PILOT_BASES', hv_center: 'HV_CENTERS',
  nav_project: 'NAV_PROJECTS', service_outlet: 'SERVICE_OUTLETS', typical_case: 'TYPICAL_CASES',
};

export type FieldType = 'text' | 'longtext' | 'date' | 'enum' | 'int';
export type FieldDef = { key: string; label: string; type: FieldType; required?: boolean; options?: readonly string[]; max?: number };

/** Common columns: name (名称), orgId (所属机构), regionCode, startDate (认定/设立/发布日期), state. Extra fields per kind: */
export const REGISTRY_FIELDS: Record<RegistryKind, readonly FieldDef[]> = {
  agency: [
    { key: 'qualification', label: '资质', type: 'text', required: true, max: 200 },
    { key: 'services', label: '服务范围', type: 'longtext' },
    { key: 'contact', label: '联系人', type: 'text', max: 50 },
  ],
  specialist: [
    { key: 'specialistType', label: '类别', type: 'enum', required: true, options: ['知识产权专员', '技术经理人'] },
    { key: 'certificateNo', label: '证书编号', type: 'text', required: true, max: 60 },
    { key: 'qualification', label: '资格/职称', type: 'text', max: 200 },
    { key: 'expertise', label: '专业领域', type: 'text', max: 200 },
  ],
  pool: [
    { key: 'poolType', label: '类型', type: 'enum', required: true, options: ['专利池', '产业知识产权联盟'] },
    { key: 'industry', label: '产业领域', type: 'text', required: true, max: 100 },
    { key: 'members', label: '成员单位数', type: 'int' },
    { key: 'patents', label: '入池专利数', type: 'int' },
  ],
  pilot_base: [
    { key: 'field', label: '中试领域', type: 'text', required: true, max: 100 },
    { key: 'level', label: '级别', type: 'enum', options: ['国家级', '省级', '市级'] },
    { key: 'capacity', label: '中试能力', type: 'longtext' },
  ],
  hv_center: [
    { key: 'field', label: '培育方向', type: 'text', required: true, max: 100 },
    { key: 'level', label: '级别', type: 'enum', options: ['国家级', '省级', '市级'] },
  ],
  nav_project: [
    { key: 'navType', label: '导航类型', type: 'enum', required: true, options: ['区域规划类', '产业规划类', '企业经营类', '研发活动类', '人才管理类'] },
    { key: 'industry', label: '产业', type: 'text', max: 100 },
    { key: 'endDate', label: '结项日期', type: 'date' },
  ],
  service_outlet: [
    { key: 'outletType', label: '网点类型', type: 'enum', required: true, options: ['TISC', '高校国家知识产权信息服务中心', '知识产权信息公共服务网点', '其他'] },
    { key: 'address', label: '地址', type: 'text', max: 200 },
  ],
  typical_case: [
    { key: 'summary', label: '摘要', type: 'text', required: true, max: 300 },
    { key: 'body', label: '正文', type: 'longtext', required: true },
    { key: 'caseType', label: '案例类型', type: 'enum', options: ['转让许可', '作价入股', '质押融资', '产品备案', '开放许可', '先用后付', '其他'] },
  ],
};

export type RegistryAttrs = Record<string, string | number | null>;

/** Validate the per-kind fields; returns the cleaned attributes or throws VALIDATION with field problems. */
export function cleanAttrs(kind: RegistryKind, attrs: Record<string, unknown>): RegistryAttrs {
  const problems: { field: string; message: string }[] = [];
  const out: RegistryAttrs = {};
  const defs = REGISTRY_FIELDS[kind];
  for (const k of Object.keys(attrs)) {
    if (!defs.some((d) => d.key === k)) problems.push({ field: k, message: `未知字段“${k}”` });
  }
  for (const d of defs) {
    const raw = attrs[d.key];
    const empty = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
    if (empty) {
      if (d.required) problems.push({ field: d.key, message: `请填写${d.label}` });
      out[d.key] = null;
      continue;
    }
    if (d.type === 'int') {
      const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
      if (!Number.isInteger(n) || n < 0) problems.push({ field: d.key, message: `${d.label}须为非负整数` });
      else out[d.key] = n;
      continue;
    }
    const s = String(raw).trim();
    if (d.type === 'date' && !isValidIsoDate(s)) problems.push({ field: d.key, message: `${d.label}日期格式应为 YYYY-MM-DD` });
    else if (d.type === 'enum' && !d.options!.includes(s)) problems.push({ field: d.key, message: `${d.label}须为：${d.options!.join('、')}` });
    else if (d.max && s.length > d.max) problems.push({ field: d.key, message: `${d.label}不能超过 ${d.max} 字` });
    else out[d.key] = s;
  }
  if (problems.length) throw new AppError('VALIDATION', problems.map((p) => p.message).join('；'), { problems });
  return out;
}

// ---------------------------------------------------------------- states (typical cases are published)
export const ENTRY_STATES = ['draft', 'active', 'published', 'withdrawn'] as const;
export type EntryState = (typeof ENTRY_STATES)[number];
export const ENTRY_STATE_LABELS: Record<EntryState, string> = { draft: '草稿', active: '有效', published: '已发布', withdrawn: '已撤销' };

/** Typical cases go draft → published → withdrawn; other entries are active → withdrawn. */
export function assertEntryTransition(kind: RegistryKind, from: EntryState, to: EntryState): void {
  const ok = kind === 'typical_case'
    ? (from === 'draft' && to === 'published') || (from === 'published' && to === 'withdrawn') || (from === 'withdrawn' && to === 'draft')
    : (from === 'active' && to === 'withdrawn') || (from === 'withdrawn' && to === 'active');
  if (!ok) throw new AppError('ILLEGAL_TRANSITION', `“${ENTRY_STATE_LABELS[from]}”不能变为“${ENTRY_STATE_LABELS[to]}”`, { from, to });
}
export const initialState = (kind: RegistryKind): EntryState => (kind === 'typical_case' ? 'draft' : 'active');

/** A typical case can be published when its body is substantial (≥ 100 字) and it has a summary. */
export function publishProblems(attrs: RegistryAttrs): string[] {
  const out: string[] = [];
  if (!attrs.summary) out.push('请填写案例摘要');
  if (String(attrs.body ?? '').length < 100) out.push('案例正文至少 100 字');
  return out;
}

/** Counted in the indicators: active entries (typical cases: published) started in the year (or any year if null). */
export function countsFor(kind: RegistryKind, state: EntryState): boolean {
  return kind === 'typical_case' ? state === 'published' : state === 'active';
}

// ---------------------------------------------------------------- service records (家次)
export const SERVICE_TYPES = ['consulting', 'navigation', 'valuation', 'custody', 'negotiation', 'filing', 'financing', 'training', 'other'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];
export const SERVICE_TYPE_LABELS: Record<ServiceType, string> = {
  consulting: '咨询', navigation: '专利导航', valuation: '评估', custody: '托管', negotiation: '交易谈判',
  filing: '备案登记', financing: '质押融资服务', training: '培训', other: '其他',
};

export type ServiceRecord = { agencyOrgId: number; enterpriseOrgId: number; serviceDate: IsoDate; type: ServiceType };

/**
 * 家次: one enterprise served by one agency on one day counts once, whatever the number of service types
 * recorded that day. Counted by the year of the service date.
 */
export function countServiceVisits(records: readonly ServiceRecord[], year?: number): { visits: number; enterprises: number } {
  const rs = year === undefined ? records : records.filter((r) => yearOf(r.serviceDate) === year);
  const visits = new Set(rs.map((r) => `${r.agencyOrgId}|${r.enterpriseOrgId}|${r.serviceDate}`)).size;
  return { visits, enterprises: new Set(rs.map((r) => r.enterpriseOrgId)).size };
}

export function serviceRecordProblems(r: ServiceRecord, today: IsoDate): string[] {
  const out: string[] = [];
  if (!isValidIsoDate(r.serviceDate)) out.push('服务日期格式应为 YYYY-MM-DD');
  else if (r.serviceDate > today) out.push('服务日期不能晚于今天');
  if (r.agencyOrgId === r.enterpriseOrgId) out.push('服务机构与服务对象不能相同');
  if (!SERVICE_TYPES.includes(r.type)) out.push('服务类型不正确');
  return out;
}
