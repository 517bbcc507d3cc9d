import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '@zhuanhua/domain';
import { parentCommand, type CliContext } from '../../cli/context.ts';
import { SYSTEM_ACTOR } from '../../http/actor.ts';
import { importDemands } from './demand.import.ts';

export function demandCli(program: Command, ctx: CliContext): void {
  parentCommand(program, 'import', '导入数据（Excel/CSV）').command('demands <file>')
    .description('导入技术需求清单（.xlsx / .csv / .jsonl）：全部有效才写入，或 --valid-only 仅导入有效行')
    .requiredOption('--org <id>', '需求所属机构 ID').option('--publish', '导入后直接发布（管理员导入已审核清单）').option('--valid-only', '仅导入有效行').option('--json', 'JSON 输出')
    .action(async (file: string, o: { org: string; publish?: boolean; validOnly?: boolean; json?: boolean }) => {
      const buf = fs.readFileSync(file);
      const bar = ctx.progress('导入需求', !o.json);
      try {
        const res = await ctx.withDeps((deps) => importDemands(deps.db, SYSTEM_ACTOR, path.basename(file), buf, { validOnly: !!o.validOnly, orgId: Number(o.org), publish: !!o.publish }, bar.cb));
        bar.stop();
        ctx.print(!!o.json, { ok: true, ...res }, () => [`导入完成：共 ${res.total} 行，新增 ${res.imported}，拒绝 ${res.rejectedCount}`, ...res.rejected.slice(0, 50).map((e) => `  第 ${e.row} 行 [${e.field}] ${e.message}`)].join('\n'));
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
