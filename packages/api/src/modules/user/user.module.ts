import type { ModuleDef } from '../registry.ts';
import { userRoutes } from './user.routes.ts';
import { userCli } from './user.cli.ts';

export default { name: 'user', routes: userRoutes, cli: userCli } satisfies ModuleDef;
