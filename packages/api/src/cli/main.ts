import '../lib/exceljs-utf8-fix.ts';
import { Command } from 'commander';
import { createCliContext } from './context.ts';
import { loadModules } from '../modules/registry.ts';
import { migrate } from '../db/migrate.ts';
import { openDb } from '../db/client.ts';
import { serve } from '../main.ts';

const program = new Command();
program.name('zhuanhua').description('Zhuanhua 专利转化平台 命令行工具').version('0.1.0').showHelpAfterError();
const ctx = createCliContext();

program.command('serve').description('启动平台（API + 网页），默认端口 3000').option('-p, --port <port>', '端口').action(async (o: { port?: string }) => {
  if (o.port) process.env.PORT = o.port;
  await serve();
});

program.command('migrate').description('执行数据库迁移').option('--json', 'JSON 输出').action(async (o: { json?: boolean }) => {
  const config = ctx.config();
  const handle = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir });
  try {
    const applied = await migrate(handle.db);
    ctx.print(!!o.json, { applied }, () => (applied.length ? `已执行迁移：\n  ${applied.join('\n  ')}` : '数据库已是最新'));
  } finally { await handle.close(); }
});

for (const m of await loadModules()) m.cli?.(program, ctx);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  const err = e as { code?: string; message?: string; details?: unknown };
  const json = process.argv.includes('--json');
  if (json) process.stdout.write(`${JSON.stringify({ error: { code: err.code ?? 'INTERNAL', message: err.message, details: err.details } }, null, 2)}\n`);
  else process.stderr.write(`错误${err.code ? `（${err.code}）` : ''}：${err.message}\n`);
  process.exitCode = 1;
}
