import type { Command } from 'commander';
import { REGISTRY_KINDS, REGISTRY_KIND_LABELS, REGISTRY_FIELDS, type RegistryKind } from '@zhuanhua/domain/registry/index.ts';
import type { CliContext } from '../../cli/context.ts';
import type { ModuleDef } from '../registry.ts';
import { importCommand } from '../pledge/pledge.cli.ts';
import { registryRoutes } from './registry.routes.ts';
import { importEntries, importServices } from './registry.import.ts';
import { seedRegistryDemo } from './registry.demo.ts';

function cli(program: Command, ctx: CliContext): void {
  for (const kind of REGISTRY_KINDS) {
    importCommand(program, ctx, `registry-${kind.replace('_', '-')}`, `导入${REGISTRY_KIND_LABELS[kind]}名录（名称、所属机构、行政区划代码、认定/设立日期、${REGISTRY_FIELDS[kind].map((f) => f.label).join('、')}）`, (deps, actor, f, buf, v, p) => importEntries(deps.db, actor, kind as RegistryKind, f, buf, v, p));
  }
  importCommand(program, ctx, 'service-records', '导入服务记录（服务机构、服务对象、服务日期、服务类型、服务内容）', (deps, actor, f, buf, v, p) => importServices(deps.db, actor, f, buf, v, p));
}

export default { name: 'registry', routes: registryRoutes, cli, seedDemo: seedRegistryDemo } satisfies ModuleDef;
