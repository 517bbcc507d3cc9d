import { AppError } from '@zhuanhua/domain';
import type { Queryable } from '../../db/client.ts';
import type { Paging } from '../../http/paging.ts';
import { ipcTitles } from '../reference/reference.repo.ts';
import type { Deps } from '../../deps.ts';
import { getPatent, patentUses, statusHistory, type PatentFilter } from './patent.repo.ts';
import { listPatentRows } from './patent.list.ts';
import { presentPatentDetail, presentPatentSummary } from './patent.presenter.ts';

export async function listPatentsView(deps: Pick<Deps, 'db' | 'events' | 'log'>, f: PatentFilter, p: Paging) {
  const { rows, total } = await listPatentRows(deps, f, p);
  return { items: rows.map(presentPatentSummary), total };
}

export async function getPatentView(db: Queryable, id: number) {
  const p = await getPatent(db, id);
  if (!p) throw new AppError('NOT_FOUND', '专利不存在');
  const [titles, history, uses] = await Promise.all([ipcTitles(db, p.ipc_codes), statusHistory(db, id), patentUses(db, id)]);
  return presentPatentDetail(p, { ipcTitles: titles, history, uses });
}
