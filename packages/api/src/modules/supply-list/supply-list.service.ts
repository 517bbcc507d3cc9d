/** Supply lists: compose from a saved filter over an inventory run, review (items frozen), publish with a number. */
import { AppError } from '@zhuanhua/domain';
import {
  assertEditable, assertTransition, describeFilter, formatListNumber, matchesFilter, GRADE_LABELS, POOL_LABELS, HV_FLAG_LABELS, SUPPLY_LIST_KIND_LABELS, SUPPLY_LIST_STATE_LABELS,
  type HvFlagCode, type SupplyCandidate, type SupplyListFilter, type SupplyListInput, type SupplyListKind,
} from '@zhuanhua/domain/inventory/index.ts';
import { ORG_TYPE_LABELS, PATENT_TYPE_LABELS, type OrgType, type PatentType } from '@zhuanhua/domain';
import { inTx, query, type Queryable } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import { isOffice } from '../../http/actor.ts';
import { audit } from '../../lib/audit.ts';
import type { ItemRow } from '../inventory/inventory.repo.ts';
import { latestSucceededRun, getRun } from '../inventory/inventory.repo.ts';
import { loadRefs } from '../inventory/inventory.reference.ts';
import * as repo from './supply-list.repo.ts';

export const DEFAULT_MAX_ITEMS = 500;

export function presentList(l: repo.ListRow) {
  const filter = l.filter as SupplyListFilter;
  return {
    id: l.id, kind: l.kind, kindLabel: SUPPLY_LIST_KIND_LABELS[l.kind], title: l.title, description: l.description, filter, filterText: describeFilter(filter),
    runId: l.run_id, batchNo: l.batch_no ?? null, asOf: l.as_of ?? null, state: l.state, stateLabel: SUPPLY_LIST_STATE_LABELS[l.state], listNo: l.list_no,
    publishedOn: l.published_on, itemCount: l.item_count, orgId: l.org_id, orgName: l.org_name ?? null, reviewComment: l.review_comment,
    createdAt: l.created_at, updatedAt: l.updated_at,
  };
}

const canManageAll = (a: Actor | null) => !!a && (isOffice(a) || a.role === 'service_agent');

/** Published lists are public; drafts are seen by the office, agents and the composing organisation; others → 404. */
export async function visibleList(db: Queryable, actor: Actor | null, id: number): Promise<repo.ListRow> {
  const l = await repo.getList(db, id);
  if (!l) throw new AppError('NOT_FOUND', '供给清单不存在');
  if (l.state === 'published' || canManageAll(actor) || (actor?.orgId && l.org_id === actor.orgId)) return l;
  throw new AppError('NOT_FOUND', '供给清单不存在');
}

async function editableBy(db: Queryable, actor: Actor, id: number): Promise<repo.ListRow> {
  const l = await visibleList(db, actor, id);
  if (!canManageAll(actor) && l.org_id !== actor.orgId) throw new AppError('NOT_FOUND', '供给清单不存在');
  return l;
}

/** An organisation composes lists of its own patents only. */
function scopeFilter(actor: Actor, f: SupplyListFilter): SupplyListFilter {
  if (canManageAll(actor)) return f;
  return { ...f, holderIds: [actor.orgId ?? -1] };
}

export async function createList(db: Queryable, actor: Actor, input: SupplyListInput) {
  const run = input.runId ? await getRun(db, input.runId) : await latestSucceededRun(db);
  if (!run || run.state !== 'succeeded') throw new AppError('RULE_VIOLATION', input.runId ? '所选盘点批次不存在或未完成' : '尚无已完成的全量盘点批次，请先发起一次盘点');
  return inTx(db, async (tx) => {
    const l = await repo.insertList(tx, { kind: input.kind, title: input.title, description: input.description ?? null, filter: scopeFilter(actor, input.filter), runId: run.id, orgId: actor.orgId, createdBy: actor.userId || null });
    await audit(tx, actor, { action: 'supply-list.create', entity: 'supply_list', entityId: l.id, after: presentList(l) });
    return presentList(l);
  });
}

export async function updateList(db: Queryable, actor: Actor, id: number, patch: { title?: string; description?: string | null; filter?: SupplyListFilter; runId?: number | null }) {
  return inTx(db, async (tx) => {
    const before = await editableBy(tx, actor, id);
    assertEditable(before.state);
    if (patch.runId) {
      const run = await getRun(tx, patch.runId);
      if (!run || run.state !== 'succeeded') throw new AppError('RULE_VIOLATION', '所选盘点批次不存在或未完成');
    }
    await repo.updateList(tx, id, { title: patch.title, description: patch.description, filter: patch.filter ? scopeFilter(actor, patch.filter) : undefined, runId: patch.runId ?? undefined });
    const after = (await repo.getList(tx, id))!;
    await audit(tx, actor, { action: 'supply-list.update', entity: 'supply_list', entityId: id, before: presentList(before), after: presentList(after) });
    return presentList(after);
  });
}

function candidateOf(i: ItemRow): SupplyCandidate {
  return {
    grade: i.grade, seiIndustry: i.sei_industry, seiCodes: i.sei_codes, industryCodes: i.industry_code ? [i.industry_code] : [], holderTypes: i.holder_type ? [i.holder_type] : [],
    holderIds: i.holder_id ? [i.holder_id] : [], regionCode: i.region_code, patentType: i.type, openLicence: i.open_licence, sleeping: true, highValue: i.high_value, title: i.title,
  };
}

