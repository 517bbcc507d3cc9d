/** Security module services: audit-chain verification, TOTP second factor, 三员 duties, settings, DB role check. */
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { AppError } from '@zhuanhua/domain';
import {
  base32Decode, base32Encode, DEFAULT_SECURITY_SETTINGS, dutyConflict, otpauthUri, parseBreachedList,
  securitySettingsBody, verifyLinkedChain, ADMIN_DUTY_LABELS, DUTY_OF_ACTION, verifyTotp, type AdminDuty, type ChainProblem, type HmacFn, type SecuritySettings,
} from '@zhuanhua/domain/security/index.ts';
import { inTx, type Queryable } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import { audit, auditPayload, chainHash, AUDIT_GENESIS } from '../../lib/audit.ts';
import * as repo from './security.repo.ts';

export const hmac: HmacFn = (alg, key, msg) => new Uint8Array(createHmac(alg, key).update(msg).digest());

// ---------------------------------------------------------------- audit chain

export type AuditVerifyResult = { ok: boolean; checked: number; problems: ChainProblem[]; lastId: number; ms: number };

const expectedHash = (r: repo.AuditRow & { prevHash: string }) =>
  chainHash(r.prev_hash, auditPayload({
    at: r.at instanceof Date ? r.at.toISOString() : new Date(r.at).toISOString(),
    actorUserId: r.actor_user_id, action: r.action, entity: r.entity, entityId: r.entity_id, before: r.before, after: r.after,
  }));

/**
 * Re-computes every audit entry's hash and link from the genesis (pages of 5,000) and checks that the last
 * recorded checkpoint is still present (detects deletion of the newest rows). Records a new checkpoint.
 */
export async function verifyAuditChain(db: Queryable, opts: { record?: boolean; clock?: () => number } = {}): Promise<AuditVerifyResult> {
  const clock = opts.clock ?? (() => performance.now());
  const t0 = clock();
  const checkpoint = await repo.lastGoodCheckpoint(db);
  const problems: ChainProblem[] = [];
  let start: { id: number; hash: string } = { id: 0, hash: AUDIT_GENESIS };
  let checked = 0;
  let sawCheckpoint = !checkpoint || checkpoint.last_audit_id === 0;
  for (;;) {
    const rows = await repo.auditRowsAfter(db, start.id, 5000);
    if (!rows.length) break;
    const linked = rows.map((r) => ({ ...r, id: Number(r.id), prevHash: r.prev_hash }));
    const rep = verifyLinkedChain(linked, expectedHash, { start: start.id === 0 ? null : start });
    problems.push(...rep.problems);
    checked += rep.checked;
    if (checkpoint && linked.some((r) => r.id === checkpoint.last_audit_id && r.hash === checkpoint.last_hash)) sawCheckpoint = true;
    const last = linked[linked.length - 1]!;
    start = { id: last.id, hash: last.hash };
  }
  if (!sawCheckpoint && checkpoint) {
    problems.push({ seq: checkpoint.last_audit_id, kind: 'missing', message: `检查点记录 ${checkpoint.last_audit_id} 不存在或已改变（最新的审计记录可能被删除）` });
  }
  const ok = problems.length === 0;
  if (opts.record !== false) await repo.insertCheckpoint(db, start.id, start.hash, checked, ok);
  return { ok, checked, problems, lastId: start.id, ms: Math.round(clock() - t0) };
}

// ---------------------------------------------------------------- settings and breached list

export async function getSettings(db: Queryable): Promise<SecuritySettings> {
  const row = await repo.getSettingsRow(db);
  const parsed = securitySettingsBody.safeParse(row?.settings ?? DEFAULT_SECURITY_SETTINGS);
  return parsed.success ? parsed.data : DEFAULT_SECURITY_SETTINGS;
}

export async function updateSettings(db: Queryable, actor: Actor, next: SecuritySettings): Promise<SecuritySettings> {
  return inTx(db, async (tx) => {
    const before = await getSettings(tx);
    await repo.saveSettingsRow(tx, next);
    await audit(tx, actor, { action: 'security.settings_changed', entity: 'security_settings', entityId: 1, before, after: next });
    return next;
  });
}

let breached: Set<string> | undefined;
/** The shipped blocklist `reference/security/breached-passwords.txt` (read once). */
export function breachedPasswords(): Set<string> {
  if (!breached) {
    const file = new URL('../../../../../reference/security/breached-passwords.txt', import.meta.url);
    breached = fs.existsSync(file) ? parseBreachedList(fs.readFileSync(file, 'utf8')) : new Set<string>();
  }
  return breached;
}

// ---------------------------------------------------------------- TOTP

