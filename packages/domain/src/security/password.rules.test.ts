import { describe, it, expect } from 'vitest';
import {
  checkPassword, characterClasses, isPasswordExpired, parseBreachedList, passwordExpiresOn, passwordPolicy,
  PASSWORD_POLICIES,
} from './password.rules.ts';

const asvs = PASSWORD_POLICIES.asvs;
const dengbao = PASSWORD_POLICIES.dengbao;
const breached = parseBreachedList('# comment\n123456\nPassword\n\nwoaini1314\r\nqwerty123\n');
const codes = (p: ReturnType<typeof checkPassword>) => p.map((x) => x.code);

describe('breached list file', () => {
  it('ignores comments and blanks and lower-cases', () => {
    expect([...breached].sort()).toEqual(['123456', 'password', 'qwerty123', 'woaini1314']);
  });
});

describe('ASVS profile', () => {
  it('7 characters refused, 8 accepted (6.2.1)', () => {
    expect(codes(checkPassword(asvs, 'abcdefg'))).toEqual(['too_short']);
    expect(checkPassword(asvs, 'abcdefgh')).toEqual([]);
  });
  it('128 accepted, 129 refused, Chinese counted per character', () => {
    expect(checkPassword(asvs, 'x'.repeat(128))).toEqual([]);
    expect(codes(checkPassword(asvs, 'x'.repeat(129)))).toEqual(['too_long']);
    expect(codes(checkPassword(asvs, '专利转化平台密码'))).toEqual([]); // 8 characters
    expect(codes(checkPassword(asvs, '专利转化平台密'))).toEqual(['too_short']);
  });
  it('no composition rule: all lower-case letters are fine', () => {
    expect(checkPassword(asvs, 'correcthorsebatterystaple')).toEqual([]);
  });
  it('breached passwords refused whatever the case', () => {
    expect(codes(checkPassword(asvs, 'WoAiNi1314', { breached }))).toEqual(['breached']);
    expect(codes(checkPassword(asvs, 'qwerty123', { breached }))).toEqual(['breached']);
  });
  it('context words refused (username, org name), short words ignored', () => {
    expect(codes(checkPassword(asvs, 'zhangwei-2024-xyz', { contextWords: ['ZhangWei'] }))).toEqual(['context']);
    expect(checkPassword(asvs, 'ab-2024-xyzxyz', { contextWords: ['ab'] })).toEqual([]);
  });
  it('no forced rotation', () => {
    expect(passwordExpiresOn(asvs, '2024-01-01')).toBeNull();
    expect(isPasswordExpired(asvs, '2020-01-01', '2026-01-01')).toBe(false);
  });
  it('history not enforced', () => {
    expect(checkPassword(asvs, 'abcdefghij', { reusedFromHistory: true })).toEqual([]);
  });
});

describe('等保 profile', () => {
  it('needs 3 of 4 character classes', () => {
    expect(codes(checkPassword(dengbao, 'abcdefgh1'))).toEqual(['classes']);
    expect(checkPassword(dengbao, 'abcdefG1')).toEqual([]);
    expect(checkPassword(dengbao, 'abcdef1!')).toEqual([]);
    expect(codes(checkPassword(dengbao, 'aB1!'))).toEqual(['too_short']);
  });
  it('reports several problems at once', () => {
    expect(codes(checkPassword(dengbao, 'password', { breached, reusedFromHistory: true }))).toEqual(['classes', 'breached', 'history']);
  });
  it('rotation after 90 days: expired on day 90', () => {
    expect(passwordExpiresOn(dengbao, '2026-01-01')).toBe('2026-04-01');
    expect(isPasswordExpired(dengbao, '2026-01-01', '2026-03-31')).toBe(false);
    expect(isPasswordExpired(dengbao, '2026-01-01', '2026-04-01')).toBe(true);
  });
  it('messages are Chinese', () => {
    expect(checkPassword(dengbao, 'abc')[0]!.message).toContain('密码长度至少 8 位');
  });
});

describe('helpers', () => {
  it('classes', () => {
    expect(characterClasses('aB3$')).toEqual({ lower: true, upper: true, digit: true, symbol: true, count: 4 });
    expect(characterClasses('中文').count).toBe(1); // non-ASCII counts as a symbol class
  });
  it('unknown profile names fall back to ASVS', () => {
    expect(passwordPolicy('dengbao').name).toBe('dengbao');
    expect(passwordPolicy('nonsense').name).toBe('asvs');
    expect(passwordPolicy(undefined).name).toBe('asvs');
  });
});

describe('shipped breached list (reference/security/breached-passwords.txt)', () => {
  it('parses to a few thousand entries including Chinese patterns', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(new URL('../../../../reference/security/breached-passwords.txt', import.meta.url), 'utf8');
    const list = parseBreachedList(text);
    expect(list.size).toBeGreaterThan(3000);
    for (const p of ['123456', 'password', 'qwerty', 'woaini1314', '5201314', 'p@ssw0rd', 'admin@123']) expect(list.has(p)).toBe(true);
    expect(codes(checkPassword(dengbao, 'P@ssw0rd', { breached: list }))).toEqual(['breached']);
  });
});
