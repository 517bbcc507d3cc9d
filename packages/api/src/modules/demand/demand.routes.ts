import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { demandInput, demandListQuery, demandReviewInput } from '@zhuanhua/domain/demand/index.ts';
import type { Deps } from '../../deps.ts';
import { requireActor } from '../../http/auth.ts';
import { readUpload } from '../../http/upload.ts';
import { presentDemand } from './demand.presenter.ts';
import { createDemand, listDemandsFor, readDemand, transitionDemand, updateDemand } from './demand.service.ts';
import { importDemands } from './demand.import.ts';

const idParam = z.object({ id: z.coerce.number().int().positive() });

export async function demandRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['demands'];
  r.get('/demands', { config: { action: 'demand.list' }, schema: { tags, querystring: demandListQuery, description: '需求大厅：已发布的需求（联系方式脱敏）' } }, async (req) => {
    const q = req.query;
    const { rows, total } = await listDemandsFor(deps.db, req.actor ?? null, { q: q.q, mode: q.mode, regionCode: q.regionCode }, q.page, q.pageSize, q.sort);
    return { items: rows.map((d) => presentDemand(d, req.actor ?? null)), total };
  });
  r.get('/demands/mine', { config: { action: 'demand.mine' }, schema: { tags, querystring: demandListQuery } }, async (req) => {
    const q = req.query;
    const { rows, total } = await listDemandsFor(deps.db, requireActor(req), { q: q.q, state: q.state, mode: q.mode, mine: true }, q.page, q.pageSize, q.sort);
    return { items: rows.map((d) => presentDemand(d, req.actor ?? null)), total };
  });
  r.get('/demands/:id', { config: { action: 'demand.read' }, schema: { tags, params: idParam } },
    async (req) => presentDemand(await readDemand(deps.db, req.params.id, req.actor ?? null), req.actor ?? null));
  r.post('/demands', { config: { action: 'demand.create' }, schema: { tags, body: demandInput } },
    async (req, reply) => reply.status(201).send(presentDemand(await createDemand(deps.db, deps.events, requireActor(req), req.body), req.actor ?? null)));
  r.put('/demands/:id', { config: { action: 'demand.update' }, schema: { tags, params: idParam, body: demandInput } },
    async (req) => presentDemand(await updateDemand(deps.db, deps.events, requireActor(req), req.params.id, req.body), req.actor ?? null));
  r.post('/demands/:id/submit', { config: { action: 'demand.submit' }, schema: { tags, params: idParam } },
    async (req) => presentDemand(await transitionDemand(deps.db, deps.events, requireActor(req), req.params.id, 'submit'), req.actor ?? null));
  r.post('/demands/:id/close', { config: { action: 'demand.close' }, schema: { tags, params: idParam } },
    async (req) => presentDemand(await transitionDemand(deps.db, deps.events, requireActor(req), req.params.id, 'close'), req.actor ?? null));
  r.post('/demands/:id/matched', { config: { action: 'demand.close' }, schema: { tags, params: idParam } },
    async (req) => presentDemand(await transitionDemand(deps.db, deps.events, requireActor(req), req.params.id, 'match'), req.actor ?? null));
  r.post('/demands/:id/review', { config: { action: 'demand.review' }, schema: { tags, params: idParam, body: demandReviewInput } },
    async (req) => presentDemand(await transitionDemand(deps.db, deps.events, requireActor(req), req.params.id, req.body.decision, req.body.comment), req.actor ?? null));
  r.post('/imports/demands', {
    config: { action: 'demand.import', rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: { tags, consumes: ['multipart/form-data'], description: '上传 .xlsx / .csv / .jsonl 需求清单。字段 mode=all|valid-only，orgId（管理员/服务机构）。返回任务 ID。' },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const { filename, buf, fields } = await readUpload(req);
    const orgId = (actor.role === 'platform_admin' || actor.role === 'service_agent') && fields.orgId ? Number(fields.orgId) : actor.orgId;
    const jobId = await deps.jobs.start('demand.import', actor, async (progress) => {
      const res = await importDemands(deps.db, actor, filename, buf, { validOnly: fields.mode === 'valid-only', orgId }, progress);
      deps.events.emit('demands.changed', { ids: res.ids });
      return { ...res, ids: undefined };
    });
    return reply.status(202).send({ jobId });
  });
}
