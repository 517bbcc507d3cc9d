export * from './deal.schemas.ts';
export * from './deal.rules.ts';
export * from './deal.import.ts';
export * from './deal.permissions.ts';
