import type { ModuleDef } from '../registry.ts';
import { planKpiRoutes } from './plan-kpi.routes.ts';
import { planKpiCli } from './plan-kpi.cli.ts';
import { ensurePresets } from './plan-kpi.service.ts';
import { seedKpiDemo } from './plan-kpi.demo.ts';

export default {
  name: 'plan-kpi',
  routes: planKpiRoutes,
  cli: planKpiCli,
  /** Load the five seed plans as presets (never overwrites). */
  onStart: async (deps) => { await ensurePresets(deps.db); },
  seedDemo: seedKpiDemo,
} satisfies ModuleDef;
