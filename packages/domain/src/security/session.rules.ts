/**
 * Login failure handling and session timeout (等保 三级 身份鉴别 b). Pure functions of the history and "now"
 * (timestamps in epoch milliseconds, passed in by the caller).
 */
export type LockoutPolicy = {
  /** Failures that lock the account (default 5). */
  maxFailures: number;
  /** How long the account stays locked (default 30 minutes). */
  lockMinutes: number;
  /** Failures older than this (before the latest one) no longer count (default 30 minutes). */
  windowMinutes: number;
};
export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, lockMinutes: 30, windowMinutes: 30 };

export type LoginAttempt = { at: number; ok: boolean };
export type LockoutState = {
  locked: boolean;
  /** Epoch ms at which the lock ends, when locked. */
  lockedUntil: number | null;
  /** Failures counted towards the next lock. */
  failures: number;
  /** Attempts left before the account is locked (0 when locked). */
  remaining: number;
};

const MIN = 60_000;

/**
 * Replays the attempt history in time order: a success resets the count; `maxFailures` failures within the window
 * lock the account for `lockMinutes` from the failure that reached the limit; attempts while locked are ignored
 * (they are refused anyway); when the lock ends the count starts again from zero.
 */
export function lockoutState(history: readonly LoginAttempt[], now: number, policy: LockoutPolicy = DEFAULT_LOCKOUT): LockoutState {
  const attempts = [...history].filter((a) => a.at <= now).sort((a, b) => a.at - b.at);
  let failures: number[] = [];
  let lockedUntil: number | null = null;
  for (const a of attempts) {
    if (lockedUntil !== null) {
      if (a.at < lockedUntil) continue;
      lockedUntil = null;
      failures = [];
    }
    if (a.ok) { failures = []; continue; }
    failures = failures.filter((t) => t > a.at - policy.windowMinutes * MIN);
    failures.push(a.at);
    if (failures.length >= policy.maxFailures) {
      lockedUntil = a.at + policy.lockMinutes * MIN;
      failures = [];
    }
  }
  if (lockedUntil !== null && now >= lockedUntil) lockedUntil = null;
  if (lockedUntil !== null) return { locked: true, lockedUntil, failures: 0, remaining: 0 };
  const live = failures.filter((t) => t > now - policy.windowMinutes * MIN).length;
  return { locked: false, lockedUntil: null, failures: live, remaining: policy.maxFailures - live };
}

/** Chinese message for a locked account; minutes rounded up. */
export function lockedMessage(state: LockoutState, now: number): string {
  const mins = state.lockedUntil === null ? 0 : Math.max(1, Math.ceil((state.lockedUntil - now) / MIN));
  return `登录失败次数过多，账户已锁定，请 ${mins} 分钟后再试`;
}

export type SessionPolicy = {
  /** Idle timeout in minutes (default 30). */
  idleMinutes: number;
  /** Absolute lifetime in hours (default 12). */
  absoluteHours: number;
};
export const DEFAULT_SESSION: SessionPolicy = { idleMinutes: 30, absoluteHours: 12 };

export type SessionTimes = { createdAt: number; lastSeenAt: number };
export type SessionVerdict = { valid: true } | { valid: false; reason: 'idle' | 'absolute'; message: string };

/** A session is valid while it was used within the idle timeout and is younger than the absolute lifetime. */
export function sessionVerdict(s: SessionTimes, now: number, policy: SessionPolicy = DEFAULT_SESSION): SessionVerdict {
  if (now - s.createdAt >= policy.absoluteHours * 60 * MIN) {
    return { valid: false, reason: 'absolute', message: '登录已超过最长有效期，请重新登录' };
  }
  if (now - s.lastSeenAt >= policy.idleMinutes * MIN) {
    return { valid: false, reason: 'idle', message: `超过 ${policy.idleMinutes} 分钟未操作，已自动退出，请重新登录` };
  }
  return { valid: true };
}
