import type { ModuleDef } from '../registry.ts';
import { referenceRoutes } from './reference.routes.ts';

export default { name: 'reference', routes: referenceRoutes } satisfies ModuleDef;
