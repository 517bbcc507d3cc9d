/**
 * Open licensing (专利开放许可) and "use first, pay later" (先使用后付费): zod schemas of the request bodies.
 * Money is integer fen; rates are integer basis points (1 bp = 0.01%, 10,000 bp = 100%).
 */
import { z } from 'zod';
import { isValidIsoDate } from '../common/dates.ts';

export const FEE_MODES = ['free', 'lump_sum', 'royalty', 'entry_plus_royalty'] as const;
export type FeeMode = (typeof FEE_MODES)[number];
export const FEE_MODE_LABELS: Record<FeeMode, string> = {
  free: '免费许可',
  lump_sum: '一次性付费',
  royalty: '提成支付',
  entry_plus_royalty: '入门费+提成',
};

/** What a royalty is computed on: net sales, profit (rate × base), or units sold (fee per unit). */
export const ROYALTY_BASES = ['net_sales', 'profit', 'units'] as const;
export type RoyaltyBase = (typeof ROYALTY_BASES)[number];
export const ROYALTY_BASE_LABELS: Record<RoyaltyBase, string> = { net_sales: '净销售额', profit: '利润', units: '销售数量' };

export const PERIOD_KINDS = ['month', 'quarter', 'half_year', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = { month: '按月', quarter: '按季度', half_year: '按半年', year: '按年' };
export const PERIOD_MONTHS: Record<PeriodKind, number> = { month: 1, quarter: 3, half_year: 6, year: 12 };

export const isoDate = z.string().refine(isValidIsoDate, { message: '日期格式应为 YYYY-MM-DD' });
export const fen = z.number().int('金额必须为整数（分）').min(0, '金额不能为负').max(Number.MAX_SAFE_INTEGER, '金额过大');
export const basisPoints = z.number().int('费率必须为整数（万分之一）').min(0, '费率不能为负').max(10_000, '费率不能超过 100%');

/** Fee terms of a declaration. The same terms apply to every licensee (一视同仁). */
export const feeTermsSchema = z.object({
  mode: z.enum(FEE_MODES, { message: '付费方式不正确' }),
  lumpSumFen: fen.optional(),
  entryFeeFen: fen.optional(),
  royaltyBase: z.enum(ROYALTY_BASES, { message: '提成基数不正确' }).optional(),
  royaltyRateBp: basisPoints.optional(),
  unitFeeFen: fen.optional(),
  /** Reporting / payment period of royalties. */
  periodKind: z.enum(PERIOD_KINDS, { message: '结算周期不正确' }).default('year'),
  /** Days after a period's end (or after the trial's end for fixed fees) by which the money is due. */
  dueDays: z.number().int().min(0).max(365).default(30),
  /** 先使用后付费: months of free use before the fee terms apply (0 = none). */
  trialMonths: z.number().int().min(0, '试用期不能为负').max(60, '试用期不能超过 60 个月').default(0),
}).strict().superRefine((t, ctx) => {
  const need = (cond: boolean, path: string, message: string) => {
    if (!cond) ctx.addIssue({ code: 'custom', path: [path], message });
  };
  if (t.mode === 'lump_sum') need(t.lumpSumFen !== undefined && t.lumpSumFen > 0, 'lumpSumFen', '一次性付费须填写大于 0 的金额');
  if (t.mode === 'entry_plus_royalty') need(t.entryFeeFen !== undefined && t.entryFeeFen > 0, 'entryFeeFen', '入门费须大于 0');
  if (t.mode === 'royalty' || t.mode === 'entry_plus_royalty') {
    need(t.royaltyBase !== undefined, 'royaltyBase', '提成支付须选择提成基数');
    if (t.royaltyBase === 'units') need(t.unitFeeFen !== undefined && t.unitFeeFen > 0, 'unitFeeFen', '按数量提成须填写单位提成金额');
    else if (t.royaltyBase) need(t.royaltyRateBp !== undefined && t.royaltyRateBp > 0, 'royaltyRateBp', '提成支付须填写大于 0 的提成比例');
  }
  if (t.mode === 'free') need(t.trialMonths === 0, 'trialMonths', '免费许可无需设置试用期');
});
export type FeeTerms = z.infer<typeof feeTermsSchema>;

/** Body of an open-licence declaration (开放许可声明). */
export const declarationInput = z.object({
  patentId: z.number().int().positive(),
  /** The declaring holder organisation; only the office may name another organisation than its own. */
  orgId: z.number().int().positive().optional().nullable(),
  feeTerms: feeTermsSchema,
  /** Licence period in years for each licence formed (原则上不少于 1 年). */
  licenceYears: z.number().int().min(1, '许可期限至少 1 年').max(20, '许可期限不超过 20 年'),
  territory: z.string().trim().max(100).optional().nullable(),
  otherTerms: z.string().trim().max(2000).optional().nullable(),
  /** 专利权评价报告 number; required for utility models and designs. */
  evaluationReportNo: z.string().trim().max(60).optional().nullable(),
  /** All co-owners agreed in writing (required when the patent has several holders). */
  coOwnersConsent: z.boolean().default(false),
  /** The pledgee agreed (required when the patent is pledged). */
  pledgeeConsent: z.boolean().default(false),
  /** The declarant confirmed the fee-above-guidance warnings. */
  confirmWarnings: z.boolean().default(false),
}).strict();
export type DeclarationInput = z.infer<typeof declarationInput>;

export const DECLARATION_STATES = ['submitted', 'published', 'rejected', 'withdrawn'] as const;
export type DeclarationState = (typeof DECLARATION_STATES)[number];
export const DECLARATION_STATE_LABELS: Record<DeclarationState, string> = {
  submitted: '待审核', published: '已公布', rejected: '已驳回', withdrawn: '已撤回',
};

export const reviewInput = z.object({
  decision: z.enum(['approve', 'reject'], { message: '审核结论不正确' }),
  comment: z.string().trim().max(500).optional().nullable(),
  /** The announcement date (公告日), default today; the office may record an earlier CNIPA announcement. */
  publishedDate: isoDate.optional().nullable(),
}).strict();
export type ReviewInput = z.infer<typeof reviewInput>;

export const eligibilityInput = z.object({
  patentId: z.number().int().positive(),
  orgId: z.number().int().positive().optional().nullable(),
  evaluationReportNo: z.string().trim().max(60).optional().nullable(),
  coOwnersConsent: z.boolean().default(false),
  pledgeeConsent: z.boolean().default(false),
  feeTerms: feeTermsSchema.optional(),
}).strict();
export type EligibilityInput = z.infer<typeof eligibilityInput>;

export const withdrawInput = z.object({
  date: isoDate,
  reason: z.string().trim().min(1, '请填写撤回理由').max(500),
}).strict();

/** An enterprise takes a published open licence: written notice, then payment per the terms. */
export const takeLicenceInput = z.object({
  declarationId: z.number().int().positive(),
  noticeDate: isoDate,
  paymentDate: isoDate.optional().nullable(),
  paymentReference: z.string().trim().max(100).optional().nullable(),
}).strict();
export type TakeLicenceInput = z.infer<typeof takeLicenceInput>;

/** The licensee's report of use for one period. */
export const useReportInput = z.object({
  periodStart: isoDate,
  periodEnd: isoDate,
  netSalesFen: fen.optional(),
  profitFen: z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER).optional(),
  units: z.number().int().min(0).max(1e12).optional(),
  note: z.string().trim().max(500).optional().nullable(),
}).strict().refine((r) => r.periodStart <= r.periodEnd, { message: '期间开始日期不能晚于结束日期', path: ['periodEnd'] });
export type UseReportInput = z.infer<typeof useReportInput>;

