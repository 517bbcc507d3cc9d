import type { Command } from 'commander';
import { ROLES, type Role } from '@zhuanhua/domain';
import type { CliContext } from '../../cli/context.ts';
import { SYSTEM_ACTOR } from '../../http/actor.ts';
import { createUser, listUsersFor, presentUser, userInput } from './user.service.ts';

export function userCli(program: Command, ctx: CliContext): void {
  const users = program.command('users').description('用户管理');
  users.command('create').description('创建用户')
    .requiredOption('--username <name>', '用户名').requiredOption('--password <pw>', '密码（≥ 8 位）')
    .requiredOption('--role <role>', `角色：${ROLES.join(' | ')}`).option('--name <displayName>', '显示名').option('--org <id>', '所属机构 ID').option('--json', 'JSON 输出')
    .action(async (o: { username: string; password: string; role: Role; name?: string; org?: string; json?: boolean }) => {
      const input = userInput.parse({ username: o.username, password: o.password, role: o.role, displayName: o.name ?? o.username, orgId: o.org ? Number(o.org) : null });
      const u = await ctx.withDeps((deps) => createUser(deps.db, SYSTEM_ACTOR, input));
      ctx.print(!!o.json, presentUser(u), () => `已创建用户 ${u.username}（ID ${u.id}，角色 ${u.role}）`);
    });
  users.command('list').description('列出用户').option('--json', 'JSON 输出').action(async (o: { json?: boolean }) => {
    const rows = await ctx.withDeps((deps) => listUsersFor(deps.db, SYSTEM_ACTOR));
    ctx.print(!!o.json, rows.map(presentUser), () => rows.map((u) => `${u.id}\t${u.username}\t${u.role}\t${u.org_name ?? ''}`).join('\n'));
  });
}
