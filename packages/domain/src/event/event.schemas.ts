import { z } from 'zod';
import { isValidIsoDate } from '../common/dates.ts';
import { EVENT_KINDS, EVENT_STATES, OUTCOME_KINDS, PROJECT_KINDS } from './event.rules.ts';

const isoDate = z.string().refine(isValidIsoDate, '日期格式应为 YYYY-MM-DD');

export const eventInput = z.object({
  title: z.string().trim().min(2, '请填写活动名称').max(200),
  kind: z.enum(EVENT_KINDS, { message: '活动类型不正确' }),
  organiserOrgId: z.number().int().positive().optional().nullable(),
  organiserName: z.string().trim().min(2, '请填写主办单位').max(100),
  eventDate: isoDate,
  online: z.boolean().default(false),
  place: z.string().trim().max(200).optional().nullable(),
  targetIndustry: z.string().trim().max(100).optional().nullable(),
  targetParks: z.string().trim().max(500).optional().nullable(),
  regionCode: z.string().trim().max(6).optional().nullable(),
  description: z.string().trim().max(5000).optional().nullable(),
}).strict().refine((e) => e.online || (e.place ?? '').length > 0, { message: '线下活动须填写地点', path: ['place'] });
export type EventInput = z.infer<typeof eventInput>;

export const projectInput = z.object({
  kind: z.enum(PROJECT_KINDS, { message: '项目类型不正确' }),
  refId: z.number().int().positive().optional().nullable(),
  title: z.string().trim().min(2, '请填写项目名称').max(200),
  presenterOrgId: z.number().int().positive().optional().nullable(),
}).strict().refine((p) => p.kind !== 'patent' || p.refId != null, { message: '专利项目须选择专利', path: ['refId'] });
export type ProjectInput = z.infer<typeof projectInput>;

export const eventRegistrationInput = z.object({ orgId: z.number().int().positive() }).strict();

export const outcomeInput = z.object({
  kind: z.enum(OUTCOME_KINDS, { message: '结果类型不正确' }),
  projectId: z.number().int().positive().optional().nullable(),
  orgId: z.number().int().positive().optional().nullable(),
  dealId: z.number().int().positive().optional().nullable(),
  note: z.string().trim().max(500).optional().nullable(),
}).strict();
export type OutcomeInput = z.infer<typeof outcomeInput>;

export const eventStateInput = z.object({ state: z.enum(EVENT_STATES) }).strict();

export const eventListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  state: z.enum(EVENT_STATES).optional(),
  kind: z.enum(EVENT_KINDS).optional(),
  q: z.string().max(100).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  sort: z.enum(['eventDate', '-eventDate', 'id', '-id']).default('-eventDate'),
});
