import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  batchInput, claimInput, decisionInput, defaultInput, loanInput, pledgeApplyInput, pledgeListQuery, registrationInput, releaseInput,
  repaymentInput, valuationInput,
} from '@zhuanhua/domain/pledge/index.ts';
import type { Deps } from '../../deps.ts';
import { requireActor } from '../../http/auth.ts';
import { attachment, writeXlsx, XLSX_MIME } from '../../lib/excel-export.ts';
import { readUpload } from '../../http/upload.ts';
import {
  addRepayment, applyPledge, claimCompensation, createBatch, decidePledge, disburseLoan, getBatchView, getPledgeView, listBatchesView,
  listPledgesView, markDefault, registerPledge, releasePledge, valuePledge, withdrawPledge,
} from './pledge.service.ts';
import { PLEDGE_EXPORT_COLUMNS, PLEDGE_TEMPLATE, exportRow, importPledges } from './pledge.import.ts';

const idParam = z.object({ id: z.coerce.number().int().positive() });
const listQuery = pledgeListQuery.extend({ patentId: z.coerce.number().int().positive().optional() });

export async function pledgeRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['pledges'];
  const db = deps.db;
  r.get('/pledges', { config: { action: 'pledge.list' }, schema: { tags, querystring: listQuery } },
    async (req) => listPledgesView(db, requireActor(req), req.query, req.query));
  r.get('/pledges/export', { config: { action: 'pledge.export' }, schema: { tags, querystring: listQuery.omit({ page: true, pageSize: true }) } }, async (req, reply) => {
    const { items } = await listPledgesView(db, requireActor(req), req.query, { page: 1, pageSize: 10_000, sort: req.query.sort });
    const buf = await writeXlsx([{ name: '质押融资', columns: PLEDGE_EXPORT_COLUMNS, rows: items.map(exportRow) }]);
    return reply.header('content-type', XLSX_MIME).header('content-disposition', attachment('质押融资.xlsx')).send(buf);
  });
  r.get('/pledges/:id', { config: { action: 'pledge.read' }, schema: { tags, params: idParam } },
    async (req) => getPledgeView(db, requireActor(req), req.params.id));
  r.post('/pledges', { config: { action: 'pledge.apply' }, schema: { tags, body: pledgeApplyInput } }, async (req, reply) => {
    const actor = requireActor(req);
    const id = await applyPledge(db, actor, req.body);
    return reply.status(201).send(await getPledgeView(db, actor, id));
  });
  const step = <S extends z.ZodType>(path: string, action: string, body: S, fn: (actor: ReturnType<typeof requireActor>, id: number, b: z.infer<S>) => Promise<unknown>) =>
    r.post(`/pledges/:id/${path}`, { config: { action }, schema: { tags, params: idParam, body } }, async (req) => {
      const actor = requireActor(req);
      const extra = await fn(actor, req.params.id, req.body as z.infer<S>);
      const view = await getPledgeView(db, actor, req.params.id);
      return extra && typeof extra === 'object' ? { ...view, result: extra } : view;
    });
  step('valuation', 'pledge.value', valuationInput, (a, id, b) => valuePledge(db, a, id, b));
  step('decision', 'pledge.decide', decisionInput, (a, id, b) => decidePledge(db, a, id, b));
  step('registration', 'pledge.register', registrationInput, (a, id, b) => registerPledge(db, a, id, b));
  step('loan', 'pledge.disburse', loanInput, (a, id, b) => disburseLoan(db, a, id, b));
  step('repayments', 'pledge.repay', repaymentInput, (a, id, b) => addRepayment(db, a, id, b));
  step('release', 'pledge.release', releaseInput, (a, id, b) => releasePledge(db, a, id, b.releasedDate));
  step('default', 'pledge.default', defaultInput, (a, id, b) => markDefault(db, a, id, b));
  step('claim', 'pledge.claim', claimInput, (a, id, b) => claimCompensation(db, a, id, b));
  step('withdraw', 'pledge.withdraw', z.object({}).strict().optional(), (a, id) => withdrawPledge(db, a, id));

  r.get('/pledge-batches', { config: { action: 'pledge.list' }, schema: { tags } }, async (req) => listBatchesView(db, requireActor(req)));
  r.get('/pledge-batches/:id', { config: { action: 'pledge.read' }, schema: { tags, params: idParam } }, async (req) => getBatchView(db, requireActor(req), req.params.id));
  r.post('/pledge-batches', { config: { action: 'pledge.batch' }, schema: { tags, body: batchInput } }, async (req, reply) => {
    const actor = requireActor(req);
    const id = await createBatch(db, actor, req.body);
    return reply.status(201).send(await getBatchView(db, actor, id));
  });

  r.get('/imports/pledges/template', { config: { action: 'pledge.import' }, schema: { tags } }, async (_req, reply) => {
    const buf = await writeXlsx([{ name: '质押登记导入模板', columns: PLEDGE_TEMPLATE.map((h) => ({ header: h, key: h, width: 18 })), rows: [] }]);
    return reply.header('content-type', XLSX_MIME).header('content-disposition', attachment('质押登记导入模板.xlsx')).send(buf);
  });
  r.post('/imports/pledges', { config: { action: 'pledge.import', rateLimit: { max: 10, timeWindow: '1 minute' } }, schema: { tags, consumes: ['multipart/form-data'] } }, async (req, reply) => {
    const actor = requireActor(req);
    const { filename, buf, fields } = await readUpload(req);
    const jobId = await deps.jobs.start('pledge.import', actor, (progress) => importPledges(db, actor, filename, buf, fields.mode === 'valid-only', progress).then((x) => ({ ...x, ids: undefined })));
    return reply.status(202).send({ jobId });
  });
}
