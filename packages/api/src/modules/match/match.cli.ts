import fs from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '@zhuanhua/domain';
import type { CliContext } from '../../cli/context.ts';
import { engineFor } from '../search/search.engine.ts';
import { matchText } from './match.service.ts';

const readText = (t: string): string => (t === '-' ? fs.readFileSync(0, 'utf8') : t);

export function matchCli(program: Command, ctx: CliContext): void {
  program.command('classify <text>').description('需求分类：文本（- 读标准输入）→ IPC 小类与战略性新兴产业').option('--top <n>', '返回条数', '5').option('--json', 'JSON 输出')
    .action(async (t: string, o: { top: string; json?: boolean }) => {
      const text = readText(t).trim();
      if (text.length < 2) throw new AppError('VALIDATION', '请输入至少 2 个字的文本');
      const res = await ctx.withDeps(async (deps) => { const e = engineFor(deps); await e.build(); e.close(); return e.classify(text, Number(o.top)); });
      ctx.print(!!o.json, res, () => [...res.ipc.map((x) => `${x.code}  ${(x.score * 100).toFixed(1)}%  ${x.title}`), '产业：' + res.industries.map((x) => `${x.name}(${(x.score * 100).toFixed(0)}%)`).join('、')].join('\n'));
    });
  program.command('match').description('需求 → 专利匹配（带理由）').requiredOption('--text <text>', '需求文本（- 读标准输入）').option('--top <n>', '返回条数', '20').option('--json', 'JSON 输出')
    .action(async (o: { text: string; top: string; json?: boolean }) => {
      const text = readText(o.text).trim();
      if (text.length < 2) throw new AppError('VALIDATION', '请输入至少 2 个字的文本');
      const top = Number(o.top);
      if (!Number.isInteger(top) || top < 1 || top > 100) throw new AppError('VALIDATION', '--top 应为 1 到 100 的整数');
      const res = await ctx.withDeps(async (deps) => { const e = engineFor(deps); await e.build(); e.close(); return matchText(deps.db, e, text, { top }); });
      ctx.print(!!o.json, res, () => res.results.map((r, i) => `${i + 1}. [${r.score.toFixed(3)}] ${r.applicationNumber} ${r.title}\n   ${r.reasons.map((x) => x.text).join('；')}`).join('\n') || '没有匹配结果');
    });
}
