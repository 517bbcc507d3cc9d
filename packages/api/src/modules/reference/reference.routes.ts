import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { getRegion, ipcTitles, listIndustries, listRegions, searchIpc } from './reference.repo.ts';
import { notFound } from '../../http/error-handler.ts';

export async function referenceRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reference'];
  r.get('/reference/regions', { config: { action: 'reference.read' }, schema: { tags, querystring: z.object({ parent: z.string().regex(/^\d{6}$/).optional() }) } },
    async (req) => ({ items: (await listRegions(deps.db, req.query.parent ?? null)).map((x) => ({ code: x.code, name: x.name, level: x.level, parentCode: x.parent_code })) }));
  r.get('/reference/regions/:code', { config: { action: 'reference.read' }, schema: { tags, params: z.object({ code: z.string().regex(/^\d{6}$/) }) } }, async (req) => {
    const x = await getRegion(deps.db, req.params.code);
    if (!x) throw notFound('行政区划');
    return { code: x.code, name: x.name, level: x.level, parentCode: x.parent_code, provinceCode: x.province_code };
  });
  r.get('/reference/ipc', { config: { action: 'reference.read' }, schema: { tags, querystring: z.object({ q: z.string().min(1).max(40), limit: z.coerce.number().int().min(1).max(100).default(20) }) } },
    async (req) => ({ items: (await searchIpc(deps.db, req.query.q, req.query.limit)).map((x) => ({ code: x.code, level: x.level, title: x.title_zh, parentCode: x.parent_code })) }));
  r.get('/reference/ipc-titles', { config: { action: 'reference.read' }, schema: { tags, querystring: z.object({ codes: z.string().max(2000) }) } }, async (req) => {
    const codes = req.query.codes.split(',').map((c) => c.trim()).filter(Boolean).slice(0, 100);
    const t = await ipcTitles(deps.db, codes);
    return { items: codes.map((code) => ({ code, title: t.get(code) ?? null })) };
  });
  r.get('/reference/industries', { config: { action: 'reference.read' }, schema: { tags, querystring: z.object({ parent: z.string().max(10).optional() }) } },
    async (req) => ({ items: (await listIndustries(deps.db, req.query.parent ?? null)).map((x) => ({ code: x.code, level: x.level, name: x.name, parentCode: x.parent_code })) }));
}
