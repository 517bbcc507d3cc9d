/**
 * The review workflow of an application:
 *   submitted → accepted → first_reviewed → second_reviewed → in_notice (公示, objection period) → approved → paid,
 * or rejected with a reason at any step before payment; the applicant may withdraw before the public notice.
 * Separation of duties: nobody acts as office on an application of their own organisation; above the policy's
 * threshold the second review is required and is done by another person than the first. The budget is committed
 * at approval (refused when it would be exceeded) and moves to paid at payment. Payment is idempotent by reference.
 * Pure: `applyAction` returns the new state, the new budget and the audit event, or throws AppError.
 */
import { AppError } from '../common/app-error.ts';
import { addDays, type IsoDate } from '../common/dates.ts';
import { formatYuan, type Fen } from '../common/money.ts';
import type { Role } from '../common/roles.ts';
import { commit, release, settle, type BudgetState } from './subsidy.budget.ts';

export const APPLICATION_STATES = [
  'submitted', 'accepted', 'first_reviewed', 'second_reviewed', 'in_notice', 'approved', 'paid', 'rejected', 'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATES)[number];
export const APPLICATION_STATE_LABELS: Record<ApplicationStatus, string> = {
  submitted: '已提交', accepted: '已受理', first_reviewed: '初审通过', second_reviewed: '复审通过', in_notice: '公示中',
  approved: '已批准', paid: '已拨付', rejected: '已驳回', withdrawn: '已撤回',
};
/** States that hold a claim on the item (an item can be claimed once per policy). */
export const LIVE_STATES: readonly ApplicationStatus[] = ['submitted', 'accepted', 'first_reviewed', 'second_reviewed', 'in_notice', 'approved', 'paid'];
export const isLive = (s: ApplicationStatus): boolean => LIVE_STATES.includes(s);

export type ObjectionStatus = 'open' | 'upheld' | 'dismissed';
export type Objection = { id: number; raisedOn: IsoDate; text: string; status: ObjectionStatus; resolution?: string | null };

export type ApplicationState = {
  status: ApplicationStatus;
  applicantOrgId: number;
  /** The amount computed at submission; it decides whether two reviewers are needed. */
  claimedAmountFen: Fen;
  /** The current amount (reviewers may lower it, never raise it). */
  amountFen: Fen;
  submittedOn: IsoDate;
  lastActionOn: IsoDate;
  acceptedBy: number | null;
  firstReviewerId: number | null;
  secondReviewerId: number | null;
  noticeStart: IsoDate | null;
  /** Last day of the public notice. */
  noticeEnd: IsoDate | null;
  objections: Objection[];
  approvedBy: number | null;
  approvedOn: IsoDate | null;
  paidBy: number | null;
  paidOn: IsoDate | null;
  paymentRef: string | null;
  rejectReason: string | null;
  rejectedFrom: ApplicationStatus | null;
};

export type Actor = { userId: number; orgId: number | null; role: Role };

export type WorkflowAction =
  | { type: 'accept'; date: IsoDate }
  | { type: 'first_review'; date: IsoDate; amountFen?: Fen | null; note?: string | null }
  | { type: 'second_review'; date: IsoDate; amountFen?: Fen | null; note?: string | null }
  | { type: 'start_notice'; date: IsoDate }
  | { type: 'raise_objection'; date: IsoDate; objectionId: number; text: string }
  | { type: 'resolve_objection'; date: IsoDate; objectionId: number; upheld: boolean; resolution: string }
  | { type: 'approve'; date: IsoDate }
  | { type: 'pay'; date: IsoDate; reference: string }
  | { type: 'reject'; date: IsoDate; reason: string }
  | { type: 'withdraw'; date: IsoDate };
export type ActionType = WorkflowAction['type'];

export const ACTION_LABELS: Record<ActionType, string> = {
  accept: '受理', first_review: '初审通过', second_review: '复审通过', start_notice: '开始公示', raise_objection: '提出异议',
  resolve_objection: '处理异议', approve: '批准', pay: '拨付', reject: '驳回', withdraw: '撤回',
};

export type WorkflowTerms = { twoReviewerThresholdFen: Fen; noticeDays: number; perOrgYearCapFen: Fen | null };

export type WorkflowContext = {
  terms: WorkflowTerms;
  /** Budget of the policy year (committed and paid over all applications). */
  budget: BudgetState;
  /** Approved and paid amounts of the same organisation under the policy in the year, this application excluded. */
  orgYearApprovedFen?: Fen;
};

export type WorkflowOutcome = {
  app: ApplicationState;
  budget: BudgetState;
  /** Audit action name, e.g. 'subsidy.approve'. */
  event: string;
  /** True when a payment was repeated with the same reference: nothing changed. */
  replay: boolean;
};

/** The state of a new application, submitted on `date` by organisation `applicantOrgId`. */
export function newApplication(applicantOrgId: number, claimedAmountFen: Fen, date: IsoDate): ApplicationState {
  if (!Number.isSafeInteger(claimedAmountFen) || claimedAmountFen <= 0) throw new AppError('RULE_VIOLATION', '可资助金额为 0，不能提交申请');
  return {
    status: 'submitted', applicantOrgId, claimedAmountFen, amountFen: claimedAmountFen, submittedOn: date, lastActionOn: date,
    acceptedBy: null, firstReviewerId: null, secondReviewerId: null, noticeStart: null, noticeEnd: null, objections: [],
    approvedBy: null, approvedOn: null, paidBy: null, paidOn: null, paymentRef: null, rejectReason: null, rejectedFrom: null,
  };
}

/** Two different reviewers are required when the claimed amount is above the threshold. */
export const needsTwoReviewers = (claimedAmountFen: Fen, thresholdFen: Fen): boolean => claimedAmountFen > thresholdFen;

const OFFICE_ACTIONS: readonly ActionType[] = ['accept', 'first_review', 'second_review', 'start_notice', 'resolve_objection', 'approve', 'pay', 'reject'];

function illegal(app: ApplicationState, a: ActionType): never {
  throw new AppError('ILLEGAL_TRANSITION', `申请状态为“${APPLICATION_STATE_LABELS[app.status]}”，不能${ACTION_LABELS[a]}`, { status: app.status, action: a });
}

function lowered(app: ApplicationState, amountFen: Fen | null | undefined): Fen {
  if (amountFen == null) return app.amountFen;
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) throw new AppError('VALIDATION', '核定金额须大于 0；不予资助请驳回');
  if (amountFen > app.amountFen) throw new AppError('RULE_VIOLATION', `核定金额不能高于当前金额 ${formatYuan(app.amountFen)} 元`, { amountFen });
  return amountFen;
}