/** The rows a list would hold now: the run's pool filtered, best score first, at most maxItems. */
export async function composeItems(db: Queryable, l: repo.ListRow): Promise<{ patentId: number; data: Record<string, unknown> }[]> {
  if (!l.run_id) return [];
  const f = l.filter as SupplyListFilter;
  const max = f.maxItems ?? DEFAULT_MAX_ITEMS;
  const refs = await loadRefs(db);
  const out: { patentId: number; data: Record<string, unknown> }[] = [];
  const params: unknown[] = [l.run_id];
  const w = ['run_id = $1'];
  if (f.grades?.length) { params.push(f.grades); w.push(`grade = any($${params.length}::text[])`); }
  if (f.holderIds?.length) { params.push(f.holderIds); w.push(`holder_id = any($${params.length}::bigint[])`); }
  if (l.kind === 'soe_sharing') w.push(`pool = 'soe'`);
  const PAGE = 5000;
  for (let off = 0; out.length < max; off += PAGE) {
    const rows = await query<ItemRow>(db, `select * from inventory_items where ${w.join(' and ')} order by score desc, patent_id asc limit ${PAGE} offset ${off}`, params);
    for (const i of rows) {
      if (!matchesFilter(candidateOf(i), f, l.kind as SupplyListKind)) continue;
      out.push({ patentId: i.patent_id, data: {
        applicationNumber: i.application_number, title: i.title, type: PATENT_TYPE_LABELS[i.type as PatentType] ?? i.type, holderName: i.holder_name,
        holderType: i.holder_type ? ORG_TYPE_LABELS[i.holder_type as OrgType] ?? i.holder_type : null, pool: POOL_LABELS[i.pool], grade: i.grade, gradeLabel: GRADE_LABELS[i.grade], score: i.score,
        seiIndustry: i.sei_industry ? `${i.sei_industry} ${refs.seiNames.get(i.sei_industry) ?? ''}`.trim() : null,
        industry: i.industry_code ? `${i.industry_code} ${refs.industryNames.get(i.industry_code) ?? ''}`.trim() : null,
        highValue: i.high_value ? i.hv_flags.map((x) => HV_FLAG_LABELS[x as HvFlagCode] ?? x).join('、') : null, openLicence: i.open_licence,
        ipcMain: i.ipc_main, grantDate: i.grant_date, regionCode: i.region_code,
      } });
      if (out.length >= max) break;
    }
    if (rows.length < PAGE) break;
  }
  return out;
}

export async function listItems(db: Queryable, actor: Actor | null, id: number, page: number, pageSize: number) {
  const l = await visibleList(db, actor, id);
  if (l.state === 'draft') {
    const all = await composeItems(db, l);
    return { items: all.slice((page - 1) * pageSize, page * pageSize).map((x, k) => ({ seq: (page - 1) * pageSize + k + 1, patentId: x.patentId, ...x.data })), total: all.length, preview: true };
  }
  const { rows, total } = await repo.frozenItems(db, id, page, pageSize);
  return { items: rows.map((r) => ({ seq: r.seq, patentId: r.patent_id, ...r.data })), total, preview: false };
}

/** reviewed ↔ draft by the office: review freezes the items; sending back clears them. */
export async function review(db: Queryable, actor: Actor, id: number, to: 'reviewed' | 'draft', comment: string | null) {
  return inTx(db, async (tx) => {
    const l = await visibleList(tx, actor, id);
    assertTransition(l.state, to);
    let count = 0;
    if (to === 'reviewed') {
      const items = await composeItems(tx, l);
      if (!items.length) throw new AppError('RULE_VIOLATION', '清单没有符合条件的专利，不能提交审核通过');
      await repo.replaceItems(tx, id, items);
      count = items.length;
    } else await repo.replaceItems(tx, id, []);
    await repo.setState(tx, id, to, { reviewedBy: actor.userId || null, comment, itemCount: count });
    const after = (await repo.getList(tx, id))!;
    await audit(tx, actor, { action: to === 'reviewed' ? 'supply-list.review' : 'supply-list.return', entity: 'supply_list', entityId: id, before: { state: l.state }, after: { state: to, itemCount: count, comment } });
    return presentList(after);
  });
}

export async function publishList(db: Queryable, actor: Actor, id: number, publishDate: string) {
  return inTx(db, async (tx) => {
    const l = await visibleList(tx, actor, id);
    assertTransition(l.state, 'published');
    const year = Number(publishDate.slice(0, 4));
    const seq = await repo.nextSeq(tx, l.kind, year);
    const listNo = formatListNumber(l.kind, year, seq);
    await repo.publish(tx, id, { listNo, year, seq, on: publishDate, by: actor.userId || null });
    await audit(tx, actor, { action: 'supply-list.publish', entity: 'supply_list', entityId: id, before: { state: l.state }, after: { state: 'published', listNo, publishedOn: publishDate } });
    return presentList((await repo.getList(tx, id))!);
  });
}

export async function listLists(db: Queryable, actor: Actor | null, q: { page: number; pageSize: number; state?: string; kind?: string }, publicOnly: boolean) {
  const orgScoped = !publicOnly && !canManageAll(actor);
  const { rows, total } = await repo.listLists(db, { publishedOnly: publicOnly, orgId: orgScoped ? actor?.orgId ?? -1 : null, state: q.state, kind: q.kind }, q.page, q.pageSize);
  return { items: rows.map(presentList), total };
}
