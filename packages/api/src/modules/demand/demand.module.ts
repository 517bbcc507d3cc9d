import type { ModuleDef } from '../registry.ts';
import { demandRoutes } from './demand.routes.ts';
import { demandCli } from './demand.cli.ts';
import { seedDemandDemo } from './demand.seed.ts';
import { expireDemands } from './demand.repo.ts';
import { todayCn } from './demand.presenter.ts';

export default {
  name: 'demand',
  routes: demandRoutes,
  cli: demandCli,
  seedDemo: seedDemandDemo,
  /** Published demands past their validUntil become expired (checked at start; the presenter also shows the effective state). */
  onStart: async (deps) => {
    const ids = await expireDemands(deps.db, todayCn());
    if (ids.length) deps.events.emit('demands.changed', { ids });
  },
} satisfies ModuleDef;
