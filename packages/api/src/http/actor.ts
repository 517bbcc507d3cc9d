import type { Role } from '@zhuanhua/domain';

/** Who is acting: a logged-in user, or null for an anonymous visitor. */
export type Actor = {
  userId: number;
  username: string;
  role: Role;
  orgId: number | null;
  regionCode: string | null;
  ip?: string | null;
  sessionId?: string;
};

/** System actor for CLI and setup work. */
export const SYSTEM_ACTOR: Actor = { userId: 0, username: 'system', role: 'platform_admin', orgId: null, regionCode: null, ip: 'cli' };

export const isOffice = (a: Actor | null): boolean => a?.role === 'platform_admin' || a?.role === 'auditor';
