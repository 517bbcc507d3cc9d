import { AppError } from '@zhuanhua/domain';
import {
  EVENT_KIND_LABELS, EVENT_STATE_LABELS, OUTCOME_KIND_LABELS, PROJECT_KIND_LABELS, assertCanHold, assertEventTransition, countEventOutcomes,
  outcomeProblems, type EventInput, type EventKind, type EventState, type ProjectInput,
} from '@zhuanhua/domain/event/index.ts';
import type { DealInput } from '@zhuanhua/domain/deal/deal.schemas.ts';
import { inTx, query, queryOne, type Queryable } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import type { Paging } from '../../http/paging.ts';
import { audit } from '../../lib/audit.ts';
import { todayCn } from '../pledge/pledge.common.ts';
import { createDealTx } from '../deal/deal.service.ts';
import { eventDeals, eventOutcomes, eventProjects, eventRegistrations, getEvent, listEvents, type EventRow } from './event.repo.ts';

export function presentEvent(e: EventRow) {
  return {
    id: e.id, title: e.title, kind: e.kind, kindLabel: EVENT_KIND_LABELS[e.kind as EventKind] ?? e.kind, organiserOrgId: e.organiser_org_id,
    organiserName: e.organiser_name, eventDate: e.event_date, online: e.online, place: e.place, targetIndustry: e.target_industry,
    targetParks: e.target_parks, regionCode: e.region_code, state: e.state, stateLabel: EVENT_STATE_LABELS[e.state as EventState] ?? e.state,
    projectCount: e.project_count ?? 0, registrationCount: e.registration_count ?? 0, dealCount: e.deal_count ?? 0, source: e.source,
  };
}

export async function listEventsView(db: Queryable, f: { state?: string; kind?: string; q?: string; year?: number }, pg: Paging) {
  const { rows, total } = await listEvents(db, f, pg);
  return { items: rows.map(presentEvent), total };
}

export async function getEventView(db: Queryable, actor: Actor | null, id: number) {
  const e = await getEvent(db, id);
  if (!e) throw new AppError('NOT_FOUND', '活动不存在');
  const [projects, regs, outcomes, deals] = await Promise.all([eventProjects(db, id), eventRegistrations(db, id), eventOutcomes(db, id), eventDeals(db, id)]);
  const counts = countEventOutcomes({
    projects, registeredOrgIds: regs.map((r) => r.org_id),
    outcomes: outcomes.map((o) => ({ kind: o.kind, projectId: o.project_id, orgId: o.org_id, dealId: o.deal_id })),
    deals: deals.map((d) => ({ dealId: d.deal_id, patents: d.patents, contractAmountFen: d.contract_amount_fen, state: d.state })),
  });
  const loggedIn = !!actor;
  return {
    ...presentEvent(e), description: e.description,
    projects: projects.map((p) => ({ id: p.id, kind: p.kind, kindLabel: PROJECT_KIND_LABELS[p.kind], refId: p.ref_id, title: p.title, presenterOrgId: p.presenter_org_id, presenterName: p.presenter_name })),
    registrations: loggedIn ? regs.map((r) => ({ orgId: r.org_id, name: r.name })) : [],
    outcomes: loggedIn ? outcomes.map((o) => ({ id: o.id, kind: o.kind, kindLabel: OUTCOME_KIND_LABELS[o.kind], projectId: o.project_id, orgId: o.org_id, orgName: o.org_name, dealId: o.deal_id, note: o.note })) : [],
    deals: loggedIn ? deals.map((d) => ({ id: d.deal_id, title: d.title, kind: d.kind, state: d.state, contractAmountFen: d.contract_amount_fen, contractDate: d.contract_date, patents: d.patents })) : [],
    counts,
    canManage: !!actor && canManage(actor, e),
    registered: !!actor?.orgId && regs.some((r) => r.org_id === actor.orgId),
  };
}

const canManage = (a: Actor, e: EventRow) => a.role === 'platform_admin' || (a.role === 'service_agent' && a.orgId !== null && e.organiser_org_id === a.orgId);

async function loadManaged(tx: Queryable, actor: Actor, id: number): Promise<EventRow> {
  const e = await queryOne<EventRow>(tx, `select * from events where id = $1 for update`, [id]);
  if (!e) throw new AppError('NOT_FOUND', '活动不存在');
  if (!canManage(actor, e)) throw new AppError('FORBIDDEN', '只有主办方或知识产权局可以管理该活动');
  return e;
}

export async function createEvent(db: Queryable, actor: Actor, input: EventInput): Promise<number> {
  const organiserOrgId = actor.role === 'service_agent' ? actor.orgId : input.organiserOrgId ?? actor.orgId;
  return inTx(db, async (tx) => {
    const row = (await queryOne<{ id: number }>(tx, `insert into events (title, kind, organiser_org_id, organiser_name, event_date, online, place, target_industry, target_parks, region_code, description, created_by)
      values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) returning id`,
    [input.title, input.kind, organiserOrgId ?? null, input.organiserName, input.eventDate, input.online, input.place ?? null, input.targetIndustry ?? null,
      input.targetParks ?? null, input.regionCode ?? actor.regionCode ?? null, input.description ?? null, actor.userId || null]))!;
    await audit(tx, actor, { action: 'event.create', entity: 'event', entityId: row.id, after: input });
    return row.id;
  });
}

