import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  APPLICATION_STATE_LABELS, applicationListQuery, applicationSubmitInput, budgetQuery, claimCheckInput, demoClockInput, evidenceRecordInput,
  objectionInput, objectionResolveInput, paymentInput, policyCreateInput, policyListQuery, policyVersionInput,
  presetInstallInput, reviewActionInput, type ApplicationStatus,
} from '@zhuanhua/domain/subsidy/index.ts';
import type { Deps } from '../../deps.ts';
import { requireActor } from '../../http/auth.ts';
import { pagingQuery } from '../../http/paging.ts';
import { attachment, writeXlsx, XLSX_MIME } from '../../lib/excel-export.ts';
import { audit } from '../../lib/audit.ts';
import {
  addPolicyVersion, advanceDemoClock, approvedList, budgetView, businessToday, checkClaim, createPolicy, createRegisterRecord, evidenceOptions,
  getApplicationView, getPolicyView, installPresets, listApplicationsView, listNotices, listPoliciesView, listRegister, pay, raiseObjection,
  resolveObjection, review, submitApplication, withdraw,
} from './subsidy.service.ts';

const idParam = z.object({ id: z.coerce.number().int().positive() });

export async function subsidyRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['subsidy'];

  // ---- policies (public reading, office editing)
  r.get('/subsidy/policies', { config: { action: 'subsidy.policyList' }, schema: { tags, querystring: policyListQuery } },
    async (req) => listPoliciesView(deps, req.query, req.query));
  r.get('/subsidy/policies/:id', { config: { action: 'subsidy.policyRead' }, schema: { tags, params: idParam } },
    async (req) => getPolicyView(deps, req.params.id));
  r.get('/subsidy/today', { config: { action: 'subsidy.policyList' }, schema: { tags } },
    async () => ({ today: await businessToday(deps), demo: deps.config.ZHUANHUA_DEMO === 'true' }));
  r.post('/subsidy/policies', { config: { action: 'subsidy.policyCreate' }, schema: { tags, body: policyCreateInput } },
    async (req, reply) => reply.status(201).send(await getPolicyView(deps, await createPolicy(deps, requireActor(req), req.body))));
  r.post('/subsidy/policies/presets', { config: { action: 'subsidy.policyCreate' }, schema: { tags, body: presetInstallInput } },
    async (req) => ({ created: await installPresets(deps, requireActor(req), req.body.year, req.body.codes) }));
  r.post('/subsidy/policies/:id/versions', { config: { action: 'subsidy.policyUpdate' }, schema: { tags, params: idParam, body: policyVersionInput } },
    async (req) => {
      const version = await addPolicyVersion(deps, requireActor(req), req.params.id, req.body);
      return { version, policy: await getPolicyView(deps, req.params.id) };
    });

  // ---- evidence
  r.get('/subsidy/policies/:id/records', {
    config: { action: 'subsidy.check' },
    schema: { tags, params: idParam, querystring: z.object({ orgId: z.coerce.number().int().positive().optional() }) },
  }, async (req) => evidenceOptions(deps, requireActor(req), req.params.id, req.query.orgId));
  r.get('/subsidy/records', { config: { action: 'subsidy.evidenceList' }, schema: { tags, querystring: z.object({ kind: z.enum(['honour', 'award', 'county_evaluation']).optional() }) } },
    async (req) => listRegister(deps, requireActor(req), req.query.kind));
  r.post('/subsidy/records', { config: { action: 'subsidy.evidenceCreate' }, schema: { tags, body: evidenceRecordInput } },
    async (req, reply) => reply.status(201).send(await createRegisterRecord(deps, requireActor(req), req.body)));

  // ---- applications
  r.post('/subsidy/check', { config: { action: 'subsidy.check' }, schema: { tags, body: claimCheckInput } },
    async (req) => checkClaim(deps, requireActor(req), req.body));
  r.post('/subsidy/applications', { config: { action: 'subsidy.apply' }, schema: { tags, body: applicationSubmitInput } },
    async (req, reply) => {
      const actor = requireActor(req);
      const res = await submitApplication(deps, actor, req.body);
      return reply.status(res.replay ? 200 : 201).send(await getApplicationView(deps, actor, res.id));
    });
  r.get('/subsidy/applications', { config: { action: 'subsidy.list' }, schema: { tags, querystring: applicationListQuery } },
    async (req) => listApplicationsView(deps, requireActor(req), req.query, req.query));
  r.get('/subsidy/applications/:id', { config: { action: 'subsidy.read' }, schema: { tags, params: idParam } },
    async (req) => getApplicationView(deps, requireActor(req), req.params.id));
  r.post('/subsidy/applications/:id/review', { config: { action: 'subsidy.review' }, schema: { tags, params: idParam, body: reviewActionInput } },
    async (req) => {
      const actor = requireActor(req);
      await review(deps, actor, req.params.id, req.body);
      return getApplicationView(deps, actor, req.params.id);
    });
  r.post('/subsidy/applications/:id/pay', { config: { action: 'subsidy.pay' }, schema: { tags, params: idParam, body: paymentInput } },
    async (req) => {
      const actor = requireActor(req);
      const res = await pay(deps, actor, req.params.id, req.body);
      return { ...(await getApplicationView(deps, actor, req.params.id)), replay: res.replay };
    });
  r.post('/subsidy/applications/:id/withdraw', { config: { action: 'subsidy.withdraw' }, schema: { tags, params: idParam } },
    async (req) => {
      const actor = requireActor(req);
      await withdraw(deps, actor, req.params.id);
      return getApplicationView(deps, actor, req.params.id);
    });

  // ---- public notice and objections
  r.get('/subsidy/notices', { config: { action: 'subsidy.notice' }, schema: { tags, querystring: pagingQuery } },
    async (req) => listNotices(deps, req.query));
  r.post('/subsidy/applications/:id/objections', { config: { action: 'subsidy.object', rateLimit: { max: 10, timeWindow: '1 minute' } }, schema: { tags, params: idParam, body: objectionInput } },
    async (req, reply) => reply.status(201).send(await raiseObjection(deps, requireActor(req), req.params.id, req.body)));
  r.post('/subsidy/objections/:id/resolve', { config: { action: 'subsidy.resolveObjection' }, schema: { tags, params: idParam, body: objectionResolveInput } },
    async (req) => resolveObjection(deps, requireActor(req), req.params.id, req.body));

  // ---- budget and export
  r.get('/subsidy/budget', { config: { action: 'subsidy.budget' }, schema: { tags, querystring: budgetQuery } },
    async (req) => budgetView(deps, req.query.year ?? Number((await businessToday(deps)).slice(0, 4))));
  r.get('/subsidy/export/approved', {
    config: { action: 'subsidy.export', rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: { tags, querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional(), policyId: z.coerce.number().int().positive().optional() }) },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const rows = await approvedList(deps, actor, req.query);
    const buf = await writeXlsx([{
      name: '批准名单',
      columns: [
        { header: '申请编号', key: 'id', width: 10 }, { header: '政策', key: 'policy', width: 40 }, { header: '年度', key: 'year', width: 8 },
        { header: '申请单位', key: 'applicant', width: 30 }, { header: '资助事项', key: 'item', width: 50 }, { header: '核定金额（元）', key: 'amount', width: 14 },
        { header: '状态', key: 'status', width: 10 }, { header: '公示期', key: 'notice', width: 24 }, { header: '批准日期', key: 'approvedOn', width: 12 },
        { header: '拨付日期', key: 'paidOn', width: 12 }, { header: '拨付凭证号', key: 'paymentRef', width: 18 },
      ],
      rows: rows.map((a) => ({
        id: a.id, policy: a.policy_name ?? a.policy_code, year: a.policy_year, applicant: a.applicant_name, item: a.item_label,
        amount: Number(a.amount_fen) / 100, status: APPLICATION_STATE_LABELS[a.status as ApplicationStatus], notice: `${a.notice_start ?? ''} 至 ${a.notice_end ?? ''}`,
        approvedOn: a.approved_on, paidOn: a.paid_on, paymentRef: a.payment_ref,
      })),
    }]);
    await audit(deps.db, actor, { action: 'subsidy.export', entity: 'subsidy_application', entityId: null, after: { count: rows.length, ...req.query } });
    return reply.header('content-type', XLSX_MIME).header('content-disposition', attachment('奖补批准名单.xlsx')).send(buf);
  });

  // ---- demo servers only
  r.post('/subsidy/demo-clock', { config: { action: 'subsidy.demoClock' }, schema: { tags, body: demoClockInput } },
    async (req) => advanceDemoClock(deps, requireActor(req), req.body.advanceDays));
}
