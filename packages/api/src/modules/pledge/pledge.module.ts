import type { ModuleDef } from '../registry.ts';
import { pledgeRoutes } from './pledge.routes.ts';
import { pledgeCli } from './pledge.cli.ts';

export default { name: 'pledge', routes: pledgeRoutes, cli: pledgeCli } satisfies ModuleDef;
