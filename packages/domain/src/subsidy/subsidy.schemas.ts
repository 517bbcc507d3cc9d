/** Request bodies and queries of the subsidy module (zod). Money in integer fen, rates in basis points. */
import { z } from 'zod';
import { isValidIsoDate } from '../common/dates.ts';
import { ORG_TYPES, PATENT_TYPES, SIZE_CLASSES } from '../common/roles.ts';
import {
  AWARD_KINDS, BASE_KINDS, COST_KINDS, HONOUR_KINDS, ITEM_KINDS, SUBSIDY_DEAL_KINDS, termsProblems, type PolicyTerms,
} from './subsidy.policy.ts';
import { APPLICATION_STATES } from './subsidy.workflow.ts';

const isoDate = z.string().refine(isValidIsoDate, '日期格式应为 YYYY-MM-DD');
const fen = z.number().int('金额须为整数（分）').min(0, '金额不能为负').max(Number.MAX_SAFE_INTEGER, '金额过大');
const positiveFen = fen.refine((v) => v > 0, '金额须大于 0');
const bp = z.number().int('比例须为整数（基点）').min(0, '比例不能为负').max(10_000, '比例不能超过 100%');
const id = z.number().int().positive();
const regionCode = z.string().trim().regex(/^\d{2}(\d{2}){0,2}$/, '行政区划代码应为 2、4 或 6 位数字');

const costComponent = z.object({
  cost: z.enum(COST_KINDS, { message: '费用类型不正确' }),
  shareBp: bp,
  baseRateBp: bp.optional().nullable(),
  base: z.enum(BASE_KINDS, { message: '计算基数不正确' }).optional().nullable(),
  capFen: fen.optional().nullable(),
}).strict();

export const amountRuleInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), amountFen: positiveFen }).strict(),
  z.object({ kind: z.literal('rate'), base: z.enum(BASE_KINDS, { message: '计算基数不正确' }), rateBp: bp }).strict(),
  z.object({ kind: z.literal('cost_share'), components: z.array(costComponent).min(1, '至少需要一项费用').max(10) }).strict(),
  z.object({ kind: z.literal('tiered'), tiers: z.array(z.object({ minScore: z.number().min(0).max(1000), amountFen: fen }).strict()).min(1, '至少需要一档').max(20) }).strict(),
], { message: '金额规则类型不正确' });

export const criteriaInput = z.object({
  orgTypes: z.array(z.enum(ORG_TYPES, { message: '机构类型不正确' })).nullable(),
  sizeClasses: z.array(z.enum(SIZE_CLASSES, { message: '规模类型不正确' })).nullable(),
  smeOnly: z.boolean(),
  inRegion: z.boolean(),
  recordInPolicyYear: z.boolean(),
  honourKinds: z.array(z.enum(HONOUR_KINDS)).optional().nullable(),
  awardKinds: z.array(z.enum(AWARD_KINDS)).optional().nullable(),
  patentTypes: z.array(z.enum(PATENT_TYPES)).optional().nullable(),
  dealKinds: z.array(z.enum(SUBSIDY_DEAL_KINDS)).optional().nullable(),
  minScore: z.number().min(0).max(1000).optional().nullable(),
}).strict();

export const policyTermsInput = z.object({
  name: z.string().trim().min(2, '请填写政策名称').max(200),
  description: z.string().trim().max(2000).default(''),
  budgetFen: fen,
  criteria: criteriaInput,
  rule: amountRuleInput,
  perItemCapFen: fen.nullable(),
  perOrgYearCapFen: fen.nullable(),
  feeShareCapBp: bp.nullable(),
  twoReviewerThresholdFen: fen,
  noticeDays: z.number().int().min(1, '公示期至少 1 天').max(60, '公示期最多 60 天'),
  source: z.string().trim().max(200).default(''),
  notes: z.string().trim().max(2000).default(''),
}).strict().superRefine((t, ctx) => {
  for (const p of termsProblems(t as PolicyTerms)) ctx.addIssue({ code: 'custom', message: p });
});
export type PolicyTermsInput = z.infer<typeof policyTermsInput>;

export const policyCreateInput = z.object({
  code: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{2,60}$/, '政策编码须为 3～60 位小写字母、数字或连字符'),
  regionCode,
  regionName: z.string().trim().min(2, '请填写区域名称').max(60),
  year: z.number().int().min(2000).max(2100),
  itemKind: z.enum(ITEM_KINDS, { message: '资助事项类型不正确' }),
  effectiveFrom: isoDate,
  terms: policyTermsInput,
}).strict();
export type PolicyCreateInput = z.infer<typeof policyCreateInput>;

/** Create the seed presets for a year. */
export const presetInstallInput = z.object({
  year: z.number().int().min(2000).max(2100),
  codes: z.array(z.string()).optional(),
}).strict();

export const policyVersionInput = z.object({ effectiveFrom: isoDate, terms: policyTermsInput }).strict();
export type PolicyVersionInput = z.infer<typeof policyVersionInput>;

