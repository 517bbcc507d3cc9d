/**
 * Subsidy services: load, apply the domain rules, save in one transaction, audit. The business date is China's
 * today (plus the demo clock offset on demo servers only).
 */
import { AppError, addDays, type OrgType, type SizeClass } from '@zhuanhua/domain';
import {
  applyAction, assessClaim, assertBudgetChange, feeShareRoomFen, availableActions, describeRule, ITEM_KIND_LABELS, newApplication, nextVersion,
  presetPolicies, PRESETS, versionInForce,
  type Applicant, type ApplicationState, type ClaimCheckInput, type ApplicationSubmitInput, type DeclaredInput, type EvidenceRecord,
  type ItemKind, type PolicyCreateInput, type PolicyVersionInput, type PolicyTerms, type WorkflowAction, type EvidenceRecordInput, type BudgetState,
} from '@zhuanhua/domain/subsidy/index.ts';
import { inTx, queryOne, type Queryable } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/actor.ts';
import type { Paging } from '../../http/paging.ts';
import { audit } from '../../lib/audit.ts';
import { todayCn } from '../pledge/pledge.common.ts';
import {
  applicationByIdempotencyKey, budgetSums, dealEvidence, getApplication, getObjection, getPolicy, insertApplication, insertObjection,
  insertPolicy, insertRegisterRecord, insertStep, insertVersion, itemClaimed, itemGrantedElsewhere, listApplications, listPolicies,
  listRegisterRecords, objectionsOf, orgPolicySum, patentEvidence, pledgeEvidence, policyIdByCode, registerEvidence, saveObjection, saveState,
  demoOffsetDays, setDemoOffsetDays, stepsOf, toState,
  type AppFilter, type AppScope, type ApplicationRow, type EvidenceOption, type PolicyFilter, type PolicyWithVersions,
} from './subsidy.repo.ts';
import { presentApplication, presentPolicy } from './subsidy.presenter.ts';

const isDemo = (deps: Pick<Deps, 'config'>): boolean => deps.config.ZHUANHUA_DEMO === 'true';

/** The module's business date. */
export async function businessToday(deps: Pick<Deps, 'config' | 'db'>, db: Queryable = deps.db): Promise<string> {
  const today = todayCn();
  if (!isDemo(deps)) return today;
  const off = await demoOffsetDays(db);
  return off ? addDays(today, off) : today;
}

export async function advanceDemoClock(deps: Deps, actor: Actor, days: number): Promise<{ today: string; offsetDays: number }> {
  if (!isDemo(deps)) throw new AppError('FORBIDDEN', '仅演示环境可以调整业务日期');
  return inTx(deps.db, async (tx) => {
    const before = await demoOffsetDays(tx);
    const after = before + days;
    await setDemoOffsetDays(tx, after);
    await audit(tx, actor, { action: 'subsidy.demoClock', entity: 'subsidy_demo_clock', entityId: 1, before: { offsetDays: before }, after: { offsetDays: after } });
    return { today: addDays(todayCn(), after), offsetDays: after };
  });
}

const latest = (p: PolicyWithVersions) => p.versions.reduce((a, v) => (v.version > a.version ? v : a), p.versions[0]);

function inForceOrLatest(p: PolicyWithVersions, today: string) {
  try { return versionInForce(p.versions, today); } catch { return latest(p); }
}

// ---------------------------------------------------------------- policies
export async function listPoliciesView(deps: Deps, f: PolicyFilter, pg: Paging) {
  const today = await businessToday(deps);
  const { rows, total } = await listPolicies(deps.db, f, pg);
  const items = [];
  for (const p of rows) {
    const sums = await budgetSums(deps.db, p.id);
    items.push({ ...presentPolicy(p, inForceOrLatest(p, today)), budget: budgetOf(p, sums) });
  }
  return { items, total };
}

const budgetOf = (p: PolicyWithVersions, sums: { committed: number; paid: number }): BudgetState & { availableFen: number } => {
  const budgetFen = latest(p).terms.budgetFen;
  return { budgetFen, committedFen: sums.committed, paidFen: sums.paid, availableFen: budgetFen - sums.committed - sums.paid };
};

