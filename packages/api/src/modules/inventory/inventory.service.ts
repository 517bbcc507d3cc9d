/** Inventory service: settings, runs (as jobs), the pool snapshot, per-patent explanations, marks, fee lists. */
import { AppError, isValidIsoDate } from '@zhuanhua/domain';
import {
  addToSummary, diffPools, poolForHolder, emptySummary, GRADING_PRESETS, GBT42748_MODEL, DEFAULT_HIGH_VALUE_CONFIG, validateGradingModel, gradingModelInput, highValueConfigInput,
  type GradingModel, type HighValueConfig, type InventoryRunInput, type PatentMarkInput, type PoolEntry, type RunSummary, type SnapshotItem,
} from '@zhuanhua/domain/inventory/index.ts';
import { inTx, query, type Queryable } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import { isOffice } from '../../http/actor.ts';
import { audit } from '../../lib/audit.ts';
import type { Progress } from '../../jobs/jobs.ts';
import { pgArrayLiteral } from '../patent/patent.write.ts';
import * as repo from './inventory.repo.ts';
import { evaluateFacts, feesFor, loadFacts, xuchangFor } from './inventory.evaluate.ts';
import { loadRefs } from './inventory.reference.ts';

// ---------- settings ----------

export async function getSettings(db: Queryable): Promise<{ model: GradingModel; highValue: HighValueConfig; presets: GradingModel[] }> {
  const model = (await repo.getSetting<GradingModel>(db, 'grading_model')) ?? GBT42748_MODEL;
  const highValue = (await repo.getSetting<HighValueConfig>(db, 'high_value')) ?? DEFAULT_HIGH_VALUE_CONFIG;
  return { model, highValue, presets: Object.values(GRADING_PRESETS) };
}

