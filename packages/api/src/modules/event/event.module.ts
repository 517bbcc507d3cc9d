import type { Command } from 'commander';
import type { CliContext } from '../../cli/context.ts';
import type { ModuleDef } from '../registry.ts';
import { importCommand } from '../pledge/pledge.cli.ts';
import { eventRoutes } from './event.routes.ts';
import { importEvents } from './event.import.ts';

function cli(program: Command, ctx: CliContext): void {
  importCommand(program, ctx, 'events', '导入对接活动/路演台账（活动名称、类型、主办单位、日期、地点…）', (deps, actor, f, buf, v, p) => importEvents(deps.db, actor, f, buf, v, p));
}

export default { name: 'event', routes: eventRoutes, cli } satisfies ModuleDef;
