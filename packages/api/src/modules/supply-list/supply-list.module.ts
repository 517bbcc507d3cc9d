import type { ModuleDef } from '../registry.ts';
import { supplyListRoutes } from './supply-list.routes.ts';

export default { name: 'supply-list', routes: supplyListRoutes } satisfies ModuleDef;