export async function getPolicyView(deps: Deps, id: number) {
  const p = await getPolicy(deps.db, id);
  if (!p) throw new AppError('NOT_FOUND', '政策不存在');
  const today = await businessToday(deps);
  return {
    ...presentPolicy(p, inForceOrLatest(p, today)),
    budget: budgetOf(p, await budgetSums(deps.db, id)),
    versions: p.versions.map((v) => ({ version: v.version, effectiveFrom: v.effectiveFrom, terms: v.terms, ruleText: describeRule(v.terms.rule) })),
    today,
  };
}

export async function createPolicy(deps: Deps, actor: Actor, input: PolicyCreateInput): Promise<number> {
  return inTx(deps.db, async (tx) => {
    if (await policyIdByCode(tx, input.code)) throw new AppError('DUPLICATE', `政策编码 ${input.code} 已存在`);
    const id = await insertPolicy(tx, { code: input.code, regionCode: input.regionCode, regionName: input.regionName, year: input.year, itemKind: input.itemKind, createdBy: actor.userId });
    const v = nextVersion([], input.terms as PolicyTerms, input.effectiveFrom);
    await insertVersion(tx, id, v, actor.userId);
    await audit(tx, actor, { action: 'subsidy.policyCreate', entity: 'subsidy_policy', entityId: id, after: { ...input } });
    return id;
  });
}

/** Create the seed presets for a year (those not there yet). Returns the ids created. */
export async function installPresets(deps: Pick<Deps, 'db'>, actor: Actor, year: number, codes?: string[]): Promise<number[]> {
  return inTx(deps.db, async (tx) => {
    const ids: number[] = [];
    for (const p of presetPolicies(year)) {
      const preset = p.code.replace(new RegExp(`-${year}$`), '');
      if (codes?.length && !codes.includes(preset)) continue;
      if (await policyIdByCode(tx, p.code)) continue;
      const id = await insertPolicy(tx, { code: p.code, regionCode: p.regionCode, regionName: p.regionName, year, itemKind: p.itemKind, presetCode: preset, createdBy: actor.userId });
      await insertVersion(tx, id, p.versions[0], actor.userId);
      await audit(tx, actor, { action: 'subsidy.policyCreate', entity: 'subsidy_policy', entityId: id, after: { preset, year } });
      ids.push(id);
    }
    return ids;
  });
}
export const PRESET_CODES = PRESETS.map((p) => p.code);

export async function addPolicyVersion(deps: Deps, actor: Actor, id: number, input: PolicyVersionInput) {
  return inTx(deps.db, async (tx) => {
    const p = await getPolicy(tx, id, true);
    if (!p) throw new AppError('NOT_FOUND', '政策不存在');
    const today = await businessToday(deps, tx);
    if (input.effectiveFrom < today) throw new AppError('RULE_VIOLATION', `新版本的生效日期不能早于今天（${today}），已提交的申请仍按原版本审核`);
    const sums = await budgetSums(tx, id);
    assertBudgetChange({ budgetFen: latest(p).terms.budgetFen, committedFen: sums.committed, paidFen: sums.paid }, input.terms.budgetFen);
    const v = nextVersion(p.versions, input.terms as PolicyTerms, input.effectiveFrom);
    await insertVersion(tx, id, v, actor.userId);
    await audit(tx, actor, { action: 'subsidy.policyUpdate', entity: 'subsidy_policy', entityId: id, before: latest(p), after: v });
    return v.version;
  });
}

// ---------------------------------------------------------------- register and evidence
export async function createRegisterRecord(deps: Deps, actor: Actor, input: EvidenceRecordInput) {
  return inTx(deps.db, async (tx) => {
    const base = { kind: input.kind, documentNo: input.documentNo ?? null, createdBy: actor.userId };
    const row = input.kind === 'county_evaluation'
      ? await insertRegisterRecord(tx, { ...base, regionCode: input.regionCode.padEnd(6, '0'), year: input.year, score: input.score })
      : await insertRegisterRecord(tx, {
        ...base, orgId: input.orgId, subtype: input.kind === 'honour' ? input.honour : input.award, recordDate: input.date,
        patentId: input.kind === 'award' ? input.patentId ?? null : null,
      });
    await audit(tx, actor, { action: 'subsidy.evidenceCreate', entity: 'subsidy_record', entityId: row.id, after: row });
    return row;
  });
}