/**
 * Figures the applicant declares with vouchers, for what the ledgers do not hold: the official fees paid for a patent,
 * subsidies already received for it from other sources, service fees of a deal. The reviewers check them.
 */
export const declaredInput = z.object({
  officialFeesPaidFen: fen.optional().nullable(),
  priorSubsidiesFen: fen.optional().nullable(),
  serviceFeeFen: fen.optional().nullable(),
}).strict();
export type DeclaredInput = z.infer<typeof declaredInput>;

/** Pre-check (live eligibility and amount) and submission. The record is a ledger record of the policy's item kind. */
export const claimCheckInput = z.object({
  policyId: id,
  recordId: id,
  applicantOrgId: id.optional(),
  requestedFen: positiveFen.optional().nullable(),
  declared: declaredInput.optional(),
}).strict();
export type ClaimCheckInput = z.infer<typeof claimCheckInput>;

export const applicationSubmitInput = z.object({
  policyId: id,
  recordId: id,
  applicantOrgId: id.optional(),
  requestedFen: positiveFen.optional().nullable(),
  declared: declaredInput.optional(),
  note: z.string().trim().max(1000).optional().nullable(),
  idempotencyKey: z.string().trim().min(8).max(80).optional().nullable(),
}).strict();
export type ApplicationSubmitInput = z.infer<typeof applicationSubmitInput>;

const reason = z.string().trim().min(2, '请填写理由').max(500);
/** Office actions on an application. The date defaults to today (server side). */
export const reviewActionInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept'), date: isoDate.optional() }).strict(),
  z.object({ action: z.literal('first_review'), date: isoDate.optional(), amountFen: positiveFen.optional().nullable(), note: z.string().max(500).optional().nullable() }).strict(),
  z.object({ action: z.literal('second_review'), date: isoDate.optional(), amountFen: positiveFen.optional().nullable(), note: z.string().max(500).optional().nullable() }).strict(),
  z.object({ action: z.literal('start_notice'), date: isoDate.optional() }).strict(),
  z.object({ action: z.literal('approve'), date: isoDate.optional() }).strict(),
  z.object({ action: z.literal('reject'), date: isoDate.optional(), reason }).strict(),
], { message: '审核操作不正确' });
export type ReviewActionInput = z.infer<typeof reviewActionInput>;

export const paymentInput = z.object({
  date: isoDate,
  reference: z.string().trim().min(2, '请填写拨付凭证号').max(80),
}).strict();
export type PaymentInput = z.infer<typeof paymentInput>;

export const objectionInput = z.object({
  text: z.string().trim().min(2, '请填写异议内容').max(2000),
  contact: z.string().trim().max(100).optional().nullable(),
}).strict();
export const objectionResolveInput = z.object({ upheld: z.boolean(), resolution: reason, date: isoDate.optional() }).strict();

/** The office's register of titles, awards and county evaluations (records that are not in another ledger). */
export const evidenceRecordInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('honour'), orgId: id, honour: z.enum(HONOUR_KINDS, { message: '称号类型不正确' }), date: isoDate, documentNo: z.string().trim().max(100).optional().nullable() }).strict(),
  z.object({ kind: z.literal('award'), orgId: id, award: z.enum(AWARD_KINDS, { message: '奖项类型不正确' }), date: isoDate, patentId: id.optional().nullable(), documentNo: z.string().trim().max(100).optional().nullable() }).strict(),
  z.object({ kind: z.literal('county_evaluation'), regionCode, year: z.number().int().min(2000).max(2100), score: z.number().min(0).max(100, '得分须在 0～100 之间'), documentNo: z.string().trim().max(100).optional().nullable() }).strict(),
], { message: '记录类型不正确' });
export type EvidenceRecordInput = z.infer<typeof evidenceRecordInput>;

const page = z.coerce.number().int().min(1).default(1);
const pageSize = z.coerce.number().int().min(1).max(200).default(20);

export const policyListQuery = z.object({
  page, pageSize,
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  regionCode: regionCode.optional(),
  itemKind: z.enum(ITEM_KINDS).optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(['id', '-id', 'year', '-year', 'code']).default('-id'),
});

export const applicationListQuery = z.object({
  page, pageSize,
  policyId: z.coerce.number().int().positive().optional(),
  status: z.enum(APPLICATION_STATES).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  /** Applications claiming on this patent (grant subsidies). */
  patentId: z.coerce.number().int().positive().optional(),
  /** Only the applications the current reviewer can act on. */
  queue: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
  sort: z.enum(['id', '-id', 'submittedOn', '-submittedOn', 'amount', '-amount']).default('-id'),
});

export const budgetQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

/** Demo/training servers only: move the module's business date forward (e.g. past a public notice period). */
export const demoClockInput = z.object({ advanceDays: z.number().int().min(0).max(400) }).strict();
