/** Supply lists (专利技术供给清单): a saved filter, composed into a list, reviewed, published with a number. */
import { z } from 'zod';
import { ORG_TYPES, PATENT_TYPES } from '../common/roles.ts';
import { GRADES } from './grading.rules.ts';

export const SUPPLY_LIST_KINDS = ['general', 'soe_sharing'] as const;
export type SupplyListKind = (typeof SUPPLY_LIST_KINDS)[number];
export const SUPPLY_LIST_KIND_LABELS: Record<SupplyListKind, string> = {
  general: '专利技术供给清单', soe_sharing: '国有企业共享成熟专利技术清单',
};

export const SUPPLY_LIST_STATES = ['draft', 'reviewed', 'published'] as const;
export type SupplyListState = (typeof SUPPLY_LIST_STATES)[number];
export const SUPPLY_LIST_STATE_LABELS: Record<SupplyListState, string> = { draft: '草稿', reviewed: '已审核', published: '已发布' };

/** The saved filter of a list. Every field optional; empty means "any". */
export const supplyListFilter = z.object({
  grades: z.array(z.enum(GRADES)).max(4).optional(),
  seiIndustries: z.array(z.string().regex(/^\d(\.\d{1,2})?$/, '战略性新兴产业代码不正确')).max(50).optional(),
  industryCodes: z.array(z.string().regex(/^\d{2}$/, '国民经济行业大类代码应为 2 位数字')).max(100).optional(),
  holderTypes: z.array(z.enum(ORG_TYPES)).max(8).optional(),
  holderIds: z.array(z.number().int().positive()).max(500).optional(),
  regionCodes: z.array(z.string().regex(/^\d{6}$/, '地区代码应为 6 位数字')).max(100).optional(),
  patentTypes: z.array(z.enum(PATENT_TYPES)).max(3).optional(),
  openLicenceOnly: z.boolean().optional(),
  sleepingOnly: z.boolean().optional(),
  highValueOnly: z.boolean().optional(),
  keyword: z.string().trim().max(50).optional(),
  maxItems: z.number().int().min(1).max(5000).optional(),
}).strict();
export type SupplyListFilter = z.infer<typeof supplyListFilter>;

export const supplyListInput = z.object({
  title: z.string().trim().min(4, '标题至少 4 个字').max(100, '标题过长'),
  kind: z.enum(SUPPLY_LIST_KINDS, { message: '清单类型不正确' }).default('general'),
  description: z.string().max(2000).optional().nullable(),
  filter: supplyListFilter.default({}),
  /** The inventory run whose snapshot the list is composed from (latest if absent). */
  runId: z.number().int().positive().optional().nullable(),
}).strict();
export type SupplyListInput = z.infer<typeof supplyListInput>;
export const supplyListPatch = z.object({
  title: z.string().trim().min(4, '标题至少 4 个字').max(100, '标题过长').optional(),
  description: z.string().max(2000).optional().nullable(),
  filter: supplyListFilter.optional(),
  runId: z.number().int().positive().optional().nullable(),
}).strict();

export const supplyListTransitionInput = z.object({
  to: z.enum(SUPPLY_LIST_STATES, { message: '目标状态不正确' }),
  comment: z.string().max(500).optional().nullable(),
  /** Publication date (defaults to today at the service). */
  publishDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
}).strict();