export async function listRegister(deps: Deps, actor: Actor, kind?: string) {
  const office = actor.role === 'platform_admin' || actor.role === 'auditor';
  const rows = await listRegisterRecords(deps.db, { orgId: office ? undefined : actor.orgId ?? -1, kind });
  return { items: rows.map((r) => ({ id: r.id, kind: r.kind, subtype: r.subtype, orgId: r.org_id, orgName: r.org_name, patentId: r.patent_id, date: r.record_date, regionCode: r.region_code, regionName: r.region_name, year: r.year, score: r.score == null ? null : Number(r.score), documentNo: r.document_no, isDemo: r.is_demo })), total: rows.length };
}

async function evidenceFor(db: Queryable, kind: ItemKind, f: { id?: number; orgId?: number }): Promise<EvidenceOption[]> {
  switch (kind) {
    case 'pledge_loan': return pledgeEvidence(db, f);
    case 'patent_grant': return patentEvidence(db, f);
    case 'deal': return dealEvidence(db, f);
    case 'enterprise_honour': return registerEvidence(db, 'honour', f);
    case 'patent_award': return registerEvidence(db, 'award', f);
    case 'county_evaluation': return registerEvidence(db, 'county_evaluation', f);
  }
}

function withDeclared(r: EvidenceRecord, d: DeclaredInput | undefined): EvidenceRecord {
  switch (r.kind) {
    case 'patent': return { ...r, officialFeesPaidFen: d?.officialFeesPaidFen ?? null, priorSubsidiesFen: d?.priorSubsidiesFen ?? 0 };
    case 'pledge_loan': return { ...r, otherFiscalSubsidyFen: d?.priorSubsidiesFen ?? 0 };
    case 'deal': return { ...r, serviceFeeFen: d?.serviceFeeFen ?? 0 };
    default: return r;
  }
}

function applicantOrgIdOf(actor: Actor, requested?: number): number {
  if (actor.role === 'platform_admin') {
    if (requested) return requested;
    if (actor.orgId) return actor.orgId;
    throw new AppError('VALIDATION', '请选择申请单位');
  }
  if (!actor.orgId) throw new AppError('FORBIDDEN', '当前账号未关联机构，不能申请');
  if (requested && requested !== actor.orgId) throw new AppError('FORBIDDEN', '只能以本单位名义申请');
  return actor.orgId;
}

async function loadApplicant(db: Queryable, orgId: number): Promise<Applicant & { name: string }> {
  const o = await queryOne<{ id: number; name: string; type: OrgType; size_class: SizeClass | null; region_code: string | null }>(db,
    `select id, name, type, size_class, region_code from organisations where id = $1`, [orgId]);
  if (!o) throw new AppError('NOT_FOUND', '申请单位不存在');
  return { orgId: o.id, name: o.name, orgType: o.type, sizeClass: o.size_class, regionCode: o.region_code };
}

/** Records of the applicant that the policy can pay for (for the wizard). */
export async function evidenceOptions(deps: Deps, actor: Actor, policyId: number, requestedOrgId?: number) {
  const p = await getPolicy(deps.db, policyId);
  if (!p) throw new AppError('NOT_FOUND', '政策不存在');
  const orgId = applicantOrgIdOf(actor, requestedOrgId);
  const options = await evidenceFor(deps.db, p.item_kind as ItemKind, { orgId });
  return { items: options.map((o) => ({ id: o.id, label: o.label, kind: o.record.kind })), total: options.length };
}

type Prepared = {
  policy: PolicyWithVersions; version: ReturnType<typeof versionInForce>; applicant: Applicant & { name: string };
  option: EvidenceOption; record: EvidenceRecord; assessment: ReturnType<typeof assessClaim>; today: string;
};

