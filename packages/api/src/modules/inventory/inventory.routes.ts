import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { feesQuery, inventoryItemsQuery, inventoryRunInput, patentMarkInput, isoDate } from '@zhuanhua/domain/inventory/index.ts';
import type { Deps } from '../../deps.ts';
import { requireActor } from '../../http/auth.ts';
import { pagingQuery } from '../../http/paging.ts';
import { attachment, XLSX_MIME } from '../../lib/excel-export.ts';
import * as svc from './inventory.service.ts';
import * as repo from './inventory.repo.ts';
import { presentItem, presentRun, presentSummary } from './inventory.presenter.ts';
import { exportRun } from './inventory.export.ts';
import { loadRefs } from './inventory.reference.ts';
import type { RunSummary } from '@zhuanhua/domain/inventory/index.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const itemFilter = (q: z.infer<typeof inventoryItemsQuery>): repo.ItemFilter => ({
  grade: q.grade, pool: q.pool, holderId: q.holderId, regionCode: q.regionCode, industry: q.industry, sei: q.sei,
  highValue: q.highValue === undefined ? undefined : q.highValue === 'true', q: q.q,
});

export async function inventoryRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['inventory'];

  r.get('/inventory/config', { config: { action: 'inventory.config.read' }, schema: { tags } }, async () => svc.getSettings(deps.db));
  r.put('/inventory/config', {
    config: { action: 'inventory.config.update' },
    schema: { tags, body: z.object({ presetId: z.string().max(40).optional(), model: z.unknown().optional(), highValue: z.unknown().optional() }).strict() },
  }, async (req) => svc.updateSettings(deps.db, requireActor(req), req.body));

  r.post('/inventory/runs', { config: { action: 'inventory.run' }, schema: { tags, body: inventoryRunInput } }, async (req, reply) => {
    const actor = requireActor(req);
    const run = await svc.createRun(deps.db, actor, req.body);
    const jobId = await deps.jobs.start('inventory.run', actor, (progress) => svc.executeRun(deps.db, actor, run.id, progress).then((x) => ({ runId: x.runId, batchNo: x.batchNo, poolSize: x.poolSize, scanned: x.scanned })));
    await repo.setRunJob(deps.db, run.id, jobId);
    return reply.status(202).send({ runId: run.id, batchNo: run.batch_no, jobId });
  });
  r.get('/inventory/runs', { config: { action: 'inventory.list' }, schema: { tags, querystring: pagingQuery } }, async (req) => {
    const { rows, total } = await svc.listRuns(deps.db, requireActor(req), req.query.page, req.query.pageSize);
    return { items: rows.map(presentRun), total };
  });
  r.get('/inventory/runs/:id', { config: { action: 'inventory.read' }, schema: { tags, params: idParams } }, async (req) => {
    const actor = requireActor(req);
    const run = await svc.visibleRun(deps.db, actor, req.params.id);
    const scopedOwn = svc.scopedItemFilter(actor, run, {}).holderId !== undefined;
    return { ...presentRun(run), summary: scopedOwn ? null : await presentSummary(deps.db, run.summary as RunSummary | null), diff: scopedOwn ? null : run.diff, model: run.model, hvConfig: run.hv_config };
  });
  r.get('/inventory/runs/:id/items', { config: { action: 'inventory.read' }, schema: { tags, params: idParams, querystring: inventoryItemsQuery } }, async (req) => {
    const actor = requireActor(req);
    const run = await svc.visibleRun(deps.db, actor, req.params.id);
    const q = req.query;
    const { rows, total } = await repo.listItems(deps.db, run.id, svc.scopedItemFilter(actor, run, itemFilter(q)), q.page, q.pageSize, q.sort);
    const refs = await loadRefs(deps.db);
    return { items: rows.map((i) => presentItem(i, { sei: refs.seiNames, industry: refs.industryNames })), total };
  });
  r.get('/inventory/runs/:id/export', { config: { action: 'inventory.export' }, schema: { tags, params: idParams, querystring: inventoryItemsQuery.partial() } }, async (req, reply) => {
    const actor = requireActor(req);
    const run = await svc.visibleRun(deps.db, actor, req.params.id);
    if (run.state !== 'succeeded') return reply.status(409).send({ code: 'CONFLICT', message: '盘点尚未完成，不能导出' });
    const q = inventoryItemsQuery.parse(req.query);
    const buf = await exportRun(deps.db, run, svc.scopedItemFilter(actor, run, itemFilter(q)));
    return reply.header('content-type', XLSX_MIME).header('content-disposition', attachment(`${run.batch_no}_盘点结果.xlsx`)).send(buf);
  });

  r.get('/inventory/patents/:id/explain', {
    config: { action: 'inventory.explain' },
    schema: { tags, params: idParams, querystring: z.object({ asOf: isoDate.optional(), runId: z.coerce.number().int().positive().optional() }) },
  }, async (req) => svc.explainPatent(deps.db, requireActor(req), req.params.id, req.query));
  r.put('/inventory/patents/:id/mark', { config: { action: 'inventory.mark' }, schema: { tags, params: idParams, body: patentMarkInput } },
    async (req) => svc.markPatent(deps.db, requireActor(req), req.params.id, req.body));
  r.delete('/inventory/patents/:id/mark', { config: { action: 'inventory.mark' }, schema: { tags, params: idParams } },
    async (req) => svc.unmarkPatent(deps.db, requireActor(req), req.params.id));

  r.get('/inventory/fees', { config: { action: 'inventory.fees' }, schema: { tags, querystring: feesQuery } },
    async (req) => svc.holderFees(deps.db, requireActor(req), req.query));
}
