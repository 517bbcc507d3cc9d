/** Dates are China local calendar dates as ISO strings 'YYYY-MM-DD'. No clock reads here: pass "today" in. */
export type IsoDate = string;

const RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseIsoDate(s: string): { y: number; m: number; d: number } {
  const m = RE.exec(s);
  if (!m) throw new Error(`日期格式不正确：${s}`);
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) throw new Error(`日期不存在：${s}`);
  return { y, m: mo, d };
}

export function isValidIsoDate(s: string): boolean {
  try { parseIsoDate(s); return true; } catch { return false; }
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeap(y) ? 29 : DAYS[m - 1];
}

export function fmt(y: number, m: number, d: number): IsoDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Add whole years; Feb 29 + 1 year → Feb 28 (clamped to the month's end). */
export function addYears(date: IsoDate, n: number): IsoDate {
  const { y, m, d } = parseIsoDate(date);
  const ny = y + n;
  return fmt(ny, m, Math.min(d, daysInMonth(ny, m)));
}

/** Add whole months, clamped to the month's end. */
export function addMonths(date: IsoDate, n: number): IsoDate {
  const { y, m, d } = parseIsoDate(date);
  const idx = y * 12 + (m - 1) + n;
  const ny = Math.floor(idx / 12), nm = (idx % 12) + 1;
  return fmt(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function addDays(date: IsoDate, n: number): IsoDate {
  const { y, m, d } = parseIsoDate(date);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return fmt(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  const pa = parseIsoDate(a), pb = parseIsoDate(b);
  return Math.round((Date.UTC(pb.y, pb.m - 1, pb.d) - Date.UTC(pa.y, pa.m - 1, pa.d)) / 86_400_000);
}

/** Whole years elapsed from a to b (anniversary reached counts), 0 if b < a's first anniversary. */
export function wholeYearsBetween(a: IsoDate, b: IsoDate): number {
  const pa = parseIsoDate(a), pb = parseIsoDate(b);
  let n = pb.y - pa.y;
  if (n > 0 && addYears(a, n) > b) n -= 1;
  if (n < 0) return -wholeYearsBetween(b, a);
  return n;
}

/** Whole months elapsed from a to b. */
export function wholeMonthsBetween(a: IsoDate, b: IsoDate): number {
  const pa = parseIsoDate(a), pb = parseIsoDate(b);
  let n = (pb.y - pa.y) * 12 + (pb.m - pa.m);
  if (n > 0 && addMonths(a, n) > b) n -= 1;
  return n;
}

export const yearOf = (d: IsoDate): number => Number(d.slice(0, 4));
export const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);
export const minDate = (a: IsoDate, b: IsoDate): IsoDate => (a < b ? a : b);