async function prepareClaim(deps: Deps, db: Queryable, actor: Actor, input: ClaimCheckInput, lock: boolean): Promise<Prepared> {
  const policy = await getPolicy(db, input.policyId, lock);
  if (!policy) throw new AppError('NOT_FOUND', '政策不存在');
  const today = await businessToday(deps, db);
  const version = versionInForce(policy.versions, today);
  const applicant = await loadApplicant(db, applicantOrgIdOf(actor, input.applicantOrgId));
  const [option] = await evidenceFor(db, policy.item_kind as ItemKind, { id: input.recordId, orgId: applicant.orgId });
  if (!option) throw new AppError('NOT_FOUND', '记录不存在或不属于申请单位');
  const record = withDeclared(option.record, input.declared);
  const claimed = await itemClaimed(db, policy.id, option.record.kind === 'county_evaluation' ? `county_evaluation:${option.record.regionCode.replace(/(00)+$/, '')}:${option.record.year}` : `${option.record.kind}:${option.record.id}`);
  const assessment = assessClaim({ regionCode: policy.region_code, year: policy.year, itemKind: policy.item_kind as ItemKind }, version.terms, applicant, record, {
    applicationDate: today,
    claimedItemKeys: claimed ? [assessItemKey(record)] : [],
    orgYearGrantedFen: await orgPolicySum(db, policy.id, applicant.orgId, ['submitted', 'accepted', 'first_reviewed', 'second_reviewed', 'in_notice', 'approved', 'paid']),
    platformPriorForItemFen: await itemGrantedElsewhere(db, policy.id, assessItemKey(record)),
    requestedFen: input.requestedFen ?? null,
  });
  return { policy, version, applicant, option, record, assessment, today };
}

function assessItemKey(r: EvidenceRecord): string {
  return r.kind === 'county_evaluation' ? `county_evaluation:${r.regionCode.replace(/(00)+$/, '')}:${r.year}` : `${r.kind}:${r.id}`;
}

const assessmentView = (p: Prepared) => ({
  eligible: p.assessment.eligible, itemKey: p.assessment.itemKey, checks: p.assessment.checks, missingEvidence: p.assessment.missingEvidence,
  amount: p.assessment.amount, record: { id: p.option.id, label: p.option.label },
  policy: { id: p.policy.id, name: p.version.terms.name, version: p.version.version, effectiveFrom: p.version.effectiveFrom, ruleText: describeRule(p.version.terms.rule), source: p.version.terms.source },
  applicant: { orgId: p.applicant.orgId, name: p.applicant.name }, today: p.today,
});

export async function checkClaim(deps: Deps, actor: Actor, input: ClaimCheckInput) {
  return assessmentView(await prepareClaim(deps, deps.db, actor, input, false));
}

export async function submitApplication(deps: Deps, actor: Actor, input: ApplicationSubmitInput) {
  if (input.idempotencyKey) {
    const prior = await applicationByIdempotencyKey(deps.db, input.idempotencyKey);
    if (prior) {
      if (prior.created_by !== actor.userId) throw new AppError('CONFLICT', '幂等键已被使用');
      return { id: prior.id, replay: true };
    }
  }
  const id = await inTx(deps.db, async (tx) => {
    const p = await prepareClaim(deps, tx, actor, input, true);
    if (!p.assessment.eligible) {
      throw new AppError('RULE_VIOLATION', `不符合申请条件：${[...p.assessment.checks.filter((c) => !c.ok).map((c) => c.message), ...p.assessment.missingEvidence.map((m) => `缺少${m}`)].join('；')}`,
        assessmentView(p));
    }
    const state = newApplication(p.applicant.orgId, p.assessment.amount!.amountFen, p.today);
    const id = await insertApplication(tx, {
      policyId: p.policy.id, policyVersion: p.version.version, policyYear: p.policy.year, applicantOrgId: p.applicant.orgId, orgType: p.applicant.orgType,
      sizeClass: p.applicant.sizeClass, regionCode: p.applicant.regionCode, itemKind: p.policy.item_kind, recordId: p.option.id,
      itemKey: p.assessment.itemKey!, itemLabel: `${ITEM_KIND_LABELS[p.policy.item_kind as ItemKind]}：${p.option.label}`, claimedFen: state.claimedAmountFen,
      requestedFen: input.requestedFen ?? null, declared: input.declared ?? {}, assessment: assessmentView(p), note: input.note ?? null,
      submittedOn: p.today, idempotencyKey: input.idempotencyKey ?? null, createdBy: actor.userId,
    });
    await insertStep(tx, { appId: id, action: 'submit', on: p.today, from: null, to: 'submitted', amountFen: state.claimedAmountFen, note: input.note ?? null, actorId: actor.userId });
    await audit(tx, actor, { action: 'subsidy.apply', entity: 'subsidy_application', entityId: id, after: { policyId: p.policy.id, version: p.version.version, itemKey: p.assessment.itemKey, amountFen: state.claimedAmountFen } });
    return id;
  });
  return { id, replay: false };
}

