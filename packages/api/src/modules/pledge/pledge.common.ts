/**
 * Helpers shared by the pledge, product-filing, event and registry modules: today's date, region scoping,
 * a generic all-or-nothing row import, and lookups by name/number used by imports.
 */
import { AppError, type Role } from '@zhuanhua/domain';
import { inTx, queryOne, type Queryable } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import { audit } from '../../lib/audit.ts';
import { readTable } from '../../lib/tabular.ts';
import type { Progress } from '../../jobs/jobs.ts';
import { regionLike } from '../organisation/organisation.repo.ts';

/** Today's date in China (UTC+8), as 'YYYY-MM-DD'. The API's one clock read for business dates. */
export function todayCn(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export const isOfficeRole = (r: Role): boolean => r === 'platform_admin' || r === 'auditor';

/**
 * SQL condition limiting an office user to their region (when their account has one): `col like '51%'`.
 * Returns '' when there is no restriction.
 */
export function regionCondition(actor: Actor, col: string, params: unknown[]): string {
  if (!actor.regionCode) return '';
  params.push(regionLike(actor.regionCode));
  return `coalesce(${col}, '') like $${params.length}`;
}

export type RowError = { row: number; field: string; message: string };
export type ImportResult = { total: number; imported: number; rejectedCount: number; rejected: RowError[]; ids: number[] };

/**
 * Read a CSV/XLSX file, validate every row (parse may look things up), then write all valid rows in one
 * transaction. Without validOnly one bad row rejects the whole file and nothing is written.
 */
export async function runImport<T>(o: {
  db: Queryable; actor: Actor; filename: string; buf: Buffer; validOnly: boolean; entity: string;
  parse: (row: number, cells: Record<string, string>) => Promise<{ record?: T; errors: RowError[] }>;
  write: (tx: Queryable, records: T[]) => Promise<number[]>;
  progress?: Progress;
}): Promise<ImportResult> {
  const records: T[] = [];
  const rejected: RowError[] = [];
  let rejectedCount = 0;
  let total = 0;
  for await (const { row, cells } of readTable(o.filename, o.buf, { maxRows: 50_000, maxCellChars: 32_767, maxColumns: 100 })) {
    total++;
    const { record, errors } = await o.parse(row, cells);
    if (errors.length || !record) {
      rejectedCount++;
      for (const e of errors) if (rejected.length < 1000) rejected.push(e);
    } else records.push(record);
    o.progress?.(total);
  }
  if (total === 0) throw new AppError('IMPORT_REJECTED', '文件中没有数据行（第一行应为表头）', { rejected: [], total: 0 });
  if (rejectedCount && !o.validOnly) {
    throw new AppError('IMPORT_REJECTED', `导入被拒绝：${total} 行中有 ${rejectedCount} 行存在错误，数据库未作任何更改。请修正后重新导入，或选择“仅导入有效行”。`,
      { rejected, rejectedCount, total });
  }
  const ids = await inTx(o.db, async (tx) => {
    const ids = records.length ? await o.write(tx, records) : [];
    await audit(tx, o.actor, { action: `${o.entity}.import`, entity: `${o.entity}_import`, entityId: o.filename, after: { filename: o.filename, total, imported: ids.length, rejectedCount, validOnly: o.validOnly } });
    return ids;
  });
  return { total, imported: ids.length, rejectedCount, rejected, ids };
}

type OrgBrief = { id: number; type: string; size_class: string | null; region_code: string | null };
/** Organisation by exact name; pass a cache (one per import) so repeated names cost one query. */
export async function orgIdByName(db: Queryable, name: string, cache?: Map<string, OrgBrief | undefined>): Promise<OrgBrief | undefined> {
  const key = name.trim();
  if (cache?.has(key)) return cache.get(key);
  const r = await queryOne<OrgBrief>(db, `select id, type, size_class, region_code from organisations where name = $1`, [key]);
  cache?.set(key, r);
  return r;
}

/** Find a patent by application number as written (CN/ZL prefix, spaces and the dot are ignored). */
export async function patentIdByNumber(db: Queryable, raw: string): Promise<number | undefined> {
  const compact = raw.toUpperCase().replace(/^(CN|ZL)/, '').replace(/[\s.]/g, '');
  const r = await queryOne<{ id: number }>(db, `select id from patents where replace(application_number, '.', '') = $1`, [compact]);
  return r?.id;
}

/** Parse an amount in 万元 or 元 from a cell; returns fen or an error message. */
export function parseAmountCell(v: string, unit: 'wan' | 'yuan'): number | string {
  const s = v.replace(/[,，\s]/g, '').replace(/万元$|万$|元$/, '');
  if (!/^\d+(\.\d+)?$/.test(s)) return '金额格式不正确';
  const [i, f = ''] = s.split('.');
  const scale = unit === 'wan' ? 6 : 2;
  if (f.length > scale) return '金额小数位过多';
  const fen = Number(i) * 10 ** scale + Number(f.padEnd(scale, '0') || '0');
  return Number.isSafeInteger(fen) ? fen : '金额过大';
}
