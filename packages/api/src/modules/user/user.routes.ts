import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { requireActor } from '../../http/auth.ts';
import { createUser, listUsersFor, presentUser, userInput } from './user.service.ts';

export async function userRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/users', { config: { action: 'user.list' }, schema: { tags: ['users'] } }, async (req) => {
    const rows = await listUsersFor(deps.db, requireActor(req));
    return { items: rows.map(presentUser), total: rows.length };
  });
  r.post('/users', { config: { action: 'user.create' }, schema: { tags: ['users'], body: userInput } },
    async (req, reply) => reply.status(201).send(presentUser(await createUser(deps.db, requireActor(req), req.body))));
}