// ---------------------------------------------------------------- applications: read
function scopeOf(actor: Actor): AppScope {
  if (actor.role === 'platform_admin' || actor.role === 'auditor') {
    if (!actor.regionCode) return { sql: '', params: [] };
    return { sql: `coalesce(a.applicant_region_code, '') like $1`, params: [`${actor.regionCode.replace(/(00)+$/, '')}%`] };
  }
  return { sql: 'a.applicant_org_id = $1', params: [actor.orgId ?? -1] };
}

function visible(actor: Actor, a: ApplicationRow): boolean {
  if (actor.role === 'platform_admin' || actor.role === 'auditor') {
    return !actor.regionCode || (a.applicant_region_code ?? '').startsWith(actor.regionCode.replace(/(00)+$/, ''));
  }
  return a.applicant_org_id === actor.orgId;
}

const QUEUE_STATES = ['submitted', 'accepted', 'first_reviewed', 'second_reviewed', 'in_notice', 'approved'];

export async function listApplicationsView(deps: Deps, actor: Actor, f: AppFilter & { queue?: boolean }, pg: Paging) {
  const filter: AppFilter = { ...f, statuses: f.queue && !f.status ? QUEUE_STATES : undefined };
  const scope = scopeOf(actor);
  if (f.queue) {
    // a reviewer never sees their own organisation's applications in the queue
    scope.params.push(actor.orgId ?? -1);
    scope.sql = [scope.sql, `a.applicant_org_id <> $${scope.params.length}`].filter(Boolean).join(' and ');
  }
  const { rows, total } = await listApplications(deps.db, scope, filter, pg);
  const today = await businessToday(deps);
  const terms = new Map<number, PolicyTerms>();
  const items = [];
  for (const r of rows) {
    let t = terms.get(r.policy_id * 1000 + r.policy_version);
    if (!t) {
      const p = await getPolicy(deps.db, r.policy_id);
      t = p!.versions.find((v) => v.version === r.policy_version)!.terms;
      terms.set(r.policy_id * 1000 + r.policy_version, t);
    }
    const state = toState(r, []);
    items.push({ ...presentApplication(r, actor), actions: availableActions(state, actor, t, today) });
  }
  return { items, total };
}

export async function getApplicationView(deps: Deps, actor: Actor, id: number) {
  const r = await getApplication(deps.db, id);
  if (!r || !visible(actor, r)) throw new AppError('NOT_FOUND', '申请不存在');
  const [objections, steps, policy] = await Promise.all([objectionsOf(deps.db, id), stepsOf(deps.db, id), getPolicy(deps.db, r.policy_id)]);
  const version = policy!.versions.find((v) => v.version === r.policy_version)!;
  const today = await businessToday(deps);
  const state = toState(r, objections);
  return {
    ...presentApplication(r, actor),
    assessment: r.assessment,
    declared: r.declared,
    versionInfo: { version: version.version, effectiveFrom: version.effectiveFrom, ruleText: describeRule(version.terms.rule), twoReviewerThresholdFen: version.terms.twoReviewerThresholdFen, noticeDays: version.terms.noticeDays },
    objections: objections.map((o) => ({ id: o.id, raisedOn: o.raised_on, text: o.text, status: o.status, resolution: o.resolution, resolvedOn: o.resolved_on })),
    steps: steps.map((s) => ({ id: s.id, action: s.action, date: s.on_date, from: s.from_status, to: s.to_status, amountFen: s.amount_fen == null ? null : Number(s.amount_fen), note: s.note, actorName: s.actor_name })),
    actions: availableActions(state, actor, version.terms, today),
    today,
  };
}

// ---------------------------------------------------------------- applications: workflow
type ActOptions = { publicInNotice?: boolean; note?: string | null; beforeApply?: (tx: Queryable, row: ApplicationRow, today: string) => Promise<number | void> };

