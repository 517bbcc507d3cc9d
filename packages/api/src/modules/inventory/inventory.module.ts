import type { ModuleDef } from '../registry.ts';
import { inventoryRoutes } from './inventory.routes.ts';
import { inventoryCli } from './inventory.cli.ts';

export default { name: 'inventory', routes: inventoryRoutes, cli: inventoryCli } satisfies ModuleDef;
