/**
 * Money is integer fen (分) everywhere. 1 元 = 100 fen; 1 万元 = 1,000,000 fen.
 * Rounding is half away from zero, done with integer/bigint arithmetic, never floats.
 */
export type Fen = number;

/** Parse a decimal 元 string such as "1,234.5" or "12.34" into integer fen. Throws on bad input. */
export function yuanToFen(input: string | number): Fen {
  const s = String(input).trim().replace(/[,，\s]/g, '').replace(/元$/, '');
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) throw new Error(`金额格式不正确：${input}`);
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0') || '0');
  if (!Number.isSafeInteger(fen)) throw new Error(`金额过大：${input}`);
  return m[1] ? -fen : fen;
}

/** Parse an amount in 万元 (e.g. "12.5") into fen. */
export function wanToFen(input: string | number): Fen {
  const s = String(input).trim().replace(/[,，\s]/g, '').replace(/万元$|万$/, '');
  const m = /^(-)?(\d+)(?:\.(\d{1,6}))?$/.exec(s);
  if (!m) throw new Error(`金额格式不正确：${input}`);
  const fen = Number(m[2]) * 1_000_000 + Number((m[3] ?? '').padEnd(6, '0') || '0');
  if (!Number.isSafeInteger(fen)) throw new Error(`金额过大：${input}`);
  return m[1] ? -fen : fen;
}

/** Format fen as 元 with two decimals, e.g. 123456 → "1,234.56". */
export function formatYuan(fen: Fen): string {
  const neg = fen < 0;
  const a = Math.abs(fen);
  const yuan = Math.floor(a / 100).toLocaleString('en-US');
  const f = String(a % 100).padStart(2, '0');
  return `${neg ? '-' : ''}${yuan}.${f}`;
}

/** Format fen as 万元 with up to 4 decimals, trailing zeros trimmed. */
export function formatWan(fen: Fen): string {
  const neg = fen < 0;
  const a = Math.abs(fen);
  const whole = Math.floor(a / 1_000_000);
  const rest = roundHalfAwayFromZero(a % 1_000_000, 100) // to 0.0001 万元 = 1 元
  let frac = String(rest).padStart(4, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${whole}${frac ? '.' + frac : ''}`;
}

/** Integer division of n by d (d > 0) rounded half away from zero. */
export function roundHalfAwayFromZero(n: number, d: number): number {
  if (!Number.isInteger(n) || !Number.isInteger(d) || d <= 0) throw new Error('integers only');
  const q = Math.trunc(n / d);
  const r = n - q * d;
  if (2 * Math.abs(r) >= d) return q + Math.sign(n);
  return q;
}

/**
 * amount × (numerator / denominator), rounded half away from zero to the fen, using bigint so that
 * large amounts stay exact. Use for rates given as basis points (denominator 10,000) or percents.
 */
export function mulRatio(amountFen: Fen, numerator: number, denominator: number): Fen {
  const n = BigInt(amountFen) * BigInt(numerator);
  const d = BigInt(denominator);
  if (d <= 0n) throw new Error('denominator must be positive');
  const neg = n < 0n;
  const a = neg ? -n : n;
  let q = a / d;
  if ((a % d) * 2n >= d) q += 1n;
  const out = Number(neg ? -q : q);
  if (!Number.isSafeInteger(out)) throw new Error('amount overflow');
  return out;
}

/** Sum of fen amounts, checked to stay a safe integer. */
export function sumFen(values: Iterable<Fen>): Fen {
  let s = 0;
  for (const v of values) s += v;
  if (!Number.isSafeInteger(s)) throw new Error('amount overflow');
  return s;
}
