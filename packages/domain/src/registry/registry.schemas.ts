import { z } from 'zod';
import { isValidIsoDate } from '../common/dates.ts';
import { ENTRY_STATES, REGISTRY_KINDS, SERVICE_TYPES } from './registry.rules.ts';

const isoDate = z.string().refine(isValidIsoDate, '日期格式应为 YYYY-MM-DD');

/** Per-kind fields are checked by cleanAttrs(kind, attrs). */
export const entryInput = z.object({
  kind: z.enum(REGISTRY_KINDS, { message: '登记类别不正确' }),
  name: z.string().trim().min(2, '请填写名称').max(200, '名称过长'),
  orgId: z.number().int().positive().optional().nullable(),
  regionCode: z.string().trim().regex(/^\d{6}$/, '行政区划代码为 6 位数字').optional().nullable(),
  startDate: isoDate.optional().nullable(),
  attrs: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).default({}),
}).strict();
export type EntryInput = z.infer<typeof entryInput>;
export const entryPatch = z.object({
  name: z.string().trim().min(2).max(200).optional(),
  orgId: z.number().int().positive().optional().nullable(),
  regionCode: z.string().trim().regex(/^\d{6}$/, '行政区划代码为 6 位数字').optional().nullable(),
  startDate: isoDate.optional().nullable(),
  attrs: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).optional(),
}).strict();
export const entryStateInput = z.object({ state: z.enum(ENTRY_STATES) }).strict();

export const serviceRecordInput = z.object({
  agencyOrgId: z.number().int().positive().optional(),
  enterpriseOrgId: z.number().int().positive({ message: '请选择服务对象' }),
  specialistId: z.number().int().positive().optional().nullable(),
  serviceDate: isoDate,
  type: z.enum(SERVICE_TYPES, { message: '服务类型不正确' }),
  content: z.string().trim().min(2, '请填写服务内容').max(2000),
}).strict();
export type ServiceRecordInput = z.infer<typeof serviceRecordInput>;

export const entryListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  kind: z.enum(REGISTRY_KINDS).optional(),
  state: z.enum(ENTRY_STATES).optional(),
  q: z.string().max(100).optional(),
  sort: z.enum(['id', '-id', 'name', 'startDate', '-startDate']).default('-id'),
});
export const serviceListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  type: z.enum(SERVICE_TYPES).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  sort: z.enum(['serviceDate', '-serviceDate']).default('-serviceDate'),
});