export const setEventState = (db: Queryable, actor: Actor, id: number, to: EventState) => inTx(db, async (tx) => {
  const e = await loadManaged(tx, actor, id);
  assertEventTransition(e.state as EventState, to);
  if (to === 'held') assertCanHold(e.event_date, todayCn());
  await query(tx, `update events set state = $2, updated_at = now() where id = $1`, [id, to]);
  await audit(tx, actor, { action: 'event.state', entity: 'event', entityId: id, before: { state: e.state }, after: { state: to } });
});

export const addProject = (db: Queryable, actor: Actor, id: number, p: ProjectInput) => inTx(db, async (tx) => {
  const e = await loadManaged(tx, actor, id);
  if (e.state === 'closed' || e.state === 'cancelled') throw new AppError('RULE_VIOLATION', '活动已结项或取消，不能再添加项目');
  if (p.kind === 'patent') {
    const pt = await queryOne(tx, `select 1 from patents where id = $1`, [p.refId]);
    if (!pt) throw new AppError('VALIDATION', '所选专利不存在');
    const dup = await queryOne(tx, `select 1 from event_projects where event_id = $1 and kind = 'patent' and ref_id = $2`, [id, p.refId]);
    if (dup) throw new AppError('DUPLICATE', '该专利已在本活动中展示');
  } else if (p.refId) {
    // a technology listing (supply list item) or a demand of the platform, when those modules are installed
    const table = p.kind === 'demand' ? 'demands' : 'supply_list_items';
    const t = await queryOne<{ t: string | null }>(tx, `select to_regclass($1)::text as t`, [table]);
    if (t?.t && !(await queryOne(tx, `select 1 from ${table} where id = $1`, [p.refId]))) {
      throw new AppError('VALIDATION', p.kind === 'demand' ? '所选技术需求不存在' : '所选技术成果不存在');
    }
  }
  const row = (await queryOne<{ id: number }>(tx, `insert into event_projects (event_id, kind, ref_id, title, presenter_org_id) values ($1,$2,$3,$4,$5) returning id`,
    [id, p.kind, p.refId ?? null, p.title, p.presenterOrgId ?? null]))!;
  await audit(tx, actor, { action: 'event.project', entity: 'event', entityId: id, after: { projectId: row.id, ...p } });
  return row.id;
});

/** An organisation registers for an event (its own, unless the office registers it). */
export const registerOrg = (db: Queryable, actor: Actor, id: number, orgId: number | undefined) => inTx(db, async (tx) => {
  const e = await getEvent(tx, id);
  if (!e) throw new AppError('NOT_FOUND', '活动不存在');
  const org = actor.role === 'platform_admin' || (e && canManage(actor, e)) ? orgId ?? actor.orgId : actor.orgId;
  if (!org) throw new AppError('VALIDATION', '请选择报名机构');
  if (e.state === 'cancelled' || e.state === 'closed') throw new AppError('RULE_VIOLATION', '活动已结项或取消，不能报名');
  await query(tx, `insert into event_registrations (event_id, org_id) values ($1,$2) on conflict do nothing`, [id, org]);
  await audit(tx, actor, { action: 'event.register', entity: 'event', entityId: id, after: { orgId: org } });
});

/**
 * Record an outcome. A deal outcome links a ledger deal: an existing one (dealId), or a new one created here in
 * the ledger with source 'event' (signed on its contract date), so the event's deal counts come from the ledger.
 */
export const addOutcome = (db: Queryable, actor: Actor, id: number, o: { kind: 'contact' | 'intent' | 'deal'; projectId?: number | null; orgId?: number | null; dealId?: number | null; note?: string | null; deal?: DealInput | null }) => inTx(db, async (tx) => {
  const e = await loadManaged(tx, actor, id);
  if (e.state === 'planned' || e.state === 'cancelled') throw new AppError('RULE_VIOLATION', '活动举办后才能登记对接结果');
  let dealId = o.dealId ?? null;
  if (o.kind === 'deal' && !dealId && o.deal) {
    dealId = await createDealTx(tx, actor, o.deal, { today: todayCn(), source: 'event', state: 'signed' });
  } else if (dealId) {
    const d = await queryOne(tx, `select 1 from deals where id = $1`, [dealId]);
    if (!d) throw new AppError('VALIDATION', '所关联的交易不存在');
  }
  const projectIds = (await query<{ id: number }>(tx, `select id from event_projects where event_id = $1`, [id])).map((r) => r.id);
  const problems = outcomeProblems({ kind: o.kind, projectId: o.projectId ?? null, orgId: o.orgId ?? null, dealId }, projectIds);
  if (problems.length) throw new AppError('VALIDATION', problems.join('；'), { problems });
  const dup = dealId ? await queryOne(tx, `select 1 from event_outcomes where event_id = $1 and deal_id = $2`, [id, dealId]) : null;
  if (dup) throw new AppError('DUPLICATE', '该交易已登记为本活动的成果');
  const row = (await queryOne<{ id: number }>(tx, `insert into event_outcomes (event_id, kind, project_id, org_id, deal_id, note, created_by) values ($1,$2,$3,$4,$5,$6,$7) returning id`,
    [id, o.kind, o.projectId ?? null, o.orgId ?? null, dealId, o.note ?? null, actor.userId || null]))!;
  await audit(tx, actor, { action: 'event.outcome', entity: 'event', entityId: id, after: { outcomeId: row.id, kind: o.kind, dealId, projectId: o.projectId ?? null, orgId: o.orgId ?? null } });
  return { outcomeId: row.id, dealId };
});
