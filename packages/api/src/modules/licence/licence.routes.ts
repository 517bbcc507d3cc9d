import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  declarationInput, eligibilityInput, estimateInput, FEE_MODES, licencePaymentInput, reviewInput, takeLicenceInput, trialDecisionInput,
  useReportInput, withdrawInput, DECLARATION_STATES, isoDate,
} from '@zhuanhua/domain/licence/licence.schemas.ts';
import { estimateFee, LICENCE_STATES } from '@zhuanhua/domain/licence/licence.rules.ts';
import type { Deps } from '../../deps.ts';
import { requireActor } from '../../http/auth.ts';
import { pagingQuery } from '../../http/paging.ts';
import { inTx } from '../../db/client.ts';
import { attachment } from '../../lib/excel-export.ts';
import { todayCn } from '../deal/deal.clock.ts';
import { idempotencyKeyOf, withIdempotency } from '../deal/deal.idempotency.ts';
import {
  catalogue, checkEligibility, declare, declarationsFor, decideLicenceTrial, licenceDetail, licencesFor, patentLicenceStatus, recordLicencePayment,
  remindersFor, reportUse, review, takeLicence, visibleDeclaration, visibleLicence, withdraw,
} from './licence.service.ts';
import { presentDeclaration, presentLicence, presentLicenceDetail } from './licence.presenter.ts';
import { licenceDocx } from './licence.document.ts';

const idParam = z.object({ id: z.coerce.number().int().positive() });

