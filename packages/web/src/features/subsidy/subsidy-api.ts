/** Types and small helpers of the subsidy screens. Money arrives in fen; shown in 元. */
import { formatYuan, yuanToFen } from '@zhuanhua/domain';
import type { AmountResult, Check, PolicyTerms } from '@zhuanhua/domain/subsidy/index.ts';

export type PolicySummary = {
  id: number; code: string; regionCode: string; regionName: string; year: number; itemKind: string; itemKindLabel: string; presetCode: string | null;
  name: string; description: string; source: string; notes: string; currentVersion: number; effectiveFrom: string; versionCount: number;
  terms: PolicyTerms; ruleText: string;
  budget: { budgetFen: number; committedFen: number; paidFen: number; availableFen: number };
};
export type PolicyDetail = PolicySummary & { versions: { version: number; effectiveFrom: string; terms: PolicyTerms; ruleText: string }[]; today: string };

export type Assessment = {
  eligible: boolean; itemKey: string | null; checks: Check[]; missingEvidence: string[]; amount: AmountResult | null;
  record: { id: number; label: string };
  policy: { id: number; name: string; version: number; effectiveFrom: string; ruleText: string; source: string };
  applicant: { orgId: number; name: string }; today: string;
};

export type ApplicationSummary = {
  id: number; policyId: number; policyName: string | null; policyVersion: number; year: number; applicantOrgId: number; applicantName: string | null;
  itemKind: string; itemLabel: string; status: string; statusLabel: string; claimedAmountFen: number; amountFen: number; submittedOn: string;
  noticeStart: string | null; noticeEnd: string | null; approvedOn: string | null; paidOn: string | null; paymentRef: string | null;
  rejectReason: string | null; actions: string[];
};
export type ApplicationDetail = ApplicationSummary & {
  assessment: Assessment; declared: Record<string, number | null>;
  versionInfo: { version: number; effectiveFrom: string; ruleText: string; twoReviewerThresholdFen: number; noticeDays: number };
  objections: { id: number; raisedOn: string; text: string; status: string; resolution: string | null; resolvedOn: string | null }[];
  steps: { id: number; action: string; date: string; from: string | null; to: string; amountFen: number | null; note: string | null; actorName: string | null }[];
  today: string;
};

export const yuan = (fen: number | null | undefined): string => (fen == null ? '—' : `${formatYuan(fen)} 元`);
/** 元 typed in an input (number or string) → fen, exactly (no float maths); undefined when empty or invalid. */
export function toFen(v: number | string | null | undefined): number | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  try { return yuanToFen(typeof v === 'number' ? v.toFixed(2) : v); } catch { return undefined; }
}
export const fenToYuanNumber = (fen: number | null | undefined): number | null => (fen == null ? null : fen / 100);

export const STATUS_COLORS: Record<string, string> = {
  submitted: 'blue', accepted: 'geekblue', first_reviewed: 'cyan', second_reviewed: 'cyan', in_notice: 'orange', approved: 'green', paid: 'success',
  rejected: 'red', withdrawn: 'default',
};
export const STEP_LABELS: Record<string, string> = {
  submit: '提交申请', accept: '受理', first_review: '初审通过', second_review: '复审通过', start_notice: '开始公示', raise_objection: '提出异议',
  resolve_objection: '处理异议', approve: '批准', pay: '拨付', reject: '驳回', withdraw: '撤回',
};
