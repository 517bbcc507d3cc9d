import { describe, it, expect } from 'vitest';
import { createHmac } from 'node:crypto';
import { base32Decode, base32Encode, hotp, otpauthUri, totp, totpStep, verifyTotp, type HmacFn } from './totp.rules.ts';

const hmac: HmacFn = (alg, key, msg) => new Uint8Array(createHmac(alg, key).update(msg).digest());
const ascii = (s: string) => new TextEncoder().encode(s);
const K1 = ascii('12345678901234567890');
const K256 = ascii('12345678901234567890123456789012');
const K512 = ascii('1234567890123456789012345678901234567890123456789012345678901234');

describe('HOTP (RFC 4226 appendix D)', () => {
  it('matches the ten published values', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, i) => hotp(hmac, K1, i))).toEqual(expected);
  });
});

describe('TOTP (RFC 6238 appendix B)', () => {
  const vectors: [number, string, string, string][] = [
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ];
  for (const [t, sha1, sha256, sha512] of vectors) {
    it(`T=${t}`, () => {
      expect(totp(hmac, K1, t, { digits: 8, algorithm: 'sha1' })).toBe(sha1);
      expect(totp(hmac, K256, t, { digits: 8, algorithm: 'sha256' })).toBe(sha256);
      expect(totp(hmac, K512, t, { digits: 8, algorithm: 'sha512' })).toBe(sha512);
    });
  }
  it('step numbers use 30-second steps from T0 = 0', () => {
    expect(totpStep(59)).toBe(1);
    expect(totpStep(1111111109)).toBe(0x23523ec);
  });
});

describe('verifyTotp', () => {
  const t = 1_700_000_000;
  it('accepts the current code and ±1 step, refuses ±2 steps', () => {
    const now = totp(hmac, K1, t);
    expect(verifyTotp(hmac, K1, now, t)).toBe(totpStep(t));
    expect(verifyTotp(hmac, K1, totp(hmac, K1, t - 30), t)).toBe(totpStep(t) - 1);
    expect(verifyTotp(hmac, K1, totp(hmac, K1, t + 30), t)).toBe(totpStep(t) + 1);
    const old = totp(hmac, K1, t - 60);
    const inWindow = [-1, 0, 1].map((d) => totp(hmac, K1, t + d * 30));
    expect(inWindow).not.toContain(old); // fixed key and time: no accidental collision
    expect(verifyTotp(hmac, K1, old, t)).toBeNull();
    expect(verifyTotp(hmac, K1, old, t, { window: 2 })).toBe(totpStep(t) - 2);
  });
  it('refuses a replay of an already used step (single use)', () => {
    const code = totp(hmac, K1, t);
    const step = verifyTotp(hmac, K1, code, t);
    expect(step).not.toBeNull();
    expect(verifyTotp(hmac, K1, code, t + 5, { lastUsedStep: step })).toBeNull();
    // the next step's code is still accepted
    expect(verifyTotp(hmac, K1, totp(hmac, K1, t + 30), t + 30, { lastUsedStep: step })).toBe(step! + 1);
  });
  it('refuses malformed codes and the wrong key', () => {
    expect(verifyTotp(hmac, K1, '12345', t)).toBeNull();
    expect(verifyTotp(hmac, K1, 'abcdef', t)).toBeNull();
    const other = ascii('another-secret-key-x');
    const code = totp(hmac, other, t);
    expect([-1, 0, 1].map((d) => totp(hmac, K1, t + d * 30))).not.toContain(code);
    expect(verifyTotp(hmac, K1, code, t)).toBeNull();
  });
});

describe('base32', () => {
  it('encodes RFC 4648 test vectors without padding', () => {
    expect(base32Encode(ascii('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Encode(ascii('f'))).toBe('MY');
    expect(base32Encode(K1)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });
  it('decodes what it encodes, case and spaces ignored', () => {
    expect(new TextDecoder().decode(base32Decode('mzxw 6ytb oi======'))).toBe('foobar');
    expect(base32Decode(base32Encode(K512))).toEqual(K512);
  });
  it('refuses characters outside the alphabet', () => {
    expect(() => base32Decode('MZ1W')).toThrow('Base32');
  });
});

describe('otpauthUri', () => {
  it('builds an authenticator URI with encoded Chinese issuer', () => {
    const u = otpauthUri('GEZDGNBV', 'admin');
    expect(u).toBe('otpauth://totp/%E4%B8%93%E5%88%A9%E8%BD%AC%E5%8C%96%E5%B9%B3%E5%8F%B0:admin?secret=GEZDGNBV&issuer=%E4%B8%93%E5%88%A9%E8%BD%AC%E5%8C%96%E5%B9%B3%E5%8F%B0&algorithm=SHA1&digits=6&period=30');
  });
});
