import type { Command } from 'commander';
import type { CliContext } from '../../cli/context.ts';
import { importCommand } from '../../cli/import-command.ts';
import { importDemands } from './demand.import.ts';

export function demandCli(program: Command, ctx: CliContext): void {
  importCommand<{ org: string; publish?: boolean }>(program, ctx, {
    name: 'demands', label: '需求', description: '导入技术需求清单（.xlsx / .csv / .jsonl）：全部有效才写入，或 --valid-only 仅导入有效行',
    options: (c) => c.requiredOption('--org <id>', '需求所属机构 ID').option('--publish', '导入后直接发布（管理员导入已审核清单）'),
    run: (deps, actor, a) => importDemands(deps.db, actor, a.filename, a.buf, { validOnly: a.validOnly, orgId: Number(a.options.org), publish: !!a.options.publish }, a.progress),
  });
}
