import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '@zhuanhua/domain';
import {
  ADMIN_DUTY_LABELS, grantDutyBody, passwordPolicy, securitySettingsBody, totpActivateBody, totpDisableBody, unlockBody,
} from '@zhuanhua/domain/security/index.ts';
import type { Deps } from '../../deps.ts';
import { forgetSecuritySettings, requireActor } from '../../http/auth.ts';
import { audit } from '../../lib/audit.ts';
import * as svc from './security.service.ts';
import { orgExportRows } from './security.repo.ts';

const nowSeconds = () => Math.floor(Date.now() / 1000);

export async function securityRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['security'];

  r.get('/security/policy', { config: { action: 'security.policyRead' }, schema: { tags } }, async () => {
    const settings = await svc.getSettings(deps.db);
    return { settings, passwordPolicy: passwordPolicy(settings.passwordProfile), duties: ADMIN_DUTY_LABELS };
  });

  r.put('/security/settings', { config: { action: 'security.policyUpdate' }, schema: { tags, body: securitySettingsBody } }, async (req) => {
    const actor = requireActor(req);
    await svc.requireDuty(deps.db, actor, 'security.policyUpdate');
    const s = await svc.updateSettings(deps.db, actor, req.body);
    forgetSecuritySettings(deps.db);
    return { settings: s };
  });

  r.post('/security/totp/setup', { config: { action: 'security.totpSetup' }, schema: { tags } }, async (req) => svc.totpSetup(deps.db, requireActor(req)));
  r.post('/security/totp/activate', { config: { action: 'security.totpActivate' }, schema: { tags, body: totpActivateBody } }, async (req) => {
    await svc.totpActivate(deps.db, requireActor(req), req.body.code, nowSeconds());
    return { ok: true };
  });
  r.post('/security/totp/disable', { config: { action: 'security.totpDisable' }, schema: { tags, body: totpDisableBody } }, async (req) => {
    await svc.totpDisable(deps.db, requireActor(req), req.body.code, nowSeconds());
    return { ok: true };
  });

  r.post('/security/unlock', { config: { action: 'security.unlock' }, schema: { tags, body: unlockBody } }, async (req) => {
    const actor = requireActor(req);
    await svc.requireDuty(deps.db, actor, 'security.unlock');
    await svc.unlockUser(deps.db, actor, req.body.userId);
    return { ok: true };
  });

  r.post('/security/duties', { config: { action: 'security.grantDuty' }, schema: { tags, body: grantDutyBody } }, async (req, reply) => {
    const actor = requireActor(req);
    await svc.requireDuty(deps.db, actor, 'security.grantDuty');
    await svc.grantDuty(deps.db, actor, req.body.userId, req.body.duty);
    return reply.status(201).send({ ok: true });
  });

  r.post('/security/audit/verify', { config: { action: 'security.auditVerify' }, schema: { tags } }, async (req) => {
    const actor = requireActor(req);
    await svc.requireDuty(deps.db, actor, 'security.auditVerify');
    return deps.db.transaction().execute(async (tx) => {
      const res = await svc.verifyAuditChain(tx);
      await audit(tx, actor, { action: 'security.audit_verified', entity: 'audit_log', entityId: res.lastId, after: { ok: res.ok, checked: res.checked, problems: res.problems.length } });
      return res;
    });
  });

  r.get('/security/org-export', { config: { action: 'security.orgDataExport' }, schema: { tags } }, async (req, reply) => {
    const actor = requireActor(req);
    if (actor.orgId === null) throw new AppError('NOT_FOUND', '没有所属机构');
    const data = await orgExportRows(deps.db, actor.orgId);
    await deps.db.transaction().execute((tx) => audit(tx, actor, { action: 'security.org_exported', entity: 'organisation', entityId: actor.orgId, after: { users: data.users.length, patents: data.patents.length } }));
    reply.header('content-disposition', `attachment; filename="org-${actor.orgId}-data.json"`);
    reply.header('cache-control', 'no-store');
    return data;
  });
}