export async function licenceRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['licence'];
  const db = deps.db;

  r.get('/licence/catalogue', {
    config: { action: 'licence.catalogue' },
    schema: { tags, querystring: pagingQuery.extend({ q: z.string().max(100).optional(), feeMode: z.enum(FEE_MODES).optional(), payLater: z.enum(['true', 'false']).optional(), patentId: z.coerce.number().int().positive().optional() }) },
  }, async (req) => {
    const { rows, total } = await catalogue(db, { q: req.query.q, feeMode: req.query.feeMode, patentId: req.query.patentId, payLater: req.query.payLater === undefined ? undefined : req.query.payLater === 'true' }, req.query);
    return { items: rows.map((d) => presentDeclaration(d)), total };
  });
  r.get('/licence/catalogue/:id', { config: { action: 'licence.catalogue' }, schema: { tags, params: idParam } },
    async (req) => presentDeclaration(await visibleDeclaration(db, req.actor, req.params.id)));
  r.get('/licence/patent-status/:id', { config: { action: 'licence.catalogue' }, schema: { tags, params: idParam } }, async (req) => {
    const s = await patentLicenceStatus(db, req.params.id, todayCn());
    return { ...s, declaration: s.declaration ? { id: s.declaration.id, publishedDate: s.declaration.published_date, feeMode: s.declaration.fee_mode, payLater: s.declaration.pay_later } : null };
  });
  r.post('/licence/estimate', { config: { action: 'licence.estimate' }, schema: { tags, body: estimateInput, description: '许可使用费估算（成本法/市场法/收益法），结果精确到分' } },
    async (req) => estimateFee(req.body));
  r.post('/licence/eligibility', { config: { action: 'licence.eligibility' }, schema: { tags, body: eligibilityInput } },
    async (req) => checkEligibility(db, requireActor(req), req.body, todayCn()));

  r.post('/licence/declarations', { config: { action: 'licence.declare' }, schema: { tags, body: declarationInput } }, async (req, reply) => {
    const actor = requireActor(req);
    const id = await inTx(db, (tx) => declare(tx, actor, req.body, todayCn()));
    return reply.status(201).send(presentDeclaration((await visibleDeclaration(db, actor, id)), true));
  });
  r.get('/licence/declarations', {
    config: { action: 'licence.declarationList' },
    schema: { tags, querystring: pagingQuery.extend({ state: z.enum(DECLARATION_STATES).optional(), q: z.string().max(100).optional(), patentId: z.coerce.number().int().positive().optional() }) },
  }, async (req) => {
    const { rows, total } = await declarationsFor(db, requireActor(req), req.query, req.query);
    return { items: rows.map((d) => presentDeclaration(d, true)), total };
  });
  r.get('/licence/declarations/:id', { config: { action: 'licence.declarationList' }, schema: { tags, params: idParam } },
    async (req) => presentDeclaration(await visibleDeclaration(db, requireActor(req), req.params.id), true));
  r.post('/licence/declarations/:id/review', { config: { action: 'licence.review' }, schema: { tags, params: idParam, body: reviewInput } }, async (req) => {
    const actor = requireActor(req);
    await inTx(db, (tx) => review(tx, actor, req.params.id, req.body, todayCn()));
    return presentDeclaration(await visibleDeclaration(db, actor, req.params.id), true);
  });
  r.post('/licence/declarations/:id/withdraw', { config: { action: 'licence.withdraw' }, schema: { tags, params: idParam, body: withdrawInput } }, async (req) => {
    const actor = requireActor(req);
    await inTx(db, (tx) => withdraw(tx, actor, req.params.id, req.body, todayCn()));
    return presentDeclaration(await visibleDeclaration(db, actor, req.params.id), true);
  });

  r.post('/licence/licences', {
    config: { action: 'licence.take' },
    schema: { tags, body: takeLicenceInput, description: '实施开放许可：书面通知（并按标准付费）。必须带请求头 Idempotency-Key。' },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const key = idempotencyKeyOf(req);
    const out = await withIdempotency(db, actor, 'licence.take', key, req.body, async (tx) => {
      const id = await takeLicence(tx, actor, req.body, key, todayCn());
      return { status: 201, body: presentLicenceDetail(await licenceDetail(tx, actor, id, todayCn()), todayCn()) };
    });
    return reply.status(out.status).header('idempotent-replayed', String(out.replayed)).send(out.body);
  });
  r.get('/licence/licences', {
    config: { action: 'licence.list' },
    schema: { tags, querystring: pagingQuery.extend({ side: z.enum(['licensor', 'licensee']).optional(), state: z.enum(LICENCE_STATES).optional(), declarationId: z.coerce.number().int().positive().optional() }) },
  }, async (req) => {
    const { rows, total } = await licencesFor(db, requireActor(req), req.query, req.query);
    return { items: rows.map((l) => presentLicence(l, todayCn())), total };
  });
  r.get('/licence/licences/:id', { config: { action: 'licence.read' }, schema: { tags, params: idParam } },
    async (req) => presentLicenceDetail(await licenceDetail(db, requireActor(req), req.params.id, todayCn()), todayCn()));
  r.get('/licence/licences/:id/document', { config: { action: 'licence.document' }, schema: { tags, params: idParam } }, async (req, reply) => {
    const l = await visibleLicence(db, requireActor(req), req.params.id);
    const buf = await licenceDocx(l, todayCn());
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', attachment(`开放许可实施许可书-${l.application_number ?? l.id}.docx`)).send(buf);
  });
  r.post('/licence/licences/:id/reports', { config: { action: 'licence.reportUse' }, schema: { tags, params: idParam, body: useReportInput } }, async (req, reply) => {
    const actor = requireActor(req);
    await inTx(db, (tx) => reportUse(tx, actor, req.params.id, req.body, todayCn()));
    return reply.status(201).send(presentLicenceDetail(await licenceDetail(db, actor, req.params.id, todayCn()), todayCn()));
  });
  r.post('/licence/licences/:id/payments', {
    config: { action: 'licence.recordPayment' },
    schema: { tags, params: idParam, body: licencePaymentInput, description: '登记许可费到账。必须带请求头 Idempotency-Key。' },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const key = idempotencyKeyOf(req);
    const out = await withIdempotency(db, actor, 'licence.payment', key, { licenceId: req.params.id, ...req.body }, async (tx) =>
      ({ status: 201, body: await recordLicencePayment(tx, actor, req.params.id, req.body, key) }));
    return reply.status(out.status).header('idempotent-replayed', String(out.replayed)).send(out.body);
  });
  r.post('/licence/licences/:id/trial-decision', { config: { action: 'licence.decideTrial' }, schema: { tags, params: idParam, body: trialDecisionInput } }, async (req) => {
    const actor = requireActor(req);
    await inTx(db, (tx) => decideLicenceTrial(tx, actor, req.params.id, req.body, todayCn()));
    return presentLicenceDetail(await licenceDetail(db, actor, req.params.id, todayCn()), todayCn());
  });
  r.get('/licence/reminders', { config: { action: 'licence.reminders' }, schema: { tags, querystring: z.object({ asOf: isoDate.optional() }) } }, async (req) => {
    const items = await remindersFor(db, requireActor(req), req.query.asOf ?? todayCn());
    return { items, total: items.length };
  });
}
