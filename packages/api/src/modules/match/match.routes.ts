import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { classifyInput, feedbackInput, matchInput } from '@zhuanhua/domain/demand/index.ts';
import type { Deps } from '../../deps.ts';
import { requireActor } from '../../http/auth.ts';
import { engineFor } from '../search/search.engine.ts';
import { funnel, giveFeedback, listContacts, matchPatents, prospects, respondContact } from './match.service.ts';

const idParam = z.object({ id: z.coerce.number().int().positive() });

export async function matchRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['match'];
  r.post('/classify', { config: { action: 'classify.run' }, schema: { tags, body: classifyInput, description: '需求文本 → IPC 小类（中文名）与战略性新兴产业，带分数' } }, async (req) => {
    const engine = engineFor(deps);
    await engine.ready();
    return engine.classify(req.body.text, req.body.top);
  });
  r.post('/match', { config: { action: 'match.run' }, schema: { tags, body: matchInput } }, async (req) => matchPatents(deps, requireActor(req), req.body));
  r.get('/patents/:id/prospects', { config: { action: 'match.prospects' }, schema: { tags, params: idParam, querystring: z.object({ top: z.coerce.number().int().min(1).max(100).default(20) }) } },
    async (req) => prospects(deps, req.params.id, req.query.top));
  r.post('/match/feedback', { config: { action: 'match.feedback' }, schema: { tags, body: feedbackInput } },
    async (req, reply) => reply.status(201).send(await giveFeedback(deps.db, requireActor(req), req.body)));
  r.get('/match/contacts', { config: { action: 'match.contacts' }, schema: { tags, querystring: z.object({ box: z.enum(['in', 'out']).default('in') }) } },
    async (req) => listContacts(deps.db, requireActor(req), req.query.box));
  r.post('/match/contacts/:id/respond', { config: { action: 'match.contacts' }, schema: { tags, params: idParam, body: z.object({ state: z.enum(['accepted', 'declined', 'deal'], { message: '答复不正确' }) }).strict() } },
    async (req) => respondContact(deps.db, requireActor(req), req.params.id, req.body.state));
  r.get('/match/funnel', { config: { action: 'match.funnel' }, schema: { tags } }, async () => funnel(deps.db));
}
