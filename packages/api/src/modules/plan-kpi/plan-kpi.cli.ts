import fs from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '@zhuanhua/domain';
import type { CliContext } from '../../cli/context.ts';
import { SYSTEM_ACTOR } from '../../http/actor.ts';
import { evaluatePlan, ensurePresets } from './plan-kpi.service.ts';
import { generateReport } from './plan-kpi.jobs.ts';
import { todayCn } from './plan-kpi.routes.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function planKpiCli(program: Command, ctx: CliContext): void {
  program.command('kpi').description('按规划计算全部指标（逐年数值、累计、增幅、目标与完成状态）')
    .requiredOption('--plan <id>', '规划编号，如 ordos-2021-conversion').option('--region <code>', '地区代码（默认规划发布地区）')
    .option('--as-of <date>', '截止日期 YYYY-MM-DD（默认今天）').option('--json', 'JSON 输出')
    .action(async (o: { plan: string; region?: string; asOf?: string; json?: boolean }) => {
      if (o.asOf && !DATE.test(o.asOf)) throw new AppError('VALIDATION', '截止日期格式应为 YYYY-MM-DD');
      if (o.region && !/^\d{6}$/.test(o.region)) throw new AppError('VALIDATION', '地区代码应为6位数字');
      const ev = await ctx.withDeps(async (deps) => {
        await ensurePresets(deps.db);
        return evaluatePlan(deps.db, o.plan, { region: o.region, asOf: o.asOf ?? todayCn() });
      });
      const out = {
        plan: { id: ev.plan.id, name: ev.plan.name, startYear: ev.plan.startYear, endYear: ev.plan.endYear, baselineYear: ev.plan.baselineYear },
        region: ev.region, asOf: ev.asOf, summary: ev.summary,
        indicators: ev.indicators.map((i) => ({ code: i.code, name: i.name, unit: i.unit, source: i.source, inPlan: i.inPlan, years: i.years, cumulative: i.total })),
        targets: ev.targets.map((t) => ({ id: t.id, clause: t.clause, indicator: t.indicator, kind: t.kind, value: t.value, target: t.target, unit: t.unit, gap: t.gap, neededThisYear: t.neededThisYear, status: t.status, statusLabel: t.statusLabel, note: t.note })),
      };
      ctx.print(!!o.json, out, () => {
        const lines = [`${ev.plan.name}`, `地区：${ev.region.name}（${ev.region.code}）  截至：${ev.asOf}`, '', '指标（逐年）：'];
        for (const i of ev.indicators.filter((x) => x.inPlan || x.total !== 0)) {
          lines.push(`  ${i.name}（${i.unit}）${i.source === 'none' ? ' [暂无数据来源]' : i.source === 'manual' ? ' [手工填报]' : ''}：` +
            i.years.map((y) => `${y.year} ${y.value}${y.yoy == null ? '' : `（${y.yoy >= 0 ? '+' : ''}${y.yoy}%）`}`).join('，') + `；累计 ${i.total}`);
        }
        lines.push('', '目标：');
        for (const t of ev.targets) {
          lines.push(`  [${t.statusLabel}] ${t.clause} ${t.text || t.indicatorName}：实际 ${t.value == null ? '无法计算' : `${t.value}${t.unit}`}，目标 ${t.target ?? '逐年递增'}${t.target != null ? t.unit : ''}${t.gap != null ? `，差距 ${t.gap}${t.unit}` : ''}${t.neededThisYear != null ? `，本年尚需达到 ${t.neededThisYear}` : ''}。${t.note}`);
        }
        lines.push('', `已完成 ${ev.summary.met}，进度正常 ${ev.summary.on_track}，滞后 ${ev.summary.behind}，未完成 ${ev.summary.not_met}，无法计算 ${ev.summary.undefined}`);
        return lines.join('\n');
      });
    });

  program.command('report').description('生成年度工作总结报告（.docx）或统计报表（.xlsx，按 --out 扩展名）')
    .requiredOption('--plan <id>', '规划编号').requiredOption('--year <yyyy>', '报告年度').requiredOption('--out <file>', '输出文件 .docx 或 .xlsx')
    .option('--region <code>', '地区代码（默认规划发布地区）').option('--as-of <date>', '截止日期（默认该年12月31日与今天中较早者）').option('--json', 'JSON 输出')
    .action(async (o: { plan: string; year: string; out: string; region?: string; asOf?: string; json?: boolean }) => {
      const year = Number(o.year);
      if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new AppError('VALIDATION', '年度应为4位年份');
      const kind = o.out.toLowerCase().endsWith('.xlsx') ? 'xlsx' : o.out.toLowerCase().endsWith('.docx') ? 'docx' : null;
      if (!kind) throw new AppError('VALIDATION', '输出文件须以 .docx 或 .xlsx 结尾');
      const today = todayCn();
      const asOf = o.asOf ?? (`${year}-12-31` < today ? `${year}-12-31` : today);
      const bar = ctx.progress('生成报告', !o.json);
      const r = await ctx.withDeps(async (deps) => {
        await ensurePresets(deps.db);
        return generateReport(deps.db, SYSTEM_ACTOR, { planId: o.plan, kind, year, region: o.region, asOf }, null, bar.cb);
      });
      bar.stop();
      fs.writeFileSync(o.out, r.buf);
      ctx.print(!!o.json, { ok: true, file: o.out, bytes: r.bytes, reportId: r.reportId, asOf }, () => `已生成 ${o.out}（${(r.bytes / 1024).toFixed(1)} KB，数据截至 ${asOf}）`);
    });
}
