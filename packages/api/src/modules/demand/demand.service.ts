import { AppError } from '@zhuanhua/domain';
import type { DemandInput } from '@zhuanhua/domain/demand/index.ts';
import { applyDemandEvent, isEditable, isPublic, type DemandEvent, type DemandState } from '@zhuanhua/domain/demand/index.ts';
import { inTx, queryOne, type Queryable } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import { audit } from '../../lib/audit.ts';
import type { DomainEvents } from '../../deps.ts';
import { getDemand, insertDemand, listDemands, setDemandState, updateDemandFields, type DemandFilter, type DemandRow } from './demand.repo.ts';

const notFound = () => new AppError('NOT_FOUND', '需求不存在');

/** May this actor see the record? Public states to anyone; others to the owner organisation and the office. */
export function canSee(d: DemandRow, actor: Actor | null): boolean {
  if (isPublic(d.state as DemandState) || d.state === 'expired') return true;
  if (!actor) return false;
  return actor.role === 'platform_admin' || actor.role === 'auditor' || (actor.orgId != null && actor.orgId === d.org_id);
}
const owns = (d: DemandRow, actor: Actor) => actor.role === 'platform_admin' || (actor.orgId != null && actor.orgId === d.org_id);

export async function readDemand(db: Queryable, id: number, actor: Actor | null): Promise<DemandRow> {
  const d = await getDemand(db, id);
  if (!d || !canSee(d, actor)) throw notFound();
  return d;
}

async function checkRegion(db: Queryable, code: string | null | undefined): Promise<void> {
  if (!code) return;
  const r = await queryOne(db, 'select 1 from ref_region where code = $1', [code]);
  if (!r) throw new AppError('VALIDATION', `行政区划代码 ${code} 不存在`, [{ path: 'regionCode', message: '不存在' }]);
}

export async function createDemand(db: Queryable, events: DomainEvents, actor: Actor, input: DemandInput): Promise<DemandRow> {
  const orgId = actor.role === 'platform_admin' || actor.role === 'service_agent' ? (input.orgId ?? actor.orgId) : actor.orgId;
  if (!orgId) throw new AppError('VALIDATION', '请选择需求所属机构', [{ path: 'orgId', message: '必填' }]);
  const row = await inTx(db, async (tx) => {
    await checkRegion(tx, input.regionCode);
    const id = await insertDemand(tx, { ...input, orgId, createdBy: actor.userId || null, mode: input.mode });
    const after = await getDemand(tx, id);
    await audit(tx, actor, { action: 'demand.create', entity: 'demand', entityId: id, after });
    return after!;
  });
  events.emit('demands.changed', { ids: [row.id] });
  return row;
}

export async function updateDemand(db: Queryable, events: DomainEvents, actor: Actor, id: number, input: DemandInput): Promise<DemandRow> {
  const row = await inTx(db, async (tx) => {
    const before = await getDemand(tx, id);
    if (!before || !owns(before, actor)) throw notFound();
    if (!isEditable(before.state as DemandState)) throw new AppError('ILLEGAL_TRANSITION', '只有草稿状态的需求可以修改');
    await checkRegion(tx, input.regionCode);
    await updateDemandFields(tx, id, { ...input, mode: input.mode });
    const after = await getDemand(tx, id);
    await audit(tx, actor, { action: 'demand.update', entity: 'demand', entityId: id, before, after });
    return after!;
  });
  events.emit('demands.changed', { ids: [id] });
  return row;
}

/** submit / close / match by the owner; publish / reject by the office (demand.review). */
export async function transitionDemand(db: Queryable, events: DomainEvents, actor: Actor, id: number, event: DemandEvent, comment?: string | null): Promise<DemandRow> {
  const row = await inTx(db, async (tx) => {
    const before = await getDemand(tx, id);
    if (!before) throw notFound();
    const review = event === 'publish' || event === 'reject';
    if (review ? actor.role !== 'platform_admin' : !owns(before, actor)) {
      if (!canSee(before, actor)) throw notFound();
      throw new AppError('FORBIDDEN', review ? '只有知识产权局管理员可以审核需求' : '只能操作本机构的需求');
    }
    const to = applyDemandEvent(before.state as DemandState, event);
    await setDemandState(tx, id, to, review ? { reviewedBy: actor.userId || null, comment: comment ?? null } : {});
    const after = await getDemand(tx, id);
    await audit(tx, actor, { action: `demand.${event}`, entity: 'demand', entityId: id, before: { state: before.state }, after: { state: to, comment: comment ?? null } });
    return after!;
  });
  events.emit('demands.changed', { ids: [id] });
  return row;
}

export async function listDemandsFor(db: Queryable, actor: Actor | null, f: DemandFilter & { mine?: boolean }, page: number, pageSize: number, sort: string) {
  if (f.mine) {
    if (!actor) throw new AppError('UNAUTHENTICATED', '请先登录');
    if (actor.role === 'platform_admin' || actor.role === 'auditor') return listDemands(db, { ...f }, page, pageSize, sort);
    return listDemands(db, { ...f, orgId: actor.orgId ?? -1 }, page, pageSize, sort);
  }
  return listDemands(db, { ...f, publicOnly: true }, page, pageSize, sort);
}
