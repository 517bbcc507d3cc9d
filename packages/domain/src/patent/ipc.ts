/**
 * IPC symbol syntax (International Patent Classification): section A–H, class (2 digits), subclass (letter),
 * main group (1–4 digits) / subgroup (2–6 digits; "00" is the main group itself). Pure syntax check: whether the
 * symbol exists in the scheme is a look-up in the reference table, done by the caller.
 */
import type { Validation } from './patent-number.ts';

export type IpcSymbolLevel = 'section' | 'class' | 'subclass' | 'main_group' | 'subgroup';
export type IpcInfo = {
  normalized: string; // 'H01M 4/525' (display form: one space between subclass and group)
  compact: string; // 'H01M4/525' (storage and reference-table form)
  section: string; // 'H'
  cls: string; // 'H01'
  subclass: string; // 'H01M'
  mainGroup: string | null; // 'H01M4/00'
  level: IpcSymbolLevel;
};

const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

/** Validate and normalise one IPC symbol: 'H01M 4/525', 'H01M4/525', 'h01m4/525', 'H01M 4/525 (2010.01)', 'A01B', 'A01', 'A'. */
export function validateIpc(input: string): Validation<IpcInfo> {
  let s = String(input ?? '').normalize('NFKC').toUpperCase().trim();
  s = s.replace(/\s*\(\d{4}\.\d{2}\)\s*$/, ''); // version indicator, e.g. (2006.01)
  s = s.replace(/\s+/g, '');
  if (!s) return fail('分类号为空');
  if (!/^[A-H]$/.test(s[0])) return fail(`部（第 1 位）应为 A–H 之一，实际为“${s[0]}”`);
  const section = s[0];
  if (s.length === 1) return ok({ normalized: section, compact: section, section, cls: '', subclass: '', mainGroup: null, level: 'section' });
  if (!/^\d\d$/.test(s.slice(1, 3))) return fail(`大类（第 2–3 位）应为两位数字，实际为“${s.slice(1, 3)}”`);
  const cls = s.slice(0, 3);
  if (cls.slice(1) === '00') return fail('大类号不能为 00');
  if (s.length === 3) return ok({ normalized: cls, compact: cls, section, cls, subclass: '', mainGroup: null, level: 'class' });
  if (!/^[A-Z]$/.test(s[3])) return fail(`小类（第 4 位）应为字母，实际为“${s[3]}”`);
  const subclass = s.slice(0, 4);
  if (s.length === 4) return ok({ normalized: subclass, compact: subclass, section, cls, subclass, mainGroup: null, level: 'subclass' });
  const rest = s.slice(4);
  if (/^\d{1,4}$/.test(rest)) return fail(`缺少“/”及小组号（应如 ${subclass} ${Number(rest) || 1}/00）`);
  const m = /^(\d{1,4})\/(\d{1,6})$/.exec(rest);
  if (!m) return fail(`大组/小组部分“${rest}”格式不正确（应为 1–4 位大组号 / 2–6 位小组号，如 4/525 或 4/00）`);
  const main = String(Number(m[1]));
  if (main === '0') return fail('大组号不能为 0');
  let sub = m[2];
  if (sub.length < 2) return fail(`小组号“${sub}”应至少 2 位（如 /00、/04、/525）`);
  if (/^0+$/.test(sub)) sub = '00';
  const compact = `${subclass}${main}/${sub}`;
  return ok({
    normalized: `${subclass} ${main}/${sub}`, compact, section, cls, subclass,
    mainGroup: `${subclass}${main}/00`, level: sub === '00' ? 'main_group' : 'subgroup',
  });
}

const ok = (value: IpcInfo): Validation<IpcInfo> => ({ ok: true, value });

/**
 * Split a '分类号' / '主分类号' cell into raw items: separators `;` `；` `,` `，` `、` `|` and new lines, and also
 * plain spaces between complete symbols ('H01M4/525 H01M10/0525') — while keeping 'H01M 4/525' (a space inside one
 * symbol) and a '(2006.01)' version indicator together. Items are trimmed; nothing is validated or removed here.
 */
export function splitIpcList(input: string): string[] {
  const text = String(input ?? '').normalize('NFKC');
  const out: string[] = [];
  for (const piece of text.split(/[;,、|\n\r\t]+/)) {
    const tokens = piece.trim().split(/\s+/).filter(Boolean);
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      const next = tokens[i + 1];
      if (/^[A-Ha-h]\d\d[A-Za-z]$/.test(t) && next !== undefined && /^\d{1,4}\/\d+/.test(next)) {
        tokens.splice(i + 1, 1);
        tokens[i] = `${t} ${next}`;
      }
      if (/^\(\d{4}\.\d{2}\)$/.test(tokens[i]) && out.length > 0 && i > 0) {
        out[out.length - 1] += ` ${tokens[i]}`;
        continue;
      }
      out.push(tokens[i]);
    }
  }
  return out;
}
