/** Open licensing service: declarations, review, catalogue, taking a licence, use-first-pay-later. */
import { AppError, addDays, formatYuan, type LegalStatus, type PatentType } from '@zhuanhua/domain';
import {
  allocatePayments, OPEN_LICENCE_FEE_REDUCTION_BP, assertDeclarationMove, assertWarningsConfirmed, assessUseReport, decideTrial, declarationRefusals,
  feeCapWarnings, formLicence, licenceStateOn, patentLastDay, postTrialFixedFeeFen, remindersOn, royaltyPeriods, upfrontFeeFen,
  type DueItem, type Formation, type PatentFacts, type LicenceState,
} from '@zhuanhua/domain/licence/licence.rules.ts';
import {
  FEE_MODE_LABELS, PERIOD_KIND_LABELS, ROYALTY_BASE_LABELS, type DeclarationInput, type EligibilityInput, type FeeTerms, type LicencePaymentInput,
  type ReviewInput, type TakeLicenceInput, type TrialDecisionInput, type UseReportInput,
} from '@zhuanhua/domain/licence/licence.schemas.ts';
import { patentYear, quoteAnnualFee } from '@zhuanhua/domain/inventory/fees.rules.ts';
import { query, queryOne, type Queryable } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import { audit } from '../../lib/audit.ts';
import type { Paging } from '../../http/paging.ts';
import { createDealTx, isOffice, recordPaymentTx } from '../deal/deal.service.ts';
import { endPatentUses, insertHistory, insertPayment, patentPledged } from '../deal/deal.repo.ts';
import {
  getDeclaration, getLicence, insertDeclaration, listDeclarations, listLicences, paymentsOfDeals, reportsOf,
  type DeclarationRow, type LicenceRow, type UseReportRow,
} from './licence.repo.ts';

type PatentBasics = {
  id: number; type: PatentType; legal_status: LegalStatus; grant_date: string | null; fee_paid_through: string | null; filing_date: string | null;
  term_extension_days: number; legal_status_raw: string | null; application_number: string; title: string;
};

/** Everything the eligibility rules need about a patent, for the declaring organisation, today. */
export async function patentFacts(db: Queryable, patentId: number, orgId: number | null, today: string, excludeDeclarationId: number | null = null): Promise<{ patent: PatentBasics; facts: PatentFacts }> {
  const patent = await queryOne<PatentBasics>(db,
    `select id, type, legal_status, grant_date, fee_paid_through, filing_date, term_extension_days, legal_status_raw, application_number, title from patents where id = $1`, [patentId]);
  if (!patent) throw new AppError('NOT_FOUND', '专利不存在');
  const holders = await query<{ org_id: number | null }>(db, `select org_id from patent_holders where patent_id = $1`, [patentId]);
  const excl = await queryOne(db,
    `select 1 from deals d join deal_patents dp on dp.deal_id = d.id
      where dp.patent_id = $1 and d.kind = 'licence' and d.licence_kind in ('exclusive','sole') and d.state in ('signed','registered','performing')
        and coalesce(d.effective_date, d.contract_date) <= $2 and (d.end_date is null or d.end_date >= $2) limit 1`, [patentId, today]);
  const pres = await queryOne<{ event_code: string }>(db,
    `select event_code from patent_status_history where patent_id = $1 and event_code in ('PP01','PD01') order by event_date desc nulls last, id desc limit 1`, [patentId]);
  const active = await queryOne(db,
    `select 1 from open_licence_declarations where patent_id = $1 and state in ('submitted','published') and ($2::bigint is null or id <> $2)`, [patentId, excludeDeclarationId]);
  return {
    patent,
    facts: {
      type: patent.type, legalStatus: patent.legal_status, grantDate: patent.grant_date, feePaidThrough: patent.fee_paid_through,
      exclusiveOrSoleLicenceInForce: !!excl, pledged: await patentPledged(db, patentId),
      suspended: pres?.event_code === 'PP01' || /中止/.test(patent.legal_status_raw ?? ''),
      holderCount: holders.length, declarantIsHolder: orgId !== null && holders.some((h) => h.org_id === orgId), activeDeclaration: !!active,
    },
  };
}

function declarantOrg(actor: Actor, orgId?: number | null): number {
  if (actor.role === 'platform_admin' && orgId) return orgId;
  if (!actor.orgId) throw new AppError('RULE_VIOLATION', '请以专利权人机构的账号声明开放许可');
  return actor.orgId;
}

