import type { ModuleDef } from '../registry.ts';
import { pledgeRoutes } from './pledge.routes.ts';
import { pledgeCli } from './pledge.cli.ts';
import { seedPledgeDemo } from './pledge.demo.ts';

export default { name: 'pledge', routes: pledgeRoutes, cli: pledgeCli, seedDemo: seedPledgeDemo } satisfies ModuleDef;
