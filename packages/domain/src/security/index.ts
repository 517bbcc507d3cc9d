export * from './password.rules.ts';
export * from './session.rules.ts';
export * from './totp.rules.ts';
export * from './masking.rules.ts';
export * from './audit-chain.rules.ts';
export * from './admin-roles.rules.ts';
export * from './security.schemas.ts';
export * from './security.permissions.ts';
