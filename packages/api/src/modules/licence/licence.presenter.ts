/** JSON shapes of declarations, licences and pay-later figures. Amounts in fen with 元/万元 texts. */
import { FEE_MODE_LABELS, DECLARATION_STATE_LABELS, type FeeMode } from '@zhuanhua/domain/licence/licence.schemas.ts';
import { LICENCE_STATE_LABELS, feeCapWarnings, licenceStateOn } from '@zhuanhua/domain/licence/licence.rules.ts';
import { PATENT_TYPE_LABELS, type PatentType } from '@zhuanhua/domain';
import { money } from '../deal/deal.presenter.ts';
import type { DeclarationRow, LicenceRow } from './licence.repo.ts';
import { describeTerms, type licenceDetail } from './licence.service.ts';

/** Public view (catalogue): the terms are the same for every licensee, so they are public. */
export function presentDeclaration(d: DeclarationRow, full = false) {
  return {
    id: d.id, state: d.state, stateLabel: DECLARATION_STATE_LABELS[d.state], patentId: d.patent_id, applicationNumber: d.application_number,
    title: d.title, patentType: d.patent_type, patentTypeLabel: d.patent_type ? PATENT_TYPE_LABELS[d.patent_type as PatentType] : null,
    ipcMain: d.ipc_main, legalStatus: d.legal_status, regionCode: d.region_code, holderOrgId: d.org_id, holderName: d.org_name,
    feeMode: d.fee_mode, feeModeLabel: FEE_MODE_LABELS[d.fee_mode as FeeMode], feeTerms: d.fee_terms, feeText: describeTerms(d.fee_terms),
    payLater: d.pay_later, trialMonths: d.fee_terms.trialMonths, licenceYears: d.licence_years, territory: d.territory, otherTerms: d.other_terms,
    evaluationReportNo: d.evaluation_report_no, publishedDate: d.published_date, withdrawnDate: d.withdrawn_date, licenceCount: d.licence_count ?? 0,
    warnings: feeCapWarnings(d.fee_terms),
    ...(full ? {
      submittedAt: d.submitted_at, reviewedAt: d.reviewed_at, reviewComment: d.review_comment, withdrawReason: d.withdraw_reason,
      coOwnersConsent: d.co_owners_consent, pledgeeConsent: d.pledgee_consent, warningsConfirmed: d.warnings_confirmed,
    } : {}),
  };
}

export function presentLicence(l: LicenceRow, today: string) {
  const now = licenceStateOn(l.state, { licensedFrom: l.licensed_from, licensedTo: l.licensed_to, trialEnd: l.trial_end }, today);
  return {
    stateNow: now, stateNowLabel: LICENCE_STATE_LABELS[now],
    id: l.id, declarationId: l.declaration_id, dealId: l.deal_id, patentId: l.patent_id, applicationNumber: l.application_number, title: l.title,
    licensorOrgId: l.licensor_org_id, licensorName: l.licensor_name, licenseeOrgId: l.licensee_org_id, licenseeName: l.licensee_name,
    feeTerms: l.fee_terms, feeText: describeTerms(l.fee_terms), noticeDate: l.notice_date, paymentDate: l.payment_date,
    licensedFrom: l.licensed_from, licensedTo: l.licensed_to, trialEnd: l.trial_end, state: l.state, stateLabel: LICENCE_STATE_LABELS[l.state],
    decidedOn: l.decided_on, received: money(l.received_fen ?? 0),
  };
}

export function presentLicenceDetail(x: Awaited<ReturnType<typeof licenceDetail>>, today: string) {
  return {
    ...presentLicence(x.l, today),
    role: x.role, territory: x.l.territory ?? null, otherTerms: x.l.other_terms ?? null,
    dueTotal: money(x.dueTotalFen), outstanding: money(x.outstandingFen),
    dueItems: x.items.map((i) => ({ key: i.key, label: i.label, dueDate: i.dueDate, amount: money(i.amountFen), paid: money(i.paidFen), outstanding: money(i.amountFen - i.paidFen) })),
    reminders: x.reminders.map((r) => ({ ...r, outstanding: money(r.outstandingFen) })),
    periods: x.periods,
    reports: x.reports.map((r) => ({
      id: r.id, periodStart: r.period_start, periodEnd: r.period_end, netSales: r.net_sales_fen === null ? null : money(r.net_sales_fen),
      profit: r.profit_fen === null ? null : money(r.profit_fen), units: r.units, due: money(r.due_fen), dueDate: r.due_date, inTrial: r.in_trial, note: r.note,
    })),
    payments: x.payments.map((p) => ({ id: p.id, receivedDate: p.received_date, amount: money(p.amount_fen), reference: p.reference })),
  };
}