/** Load, lock, apply one workflow action, save, record the step and audit — one transaction. */
async function act(deps: Deps, actor: Actor, id: number, build: (today: string, extra: number) => WorkflowAction, o: ActOptions = {}) {
  return inTx(deps.db, async (tx) => {
    const row = await getApplication(tx, id, true);
    const canSee = row && (visible(actor, row) || (o.publicInNotice && row.status === 'in_notice'));
    if (!row || !canSee) throw new AppError('NOT_FOUND', '申请不存在');
    const policy = (await getPolicy(tx, row.policy_id, true))!; // serialises budget decisions of the policy
    const version = policy.versions.find((v) => v.version === row.policy_version)!;
    const today = await businessToday(deps, tx);
    const objections = await objectionsOf(tx, id);
    const extra = (await o.beforeApply?.(tx, row, today)) ?? 0;
    const action = build(today, extra);
    if (action.date > today) throw new AppError('VALIDATION', `日期 ${action.date} 晚于今天（${today}）`);
    if (action.type === 'approve') await assertFeeShare(tx, row, version.terms);
    const before: ApplicationState = toState(row, objections);
    const sums = await budgetSums(tx, policy.id);
    const outcome = applyAction(before, action, actor, {
      terms: version.terms,
      budget: { budgetFen: latest(policy).terms.budgetFen, committedFen: sums.committed, paidFen: sums.paid },
      orgYearApprovedFen: await orgPolicySum(tx, policy.id, row.applicant_org_id, ['approved', 'paid'], id),
    });
    if (outcome.replay) return { id, replay: true };
    await saveState(tx, id, outcome.app);
    for (const obj of outcome.app.objections) {
      const prev = before.objections.find((x) => x.id === obj.id);
      if (prev && prev.status !== obj.status) await saveObjection(tx, obj, actor.userId, action.date);
    }
    await insertStep(tx, { appId: id, action: action.type, on: action.date, from: before.status, to: outcome.app.status, amountFen: outcome.app.amountFen, note: o.note ?? noteOf(action), actorId: actor.userId });
    await audit(tx, actor, {
      action: outcome.event, entity: 'subsidy_application', entityId: id,
      before: { status: before.status, amountFen: before.amountFen }, after: { status: outcome.app.status, amountFen: outcome.app.amountFen, action },
    });
    return { id, replay: false };
  });
}

/**
 * At approval, re-check the fee-share cap across policies (鄂尔多斯: all subsidies for one patent ≤ 50% of the official
 * fees paid): subsidies approved for the same item under other policies since submission count too.
 */
async function assertFeeShare(tx: Queryable, row: ApplicationRow, terms: PolicyTerms): Promise<void> {
  if (terms.feeShareCapBp == null) return;
  const fees = row.declared?.officialFeesPaidFen;
  if (fees == null) return;
  const prior = Number(row.declared?.priorSubsidiesFen ?? 0) + await itemGrantedElsewhere(tx, row.policy_id, row.item_key);
  const room = feeShareRoomFen(Number(fees), terms.feeShareCapBp, prior);
  if (Number(row.amount_fen) > room) {
    throw new AppError('RULE_VIOLATION', `该专利各级资助总额将超过已缴官费的 ${terms.feeShareCapBp / 100}%：尚可资助 ${(room / 100).toFixed(2)} 元，本申请 ${(Number(row.amount_fen) / 100).toFixed(2)} 元。请调低金额后重新审核或驳回`, { roomFen: room });
  }
}

function noteOf(a: WorkflowAction): string | null {
  switch (a.type) {
    case 'reject': return a.reason;
    case 'pay': return `凭证号 ${a.reference}`;
    case 'first_review': case 'second_review': return a.note ?? null;
    case 'resolve_objection': return a.resolution;
    case 'raise_objection': return a.text;
    default: return null;
  }
}

export type ReviewInput =
  | { action: 'accept' | 'start_notice' | 'approve'; date?: string }
  | { action: 'first_review' | 'second_review'; date?: string; amountFen?: number | null; note?: string | null }
  | { action: 'reject'; date?: string; reason: string };

export function review(deps: Deps, actor: Actor, id: number, input: ReviewInput) {
  return act(deps, actor, id, (today) => {
    const date = input.date ?? today;
    switch (input.action) {
      case 'first_review': case 'second_review': return { type: input.action, date, amountFen: input.amountFen ?? null, note: input.note ?? null };
      case 'reject': return { type: 'reject', date, reason: input.reason };
      default: return { type: input.action, date };
    }
  });
}

export function pay(deps: Deps, actor: Actor, id: number, input: { date: string; reference: string }) {
  return act(deps, actor, id, () => ({ type: 'pay', date: input.date, reference: input.reference }), {
    beforeApply: async (tx) => {
      const other = await queryOne(tx, `select 1 from subsidy_applications where payment_ref = $1 and id <> $2`, [input.reference.trim(), id]);
      if (other) throw new AppError('DUPLICATE', `凭证号 ${input.reference} 已用于其他申请`);
    },
  });
}

