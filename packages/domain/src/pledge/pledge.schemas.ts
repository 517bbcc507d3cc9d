import { z } from 'zod';
import { isValidIsoDate } from '../common/dates.ts';
import { PLEDGE_STATES, RISK_PARTIES } from './pledge.rules.ts';

const isoDate = z.string().refine(isValidIsoDate, '日期格式应为 YYYY-MM-DD');
const fen = z.number().int('金额须为整数（分）').nonnegative('金额不能为负');
const positiveFen = z.number().int('金额须为整数（分）').positive('金额须大于 0');
const bp = z.number().int().min(0).max(10_000);

export const VALUATION_METHODS = ['income', 'market', 'cost', 'other'] as const;
export const VALUATION_METHOD_LABELS: Record<(typeof VALUATION_METHODS)[number], string> = {
  income: '收益法', market: '市场法', cost: '成本法', other: '其他',
};
export const ENHANCEMENTS = ['none', 'insurance', 'guarantee'] as const;
export const ENHANCEMENT_LABELS: Record<(typeof ENHANCEMENTS)[number], string> = {
  none: '无', insurance: '保险', guarantee: '担保',
};

/** An enterprise applies: patents, the bank, the amount asked. */
export const pledgeApplyInput = z.object({
  pledgorOrgId: z.number().int().positive().optional(),
  pledgeeOrgId: z.number().int().positive({ message: '请选择贷款银行' }),
  /** The valuation agency chosen by the enterprise (optional): its service agents see and value the application. */
  valuerOrgId: z.number().int().positive().optional().nullable(),
  patentIds: z.array(z.number().int().positive()).min(1, '至少选择一件专利').max(200, '一次最多 200 件专利'),
  requestedAmountFen: positiveFen,
  purpose: z.string().trim().max(500).optional().nullable(),
  batchId: z.number().int().positive().optional().nullable(),
  applicationDate: isoDate,
}).strict();
export type PledgeApplyInput = z.infer<typeof pledgeApplyInput>;

export const valuationInput = z.object({
  method: z.enum(VALUATION_METHODS, { message: '评估方法不正确' }),
  valueFen: positiveFen,
  appraiser: z.string().trim().min(2, '请填写评估机构').max(100),
  feeFen: fen.default(0),
  reportNo: z.string().trim().max(60).optional().nullable(),
  valuationDate: isoDate,
}).strict();
export type ValuationInput = z.infer<typeof valuationInput>;

export const decisionInput = z.object({
  approve: z.boolean(),
  approvedAmountFen: positiveFen.optional().nullable(),
  reason: z.string().trim().max(500).optional().nullable(),
  decisionDate: isoDate,
}).strict().refine((d) => !d.approve || d.approvedAmountFen != null, { message: '批准时须填写批准金额', path: ['approvedAmountFen'] })
  .refine((d) => d.approve || (d.reason ?? '').length > 0, { message: '拒绝时须填写理由', path: ['reason'] });
export type DecisionInput = z.infer<typeof decisionInput>;

export const registrationInput = z.object({
  registrationNo: z.string().trim().min(4, '请填写质押登记号').max(60),
  registrationDate: isoDate,
  securedAmountFen: positiveFen,
  debtTermStart: isoDate,
  debtTermEnd: isoDate,
  debtType: z.string().trim().max(60).optional().nullable(),
  scopeOfSecurity: z.string().trim().max(500).optional().nullable(),
  coOwnerConsentOrgIds: z.array(z.number().int().positive()).optional(),
}).strict().refine((r) => r.debtTermEnd > r.debtTermStart, { message: '债务履行期限结束须晚于开始', path: ['debtTermEnd'] });
export type RegistrationInput = z.infer<typeof registrationInput>;

export const riskShareInput = z.object(Object.fromEntries(RISK_PARTIES.map((p) => [p, bp])) as Record<(typeof RISK_PARTIES)[number], typeof bp>);

export const loanInput = z.object({
  loanAmountFen: positiveFen,
  rateBp: z.number().int().min(0).max(3600),
  loanStart: isoDate,
  loanEnd: isoDate,
  enhancement: z.enum(ENHANCEMENTS).default('none'),
  enhancerName: z.string().trim().max(100).optional().nullable(),
  premiumFen: fen.default(0),
  riskShare: riskShareInput,
}).strict();
export type LoanInput = z.infer<typeof loanInput>;

export const repaymentInput = z.object({
  date: isoDate,
  principalFen: fen,
  interestFen: fen.default(0),
  idempotencyKey: z.string().max(80).optional().nullable(),
}).strict();
export type RepaymentInput = z.infer<typeof repaymentInput>;

export const releaseInput = z.object({ releasedDate: isoDate, note: z.string().max(500).optional().nullable() }).strict();
export const defaultInput = z.object({
  defaultDate: isoDate,
  unpaidInterestFen: fen.default(0),
  note: z.string().max(500).optional().nullable(),
}).strict();
export const claimInput = z.object({
  claimDate: isoDate,
  recoveredFen: fen.default(0),
  includeInterest: z.boolean().default(false),
  fundCapFen: fen.optional().nullable(),
}).strict();

export const batchInput = z.object({
  name: z.string().trim().min(2, '请填写批次名称').max(100),
  bankOrgId: z.number().int().positive(),
  parkName: z.string().trim().max(100).optional().nullable(),
  creditLineFen: positiveFen,
  startDate: isoDate,
  endDate: isoDate,
}).strict().refine((b) => b.endDate > b.startDate, { message: '授信结束日须晚于开始日', path: ['endDate'] });
export type BatchInput = z.infer<typeof batchInput>;

export const pledgeListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  state: z.enum(PLEDGE_STATES).optional(),
  q: z.string().max(100).optional(),
  batchId: z.coerce.number().int().positive().optional(),
  sort: z.enum(['id', '-id', 'registrationDate', '-registrationDate']).default('-id'),
});
