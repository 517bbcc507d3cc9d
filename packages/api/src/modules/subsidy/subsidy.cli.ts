import fs from 'node:fs';
import type { Command } from 'commander';
import { formatYuan } from '@zhuanhua/domain';
import { APPLICATION_STATE_LABELS, type ApplicationStatus } from '@zhuanhua/domain/subsidy/index.ts';
import { parentCommand, type CliContext } from '../../cli/context.ts';
import { SYSTEM_ACTOR } from '../../http/actor.ts';
import { writeXlsx } from '../../lib/excel-export.ts';
import { approvedList, budgetView, installPresets } from './subsidy.service.ts';
import { todayCn } from '../pledge/pledge.common.ts';

export function subsidyCli(program: Command, ctx: CliContext): void {
  const cmd = program.command('subsidy').description('奖补政策、预算与批准名单');
  cmd.command('presets').description('按年度导入预置奖补政策（许昌、鄂尔多斯）')
    .requiredOption('--year <year>', '政策年度').option('--json', 'JSON 输出')
    .action(async (o: { year: string; json?: boolean }) => {
      const ids = await ctx.withDeps((deps) => installPresets(deps, SYSTEM_ACTOR, Number(o.year)));
      ctx.print(!!o.json, { created: ids }, () => `已导入 ${ids.length} 项预置政策${ids.length ? `（编号 ${ids.join('、')}）` : '（均已存在）'}`);
    });
  cmd.command('budget').description('按年度显示各政策的预算、已承诺、已拨付与余额')
    .option('--year <year>', '年度（默认今年）').option('--json', 'JSON 输出')
    .action(async (o: { year?: string; json?: boolean }) => {
      const year = o.year ? Number(o.year) : Number(todayCn().slice(0, 4));
      const b = await ctx.withDeps((deps) => budgetView(deps, year));
      ctx.print(!!o.json, b, () => [`${year} 年奖补预算执行（元）`, '政策  预算  已承诺  已拨付  余额',
        ...b.items.map((i) => `${i.name}  ${formatYuan(i.budgetFen)}  ${formatYuan(i.committedFen)}  ${formatYuan(i.paidFen)}  ${formatYuan(i.availableFen)}`),
        `合计  ${formatYuan(b.totals.budgetFen)}  ${formatYuan(b.totals.committedFen)}  ${formatYuan(b.totals.paidFen)}  ${formatYuan(b.totals.availableFen)}`].join('\n'));
    });
  parentCommand(program, 'export', '导出数据（Excel）').command('subsidy-approved <file>').description('导出奖补批准名单（已批准、已拨付）')
    .option('--year <year>', '政策年度').option('--json', 'JSON 输出')
    .action(async (file: string, o: { year?: string; json?: boolean }) => {
      const rows = await ctx.withDeps((deps) => approvedList(deps, SYSTEM_ACTOR, { year: o.year ? Number(o.year) : undefined }));
      const buf = await writeXlsx([{
        name: '批准名单',
        columns: [{ header: '申请编号', key: 'id' }, { header: '政策', key: 'policy', width: 40 }, { header: '申请单位', key: 'applicant', width: 30 },
          { header: '资助事项', key: 'item', width: 50 }, { header: '核定金额（元）', key: 'amount' }, { header: '状态', key: 'status' },
          { header: '批准日期', key: 'approvedOn' }, { header: '拨付日期', key: 'paidOn' }, { header: '拨付凭证号', key: 'paymentRef' }],
        rows: rows.map((a) => ({ id: a.id, policy: a.policy_name, applicant: a.applicant_name, item: a.item_label, amount: Number(a.amount_fen) / 100,
          status: APPLICATION_STATE_LABELS[a.status as ApplicationStatus], approvedOn: a.approved_on, paidOn: a.paid_on, paymentRef: a.payment_ref })),
      }]);
      fs.writeFileSync(file, buf);
      ctx.print(!!o.json, { file, count: rows.length }, () => `已导出 ${rows.length} 条批准记录到 ${file}`);
    });
}
