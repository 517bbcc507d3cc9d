import { contactFor, DEMAND_MODE_LABELS, DEMAND_STATE_LABELS, effectiveState, formatBudget, type DemandMode, type DemandState } from '@zhuanhua/domain/demand/index.ts';
import type { Actor } from '../../http/actor.ts';
import type { DemandRow } from './demand.repo.ts';

/** Today in China (the platform's dates are China local dates). */
export function todayCn(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export function presentDemand(d: DemandRow, actor: Actor | null, today = todayCn()) {
  const state = effectiveState(d.state as DemandState, d.valid_until, today);
  const contact = contactFor({ name: d.contact_name, phone: d.contact_phone, email: d.contact_email }, d.org_id, actor ? { orgId: actor.orgId, role: actor.role } : null);
  return {
    id: d.id, orgId: d.org_id, orgName: d.org_name, companyName: d.company_name ?? d.org_name,
    title: d.title, description: d.description, indicators: d.indicators, problem: d.problem, foundation: d.foundation,
    industry: d.industry, regionCode: d.region_code, regionName: d.region_name ?? d.region_text,
    budgetMinFen: d.budget_min_fen, budgetMaxFen: d.budget_max_fen, budgetLabel: d.budget_text && d.budget_min_fen == null && d.budget_max_fen == null ? d.budget_text : formatBudget({ minFen: d.budget_min_fen, maxFen: d.budget_max_fen }),
    mode: d.mode, modeLabel: DEMAND_MODE_LABELS[d.mode as DemandMode] ?? d.mode, validUntil: d.valid_until,
    state, stateLabel: DEMAND_STATE_LABELS[state], reviewComment: d.review_comment,
    contact, source: d.source, publishedAt: d.published_at, createdAt: d.created_at, updatedAt: d.updated_at,
  };
}
export type DemandView = ReturnType<typeof presentDemand>;
