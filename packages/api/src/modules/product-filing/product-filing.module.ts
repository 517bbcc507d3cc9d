import type { Command } from 'commander';
import type { CliContext } from '../../cli/context.ts';
import type { ModuleDef } from '../registry.ts';
import { importCommand } from '../pledge/pledge.cli.ts';
import { productFilingRoutes } from './product-filing.routes.ts';
import { importFilings } from './product-filing.import.ts';

function cli(program: Command, ctx: CliContext): void {
  importCommand(program, ctx, 'product-filings', '导入已备案的专利产品（备案主体、产品名称、备案号、备案日期、专利申请号、年度产值…）',
    (deps, actor, f, buf, v, p) => importFilings(deps.db, actor, f, buf, v, p));
}

export default { name: 'product-filing', routes: productFilingRoutes, cli } satisfies ModuleDef;
