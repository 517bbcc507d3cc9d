import path from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from '../../cli/context.ts';
import { SYSTEM_ACTOR } from '../../http/actor.ts';
import { audit } from '../../lib/audit.ts';
import { backupTo, restorePglite, restorePostgres } from './security.backup.ts';
import { checkDbRole, verifyAuditChain } from './security.service.ts';

export function securityCli(program: Command, ctx: CliContext): void {
  const auditCmd = program.commands.find((c) => c.name() === 'audit') ?? program.command('audit').description('审计日志');
  auditCmd.command('verify').description('校验审计日志哈希链（发现被修改或删除的记录）').option('--json', 'JSON 输出')
    .action(async (o: { json?: boolean }) => {
      const res = await ctx.withDeps((deps) => deps.db.transaction().execute(async (tx) => {
        const r = await verifyAuditChain(tx);
        await audit(tx, SYSTEM_ACTOR, { action: 'security.audit_verified', entity: 'audit_log', entityId: r.lastId, after: { ok: r.ok, checked: r.checked, problems: r.problems.length } });
        return r;
      }));
      ctx.print(!!o.json, res, () => (res.ok
        ? `审计链完整：已校验 ${res.checked} 条记录（${res.ms} 毫秒）`
        : `审计链异常：已校验 ${res.checked} 条，发现 ${res.problems.length} 处问题\n  ${res.problems.slice(0, 50).map((p) => p.message).join('\n  ')}`));
      if (!res.ok) process.exitCode = 2;
    });

  program.command('backup <file>').description('备份数据库（嵌入式数据库或 PostgreSQL）到文件').option('--json', 'JSON 输出')
    .action(async (file: string, o: { json?: boolean }) => {
      const target = path.resolve(file);
      const t = Date.now();
      const bytes = await ctx.withDeps(async (deps) => {
        const n = await backupTo(deps.handle, deps.config.DATABASE_URL, target);
        await deps.db.transaction().execute((tx) => audit(tx, SYSTEM_ACTOR, { action: 'security.backup', entity: 'database', entityId: null, after: { file: path.basename(target), bytes: n } }));
        return n;
      });
      ctx.print(!!o.json, { file: target, bytes, ms: Date.now() - t }, () => `已备份到 ${target}（${(bytes / 1048576).toFixed(1)} MB，${Date.now() - t} 毫秒）`);
    });

  program.command('restore <file>').description('从备份文件恢复数据库（请先停止服务）').option('--json', 'JSON 输出')
    .action(async (file: string, o: { json?: boolean }) => {
      const config = ctx.config();
      const src = path.resolve(file);
      const t = Date.now();
      let movedTo: string | null = null;
      if (config.DATABASE_URL) await restorePostgres(src, config.DATABASE_URL);
      else movedTo = await restorePglite(src, config.dataDir, new Date().toISOString().replace(/[:.]/g, '-'));
      await ctx.withDeps((deps) => deps.db.transaction().execute((tx) =>
        audit(tx, SYSTEM_ACTOR, { action: 'security.restore', entity: 'database', entityId: null, after: { file: path.basename(src) } })));
      ctx.print(!!o.json, { file: src, movedTo, ms: Date.now() - t }, () =>
        `已从 ${src} 恢复（${Date.now() - t} 毫秒）${movedTo ? `；原数据目录已保留为 ${movedTo}` : ''}`);
    });

  const sec = program.commands.find((c) => c.name() === 'security') ?? program.command('security').description('安全');
  sec.command('db-role').description('检查应用连接数据库所用角色不是超级用户').option('--json', 'JSON 输出')
    .action(async (o: { json?: boolean }) => {
      const r = await ctx.withDeps((deps) => checkDbRole(deps.db));
      ctx.print(!!o.json, r, () => `${r.role}：超级用户=${r.superuser ? '是' : '否'}，绕过行级安全=${r.bypassRls ? '是' : '否'} → ${r.ok ? '合格' : '不合格'}`);
      if (!r.ok) process.exitCode = 2;
    });
}