export const licencePaymentInput = z.object({
  amountFen: fen.refine((v) => v > 0, '金额必须大于 0'),
  receivedDate: isoDate,
  reference: z.string().trim().max(100).optional().nullable(),
}).strict();
export type LicencePaymentInput = z.infer<typeof licencePaymentInput>;

export const trialDecisionInput = z.object({
  decision: z.enum(['convert', 'exit'], { message: '请选择转为付费许可或退出' }),
  date: isoDate,
}).strict();
export type TrialDecisionInput = z.infer<typeof trialDecisionInput>;

/** Fee estimator (专利开放许可使用费估算指引): three approaches, each with its inputs shown. */
export const estimateInput = z.discriminatedUnion('method', [
  z.object({
    method: z.literal('cost'),
    costFen: fen,
    profitRateBp: basisPoints,
    obsolescenceBp: basisPoints,
    shareBp: basisPoints,
  }).strict(),
  z.object({
    method: z.literal('market'),
    comparables: z.array(z.object({
      label: z.string().trim().max(100).optional(),
      amountFen: fen,
      adjustmentBp: z.number().int().min(0).max(100_000),
    }).strict()).min(1, '至少需要 1 个可比交易').max(50),
  }).strict(),
  z.object({
    method: z.literal('income'),
    annualBaseFen: z.array(fen).min(1, '至少填写 1 年的预期收益').max(20, '最多 20 年'),
    royaltyRateBp: basisPoints,
    discountRateBp: z.number().int().min(0).max(10_000),
  }).strict(),
]);
export type EstimateInput = z.infer<typeof estimateInput>;
