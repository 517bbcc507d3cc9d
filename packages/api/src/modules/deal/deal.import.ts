/**
 * Historical deals import (Excel/CSV with the Chinese template headers). Every row is validated first;
 * then all rows are written in ONE transaction (all or nothing), unless "valid rows only" is chosen.
 */
import { AppError } from '@zhuanhua/domain';
import { validateApplicationNumber } from '@zhuanhua/domain/patent/patent-number.ts';
import { mapDealHeaders, parseDealRow, type DealImportField, type DealImportRow, type RowError } from '@zhuanhua/domain/deal/deal.import.ts';
import { DEAL_STATES, type DealInput } from '@zhuanhua/domain/deal/deal.schemas.ts';
import { transferEffectiveDate } from '@zhuanhua/domain/deal/deal.rules.ts';
import { inTx, queryOne, type Queryable } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import { audit } from '../../lib/audit.ts';
import { readTable } from '../../lib/tabular.ts';
import type { Progress } from '../../jobs/jobs.ts';
import { applyHolderChange, createDealTx, snapshotParties } from './deal.service.ts';
import { insertHistory, insertPayment, type DealRow } from './deal.repo.ts';

export type DealImportResult = { total: number; imported: number; rejectedCount: number; rejected: RowError[]; ids: number[] };
const MAX_REPORTED = 1000;

type Ready = { row: number; value: DealImportRow; patentIds: number[]; outOrgId: number | null; inOrgId: number | null };

export async function importDeals(db: Queryable, actor: Actor, filename: string, buf: Buffer, opts: { validOnly?: boolean; today: string }, progress: Progress = () => undefined): Promise<DealImportResult> {
  const ready: Ready[] = [];
  const rejected: RowError[] = [];
  let rejectedCount = 0, total = 0;
  let fieldOf: Map<string, DealImportField> | null = null;
  const patentCache = new Map<string, number | null>();
  const orgCache = new Map<string, number | null>();
  const findPatent = async (no: string) => {
    if (!patentCache.has(no)) patentCache.set(no, (await queryOne<{ id: number }>(db, `select id from patents where application_number = $1`, [no]))?.id ?? null);
    return patentCache.get(no)!;
  };
  const findOrg = async (name: string) => {
    if (!orgCache.has(name)) orgCache.set(name, (await queryOne<{ id: number }>(db, `select id from organisations where name = $1`, [name]))?.id ?? null);
    return orgCache.get(name)!;
  };
  for await (const { row, cells } of readTable(filename, buf)) {
    if (!fieldOf) {
      const headers = Object.keys(cells);
      const { fields, missing } = mapDealHeaders(headers);
      if (missing.length) throw new AppError('IMPORT_REJECTED', `表头缺少必填列：${missing.join('、')}（请使用交易导入模板）`, { rejected: [], total: 0, missing });
      fieldOf = new Map(headers.flatMap((h, i) => (fields[i] ? [[h, fields[i]!] as [string, DealImportField]] : [])));
    }
    total++;
    const mapped: Partial<Record<DealImportField, string>> = {};
    for (const [h, v] of Object.entries(cells)) { const f = fieldOf.get(h); if (f) mapped[f] = v; }
    const parsed = parseDealRow(mapped, row);
    const errors: RowError[] = parsed.ok ? [] : parsed.errors;
    const patentIds: number[] = [];
    let outOrgId: number | null = null, inOrgId: number | null = null;
    if (parsed.ok) {
      for (const raw of parsed.value.applicationNumbers) {
        const v = validateApplicationNumber(raw);
        if (!v.ok) { errors.push({ row, field: '专利申请号', message: `申请号「${raw}」无效：${v.reason}` }); continue; }
        const id = await findPatent(v.value.normalized);
        if (!id) errors.push({ row, field: '专利申请号', message: `申请号 ${v.value.normalized} 不在专利库中，请先导入专利` });
        else patentIds.push(id);
      }
      outOrgId = await findOrg(parsed.value.out.name);
      inOrgId = await findOrg(parsed.value.in.name);
      if (!outOrgId && !parsed.value.out.orgType) errors.push({ row, field: '出让方类型', message: '出让方不是平台已登记机构，须填写机构类型' });
      if (!inOrgId && !parsed.value.in.orgType) errors.push({ row, field: '受让方类型', message: '受让方不是平台已登记机构，须填写机构类型' });
    }
    if (errors.length) {
      rejectedCount++;
      for (const e of errors) if (rejected.length < MAX_REPORTED) rejected.push(e);
    } else if (parsed.ok) ready.push({ row, value: parsed.value, patentIds, outOrgId, inOrgId });
    if (total % 200 === 0) progress(total, 0, `已校验 ${total} 行`);
  }
  if (total === 0) throw new AppError('IMPORT_REJECTED', '文件中没有数据行（第一行应为表头）', { rejected: [], total: 0 });
  if (rejectedCount && !opts.validOnly) {
    throw new AppError('IMPORT_REJECTED', `导入被拒绝：${total} 行中有 ${rejectedCount} 行存在错误，数据库未作任何更改。请修正后重新导入，或选择“仅导入有效行”。`, { rejected, rejectedCount, total });
  }
  const ids = await inTx(db, async (tx) => {
    const out: number[] = [];
    for (const [i, r] of ready.entries()) {
      out.push(await writeRow(tx, actor, r, opts.today));
      if ((i + 1) % 100 === 0) progress(i + 1, ready.length, `已写入 ${i + 1} / ${ready.length}`);
    }
    await audit(tx, actor, { action: 'deal.import', entity: 'deal_import', entityId: filename, after: { filename, total, imported: out.length, rejectedCount, validOnly: !!opts.validOnly } });
    return out;
  });
  progress(ready.length, ready.length, '完成');
  return { total, imported: ids.length, rejectedCount, rejected, ids };
}