export async function updateSettings(db: Queryable, actor: Actor, body: { model?: unknown; presetId?: string; highValue?: unknown }) {
  return inTx(db, async (tx) => {
    const before = await getSettings(tx);
    let model = before.model;
    if (body.presetId) {
      model = GRADING_PRESETS[body.presetId];
      if (!model) throw new AppError('VALIDATION', `未知的分级模型预设：${body.presetId}`);
    }
    if (body.model) {
      const parsed = gradingModelInput.safeParse(body.model);
      if (!parsed.success) throw new AppError('VALIDATION', '分级模型格式不正确', parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
      model = parsed.data as GradingModel;
    }
    const errs = validateGradingModel(model);
    if (errs.length) throw new AppError('VALIDATION', errs[0], errs.map((message) => ({ field: 'model', message })));
    let hv = before.highValue;
    if (body.highValue) {
      const parsed = highValueConfigInput.safeParse(body.highValue);
      if (!parsed.success) throw new AppError('VALIDATION', '高价值参数格式不正确', parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
      hv = parsed.data;
    }
    await repo.putSetting(tx, 'grading_model', model, actor.userId);
    await repo.putSetting(tx, 'high_value', hv, actor.userId);
    await audit(tx, actor, { action: 'inventory.config.update', entity: 'inventory_settings', entityId: 'grading', before: { model: before.model, highValue: before.highValue }, after: { model, highValue: hv } });
    return { model, highValue: hv };
  });
}

// ---------- runs ----------

/** Who may run which scope: the office any scope; an organisation's administrator only its own holder scope. */
export function authoriseRunScope(actor: Actor, input: InventoryRunInput): InventoryRunInput {
  if (actor.role === 'platform_admin') return input;
  if (!actor.orgId) throw new AppError('FORBIDDEN', '当前账号未关联机构，不能发起盘点');
  if (input.scope !== 'holder' || input.holderId !== actor.orgId) return { ...input, scope: 'holder', holderId: actor.orgId, regionCode: null };
  return input;
}

export async function createRun(db: Queryable, actor: Actor, raw: InventoryRunInput): Promise<repo.RunRow> {
  const input = authoriseRunScope(actor, raw);
  const { model, highValue } = await getSettings(db);
  const m = input.modelId ? GRADING_PRESETS[input.modelId] ?? (input.modelId === model.id ? model : undefined) : model;
  if (!m) throw new AppError('VALIDATION', `未知的分级模型：${input.modelId}`);
  return inTx(db, async (tx) => {
    const run = await repo.insertRun(tx, {
      asOf: input.asOf, scope: input.scope, holderId: input.scope === 'holder' ? input.holderId ?? null : null, regionCode: input.scope === 'region' ? input.regionCode ?? null : null,
      modelId: m.id, model: m, hvConfig: highValue, note: input.note ?? null, createdBy: actor.userId || null, orgId: actor.orgId,
    });
    await audit(tx, actor, { action: 'inventory.run', entity: 'inventory_run', entityId: run.id, after: { batchNo: run.batch_no, asOf: run.as_of, scope: run.scope, holderId: run.holder_id, regionCode: run.region_code } });
    return run;
  });
}

const PAGE = 5000;
const DIFF_LIST_MAX = 1000;

/** Execute a run: stream the candidates page by page, keep the pool, then summarise and compare with the previous run. */
export async function executeRun(db: Queryable, actor: Actor | null, runId: number, progress: Progress = () => undefined) {
  const run = await repo.getRun(db, runId);
  if (!run) throw new AppError('NOT_FOUND', '盘点批次不存在');
  try {
    const refs = await loadRefs(db);
    const model = run.model as GradingModel;
    const hv = run.hv_config as HighValueConfig;
    const asOf = run.as_of;
    const scope: repo.RunScope = { scope: run.scope, holderId: run.holder_id, regionCode: run.region_code };
    const total = await repo.countCandidates(db, scope);
    progress(0, total, '盘点中');
    const summary: RunSummary = emptySummary();
    const pool: PoolEntry[] = [];
    let last = 0, done = 0;
    for (;;) {
      const page = await repo.candidatePage(db, scope, last, PAGE);
      if (!page.length) break;
      last = page[page.length - 1].id;
      const facts = await loadFacts(db, page);
      const rows: unknown[][] = [];
      for (const f of facts) {
        if (!f.holders.some((h) => poolForHolder(h.org_type))) { summary.scanned += 1; continue; } // out of the pools: no grading needed
        const e = evaluateFacts(f, asOf, refs, model, hv);
        const item: SnapshotItem = {
          patentId: f.row.id, sleeping: e.sleeping.sleeping, pool: e.sleeping.pool, grade: e.grade.grade, score: e.grade.total,
          seiIndustry: e.sei?.code ?? null, industryCode: e.industries[0]?.industryCode ?? null, holderId: e.holder?.org_id ?? null,
          regionCode: e.regionCode, highValue: e.highValue.isHighValue,
        };
        addToSummary(summary, item);
        if (!item.sleeping || !item.pool) continue;
        pool.push({ patentId: item.patentId, grade: item.grade });
        const d = Object.fromEntries(e.grade.dimensions.map((x) => [x.key, x.score]));
        rows.push([run.id, f.row.id, item.pool, item.grade, item.score, d.legal, d.technical, d.economic, item.seiIndustry, pgArrayLiteral(e.seiMatches.map((s) => s.seiCode)),
          item.industryCode, item.holderId, e.holder?.name ?? null, e.holder?.org_type ?? null, item.regionCode, item.highValue,
          pgArrayLiteral(e.highValue.flags.filter((x) => x.met).map((x) => x.code)), e.openLicence, f.row.application_number, f.row.title, f.row.type,
          f.row.ipc_main, f.row.filing_date, f.row.grant_date]);
      }
      await repo.insertItems(db, rows);
      done += page.length;
      progress(done, total, `已盘点 ${done}/${total}，入库 ${summary.poolSize}`);
    }
    const prev = await repo.previousRun(db, run);
    const prevPool = prev ? (await repo.poolEntries(db, prev.id)).map((r) => ({ patentId: r.patent_id, grade: r.grade })) : [];
    const d = diffPools(prevPool, pool);
    const diff = prev ? {
      previousRunId: prev.id, previousBatchNo: prev.batch_no, enteredCount: d.entered.length, leftCount: d.left.length, gradeChangedCount: d.gradeChanged.length,
      unchanged: d.unchanged, entered: d.entered.slice(0, DIFF_LIST_MAX), left: d.left.slice(0, DIFF_LIST_MAX), gradeChanged: d.gradeChanged.slice(0, DIFF_LIST_MAX),
    } : null;
    await inTx(db, async (tx) => {
      await repo.finishRun(tx, run.id, { scanned: summary.scanned, poolSize: summary.poolSize, summary, diff, prevRunId: prev?.id ?? null });
      await audit(tx, actor, { action: 'inventory.run.finish', entity: 'inventory_run', entityId: run.id, after: { batchNo: run.batch_no, scanned: summary.scanned, poolSize: summary.poolSize } });
    });
    progress(total, total, '完成');
    return { runId: run.id, batchNo: run.batch_no, asOf, scanned: summary.scanned, poolSize: summary.poolSize, summary, diff };
  } catch (e) {
    await repo.failRun(db, run.id).catch(() => undefined);
    throw e;
  }
}

/** Record scoping of a run: the office sees all; an organisation sees its own holder runs. Others → 404. */
export async function visibleRun(db: Queryable, actor: Actor, id: number): Promise<repo.RunRow> {
  const run = await repo.getRun(db, id);
  if (!run) throw new AppError('NOT_FOUND', '盘点批次不存在');
  if (isOffice(actor) || actor.role === 'service_agent') return run;
  if (actor.orgId && run.scope === 'holder' && run.holder_id === actor.orgId) return run;
  throw new AppError('NOT_FOUND', '盘点批次不存在');
}

/** Item filter for a run as seen by the actor: organisation users see only their own patents in an office-wide run. */
export function scopedItemFilter(actor: Actor, run: repo.RunRow, f: repo.ItemFilter): repo.ItemFilter {
  if (isOffice(actor) || actor.role === 'service_agent') return f;
  if (run.scope === 'holder' && run.holder_id != null && run.holder_id === actor.orgId) return f; // its own run: all of it
  return { ...f, holderId: actor.orgId ?? -1 };
}

export async function listRuns(db: Queryable, actor: Actor, page: number, pageSize: number) {
  const orgScoped = !(isOffice(actor) || actor.role === 'service_agent');
  return repo.listRuns(db, { orgId: orgScoped ? actor.orgId ?? -1 : null }, page, pageSize);
}

// ---------- explanation of one patent ----------

export async function canSeePatent(db: Queryable, actor: Actor, patentId: number): Promise<boolean> {
  if (isOffice(actor) || actor.role === 'service_agent') return true;
  return !!actor.orgId && repo.heldBy(db, patentId, actor.orgId);
}

export async function explainPatent(db: Queryable, actor: Actor, patentId: number, opts: { asOf?: string; runId?: number }) {
  if (!(await canSeePatent(db, actor, patentId))) throw new AppError('NOT_FOUND', '专利不存在');
  const row = await repo.factsById(db, patentId);
  if (!row) throw new AppError('NOT_FOUND', '专利不存在');
  let run: repo.RunRow | undefined;
  if (opts.runId) run = await visibleRun(db, actor, opts.runId);
  const settings = await getSettings(db);
  const model = (run?.model as GradingModel | undefined) ?? settings.model;
  const hv = (run?.hv_config as HighValueConfig | undefined) ?? settings.highValue;
  const asOf = run?.as_of ?? opts.asOf;
  if (!asOf || !isValidIsoDate(asOf)) throw new AppError('VALIDATION', '请提供盘点基准日（asOf，YYYY-MM-DD）');
  const refs = await loadRefs(db);
  const [facts] = await loadFacts(db, [row]);
  const e = evaluateFacts(facts, asOf, refs, model, hv);
  const revenue = await repo.productRevenueFen(db, patentId, Number(asOf.slice(0, 4)));
  const item = run ? await repo.runItem(db, run.id, patentId) : undefined;
  return {
    asOf, run: run ? { id: run.id, batchNo: run.batch_no, inPool: !!item, snapshot: item ? { grade: item.grade, score: item.score } : null } : null,
    patent: {
      id: row.id, applicationNumber: row.application_number, title: row.title, type: row.type, legalStatus: row.legal_status, statusAsOf: e.status,
      filingDate: row.filing_date, grantDate: row.grant_date, ipcMain: row.ipc_main, ipcCodes: row.ipc_codes, claimsCount: row.claims_count,
      citationsCount: row.citations_count, overseasFamily: row.overseas_family, regionCode: e.regionCode, source: row.source, generatedFields: row.generated_fields,
      holders: facts.holders.map((h) => ({ orgId: h.org_id, name: h.name, orgType: h.org_type })),
    },
    sleeping: e.sleeping,
    mark: facts.mark ? { kind: facts.mark.kind, reason: facts.mark.reason, fromDate: facts.mark.from_date, markedBy: facts.mark.marked_by_name, markedAt: facts.mark.marked_at } : null,
    grade: { ...e.grade, modelName: model.name, thresholds: model.thresholds },
    classification: {
      sei: e.seiMatches, seiIndustry: e.sei, industries: e.industries, techField: e.techField,
    },
    highValue: e.highValue,
    xuchang: xuchangFor(e, asOf, hv, revenue),
    fees: feesFor(facts, asOf),
    uses: e.uses,
    openLicence: e.openLicence,
  };
}

// ---------- marks ----------

export async function markPatent(db: Queryable, actor: Actor, patentId: number, input: PatentMarkInput) {
  if (!(await canSeePatent(db, actor, patentId)) || actor.role === 'service_agent') throw new AppError('NOT_FOUND', '专利不存在');
  return inTx(db, async (tx) => {
    const before = (await repo.marksOf(tx, [patentId]))[0] ?? null;
    const mark = await repo.upsertMark(tx, { patentId, kind: input.kind, reason: input.reason, fromDate: input.fromDate ?? null, orgId: actor.orgId, by: actor.userId || null, byName: actor.username });
    await repo.deleteOwnUse(tx, patentId);
    if (input.kind === 'used') {
      const from = input.fromDate ?? new Date().toISOString().slice(0, 10);
      await repo.insertOwnUse(tx, patentId, actor.orgId, from, `权利人声明自行实施：${input.reason}`, actor.userId);
    }
    await audit(tx, actor, { action: 'inventory.mark', entity: 'patent', entityId: patentId, before, after: { kind: mark.kind, reason: mark.reason, fromDate: mark.from_date } });
    return { patentId, kind: mark.kind, reason: mark.reason, fromDate: mark.from_date, markedBy: mark.marked_by_name, markedAt: mark.marked_at };
  });
}

export async function unmarkPatent(db: Queryable, actor: Actor, patentId: number) {
  if (!(await canSeePatent(db, actor, patentId)) || actor.role === 'service_agent') throw new AppError('NOT_FOUND', '专利不存在');
  return inTx(db, async (tx) => {
    const before = (await repo.marksOf(tx, [patentId]))[0];
    if (!before) throw new AppError('NOT_FOUND', '该专利没有标记');
    await repo.deleteMark(tx, patentId);
    await repo.deleteOwnUse(tx, patentId);
    await audit(tx, actor, { action: 'inventory.unmark', entity: 'patent', entityId: patentId, before, after: null });
    return { patentId, removed: true };
  });
}

// ---------- fees ----------

const FEES_MAX = 20_000;

export async function holderFees(db: Queryable, actor: Actor, q: { asOf: string; holderId?: number; withinDays: number }) {
  let holderId = q.holderId ?? null;
  if (!isOffice(actor)) holderId = actor.orgId ?? -1;
  if (holderId == null) throw new AppError('VALIDATION', '请选择权利人（holderId）');
  const ids = await repo.holderPatentIds(db, holderId, FEES_MAX);
  const dueSoon: unknown[] = [], willLapse: unknown[] = [];
  let yearlyCostFen = 0, inForce = 0;
  for (let i = 0; i < ids.length; i += 2000) {
    const facts = await loadFacts(db, await repo.factsByIds(db, ids.slice(i, i + 2000)));
    for (const f of facts) {
      const s = feesFor(f, q.asOf, q.withinDays);
      if (!s) continue;
      if (s.risk !== 'lapsed' && s.risk !== 'terminated_unpaid') inForce += 1;
      yearlyCostFen += s.yearlyCostFen;
      const row = { patentId: f.row.id, applicationNumber: f.row.application_number, title: f.row.title, type: f.row.type, patentYear: s.patentYear,
        risk: s.risk, riskLabel: s.riskLabel, next: s.next, lastProtectedDay: s.lastProtectedDay, explanation: s.explanation };
      if (s.risk === 'due_soon' || s.risk === 'expiring') dueSoon.push(row);
      if (s.risk === 'grace' || s.risk === 'terminated_unpaid') willLapse.push(row);
    }
  }
  return { asOf: q.asOf, holderId, withinDays: q.withinDays, inForce, yearlyCostFen, dueSoon, willLapse };
}

export async function runPoolEntries(db: Queryable, runId: number): Promise<number> {
  return (await query<{ n: number }>(db, `select count(*)::int as n from inventory_items where run_id = $1`, [runId]))[0].n;
}
