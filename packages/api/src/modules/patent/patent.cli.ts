import type { Command } from 'commander';
import { validateApplicationNumber, validatePublicationNumber } from '@zhuanhua/domain/patent/patent-number.ts';
import { validateIpc } from '@zhuanhua/domain/patent/ipc.ts';
import { validateUscc } from '@zhuanhua/domain/organisation/uscc.ts';
import { AppError } from '@zhuanhua/domain';
import { parentCommand, type CliContext } from '../../cli/context.ts';
import { SYSTEM_ACTOR } from '../../http/actor.ts';
import { importCommand } from '../../cli/import-command.ts';
import { importPatents } from './patent.import.ts';
import { generatePatents } from './patent.generate.ts';

const gen = (program: Command): Command => parentCommand(program, 'generate', '生成合成数据（用于基准测试，均标注为生成数据）');

export function patentCli(program: Command, ctx: CliContext): void {
  importCommand<{ org?: string }>(program, ctx, {
    name: 'patents', label: '专利', description: '导入专利（.xlsx / .csv，UTF-8 或 GBK）：全部有效才写入，或 --valid-only 仅导入有效行',
    options: (c) => c.option('--org <id>', '导入机构 ID'),
    run: (deps, actor, a) => importPatents(deps.db, actor, a.filename, a.buf, { validOnly: a.validOnly, orgId: a.options.org ? Number(a.options.org) : null }, a.progress),
  });

  gen(program).command('patents <n>').description('生成 N 件合成专利（标题与 IPC 取自真实示例数据，来源标注为 generated）')
    .option('--seed <n>', '随机种子', '42').option('--json', 'JSON 输出')
    .action(async (n: string, o: { seed: string; json?: boolean }) => {
      const count = Number(n);
      if (!Number.isInteger(count) || count < 1 || count > 5_000_000) throw new AppError('VALIDATION', '数量应为 1 到 5,000,000 之间的整数');
      const bar = ctx.progress('生成专利', !o.json);
      const t = Date.now();
      const res = await ctx.withDeps((deps) => deps.db.transaction().execute((tx) => generatePatents(tx, count, { seed: Number(o.seed) }, bar.cb)));
      bar.stop();
      ctx.print(!!o.json, { ...res, seconds: (Date.now() - t) / 1000 }, () => `已生成 ${res.patents} 件合成专利、${res.organisations} 个合成机构（${((Date.now() - t) / 1000).toFixed(1)} 秒）`);
    });

  program.command('validate <kind> <value>').description('校验号码：appno（申请号）| pubno（公开/公告号）| ipc（分类号）| uscc（统一社会信用代码）')
    .option('--json', 'JSON 输出')
    .action((kind: string, value: string, o: { json?: boolean }) => {
      const fns: Record<string, (v: string) => { ok: boolean; value?: unknown; reason?: string }> = {
        appno: validateApplicationNumber, pubno: validatePublicationNumber, ipc: validateIpc, uscc: validateUscc,
      };
      const fn = fns[kind];
      if (!fn) throw new AppError('VALIDATION', `未知的校验类型 ${kind}（可选 appno、pubno、ipc、uscc）`);
      const r = fn(value);
      ctx.print(!!o.json, { input: value, kind, valid: r.ok, ...(r.ok ? { value: r.value } : { reason: r.reason }) },
        () => (r.ok ? `有效（valid）：${JSON.stringify(r.value)}` : `无效（invalid）：${r.reason}`));
      if (!r.ok) process.exitCode = 1;
    });
}
