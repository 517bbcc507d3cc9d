import type { ModuleDef } from '../registry.ts';
import { planKpiRoutes } from './plan-kpi.routes.ts';
import { planKpiCli } from './plan-kpi.cli.ts';
import { ensurePresets } from './plan-kpi.service.ts';
import { seedKpiDemo } from './plan-kpi.demo.ts';
import { configureCube } from './plan-kpi.engine.ts';

export default {
  name: 'plan-kpi',
  routes: planKpiRoutes,
  cli: planKpiCli,
  /** Load the five seed plans as presets (never overwrites); how stale dashboards may be served. */
  onStart: async (deps) => {
    configureCube(deps.db, { maxStaleMs: deps.config.KPI_MAX_STALE_SECONDS * 1000 });
    await ensurePresets(deps.db);
  },
  seedDemo: seedKpiDemo,
} satisfies ModuleDef;
