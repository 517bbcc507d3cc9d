/** Reference tables the inventory needs, loaded once per database: SEI ↔ IPC (ref tables), IPC class → GB/T 4754 (curated CSV), IPC class titles. */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { buildIndustryTable, buildSeiTable, type IndustryTable, type SeiTable } from '@zhuanhua/domain/inventory/classify.rules.ts';
import { query, type Queryable } from '../../db/client.ts';
import { REFERENCE_DIR } from '../../lib/paths.ts';

export type InventoryRefs = { sei: SeiTable; industry: IndustryTable; classTitles: Map<string, string>; industryNames: Map<string, string>; seiNames: Map<string, string> };

export const INDUSTRY_MAPPING_FILE = path.join(REFERENCE_DIR, 'inventory/ipc-class-gbt4754.csv');

export function readIndustryMapping(): { ipcClass: string; industryCode: string; industryName: string }[] {
  const rows = parse(fs.readFileSync(INDUSTRY_MAPPING_FILE, 'utf8'), { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
  return rows.map((r) => ({ ipcClass: r.ipc_class, industryCode: r.industry_code, industryName: r.industry_name }));
}

const cache = new WeakMap<object, Promise<InventoryRefs>>();

export function loadRefs(db: Queryable): Promise<InventoryRefs> {
  let p = cache.get(db);
  if (!p) {
    p = (async () => {
      const sei = await query<{ ipc_code: string; sei_code: string; sei_name: string; parent_code: string; parent_name: string }>(db,
        `select x.ipc_code, s.sei_code, s.sei_name, s.parent_code, s.parent_name from ref_sei_ipc x join ref_sei s on s.id = x.sei_id`);
      const classes = await query<{ code: string; title_zh: string }>(db, `select code, title_zh from ref_ipc where level = 'class'`);
      const mapping = readIndustryMapping();
      const seiNames = new Map<string, string>();
      for (const r of sei) { seiNames.set(r.parent_code, r.parent_name); seiNames.set(r.sei_code, r.sei_name); }
      return {
        sei: buildSeiTable(sei.map((r) => ({ ipc: r.ipc_code, seiCode: r.sei_code, seiName: r.sei_name, parentCode: r.parent_code, parentName: r.parent_name }))),
        industry: buildIndustryTable(mapping),
        classTitles: new Map(classes.map((c) => [c.code, c.title_zh.replace(/注意.*$/, '').trim()])),
        industryNames: new Map(mapping.map((m) => [m.industryCode, m.industryName])),
        seiNames,
      };
    })();
    p.catch(() => cache.delete(db));
    cache.set(db, p);
  }
  return p;
}
