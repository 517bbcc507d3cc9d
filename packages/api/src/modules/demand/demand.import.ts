/**
 * Import of demand lists (Excel / CSV, or the JSON-lines of the demo listings). Every row is validated;
 * errors are reported as {row, field, message} in Chinese. All-or-nothing unless validOnly.
 */
import { AppError } from '@zhuanhua/domain';
import { parseBudget, parseDemandMode, parseValidUntil } from '@zhuanhua/domain/demand/index.ts';
import { inTx, query, type Queryable } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import { audit } from '../../lib/audit.ts';
import { pick, readTable } from '../../lib/tabular.ts';
import type { Progress } from '../../jobs/jobs.ts';
import { insertDemand, type DemandWrite } from './demand.repo.ts';

export type RowError = { row: number; field: string; message: string };
export type DemandImportResult = { total: number; imported: number; rejectedCount: number; rejected: RowError[]; ids: number[] };

const COLS = {
  title: ['需求名称', '名称', 'name', 'title'],
  company: ['需求单位', '企业名称', '单位名称', 'company'],
  field: ['所属领域', '行业', '领域', 'field', 'industry'],
  detail: ['需求描述', '需求内容', '描述', 'detail', 'description'],
  indicators: ['技术指标', 'technicalIndicators', 'indicators'],
  problem: ['待解决问题', '需解决的问题', '关键问题', 'problem'],
  foundation: ['现有基础', '已有基础', 'foundation'],
  cooperation: ['合作方式', 'cooperation', 'mode'],
  budget: ['预算', '预算金额', '拟投入资金', 'budget'],
  region: ['所在地区', '地区', 'region'],
  validUntil: ['有效期', '截止日期', 'validUntil'],
};

async function* jsonlRows(buf: Buffer): AsyncGenerator<{ row: number; cells: Record<string, string> }> {
  const lines = buf.toString('utf8').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!.trim();
    if (!l) continue;
    let o: Record<string, unknown>;
    try { o = JSON.parse(l) as Record<string, unknown>; } catch { yield { row: i + 1, cells: { __error: 'JSON 格式错误' } }; continue; }
    const cells: Record<string, string> = {};
    for (const [k, v] of Object.entries(o)) cells[k] = v == null ? '' : String(v);
    yield { row: i + 1, cells };
  }
}

/** Resolve free region text ("广西河池市", "天津市", "北京") to a GB/T 2260 code: the longest region name found in it. */
export async function regionResolver(db: Queryable): Promise<(text: string) => string | null> {
  const rows = await query<{ code: string; name: string; level: string }>(db, `select code, name, level from ref_region where level in ('province','city')`);
  const short = (n: string) => n.replace(/(壮族|回族|维吾尔)?自治区$|特别行政区$|省$|市$/, '');
  const names = rows.flatMap((r) => [{ k: r.name, code: r.code, level: r.level }, { k: short(r.name), code: r.code, level: r.level }])
    .filter((x) => x.k.length >= 2).sort((a, b) => (b.level === 'city' ? 1 : 0) - (a.level === 'city' ? 1 : 0) || b.k.length - a.k.length);
  return (text: string) => {
    const t = text.trim();
    if (!t || /未说明|未注明/.test(t)) return null;
    for (const n of names) if (t.includes(n.k)) return n.code;
    return null;
  };
}

export async function importDemands(db: Queryable, actor: Actor, filename: string, buf: Buffer, opts: { validOnly: boolean; orgId: number | null; publish?: boolean; source?: 'import' | 'demo' }, progress: Progress = () => undefined): Promise<DemandImportResult> {
  const orgId = opts.orgId ?? actor.orgId;
  if (!orgId) throw new AppError('VALIDATION', '请指定需求所属机构（--org）');
  const resolve = await regionResolver(db);
  const rows = filename.endsWith('.jsonl') ? jsonlRows(buf) : readTable(filename, buf);
  const good: Array<{ row: number; w: DemandWrite }> = [];
  const rejected: RowError[] = [];
  let total = 0;
  for await (const r of rows) {
    total++;
    const c = r.cells;
    if (c.__error) { rejected.push({ row: r.row, field: '*', message: c.__error }); continue; }
    const errs: RowError[] = [];
    const title = pick(c, COLS.title).trim();
    const detail = pick(c, COLS.detail).trim();
    if (title.length < 4) errs.push({ row: r.row, field: '需求名称', message: title ? '需求名称至少 4 个字' : '需求名称不能为空' });
    if (title.length > 100) errs.push({ row: r.row, field: '需求名称', message: '需求名称不能超过 100 字' });
    if (detail.length < 10) errs.push({ row: r.row, field: '需求描述', message: detail ? '需求描述至少 10 个字' : '需求描述不能为空' });
    let budget = { minFen: null as number | null, maxFen: null as number | null };
    const budgetText = pick(c, COLS.budget).trim();
    try { budget = parseBudget(budgetText); } catch (e) { errs.push({ row: r.row, field: '预算', message: (e as Error).message }); }
    const vt = parseValidUntil(pick(c, COLS.validUntil));
    const regionText = pick(c, COLS.region).trim();
    if (errs.length) { rejected.push(...errs); continue; }
    good.push({ row: r.row, w: {
      orgId, createdBy: actor.userId || null, companyName: pick(c, COLS.company).trim() || null, title, description: detail,
      indicators: pick(c, COLS.indicators).trim() || null, problem: pick(c, COLS.problem).trim() || null, foundation: pick(c, COLS.foundation).trim() || null,
      industry: pick(c, COLS.field).trim() || null, regionCode: resolve(regionText), regionText: regionText || null,
      budgetMinFen: budget.minFen, budgetMaxFen: budget.maxFen, budgetText: budgetText || null, mode: parseDemandMode(pick(c, COLS.cooperation)),
      validUntil: vt.validUntil, state: vt.expired ? 'expired' : opts.publish ? 'published' : 'draft', source: opts.source ?? 'import',
    } });
    if (total % 100 === 0) progress(total, 0, '校验中');
  }
  if (rejected.length && !opts.validOnly) {
    throw new AppError('IMPORT_REJECTED', `导入被拒绝：${rejected.length} 处错误，未写入任何数据（可选择“仅导入有效行”）`, { rejected: rejected.slice(0, 500), rejectedCount: rejected.length, total });
  }
  const ids = await inTx(db, async (tx) => {
    const out: number[] = [];
    for (const [i, g] of good.entries()) {
      out.push(await insertDemand(tx, g.w));
      if (i % 50 === 0) progress(i, good.length, '写入中');
    }
    await audit(tx, actor, { action: 'demand.import', entity: 'demand', entityId: null, after: { filename, imported: out.length, rejected: rejected.length } });
    return out;
  });
  progress(good.length, good.length, '完成');
  return { total, imported: ids.length, rejectedCount: rejected.length, rejected: rejected.slice(0, 500), ids };
}
