export * from './organisation.schemas.ts';
export * from './uscc.ts';
export * from './region-code.ts';
