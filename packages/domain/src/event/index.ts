export * from './event.rules.ts';
export * from './event.schemas.ts';
export * from './event.permissions.ts';
