import type { Command } from 'commander';
import { formatWan } from '@zhuanhua/domain';
import type { CliContext } from '../../cli/context.ts';
import type { Actor } from '../../http/actor.ts';
import { importCommand as sharedImportCommand } from '../../cli/import-command.ts';
import type { Deps } from '../../deps.ts';
import type { Progress } from '../../jobs/jobs.ts';
import { query } from '../../db/client.ts';
import type { ImportResult } from './pledge.common.ts';
import { importPledges } from './pledge.import.ts';

/** `zhuanhua import <name> <file>` for the pledge, filing, event and registry imports (the shared CLI import command). */
export function importCommand(program: Command, ctx: CliContext, name: string, description: string,
  run: (deps: Deps, actor: Actor, filename: string, buf: Buffer, validOnly: boolean, progress: Progress) => Promise<ImportResult>): void {
  sharedImportCommand(program, ctx, { name, label: name, description, run: (deps, actor, a) => run(deps, actor, a.filename, a.buf, a.validOnly, a.progress) });
}

export function pledgeCli(program: Command, ctx: CliContext): void {
  importCommand(program, ctx, 'pledges', '导入专利质押登记记录（出质人、质权人、登记号、登记日期、被担保债权数额、专利申请号…）',
    (deps, actor, f, buf, v, p) => importPledges(deps.db, actor, f, buf, v, p));
  program.command('pledge-summary').description('按登记年度汇总质押融资（金额、项目数，其中中小企业）')
    .option('--json', 'JSON 输出')
    .action(async (o: { json?: boolean }) => {
      const rows = await ctx.withDeps((deps) => query<{ year: number; n: number; amount: number; sme_n: number; sme_amount: number }>(deps.db,
        `select extract(year from registration_date)::int as year, count(*)::int as n, coalesce(sum(coalesce(loan_amount_fen, secured_amount_fen)), 0)::bigint as amount,
                count(*) filter (where pledgor_size_class in ('medium','small','micro') and pledgor_org_type in ('private_enterprise','soe'))::int as sme_n,
                coalesce(sum(coalesce(loan_amount_fen, secured_amount_fen)) filter (where pledgor_size_class in ('medium','small','micro') and pledgor_org_type in ('private_enterprise','soe')), 0)::bigint as sme_amount
           from pledges where registration_date is not null and state not in ('rejected','withdrawn') group by 1 order by 1`));
      ctx.print(!!o.json, rows, () => ['年度  项目数  金额(万元)  中小企业项目数  中小企业金额(万元)',
        ...rows.map((r) => `${r.year}  ${r.n}  ${formatWan(r.amount)}  ${r.sme_n}  ${formatWan(r.sme_amount)}`)].join('\n'));
    });
}
