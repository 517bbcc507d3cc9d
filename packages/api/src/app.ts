import './lib/exceljs-utf8-fix.ts';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { serializerCompiler, validatorCompiler, jsonSchemaTransform, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from './deps.ts';
import { registerAuth, requireActor } from './http/auth.ts';
import { registerErrorHandler } from './http/error-handler.ts';
import { loadModules } from './modules/registry.ts';
import { eventLoopDelay } from './lib/event-loop.ts';

/** Build the HTTP app (no listen): the server and the tests use it alike. */
export async function buildApp(deps: Deps, opts: { serveWeb?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log as unknown as FastifyBaseLogger,
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: false,
    genReqId: () => Math.random().toString(36).slice(2, 10),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"], // Ant Design injects its CSS-in-JS styles
        imgSrc: ["'self'", 'data:', 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: deps.config.COOKIE_SECURE,
  });
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: deps.config.UPLOAD_MAX_BYTES, files: 1, fields: 20, parts: 30 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Zhuanhua 专利转化平台 API', version: '1.0.0', description: '专利转化专项计划平台 REST API。错误返回 {code, message}。' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'zh_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  registerAuth(app, deps.db, deps.config);

  const modules = await loadModules();
  await app.register(async (scope) => {
    const api = scope.withTypeProvider<ZodTypeProvider>();
    api.get('/health', { config: { action: 'system.health' }, schema: { tags: ['system'], querystring: z.object({ resetLoop: z.enum(['1']).optional() }) } },
      async (req) => ({ ok: true, database: deps.handle.kind, eventLoopDelayMs: eventLoopDelay(req.query.resetLoop === '1') }));
    api.get('/jobs/:id', {
      config: { action: 'job.read' },
      schema: { tags: ['jobs'], params: z.object({ id: z.coerce.number().int().positive() }) },
    }, async (req) => {
      const j = await deps.jobs.get(req.params.id, requireActor(req));
      return { id: j.id, kind: j.kind, status: j.status, progress: j.progress, total: j.total, message: j.message, result: j.result, error: j.error, createdAt: j.created_at, finishedAt: j.finished_at };
    });
    for (const m of modules) if (m.routes) await scope.register(async (inner) => { await m.routes!(inner, deps); });
  }, { prefix: '/api/v1' });

  if (opts.serveWeb !== false && fs.existsSync(path.join(deps.config.webDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: deps.config.webDist, wildcard: false, index: ['index.html'] });
    app.get('/*', { schema: { hide: true } }, async (req, reply) => {
      if (req.url.startsWith('/api/')) return reply.status(404).send({ code: 'NOT_FOUND', message: '接口不存在' });
      const file = path.join(deps.config.webDist, req.url.split('?')[0]);
      if (file.startsWith(deps.config.webDist) && fs.existsSync(file) && fs.statSync(file).isFile()) return reply.sendFile(path.relative(deps.config.webDist, file));
      return reply.type('text/html').sendFile('index.html');
    });
  }
  return app;
}
