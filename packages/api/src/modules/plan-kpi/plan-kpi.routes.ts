import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '@zhuanhua/domain';
import {
  INDICATORS, INDICATOR_CODES, TARGET_KINDS, TARGET_KIND_LABELS, copyPlanSchema, kpiQuerySchema, manualFigureSchema, planIdSchema,
  regionCodeSchema, regionPrefix,
} from '@zhuanhua/domain/plan-kpi/index.ts';
import type { Deps } from '../../deps.ts';
import { requireActor } from '../../http/auth.ts';
import { attachment, writeXlsx, XLSX_MIME } from '../../lib/excel-export.ts';
import { audit } from '../../lib/audit.ts';
import { computableIndicators, presentTables } from './plan-kpi.engine.ts';
import { drilldown } from './plan-kpi.drilldown.ts';
import * as svc from './plan-kpi.service.ts';
import { breakdown, BREAKDOWN_DIMS } from './plan-kpi.breakdown.ts';
import { getReport } from './plan-kpi.repo.ts';
import { startReportJob } from './plan-kpi.jobs.ts';

/** Today in China (UTC+8), the default as-of date. */
export const todayCn = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

const idParam = z.object({ id: planIdSchema });
const drillQuery = z.object({
  indicator: z.enum(INDICATOR_CODES),
  region: regionCodeSchema,
  year: z.coerce.number().int().min(2000).max(2100),
  asOf: kpiQuerySchema.shape.asOf,
});

