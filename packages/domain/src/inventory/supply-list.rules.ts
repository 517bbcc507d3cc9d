/** Supply-list workflow and numbering. */
import { AppError } from '../common/app-error.ts';
import type { SupplyListFilter, SupplyListState, SupplyListKind } from './supply-list.schemas.ts';
import { SUPPLY_LIST_STATE_LABELS } from './supply-list.schemas.ts';
import type { Grade } from './grading.rules.ts';

/** draft → reviewed → published; a reviewed list can be sent back to draft. Published is final. */
const TRANSITIONS: Record<SupplyListState, readonly SupplyListState[]> = {
  draft: ['reviewed'],
  reviewed: ['published', 'draft'],
  published: [],
};

export function canTransition(from: SupplyListState, to: SupplyListState): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: SupplyListState, to: SupplyListState): void {
  if (!canTransition(from, to)) {
    throw new AppError('ILLEGAL_TRANSITION', `清单状态不能从「${SUPPLY_LIST_STATE_LABELS[from]}」变为「${SUPPLY_LIST_STATE_LABELS[to]}」`, { from, to });
  }
}

/** A published list is frozen: no edits. */
export function assertEditable(state: SupplyListState): void {
  if (state !== 'draft') throw new AppError('ILLEGAL_TRANSITION', `清单已${SUPPLY_LIST_STATE_LABELS[state]}，不能修改；如需修改请先退回草稿`);
}

/** Publication number: 供给清单〔2024〕第3期 for general lists, 国企共享清单〔2024〕第1期 for SOE sharing lists. */
export function formatListNumber(kind: SupplyListKind, year: number, seq: number): string {
  const prefix = kind === 'soe_sharing' ? '国企共享清单' : '供给清单';
  return `${prefix}〔${year}〕第${seq}期`;
}

/** A candidate row for a list (from an inventory snapshot item). */
export type SupplyCandidate = {
  grade: Grade;
  seiIndustry: string | null;
  seiCodes: readonly string[];
  industryCodes: readonly string[];
  holderTypes: readonly string[];
  holderIds: readonly number[];
  regionCode: string | null;
  patentType: string;
  openLicence: boolean;
  sleeping: boolean;
  highValue: boolean;
  title: string;
};

/** Does a candidate satisfy the saved filter? Kinds add their own condition (SOE lists hold SOE patents only). */
export function matchesFilter(c: SupplyCandidate, f: SupplyListFilter, kind: SupplyListKind = 'general'): boolean {
  if (kind === 'soe_sharing' && !c.holderTypes.includes('soe')) return false;
  if (f.grades?.length && !f.grades.includes(c.grade)) return false;
  if (f.seiIndustries?.length && !f.seiIndustries.some((s) => c.seiCodes.some((x) => x === s || x.startsWith(`${s}.`)) || c.seiIndustry === s)) return false;
  if (f.industryCodes?.length && !f.industryCodes.some((s) => c.industryCodes.includes(s))) return false;
  if (f.holderTypes?.length && !f.holderTypes.some((t) => c.holderTypes.includes(t))) return false;
  if (f.holderIds?.length && !f.holderIds.some((t) => c.holderIds.includes(t))) return false;
  if (f.regionCodes?.length && !(c.regionCode && f.regionCodes.some((r) => regionContains(r, c.regionCode!)))) return false;
  if (f.patentTypes?.length && !f.patentTypes.includes(c.patentType as never)) return false;
  if (f.openLicenceOnly && !c.openLicence) return false;
  if (f.sleepingOnly && !c.sleeping) return false;
  if (f.highValueOnly && !c.highValue) return false;
  if (f.keyword && !c.title.includes(f.keyword)) return false;
  return true;
}

/** GB/T 2260: a province 'xx0000' contains its cities and counties, a city 'xxxx00' its counties. */
export function regionContains(outer: string, inner: string): boolean {
  if (outer === inner) return true;
  if (outer.endsWith('0000')) return inner.startsWith(outer.slice(0, 2));
  if (outer.endsWith('00')) return inner.startsWith(outer.slice(0, 4));
  return false;
}

/** Human-readable description of a filter (shown on the list page and in the exported files). */
export function describeFilter(f: SupplyListFilter): string {
  const parts: string[] = [];
  if (f.grades?.length) parts.push(`分级 ${f.grades.join('/')}`);
  if (f.seiIndustries?.length) parts.push(`战略性新兴产业 ${f.seiIndustries.join('、')}`);
  if (f.industryCodes?.length) parts.push(`行业大类 ${f.industryCodes.join('、')}`);
  if (f.holderTypes?.length) parts.push(`权利人类型 ${f.holderTypes.length} 类`);
  if (f.holderIds?.length) parts.push(`指定权利人 ${f.holderIds.length} 个`);
  if (f.regionCodes?.length) parts.push(`地区 ${f.regionCodes.join('、')}`);
  if (f.patentTypes?.length) parts.push(`专利类型 ${f.patentTypes.length} 种`);
  if (f.openLicenceOnly) parts.push('仅开放许可');
  if (f.sleepingOnly) parts.push('仅沉睡专利');
  if (f.highValueOnly) parts.push('仅高价值发明专利');
  if (f.keyword) parts.push(`标题含“${f.keyword}”`);
  return parts.length ? parts.join('；') : '不限';
}
