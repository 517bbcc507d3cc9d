import type { ModuleDef } from '../registry.ts';
import { licenceRoutes } from './licence.routes.ts';

export default { name: 'licence', routes: licenceRoutes } satisfies ModuleDef;
