import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError, formatWan } from '@zhuanhua/domain';
import type { CliContext } from '../../cli/context.ts';
import { SYSTEM_ACTOR, type Actor } from '../../http/actor.ts';
import type { Deps } from '../../deps.ts';
import type { Progress } from '../../jobs/jobs.ts';
import { query } from '../../db/client.ts';
import type { ImportResult } from './pledge.common.ts';
import { importPledges } from './pledge.import.ts';

const imp = (program: Command): Command => program.commands.find((c) => c.name() === 'import') ?? program.command('import').description('导入数据（Excel/CSV）');

/** Add `zhuanhua import <name> <file>` running an all-or-nothing row import with a progress bar. */
export function importCommand(program: Command, ctx: CliContext, name: string, description: string,
  run: (deps: Deps, actor: Actor, filename: string, buf: Buffer, validOnly: boolean, progress: Progress) => Promise<ImportResult>): void {
  imp(program).command(`${name} <file>`).description(description)
    .option('--valid-only', '仅导入有效行，报告无效行').option('--json', 'JSON 输出')
    .action(async (file: string, o: { validOnly?: boolean; json?: boolean }) => {
      const buf = fs.readFileSync(file);
      const bar = ctx.progress(`导入${name}`, !o.json);
      try {
        const res = await ctx.withDeps((deps) => run(deps, SYSTEM_ACTOR, path.basename(file), buf, !!o.validOnly, bar.cb));
        bar.stop();
        ctx.print(!!o.json, { ok: true, ...res, ids: undefined }, () => [`导入完成：共 ${res.total} 行，导入 ${res.imported}，拒绝 ${res.rejectedCount}`,
          ...res.rejected.slice(0, 50).map((e) => `  第 ${e.row} 行 [${e.field}] ${e.message}`)].join('\n'));
      } catch (e) {
        bar.stop();
        if (e instanceof AppError && e.code === 'IMPORT_REJECTED') {
          const d = (e.details ?? {}) as { rejected?: { row: number; field: string; message: string }[] };
          ctx.print(!!o.json, { ok: false, code: e.code, message: e.message, ...d }, () => [e.message, ...(d.rejected ?? []).slice(0, 50).map((x) => `  第 ${x.row} 行 [${x.field}] ${x.message}`)].join('\n'));
          process.exitCode = 2;
          return;
        }
        throw e;
      }
    });
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
