/** JSON shapes of the deal ledger: amounts in fen with their 元 / 万元 texts, labels in Chinese. */
import { formatWan, formatYuan } from '@zhuanhua/domain';
import { DEAL_KIND_LABELS, DEAL_STATE_LABELS, LICENCE_KIND_LABELS, type DealKind, type DealState, type LicenceKind } from '@zhuanhua/domain/deal/deal.schemas.ts';
import { PARTY_ROLE_LABELS, filingLate, nextStates } from '@zhuanhua/domain/deal/deal.rules.ts';
import type { DealRow, HistoryRow, PartyRow, PatentLink, PaymentRow, ScheduleRow } from './deal.repo.ts';

export const money = (fen: number) => ({ fen, yuan: formatYuan(fen), wan: formatWan(fen) });

export const presentParty = (p: PartyRow) => ({
  side: p.side, role: p.role, roleLabel: PARTY_ROLE_LABELS[p.role] ?? p.role, orgId: p.org_id, name: p.name,
  orgType: p.org_type, sizeClass: p.size_class, regionCode: p.region_code,
});

export function presentDealSummary(d: DealRow, parties: PartyRow[], patents: PatentLink[]) {
  return {
    id: d.id, kind: d.kind, kindLabel: DEAL_KIND_LABELS[d.kind as DealKind], licenceKind: d.licence_kind,
    licenceKindLabel: d.licence_kind ? LICENCE_KIND_LABELS[d.licence_kind as LicenceKind] : null,
    title: d.title, state: d.state, stateLabel: DEAL_STATE_LABELS[d.state as DealState], source: d.source,
    contractDate: d.contract_date, effectiveDate: d.effective_date, endDate: d.end_date,
    registrationNo: d.registration_no, registrationDate: d.registration_date,
    contractAmount: money(d.contract_amount_fen), received: money(d.received_fen ?? 0), amountBasis: d.amount_basis,
    parties: parties.filter((p) => p.deal_id === d.id).map(presentParty),
    patents: patents.filter((p) => p.deal_id === d.id).map((p) => ({ id: p.patent_id, applicationNumber: p.application_number, title: p.title, type: p.type, legalStatus: p.legal_status })),
  };
}

export function presentDealDetail(x: { d: DealRow; parties: PartyRow[]; patents: PatentLink[]; schedule: ScheduleRow[]; payments: PaymentRow[]; history: HistoryRow[]; money: { contractAmountFen: number; scheduledFen: number; receivedFen: number; outstandingFen: number; overdueFen: number; receivedByYear: { year: number; amountFen: number }[] } }) {
  const { d } = x;
  return {
    ...presentDealSummary(d, x.parties, x.patents),
    territory: d.territory, field: d.field, note: d.note, pledgeeConsent: d.pledgee_consent, terminatedReason: d.terminated_reason,
    nextStates: nextStates(d.state as DealState), filingLate: filingLate({ kind: d.kind, effectiveDate: d.effective_date, contractDate: d.contract_date, registrationDate: d.registration_date }),
    schedule: x.schedule.map((s) => ({ id: s.id, dueDate: s.due_date, amount: money(s.amount_fen), note: s.note })),
    payments: x.payments.map((p) => ({ id: p.id, receivedDate: p.received_date, amount: money(p.amount_fen), reference: p.reference, createdAt: p.created_at })),
    history: x.history.map((h) => ({ from: h.from_state, to: h.to_state, toLabel: DEAL_STATE_LABELS[h.to_state as DealState], date: h.on_date, reason: h.reason, by: h.actor_name, at: h.created_at })),
    money: {
      contractAmount: money(x.money.contractAmountFen), scheduled: money(x.money.scheduledFen), received: money(x.money.receivedFen),
      outstanding: money(x.money.outstandingFen), overdue: money(x.money.overdueFen),
      receivedByYear: x.money.receivedByYear.map((y) => ({ year: y.year, amount: money(y.amountFen) })),
    },
    createdAt: d.created_at, updatedAt: d.updated_at,
  };
}
