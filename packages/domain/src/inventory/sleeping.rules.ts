/**
 * Sleeping-patent rule (沉睡专利, domain-rules §4, seed 004 二(一)1): held by a university or research institute
 * (or, as a separate pool, a state-owned enterprise), in force, granted at least 3 years before the as-of date,
 * and no evidence of use and no legitimate reason (正当理由) recorded by the holder. Explained check by check.
 */
import { addYears, type IsoDate } from '../common/dates.ts';
import type { LegalStatus, OrgType } from '../common/roles.ts';
import { ORG_TYPE_LABELS, LEGAL_STATUS_LABELS } from '../common/roles.ts';

export const SLEEPING_MIN_YEARS_SINCE_GRANT = 3;

export const USE_KINDS = ['transfer', 'licence', 'equity', 'pledge', 'product_filing', 'own_use', 'other'] as const;
export type UseKind = (typeof USE_KINDS)[number];
export const USE_KIND_LABELS: Record<UseKind, string> = {
  transfer: '转让', licence: '许可', equity: '作价入股', pledge: '质押', product_filing: '专利产品备案', own_use: '自行实施', other: '其他实施',
};

export type SleepingPool = 'univ' | 'soe';
export const POOL_LABELS: Record<SleepingPool, string> = { univ: '高校院所沉睡专利', soe: '国有企业闲置专利' };

export function poolForHolder(orgType: OrgType | string | null | undefined): SleepingPool | null {
  if (orgType === 'university' || orgType === 'research_institute') return 'univ';
  if (orgType === 'soe') return 'soe';
  return null;
}

export type UseEvidence = { kind: UseKind; fromDate: IsoDate; toDate?: IsoDate | null; source?: string | null };

/** The holder's own declaration: used (自行实施) or excluded with a legitimate reason (正当理由). */
export type HolderMark = { kind: 'used' | 'excluded'; reason: string; markedBy?: string | number | null; markedAt?: string | null; fromDate?: IsoDate | null };

export type SleepingInput = {
  holderOrgTypes: readonly (OrgType | string | null)[];
  status: LegalStatus;
  grantDate?: IsoDate | null;
  uses: readonly UseEvidence[];
  mark?: HolderMark | null;
};

export type SleepingCheckCode = 'HOLDER' | 'IN_FORCE' | 'GRANTED_3Y' | 'NO_USE' | 'NO_REASON';
export type SleepingCheck = { code: SleepingCheckCode; label: string; passed: boolean; detail: string };
export type SleepingResult = { asOf: IsoDate; sleeping: boolean; pool: SleepingPool | null; checks: SleepingCheck[]; summary: string };

/** Use evidence counts if it started on or before the as-of date. */
export function usesAsOf(uses: readonly UseEvidence[], asOf: IsoDate): UseEvidence[] {
  return uses.filter((u) => u.fromDate <= asOf);
}

export function evaluateSleeping(p: SleepingInput, asOf: IsoDate): SleepingResult {
  const checks: SleepingCheck[] = [];
  const pools = p.holderOrgTypes.map(poolForHolder);
  const pool: SleepingPool | null = pools.includes('univ') ? 'univ' : pools.includes('soe') ? 'soe' : null;
  const types = p.holderOrgTypes.map((t) => (t && t in ORG_TYPE_LABELS ? ORG_TYPE_LABELS[t as OrgType] : '未关联机构')).join('、') || '无专利权人';
  checks.push({
    code: 'HOLDER', label: '专利权人为高校、科研院所或国有企业', passed: pool !== null,
    detail: pool ? `专利权人类型：${types}，归入「${POOL_LABELS[pool]}」` : `专利权人类型：${types}，不在盘点范围`,
  });
  checks.push({ code: 'IN_FORCE', label: '专利权有效', passed: p.status === 'in_force', detail: `法律状态：${LEGAL_STATUS_LABELS[p.status]}` });
  const threshold = p.grantDate ? addYears(p.grantDate, SLEEPING_MIN_YEARS_SINCE_GRANT) : null;
  checks.push({
    code: 'GRANTED_3Y', label: `授权满${SLEEPING_MIN_YEARS_SINCE_GRANT}年`, passed: threshold !== null && threshold <= asOf,
    detail: !p.grantDate ? '无授权日' : threshold! <= asOf ? `授权日 ${p.grantDate}，于 ${threshold} 满${SLEEPING_MIN_YEARS_SINCE_GRANT}年` : `授权日 ${p.grantDate}，至 ${threshold} 才满${SLEEPING_MIN_YEARS_SINCE_GRANT}年`,
  });
  const uses = usesAsOf(p.uses, asOf);
  const markUsed = p.mark?.kind === 'used' && (!p.mark.fromDate || p.mark.fromDate <= asOf);
  checks.push({
    code: 'NO_USE', label: '无实施、转让、许可、质押或产品备案记录', passed: uses.length === 0 && !markUsed,
    detail: uses.length === 0 && !markUsed
      ? `截至 ${asOf} 无转化运用记录`
      : [...uses.map((u) => `${USE_KIND_LABELS[u.kind]}（自 ${u.fromDate}${u.source ? `，${u.source}` : ''}）`), ...(markUsed ? [`权利人声明已实施：${p.mark!.reason}`] : [])].join('；'),
  });
  const excluded = p.mark?.kind === 'excluded';
  checks.push({
    code: 'NO_REASON', label: '无正当理由未实施', passed: !excluded,
    detail: excluded ? `权利人说明正当理由：${p.mark!.reason}` : '权利人未说明正当理由',
  });
  const sleeping = checks.every((c) => c.passed);
  const failed = checks.filter((c) => !c.passed).map((c) => c.detail);
  const summary = sleeping
    ? `沉睡专利：${checks.map((c) => c.detail).join('；')}`
    : `非沉睡专利：${failed.join('；')}`;
  return { asOf, sleeping, pool: sleeping ? pool : null, checks, summary };
}

/**
 * The three-way status on a past reference date, from today's record: a patent lapsed after asOf was in force then
 * (a fee lapse counts from the missed due date, which is the recorded lapse date); one granted after asOf was pending.
 */
export function legalStatusAsOf(p: { status: LegalStatus; grantDate?: IsoDate | null; lapseDate?: IsoDate | null }, asOf: IsoDate): LegalStatus {
  if (p.status === 'lapsed') {
    if (p.lapseDate && p.lapseDate > asOf) return p.grantDate && p.grantDate <= asOf ? 'in_force' : 'pending';
    return 'lapsed';
  }
  if (p.status === 'in_force' && p.grantDate && p.grantDate > asOf) return 'pending';
  return p.status;
}
