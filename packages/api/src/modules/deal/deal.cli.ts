import type { Command } from 'commander';
import type { CliContext } from '../../cli/context.ts';
import { importCommand } from '../../cli/import-command.ts';
import { todayCn } from './deal.clock.ts';
import { importDeals } from './deal.import.ts';


export function dealCli(program: Command, ctx: CliContext): void {
  importCommand(program, ctx, {
    name: 'deals', label: '交易', description: '导入历史交易（转让/许可/作价入股，.xlsx / .csv）：全部有效才写入，或 --valid-only 仅导入有效行',
    run: (deps, actor, a) => importDeals(deps.db, actor, a.filename, a.buf, { validOnly: a.validOnly, today: todayCn() }, a.progress),
  });
}
