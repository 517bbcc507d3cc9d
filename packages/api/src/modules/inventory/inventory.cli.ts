import type { Command } from 'commander';
import { AppError, isValidIsoDate } from '@zhuanhua/domain';
import type { RunSummary } from '@zhuanhua/domain/inventory/index.ts';
import type { CliContext } from '../../cli/context.ts';
import { SYSTEM_ACTOR } from '../../http/actor.ts';
import { createRun, executeRun } from './inventory.service.ts';
import { presentSummary } from './inventory.presenter.ts';

/** `zhuanhua inventory --as-of DATE [--holder ID] [--region CODE] [--json]`: run an inventory and keep its batch. */
export function inventoryCli(program: Command, ctx: CliContext): void {
  program.command('inventory').description('沉睡专利盘点：按基准日盘点高校院所、国有企业持有的专利，生成并保存盘点批次')
    .requiredOption('--as-of <date>', '盘点基准日 YYYY-MM-DD').option('--holder <id>', '仅盘点该权利人（机构 ID）').option('--region <code>', '仅盘点该地区（6 位区划代码）')
    .option('--json', 'JSON 输出')
    .action(async (o: { asOf: string; holder?: string; region?: string; json?: boolean }) => {
      if (!isValidIsoDate(o.asOf)) throw new AppError('VALIDATION', '基准日格式应为 YYYY-MM-DD');
      const scope = o.holder ? 'holder' as const : o.region ? 'region' as const : 'all' as const;
      const bar = ctx.progress('盘点', !o.json);
      const t = Date.now();
      const out = await ctx.withDeps(async (deps) => {
        const run = await createRun(deps.db, SYSTEM_ACTOR, { asOf: o.asOf, scope, holderId: o.holder ? Number(o.holder) : null, regionCode: o.region ?? null });
        const res = await executeRun(deps.db, SYSTEM_ACTOR, run.id, bar.cb);
        const s = await presentSummary(deps.db, res.summary as RunSummary);
        return { res, s };
      });
      bar.stop();
      const { res, s } = out;
      const result = {
        asOf: res.asOf, scope, holderId: o.holder ? Number(o.holder) : null, regionCode: o.region ?? null,
        scanned: res.scanned, poolSize: res.poolSize, highValueInPool: s!.highValueInPool,
        byPool: Object.fromEntries(s!.byPool.map((x) => [x.key, x.count])),
        byGrade: Object.fromEntries(s!.byGrade.map((x) => [x.key, x.count])),
        bySei: s!.bySei.map((x) => ({ code: x.key, name: x.label, count: x.count })),
        byIndustry: s!.byIndustry.map((x) => ({ code: x.key, name: x.label, count: x.count })),
        industryNote: s!.industryNote,
      };
      const seconds = (Date.now() - t) / 1000;
      const since = res.diff ? `与 ${res.diff.previousBatchNo} 比较：新入库 ${res.diff.enteredCount}，出库 ${res.diff.leftCount}，分级变化 ${res.diff.gradeChangedCount}` : '首次盘点（无上一批次）';
      // the batch (number, timing, change since the previous run) goes to stderr so that stdout is the same for the same data
      process.stderr.write(`已保存盘点批次 ${res.batchNo}（ID ${res.runId}）；${since}；用时 ${seconds.toFixed(1)} 秒\n`);
      ctx.print(!!o.json, result, () => [
        `基准日 ${res.asOf}，盘点 ${res.scanned} 件，入库沉睡专利 ${res.poolSize} 件（高校院所 ${result.byPool.univ}，国有企业 ${result.byPool.soe}），其中高价值发明专利 ${result.highValueInPool} 件`,
        `按分级：${s!.byGrade.map((g) => `${g.key} ${g.count}`).join('，')}`,
        `按战略性新兴产业：${s!.bySei.map((x) => `${x.label} ${x.count}`).join('，')}`,
        `按国民经济行业（${s!.industryNote}）：${s!.byIndustry.slice(0, 10).map((x) => `${x.label} ${x.count}`).join('，')}${s!.byIndustry.length > 10 ? ' …' : ''}`,
      ].join('\n'));
    });
}
