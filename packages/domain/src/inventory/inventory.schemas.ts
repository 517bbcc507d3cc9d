/** Zod schemas of the inventory module's API inputs. Messages in Chinese. */
import { z } from 'zod';
import { isValidIsoDate } from '../common/dates.ts';
import { INDICATOR_KEYS } from './grading.rules.ts';

export const isoDate = z.string().refine(isValidIsoDate, { message: '日期格式应为 YYYY-MM-DD' });
const id = z.coerce.number().int().positive();

export const INVENTORY_SCOPES = ['all', 'holder', 'region'] as const;
export type InventoryScope = (typeof INVENTORY_SCOPES)[number];
export const INVENTORY_SCOPE_LABELS: Record<InventoryScope, string> = { all: '全部', holder: '单个权利人', region: '单个地区' };

/** Start an inventory run (盘点) as of a date over a scope. */
export const inventoryRunInput = z.object({
  asOf: isoDate,
  scope: z.enum(INVENTORY_SCOPES, { message: '盘点范围不正确' }).default('all'),
  holderId: id.optional().nullable(),
  regionCode: z.string().regex(/^\d{6}$/, '地区代码应为 6 位数字').optional().nullable(),
  modelId: z.string().max(40).optional(),
  note: z.string().max(500).optional().nullable(),
}).strict().superRefine((v, ctx) => {
  if (v.scope === 'holder' && !v.holderId) ctx.addIssue({ code: 'custom', path: ['holderId'], message: '按权利人盘点时须选择权利人' });
  if (v.scope === 'region' && !v.regionCode) ctx.addIssue({ code: 'custom', path: ['regionCode'], message: '按地区盘点时须选择地区' });
});
export type InventoryRunInput = z.infer<typeof inventoryRunInput>;

/** The holder marks a patent as used (自行实施) or excluded with a legitimate reason (正当理由). */
export const patentMarkInput = z.object({
  kind: z.enum(['used', 'excluded'], { message: '标记类型应为“已实施”或“有正当理由”' }),
  reason: z.string().trim().min(4, '请填写至少 4 个字的说明').max(500, '说明过长'),
  fromDate: isoDate.optional().nullable(),
}).strict();
export type PatentMarkInput = z.infer<typeof patentMarkInput>;

export const POOL_FILTER = ['univ', 'soe'] as const;

/** Items of a run: filters as query params. */
export const inventoryItemsQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.enum(['score', '-score', 'grant_date', '-grant_date', 'title']).default('-score'),
  grade: z.enum(['A', 'B', 'C', 'D']).optional(),
  pool: z.enum(POOL_FILTER).optional(),
  sleeping: z.enum(['true', 'false']).optional(),
  holderId: id.optional(),
  regionCode: z.string().max(6).optional(),
  industry: z.string().max(10).optional(),
  sei: z.string().max(10).optional(),
  highValue: z.enum(['true', 'false']).optional(),
  q: z.string().max(100).optional(),
});
export type InventoryItemsQuery = z.infer<typeof inventoryItemsQuery>;

/** Fees due / lapse risk lists for a holder. */
export const feesQuery = z.object({
  asOf: isoDate,
  holderId: id.optional(),
  withinDays: z.coerce.number().int().min(1).max(366).default(90),
});

const weight = z.number().int().min(0).max(100);
const dimension = z.object({
  label: z.string().min(1).max(40),
  weight,
  indicators: z.partialRecord(z.enum(INDICATOR_KEYS), weight),
});
/** A grading model (weights as integer percents). Its sums are checked by validateGradingModel. */
export const gradingModelInput = z.object({
  id: z.string().regex(/^[a-z0-9-]{2,40}$/, '模型编号只能含小写字母、数字和连字符'),
  name: z.string().min(2).max(100),
  note: z.string().max(1000).default(''),
  dimensions: z.object({ legal: dimension, technical: dimension, economic: dimension }),
  thresholds: z.object({ A: weight, B: weight, C: weight }),
  pledgeHighFen: z.number().int().min(0),
}).strict();

export const highValueConfigInput = z.object({
  pledgeHighFen: z.number().int().min(0),
  fastGrantMonths: z.number().int().min(1).max(120),
  longMaintenanceYears: z.number().int().min(1).max(20),
}).strict();
