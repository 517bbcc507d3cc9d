export * from './pledge.rules.ts';
export * from './pledge.schemas.ts';
export * from './pledge.permissions.ts';
