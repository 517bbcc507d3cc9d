import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '@zhuanhua/domain';
import type { CliContext } from '../../cli/context.ts';
import { SYSTEM_ACTOR } from '../../http/actor.ts';
import { todayCn } from './deal.clock.ts';
import { importDeals } from './deal.import.ts';

const imp = (program: Command): Command => program.commands.find((c) => c.name() === 'import') ?? program.command('import').description('导入数据（Excel/CSV）');

export function dealCli(program: Command, ctx: CliContext): void {
  imp(program).command('deals <file>').description('导入历史交易（转让/许可/作价入股，.xlsx / .csv）：全部有效才写入，或 --valid-only 仅导入有效行')
    .option('--valid-only', '仅导入有效行，报告无效行').option('--json', 'JSON 输出')
    .action(async (file: string, o: { validOnly?: boolean; json?: boolean }) => {
      const buf = fs.readFileSync(file);
      const started = Date.now();
      const bar = ctx.progress('导入交易', !o.json);
      try {
        const res = await ctx.withDeps((deps) => importDeals(deps.db, SYSTEM_ACTOR, path.basename(file), buf, { validOnly: !!o.validOnly, today: todayCn() }, bar.cb));
        bar.stop();
        const out = { ok: true, total: res.total, imported: res.imported, rejectedCount: res.rejectedCount, rejected: res.rejected, seconds: (Date.now() - started) / 1000 };
        ctx.print(!!o.json, out, () => [`导入完成：共 ${res.total} 行，导入 ${res.imported} 笔交易，拒绝 ${res.rejectedCount} 行（${out.seconds.toFixed(1)} 秒）`,
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
