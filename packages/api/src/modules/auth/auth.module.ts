import type { ModuleDef } from '../registry.ts';
import { authRoutes } from './auth.routes.ts';

export default { name: 'auth', routes: authRoutes } satisfies ModuleDef;
