import { describe, it, expect } from 'vitest';
import { lockedMessage, lockoutState, sessionVerdict, type LoginAttempt } from './session.rules.ts';

const MIN = 60_000;
const T = Date.UTC(2026, 0, 5, 9, 0, 0);
const fails = (n: number, start = T, gapMin = 1): LoginAttempt[] =>
  Array.from({ length: n }, (_, i) => ({ at: start + i * gapMin * MIN, ok: false }));

describe('lockout: 5 failures → 30 minutes', () => {
  it('4 failures: not locked, 1 attempt left', () => {
    const s = lockoutState(fails(4), T + 4 * MIN);
    expect(s).toEqual({ locked: false, lockedUntil: null, failures: 4, remaining: 1 });
  });
  it('the 5th failure locks for 30 minutes from that failure', () => {
    const h = fails(5); // last at T+4min
    const s = lockoutState(h, T + 4 * MIN);
    expect(s.locked).toBe(true);
    expect(s.lockedUntil).toBe(T + 34 * MIN);
    expect(lockoutState(h, T + 34 * MIN - 1).locked).toBe(true);
    expect(lockoutState(h, T + 34 * MIN)).toEqual({ locked: false, lockedUntil: null, failures: 0, remaining: 5 });
  });
  it('a success resets the count', () => {
    const h = [...fails(4), { at: T + 5 * MIN, ok: true }, ...fails(4, T + 6 * MIN)];
    expect(lockoutState(h, T + 10 * MIN)).toMatchObject({ locked: false, failures: 4 });
  });
  it('attempts during the lock (even the right password) do not extend or end it', () => {
    const h = [...fails(5), { at: T + 10 * MIN, ok: true }, ...fails(3, T + 11 * MIN)];
    const s = lockoutState(h, T + 20 * MIN);
    expect(s.locked).toBe(true);
    expect(s.lockedUntil).toBe(T + 34 * MIN);
  });
  it('after the lock the count starts from zero; 5 more failures lock again', () => {
    const h = [...fails(5), ...fails(5, T + 40 * MIN)];
    expect(lockoutState(h, T + 44 * MIN).lockedUntil).toBe(T + 74 * MIN);
    expect(lockoutState(fails(4, T + 40 * MIN).concat(fails(5)), T + 44 * MIN).locked).toBe(false);
  });
  it('failures spread over more than 30 minutes do not lock', () => {
    const h = fails(5, T, 10); // at 0,10,20,30,40 min
    expect(lockoutState(h, T + 40 * MIN)).toMatchObject({ locked: false, failures: 3 });
  });
  it('future attempts are ignored; order of the input does not matter', () => {
    const h = fails(5).reverse();
    expect(lockoutState(h, T + 4 * MIN).locked).toBe(true);
    expect(lockoutState(h, T + 2 * MIN)).toMatchObject({ locked: false, failures: 3 });
  });
  it('configurable policy', () => {
    expect(lockoutState(fails(3), T + 2 * MIN, { maxFailures: 3, lockMinutes: 10, windowMinutes: 30 }).lockedUntil).toBe(T + 12 * MIN);
  });
  it('Chinese message with minutes rounded up', () => {
    const s = lockoutState(fails(5), T + 4 * MIN);
    expect(lockedMessage(s, T + 4 * MIN + 30_000)).toBe('登录失败次数过多，账户已锁定，请 30 分钟后再试');
  });
});

describe('session timeout', () => {
  const s = { createdAt: T, lastSeenAt: T + 60 * MIN };
  it('idle 29:59 valid, 30:00 expired', () => {
    expect(sessionVerdict(s, T + 90 * MIN - 1)).toEqual({ valid: true });
    expect(sessionVerdict(s, T + 90 * MIN)).toMatchObject({ valid: false, reason: 'idle' });
  });
  it('absolute lifetime of 12 hours even when active', () => {
    const active = { createdAt: T, lastSeenAt: T + 12 * 60 * MIN - MIN };
    expect(sessionVerdict(active, T + 12 * 60 * MIN)).toMatchObject({ valid: false, reason: 'absolute' });
  });
  it('idle timeout configurable', () => {
    expect(sessionVerdict(s, T + 70 * MIN, { idleMinutes: 10, absoluteHours: 12 })).toMatchObject({ valid: false, reason: 'idle' });
    expect(sessionVerdict(s, T + 70 * MIN)).toEqual({ valid: true });
  });
});
