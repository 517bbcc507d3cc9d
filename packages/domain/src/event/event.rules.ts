/**
 * Matchmaking events and roadshows (供需对接活动/路演). Outcomes are counted from recorded rows and ledger deals,
 * never typed in as totals.
 */
import { AppError } from '../common/app-error.ts';
import type { IsoDate } from '../common/dates.ts';
import type { Fen } from '../common/money.ts';

export const EVENT_KINDS = ['matchmaking', 'roadshow', 'exhibition', 'training', 'other'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const EVENT_KIND_LABELS: Record<EventKind, string> = {
  matchmaking: '供需对接会', roadshow: '路演', exhibition: '展会', training: '培训', other: '其他',
};
export const EVENT_STATES = ['planned', 'held', 'closed', 'cancelled'] as const;
export type EventState = (typeof EVENT_STATES)[number];
export const EVENT_STATE_LABELS: Record<EventState, string> = { planned: '筹备中', held: '已举办', closed: '已结项', cancelled: '已取消' };
const EVENT_TRANSITIONS: Record<EventState, readonly EventState[]> = {
  planned: ['held', 'cancelled'], held: ['closed'], closed: [], cancelled: [],
};
export function assertEventTransition(from: EventState, to: EventState): void {
  if (!EVENT_TRANSITIONS[from].includes(to)) {
    throw new AppError('ILLEGAL_TRANSITION', `活动状态“${EVENT_STATE_LABELS[from]}”不能变为“${EVENT_STATE_LABELS[to]}”`, { from, to });
  }
}
/** An event is held on its date: it can be marked held only on or after it. */
export function assertCanHold(eventDate: IsoDate, today: IsoDate): void {
  if (today < eventDate) throw new AppError('RULE_VIOLATION', '活动日期未到，不能标记为已举办');
}

export const PROJECT_KINDS = ['patent', 'listing', 'demand'] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];
export const PROJECT_KIND_LABELS: Record<ProjectKind, string> = { patent: '专利', listing: '技术成果', demand: '技术需求' };

export const OUTCOME_KINDS = ['contact', 'intent', 'deal'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];
export const OUTCOME_KIND_LABELS: Record<OutcomeKind, string> = { contact: '对接洽谈', intent: '合作意向', deal: '成交' };

export type Outcome = {
  kind: OutcomeKind;
  projectId: number | null;
  orgId: number | null;
  dealId: number | null;
};
/** A ledger deal linked to the event, with the number of patents it covers and its amount. */
export type LinkedDeal = { dealId: number; patents: number; contractAmountFen: Fen; state: string };

export type EventCounts = {
  projects: number;
  projectsByKind: Record<ProjectKind, number>;
  registeredOrgs: number;
  contacts: number;
  intents: number;
  deals: number;
  dealPatents: number;
  dealAmountFen: Fen;
};

/** Problems with an outcome row: a deal outcome needs a ledger deal; a contact or intent names an organisation. */
export function outcomeProblems(o: Outcome, projectIds: readonly number[]): string[] {
  const out: string[] = [];
  if (o.kind === 'deal' && !o.dealId) out.push('成交结果须关联交易台账中的交易');
  if (o.kind !== 'deal' && o.dealId) out.push('只有成交结果可以关联交易');
  if (o.kind !== 'deal' && !o.orgId) out.push('请选择对接的机构');
  if (o.projectId !== null && !projectIds.includes(o.projectId)) out.push('所选项目不属于本活动');
  return out;
}

/**
 * Count an event's results from its rows. Deals are counted from the ledger (distinct deals, excluding
 * terminated or draft ones), contacts and intents from outcome rows.
 */
export function countEventOutcomes(p: {
  projects: readonly { kind: ProjectKind }[];
  registeredOrgIds: readonly number[];
  outcomes: readonly Outcome[];
  deals: readonly LinkedDeal[];
}): EventCounts {
  const byKind = { patent: 0, listing: 0, demand: 0 } as Record<ProjectKind, number>;
  for (const pr of p.projects) byKind[pr.kind] += 1;
  const live = new Map<number, LinkedDeal>();
  for (const d of p.deals) if (d.state !== 'terminated' && d.state !== 'draft') live.set(d.dealId, d);
  const ds = [...live.values()];
  return {
    projects: p.projects.length,
    projectsByKind: byKind,
    registeredOrgs: new Set(p.registeredOrgIds).size,
    contacts: p.outcomes.filter((o) => o.kind === 'contact').length,
    intents: p.outcomes.filter((o) => o.kind === 'intent').length,
    deals: ds.length,
    dealPatents: ds.reduce((s, d) => s + d.patents, 0),
    dealAmountFen: ds.reduce((s, d) => s + d.contractAmountFen, 0),
  };
}
