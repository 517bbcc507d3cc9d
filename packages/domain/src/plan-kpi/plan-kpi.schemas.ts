import { z } from 'zod';
import { INDICATOR_CODES } from './plan-kpi.catalogue.ts';
import { isValidIsoDate } from '../common/dates.ts';

export const TARGET_KINDS = ['cumulative_at_least', 'annual_at_least', 'cagr_at_least', 'increasing', 'by_date_at_least'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];
export const TARGET_KIND_LABELS: Record<TargetKind, string> = {
  cumulative_at_least: '累计不少于',
  annual_at_least: '每年不少于',
  cagr_at_least: '年均增幅不低于',
  increasing: '逐年递增',
  by_date_at_least: '限期达到',
};

const isoDate = z.string().refine(isValidIsoDate, { message: '日期格式应为 YYYY-MM-DD' });
/** GB/T 2260 six-digit region code (province 510000, city 510100, county 510104). */
export const regionCodeSchema = z.string().regex(/^\d{6}$/, { message: '行政区划代码应为6位数字' });

export const targetSchema = z.object({
  id: z.string().min(1).max(60).regex(/^[a-z0-9_-]+$/i, { message: '目标编号只能含字母、数字、下划线和连字符' }),
  indicator: z.enum(INDICATOR_CODES, { message: '未知指标' }),
  kind: z.enum(TARGET_KINDS, { message: '未知目标类型' }),
  /** In the indicator's display unit (万元 for money); a percent for cagr_at_least (20 = 20%); unused for increasing. */
  value: z.number().min(0, { message: '目标值不能为负' }).nullable().default(null),
  /** by_date_at_least: the date by which the value must be reached. */
  dueDate: isoDate.nullable().default(null),
  clause: z.string().min(1, { message: '请填写条款出处' }).max(100),
  text: z.string().max(500).default(''),
}).superRefine((t, ctx) => {
  if (t.kind !== 'increasing' && t.value === null) ctx.addIssue({ code: 'custom', path: ['value'], message: '请填写目标值' });
  if (t.kind === 'by_date_at_least' && !t.dueDate) ctx.addIssue({ code: 'custom', path: ['dueDate'], message: '限期目标须填写截止日期' });
});
export type Target = z.infer<typeof targetSchema>;
export type TargetInput = z.input<typeof targetSchema>;

export const phaseSchema = z.object({
  name: z.string().min(1).max(40),
  from: isoDate,
  to: isoDate,
});
export type Phase = z.infer<typeof phaseSchema>;

export const rankingWeightSchema = z.object({
  indicator: z.enum(INDICATOR_CODES),
  /** 'total' ranks by the value over the plan years to date; 'growth' by the average annual growth to date. */
  metric: z.enum(['total', 'growth']).default('total'),
  weight: z.number().positive({ message: '权重须为正数' }),
});
export type RankingWeight = z.infer<typeof rankingWeightSchema>;

export const planBodySchema = z.object({
  name: z.string().min(2, { message: '请填写规划名称' }).max(200),
  issuer: z.string().max(200).default(''),
  regionCode: regionCodeSchema,
  regionName: z.string().max(60).default(''),
  startYear: z.number().int().min(2000).max(2100),
  endYear: z.number().int().min(2000).max(2100),
  baselineYear: z.number().int().min(1999).max(2100),
  /** Level at which districts are ranked: 'county' (区县/旗区) or 'city' (市州). */
  rankingLevel: z.enum(['county', 'city']).default('county'),
  phases: z.array(phaseSchema).max(20).default([]),
  targets: z.array(targetSchema).max(200).default([]),
  rankingWeights: z.array(rankingWeightSchema).max(50).default([]),
  notes: z.string().max(4000).default(''),
}).superRefine((p, ctx) => {
  if (p.endYear < p.startYear) ctx.addIssue({ code: 'custom', path: ['endYear'], message: '结束年份不能早于开始年份' });
  if (p.baselineYear >= p.startYear) ctx.addIssue({ code: 'custom', path: ['baselineYear'], message: '基期年份应早于规划开始年份' });
  const ids = new Set<string>();
  p.targets.forEach((t, i) => {
    if (ids.has(t.id)) ctx.addIssue({ code: 'custom', path: ['targets', i, 'id'], message: `目标编号重复：${t.id}` });
    ids.add(t.id);
  });
  p.phases.forEach((ph, i) => {
    if (ph.to < ph.from) ctx.addIssue({ code: 'custom', path: ['phases', i, 'to'], message: '阶段结束日期不能早于开始日期' });
  });
});
export type PlanBody = z.infer<typeof planBodySchema>;
export type PlanBodyInput = z.input<typeof planBodySchema>;

export const planIdSchema = z.string().min(3).max(80).regex(/^[a-z0-9][a-z0-9-]*$/, { message: '规划编号只能含小写字母、数字和连字符' });
export type Plan = PlanBody & { id: string; preset: boolean };

export const copyPlanSchema = z.object({
  id: planIdSchema,
  name: z.string().min(2).max(200).optional(),
  regionCode: regionCodeSchema.optional(),
  regionName: z.string().max(60).optional(),
});

export const kpiQuerySchema = z.object({
  region: regionCodeSchema.optional(),
  asOf: isoDate.optional(),
});

export const manualFigureSchema = z.object({
  indicator: z.enum(INDICATOR_CODES),
  regionCode: regionCodeSchema,
  year: z.number().int().min(2000).max(2100),
  /** In the indicator's display unit (万元 for money). */
  value: z.number().min(0, { message: '数值不能为负' }),
  note: z.string().min(2, { message: '请说明数据来源' }).max(500),
});
export type ManualFigureInput = z.infer<typeof manualFigureSchema>;
