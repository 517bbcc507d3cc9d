export * from './demand.rules.ts';
export * from './demand.schemas.ts';
export * from './demand.scoring.ts';
export * from './demand.permissions.ts';
