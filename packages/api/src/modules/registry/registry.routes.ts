import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '@zhuanhua/domain';
import { REGISTRY_KINDS, REGISTRY_KIND_LABELS, entryInput, entryListQuery, entryPatch, entryStateInput, serviceListQuery, serviceRecordInput, type RegistryKind } from '@zhuanhua/domain/registry/index.ts';
import type { Deps } from '../../deps.ts';
import { requireActor } from '../../http/auth.ts';
import { readUpload } from '../../http/upload.ts';
import { attachment, writeXlsx, XLSX_MIME } from '../../lib/excel-export.ts';
import { createEntry, createService, getEntryView, listEntriesView, listServicesView, setEntryState, updateEntry } from './registry.service.ts';
import { SERVICE_EXPORT_COLUMNS, SERVICE_TEMPLATE, entryExport, entryTemplate, importEntries, importServices } from './registry.import.ts';

const idParam = z.object({ id: z.coerce.number().int().positive() });
const kindQuery = z.object({ kind: z.enum(REGISTRY_KINDS, { message: '登记类别不正确' }) });

export async function registryRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['registry'];
  const db = deps.db;
  r.get('/registry', { config: { action: 'registry.list' }, schema: { tags, querystring: entryListQuery } }, async (req) => listEntriesView(db, req.actor, req.query, req.query));
  r.get('/registry/export', { config: { action: 'registry.export' }, schema: { tags, querystring: entryListQuery.omit({ page: true, pageSize: true }) } }, async (req, reply) => {
    const { items } = await listEntriesView(db, req.actor, req.query, { page: 1, pageSize: 10_000, sort: req.query.sort });
    const sheet = entryExport(req.query.kind, items);
    return reply.header('content-type', XLSX_MIME).header('content-disposition', attachment(`${sheet.name}.xlsx`)).send(await writeXlsx([sheet]));
  });
  r.get('/registry/:id', { config: { action: 'registry.read' }, schema: { tags, params: idParam } }, async (req) => getEntryView(db, req.actor, req.params.id));
  r.post('/registry', { config: { action: 'registry.create' }, schema: { tags, body: entryInput } }, async (req, reply) => {
    const actor = requireActor(req);
    return reply.status(201).send(await getEntryView(db, actor, await createEntry(db, actor, req.body)));
  });
  r.patch('/registry/:id', { config: { action: 'registry.update' }, schema: { tags, params: idParam, body: entryPatch } }, async (req) => {
    const actor = requireActor(req);
    await updateEntry(db, actor, req.params.id, req.body);
    return getEntryView(db, actor, req.params.id);
  });
  r.post('/registry/:id/state', { config: { action: 'registry.publish' }, schema: { tags, params: idParam, body: entryStateInput } }, async (req) => {
    const actor = requireActor(req);
    await setEntryState(db, actor, req.params.id, req.body.state);
    return getEntryView(db, actor, req.params.id);
  });
  r.get('/imports/registry/template', { config: { action: 'registry.import' }, schema: { tags, querystring: kindQuery } }, async (req, reply) => {
    const kind = req.query.kind;
    const buf = await writeXlsx([{ name: `${REGISTRY_KIND_LABELS[kind]}导入模板`, columns: entryTemplate(kind).map((h) => ({ header: h, key: h, width: 18 })), rows: [] }]);
    return reply.header('content-type', XLSX_MIME).header('content-disposition', attachment(`${REGISTRY_KIND_LABELS[kind]}导入模板.xlsx`)).send(buf);
  });
  r.post('/imports/registry', { config: { action: 'registry.import', rateLimit: { max: 10, timeWindow: '1 minute' } }, schema: { tags, consumes: ['multipart/form-data'], description: '字段 kind=登记类别，mode=all|valid-only' } }, async (req, reply) => {
    const actor = requireActor(req);
    const { filename, buf, fields } = await readUpload(req);
    const kind = fields.kind as RegistryKind;
    if (!REGISTRY_KINDS.includes(kind)) throw new AppError('VALIDATION', '请选择登记类别');
    const jobId = await deps.jobs.start('registry.import', actor, (p) => importEntries(db, actor, kind, filename, buf, fields.mode === 'valid-only', p).then((x) => ({ ...x, ids: undefined })));
    return reply.status(202).send({ jobId });
  });

  r.get('/service-records', { config: { action: 'registry.serviceList' }, schema: { tags, querystring: serviceListQuery } }, async (req) => listServicesView(db, requireActor(req), req.query, req.query));
  r.get('/service-records/export', { config: { action: 'registry.serviceList' }, schema: { tags, querystring: serviceListQuery.omit({ page: true, pageSize: true }) } }, async (req, reply) => {
    const { items } = await listServicesView(db, requireActor(req), req.query, { page: 1, pageSize: 10_000, sort: req.query.sort });
    const buf = await writeXlsx([{ name: '服务记录', columns: SERVICE_EXPORT_COLUMNS, rows: items }]);
    return reply.header('content-type', XLSX_MIME).header('content-disposition', attachment('服务记录.xlsx')).send(buf);
  });
  r.post('/service-records', { config: { action: 'registry.serviceCreate' }, schema: { tags, body: serviceRecordInput } }, async (req, reply) => {
    const actor = requireActor(req);
    const id = await createService(db, actor, req.body);
    return reply.status(201).send({ id });
  });
  r.get('/imports/service-records/template', { config: { action: 'registry.serviceImport' }, schema: { tags } }, async (_req, reply) => {
    const buf = await writeXlsx([{ name: '服务记录导入模板', columns: SERVICE_TEMPLATE.map((h) => ({ header: h, key: h, width: 18 })), rows: [] }]);
    return reply.header('content-type', XLSX_MIME).header('content-disposition', attachment('服务记录导入模板.xlsx')).send(buf);
  });
  r.post('/imports/service-records', { config: { action: 'registry.serviceImport', rateLimit: { max: 10, timeWindow: '1 minute' } }, schema: { tags, consumes: ['multipart/form-data'] } }, async (req, reply) => {
    const actor = requireActor(req);
    const { filename, buf, fields } = await readUpload(req);
    const jobId = await deps.jobs.start('registry.serviceImport', actor, (p) => importServices(db, actor, filename, buf, fields.mode === 'valid-only', p).then((x) => ({ ...x, ids: undefined })));
    return reply.status(202).send({ jobId });
  });
}
