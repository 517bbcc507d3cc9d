export * from './registry.rules.ts';
export * from './registry.schemas.ts';
export * from './registry.permissions.ts';