export async function checkEligibility(db: Queryable, actor: Actor, input: EligibilityInput, today: string) {
  const orgId = declarantOrg(actor, input.orgId);
  const { patent, facts } = await patentFacts(db, input.patentId, orgId, today);
  const refusals = declarationRefusals(facts, input, today);
  return {
    patentId: patent.id, applicationNumber: patent.application_number, title: patent.title, eligible: refusals.length === 0, refusals,
    warnings: input.feeTerms ? feeCapWarnings(input.feeTerms) : [],
    facts: { pledged: facts.pledged, holderCount: facts.holderCount, needsEvaluationReport: patent.type !== 'invention' },
    annualFeeReductionBp: OPEN_LICENCE_FEE_REDUCTION_BP,
  };
}

export async function declare(tx: Queryable, actor: Actor, input: DeclarationInput, today: string): Promise<number> {
  const orgId = declarantOrg(actor, input.orgId);
  const { facts } = await patentFacts(tx, input.patentId, orgId, today);
  const refusals = declarationRefusals(facts, input, today);
  if (refusals.length) throw new AppError('RULE_VIOLATION', `不能声明开放许可：${refusals.map((r) => r.message).join('；')}`, { code: refusals[0].code, refusals });
  const warnings = feeCapWarnings(input.feeTerms);
  assertWarningsConfirmed(warnings, input.confirmWarnings);
  const id = await insertDeclaration(tx, {
    patentId: input.patentId, orgId, feeTerms: input.feeTerms, licenceYears: input.licenceYears, territory: input.territory ?? null,
    otherTerms: input.otherTerms ?? null, evaluationReportNo: input.evaluationReportNo ?? null, coOwnersConsent: input.coOwnersConsent,
    pledgeeConsent: input.pledgeeConsent, warnings, warningsConfirmed: input.confirmWarnings, submittedBy: actor.userId,
  });
  await audit(tx, actor, { action: 'licence.declare', entity: 'open_licence_declaration', entityId: id, after: { ...input, orgId, warnings } });
  return id;
}

/** A declaration the actor may see: published ones are public; others only to the declarant and the office. */
export async function visibleDeclaration(db: Queryable, actor: Actor | null, id: number): Promise<DeclarationRow> {
  const d = await getDeclaration(db, id);
  if (!d) throw new AppError('NOT_FOUND', '开放许可声明不存在');
  const mine = actor && (isOffice(actor) || actor.orgId === d.org_id);
  if (d.state !== 'published' && !mine) throw new AppError('NOT_FOUND', '开放许可声明不存在');
  return d;
}

export async function review(tx: Queryable, actor: Actor, id: number, input: ReviewInput, today: string): Promise<void> {
  const d = await getDeclaration(tx, id);
  if (!d) throw new AppError('NOT_FOUND', '开放许可声明不存在');
  const to = input.decision === 'approve' ? 'published' : 'rejected';
  assertDeclarationMove(d.state, to);
  let publishedDate: string | null = null;
  if (to === 'published') {
    publishedDate = input.publishedDate ?? today;
    if (publishedDate > today) throw new AppError('VALIDATION', '公布日期不能晚于今天');
    const { facts } = await patentFacts(tx, d.patent_id, d.org_id, publishedDate, d.id);
    const refusals = declarationRefusals(facts, { evaluationReportNo: d.evaluation_report_no, coOwnersConsent: d.co_owners_consent, pledgeeConsent: d.pledgee_consent }, publishedDate);
    if (refusals.length) throw new AppError('RULE_VIOLATION', `该专利现已不符合开放许可条件：${refusals.map((r) => r.message).join('；')}，请驳回`, { code: refusals[0].code, refusals });
  } else if (!input.comment?.trim()) {
    throw new AppError('VALIDATION', '驳回须填写理由', [{ path: 'comment', message: '必填' }]);
  }
  await query(tx, `update open_licence_declarations set state = $2, reviewed_by = $3, reviewed_at = now(), review_comment = $4, published_date = $5, updated_at = now() where id = $1`,
    [id, to, actor.userId || null, input.comment ?? null, publishedDate]);
  await audit(tx, actor, { action: 'licence.review', entity: 'open_licence_declaration', entityId: id, before: { state: d.state }, after: { state: to, publishedDate, comment: input.comment ?? null } });
}

