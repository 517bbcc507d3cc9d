import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ORG_TYPES, SIZE_CLASSES } from '@zhuanhua/domain';
import { organisationInput, organisationPatch } from '@zhuanhua/domain/organisation/organisation.schemas.ts';
import type { Deps } from '../../deps.ts';
import { requireActor } from '../../http/auth.ts';
import { pagingQuery } from '../../http/paging.ts';
import { createOrg, getOrg, listOrgs, updateOrg } from './organisation.service.ts';
import { presentOrganisation } from './organisation.presenter.ts';

const idParam = z.object({ id: z.coerce.number().int().positive() });

export async function organisationRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['organisations'];
  r.get('/organisations', {
    config: { action: 'organisation.list' },
    schema: { tags, querystring: pagingQuery.extend({ q: z.string().max(100).optional(), type: z.enum(ORG_TYPES).optional(), sizeClass: z.enum(SIZE_CLASSES).optional(), region: z.string().regex(/^\d{6}$/).optional() }) },
  }, async (req) => {
    const { rows, total } = await listOrgs(deps.db, req.query, req.query);
    return { items: rows.map((o) => presentOrganisation(o, req.actor)), total };
  });
  r.get('/organisations/:id', { config: { action: 'organisation.read' }, schema: { tags, params: idParam } },
    async (req) => presentOrganisation(await getOrg(deps.db, req.params.id), req.actor));
  r.post('/organisations', { config: { action: 'organisation.create' }, schema: { tags, body: organisationInput } },
    async (req, reply) => reply.status(201).send(presentOrganisation(await createOrg(deps.db, requireActor(req), req.body), req.actor)));
  r.patch('/organisations/:id', { config: { action: 'organisation.update' }, schema: { tags, params: idParam, body: organisationPatch } },
    async (req) => presentOrganisation(await updateOrg(deps.db, requireActor(req), req.params.id, req.body), req.actor));
}
