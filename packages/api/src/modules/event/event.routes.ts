import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eventInput, eventListQuery, eventRegistrationInput, eventStateInput, outcomeInput, projectInput } from '@zhuanhua/domain/event/index.ts';
import { dealInput } from '@zhuanhua/domain/deal/deal.schemas.ts';
import type { Deps } from '../../deps.ts';
import { requireActor } from '../../http/auth.ts';
import { readUpload } from '../../http/upload.ts';
import { attachment, writeXlsx, XLSX_MIME } from '../../lib/excel-export.ts';
import { addOutcome, addProject, createEvent, getEventView, listEventsView, registerOrg, setEventState } from './event.service.ts';
import { EVENT_EXPORT_COLUMNS, EVENT_TEMPLATE, eventExportRow, importEvents } from './event.import.ts';

const idParam = z.object({ id: z.coerce.number().int().positive() });
const outcomeBody = outcomeInput.extend({ deal: dealInput.optional().nullable() });

export async function eventRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['events'];
  const db = deps.db;
  r.get('/events', { config: { action: 'event.list' }, schema: { tags, querystring: eventListQuery } }, async (req) => listEventsView(db, req.query, req.query));
  r.get('/events/export', { config: { action: 'event.export' }, schema: { tags, querystring: eventListQuery.omit({ page: true, pageSize: true }) } }, async (req, reply) => {
    const { items } = await listEventsView(db, req.query, { page: 1, pageSize: 10_000, sort: req.query.sort });
    const buf = await writeXlsx([{ name: '对接活动', columns: EVENT_EXPORT_COLUMNS, rows: items.map(eventExportRow) }]);
    return reply.header('content-type', XLSX_MIME).header('content-disposition', attachment('对接活动.xlsx')).send(buf);
  });
  r.get('/events/:id', { config: { action: 'event.read' }, schema: { tags, params: idParam } }, async (req) => getEventView(db, req.actor, req.params.id));
  r.post('/events', { config: { action: 'event.create' }, schema: { tags, body: eventInput } }, async (req, reply) => {
    const actor = requireActor(req);
    const id = await createEvent(db, actor, req.body);
    return reply.status(201).send(await getEventView(db, actor, id));
  });
  r.post('/events/:id/state', { config: { action: 'event.update' }, schema: { tags, params: idParam, body: eventStateInput } }, async (req) => {
    const actor = requireActor(req);
    await setEventState(db, actor, req.params.id, req.body.state);
    return getEventView(db, actor, req.params.id);
  });
  r.post('/events/:id/projects', { config: { action: 'event.update' }, schema: { tags, params: idParam, body: projectInput } }, async (req, reply) => {
    const actor = requireActor(req);
    await addProject(db, actor, req.params.id, req.body);
    return reply.status(201).send(await getEventView(db, actor, req.params.id));
  });
  r.post('/events/:id/registrations', { config: { action: 'event.register' }, schema: { tags, params: idParam, body: eventRegistrationInput.partial() } }, async (req, reply) => {
    const actor = requireActor(req);
    await registerOrg(db, actor, req.params.id, req.body.orgId);
    return reply.status(201).send(await getEventView(db, actor, req.params.id));
  });
  r.post('/events/:id/outcomes', { config: { action: 'event.update' }, schema: { tags, params: idParam, body: outcomeBody } }, async (req, reply) => {
    const actor = requireActor(req);
    const res = await addOutcome(db, actor, req.params.id, req.body);
    return reply.status(201).send({ ...(await getEventView(db, actor, req.params.id)), result: res });
  });
  r.get('/imports/events/template', { config: { action: 'event.import' }, schema: { tags } }, async (_req, reply) => {
    const buf = await writeXlsx([{ name: '活动导入模板', columns: EVENT_TEMPLATE.map((h) => ({ header: h, key: h, width: 16 })), rows: [] }]);
    return reply.header('content-type', XLSX_MIME).header('content-disposition', attachment('活动导入模板.xlsx')).send(buf);
  });
  r.post('/imports/events', { config: { action: 'event.import', rateLimit: { max: 10, timeWindow: '1 minute' } }, schema: { tags, consumes: ['multipart/form-data'] } }, async (req, reply) => {
    const actor = requireActor(req);
    const { filename, buf, fields } = await readUpload(req);
    const jobId = await deps.jobs.start('event.import', actor, (p) => importEvents(db, actor, filename, buf, fields.mode === 'valid-only', p).then((x) => ({ ...x, ids: undefined })));
    return reply.status(202).send({ jobId });
  });
}