export async function withdraw(tx: Queryable, actor: Actor, id: number, input: { date: string; reason: string }, today: string): Promise<void> {
  const d = await visibleDeclaration(tx, actor, id);
  if (!isOffice(actor) && actor.orgId !== d.org_id) throw new AppError('NOT_FOUND', '开放许可声明不存在');
  assertDeclarationMove(d.state, 'withdrawn');
  if (input.date > today) throw new AppError('VALIDATION', '撤回日期不能晚于今天');
  if (d.published_date && input.date < d.published_date) throw new AppError('VALIDATION', '撤回日期不能早于公布日期');
  await query(tx, `update open_licence_declarations set state = 'withdrawn', withdrawn_date = $2, withdraw_reason = $3, updated_at = now() where id = $1`, [id, input.date, input.reason]);
  await audit(tx, actor, { action: 'licence.withdraw', entity: 'open_licence_declaration', entityId: id, before: { state: d.state }, after: { state: 'withdrawn', date: input.date, reason: input.reason } });
}

export const catalogue = (db: Queryable, q: { q?: string; feeMode?: string; payLater?: boolean; patentId?: number }, p: Paging) =>
  listDeclarations(db, { ...q, state: 'published' }, p);

export function declarationsFor(db: Queryable, actor: Actor, q: { state?: string; q?: string; patentId?: number }, p: Paging) {
  return listDeclarations(db, { ...q, orgId: isOffice(actor) ? undefined : actor.orgId }, p);
}

// ---------------------------------------------------------------------------------------------

export const formationOf = (l: Pick<LicenceRow, 'licensed_from' | 'licensed_to' | 'trial_end'>): Formation =>
  ({ licensedFrom: l.licensed_from, licensedTo: l.licensed_to, trialEnd: l.trial_end });

/** The enterprise takes the open licence: notice (+ payment) → the licence, its backing deal and its use record. */
export async function takeLicence(tx: Queryable, actor: Actor, input: TakeLicenceInput, key: string | null, today: string): Promise<number> {
  if (!actor.orgId) throw new AppError('RULE_VIOLATION', '请以被许可企业的账号实施许可');
  const d = await getDeclaration(tx, input.declarationId);
  if (!d || (d.state !== 'published' && d.state !== 'withdrawn')) throw new AppError('NOT_FOUND', '开放许可声明不存在或尚未公布');
  if (d.org_id === actor.orgId) throw new AppError('RULE_VIOLATION', '专利权人不能实施自己的开放许可', { code: 'SELF_LICENCE' });
  if (input.noticeDate > today) throw new AppError('VALIDATION', '书面通知日期不能晚于今天');
  if (input.paymentDate && input.paymentDate > today) throw new AppError('VALIDATION', '付款日期不能晚于今天');
  const dup = await queryOne(tx, `select 1 from open_licences where declaration_id = $1 and licensee_org_id = $2 and state in ('trial','active') and licensed_to >= $3`, [d.id, actor.orgId, input.noticeDate]);
  if (dup) throw new AppError('DUPLICATE', '贵单位已实施该开放许可，无需重复办理', { code: 'ALREADY_LICENSED' });
  const patent = await queryOne<{ type: PatentType; filing_date: string | null; term_extension_days: number; legal_status: string; title: string }>(tx,
    `select type, filing_date, term_extension_days, legal_status, title from patents where id = $1`, [d.patent_id]);
  if (!patent || patent.legal_status !== 'in_force') throw new AppError('RULE_VIOLATION', '专利权已不在有效状态，不能实施许可', { code: 'PATENT_NOT_IN_FORCE' });
  const terms = d.fee_terms;
  const f = formLicence({
    declarationState: d.state, publishedDate: d.published_date, withdrawnDate: d.withdrawn_date, terms, licenceYears: d.licence_years,
    noticeDate: input.noticeDate, paymentDate: input.paymentDate ?? null, patentLastDay: patentLastDay(patent.type, patent.filing_date, patent.term_extension_days),
  });
  const upfront = upfrontFeeFen(terms);
  const fixed = upfront + postTrialFixedFeeFen(terms);
  const royalty = terms.mode === 'royalty' || terms.mode === 'entry_plus_royalty';
  const dealId = await createDealTx(tx, actor, {
    kind: 'licence', licenceKind: 'open', title: `开放许可：${patent.title}`, contractDate: input.noticeDate, effectiveDate: f.licensedFrom, endDate: f.licensedTo,
    contractAmountFen: fixed, amountBasis: royalty ? 'royalty' : 'fixed', registrationNo: null, registrationDate: null, territory: d.territory, field: null,
    patentIds: [d.patent_id], parties: [{ side: 'out', orgId: d.org_id }, { side: 'in', orgId: actor.orgId }], schedule: [], pledgeeConsent: false,
    note: `依开放许可声明 #${d.id} 成立（专利法第五十一条）`,
  }, { today, source: 'open_licence', state: 'signed' });
  if (upfront > 0 && input.paymentDate) {
    await insertPayment(tx, dealId, { receivedDate: input.paymentDate, amountFen: upfront, reference: input.paymentReference ?? '开放许可使用费' }, actor.userId, key ? `licence.take:${key}` : null);
  }
  const state: LicenceState = f.trialEnd ? 'trial' : 'active';
  const row = await queryOne<{ id: number }>(tx,
    `insert into open_licences (declaration_id, deal_id, patent_id, licensor_org_id, licensee_org_id, fee_terms, notice_date, payment_date, licensed_from, licensed_to, trial_end, state, created_by)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) returning id`,
    [d.id, dealId, d.patent_id, d.org_id, actor.orgId, JSON.stringify(terms), input.noticeDate, input.paymentDate ?? null, f.licensedFrom, f.licensedTo, f.trialEnd, state, actor.userId || null]);
  await audit(tx, actor, { action: 'licence.take', entity: 'open_licence', entityId: row!.id, after: { declarationId: d.id, dealId, ...f, state, upfrontFen: upfront } });
  return row!.id;
}

