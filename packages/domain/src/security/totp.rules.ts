/**
 * TOTP (RFC 6238) over HOTP (RFC 4226), pure. The HMAC primitive is passed in (the API gives node:crypto's
 * createHmac), so the domain does no I/O. Time is passed in as epoch seconds.
 */
export type HmacAlgorithm = 'sha1' | 'sha256' | 'sha512';
export type HmacFn = (algorithm: HmacAlgorithm, key: Uint8Array, message: Uint8Array) => Uint8Array;

export type TotpOptions = { step: number; digits: number; algorithm: HmacAlgorithm; t0: number };
export const DEFAULT_TOTP: TotpOptions = { step: 30, digits: 6, algorithm: 'sha1', t0: 0 };

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding (the form authenticator apps expect). */
export function base32Encode(bytes: Uint8Array): string {
  let bits = 0, value = 0, out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) { out += B32[(value >>> (bits - 5)) & 31]; bits -= 5; }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(s: string): Uint8Array {
  const clean = s.toUpperCase().replace(/[\s=-]/g, '');
  const out: number[] = [];
  let bits = 0, value = 0;
  for (const ch of clean) {
    const idx = B32.indexOf(ch);
    if (idx < 0) throw new Error('密钥不是有效的 Base32 编码');
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) { out.push((value >>> (bits - 8)) & 255); bits -= 8; }
  }
  return Uint8Array.from(out);
}

function counterBytes(counter: number): Uint8Array {
  const buf = new Uint8Array(8);
  let c = BigInt(counter);
  for (let i = 7; i >= 0; i--) { buf[i] = Number(c & 0xffn); c >>= 8n; }
  return buf;
}

/** HOTP value for a counter (RFC 4226 §5.3 dynamic truncation), left-padded to `digits`. */
export function hotp(hmac: HmacFn, key: Uint8Array, counter: number, digits = 6, algorithm: HmacAlgorithm = 'sha1'): string {
  const mac = hmac(algorithm, key, counterBytes(counter));
  const off = mac[mac.length - 1]! & 0x0f;
  const bin = ((mac[off]! & 0x7f) << 24) | (mac[off + 1]! << 16) | (mac[off + 2]! << 8) | mac[off + 3]!;
  return String(bin % 10 ** digits).padStart(digits, '0');
}

/** Time step number for an epoch time in seconds. */
export const totpStep = (epochSeconds: number, o: Partial<TotpOptions> = {}): number => {
  const { step, t0 } = { ...DEFAULT_TOTP, ...o };
  return Math.floor((epochSeconds - t0) / step);
};

export function totp(hmac: HmacFn, key: Uint8Array, epochSeconds: number, o: Partial<TotpOptions> = {}): string {
  const opt = { ...DEFAULT_TOTP, ...o };
  return hotp(hmac, key, totpStep(epochSeconds, opt), opt.digits, opt.algorithm);
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * Verifies a code within ±`window` steps. Returns the matched step (store it as the last used step) or null.
 * A code whose step is ≤ `lastUsedStep` is refused: a TOTP code is single use (ASVS 6.5.1).
 */
export function verifyTotp(
  hmac: HmacFn, key: Uint8Array, code: string, epochSeconds: number,
  opts: Partial<TotpOptions> & { window?: number; lastUsedStep?: number | null } = {},
): number | null {
  const opt = { ...DEFAULT_TOTP, ...opts };
  const window = opts.window ?? 1;
  const clean = code.replace(/\s/g, '');
  if (!/^\d+$/.test(clean) || clean.length !== opt.digits) return null;
  const now = totpStep(epochSeconds, opt);
  let found: number | null = null;
  for (let s = now - window; s <= now + window; s++) {
    if (s < 0) continue;
    if (constantTimeEqual(hotp(hmac, key, s, opt.digits, opt.algorithm), clean)) found = s;
  }
  if (found === null) return null;
  if (opts.lastUsedStep !== undefined && opts.lastUsedStep !== null && found <= opts.lastUsedStep) return null;
  return found;
}

/** otpauth:// URI for authenticator apps (label and issuer URL-encoded, so Chinese names work). */
export function otpauthUri(secretBase32: string, account: string, issuer = '专利转化平台', o: Partial<TotpOptions> = {}): string {
  const opt = { ...DEFAULT_TOTP, ...o };
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  return `otpauth://totp/${label}?secret=${secretBase32}&issuer=${encodeURIComponent(issuer)}` +
    `&algorithm=${opt.algorithm.toUpperCase()}&digits=${opt.digits}&period=${opt.step}`;
}
