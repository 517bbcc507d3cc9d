export * from './common/app-error.ts';
export * from './common/money.ts';
export * from './common/dates.ts';
export * from './common/roles.ts';
export * from './common/permissions.ts';
export * from './organisation/organisation.schemas.ts';
