/** Import past events (活动台账) and export the event list with counted outcomes. */
import { EVENT_KIND_LABELS, EVENT_KINDS, type EventKind } from '@zhuanhua/domain/event/index.ts';
import { queryOne, type Queryable } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import type { Progress } from '../../jobs/jobs.ts';
import { parseLooseDate, pick } from '../../lib/tabular.ts';
import { orgIdByName, runImport, type RowError } from '../pledge/pledge.common.ts';
import type { presentEvent } from './event.service.ts';

export const EVENT_TEMPLATE = ['活动名称', '活动类型', '主办单位', '活动日期', '线上', '地点', '目标产业', '面向园区', '状态'];
type Rec = { title: string; kind: EventKind; organiserName: string; organiserOrgId: number | null; date: string; online: boolean; place: string | null; industry: string | null; parks: string | null; state: 'planned' | 'held' | 'closed' };

export async function importEvents(db: Queryable, actor: Actor, filename: string, buf: Buffer, validOnly: boolean, progress?: Progress) {
  const orgs = new Map<string, Awaited<ReturnType<typeof orgIdByName>>>();
  return runImport<Rec>({
    db, actor, filename, buf, validOnly, entity: 'event', progress,
    parse: async (row, c) => {
      const errors: RowError[] = [];
      const err = (field: string, message: string) => errors.push({ row, field, message });
      const title = pick(c, ['活动名称']);
      if (title.length < 2) err('活动名称', '缺少活动名称');
      const kindLabel = pick(c, ['活动类型']) || '供需对接会';
      const kind = EVENT_KINDS.find((k) => EVENT_KIND_LABELS[k] === kindLabel || k === kindLabel);
      if (!kind) err('活动类型', `活动类型须为：${EVENT_KINDS.map((k) => EVENT_KIND_LABELS[k]).join('、')}`);
      const organiserName = pick(c, ['主办单位']);
      if (organiserName.length < 2) err('主办单位', '缺少主办单位');
      const org = organiserName ? await orgIdByName(db, organiserName, orgs) : undefined;
      const date = parseLooseDate(pick(c, ['活动日期', '日期']));
      if (!date) err('活动日期', '活动日期缺失或格式不正确');
      const onlineRaw = pick(c, ['线上']);
      const online = ['是', '线上', 'Y', 'y', '1', 'true'].includes(onlineRaw);
      const place = pick(c, ['地点']) || null;
      if (!online && !place) err('地点', '线下活动须填写地点');
      const stateLabel = pick(c, ['状态']) || '已举办';
      const state = ({ 筹备中: 'planned', 已举办: 'held', 已结项: 'closed' } as const)[stateLabel as '筹备中'];
      if (!state) err('状态', '状态须为 筹备中、已举办 或 已结项');
      if (date && title && !errors.length) {
        const dup = await queryOne(db, `select 1 from events where title = $1 and event_date = $2`, [title, date]);
        if (dup) err('活动名称', '同名同日期的活动已存在');
      }
      if (errors.length) return { errors };
      return { errors, record: { title, kind: kind!, organiserName, organiserOrgId: org?.id ?? null, date: date!, online, place, industry: pick(c, ['目标产业']) || null, parks: pick(c, ['面向园区']) || null, state: state! } };
    },
    write: async (tx, recs) => {
      const ids: number[] = [];
      for (const r of recs) {
        const row = await queryOne<{ id: number }>(tx, `insert into events (title, kind, organiser_org_id, organiser_name, event_date, online, place, target_industry, target_parks, state, source, created_by)
          values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,'import',$11) returning id`,
        [r.title, r.kind, r.organiserOrgId, r.organiserName, r.date, r.online, r.place, r.industry, r.parks, r.state, actor.userId || null]);
        ids.push(row!.id);
      }
      return ids;
    },
  });
}

export const EVENT_EXPORT_COLUMNS = [
  { header: '编号', key: 'id', width: 8 }, { header: '活动名称', key: 'title', width: 32 }, { header: '活动类型', key: 'kindLabel', width: 12 },
  { header: '主办单位', key: 'organiserName', width: 24 }, { header: '活动日期', key: 'eventDate', width: 12 }, { header: '线上', key: 'onlineLabel', width: 6 },
  { header: '地点', key: 'place', width: 24 }, { header: '目标产业', key: 'targetIndustry', width: 16 }, { header: '状态', key: 'stateLabel', width: 10 },
  { header: '展示项目数', key: 'projectCount', width: 10 }, { header: '报名机构数', key: 'registrationCount', width: 10 }, { header: '成交数（台账）', key: 'dealCount', width: 12 },
];
export const eventExportRow = (e: ReturnType<typeof presentEvent>) => ({ ...e, onlineLabel: e.online ? '是' : '否' });
