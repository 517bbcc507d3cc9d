export * from './licence.schemas.ts';
export * from './licence.rules.ts';
export * from './licence.permissions.ts';