export async function totpSetup(db: Queryable, actor: Actor): Promise<{ secret: string; uri: string }> {
  const existing = await repo.getTotp(db, actor.userId);
  if (existing?.enabled) throw new AppError('CONFLICT', '已启用动态口令，请先停用后再重新绑定');
  const secret = base32Encode(randomBytes(20));
  await inTx(db, async (tx) => {
    await repo.upsertTotpSecret(tx, actor.userId, secret);
    await audit(tx, actor, { action: 'security.totp_setup', entity: 'user', entityId: actor.userId });
  });
  return { secret, uri: otpauthUri(secret, actor.username) };
}

export async function totpActivate(db: Queryable, actor: Actor, code: string, nowSeconds: number): Promise<void> {
  const row = await repo.getTotp(db, actor.userId);
  if (!row) throw new AppError('CONFLICT', '请先绑定动态口令');
  if (row.enabled) throw new AppError('CONFLICT', '动态口令已启用');
  const step = verifyTotp(hmac, base32Decode(row.secret), code, nowSeconds, { lastUsedStep: row.last_used_step });
  if (step === null) throw new AppError('VALIDATION', '动态验证码不正确');
  await inTx(db, async (tx) => {
    await repo.setTotpEnabled(tx, actor.userId, true, step);
    await audit(tx, actor, { action: 'security.totp_enabled', entity: 'user', entityId: actor.userId });
  });
}

export async function totpDisable(db: Queryable, actor: Actor, code: string, nowSeconds: number): Promise<void> {
  const row = await repo.getTotp(db, actor.userId);
  if (!row?.enabled) throw new AppError('CONFLICT', '未启用动态口令');
  await checkTotp(db, actor.userId, code, nowSeconds);
  await inTx(db, async (tx) => {
    await repo.setTotpEnabled(tx, actor.userId, false, null);
    await audit(tx, actor, { action: 'security.totp_disabled', entity: 'user', entityId: actor.userId });
  });
}

/** Whether the user has an active second factor. */
export async function totpEnabled(db: Queryable, userId: number): Promise<boolean> {
  return (await repo.getTotp(db, userId))?.enabled === true;
}

/** Verifies and consumes a TOTP code (single use); throws UNAUTHENTICATED when wrong or replayed. */
export async function checkTotp(db: Queryable, userId: number, code: string | undefined, nowSeconds: number): Promise<void> {
  const row = await repo.getTotp(db, userId);
  if (!row?.enabled) return;
  if (!code) throw new AppError('UNAUTHENTICATED', '请输入动态验证码', { totpRequired: true });
  const step = verifyTotp(hmac, base32Decode(row.secret), code, nowSeconds, { lastUsedStep: row.last_used_step });
  if (step === null) throw new AppError('UNAUTHENTICATED', '动态验证码不正确或已使用', { totpRequired: true });
  await repo.useTotpStep(db, userId, step);
}

// ---------------------------------------------------------------- 三员 duties

export async function grantDuty(db: Queryable, actor: Actor, userId: number, duty: AdminDuty): Promise<void> {
  await inTx(db, async (tx) => {
    const current = await repo.getDuty(tx, userId);
    if (current) {
      const conflict = dutyConflict([current.duty as AdminDuty, duty]);
      throw new AppError('CONFLICT', conflict ?? '该账户已担任此职责');
    }
    if (userId === actor.userId) throw new AppError('FORBIDDEN', '不能给自己授予管理职责');
    await repo.insertDuty(tx, userId, duty, actor.userId);
    await audit(tx, actor, { action: 'security.duty_granted', entity: 'user', entityId: userId, after: { duty } });
  });
}

// ---------------------------------------------------------------- database role

export type DbRoleCheck = { role: string; superuser: boolean; bypassRls: boolean; ok: boolean };

/** The role the application connects as must not be a superuser nor bypass row-level security. */
export async function checkDbRole(db: Queryable): Promise<DbRoleCheck> {
  const r = await repo.currentRoleAttrs(db);
  const superuser = r?.rolsuper === true, bypassRls = r?.rolbypassrls === true;
  return { role: r?.rolname ?? '?', superuser, bypassRls, ok: !superuser && !bypassRls };
}

/**
 * 三员 overlay on the role table: once some account holds the duty an action needs (admin_duties), only holders of
 * that duty may perform it. Before any duty is granted (fresh installation) the role table alone decides.
 */
export async function requireDuty(db: Queryable, actor: Actor, action: string): Promise<void> {
  const need = DUTY_OF_ACTION[action];
  if (!need) return;
  const holders = await repo.dutyHolders(db, need);
  if (holders.length === 0) return;
  if (!holders.includes(actor.userId)) throw new AppError('FORBIDDEN', `此操作仅限${ADMIN_DUTY_LABELS[need]}执行（三员分立）`);
}

export async function unlockUser(db: Queryable, actor: Actor, userId: number): Promise<void> {
  await inTx(db, async (tx) => {
    const n = await repo.clearLoginAttempts(tx, userId);
    if (n === null) throw new AppError('NOT_FOUND', '用户不存在');
    await audit(tx, actor, { action: 'security.user_unlocked', entity: 'user', entityId: userId });
  });
}
