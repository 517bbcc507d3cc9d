/**
 * Classification helpers (分类, domain-rules §5): strategic emerging industry from the 2021 IPC reference table
 * (passed in), national economy industry (GB/T 4754 大类) from a curated IPC-class table (passed in), and the
 * technology field from the IPC section/class.
 */

/** Compact an IPC symbol: 'G06F 3/01' → 'G06F3/01', 'g06f' → 'G06F'. */
export function normaliseIpc(code: string): string {
  return code.trim().toUpperCase().replace(/\s+/g, '');
}

const SUBGROUP_RE = /^([A-H]\d{2}[A-Z])(\d{1,4})\/(\d{2,6})$/;

export type IpcLevel = 'section' | 'class' | 'subclass' | 'main_group' | 'subgroup' | 'invalid';
export function ipcLevel(code: string): IpcLevel {
  const c = normaliseIpc(code);
  if (/^[A-H]$/.test(c)) return 'section';
  if (/^[A-H]\d{2}$/.test(c)) return 'class';
  if (/^[A-H]\d{2}[A-Z]$/.test(c)) return 'subclass';
  const m = SUBGROUP_RE.exec(c);
  if (!m) return 'invalid';
  return m[3] === '00' ? 'main_group' : 'subgroup';
}

/** Ancestors of an IPC code, most specific first, the code itself included: subgroup, main group, subclass. */
export function ipcAncestors(code: string): string[] {
  const c = normaliseIpc(code);
  const m = SUBGROUP_RE.exec(c);
  if (m) {
    const main = `${m[1]}${m[2]}/00`;
    return main === c ? [c, m[1]] : [c, main, m[1]];
  }
  if (/^[A-H]\d{2}[A-Z]$/.test(c)) return [c];
  return [];
}

// ---------- strategic emerging industries ----------

export type SeiRow = { ipc: string; seiCode: string; seiName: string; parentCode: string; parentName: string; exclude?: readonly string[] };
export type SeiTable = ReadonlyMap<string, readonly SeiRow[]>;

export function buildSeiTable(rows: Iterable<SeiRow>): Map<string, SeiRow[]> {
  const m = new Map<string, SeiRow[]>();
  for (const r of rows) {
    const k = normaliseIpc(r.ipc);
    const list = m.get(k);
    if (list) list.push(r); else m.set(k, [r]);
  }
  return m;
}

export type SeiMatch = { seiCode: string; seiName: string; parentCode: string; parentName: string; byIpc: string; viaRow: string };

/**
 * SEI matches of a patent: a table row matches a patent IPC code when the row is the code itself or one of its
 * hierarchical ancestors (main group, subclass), unless the code falls under one of the row's exclusions (不含…).
 * A patent known only at subclass level matches rows given at subclass level only.
 */
export function matchSei(ipcCodes: readonly string[], table: SeiTable): SeiMatch[] {
  const out: SeiMatch[] = [];
  const seen = new Set<string>();
  for (const raw of ipcCodes) {
    const code = normaliseIpc(raw);
    for (const anc of ipcAncestors(code)) {
      for (const row of table.get(anc) ?? []) {
        if (row.exclude?.some((x) => code.startsWith(normaliseIpc(x)))) continue;
        if (seen.has(row.seiCode)) continue;
        seen.add(row.seiCode);
        out.push({ seiCode: row.seiCode, seiName: row.seiName, parentCode: row.parentCode, parentName: row.parentName, byIpc: code, viaRow: anc });
      }
    }
  }
  return out.sort((a, b) => compareCodes(a.seiCode, b.seiCode));
}

function compareCodes(a: string, b: string): number {
  const pa = a.split('.').map(Number), pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d) return d;
  }
  return 0;
}

/** The SEI industry (1..9) of a patent: the one of the first match (main IPC first), or null. */
export function primarySeiIndustry(matches: readonly SeiMatch[], ipcCodes: readonly string[]): { code: string; name: string } | null {
  for (const raw of ipcCodes) {
    const code = normaliseIpc(raw);
    const m = matches.find((x) => x.byIpc === code);
    if (m) return { code: m.parentCode, name: m.parentName };
  }
  return null;
}

// ---------- GB/T 4754 (approximate) ----------

export const INDUSTRY_MAPPING_NOTE = '近似对照（人工整理）';
export type IndustryRow = { ipcClass: string; industryCode: string; industryName: string };
export type IndustryTable = ReadonlyMap<string, readonly IndustryRow[]>;

export function buildIndustryTable(rows: Iterable<IndustryRow>): Map<string, IndustryRow[]> {
  const m = new Map<string, IndustryRow[]>();
  for (const r of rows) {
    const k = normaliseIpc(r.ipcClass).slice(0, 3);
    const list = m.get(k);
    if (list) list.push(r); else m.set(k, [r]);
  }
  return m;
}

export type IndustryMatch = { industryCode: string; industryName: string; byIpcClass: string; approximate: true; note: string };

/** GB/T 4754 大类 of a patent from its IPC classes (3 chars), main IPC first; duplicates removed. */
export function matchIndustries(ipcCodes: readonly string[], table: IndustryTable): IndustryMatch[] {
  const out: IndustryMatch[] = [];
  const seen = new Set<string>();
  for (const raw of ipcCodes) {
    const cls = normaliseIpc(raw).slice(0, 3);
    for (const r of table.get(cls) ?? []) {
      if (seen.has(r.industryCode)) continue;
      seen.add(r.industryCode);
      out.push({ industryCode: r.industryCode, industryName: r.industryName, byIpcClass: cls, approximate: true, note: INDUSTRY_MAPPING_NOTE });
    }
  }
  return out;
}

// ---------- technology field ----------

export const IPC_SECTIONS: Record<string, string> = {
  A: '人类生活必需', B: '作业；运输', C: '化学；冶金', D: '纺织；造纸',
  E: '固定建筑物', F: '机械工程；照明；加热；武器；爆破', G: '物理', H: '电学',
};

export type TechField = { section: string; sectionName: string; ipcClass: string | null; className: string | null };

/** Technology field of a patent from its main IPC code; class titles come from the IPC table (code → 中文). */
export function techField(ipcMain: string | null | undefined, classTitles?: ReadonlyMap<string, string>): TechField | null {
  if (!ipcMain) return null;
  const c = normaliseIpc(ipcMain);
  const section = c.slice(0, 1);
  if (!IPC_SECTIONS[section]) return null;
  const cls = /^[A-H]\d{2}/.test(c) ? c.slice(0, 3) : null;
  return { section, sectionName: IPC_SECTIONS[section], ipcClass: cls, className: cls ? classTitles?.get(cls) ?? null : null };
}
