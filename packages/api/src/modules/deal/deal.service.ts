/** Deal ledger service: load, apply the domain rules, save in one transaction, audit. */
import { AppError, type OrgType, type SizeClass } from '@zhuanhua/domain';
import {
  applyTransition, assertNoConflicts, assertPaymentAllowed, dealConflicts, moneySummary, outPartyHolds, partyRole, patentUseOf,
  scheduleProblems, snapshotParty, transferEffectiveDate, type DealFacts,
} from '@zhuanhua/domain/deal/deal.rules.ts';
import type { DealInput, DealListQuery, DealState, PartySide, PaymentInput, TransitionInput } from '@zhuanhua/domain/deal/deal.schemas.ts';
import { query, queryOne, type Queryable } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import { audit } from '../../lib/audit.ts';
import {
  endPatentUses, getDealRow, historyOf, insertDeal, insertDealPatents, insertHistory, insertParty, insertPatentUse, insertPayment,
  insertSchedule, licencesInForce, listDeals, openLicenceActive, orgSeesDeal, partiesOf, patentPledged, patentsOf, paymentsOf, scheduleOf,
  type DealRow, type PartyRow,
} from './deal.repo.ts';

export const isOffice = (a: Actor): boolean => a.role === 'platform_admin' || a.role === 'auditor';

/** The deal if the actor may see it; another organisation's deal answers 404. */
export async function loadVisibleDeal(db: Queryable, actor: Actor, id: number, forUpdate = false): Promise<DealRow> {
  const d = await getDealRow(db, id, forUpdate);
  if (!d) throw new AppError('NOT_FOUND', '交易不存在');
  if (!isOffice(actor) && !(actor.orgId && await orgSeesDeal(db, id, actor.orgId))) throw new AppError('NOT_FOUND', '交易不存在');
  return d;
}

function assertCanWrite(actor: Actor): void {
  if (actor.role === 'auditor') throw new AppError('FORBIDDEN', '审计员只能查看');
}

export const factsOf = (d: DealRow, parties: Pick<PartyRow, 'side'>[], patentCount: number): DealFacts => ({
  kind: d.kind, licenceKind: (d.licence_kind ?? null) as DealFacts['licenceKind'], state: d.state as DealState,
  contractDate: d.contract_date, effectiveDate: d.effective_date, contractAmountFen: d.contract_amount_fen,
  amountBasis: d.amount_basis, registrationNo: d.registration_no, registrationDate: d.registration_date,
  patentCount, partySides: parties.map((p) => p.side), receivedFen: d.received_fen ?? 0,
});

type PatentBrief = { id: number; application_number: string; legal_status: string; lapse_date: string | null };

/** §9 cross-rules for every patent of a (new or signing) deal. */
export async function checkConflicts(db: Queryable, patents: PatentBrief[], c: {
  kind: DealInput['kind']; licenceKind: DealInput['licenceKind']; start: string; end: string | null; territory: string | null; field: string | null;
  pledgeeConsent: boolean; excludeDealId?: number | null;
}): Promise<void> {
  const all = [];
  for (const p of patents) {
    const conflicts = dealConflicts({ kind: c.kind, licenceKind: c.licenceKind ?? null, start: c.start, end: c.end, territory: c.territory, field: c.field }, {
      openLicenceActive: c.licenceKind === 'exclusive' || c.licenceKind === 'sole' ? await openLicenceActive(db, p.id) : false,
      licencesInForce: c.kind === 'licence' ? await licencesInForce(db, p.id, c.excludeDealId ?? null) : [],
      pledged: c.kind !== 'licence' ? await patentPledged(db, p.id) : false,
      pledgeeConsent: c.pledgeeConsent,
      lapseDate: p.legal_status === 'lapsed' ? p.lapse_date ?? '0001-01-01' : null,
    });
    all.push(...conflicts.map((x) => ({ ...x, patentId: p.id, applicationNumber: p.application_number, message: `${p.application_number}：${x.message}` })));
  }
  assertNoConflicts(all);
}

