import { eventLoopDelay, startEventLoopMonitor } from './lib/event-loop.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { buildApp } from './app.ts';
import { closeDeps, createDeps } from './boot.ts';
import { seedDemoIfEmpty } from './modules/demo/demo.seed.ts';

/** Start the platform: database (PGlite in a worker, or PostgreSQL), migrations, demo data, HTTP. */
export async function serve(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  const deps = await createDeps(config, log, { worker: config.ZHUANHUA_PGLITE_WORKER, startModules: false });
  if (config.ZHUANHUA_DEMO === 'true' || (config.ZHUANHUA_DEMO === 'auto' && config.database === 'pglite')) {
    await seedDemoIfEmpty(deps);
  }
  const { loadModules } = await import('./modules/registry.ts');
  for (const m of await loadModules()) if (m.onStart) await m.onStart(deps);
  const app = await buildApp(deps);
  startEventLoopMonitor();
  const timer = setInterval(() => log.info({ eventLoopDelayMs: eventLoopDelay() }, 'event loop delay'), 60_000);
  timer.unref();
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    try { await app.close(); await closeDeps(deps); } finally { process.exit(0); }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.PORT, host: config.HOST });
  log.info(`Zhuanhua 专利转化平台已启动：http://localhost:${config.PORT}  （API 文档：/api/docs，数据库：${deps.handle.kind}）`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  serve().catch((e) => { process.stderr.write(`启动失败：${(e as Error).message}\n`); process.exit(1); });
}
