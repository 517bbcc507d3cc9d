import { z } from 'zod';
import { isValidIsoDate } from '../common/dates.ts';
import { DEMAND_MODES, DEMAND_STATES, FEEDBACK_KINDS, FEEDBACK_REASONS } from './demand.rules.ts';

const isoDate = z.string().refine(isValidIsoDate, '日期格式应为 YYYY-MM-DD');
const fen = z.number().int('金额须为整数（分）').nonnegative('金额不能为负');
const text = (max: number, label: string) => z.string().trim().max(max, `${label}不能超过 ${max} 字`);

/** What an SME (or an agent for it) fills in. */
export const demandInput = z.object({
  orgId: z.number().int().positive().optional(),
  title: z.string().trim().min(4, '需求名称至少 4 个字').max(100, '需求名称不能超过 100 字'),
  description: z.string().trim().min(10, '需求描述至少 10 个字').max(4000, '需求描述不能超过 4000 字'),
  indicators: text(2000, '技术指标').optional().nullable(),
  problem: text(2000, '待解决问题').optional().nullable(),
  foundation: text(2000, '现有基础').optional().nullable(),
  industry: text(100, '所属行业').optional().nullable(),
  regionCode: z.string().regex(/^\d{6}$/, '行政区划代码应为 6 位数字').optional().nullable(),
  budgetMinFen: fen.optional().nullable(),
  budgetMaxFen: fen.optional().nullable(),
  mode: z.enum(DEMAND_MODES, { message: '合作方式不正确' }).default('any'),
  validUntil: isoDate.optional().nullable(),
  contactName: text(50, '联系人').optional().nullable(),
  contactPhone: z.string().trim().regex(/^[\d\-+ ]{7,20}$/, '联系电话格式不正确').optional().nullable(),
  contactEmail: z.string().trim().email('邮箱格式不正确').optional().nullable(),
}).strict().refine(
  (d) => d.budgetMinFen == null || d.budgetMaxFen == null || d.budgetMinFen <= d.budgetMaxFen,
  { message: '预算上限不能小于下限', path: ['budgetMaxFen'] },
);
export type DemandInput = z.infer<typeof demandInput>;

export const demandListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  q: z.string().trim().max(100).optional(),
  state: z.enum(DEMAND_STATES).optional(),
  mode: z.enum(DEMAND_MODES).optional(),
  regionCode: z.string().regex(/^\d{2,6}$/).optional(),
  sort: z.enum(['newest', 'validUntil', 'budget']).default('newest'),
});
export type DemandListQuery = z.infer<typeof demandListQuery>;

export const demandReviewInput = z.object({
  decision: z.enum(['publish', 'reject'], { message: '审核结论不正确' }),
  comment: text(500, '审核意见').optional().nullable(),
}).strict().refine((d) => d.decision === 'publish' || (d.comment ?? '').length > 0, { message: '退回时请填写审核意见', path: ['comment'] });

/** Search */
export const SEARCH_KINDS = ['patent', 'demand', 'listing'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
export const SEARCH_KIND_LABELS: Record<SearchKind, string> = { patent: '专利', demand: '技术需求', listing: '技术成果' };

export const searchFilters = z.object({
  patentType: z.enum(['invention', 'utility_model', 'design']).optional(),
  legalStatus: z.enum(['pending', 'in_force', 'lapsed']).optional(),
  ipc: z.string().trim().toUpperCase().regex(/^[A-H](\d{2}([A-Z](\d{1,4}(\/\d{1,6})?)?)?)?$/, 'IPC 分类号格式不正确').optional(),
  industry: z.string().trim().max(20).optional(),
  regionCode: z.string().regex(/^\d{2,6}$/, '行政区划代码格式不正确').optional(),
  holderType: z.string().trim().max(40).optional(),
  grade: z.enum(['A', 'B', 'C']).optional(),
  openLicence: z.coerce.boolean().optional(),
  sleeping: z.coerce.boolean().optional(),
});
export type SearchFilters = z.infer<typeof searchFilters>;

export const searchQuery = searchFilters.extend({
  q: z.string().trim().min(1, '请输入检索词').max(200, '检索词不能超过 200 字'),
  kind: z.enum(SEARCH_KINDS).default('patent'),
  page: z.coerce.number().int().min(1).max(500).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type SearchQuery = z.infer<typeof searchQuery>;

/** Classification */
export const classifyInput = z.object({
  text: z.string().trim().min(2, '请输入至少 2 个字的需求描述').max(10000, '文本不能超过 10000 字'),
  top: z.number().int().min(1).max(20).default(5),
}).strict();

/** Matching (demand → patents). */
export const matchInput = z.object({
  text: z.string().trim().min(2, '请输入至少 2 个字').max(10000).optional(),
  demandId: z.number().int().positive().optional(),
  top: z.number().int().min(1).max(100).default(20),
  filters: searchFilters.optional(),
}).strict().refine((d) => d.text != null || d.demandId != null, { message: '请提供需求文本或需求编号', path: ['text'] });
export type MatchInput = z.infer<typeof matchInput>;

export const feedbackInput = z.object({
  demandId: z.number().int().positive().optional().nullable(),
  patentId: z.number().int().positive(),
  kind: z.enum(FEEDBACK_KINDS, { message: '反馈类型不正确' }),
  reason: z.enum(FEEDBACK_REASONS, { message: '原因代码不正确' }).optional().nullable(),
  note: text(500, '说明').optional().nullable(),
}).strict();
export type FeedbackInput = z.infer<typeof feedbackInput>;
