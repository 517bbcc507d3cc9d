/**
 * GB/T 2260 administrative-division codes: 2 digits province, 2 city (地级), 2 county (县级). Syntax only: whether a
 * code exists is a look-up in the reference table (reference/regions), done by the caller.
 */
import type { Validation } from '../patent/patent-number.ts';

/** Province-level codes of GB/T 2260 (31 mainland provinces + 71 台湾, 81 香港, 82 澳门). */
export const PROVINCE_CODES = [
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
] as const;

export type RegionLevel = 'province' | 'city' | 'county';
export type RegionCodeInfo = { code: string; level: RegionLevel; provinceCode: string; cityCode: string | null };

const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

/**
 * Normalise a region code to six digits with its level: accepts '51', '5101', '510104', '510000', a 12-digit
 * statistical code of a county ('510104000000'), and the incoPat form '河南(41)'.
 */
export function normaliseRegionCode(input: string): Validation<RegionCodeInfo> {
  let s = String(input ?? '').normalize('NFKC').trim();
  if (!s) return fail('行政区划代码为空');
  const paren = /^[^\d()]*\((\d+)\)\s*$/.exec(s);
  if (paren) s = paren[1];
  s = s.replace(/\s+/g, '');
  if (!/^\d+$/.test(s)) return fail(`行政区划代码应为数字，实际为“${s}”`);
  if ((s.length === 12 || s.length === 9) && /^0+$/.test(s.slice(6))) s = s.slice(0, 6);
  if (s.length === 2) s += '0000';
  else if (s.length === 4) s += '00';
  else if (s.length !== 6) return fail(`行政区划代码应为 2、4 或 6 位数字，实际为 ${s.length} 位`);
  const p = s.slice(0, 2), c = s.slice(2, 4), d = s.slice(4, 6);
  if (!(PROVINCE_CODES as readonly string[]).includes(p)) return fail(`省级代码“${p}”不存在（第 1–2 位应为 11–65、71、81、82 中的省级代码）`);
  const provinceCode = `${p}0000`;
  if (c === '00' && d !== '00') return fail(`第 3–4 位地市级代码为 00 时，第 5–6 位县级代码也应为 00（实际为 ${d}）`);
  if (c === '00') return { ok: true, value: { code: s, level: 'province', provinceCode, cityCode: null } };
  const cityCode = `${p}${c}00`;
  if (d === '00') return { ok: true, value: { code: s, level: 'city', provinceCode, cityCode } };
  return { ok: true, value: { code: s, level: 'county', provinceCode, cityCode } };
}

/** The prefix a code stands for in roll-ups (`LIKE prefix || '%'`): '510000' → '51', '510100' → '5101', '510104' → '510104'. */
export function regionPrefix(code6: string): string {
  if (!/^\d{6}$/.test(code6)) {
    if (/^(\d{2}|\d{4})$/.test(code6)) return code6;
    throw new Error(`regionPrefix: 6-digit code expected, got "${code6}"`);
  }
  if (code6.endsWith('0000')) return code6.slice(0, 2);
  if (code6.endsWith('00')) return code6.slice(0, 4);
  return code6;
}
