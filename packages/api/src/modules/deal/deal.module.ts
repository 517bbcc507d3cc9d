import type { ModuleDef } from '../registry.ts';
import { dealRoutes } from './deal.routes.ts';
import { dealCli } from './deal.cli.ts';
import { seedDealDemo } from './deal.demo.ts';

export default { name: 'deal', routes: dealRoutes, cli: dealCli, seedDemo: seedDealDemo } satisfies ModuleDef;
