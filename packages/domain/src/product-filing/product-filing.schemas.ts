import { z } from 'zod';
import { isValidIsoDate } from '../common/dates.ts';
import { FILING_STATES } from './product-filing.rules.ts';

const isoDate = z.string().refine(isValidIsoDate, '日期格式应为 YYYY-MM-DD');
const fen = z.number().int('金额须为整数（分）').nonnegative('金额不能为负');

export const filingPatentInput = z.object({
  patentId: z.number().int().positive(),
  role: z.enum(['own', 'licensed'], { message: '专利角色须为自有或被许可' }),
  dealId: z.number().int().positive().optional().nullable(),
});

export const filingInput = z.object({
  orgId: z.number().int().positive().optional(),
  productName: z.string().trim().min(2, '请填写产品名称').max(100, '产品名称过长'),
  category: z.string().trim().min(1, '请选择产品类别').max(40),
  productionStart: isoDate.optional().nullable(),
  description: z.string().trim().max(2000).optional().nullable(),
  patents: z.array(filingPatentInput).min(1, '至少列出一件产品实施的专利').max(100),
  integrityPledge: z.literal(true, { message: '请勾选诚信承诺' }),
}).strict();
export type FilingInput = z.infer<typeof filingInput>;

export const filingSubmitInput = z.object({ filingDate: isoDate }).strict();
export const filingReviewInput = z.object({
  approve: z.boolean(),
  reason: z.string().trim().max(500).optional().nullable(),
}).strict().refine((r) => r.approve || (r.reason ?? '').length > 0, { message: '退回时须填写理由', path: ['reason'] });
export const filingWithdrawInput = z.object({ reason: z.string().trim().min(1, '请填写撤销理由').max(500) }).strict();

export const yearReportInput = z.object({
  year: z.number().int().min(2000).max(2100),
  outputFen: fen,
  salesFen: fen,
  exportFen: fen.default(0),
  profitFen: z.number().int().optional().nullable(),
  ipInvestmentFen: fen.default(0),
  jobs: z.number().int().nonnegative('带动就业人数不能为负'),
}).strict();
export type YearReportInput = z.infer<typeof yearReportInput>;

export const filingListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  state: z.enum(FILING_STATES).optional(),
  q: z.string().max(100).optional(),
  sort: z.enum(['id', '-id', 'filingDate', '-filingDate']).default('-id'),
});