/** Apply one action. Throws AppError (ILLEGAL_TRANSITION, FORBIDDEN, RULE_VIOLATION, DUPLICATE, VALIDATION). */
export function applyAction(app: ApplicationState, action: WorkflowAction, actor: Actor, ctx: WorkflowContext): WorkflowOutcome {
  const t = action.type;
  if (action.date < app.lastActionOn) throw new AppError('VALIDATION', `日期 ${action.date} 早于上一步的日期 ${app.lastActionOn}`);
  if (OFFICE_ACTIONS.includes(t) && actor.orgId != null && actor.orgId === app.applicantOrgId) {
    throw new AppError('FORBIDDEN', '不能审核、批准或拨付本单位的申请（回避）', { action: t });
  }
  const next: ApplicationState = { ...app, objections: app.objections.map((o) => ({ ...o })), lastActionOn: action.date };
  let budget = ctx.budget;
  const out = (event: string, replay = false): WorkflowOutcome => ({ app: next, budget, event: `subsidy.${event}`, replay });

  switch (action.type) {
    case 'accept':
      if (app.status !== 'submitted') illegal(app, t);
      next.status = 'accepted';
      next.acceptedBy = actor.userId;
      return out('accept');

    case 'first_review':
      if (app.status !== 'accepted') illegal(app, t);
      next.amountFen = lowered(app, action.amountFen);
      next.status = 'first_reviewed';
      next.firstReviewerId = actor.userId;
      return out('firstReview');

    case 'second_review':
      if (app.status !== 'first_reviewed') illegal(app, t);
      if (actor.userId === app.firstReviewerId) throw new AppError('FORBIDDEN', '复审须由初审以外的另一人进行', { action: t });
      next.amountFen = lowered(app, action.amountFen);
      next.status = 'second_reviewed';
      next.secondReviewerId = actor.userId;
      return out('secondReview');

    case 'start_notice': {
      const two = needsTwoReviewers(app.claimedAmountFen, ctx.terms.twoReviewerThresholdFen);
      const ready = app.status === 'second_reviewed' || (app.status === 'first_reviewed' && !two);
      if (!ready) {
        if (app.status === 'first_reviewed') {
          throw new AppError('RULE_VIOLATION', `申请金额 ${formatYuan(app.claimedAmountFen)} 元超过 ${formatYuan(ctx.terms.twoReviewerThresholdFen)} 元，须经另一人复审后方可公示`);
        }
        illegal(app, t);
      }
      next.status = 'in_notice';
      next.noticeStart = action.date;
      next.noticeEnd = addDays(action.date, ctx.terms.noticeDays - 1);
      return out('startNotice');
    }

    case 'raise_objection': {
      if (app.status !== 'in_notice') illegal(app, t);
      if (action.date < app.noticeStart! || action.date > app.noticeEnd!) {
        throw new AppError('RULE_VIOLATION', `异议须在公示期 ${app.noticeStart} 至 ${app.noticeEnd} 内提出`);
      }
      if (!action.text || action.text.trim().length < 2) throw new AppError('VALIDATION', '请填写异议内容');
      if (app.objections.some((o) => o.id === action.objectionId)) throw new AppError('DUPLICATE', '异议编号重复');
      next.objections.push({ id: action.objectionId, raisedOn: action.date, text: action.text.trim(), status: 'open', resolution: null });
      return out('raiseObjection');
    }

    case 'resolve_objection': {
      if (app.status !== 'in_notice') illegal(app, t);
      const o = next.objections.find((x) => x.id === action.objectionId);
      if (!o) throw new AppError('NOT_FOUND', '异议不存在');
      if (o.status !== 'open') throw new AppError('CONFLICT', '该异议已处理');
      if (!action.resolution || action.resolution.trim().length < 2) throw new AppError('VALIDATION', '请填写处理意见');
      o.status = action.upheld ? 'upheld' : 'dismissed';
      o.resolution = action.resolution.trim();
      if (action.upheld) {
        next.status = 'rejected';
        next.rejectedFrom = 'in_notice';
        next.rejectReason = `公示异议成立：${action.resolution.trim()}`;
      }
      return out('resolveObjection');
    }

    case 'approve': {
      if (app.status !== 'in_notice') illegal(app, t);
      if (action.date <= app.noticeEnd!) throw new AppError('RULE_VIOLATION', `公示期至 ${app.noticeEnd} 结束，期满后方可批准`);
      if (app.objections.some((o) => o.status === 'open')) throw new AppError('RULE_VIOLATION', '尚有未处理的公示异议');
      const cap = ctx.terms.perOrgYearCapFen;
      const orgDone = ctx.orgYearApprovedFen ?? 0;
      if (cap != null && orgDone + app.amountFen > cap) {
        throw new AppError('RULE_VIOLATION', `超过每单位每年上限 ${formatYuan(cap)} 元（本年已批准 ${formatYuan(orgDone)} 元）`);
      }
      budget = commit(ctx.budget, app.amountFen);
      next.status = 'approved';
      next.approvedBy = actor.userId;
      next.approvedOn = action.date;
      return out('approve');
    }

    case 'pay': {
      const ref = action.reference?.trim() ?? '';
      if (ref.length < 2) throw new AppError('VALIDATION', '请填写拨付凭证号');
      if (app.status === 'paid') {
        if (app.paymentRef === ref) return { app, budget: ctx.budget, event: 'subsidy.pay', replay: true };
        throw new AppError('DUPLICATE', `该申请已于 ${app.paidOn} 拨付（凭证号 ${app.paymentRef}），不能重复拨付`);
      }
      if (app.status !== 'approved') illegal(app, t);
      if (action.date < app.approvedOn!) throw new AppError('VALIDATION', '拨付日期不能早于批准日期');
      budget = settle(ctx.budget, app.amountFen);
      next.status = 'paid';
      next.paidBy = actor.userId;
      next.paidOn = action.date;
      next.paymentRef = ref;
      return out('pay');
    }

    case 'reject': {
      if (!['submitted', 'accepted', 'first_reviewed', 'second_reviewed', 'in_notice', 'approved'].includes(app.status)) illegal(app, t);
      if (!action.reason || action.reason.trim().length < 2) throw new AppError('VALIDATION', '驳回须填写理由');
      if (app.status === 'approved') budget = release(ctx.budget, app.amountFen);
      next.status = 'rejected';
      next.rejectedFrom = app.status;
      next.rejectReason = action.reason.trim();
      return out('reject');
    }

    case 'withdraw':
      if (actor.orgId !== app.applicantOrgId) throw new AppError('FORBIDDEN', '只有申请单位可以撤回申请');
      if (!['submitted', 'accepted', 'first_reviewed', 'second_reviewed'].includes(app.status)) illegal(app, t);
      next.status = 'withdrawn';
      return out('withdraw');
  }
}

