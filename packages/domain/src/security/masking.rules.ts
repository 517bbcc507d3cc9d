/**
 * Display masking of personal information (GB/T 35273-2020 §7.2 展示限制; PIPL). Pure string functions; anything
 * not recognised is masked conservatively rather than shown.
 */

/** 11-digit mainland mobile → 138****1234; other phone numbers keep only the last 4 digits. */
export function maskPhone(v: string | null | undefined): string | null {
  if (v === null || v === undefined || v === '') return v ?? null;
  const digits = v.replace(/[\s-]/g, '');
  const m = /^(\+?86)?(1\d{2})\d{4}(\d{4})$/.exec(digits);
  if (m) return `${m[1] ?? ''}${m[2]}****${m[3]}`;
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return '*'.repeat(digits.length - 4) + digits.slice(-4);
}

/** 18-character 居民身份证号 → first 4 + 10 stars + last 4 (1101**********1234); 15-digit old style likewise. */
export function maskIdNumber(v: string | null | undefined): string | null {
  if (v === null || v === undefined || v === '') return v ?? null;
  const s = v.trim();
  if (s.length <= 8) return '*'.repeat(s.length);
  return s.slice(0, 4) + '*'.repeat(s.length - 8) + s.slice(-4);
}

/** zhangsan@example.com → z***@example.com; the domain is kept. */
export function maskEmail(v: string | null | undefined): string | null {
  if (v === null || v === undefined || v === '') return v ?? null;
  const at = v.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${v[0]}***${v.slice(at)}`;
}

/** 张三 → 张*, 欧阳娜娜 → 欧***; a single character is kept. */
export function maskPersonName(v: string | null | undefined): string | null {
  if (v === null || v === undefined || v === '') return v ?? null;
  const chars = [...v.trim()];
  if (chars.length <= 1) return chars.join('');
  return chars[0] + '*'.repeat(chars.length - 1);
}

export const PI_KINDS = ['phone', 'idNumber', 'email', 'personName'] as const;
export type PiKind = (typeof PI_KINDS)[number];
const MASKERS: Record<PiKind, (v: string | null | undefined) => string | null> = {
  phone: maskPhone, idNumber: maskIdNumber, email: maskEmail, personName: maskPersonName,
};

/**
 * Masks the named fields of a record unless `reveal` is true (the caller decides from the role and record scope).
 * Returns a new object; other fields are untouched.
 */
export function maskRecord<T extends Record<string, unknown>>(rec: T, fields: Partial<Record<keyof T & string, PiKind>>, reveal: boolean): T {
  if (reveal) return rec;
  const out: Record<string, unknown> = { ...rec };
  for (const [field, kind] of Object.entries(fields) as [string, PiKind][]) {
    const v = out[field];
    if (typeof v === 'string') out[field] = MASKERS[kind](v);
  }
  return out as T;
}

/** Finds unmasked mainland mobile numbers or 18-digit ID numbers in text (used to scan responses and logs). */
export function findUnmaskedPi(text: string): string[] {
  const hits: string[] = [];
  for (const m of text.matchAll(/(?<!\d)1[3-9]\d{9}(?!\d)/g)) hits.push(m[0]);
  for (const m of text.matchAll(/(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g)) hits.push(m[0]);
  return hits;
}