/** The licence if the actor is its licensor, its licensee or the office; else 404. */
export async function visibleLicence(db: Queryable, actor: Actor, id: number): Promise<LicenceRow> {
  const l = await getLicence(db, id);
  if (!l || !(isOffice(actor) || actor.orgId === l.licensor_org_id || actor.orgId === l.licensee_org_id)) throw new AppError('NOT_FOUND', '许可不存在');
  return l;
}

/** What the licensee owes: the fixed fees and the royalty of each reported period, with what is paid allocated oldest first. */
export function dueItemsOf(l: LicenceRow, reports: UseReportRow[]): DueItem[] {
  const t = l.fee_terms;
  const items: Omit<DueItem, 'paidFen'>[] = [];
  const upfront = upfrontFeeFen(t);
  if (upfront > 0) items.push({ key: 'upfront', label: t.mode === 'lump_sum' ? '一次性许可使用费' : '入门费', dueDate: l.payment_date ?? l.licensed_from, amountFen: upfront });
  const post = postTrialFixedFeeFen(t);
  if (post > 0 && l.trial_end && l.state !== 'exited') {
    items.push({ key: 'post-trial', label: t.mode === 'lump_sum' ? '试用期满后一次性许可使用费' : '试用期满后入门费', dueDate: addDays(l.trial_end, t.dueDays), amountFen: post });
  }
  for (const r of reports) {
    if (r.due_fen > 0 && r.due_date) items.push({ key: `report-${r.id}`, label: `${r.period_start} 至 ${r.period_end} 提成`, dueDate: r.due_date, amountFen: r.due_fen });
  }
  return allocatePayments(items, l.received_fen ?? 0);
}

export function describeTerms(t: FeeTerms): string {
  const parts: string[] = [FEE_MODE_LABELS[t.mode]];
  if (t.mode === 'lump_sum') parts.push(`${formatYuan(t.lumpSumFen ?? 0)} 元`);
  if (t.mode === 'entry_plus_royalty') parts.push(`入门费 ${formatYuan(t.entryFeeFen ?? 0)} 元`);
  if (t.mode === 'royalty' || t.mode === 'entry_plus_royalty') {
    if (t.royaltyBase === 'units') parts.push(`按${ROYALTY_BASE_LABELS.units}每件 ${formatYuan(t.unitFeeFen ?? 0)} 元`);
    else if (t.royaltyBase) parts.push(`按${ROYALTY_BASE_LABELS[t.royaltyBase]}的 ${((t.royaltyRateBp ?? 0) / 100).toFixed(2)}% 提成`);
    parts.push(`${PERIOD_KIND_LABELS[t.periodKind]}结算，期满后 ${t.dueDays} 日内支付`);
  }
  if (t.trialMonths > 0) parts.push(`先使用后付费：免费试用 ${t.trialMonths} 个月`);
  return parts.join('，');
}

