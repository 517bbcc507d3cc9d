import type { ModuleDef } from '../registry.ts';
import { matchRoutes } from './match.routes.ts';
import { matchCli } from './match.cli.ts';

export default { name: 'match', routes: matchRoutes, cli: matchCli } satisfies ModuleDef;
