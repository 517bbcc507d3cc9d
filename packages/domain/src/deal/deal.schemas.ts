/**
 * The deal ledger (成交台账): transfers, licences and equity contributions. Money in integer fen.
 */
import { z } from 'zod';
import { isValidIsoDate } from '../common/dates.ts';
import { ORG_TYPES, SIZE_CLASSES } from '../common/roles.ts';

export const DEAL_KINDS = ['transfer', 'licence', 'equity'] as const;
export type DealKind = (typeof DEAL_KINDS)[number];
export const DEAL_KIND_LABELS: Record<DealKind, string> = { transfer: '转让', licence: '许可', equity: '作价入股' };

export const LICENCE_KINDS = ['exclusive', 'sole', 'ordinary', 'open', 'sub', 'cross'] as const;
export type LicenceKind = (typeof LICENCE_KINDS)[number];
export const LICENCE_KIND_LABELS: Record<LicenceKind, string> = {
  exclusive: '独占许可', sole: '排他许可', ordinary: '普通许可', open: '开放许可', sub: '分许可', cross: '交叉许可',
};

export const DEAL_STATES = ['draft', 'signed', 'registered', 'performing', 'completed', 'terminated'] as const;
export type DealState = (typeof DEAL_STATES)[number];
export const DEAL_STATE_LABELS: Record<DealState, string> = {
  draft: '草稿', signed: '已签订', registered: '已登记/备案', performing: '履行中', completed: '已完成', terminated: '已终止',
};

/** fixed = the contract amount is the whole price; royalty = money depends on reported use (no over-payment check). */
export const AMOUNT_BASES = ['fixed', 'royalty'] as const;
export type AmountBasis = (typeof AMOUNT_BASES)[number];

export const PARTY_SIDES = ['out', 'in'] as const;
export type PartySide = (typeof PARTY_SIDES)[number];

const isoDate = z.string().refine(isValidIsoDate, { message: '日期格式应为 YYYY-MM-DD' });
const fen = z.number().int('金额必须为整数（分）').min(0, '金额不能为负').max(Number.MAX_SAFE_INTEGER, '金额过大');
const optText = (max: number) => z.string().trim().max(max).optional().nullable();

/** A party: a registered organisation (its facts are snapshotted as of the deal date) or an outside one. */
export const partyInput = z.object({
  side: z.enum(PARTY_SIDES, { message: '当事方方向不正确' }),
  orgId: z.number().int().positive().optional().nullable(),
  name: optText(100),
  orgType: z.enum(ORG_TYPES, { message: '机构类型不正确' }).optional().nullable(),
  sizeClass: z.enum(SIZE_CLASSES, { message: '规模类型不正确' }).optional().nullable(),
  regionCode: z.string().trim().regex(/^\d{6}$/, '行政区划代码应为 6 位数字').optional().nullable(),
}).strict().refine((p) => p.orgId || (p.name && p.name.length >= 2), { message: '请选择机构或填写名称', path: ['name'] });
export type PartyInput = z.infer<typeof partyInput>;

export const scheduleItem = z.object({
  dueDate: isoDate,
  amountFen: fen.refine((v) => v > 0, '分期金额必须大于 0'),
  note: optText(200),
}).strict();
export type ScheduleItem = z.infer<typeof scheduleItem>;

export const dealInput = z.object({
  kind: z.enum(DEAL_KINDS, { message: '交易类型不正确' }),
  licenceKind: z.enum(LICENCE_KINDS, { message: '许可类型不正确' }).optional().nullable(),
  title: z.string().trim().min(2, '标题至少 2 个字').max(200),
  contractDate: isoDate.optional().nullable(),
  effectiveDate: isoDate.optional().nullable(),
  endDate: isoDate.optional().nullable(),
  contractAmountFen: fen.default(0),
  amountBasis: z.enum(AMOUNT_BASES).default('fixed'),
  registrationNo: optText(60),
  registrationDate: isoDate.optional().nullable(),
  territory: optText(100),
  field: optText(100),
  patentIds: z.array(z.number().int().positive()).min(1, '至少选择 1 件专利').max(500),
  parties: z.array(partyInput).min(2, '至少需要出让方和受让方').max(20),
  schedule: z.array(scheduleItem).max(120).default([]),
  pledgeeConsent: z.boolean().default(false),
  note: optText(2000),
}).strict().superRefine((d, ctx) => {
  if (d.kind === 'licence' && !d.licenceKind) ctx.addIssue({ code: 'custom', path: ['licenceKind'], message: '许可须选择许可类型' });
  if (d.kind !== 'licence' && d.licenceKind) ctx.addIssue({ code: 'custom', path: ['licenceKind'], message: '只有许可才有许可类型' });
  if (!d.parties.some((p) => p.side === 'out')) ctx.addIssue({ code: 'custom', path: ['parties'], message: '缺少出让方/许可方' });
  if (!d.parties.some((p) => p.side === 'in')) ctx.addIssue({ code: 'custom', path: ['parties'], message: '缺少受让方/被许可方' });
  if (new Set(d.patentIds).size !== d.patentIds.length) ctx.addIssue({ code: 'custom', path: ['patentIds'], message: '专利重复' });
  if (d.effectiveDate && d.endDate && d.endDate < d.effectiveDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: '结束日期不能早于生效日期' });
});
export type DealInput = z.infer<typeof dealInput>;

export const transitionInput = z.object({
  to: z.enum(DEAL_STATES, { message: '目标状态不正确' }),
  date: isoDate,
  reason: optText(500),
  registrationNo: optText(60),
  registrationDate: isoDate.optional().nullable(),
}).strict();
export type TransitionInput = z.infer<typeof transitionInput>;

export const paymentInput = z.object({
  receivedDate: isoDate,
  amountFen: fen.refine((v) => v > 0, '到账金额必须大于 0'),
  reference: optText(100),
}).strict();
export type PaymentInput = z.infer<typeof paymentInput>;

export const dealListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.enum(['contract_date', '-contract_date', 'amount', '-amount', 'id', '-id']).default('-contract_date'),
  kind: z.enum(DEAL_KINDS).optional(),
  state: z.enum(DEAL_STATES).optional(),
  year: z.coerce.number().int().min(1985).max(2100).optional(),
  patentId: z.coerce.number().int().positive().optional(),
  orgId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(100).optional(),
});
export type DealListQuery = z.infer<typeof dealListQuery>;
