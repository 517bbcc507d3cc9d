export * from './subsidy.policy.ts';
export * from './subsidy.amount.ts';
export * from './subsidy.eligibility.ts';
export * from './subsidy.budget.ts';
export * from './subsidy.workflow.ts';
export * from './subsidy.presets.ts';
export * from './subsidy.schemas.ts';
export * from './subsidy.permissions.ts';
