import { createHash } from 'node:crypto';
import { query, type Queryable } from '../db/client.ts';
import type { Actor } from '../http/actor.ts';

export type AuditEntry = {
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
};

export const AUDIT_GENESIS = '0'.repeat(64);

/** The canonical text hashed for one entry (stable key order). */
export function auditPayload(e: { at: string; actorUserId: number | null; action: string; entity: string; entityId: string | null; before: unknown; after: unknown }): string {
  return canonicalJson([e.at, e.actorUserId, e.action, e.entity, e.entityId, e.before ?? null, e.after ?? null]);
}

/** JSON with object keys sorted at every level, so jsonb's own key order never changes a hash. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
}

export function chainHash(prevHash: string, payload: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(payload).digest('hex');
}

/**
 * Append an audit entry inside the caller's transaction. Entries are chained by hash
 * (hash = sha256(prev_hash + payload)), serialised by an advisory lock so the chain has no forks.
 */
export async function audit(tx: Queryable, actor: Actor | null, e: AuditEntry): Promise<void> {
  await query(tx, `select pg_advisory_xact_lock(724002)`);
  const last = await query<{ hash: string }>(tx, `select hash from audit_log order by id desc limit 1`);
  const prev = last[0]?.hash ?? AUDIT_GENESIS;
  const at = new Date().toISOString();
  const entityId = e.entityId == null ? null : String(e.entityId);
  const before = e.before === undefined ? null : JSON.parse(JSON.stringify(e.before));
  const after = e.after === undefined ? null : JSON.parse(JSON.stringify(e.after));
  const hash = chainHash(prev, auditPayload({ at, actorUserId: actor?.userId ?? null, action: e.action, entity: e.entity, entityId, before, after }));
  await query(tx,
    `insert into audit_log (at, actor_user_id, actor_org_id, actor_role, action, entity, entity_id, before, after, ip, prev_hash, hash)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
    [at, actor?.userId ?? null, actor?.orgId ?? null, actor?.role ?? null, e.action, e.entity, entityId,
      before === null ? null : JSON.stringify(before), after === null ? null : JSON.stringify(after), actor?.ip ?? null, prev, hash]);
}
