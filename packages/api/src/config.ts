import { z } from 'zod';
import path from 'node:path';

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional()),
  ZHUANHUA_DATA_DIR: z.string().default('./data/db'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  COOKIE_SECURE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(50 * 1024 * 1024),
  IMPORT_MAX_ROWS: z.coerce.number().int().positive().default(1_000_000),
  /** How stale the indicator dashboards may be served while the ledger keeps changing (0 = refreshed before each read). */
  KPI_MAX_STALE_SECONDS: z.coerce.number().int().min(0).max(3600).default(0),
  /** Login attempts per minute from one address (accounts also lock after 5 failures). */
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  PASSWORD_PROFILE: z.enum(['default', 'dengbao']).default('default'),
  ZHUANHUA_DEMO: z.enum(['auto', 'true', 'false']).default('auto'),
  /** Run the embedded database in a worker thread (default) so slow queries never block requests. */
  ZHUANHUA_PGLITE_WORKER: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  NODE_ENV: z.string().default('development'),
});

export type Config = z.infer<typeof schema> & { dataDir: string; webDist: string; database: 'pglite' | 'postgres' };

/** Parse the environment once at start; fail with the full list of problems. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`配置错误（环境变量）：\n${lines}`);
  }
  const c = parsed.data;
  return {
    ...c,
    dataDir: path.resolve(c.ZHUANHUA_DATA_DIR),
    webDist: path.resolve(new URL('../../web/dist', import.meta.url).pathname),
    database: c.DATABASE_URL ? 'postgres' : 'pglite',
  };
}