async function writeRow(tx: Queryable, actor: Actor, r: Ready, today: string): Promise<number> {
  const v = r.value;
  const party = (side: 'out' | 'in', orgId: number | null, p: DealImportRow['out']) =>
    (orgId ? { side, orgId } : { side, name: p.name, orgType: p.orgType, sizeClass: p.sizeClass, regionCode: p.regionCode });
  const input: DealInput = {
    kind: v.kind, licenceKind: v.licenceKind, title: v.title, contractDate: v.contractDate, effectiveDate: v.effectiveDate, endDate: null,
    contractAmountFen: v.contractAmountFen, amountBasis: 'fixed', registrationNo: v.registrationNo, registrationDate: v.registrationDate,
    territory: null, field: null, patentIds: r.patentIds, parties: [party('out', r.outOrgId, v.out), party('in', r.inOrgId, v.in)],
    schedule: [], pledgeeConsent: false, note: v.note ?? `第 ${r.row} 行导入`,
  };
  // Historical facts are recorded as they happened: the cross-rules apply to new deals, not to the baseline.
  const id = await createDealTx(tx, actor, input, { today, source: 'import', state: v.state, skipConflicts: true, bulk: true });
  // History: the path the deal went through, dated with what the row says.
  const path = DEAL_STATES.slice(1, DEAL_STATES.indexOf(v.state === 'terminated' ? 'signed' : v.state) + 1)
    .filter((s) => s !== 'registered' || v.registrationNo);
  let from: string | null = null;
  for (const s of path) { await insertHistory(tx, id, from, s, s === 'registered' && v.registrationDate ? v.registrationDate : v.contractDate, '历史交易导入', actor.userId); from = s; }
  if (v.state === 'terminated') await insertHistory(tx, id, from, 'terminated', v.contractDate, '历史交易导入（已终止）', actor.userId);
  if (v.receivedAmountFen > 0 && v.receivedDate) await insertPayment(tx, id, { receivedDate: v.receivedDate, amountFen: v.receivedAmountFen, reference: '历史导入' }, actor.userId, null);
  if (v.kind !== 'licence' && ['registered', 'performing', 'completed'].includes(v.state)) {
    const eff = transferEffectiveDate({ kind: v.kind, registrationDate: v.registrationDate, effectiveDate: v.effectiveDate, contractDate: v.contractDate }) ?? v.contractDate;
    const parties = await snapshotParties(tx, input.parties, v.contractDate);
    await applyHolderChange(tx, { id } as DealRow, parties, r.patentIds, eff);
  }
  return id;
}