async function loadPatents(db: Queryable, ids: number[]): Promise<PatentBrief[]> {
  const rows = await query<PatentBrief>(db, `select id, application_number, legal_status, lapse_date from patents where id = any($1::bigint[])`, [ids]);
  if (rows.length !== new Set(ids).size) {
    const missing = ids.filter((id) => !rows.some((r) => r.id === id));
    throw new AppError('VALIDATION', `专利不存在：${missing.join('、')}`, [{ path: 'patentIds', message: '专利不存在' }]);
  }
  return rows;
}

export type SnapshotParty = { side: PartySide; orgId: number | null; name: string; orgType: string | null; sizeClass: string | null; regionCode: string | null };

/** Party facts as of the deal date: from the organisation (and its yearly size class) when it is registered. */
export async function snapshotParties(db: Queryable, parties: DealInput['parties'], dealDate: string | null): Promise<SnapshotParty[]> {
  const out: SnapshotParty[] = [];
  for (const p of parties) {
    if (p.orgId) {
      const org = await queryOne<{ id: number; name: string; type: OrgType; size_class: SizeClass | null; region_code: string | null }>(db,
        `select id, name, type, size_class, region_code from organisations where id = $1`, [p.orgId]);
      if (!org) throw new AppError('VALIDATION', `机构不存在：${p.orgId}`, [{ path: 'parties', message: '机构不存在' }]);
      const sizes = await query<{ year: number; size_class: SizeClass | null }>(db, `select year, size_class from organisation_annual_reports where org_id = $1`, [org.id]);
      const s = snapshotParty({ id: org.id, name: org.name, type: org.type, sizeClass: org.size_class, regionCode: org.region_code }, dealDate,
        sizes.map((x) => ({ year: x.year, sizeClass: x.size_class })));
      out.push({ side: p.side, orgId: org.id, name: s.name, orgType: s.orgType, sizeClass: s.sizeClass, regionCode: s.regionCode });
    } else {
      out.push({ side: p.side, orgId: null, name: p.name!, orgType: p.orgType ?? null, sizeClass: p.sizeClass ?? null, regionCode: p.regionCode ?? null });
    }
  }
  return out;
}

/** Writes the patent_uses rows of a deal (one per patent), so the sleeping-patent rule sees the use. */
export async function recordUses(tx: Queryable, d: DealRow, parties: SnapshotParty[] | PartyRow[], patentIds: number[], actor: Actor): Promise<void> {
  const use = patentUseOf({ kind: d.kind, contractDate: d.contract_date, effectiveDate: d.effective_date, endDate: d.end_date });
  if (!use) return;
  const receiver = parties.find((p) => p.side === 'in');
  const orgId = receiver ? ('orgId' in receiver ? receiver.orgId : receiver.org_id) : null;
  for (const pid of patentIds) {
    await insertPatentUse(tx, { patentId: pid, kind: use.kind, sourceType: 'deal', sourceId: d.id, orgId, fromDate: use.fromDate, toDate: use.toDate, note: d.title, createdBy: actor.userId });
  }
}

/** A transfer/equity contribution moves the holders from its effective date (unless a later change already applies). */
export async function applyHolderChange(tx: Queryable, d: DealRow, parties: { side: string; name: string; orgId: number | null }[], patentIds: number[], effectiveDate: string): Promise<void> {
  const to = parties.filter((p) => p.side === 'in').map((p) => ({ name: p.name, orgId: p.orgId }));
  if (!to.length) return;
  for (const pid of patentIds) {
    const from = await query<{ name: string; org_id: number | null }>(tx, `select name, org_id from patent_holders where patent_id = $1 order by seq`, [pid]);
    await query(tx, `insert into patent_holder_changes (patent_id, deal_id, effective_date, from_holders, to_holders) values ($1,$2,$3,$4,$5)
                     on conflict (patent_id, deal_id) do update set effective_date = excluded.effective_date, to_holders = excluded.to_holders`,
      [pid, d.id, effectiveDate, JSON.stringify(from.map((h) => ({ name: h.name, orgId: h.org_id }))), JSON.stringify(to)]);
    const later = await queryOne(tx, `select 1 from patent_holder_changes where patent_id = $1 and deal_id <> $2 and effective_date > $3`, [pid, d.id, effectiveDate]);
    if (later) continue;
    await query(tx, `delete from patent_holders where patent_id = $1`, [pid]);
    for (const [i, h] of to.entries()) {
      await query(tx, `insert into patent_holders (patent_id, seq, name, org_id) values ($1,$2,$3,$4)`, [pid, i + 1, h.name, h.orgId]);
    }
    await query(tx, `update patents set updated_at = now() where id = $1`, [pid]);
  }
}

