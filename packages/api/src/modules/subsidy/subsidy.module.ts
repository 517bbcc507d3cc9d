import type { ModuleDef } from '../registry.ts';
import { subsidyRoutes } from './subsidy.routes.ts';
import { subsidyCli } from './subsidy.cli.ts';
import { seedSubsidyDemo } from './subsidy.demo.ts';

export default { name: 'subsidy', routes: subsidyRoutes, cli: subsidyCli, seedDemo: seedSubsidyDemo } satisfies ModuleDef;
