export * from './plan-kpi.catalogue.ts';
export * from './plan-kpi.schemas.ts';
export * from './plan-kpi.rules.ts';
export * from './plan-kpi.compute.ts';
export * from './plan-kpi.presets.ts';
export * from './plan-kpi.permissions.ts';
