import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { filingInput, filingListQuery, filingReviewInput, filingSubmitInput, filingWithdrawInput, yearReportInput } from '@zhuanhua/domain/product-filing/index.ts';
import type { Deps } from '../../deps.ts';
import { requireActor } from '../../http/auth.ts';
import { attachment, writeXlsx, XLSX_MIME } from '../../lib/excel-export.ts';
import { readUpload } from '../../http/upload.ts';
import { createFiling, getFilingView, listFilingsView, reportYear, reviewFiling, submitFiling, withdrawFiling } from './product-filing.service.ts';
import { FILING_EXPORT_COLUMNS, FILING_TEMPLATE, filingExportRow, importFilings } from './product-filing.import.ts';

const idParam = z.object({ id: z.coerce.number().int().positive() });

export async function productFilingRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['product-filings'];
  const db = deps.db;
  r.get('/product-filings', { config: { action: 'product-filing.list' }, schema: { tags, querystring: filingListQuery } },
    async (req) => listFilingsView(db, requireActor(req), req.query, req.query));
  r.get('/product-filings/export', { config: { action: 'product-filing.export' }, schema: { tags, querystring: filingListQuery.omit({ page: true, pageSize: true }) } }, async (req, reply) => {
    const { items } = await listFilingsView(db, requireActor(req), req.query, { page: 1, pageSize: 10_000, sort: req.query.sort });
    const buf = await writeXlsx([{ name: '专利产品备案', columns: FILING_EXPORT_COLUMNS, rows: items.map(filingExportRow) }]);
    return reply.header('content-type', XLSX_MIME).header('content-disposition', attachment('专利产品备案.xlsx')).send(buf);
  });
  r.get('/product-filings/:id', { config: { action: 'product-filing.read' }, schema: { tags, params: idParam } },
    async (req) => getFilingView(db, requireActor(req), req.params.id));
  r.post('/product-filings', { config: { action: 'product-filing.create' }, schema: { tags, body: filingInput } }, async (req, reply) => {
    const actor = requireActor(req);
    const id = await createFiling(db, actor, req.body);
    return reply.status(201).send(await getFilingView(db, actor, id));
  });
  r.post('/product-filings/:id/submit', { config: { action: 'product-filing.submit' }, schema: { tags, params: idParam, body: filingSubmitInput } }, async (req) => {
    const actor = requireActor(req);
    await submitFiling(db, actor, req.params.id, req.body.filingDate);
    return getFilingView(db, actor, req.params.id);
  });
  r.post('/product-filings/:id/review', { config: { action: 'product-filing.review' }, schema: { tags, params: idParam, body: filingReviewInput } }, async (req) => {
    const actor = requireActor(req);
    await reviewFiling(db, actor, req.params.id, req.body.approve, req.body.reason ?? null);
    return getFilingView(db, actor, req.params.id);
  });
  r.post('/product-filings/:id/withdraw', { config: { action: 'product-filing.withdraw' }, schema: { tags, params: idParam, body: filingWithdrawInput } }, async (req) => {
    const actor = requireActor(req);
    await withdrawFiling(db, actor, req.params.id, req.body.reason);
    return getFilingView(db, actor, req.params.id);
  });
  r.post('/product-filings/:id/reports', { config: { action: 'product-filing.report' }, schema: { tags, params: idParam, body: yearReportInput } }, async (req) => {
    const actor = requireActor(req);
    const { warnings } = await reportYear(db, actor, req.params.id, req.body);
    return { ...(await getFilingView(db, actor, req.params.id)), warnings };
  });
  r.get('/imports/product-filings/template', { config: { action: 'product-filing.import' }, schema: { tags } }, async (_req, reply) => {
    const buf = await writeXlsx([{ name: '专利产品备案导入模板', columns: FILING_TEMPLATE.map((h) => ({ header: h, key: h, width: 18 })), rows: [] }]);
    return reply.header('content-type', XLSX_MIME).header('content-disposition', attachment('专利产品备案导入模板.xlsx')).send(buf);
  });
  r.post('/imports/product-filings', { config: { action: 'product-filing.import', rateLimit: { max: 10, timeWindow: '1 minute' } }, schema: { tags, consumes: ['multipart/form-data'] } }, async (req, reply) => {
    const actor = requireActor(req);
    const { filename, buf, fields } = await readUpload(req);
    const jobId = await deps.jobs.start('product-filing.import', actor, (p) => importFilings(db, actor, filename, buf, fields.mode === 'valid-only', p).then((x) => ({ ...x, ids: undefined })));
    return reply.status(202).send({ jobId });
  });
}
