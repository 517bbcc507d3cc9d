import type { ModuleDef } from '../registry.ts';
import { dealRoutes } from './deal.routes.ts';
import { dealCli } from './deal.cli.ts';

export default { name: 'deal', routes: dealRoutes, cli: dealCli } satisfies ModuleDef;
