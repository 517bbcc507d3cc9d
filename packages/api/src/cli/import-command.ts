import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '@zhuanhua/domain';
import { SYSTEM_ACTOR, type Actor } from '../http/actor.ts';
import type { Deps } from '../deps.ts';
import type { Progress } from '../jobs/jobs.ts';
import { parentCommand, type CliContext } from './context.ts';

type RowError = { row: number; field: string; message: string };
export type CliImportResult = { total: number; imported: number; updated?: number; rejectedCount: number; rejected: RowError[] };
export type ImportRun<O> = (deps: Deps, actor: Actor, args: { filename: string; buf: Buffer; validOnly: boolean; options: O; progress: Progress }) => Promise<CliImportResult>;

const rowLines = (rows: RowError[] | undefined): string[] => (rows ?? []).slice(0, 50).map((e) => `  第 ${e.row} 行 [${e.field}] ${e.message}`);

/**
 * `zhuanhua import <name> <file> [--valid-only] [--json] [extra options]`: an all-or-nothing (or valid rows
 * only) row import with a progress bar. A rejected file prints its rows and reasons and exits with code 2.
 */
export function importCommand<O extends Record<string, unknown>>(program: Command, ctx: CliContext, spec: {
  name: string; label: string; description: string; options?: (cmd: Command) => Command; run: ImportRun<O>;
}): void {
  const cmd = parentCommand(program, 'import', '导入数据（Excel/CSV）').command(`${spec.name} <file>`).description(spec.description);
  (spec.options ? spec.options(cmd) : cmd).option('--valid-only', '仅导入有效行，报告无效行').option('--json', 'JSON 输出')
    .action(async (file: string, o: O & { validOnly?: boolean; json?: boolean }) => {
      const buf = fs.readFileSync(file);
      const started = Date.now();
      const bar = ctx.progress(`导入${spec.label}`, !o.json);
      try {
        const res = await ctx.withDeps((deps) => spec.run(deps, SYSTEM_ACTOR, { filename: path.basename(file), buf, validOnly: !!o.validOnly, options: o, progress: bar.cb }));
        bar.stop();
        const seconds = (Date.now() - started) / 1000;
        ctx.print(!!o.json, { ok: true, ...res, ids: undefined, seconds }, () => [
          `导入完成：共 ${res.total} 行，新增 ${res.imported}${res.updated !== undefined ? `，更新 ${res.updated}` : ''}，拒绝 ${res.rejectedCount}（${seconds.toFixed(1)} 秒）`,
          ...rowLines(res.rejected)].join('\n'));
      } catch (e) {
        bar.stop();
        if (e instanceof AppError && e.code === 'IMPORT_REJECTED') {
          const d = (e.details ?? {}) as { rejected?: RowError[] };
          ctx.print(!!o.json, { ok: false, code: e.code, message: e.message, ...d }, () => [e.message, ...rowLines(d.rejected)].join('\n'));
          process.exitCode = 2;
          return;
        }
        throw e;
      }
    });
}
