import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { query, queryOne, type Queryable } from '../../db/client.ts';
import { bulkInsert } from '../../lib/bulk.ts';
import { REFERENCE_DIR } from '../../lib/paths.ts';

const csv = (file: string): Record<string, string>[] =>
  parse(fs.readFileSync(path.join(REFERENCE_DIR, file), 'utf8'), { columns: true, skip_empty_lines: true, bom: true });

/** GB/T 2260 codes in the file are 2/4/6 digits; the database keeps the 6-digit form. */
export const pad6 = (c: string): string => (c ? c.padEnd(6, '0') : c);

export async function isLoaded(db: Queryable): Promise<boolean> {
  return !!(await queryOne(db, `select 1 from ref_region limit 1`));
}

/** Load every reference table from the files in `reference/` (one transaction, caller's). */
export async function loadReference(db: Queryable): Promise<Record<string, number>> {
  const regions = csv('cn_admin_divisions_2023.csv');
  const ipc = csv('ipc_zh_2026.01.csv');
  const ind = csv('gbt4754_2017_industries.csv');
  const uni = csv('cn_universities_moe.csv');
  const seiRules = fs.readFileSync(path.join(REFERENCE_DIR, 'sei_rules_2021.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: number; seiCode: string; seiName: string; keywords?: string });
  const seiIpc = csv('sei_ipc_2021.csv');
  const parentNames = new Map(seiIpc.map((r) => [r.sei_parent_code, r.sei_parent_name_zh]));
  const counts: Record<string, number> = {};
  counts.ref_region = await bulkInsert(db, 'ref_region', ['code', 'name', 'level', 'parent_code', 'province_code'], ['text[]', 'text[]', 'text[]', 'text[]', 'text[]'],
    regions.map((r) => [pad6(r.code), r.name, r.level, r.parent_code ? pad6(r.parent_code) : null, pad6(r.province_code)]),
    { suffix: 'on conflict do nothing' }); // 东莞、中山、儋州: the city and its only county share one 6-digit code
  counts.ref_ipc = await bulkInsert(db, 'ref_ipc', ['code', 'level', 'title_zh', 'parent_code'], ['text[]', 'text[]', 'text[]', 'text[]'],
    ipc.filter((r) => /^[A-H](\d{2}([A-Z](\d{1,4}\/\d{2,6})?)?)?$/.test(r.code.replace(/\s+/g, ''))) // 14 source rows carry notes or cut-off codes
      .map((r) => [r.code.replace(/\s+/g, ''), r.level, r.title_zh, r.parent_code ? r.parent_code.replace(/\s+/g, '') : null]), { suffix: 'on conflict do nothing' });
  counts.ref_industry = await bulkInsert(db, 'ref_industry', ['code', 'level', 'name', 'parent_code', 'section'], ['text[]', 'text[]', 'text[]', 'text[]', 'text[]'],
    ind.map((r) => [r.code, r.level, r.name, r.parent_code || null, r.section]), { suffix: 'on conflict do nothing' });
  counts.ref_university = await bulkInsert(db, 'ref_university', ['moe_code', 'name', 'province_code', 'city', 'level'], ['text[]', 'text[]', 'text[]', 'text[]', 'text[]'],
    uni.map((r) => [r.moe_code, r.name, r.province_code, r.city, r.level]), { suffix: 'on conflict do nothing' });
  counts.ref_sei = await bulkInsert(db, 'ref_sei', ['id', 'sei_code', 'sei_name', 'parent_code', 'parent_name', 'keywords'], ['int[]', 'text[]', 'text[]', 'text[]', 'text[]', 'text[]'],
    seiRules.map((r) => { const parent = r.seiCode.split('.')[0]; return [r.id, r.seiCode, r.seiName, parent, parentNames.get(parent) ?? '', r.keywords ?? null]; }));
  counts.ref_sei_ipc = await bulkInsert(db, 'ref_sei_ipc', ['ipc_code', 'sei_id'], ['text[]', 'int[]'],
    seiIpc.map((r) => [r.ipc_code.replace(/\s+/g, ''), Number(r.sei_id)]), { suffix: 'on conflict do nothing' });
  return counts;
}

export type RegionRow = { code: string; name: string; level: string; parent_code: string | null; province_code: string };

export const listRegions = (db: Queryable, parent: string | null): Promise<RegionRow[]> =>
  parent
    ? query<RegionRow>(db, `select * from ref_region where parent_code = $1 order by code`, [parent])
    : query<RegionRow>(db, `select * from ref_region where level = 'province' order by code`);

export const getRegion = (db: Queryable, code: string): Promise<RegionRow | undefined> =>
  queryOne<RegionRow>(db, `select * from ref_region where code = $1`, [code]);

export type IpcRow = { code: string; level: string; title_zh: string; parent_code: string | null };

/** Titles for a list of compact IPC codes; falls back to the main group, subclass, class. */
export async function ipcTitles(db: Queryable, codes: string[]): Promise<Map<string, string>> {
  const want = new Set<string>();
  for (const c of codes) for (const k of ipcAncestors(c)) want.add(k);
  const rows = want.size ? await query<IpcRow>(db, `select code, title_zh from ref_ipc where code = any($1::text[])`, [[...want]]) : [];
  const byCode = new Map(rows.map((r) => [r.code, r.title_zh]));
  const out = new Map<string, string>();
  for (const c of codes) {
    const hit = ipcAncestors(c).find((k) => byCode.has(k));
    if (hit) out.set(c, byCode.get(hit)!);
  }
  return out;
}

/** 'H01M4/525' → ['H01M4/525', 'H01M4/00', 'H01M', 'H01', 'H']. */
export function ipcAncestors(code: string): string[] {
  const c = code.replace(/\s+/g, '');
  const out = [c];
  const m = /^([A-H]\d{2}[A-Z])(\d{1,4})\/(\d{2,6})$/.exec(c);
  if (m && m[3] !== '00') out.push(`${m[1]}${m[2]}/00`);
  if (c.length > 4) out.push(c.slice(0, 4));
  if (c.length > 3) out.push(c.slice(0, 3));
  if (c.length > 1) out.push(c.slice(0, 1));
  return [...new Set(out)];
}

export const searchIpc = (db: Queryable, prefix: string, limit = 20): Promise<IpcRow[]> =>
  query<IpcRow>(db, `select * from ref_ipc where code like $1 || '%' or title_zh like '%' || $2 || '%' order by length(code), code limit $3`,
    [prefix.toUpperCase().replace(/\s+/g, ''), prefix, limit]);

export const listIndustries = (db: Queryable, parent: string | null): Promise<{ code: string; level: string; name: string; parent_code: string | null }[]> =>
  parent ? query(db, `select code, level, name, parent_code from ref_industry where parent_code = $1 order by code`, [parent])
    : query(db, `select code, level, name, parent_code from ref_industry where parent_code is null order by code`);
