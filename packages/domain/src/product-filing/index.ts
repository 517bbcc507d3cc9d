export * from './product-filing.rules.ts';
export * from './product-filing.schemas.ts';
export * from './product-filing.permissions.ts';