/** Platform deals: the assignor/licensor/investor must hold each patent (a sub-licence excepted). */
async function assertOutPartyHolds(db: Queryable, patents: PatentBrief[], parties: SnapshotParty[], licenceKind: string | null | undefined): Promise<void> {
  if (licenceKind === 'sub') return;
  const out = parties.filter((p) => p.side === 'out');
  for (const p of patents) {
    const holders = await query<{ org_id: number | null; name: string }>(db, `select org_id, name from patent_holders where patent_id = $1`, [p.id]);
    if (!outPartyHolds(out, holders.map((h) => ({ orgId: h.org_id, name: h.name })))) {
      throw new AppError('RULE_VIOLATION', `${p.application_number}：出让方/许可方不是该专利的专利权人`, { code: 'NOT_HOLDER', patentId: p.id });
    }
  }
}

export type CreateOptions = {
  today: string; source?: 'platform' | 'import' | 'open_licence' | 'event'; state?: DealState; skipConflicts?: boolean; externalRef?: string | null;
  /** Bulk import: the caller writes the history and one audit entry for the whole file. */
  bulk?: boolean;
};

/**
 * The checks a new deal or an edited draft must pass: parties snapshotted as of the contract date, the actor is a
 * party (unless office or agent), the schedule adds up, the giving side holds the patents, no conflicting licence.
 */
async function checkDealInput(tx: Queryable, actor: Actor, input: DealInput, o: { today: string; holdsCheck: boolean; conflicts: boolean; excludeDealId?: number }) {
  const patents = await loadPatents(tx, input.patentIds);
  const parties = await snapshotParties(tx, input.parties, input.contractDate ?? null);
  if (!isOffice(actor) && actor.role !== 'service_agent' && !parties.some((p) => p.orgId === actor.orgId)) {
    throw new AppError('RULE_VIOLATION', '只能登记本机构作为当事方的交易', { code: 'NOT_A_PARTY' });
  }
  const problems = scheduleProblems(input.contractAmountFen, input.amountBasis, input.schedule, input.contractDate ?? null);
  if (problems.length) throw new AppError('VALIDATION', problems[0], problems.map((m) => ({ path: 'schedule', message: m })));
  if (o.holdsCheck) await assertOutPartyHolds(tx, patents, parties, input.licenceKind);
  if (o.conflicts) {
    await checkConflicts(tx, patents, {
      kind: input.kind, licenceKind: input.licenceKind, start: input.effectiveDate ?? input.contractDate ?? o.today, end: input.endDate ?? null,
      territory: input.territory ?? null, field: input.field ?? null, pledgeeConsent: input.pledgeeConsent, ...(o.excludeDealId ? { excludeDealId: o.excludeDealId } : {}),
    });
  }
  return { parties };
}

