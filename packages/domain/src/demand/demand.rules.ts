/**
 * Technology demands (技术需求): the state machine, validity, contact masking, budget parsing and
 * the feedback reason codes. Pure: "today" is always an argument.
 */
import { AppError } from '../common/app-error.ts';
import type { IsoDate } from '../common/dates.ts';

export const DEMAND_STATES = ['draft', 'submitted', 'published', 'matched', 'closed', 'expired'] as const;
export type DemandState = (typeof DEMAND_STATES)[number];
export const DEMAND_STATE_LABELS: Record<DemandState, string> = {
  draft: '草稿', submitted: '待审核', published: '已发布', matched: '已对接', closed: '已关闭', expired: '已过期',
};

export const DEMAND_EVENTS = ['submit', 'publish', 'reject', 'match', 'close', 'expire', 'reopen'] as const;
export type DemandEvent = (typeof DEMAND_EVENTS)[number];
export const DEMAND_EVENT_LABELS: Record<DemandEvent, string> = {
  submit: '提交审核', publish: '审核通过并发布', reject: '退回修改', match: '标记已对接', close: '关闭', expire: '到期', reopen: '重新编辑',
};

/** from state → event → to state. Anything not listed is an illegal transition. */
const TRANSITIONS: Record<DemandState, Partial<Record<DemandEvent, DemandState>>> = {
  draft: { submit: 'submitted', close: 'closed' },
  submitted: { publish: 'published', reject: 'draft', close: 'closed' },
  published: { match: 'matched', close: 'closed', expire: 'expired' },
  matched: { close: 'closed' },
  closed: {},
  expired: { reopen: 'draft', close: 'closed' },
};

export function nextDemandState(from: DemandState, event: DemandEvent): DemandState | null {
  return TRANSITIONS[from][event] ?? null;
}

/** The target state, or an ILLEGAL_TRANSITION error with a Chinese message. */
export function applyDemandEvent(from: DemandState, event: DemandEvent): DemandState {
  const to = nextDemandState(from, event);
  if (!to) {
    throw new AppError('ILLEGAL_TRANSITION', `需求当前状态为「${DEMAND_STATE_LABELS[from]}」，不能执行「${DEMAND_EVENT_LABELS[event]}」`, { from, event });
  }
  return to;
}

/** Only a draft (or a demand sent back) can be edited by its owner. */
export const isEditable = (s: DemandState): boolean => s === 'draft';
/** Visible in the public demand hall. */
export const isPublic = (s: DemandState): boolean => s === 'published' || s === 'matched';

/** A published demand whose validUntil has passed (validUntil is the last valid day) is expired. */
export function isExpired(validUntil: IsoDate | null | undefined, today: IsoDate): boolean {
  return validUntil != null && validUntil < today;
}

/** The state a stored demand is really in today (published + past validUntil → expired). */
export function effectiveState(state: DemandState, validUntil: IsoDate | null | undefined, today: IsoDate): DemandState {
  return state === 'published' && isExpired(validUntil, today) ? 'expired' : state;
}

// ---------------------------------------------------------------------------------------------
// Wanted cooperation modes
export const DEMAND_MODES = ['transfer', 'licence', 'equity', 'joint_rd', 'any'] as const;
export type DemandMode = (typeof DEMAND_MODES)[number];
export const DEMAND_MODE_LABELS: Record<DemandMode, string> = {
  transfer: '转让', licence: '许可', equity: '作价入股', joint_rd: '合作研发', any: '不限',
};

/** Map the free-text 合作方式 of imported listings to a mode. Unknown text → 'any'. */
export function parseDemandMode(text: string | null | undefined): DemandMode {
  const t = (text ?? '').trim();
  if (!t) return 'any';
  if (/入股|作价/.test(t)) return 'equity';
  if (/许可/.test(t) && !/转让/.test(t)) return 'licence';
  if (/转让|购买|买断/.test(t)) return 'transfer';
  if (/研发|开发|合作|委托|定向|共建|攻关/.test(t)) return 'joint_rd';
  return 'any';
}

// ---------------------------------------------------------------------------------------------
// Budget: a range in fen. Free text such as "100万元", "50-100万元", "50万元以下", "面议".
export type BudgetRange = { minFen: number | null; maxFen: number | null; negotiable: boolean };

const WAN = 1_000_000; // fen per 万元
const YUAN = 100;

function toFen(num: string, unit: string): number {
  const [i, f = ''] = num.split('.');
  const per = unit === '亿' ? 10_000 * WAN : unit === '万' ? WAN : YUAN;
  const decimals = f.slice(0, 6);
  const scale = 10 ** decimals.length;
  // integer arithmetic: (i * scale + f) * per / scale
  const whole = Number(i) * per;
  const frac = decimals ? Math.round((Number(decimals) * per) / scale) : 0;
  return whole + frac;
}

/** Parse a budget string into a fen range. Throws AppError(VALIDATION) on text it cannot read. */
export function parseBudget(text: string | null | undefined): BudgetRange {
  const t = (text ?? '').replace(/\s|,|，/g, '').replace(/[－—–~～至到]/g, '-');
  if (!t || /面议|未注明|未说明|待定|协商|不限/.test(t)) return { minFen: null, maxFen: null, negotiable: true };
  const m = /^(\d+(?:\.\d+)?)(?:(万|亿)?元?)?(?:-(\d+(?:\.\d+)?))?(万|亿)?元?(以下|以内|以上|左右)?$/.exec(t);
  if (!m) throw new AppError('VALIDATION', `预算格式无法识别：${text}`, { field: 'budget' });
  const unit = m[4] ?? m[2] ?? '';
  const a = toFen(m[1]!, m[2] ?? unit);
  if (m[3]) {
    const b = toFen(m[3], unit);
    if (b < a) throw new AppError('VALIDATION', `预算上限小于下限：${text}`, { field: 'budget' });
    return { minFen: a, maxFen: b, negotiable: false };
  }
  if (m[5] === '以下' || m[5] === '以内') return { minFen: null, maxFen: a, negotiable: false };
  if (m[5] === '以上') return { minFen: a, maxFen: null, negotiable: false };
  return { minFen: a, maxFen: a, negotiable: false };
}