export async function licenceDetail(db: Queryable, actor: Actor, id: number, today: string) {
  const l = await visibleLicence(db, actor, id);
  const reports = await reportsOf(db, [id]);
  const payments = await paymentsOfDeals(db, [l.deal_id]);
  const items = dueItemsOf(l, reports);
  const f = formationOf(l);
  const dueTotal = items.reduce((s, i) => s + i.amountFen, 0);
  return {
    l, reports, payments, items, reminders: remindersOn(items, today), periods: royaltyPeriods(f, l.fee_terms),
    stateNow: licenceStateOn(l.state, f, today), dueTotalFen: dueTotal, outstandingFen: Math.max(0, dueTotal - (l.received_fen ?? 0)),
    role: actor.orgId === l.licensee_org_id ? 'licensee' : actor.orgId === l.licensor_org_id ? 'licensor' : 'office',
  };
}

export function licencesFor(db: Queryable, actor: Actor, q: { side?: 'licensor' | 'licensee'; state?: string; declarationId?: number }, p: Paging) {
  return listLicences(db, { ...q, orgId: isOffice(actor) ? undefined : actor.orgId }, p);
}

function assertLicensee(actor: Actor, l: LicenceRow): void {
  if (actor.role !== 'platform_admin' && actor.orgId !== l.licensee_org_id) throw new AppError('FORBIDDEN', '只有被许可方可以办理此事项');
}

export async function reportUse(tx: Queryable, actor: Actor, id: number, input: UseReportInput, today: string): Promise<number> {
  const l = await visibleLicence(tx, actor, id);
  assertLicensee(actor, l);
  const state = licenceStateOn(l.state, formationOf(l), today);
  if (state === 'exited' || state === 'terminated') throw new AppError('RULE_VIOLATION', '许可已终止或退出，不能申报', { code: 'LICENCE_ENDED' });
  if (input.periodEnd > today) throw new AppError('RULE_VIOLATION', '申报期间尚未结束，不能申报', { code: 'PERIOD_NOT_ENDED' });
  const a = assessUseReport(formationOf(l), l.fee_terms, input);
  const overlap = await queryOne(tx, `select 1 from licence_use_reports where licence_id = $1 and period_start <= $3 and period_end >= $2`, [id, input.periodStart, input.periodEnd]);
  if (overlap) throw new AppError('DUPLICATE', '该期间已申报过实施情况', { code: 'REPORT_OVERLAPS' });
  const row = await queryOne<{ id: number }>(tx,
    `insert into licence_use_reports (licence_id, period_start, period_end, net_sales_fen, profit_fen, units, due_fen, due_date, in_trial, note, created_by)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) returning id`,
    [id, input.periodStart, input.periodEnd, input.netSalesFen ?? null, input.profitFen ?? null, input.units ?? null, a.dueFen, a.dueDate, a.inTrial, input.note ?? null, actor.userId || null]);
  await audit(tx, actor, { action: 'licence.reportUse', entity: 'open_licence', entityId: id, after: { reportId: row!.id, ...input, dueFen: a.dueFen, dueDate: a.dueDate } });
  return row!.id;
}

export async function recordLicencePayment(tx: Queryable, actor: Actor, id: number, input: LicencePaymentInput, key: string | null) {
  const l = await visibleLicence(tx, actor, id);
  if (actor.role === 'auditor') throw new AppError('FORBIDDEN', '审计员只能查看');
  await query(tx, `select id from deals where id = $1 for update`, [l.deal_id]);
  const fresh = (await getLicence(tx, id))!;
  const items = dueItemsOf(fresh, await reportsOf(tx, [id]));
  const outstanding = items.reduce((s, i) => s + i.amountFen - i.paidFen, 0);
  return recordPaymentTx(tx, actor, l.deal_id, { receivedDate: input.receivedDate, amountFen: input.amountFen, reference: input.reference ?? null }, key, { maxFen: outstanding });
}