/** The actions that make sense for this actor now (for the UI; the service still calls applyAction). */
export function availableActions(app: ApplicationState, actor: Actor, terms: WorkflowTerms, today: IsoDate): ActionType[] {
  const own = actor.orgId != null && actor.orgId === app.applicantOrgId;
  const office = actor.role === 'platform_admin' && !own;
  const out: ActionType[] = [];
  switch (app.status) {
    case 'submitted': if (office) out.push('accept'); break;
    case 'accepted': if (office) out.push('first_review'); break;
    case 'first_reviewed':
      if (office && actor.userId !== app.firstReviewerId) out.push('second_review');
      if (office && !needsTwoReviewers(app.claimedAmountFen, terms.twoReviewerThresholdFen)) out.push('start_notice');
      break;
    case 'second_reviewed': if (office) out.push('start_notice'); break;
    case 'in_notice':
      if (app.noticeEnd && today <= app.noticeEnd) out.push('raise_objection');
      if (office && app.objections.some((o) => o.status === 'open')) out.push('resolve_objection');
      if (office && app.noticeEnd && today > app.noticeEnd && !app.objections.some((o) => o.status === 'open')) out.push('approve');
      break;
    case 'approved': if (office) out.push('pay'); break;
    default: break;
  }
  if (office && ['submitted', 'accepted', 'first_reviewed', 'second_reviewed', 'in_notice', 'approved'].includes(app.status)) out.push('reject');
  if (own && ['submitted', 'accepted', 'first_reviewed', 'second_reviewed'].includes(app.status)) out.push('withdraw');
  return out;
}

/** Whether the application is on public notice on `today`. */
export const isOnNotice = (app: Pick<ApplicationState, 'status' | 'noticeStart' | 'noticeEnd'>, today: IsoDate): boolean =>
  app.status === 'in_notice' && app.noticeStart != null && app.noticeEnd != null && today >= app.noticeStart && today <= app.noticeEnd;
