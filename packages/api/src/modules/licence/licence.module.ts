import type { ModuleDef } from '../registry.ts';
import { licenceRoutes } from './licence.routes.ts';
import { seedLicenceDemo } from './licence.demo.ts';

export default { name: 'licence', routes: licenceRoutes, seedDemo: seedLicenceDemo } satisfies ModuleDef;
