/**
 * Chinese patent numbers (domain-rules §1): application numbers (ZC 0006-2003 and the older 8-digit forms) and
 * publication / grant document numbers with kind codes (ZC 0007/0008-2004). Pure: no clock, no I/O.
 */
import type { PatentType } from '../common/roles.ts';

export type Validation<T> = { ok: true; value: T } | { ok: false; reason: string };

const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

/** Full-width → half-width (NFKC), upper case, dot variants → '.', every whitespace removed. */
export function cleanNumberInput(input: string): string {
  return String(input ?? '')
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[。·•・]/g, '.')
    .replace(/\s+/g, '');
}

const WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];

/**
 * Check character of an application number body (8 or 12 digits), domain-rules §1.1:
 * S = Σ dᵢ·wᵢ with weights 2,3,4,5,6,7,8,9,2,3,4,5; r = S mod 11; 10 → 'X' (the remainder itself, not 11 − r).
 * Throws on a body that is not 8 or 12 digits (a programming error, not user input).
 */
export function checkCharacter(body: string): string {
  if (!/^(\d{8}|\d{12})$/.test(body)) throw new Error(`checkCharacter: body must be 8 or 12 digits, got "${body}"`);
  let s = 0;
  for (let i = 0; i < body.length; i++) s += Number(body[i]) * WEIGHTS[i];
  const r = s % 11;
  return r === 10 ? 'X' : String(r);
}

export type AppNoInfo = {
  normalized: string; // '201811564288.X' | '97101765.4' | '88100001'
  body: string; // digits without the check character
  year: number;
  typeDigit: string;
  patentType: PatentType;
  pct: boolean;
  check: string | null;
  format: '2003' | '1989' | '1985';
};

const TYPE_BY_DIGIT: Record<string, PatentType> = { '1': 'invention', '2': 'utility_model', '3': 'design', '8': 'invention', '9': 'utility_model' };
const TYPE_DIGIT_HELP = '1 发明、2 实用新型、3 外观设计、8 PCT 发明、9 PCT 实用新型';

/**
 * Validate and normalise a Chinese application number (or patent number 专利号 = ZL + application number).
 * Accepts `CN`/`ZL` prefixes, spaces, full-width characters, a missing dot and a lower-case x.
 * `opts.maxYear` rejects later filing years (the caller passes "this year": no clock here).
 */
export function validateApplicationNumber(input: string, opts: { maxYear?: number } = {}): Validation<AppNoInfo> {
  const raw = cleanNumberInput(input);
  if (!raw) return fail('申请号为空');
  const s = raw.replace(/^(CN|ZL)+/, '');
  if (!s) return fail('申请号只有前缀，缺少号码');
  const bad = /[^0-9X.]/.exec(s);
  if (bad) return fail(`申请号含有非法字符“${bad[0]}”（只允许数字、校验位 X 和小数点）`);
  const dots = s.split('.').length - 1;
  if (dots > 1) return fail('申请号中有多个小数点');

  let body: string;
  let check: string | null;
  if (dots === 1) {
    const [b, c] = s.split('.');
    if (c.length !== 1) return fail(`小数点后应恰有 1 位校验位，实际为“${c || '空'}”`);
    body = b;
    check = c;
  } else if (s.length === 13 || s.length === 9) {
    body = s.slice(0, -1); // the dot was left out: the last character is the check character
    check = s.slice(-1);
  } else {
    body = s;
    check = null;
  }
  if (body.includes('X')) return fail('字母 X 只能作为最后一位校验位');
  if (body.length !== 12 && body.length !== 8) {
    return fail(`申请号应为 12 位数字加 1 位校验位（2003 年 10 月起）或 8 位数字（此前），实际为 ${body.length} 位数字`);
  }

  if (body.length === 12) {
    const year = Number(body.slice(0, 4));
    const typeDigit = body[4];
    if (year < 2003) return fail(`年份 ${year} 早于 2003 年：12 位申请号自 2003 年 10 月 1 日起使用`);
    if (opts.maxYear !== undefined && year > opts.maxYear) return fail(`年份 ${year} 晚于 ${opts.maxYear} 年，不可能是已提交的申请`);
    if (!TYPE_BY_DIGIT[typeDigit]) return fail(`第 5 位专利类型代码“${typeDigit}”无效（应为 ${TYPE_DIGIT_HELP}）`);
    if (body.slice(5) === '0000000') return fail('流水号不能为 0000000（每年从 0000001 开始）');
    const expected = checkCharacter(body);
    if (check === null) return fail(`缺少校验位，校验位应为 ${expected}（完整申请号 ${body}.${expected}）`);
    if (check !== expected) return fail(`校验位错误：校验位应为 ${expected}，实际为 ${check}`);
    return { ok: true, value: { normalized: `${body}.${check}`, body, year, typeDigit, patentType: TYPE_BY_DIGIT[typeDigit], pct: typeDigit === '8' || typeDigit === '9', check, format: '2003' } };
  }

  // 8-digit forms: YY T NNNNN (1985–1988, no check) or YY T NNNNN . C (1989 – 2003-09-30)
  const yy = Number(body.slice(0, 2));
  const typeDigit = body[2];
  const year = yy >= 85 ? 1900 + yy : 2000 + yy;
  if (!(yy >= 85 || yy <= 3)) return fail(`8 位申请号的年份“${body.slice(0, 2)}”无效（应为 85–99 或 00–03，2004 年起为 12 位申请号）`);
  if (opts.maxYear !== undefined && year > opts.maxYear) return fail(`年份 ${year} 晚于 ${opts.maxYear} 年，不可能是已提交的申请`);
  if (body.slice(3) === '00000') return fail('流水号不能为 00000');
  if (yy >= 85 && yy <= 88) {
    if (!['1', '2', '3'].includes(typeDigit)) return fail(`第 3 位专利类型代码“${typeDigit}”无效（1985–1988 年应为 1 发明、2 实用新型、3 外观设计）`);
    if (check !== null) return fail(`1985–1988 年的申请号（${body}）没有校验位，不应带“.${check}”`);
    return { ok: true, value: { normalized: body, body, year, typeDigit, patentType: TYPE_BY_DIGIT[typeDigit], pct: false, check: null, format: '1985' } };
  }
  if (!TYPE_BY_DIGIT[typeDigit]) return fail(`第 3 位专利类型代码“${typeDigit}”无效（应为 ${TYPE_DIGIT_HELP}）`);
  const expected = checkCharacter(body);
  if (check === null) return fail(`缺少校验位，校验位应为 ${expected}（完整申请号 ${body}.${expected}）`);
  if (check !== expected) return fail(`校验位错误：校验位应为 ${expected}，实际为 ${check}`);
  return { ok: true, value: { normalized: `${body}.${check}`, body, year, typeDigit, patentType: TYPE_BY_DIGIT[typeDigit], pct: typeDigit === '8' || typeDigit === '9', check, format: '1989' } };
}