export async function decideLicenceTrial(tx: Queryable, actor: Actor, id: number, input: TrialDecisionInput, today: string): Promise<void> {
  const l = await visibleLicence(tx, actor, id);
  assertLicensee(actor, l);
  if (input.date > today) throw new AppError('VALIDATION', '日期不能晚于今天');
  const r = decideTrial(l.state, formationOf(l), input.decision, input.date);
  await query(tx, `update open_licences set state = $2, licensed_to = $3, decided_on = $4, updated_at = now() where id = $1`, [id, r.state, r.licensedTo, input.date]);
  if (r.state === 'exited') {
    const deal = await queryOne<{ state: string }>(tx, `select state from deals where id = $1`, [l.deal_id]);
    await query(tx, `update deals set state = 'terminated', end_date = $2, terminated_reason = $3, updated_at = now() where id = $1`, [l.deal_id, input.date, '先使用后付费：试用期内退出']);
    await insertHistory(tx, l.deal_id, deal?.state ?? null, 'terminated', input.date, '先使用后付费：试用期内退出', actor.userId);
    await endPatentUses(tx, 'deal', l.deal_id, input.date);
  }
  await audit(tx, actor, { action: 'licence.decideTrial', entity: 'open_licence', entityId: id, before: { state: l.state }, after: { state: r.state, date: input.date, licensedTo: r.licensedTo } });
}

/** Reminders for the actor's organisation on both sides (payable as licensee, receivable as licensor). */
export async function remindersFor(db: Queryable, actor: Actor, today: string) {
  const { rows } = await listLicences(db, { orgId: isOffice(actor) ? undefined : actor.orgId }, { page: 1, pageSize: 200 });
  const live = rows.filter((l) => l.state === 'trial' || l.state === 'active');
  const reports = live.length ? await reportsOf(db, live.map((l) => l.id)) : [];
  const out = [];
  for (const l of live) {
    const items = dueItemsOf(l, reports.filter((r) => r.licence_id === l.id));
    for (const rem of remindersOn(items, today)) {
      out.push({ ...rem, licenceId: l.id, title: l.title, licensor: l.licensor_name, licensee: l.licensee_name, side: actor.orgId === l.licensee_org_id ? 'payable' : 'receivable' });
    }
    const f = formationOf(l);
    if (l.state === 'trial' && f.trialEnd && today <= f.trialEnd && addDays(f.trialEnd, -30) <= today) {
      out.push({ key: 'trial-end', label: `试用期将于 ${f.trialEnd} 结束，请选择转为付费许可或退出`, dueDate: f.trialEnd, outstandingFen: 0, kind: 'upcoming' as const,
        daysLeft: Math.round((Date.parse(f.trialEnd) - Date.parse(today)) / 86_400_000), licenceId: l.id, title: l.title, licensor: l.licensor_name, licensee: l.licensee_name,
        side: actor.orgId === l.licensee_org_id ? 'payable' : 'receivable' });
    }
  }
  return out.sort((a, b) => (a.dueDate < b.dueDate ? -1 : 1));
}

/** Open-licence status of a patent (public): the published declaration and the 15% annual-fee reduction it brings. */
export async function patentLicenceStatus(db: Queryable, patentId: number, today: string) {
  const p = await queryOne<{ type: PatentType; filing_date: string | null; grant_date: string | null; legal_status: string }>(db,
    `select type, filing_date, grant_date, legal_status from patents where id = $1`, [patentId]);
  if (!p) throw new AppError('NOT_FOUND', '专利不存在');
  const decl = await queryOne<DeclarationRow>(db, `select * from open_licence_declarations where patent_id = $1 and state = 'published' order by id desc limit 1`, [patentId]);
  const licences = await queryOne<{ n: number }>(db, `select count(*)::int as n from open_licences where patent_id = $1`, [patentId]);
  let nextFee = null;
  if (p.filing_date && p.legal_status === 'in_force') {
    const year = patentYear(p.filing_date, today) + 1;
    const withOpen = quoteAnnualFee({ type: p.type, filingDate: p.filing_date, grantDate: p.grant_date, openLicenceActive: true }, year);
    const without = quoteAnnualFee({ type: p.type, filingDate: p.filing_date, grantDate: p.grant_date, openLicenceActive: false }, year);
    if (withOpen && without) nextFee = { year, dueDate: withOpen.dueDate, fullFen: without.fullFen, withOpenLicenceFen: withOpen.reducedFen, reductionLabel: withOpen.reduction.label };
  }
  return { declaration: decl ?? null, licenceCount: licences?.n ?? 0, reductionBp: decl ? OPEN_LICENCE_FEE_REDUCTION_BP : 0, nextFee };
}