/** Creates a deal (draft unless told otherwise) with its parties as of the deal date, patents and schedule. */
export async function createDealTx(tx: Queryable, actor: Actor, input: DealInput, o: CreateOptions): Promise<number> {
  assertCanWrite(actor);
  const { parties } = await checkDealInput(tx, actor, input, { today: o.today, holdsCheck: !o.bulk, conflicts: !o.skipConflicts });
  const state = o.state ?? 'draft';
  const id = await insertDeal(tx, {
    kind: input.kind, licenceKind: input.licenceKind ?? null, title: input.title, state, contractDate: input.contractDate ?? null,
    effectiveDate: input.effectiveDate ?? null, endDate: input.endDate ?? null, contractAmountFen: input.contractAmountFen, amountBasis: input.amountBasis,
    registrationNo: input.registrationNo ?? null, registrationDate: input.registrationDate ?? null, source: o.source ?? 'platform',
    recordedByOrgId: actor.orgId, createdBy: actor.userId || null, note: input.note ?? null, territory: input.territory ?? null, field: input.field ?? null,
    pledgeeConsent: input.pledgeeConsent, externalRef: o.externalRef ?? null,
  });
  for (const p of parties) await insertParty(tx, id, { ...p, role: partyRole(input.kind, p.side) });
  await insertDealPatents(tx, id, input.patentIds);
  await insertSchedule(tx, id, input.schedule);
  if (!o.bulk) await insertHistory(tx, id, null, state, input.contractDate ?? o.today, null, actor.userId);
  if (state !== 'draft' && state !== 'terminated') {
    await recordUses(tx, { id, kind: input.kind, contract_date: input.contractDate ?? null, effective_date: input.effectiveDate ?? null, end_date: input.endDate ?? null, title: input.title } as DealRow, parties, input.patentIds, actor);
  }
  if (!o.bulk) await audit(tx, actor, { action: 'deal.create', entity: 'deal', entityId: id, after: { ...input, state, parties } });
  return id;
}

export async function transitionDeal(tx: Queryable, actor: Actor, id: number, input: TransitionInput): Promise<void> {
  assertCanWrite(actor);
  const d = await loadVisibleDeal(tx, actor, id, true);
  const parties = await partiesOf(tx, [id]);
  const links = await patentsOf(tx, [id]);
  const result = applyTransition(factsOf(d, parties, links.length), input);
  if (input.to === 'signed') {
    const patents = await loadPatents(tx, links.map((l) => l.patent_id));
    await checkConflicts(tx, patents, {
      kind: d.kind, licenceKind: d.licence_kind as DealInput['licenceKind'], start: d.effective_date ?? d.contract_date ?? input.date, end: d.end_date,
      territory: d.territory, field: d.field, pledgeeConsent: d.pledgee_consent, excludeDealId: id,
    });
  }
  await query(tx, `update deals set state = $2, registration_no = $3, registration_date = $4, effective_date = $5,
                   terminated_reason = case when $2 = 'terminated' then $6 else terminated_reason end, updated_at = now() where id = $1`,
    [id, result.state, result.registrationNo, result.registrationDate, result.effectiveDate, input.reason ?? null]);
  await insertHistory(tx, id, d.state, result.state, input.date, input.reason ?? null, actor.userId);
  const after = (await getDealRow(tx, id))!;
  const patentIds = links.map((l) => l.patent_id);
  if (result.state === 'signed') await recordUses(tx, after, parties, patentIds, actor);
  if (result.state === 'terminated') await endPatentUses(tx, 'deal', id, input.date);
  if (result.state === 'registered' && d.kind !== 'licence') {
    const eff = transferEffectiveDate({ kind: after.kind, registrationDate: after.registration_date, effectiveDate: after.effective_date, contractDate: after.contract_date });
    if (eff) await applyHolderChange(tx, after, parties.map((p) => ({ side: p.side, name: p.name, orgId: p.org_id })), patentIds, eff);
  }
  await audit(tx, actor, { action: 'deal.transition', entity: 'deal', entityId: id, before: { state: d.state }, after: { state: result.state, date: input.date, reason: input.reason ?? null, registrationNo: result.registrationNo, registrationDate: result.registrationDate } });
}