export function withdraw(deps: Deps, actor: Actor, id: number) {
  return act(deps, actor, id, (today) => ({ type: 'withdraw', date: today }));
}

export async function raiseObjection(deps: Deps, actor: Actor, id: number, input: { text: string; contact?: string | null }) {
  let objectionId = 0;
  await act(deps, actor, id, (today, newId) => ({ type: 'raise_objection', date: today, objectionId: newId, text: input.text }), {
    publicInNotice: true,
    beforeApply: async (tx, row, today) => {
      if (row.status !== 'in_notice') return; // the workflow answers with the reason
      objectionId = await insertObjection(tx, { appId: id, raisedOn: today, text: input.text, contact: input.contact ?? null, raisedBy: actor.userId });
      return objectionId;
    },
  });
  return { id: objectionId };
}

export async function resolveObjection(deps: Deps, actor: Actor, objectionId: number, input: { upheld: boolean; resolution: string; date?: string }) {
  const o = await getObjection(deps.db, objectionId);
  if (!o) throw new AppError('NOT_FOUND', '异议不存在');
  return act(deps, actor, o.application_id, (today) => ({ type: 'resolve_objection', date: input.date ?? today, objectionId, upheld: input.upheld, resolution: input.resolution }));
}

// ---------------------------------------------------------------- public notice, budget, export
export async function listNotices(deps: Deps, pg: Paging) {
  const today = await businessToday(deps);
  const { rows, total } = await listApplications(deps.db, { sql: `a.status = 'in_notice'`, params: [] }, {}, pg);
  return {
    today,
    items: rows.map((r) => ({
      // the public sees the kind of item, not the ledger details (loan amounts, banks, contract figures)
      id: r.id, applicantName: r.applicant_name, policyName: r.policy_name, policyRegionName: r.policy_region_name, itemLabel: ITEM_KIND_LABELS[r.item_kind as ItemKind],
      amountFen: Number(r.amount_fen), noticeStart: r.notice_start, noticeEnd: r.notice_end,
      open: !!(r.notice_start && r.notice_end && today >= r.notice_start && today <= r.notice_end),
    })),
    total,
  };
}

export async function budgetView(deps: Deps, year: number) {
  const { rows } = await listPolicies(deps.db, { year }, { page: 1, pageSize: 200 });
  type Line = BudgetState & { availableFen: number; pendingFen: number; policyId: number; code: string; name: string; regionName: string; itemKind: string; counts: Record<string, number> };
  const items: Line[] = [];
  for (const p of rows) {
    const counts = await queryOne<Record<string, number>>(deps.db,
      `select count(*) filter (where status in ('submitted','accepted','first_reviewed','second_reviewed','in_notice'))::int as pending,
              count(*) filter (where status = 'approved')::int as approved, count(*) filter (where status = 'paid')::int as paid,
              count(*) filter (where status = 'rejected')::int as rejected,
              coalesce(sum(amount_fen) filter (where status in ('submitted','accepted','first_reviewed','second_reviewed','in_notice')), 0)::bigint as pending_fen
         from subsidy_applications where policy_id = $1`, [p.id]);
    const b = budgetOf(p, await budgetSums(deps.db, p.id));
    items.push({
      policyId: p.id, code: p.code, name: latest(p).terms.name, regionName: p.region_name, itemKind: p.item_kind, ...b,
      pendingFen: Number(counts!.pending_fen), counts: { pending: counts!.pending, approved: counts!.approved, paid: counts!.paid, rejected: counts!.rejected },
    });
  }
  const sum = (k: 'budgetFen' | 'committedFen' | 'paidFen' | 'availableFen' | 'pendingFen') => items.reduce((s, i) => s + i[k], 0);
  return { year, items, totals: { budgetFen: sum('budgetFen'), committedFen: sum('committedFen'), paidFen: sum('paidFen'), availableFen: sum('availableFen'), pendingFen: sum('pendingFen') } };
}

export async function approvedList(deps: Deps, actor: Actor, f: { year?: number; policyId?: number }) {
  const { rows } = await listApplications(deps.db, scopeOf(actor), { year: f.year, policyId: f.policyId, statuses: ['approved', 'paid'] }, { page: 1, pageSize: 10_000, sort: 'id' });
  return rows;
}