/** The patent type an application number encodes, or null if the number is invalid. */
export function detectPatentTypeFromAppNo(input: string): PatentType | null {
  const v = validateApplicationNumber(input);
  return v.ok ? v.value.patentType : null;
}

export type PubNoInfo = {
  normalized: string; // 'CN110448268B'
  kind: string; // 'B'
  patentType: PatentType;
  serial: string; // the digits between CN and the kind code: '110448268' (9 digits since 2004-07, 7 before, 8 in 1985–88)
};

/**
 * Kind codes per patent type (ZC 0008-2004 / 2023, domain-rules §1.2). Besides the current codes this accepts the
 * grant codes used before 2010 (C invention, Y utility model, D design), which appear on real 7- and 9-digit numbers.
 */
export const KIND_CODES: Record<PatentType, readonly string[]> = {
  invention: ['A', 'A8', 'A9', 'B', 'B8', 'B9', 'C', 'C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7'],
  utility_model: ['U', 'U8', 'U9', 'Y', 'Y1', 'Y2', 'Y3', 'Y4', 'Y5', 'Y6', 'Y7'],
  design: ['S', 'S9', 'S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'D'],
};
const TYPE_LABEL: Record<PatentType, string> = { invention: '发明', utility_model: '实用新型', design: '外观设计' };
const PUB_TYPE_BY_DIGIT: Record<string, PatentType> = { '1': 'invention', '2': 'utility_model', '3': 'design' };

function kindType(kind: string): PatentType | null {
  for (const t of Object.keys(KIND_CODES) as PatentType[]) if (KIND_CODES[t].includes(kind)) return t;
  return null;
}

/**
 * Validate and normalise a publication / grant document number: `CN` + 9 digits + kind code (since 2004-07-01),
 * `CN` + 7 digits + kind (1989–2004), or `CN` + the 8-digit application number + kind (1985–1988).
 * The type digit and the kind code must agree (1 ⇒ A/B/C…, 2 ⇒ U/Y…, 3 ⇒ S/D…). `CN` may be omitted.
 */
export function validatePublicationNumber(input: string): Validation<PubNoInfo> {
  const raw = cleanNumberInput(input).replace(/[.\-]/g, '');
  if (!raw) return fail('公开（公告）号为空');
  const s = raw.replace(/^CN/, '');
  const m = /^(\d+)([A-Z]\d?)$/.exec(s);
  if (!m) {
    if (/^\d+$/.test(s)) return fail('缺少文献种类代码（如 A、B、U、S）');
    if (/^[A-Z]{2}/.test(s)) return fail(`不是中国专利文献号（前缀应为 CN，实际为“${s.slice(0, 2)}”）`);
    return fail('格式不正确，应为 CN + 数字 + 文献种类代码，如 CN110448268B');
  }
  const [, serial, kind] = m;
  let typeDigit: string;
  if (serial.length === 9 || serial.length === 7) typeDigit = serial[0];
  else if (serial.length === 8) {
    const yy = Number(serial.slice(0, 2));
    if (yy < 85 || yy > 88) return fail(`8 位文献号只用于 1985–1988 年（前两位应为 85–88，实际为 ${serial.slice(0, 2)}）`);
    typeDigit = serial[2];
  } else {
    return fail(`文献号应为 CN 加 9 位数字（2004 年 7 月起；此前为 7 位）再加文献种类代码，实际为 ${serial.length} 位数字`);
  }
  const patentType = PUB_TYPE_BY_DIGIT[typeDigit];
  if (!patentType) return fail(`专利类型位“${typeDigit}”无效（应为 1 发明、2 实用新型、3 外观设计）`);
  const kt = kindType(kind);
  if (!kt) return fail(`未知的文献种类代码“${kind}”`);
  if (kt !== patentType) {
    return fail(`类型与种类代码不一致：号码的类型位 ${typeDigit} 表示${TYPE_LABEL[patentType]}，但种类代码 ${kind} 属于${TYPE_LABEL[kt]}`);
  }
  return { ok: true, value: { normalized: `CN${serial}${kind}`, kind, patentType, serial } };
}
