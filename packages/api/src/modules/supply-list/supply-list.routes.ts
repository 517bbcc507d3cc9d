import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { supplyListInput, supplyListPatch, isoDate, SUPPLY_LIST_KINDS, SUPPLY_LIST_STATES } from '@zhuanhua/domain/inventory/index.ts';
import type { Deps } from '../../deps.ts';
import { requireActor } from '../../http/auth.ts';
import { pagingQuery } from '../../http/paging.ts';
import { attachment, XLSX_MIME } from '../../lib/excel-export.ts';
import * as svc from './supply-list.service.ts';
import { listDocx, listXlsx } from './supply-list.export.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const listQuery = pagingQuery.extend({ state: z.enum(SUPPLY_LIST_STATES).optional(), kind: z.enum(SUPPLY_LIST_KINDS).optional() });
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const EXPORT_MAX = 5000;
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10); // China local date

export async function supplyListRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['supply-lists'];

  r.get('/supply-lists/public', { config: { action: 'supply-list.public' }, schema: { tags, querystring: listQuery } },
    async (req) => svc.listLists(deps.db, null, req.query, true));
  r.get('/supply-lists', { config: { action: 'supply-list.list' }, schema: { tags, querystring: listQuery } },
    async (req) => svc.listLists(deps.db, requireActor(req), req.query, false));
  r.get('/supply-lists/:id', { config: { action: 'supply-list.public' }, schema: { tags, params: idParams } },
    async (req) => svc.presentList(await svc.visibleList(deps.db, req.actor, req.params.id)));
  r.get('/supply-lists/:id/items', { config: { action: 'supply-list.public' }, schema: { tags, params: idParams, querystring: pagingQuery } },
    async (req) => svc.listItems(deps.db, req.actor, req.params.id, req.query.page, req.query.pageSize));
  r.post('/supply-lists', { config: { action: 'supply-list.create' }, schema: { tags, body: supplyListInput } }, async (req, reply) =>
    reply.status(201).send(await svc.createList(deps.db, requireActor(req), req.body)));
  r.patch('/supply-lists/:id', { config: { action: 'supply-list.update' }, schema: { tags, params: idParams, body: supplyListPatch } },
    async (req) => svc.updateList(deps.db, requireActor(req), req.params.id, req.body));
  r.post('/supply-lists/:id/review', {
    config: { action: 'supply-list.review' },
    schema: { tags, params: idParams, body: z.object({ to: z.enum(['reviewed', 'draft'], { message: '审核结果应为通过（reviewed）或退回（draft）' }), comment: z.string().max(500).optional().nullable() }).strict() },
  }, async (req) => svc.review(deps.db, requireActor(req), req.params.id, req.body.to, req.body.comment ?? null));
  r.post('/supply-lists/:id/publish', {
    config: { action: 'supply-list.publish' }, schema: { tags, params: idParams, body: z.object({ publishDate: isoDate.optional() }).strict().default({}) },
  }, async (req) => svc.publishList(deps.db, requireActor(req), req.params.id, req.body.publishDate ?? today()));

  const download = (format: 'xlsx' | 'docx') => async (req: { params: { id: number }; actor: import('../../http/actor.ts').Actor | null }, reply: import('fastify').FastifyReply) => {
    const l = svc.presentList(await svc.visibleList(deps.db, req.actor, req.params.id));
    const { items } = await svc.listItems(deps.db, req.actor, l.id, 1, EXPORT_MAX);
    const name = `${l.listNo ?? l.title}`;
    if (format === 'xlsx') return reply.header('content-type', XLSX_MIME).header('content-disposition', attachment(`${name}.xlsx`)).send(await listXlsx(l, items));
    return reply.header('content-type', DOCX_MIME).header('content-disposition', attachment(`${name}.docx`)).send(await listDocx(l, items));
  };
  r.get('/supply-lists/:id/export.xlsx', { config: { action: 'supply-list.download' }, schema: { tags, params: idParams } }, download('xlsx'));
  r.get('/supply-lists/:id/export.docx', { config: { action: 'supply-list.download' }, schema: { tags, params: idParams } }, download('docx'));
}
