/**
 * Unified social credit code 统一社会信用代码 (GB 32100-2015, domain-rules §10): 18 characters =
 * registration authority (1) + organisation type (1) + region code (6, GB/T 2260) + organisation code (9, GB 11714,
 * with its own check character) + check character (1).
 */
import type { Validation } from '../patent/patent-number.ts';

/** The 31 symbols (I, O, Z, S, V are never used), values 0–30 in this order. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]; // 3^(i-1) mod 31
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

/** Check character (position 18) of the first 17 characters: c = 31 − (Σ value·weight mod 31), 31 → 0. */
export function usccCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new Error('usccCheckCharacter: 17 characters expected');
  let s = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17[i]);
    if (v < 0) throw new Error(`usccCheckCharacter: invalid character "${first17[i]}"`);
    s += v * USCC_WEIGHTS[i];
  }
  const c = (31 - (s % 31)) % 31;
  return USCC_ALPHABET[c];
}

/** GB 11714 check character of an 8-character organisation-code body: c = 11 − (Σ value·weight mod 11); 10 → X, 11 → 0. */
export function organisationCodeCheckCharacter(body8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body8)) throw new Error('organisationCodeCheckCharacter: 8 digits or letters expected');
  let s = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8[i];
    const v = ch >= '0' && ch <= '9' ? Number(ch) : ch.charCodeAt(0) - 55; // A=10 … Z=35
    s += v * ORG_WEIGHTS[i];
  }
  const c = 11 - (s % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * Validate and normalise a USCC (trim, full-width → half-width, upper case, spaces and hyphens removed). Reasons name
 * the position. `opts.checkOrganisationCode` (default true) also checks the embedded GB 11714 organisation code.
 */
export function validateUscc(input: string, opts: { checkOrganisationCode?: boolean } = {}): Validation<{ normalized: string; regionCode: string }> {
  const s = String(input ?? '').normalize('NFKC').toUpperCase().replace(/[\s\-]+/g, '');
  if (!s) return fail('统一社会信用代码为空');
  if (s.length !== 18) return fail(`长度应为 18 位，实际为 ${s.length} 位`);
  for (let i = 0; i < 18; i++) {
    if (!USCC_ALPHABET.includes(s[i])) {
      const hint = 'IOZSV'.includes(s[i]) ? '（代码不使用 I、O、Z、S、V）' : '（只允许数字和除 I、O、Z、S、V 以外的大写字母）';
      return fail(`第 ${i + 1} 位字符“${s[i]}”无效${hint}`);
    }
  }
  for (let i = 2; i < 8; i++) {
    if (!/\d/.test(s[i])) return fail(`第 ${i + 1} 位应为数字（第 3–8 位是登记管理机关行政区划码），实际为“${s[i]}”`);
  }
  const expected = usccCheckCharacter(s.slice(0, 17));
  if (s[17] !== expected) return fail(`第 18 位校验码应为 ${expected}，实际为 ${s[17]}`);
  if (opts.checkOrganisationCode !== false) {
    const orgExpected = organisationCodeCheckCharacter(s.slice(8, 16));
    if (s[16] !== orgExpected) return fail(`第 17 位（第 9–17 位组织机构代码的校验码）应为 ${orgExpected}，实际为 ${s[16]}`);
  }
  return { ok: true, value: { normalized: s, regionCode: s.slice(2, 8) } };
}
