import type { ModuleDef } from '../registry.ts';
import { patentRoutes } from './patent.routes.ts';
import { patentCli } from './patent.cli.ts';

export default { name: 'patent', routes: patentRoutes, cli: patentCli } satisfies ModuleDef;
