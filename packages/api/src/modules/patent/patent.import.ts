import { AppError } from '@zhuanhua/domain';
import { inTx, query, type Queryable } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import { audit } from '../../lib/audit.ts';
import { readTable, type TableLimits, DEFAULT_TABLE_LIMITS } from '../../lib/tabular.ts';
import type { Progress } from '../../jobs/jobs.ts';
import { parsePatentRow, type PatentRecord, type RowError } from './patent.rows.ts';
import { upsertPatents } from './patent.write.ts';

export type ImportOptions = { validOnly?: boolean; orgId?: number | null; limits?: Partial<TableLimits> };
export type ImportResult = { total: number; imported: number; updated: number; rejectedCount: number; rejected: RowError[]; ids: number[] };

const MAX_REPORTED = 1000;
const BATCH = 2000;

/**
 * Import a patent file. Every row is validated first (nothing is written while any row is read);
 * then all valid rows are written in ONE transaction. Without validOnly, a single bad row rejects the
 * whole file and the database stays as it was.
 */
export async function importPatents(db: Queryable, actor: Actor, filename: string, buf: Buffer, opts: ImportOptions, progress: Progress = () => undefined): Promise<ImportResult> {
  const records: PatentRecord[] = [];
  const rejected: RowError[] = [];
  let rejectedCount = 0;
  let total = 0;
  const seen = new Map<string, number>();
  for await (const { row, cells } of readTable(filename, buf, { ...DEFAULT_TABLE_LIMITS, ...opts.limits })) {
    total++;
    const { record, errors } = parsePatentRow(row, cells);
    if (record) {
      const first = seen.get(record.applicationNumber);
      if (first !== undefined) errors.push({ row, field: '申请号', message: `申请号 ${record.applicationNumber} 与第 ${first} 行重复` });
      else seen.set(record.applicationNumber, row);
    }
    if (errors.length) {
      rejectedCount++;
      for (const e of errors) if (rejected.length < MAX_REPORTED) rejected.push(e);
    } else if (record) records.push(record);
    if (total % 1000 === 0) progress(total, total, `已校验 ${total} 行（写入前逐行校验）`);
  }
  if (total === 0) throw new AppError('IMPORT_REJECTED', '文件中没有数据行（第一行应为表头）', { rejected: [], total: 0 });
  if (rejectedCount && !opts.validOnly) {
    throw new AppError('IMPORT_REJECTED', `导入被拒绝：${total} 行中有 ${rejectedCount} 行存在错误，数据库未作任何更改。请修正后重新导入，或选择“仅导入有效行”。`,
      { rejected, rejectedCount, total });
  }
  const result = await inTx(db, async (tx) => {
    let inserted = 0, updated = 0;
    const ids: number[] = [];
    for (let i = 0; i < records.length; i += BATCH) {
      const r = await upsertPatents(tx, records.slice(i, i + BATCH));
      inserted += r.inserted; updated += r.updated; ids.push(...r.ids);
      progress(Math.min(i + BATCH, records.length), records.length, `已写入 ${Math.min(i + BATCH, records.length)} / ${records.length}`);
    }
    await audit(tx, actor, { action: 'patent.import', entity: 'patent_import', entityId: filename, after: { filename, total, inserted, updated, rejectedCount, validOnly: !!opts.validOnly, orgId: opts.orgId ?? null } });
    return { inserted, updated, ids };
  });
  // fresh planner statistics after a bulk load (PGlite has no autovacuum; on PostgreSQL it is merely early)
  if (result.inserted + result.updated >= 10_000) await query(db, 'analyze patents, patent_holders, patent_status_history');
  return { total, imported: result.inserted, updated: result.updated, rejectedCount, rejected, ids: result.ids };
}
