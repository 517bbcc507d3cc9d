import type { ModuleDef } from '../registry.ts';
import { organisationRoutes } from './organisation.routes.ts';

export default { name: 'organisation', routes: organisationRoutes } satisfies ModuleDef;