/** Records one payment received (实际到账) after the domain checks, under the deal's row lock. */
export async function recordPaymentTx(tx: Queryable, actor: Actor, dealId: number, input: PaymentInput, key: string | null, opts: { maxFen?: number } = {}) {
  assertCanWrite(actor);
  const d = await loadVisibleDeal(tx, actor, dealId, true);
  assertPaymentAllowed({ state: d.state as DealState, contractDate: d.contract_date, contractAmountFen: d.contract_amount_fen, amountBasis: d.amount_basis, receivedFen: d.received_fen ?? 0 },
    { receivedDate: input.receivedDate, amountFen: input.amountFen });
  if (opts.maxFen !== undefined && input.amountFen > opts.maxFen) {
    throw new AppError('RULE_VIOLATION', `付款金额超过应付未付金额（${opts.maxFen} 分）`, { code: 'OVERPAID', maxFen: opts.maxFen });
  }
  const p = await insertPayment(tx, dealId, { receivedDate: input.receivedDate, amountFen: input.amountFen, reference: input.reference ?? null }, actor.userId, key);
  await audit(tx, actor, { action: 'deal.recordPayment', entity: 'deal', entityId: dealId, after: { paymentId: p.id, ...input } });
  return { id: p.id, dealId, receivedDate: p.received_date, amountFen: p.amount_fen, reference: p.reference, receivedTotalFen: (d.received_fen ?? 0) + p.amount_fen };
}

export async function dealDetail(db: Queryable, actor: Actor, id: number, today: string) {
  const d = await loadVisibleDeal(db, actor, id);
  const [parties, patents, schedule, payments, history] = await Promise.all([partiesOf(db, [id]), patentsOf(db, [id]), scheduleOf(db, id), paymentsOf(db, id), historyOf(db, id)]);
  const money = moneySummary(d.contract_amount_fen, schedule.map((s) => ({ dueDate: s.due_date, amountFen: s.amount_fen })),
    payments.map((p) => ({ receivedDate: p.received_date, amountFen: p.amount_fen })), today);
  return { d, parties, patents, schedule, payments, history, money };
}

export async function dealList(db: Queryable, actor: Actor, q: DealListQuery) {
  const { rows, total } = await listDeals(db, { ...q, visibleToOrg: isOffice(actor) ? undefined : actor.orgId }, q);
  const ids = rows.map((r) => r.id);
  const [parties, patents] = ids.length ? await Promise.all([partiesOf(db, ids), patentsOf(db, ids)]) : [[], []];
  return { rows, total, parties, patents };
}

/** Replaces a draft's content (parties re-snapshotted, patents and schedule rewritten); only drafts can be edited. */
export async function updateDraftTx(tx: Queryable, actor: Actor, id: number, input: DealInput, today: string): Promise<void> {
  assertCanWrite(actor);
  const before = await loadVisibleDeal(tx, actor, id, true);
  if (before.state !== 'draft') throw new AppError('ILLEGAL_TRANSITION', '只有草稿可以修改，已签订的交易请通过状态变更处理', { state: before.state });
  const { parties } = await checkDealInput(tx, actor, input, { today, holdsCheck: true, conflicts: true, excludeDealId: id });
  await query(tx, `update deals set kind = $2, licence_kind = $3, title = $4, contract_date = $5, effective_date = $6, end_date = $7, contract_amount_fen = $8,
                   amount_basis = $9, registration_no = $10, registration_date = $11, note = $12, territory = $13, field = $14, pledgee_consent = $15, updated_at = now() where id = $1`,
    [id, input.kind, input.licenceKind ?? null, input.title, input.contractDate ?? null, input.effectiveDate ?? null, input.endDate ?? null, input.contractAmountFen,
      input.amountBasis, input.registrationNo ?? null, input.registrationDate ?? null, input.note ?? null, input.territory ?? null, input.field ?? null, input.pledgeeConsent]);
  await query(tx, `delete from deal_parties where deal_id = $1`, [id]);
  await query(tx, `delete from deal_patents where deal_id = $1`, [id]);
  await query(tx, `delete from deal_schedule where deal_id = $1`, [id]);
  for (const p of parties) await insertParty(tx, id, { ...p, role: partyRole(input.kind, p.side) });
  await insertDealPatents(tx, id, input.patentIds);
  await insertSchedule(tx, id, input.schedule);
  await audit(tx, actor, { action: 'deal.update', entity: 'deal', entityId: id, before, after: { ...input, parties } });
}
