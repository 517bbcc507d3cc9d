import {
  APPLICATION_STATE_LABELS, describeRule, ITEM_KIND_LABELS, type ItemKind, type PolicyVersion,
} from '@zhuanhua/domain/subsidy/index.ts';
import type { Actor } from '../../http/actor.ts';
import type { ApplicationRow, PolicyWithVersions } from './subsidy.repo.ts';

export function presentPolicy(p: PolicyWithVersions, current: PolicyVersion) {
  return {
    id: p.id, code: p.code, regionCode: p.region_code, regionName: p.region_name, year: p.year, itemKind: p.item_kind,
    itemKindLabel: ITEM_KIND_LABELS[p.item_kind as ItemKind], presetCode: p.preset_code,
    name: current.terms.name, description: current.terms.description, source: current.terms.source, notes: current.terms.notes,
    currentVersion: current.version, effectiveFrom: current.effectiveFrom, versionCount: p.versions.length,
    terms: current.terms, ruleText: describeRule(current.terms.rule),
  };
}

export function presentApplication(r: ApplicationRow, viewer: Actor) {
  const office = viewer.role === 'platform_admin' || viewer.role === 'auditor';
  return {
    id: r.id, policyId: r.policy_id, policyCode: r.policy_code, policyName: r.policy_name ?? null, policyVersion: r.policy_version, year: r.policy_year,
    applicantOrgId: r.applicant_org_id, applicantName: r.applicant_name ?? null, applicantSizeClass: r.applicant_size_class, applicantRegionCode: r.applicant_region_code,
    itemKind: r.item_kind, itemLabel: r.item_label, recordId: r.record_id,
    status: r.status, statusLabel: APPLICATION_STATE_LABELS[r.status],
    claimedAmountFen: Number(r.claimed_amount_fen), amountFen: Number(r.amount_fen), requestedFen: r.requested_fen == null ? null : Number(r.requested_fen),
    submittedOn: r.submitted_on, noticeStart: r.notice_start, noticeEnd: r.notice_end, approvedOn: r.approved_on, paidOn: r.paid_on,
    paymentRef: office || viewer.orgId === r.applicant_org_id ? r.payment_ref : null,
    rejectReason: r.reject_reason, rejectedFrom: r.rejected_from,
    firstReviewerId: office ? r.first_reviewer_id : null, secondReviewerId: office ? r.second_reviewer_id : null,
  };
}