export async function planKpiRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['kpi'];
  r.get('/kpi/catalogue', { config: { action: 'kpi.plan.read' }, schema: { tags } }, async () => {
    const computable = computableIndicators(await presentTables(deps.db));
    return {
      indicators: INDICATORS.map((i) => ({ ...i, computed: computable.has(i.code) && i.source !== 'manual' })),
      targetKinds: TARGET_KINDS.map((k) => ({ kind: k, label: TARGET_KIND_LABELS[k] })),
    };
  });
  r.get('/kpi/plans', { config: { action: 'kpi.plan.list' }, schema: { tags } }, async () => {
    const items = await svc.listPlans(deps.db);
    return { items, total: items.length };
  });
  r.get('/kpi/plans/:id', { config: { action: 'kpi.plan.read' }, schema: { tags, params: idParam } }, async (req) => svc.getPlan(deps.db, req.params.id));
  r.post('/kpi/plans', { config: { action: 'kpi.plan.create' }, schema: { tags, body: z.looseObject({ id: planIdSchema }) } }, async (req, reply) => {
    const { id, ...body } = req.body;
    return reply.status(201).send(await svc.createPlan(deps.db, requireActor(req), id, body));
  });
  r.put('/kpi/plans/:id', { config: { action: 'kpi.plan.update' }, schema: { tags, params: idParam, body: z.looseObject({}) } },
    async (req) => svc.updatePlan(deps.db, requireActor(req), req.params.id, req.body));
  r.post('/kpi/plans/:id/copy', { config: { action: 'kpi.plan.copy' }, schema: { tags, params: idParam, body: copyPlanSchema } },
    async (req, reply) => reply.status(201).send(await svc.copyPlan(deps.db, requireActor(req), req.params.id, req.body)));
  r.delete('/kpi/plans/:id', { config: { action: 'kpi.plan.delete' }, schema: { tags, params: idParam } }, async (req, reply) => {
    await svc.deletePlan(deps.db, requireActor(req), req.params.id);
    return reply.status(204).send();
  });

  r.get('/kpi/plans/:id/evaluation', { config: { action: 'kpi.indicator.read' }, schema: { tags, params: idParam, querystring: kpiQuerySchema } },
    async (req) => svc.evaluatePlan(deps.db, req.params.id, { region: req.query.region, asOf: req.query.asOf ?? todayCn() }));
  r.get('/kpi/plans/:id/ranking', { config: { action: 'kpi.ranking' }, schema: { tags, params: idParam, querystring: kpiQuerySchema } },
    async (req) => svc.rankPlan(deps.db, req.params.id, req.query.asOf ?? todayCn()));
  r.get('/kpi/plans/:id/breakdown', {
    config: { action: 'kpi.indicator.read' },
    schema: { tags, params: idParam, querystring: kpiQuerySchema.extend({ dim: z.enum(BREAKDOWN_DIMS) }) },
  }, async (req) => {
    const plan = await svc.getPlan(deps.db, req.params.id);
    const region = req.query.region ?? plan.regionCode;
    if (!region.startsWith(regionPrefix(plan.regionCode))) throw new AppError('VALIDATION', '所选地区不在规划范围内');
    return breakdown(deps.db, req.query.dim, region, plan.startYear, plan.endYear, req.query.asOf ?? todayCn());
  });

  r.get('/kpi/drilldown', { config: { action: 'kpi.drilldown' }, schema: { tags, querystring: drillQuery } },
    async (req) => drilldown(deps.db, req.query.indicator, req.query.region, req.query.year, req.query.asOf ?? todayCn()));
  r.get('/kpi/drilldown/export', { config: { action: 'kpi.drilldown' }, schema: { tags, querystring: drillQuery } }, async (req, reply) => {
    const d = await drilldown(deps.db, req.query.indicator, req.query.region, req.query.year, req.query.asOf ?? todayCn());
    await audit(deps.db, requireActor(req), { action: 'kpi.drilldown.export', entity: 'kpi_drilldown', entityId: `${d.indicator}:${d.regionCode}:${d.year}`, after: { rows: d.items.length, total: d.total } });
    const buf = await writeXlsx([{
      name: '指标明细',
      columns: [{ header: '记录', key: 'ref', width: 14 }, { header: '日期', key: 'date', width: 12 }, { header: '名称', key: 'title', width: 36 },
        { header: '当事方', key: 'parties', width: 40 }, { header: '说明', key: 'detail', width: 40 }, { header: `计入值（${d.unit}）`, key: 'value', width: 14 }],
      rows: [...d.items, { ref: '合计', date: '', title: `${d.name} ${d.year}年 ${d.regionCode}`, parties: '', detail: '', value: d.total }],
    }]);
    return reply.header('content-type', XLSX_MIME).header('content-disposition', attachment(`指标明细_${d.indicator}_${d.regionCode}_${d.year}.xlsx`)).send(buf);
  });

  r.get('/kpi/manual', { config: { action: 'kpi.manual.list' }, schema: { tags, querystring: z.object({ region: regionCodeSchema }) } }, async (req) => {
    const items = await svc.listManual(deps.db, req.query.region);
    return { items, total: items.length };
  });
  r.post('/kpi/manual', { config: { action: 'kpi.manual.write' }, schema: { tags, body: manualFigureSchema } },
    async (req, reply) => reply.status(201).send(await svc.enterManual(deps.db, requireActor(req), req.body)));

  r.post('/kpi/plans/:id/reports', {
    config: { action: 'kpi.report' },
    schema: { tags, params: idParam, body: z.object({ kind: z.enum(['xlsx', 'docx']), year: z.number().int().min(2000).max(2100), region: regionCodeSchema.optional(), asOf: kpiQuerySchema.shape.asOf }) },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const jobId = await startReportJob(deps, actor, { planId: req.params.id, ...req.body, asOf: req.body.asOf ?? todayCn() });
    return reply.status(202).send({ jobId });
  });
  r.get('/kpi/reports/:rid/download', { config: { action: 'kpi.report' }, schema: { tags, params: z.object({ rid: z.coerce.number().int().positive() }) } }, async (req, reply) => {
    const rep = await getReport(deps.db, req.params.rid);
    if (!rep) throw new AppError('NOT_FOUND', '报告不存在');
    await audit(deps.db, requireActor(req), { action: 'kpi.report.download', entity: 'kpi_report', entityId: rep.id, after: { filename: rep.filename } });
    const mime = rep.kind === 'xlsx' ? XLSX_MIME : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    return reply.header('content-type', mime).header('content-disposition', attachment(rep.filename)).send(Buffer.from(rep.content));
  });
}