/** Show a budget range in 万元, e.g. "50–100 万元", "≤ 50 万元", "面议". */
export function formatBudget(r: { minFen: number | null; maxFen: number | null }): string {
  const w = (f: number) => {
    const s = (f / WAN).toFixed(4).replace(/\.?0+$/, '');
    return s;
  };
  if (r.minFen == null && r.maxFen == null) return '面议';
  if (r.minFen != null && r.maxFen != null) return r.minFen === r.maxFen ? `${w(r.minFen)} 万元` : `${w(r.minFen)}–${w(r.maxFen)} 万元`;
  if (r.maxFen != null) return `≤ ${w(r.maxFen)} 万元`;
  return `≥ ${w(r.minFen!)} 万元`;
}

/** Parse imported 有效期 text: an ISO date, or "长期"/"未说明" (null = no end). "已过期" needs the update date. */
export function parseValidUntil(text: string | null | undefined): { validUntil: IsoDate | null; expired: boolean } {
  const t = (text ?? '').trim();
  const iso = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t);
  if (iso) return { validUntil: `${iso[1]}-${iso[2]!.padStart(2, '0')}-${iso[3]!.padStart(2, '0')}`, expired: false };
  if (/已过期|已截止|过期/.test(t)) return { validUntil: null, expired: true };
  return { validUntil: null, expired: false };
}

// ---------------------------------------------------------------------------------------------
// Contact masking: the demand's contact is shown in full only to its own organisation and the office.
export type Contact = { name?: string | null; phone?: string | null; email?: string | null };

export function maskPhone(p: string): string {
  const d = p.replace(/\s|-/g, '');
  if (/^1\d{10}$/.test(d)) return `${d.slice(0, 3)}****${d.slice(7)}`;
  if (d.length <= 4) return '****';
  return `${d.slice(0, 2)}${'*'.repeat(d.length - 4)}${d.slice(-2)}`;
}
export function maskEmail(e: string): string {
  const at = e.indexOf('@');
  if (at < 1) return '***';
  return `${e[0]}***${e.slice(at)}`;
}
export function maskName(n: string): string {
  const chars = [...n.trim()];
  if (chars.length === 0) return '';
  return `${chars[0]}${'*'.repeat(Math.max(1, chars.length - 1))}`;
}

/** The contact as a viewer may see it: full for the owner organisation or an office administrator. */
export function contactFor(
  contact: Contact,
  ownerOrgId: number,
  viewer: { orgId: number | null; role: string | null } | null,
): Contact & { masked: boolean } {
  const full = viewer != null && (viewer.role === 'platform_admin' || (viewer.orgId != null && viewer.orgId === ownerOrgId));
  if (full) return { ...contact, masked: false };
  return {
    name: contact.name ? maskName(contact.name) : null,
    phone: contact.phone ? maskPhone(contact.phone) : null,
    email: contact.email ? maskEmail(contact.email) : null,
    masked: true,
  };
}

// ---------------------------------------------------------------------------------------------
// Feedback on a match result
export const FEEDBACK_KINDS = ['interested', 'not_relevant'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];
export const FEEDBACK_KIND_LABELS: Record<FeedbackKind, string> = { interested: '感兴趣', not_relevant: '不相关' };

export const FEEDBACK_REASONS = ['too_early', 'wrong_field', 'too_expensive', 'already_have', 'other'] as const;
export type FeedbackReason = (typeof FEEDBACK_REASONS)[number];
export const FEEDBACK_REASON_LABELS: Record<FeedbackReason, string> = {
  too_early: '技术太早期', wrong_field: '领域不符', too_expensive: '费用太高', already_have: '已有该技术', other: '其他',
};

/** "not relevant" needs a reason code; "other" needs a note. */
export function checkFeedback(kind: FeedbackKind, reason: FeedbackReason | null | undefined, note: string | null | undefined): void {
  if (kind === 'not_relevant' && !reason) throw new AppError('VALIDATION', '请选择不相关的原因', { field: 'reason' });
  if (reason === 'other' && !(note ?? '').trim()) throw new AppError('VALIDATION', '原因为「其他」时请填写说明', { field: 'note' });
}

/** Contact request states (interest → the holder answers). */
export const CONTACT_STATES = ['pending', 'accepted', 'declined', 'deal'] as const;
export type ContactState = (typeof CONTACT_STATES)[number];
export const CONTACT_STATE_LABELS: Record<ContactState, string> = {
  pending: '待回复', accepted: '已接受', declined: '已婉拒', deal: '已成交',
};

/** Funnel stages recorded for the KPIs. */
export const FUNNEL_STAGES = ['match', 'interest', 'contact', 'deal'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];
export const FUNNEL_STAGE_LABELS: Record<FunnelStage, string> = { match: '匹配', interest: '感兴趣', contact: '对接', deal: '成交' };

/** Conversion rates between consecutive funnel stages (null when the earlier stage is 0). */
export function funnelRates(counts: Record<FunnelStage, number>): Record<Exclude<FunnelStage, 'match'>, number | null> {
  const r = (a: number, b: number) => (a === 0 ? null : b / a);
  return { interest: r(counts.match, counts.interest), contact: r(counts.interest, counts.contact), deal: r(counts.contact, counts.deal) };
}
