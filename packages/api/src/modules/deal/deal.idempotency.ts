/**
 * Idempotency keys for money-changing requests: the first request with a key does the work and its answer
 * is stored in the same transaction; a retry or a concurrent duplicate gets that answer back, with no second
 * effect. The unique key (scope, key) is what serialises concurrent duplicates on PostgreSQL and PGlite alike.
 */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppError } from '@zhuanhua/domain';
import { inTx, query, queryOne, type Queryable } from '../../db/client.ts';
import { canonicalJson } from '../../lib/audit.ts';
import type { Actor } from '../../http/actor.ts';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** The key of a request (header `Idempotency-Key`), required on money-changing routes. */
export function idempotencyKeyOf(req: FastifyRequest, required = true): string | null {
  const v = req.headers[IDEMPOTENCY_HEADER];
  const key = typeof v === 'string' ? v.trim() : '';
  if (!key) {
    if (required) throw new AppError('VALIDATION', '缺少幂等键（请求头 Idempotency-Key），请刷新页面后重试');
    return null;
  }
  if (key.length > 100 || !/^[\w\-:.]+$/.test(key)) throw new AppError('VALIDATION', '幂等键格式不正确（最多 100 个字母、数字或 - _ : .）');
  return key;
}

export type Outcome<T> = { status: number; body: T; replayed: boolean };

/**
 * Run `fn` once per (scope, key). Same key with another request (or another user) → DUPLICATE.
 * If `fn` throws, nothing is kept and the key can be retried.
 */
export async function withIdempotency<T>(db: Queryable, actor: Actor, scope: string, key: string | null, request: unknown,
  fn: (tx: Queryable) => Promise<{ status: number; body: T }>): Promise<Outcome<T>> {
  if (!key) return inTx(db, async (tx) => ({ ...(await fn(tx)), replayed: false }));
  const hash = createHash('sha256').update(canonicalJson(request)).digest('hex');
  return inTx(db, async (tx) => {
    const inserted = await query(tx,
      `insert into idempotency_keys (scope, key, actor_user_id, request_hash) values ($1, $2, $3, $4) on conflict do nothing returning key`,
      [scope, key, actor.userId, hash]);
    if (inserted.length === 0) {
      const prev = await queryOne<{ actor_user_id: number | null; request_hash: string; status_code: number | null; response: T }>(tx,
        `select actor_user_id, request_hash, status_code, response from idempotency_keys where scope = $1 and key = $2`, [scope, key]);
      if (!prev || prev.actor_user_id !== actor.userId || prev.request_hash !== hash) {
        throw new AppError('DUPLICATE', '该幂等键已用于另一个请求，请使用新的幂等键', { code: 'IDEMPOTENCY_KEY_REUSED' });
      }
      return { status: prev.status_code ?? 200, body: prev.response, replayed: true };
    }
    const out = await fn(tx);
    await query(tx, `update idempotency_keys set status_code = $3, response = $4 where scope = $1 and key = $2`,
      [scope, key, out.status, JSON.stringify(out.body ?? null)]);
    return { ...out, replayed: false };
  });
}
