import { describe, it, expect } from 'vitest';
import { AppError } from '../common/app-error.ts';
import {
  applyAction, availableActions, isOnNotice, newApplication,
  type Actor, type ApplicationState, type WorkflowAction, type WorkflowContext,
} from './subsidy.workflow.ts';
import { assertBudgetChange, availableFen, commit, release, settle, usedBp, type BudgetState } from './subsidy.budget.ts';

const Y = (yuan: number) => Math.round(yuan * 100);
const A: Actor = { userId: 1, orgId: 100, role: 'platform_admin' }; // city office, reviewer A
const B: Actor = { userId: 2, orgId: 100, role: 'platform_admin' }; // city office, reviewer B
const applicant: Actor = { userId: 9, orgId: 10, role: 'org_admin' };
const terms = { twoReviewerThresholdFen: Y(50_000), noticeDays: 7, perOrgYearCapFen: null };
const budget: BudgetState = { budgetFen: Y(1_000_000), committedFen: 0, paidFen: 0 };

function run(app: ApplicationState, steps: [WorkflowAction, Actor][], ctx: WorkflowContext = { terms, budget }) {
  let state = app;
  let b = ctx.budget;
  for (const [a, who] of steps) {
    const o = applyAction(state, a, who, { ...ctx, budget: b });
    state = o.app;
    b = o.budget;
  }
  return { app: state, budget: b };
}
const code = (f: () => unknown): string => {
  try { f(); } catch (e) { if (e instanceof AppError) return e.code; throw e; }
  return 'OK';
};

const big = () => newApplication(10, Y(92_000), '2023-08-01'); // above the 50,000 元 threshold
const small = () => newApplication(10, Y(725), '2023-08-01');
const toNotice: [WorkflowAction, Actor][] = [
  [{ type: 'accept', date: '2023-08-02' }, A],
  [{ type: 'first_review', date: '2023-08-03' }, A],
  [{ type: 'second_review', date: '2023-08-04' }, B],
  [{ type: 'start_notice', date: '2023-08-05' }, A],
];

describe('审核流程', () => {
  it('完整流程：受理 → 初审 → 另一人复审 → 公示 7 天 → 期满批准 → 拨付，预算先承诺后拨付', () => {
    const s = run(big(), toNotice);
    expect(s.app.status).toBe('in_notice');
    expect(s.app.noticeEnd).toBe('2023-08-11');
    const approved = applyAction(s.app, { type: 'approve', date: '2023-08-12' }, A, { terms, budget });
    expect(approved.app.status).toBe('approved');
    expect(approved.budget).toEqual({ budgetFen: Y(1_000_000), committedFen: Y(92_000), paidFen: 0 });
    const paid = applyAction(approved.app, { type: 'pay', date: '2023-08-20', reference: 'ZF-2023-001' }, A, { terms, budget: approved.budget });
    expect(paid.app.status).toBe('paid');
    expect(paid.budget).toEqual({ budgetFen: Y(1_000_000), committedFen: 0, paidFen: Y(92_000) });
    expect(paid.event).toBe('subsidy.pay');
  });

  it('超过双人复核金额：同一人不能既初审又复审', () => {
    const s = run(big(), toNotice.slice(0, 2));
    expect(code(() => applyAction(s.app, { type: 'second_review', date: '2023-08-04' }, A, { terms, budget }))).toBe('FORBIDDEN');
  });

  it('超过双人复核金额：不能跳过复审直接公示', () => {
    const s = run(big(), toNotice.slice(0, 2));
    expect(code(() => applyAction(s.app, { type: 'start_notice', date: '2023-08-04' }, A, { terms, budget }))).toBe('RULE_VIOLATION');
  });

  it('初审时调低金额也不能绕过双人复核（以申请时计算的金额为准）', () => {
    let s = run(big(), [[{ type: 'accept', date: '2023-08-02' }, A]]);
    s = run(s.app, [[{ type: 'first_review', date: '2023-08-03', amountFen: Y(40_000) }, A]]);
    expect(s.app.amountFen).toBe(Y(40_000));
    expect(code(() => applyAction(s.app, { type: 'start_notice', date: '2023-08-04' }, A, { terms, budget }))).toBe('RULE_VIOLATION');
  });

  it('未超过双人复核金额：初审后可直接公示', () => {
    const s = run(small(), [...toNotice.slice(0, 2), [{ type: 'start_notice', date: '2023-08-04' }, A]]);
    expect(s.app.status).toBe('in_notice');
  });

  it('回避：本单位人员不能受理、审核、批准、拨付本单位的申请', () => {
    const own: Actor = { userId: 3, orgId: 10, role: 'platform_admin' };
    expect(code(() => applyAction(big(), { type: 'accept', date: '2023-08-02' }, own, { terms, budget }))).toBe('FORBIDDEN');
    const s = run(big(), toNotice);
    expect(code(() => applyAction(s.app, { type: 'approve', date: '2023-08-12' }, own, { terms, budget }))).toBe('FORBIDDEN');
  });

  it('公示期内不能批准，期满后才可以', () => {
    const s = run(big(), toNotice);
    expect(code(() => applyAction(s.app, { type: 'approve', date: '2023-08-11' }, A, { terms, budget }))).toBe('RULE_VIOLATION');
    expect(code(() => applyAction(s.app, { type: 'approve', date: '2023-08-12' }, A, { terms, budget }))).toBe('OK');
  });

  it('公示异议：期内可提出；未处理不能批准；异议成立即驳回；不成立可继续批准', () => {
    const s = run(big(), [...toNotice, [{ type: 'raise_objection', date: '2023-08-06', objectionId: 1, text: '该企业贷款尚未结清' }, applicant]]);
    expect(code(() => applyAction(s.app, { type: 'raise_objection', date: '2023-08-12', objectionId: 2, text: '逾期异议' }, applicant, { terms, budget }))).toBe('RULE_VIOLATION');
    expect(code(() => applyAction(s.app, { type: 'approve', date: '2023-08-12' }, A, { terms, budget }))).toBe('RULE_VIOLATION');
    const upheld = run(s.app, [[{ type: 'resolve_objection', date: '2023-08-12', objectionId: 1, upheld: true, resolution: '经核实贷款未结清' }, A]]);
    expect(upheld.app.status).toBe('rejected');
    expect(upheld.app.rejectReason).toBe('公示异议成立：经核实贷款未结清');
    const dismissed = run(s.app, [
      [{ type: 'resolve_objection', date: '2023-08-12', objectionId: 1, upheld: false, resolution: '经核实已结清' }, A],
      [{ type: 'approve', date: '2023-08-12' }, A],
    ]);
    expect(dismissed.app.status).toBe('approved');
  });

  it('预算不足时拒绝批准', () => {
    const s = run(big(), toNotice);
    const tight: BudgetState = { budgetFen: Y(150_000), committedFen: Y(30_000), paidFen: Y(30_000) };
    expect(code(() => applyAction(s.app, { type: 'approve', date: '2023-08-12' }, A, { terms, budget: tight }))).toBe('RULE_VIOLATION');
    const enough: BudgetState = { ...tight, budgetFen: Y(152_000) };
    expect(applyAction(s.app, { type: 'approve', date: '2023-08-12' }, A, { terms, budget: enough }).budget.committedFen).toBe(Y(122_000));
  });

  it('每单位每年上限在批准时复核', () => {
    const s = run(big(), toNotice);
    const ctx = { terms: { ...terms, perOrgYearCapFen: Y(100_000) }, budget, orgYearApprovedFen: Y(10_000) };
    expect(code(() => applyAction(s.app, { type: 'approve', date: '2023-08-12' }, A, ctx))).toBe('RULE_VIOLATION');
    expect(code(() => applyAction(s.app, { type: 'approve', date: '2023-08-12' }, A, { ...ctx, orgYearApprovedFen: Y(8_000) }))).toBe('OK');
  });

  it('拨付幂等：同一凭证号重复提交不再拨付；不同凭证号拒绝', () => {
    const s = run(big(), [...toNotice, [{ type: 'approve', date: '2023-08-12' }, A], [{ type: 'pay', date: '2023-08-20', reference: 'ZF-1' }, A]]);
    expect(s.budget.paidFen).toBe(Y(92_000));
    const again = applyAction(s.app, { type: 'pay', date: '2023-08-21', reference: 'ZF-1' }, A, { terms, budget: s.budget });
    expect(again.replay).toBe(true);
    expect(again.app).toBe(s.app);
    expect(again.budget).toBe(s.budget);
    expect(code(() => applyAction(s.app, { type: 'pay', date: '2023-08-21', reference: 'ZF-2' }, A, { terms, budget: s.budget }))).toBe('DUPLICATE');
  });

  it('未批准不能拨付', () => {
    const s = run(big(), toNotice);
    expect(code(() => applyAction(s.app, { type: 'pay', date: '2023-08-20', reference: 'ZF-1' }, A, { terms, budget }))).toBe('ILLEGAL_TRANSITION');
  });

  it('任一步骤可驳回，须填理由；批准后驳回释放预算；拨付后不能驳回', () => {
    expect(code(() => applyAction(big(), { type: 'reject', date: '2023-08-02', reason: '' }, A, { terms, budget }))).toBe('VALIDATION');
    const r = applyAction(big(), { type: 'reject', date: '2023-08-02', reason: '材料不全' }, A, { terms, budget });
    expect(r.app.status).toBe('rejected');
    expect(r.app.rejectedFrom).toBe('submitted');
    const ap = run(big(), [...toNotice, [{ type: 'approve', date: '2023-08-12' }, A]]);
    const rej = applyAction(ap.app, { type: 'reject', date: '2023-08-13', reason: '发现重复申报' }, A, { terms, budget: ap.budget });
    expect(rej.budget.committedFen).toBe(0);
    const paid = run(ap.app, [[{ type: 'pay', date: '2023-08-20', reference: 'ZF-1' }, A]], { terms, budget: ap.budget });
    expect(code(() => applyAction(paid.app, { type: 'reject', date: '2023-08-21', reason: '撤销' }, A, { terms, budget: paid.budget }))).toBe('ILLEGAL_TRANSITION');
  });

  it('复审只能调低金额', () => {
    const s = run(big(), toNotice.slice(0, 2));
    expect(code(() => applyAction(s.app, { type: 'second_review', date: '2023-08-04', amountFen: Y(100_000) }, B, { terms, budget }))).toBe('RULE_VIOLATION');
    expect(applyAction(s.app, { type: 'second_review', date: '2023-08-04', amountFen: Y(80_000) }, B, { terms, budget }).app.amountFen).toBe(Y(80_000));
  });

  it('申请单位在公示前可撤回，他人不可', () => {
    expect(applyAction(big(), { type: 'withdraw', date: '2023-08-02' }, applicant, { terms, budget }).app.status).toBe('withdrawn');
    expect(code(() => applyAction(big(), { type: 'withdraw', date: '2023-08-02' }, A, { terms, budget }))).toBe('FORBIDDEN');
    const s = run(big(), toNotice);
    expect(code(() => applyAction(s.app, { type: 'withdraw', date: '2023-08-06' }, applicant, { terms, budget }))).toBe('ILLEGAL_TRANSITION');
  });

  it('日期不能倒退；金额为 0 不能提交', () => {
    expect(code(() => applyAction(big(), { type: 'accept', date: '2023-07-31' }, A, { terms, budget }))).toBe('VALIDATION');
    expect(() => newApplication(10, 0, '2023-08-01')).toThrow(/金额为 0/);
  });

  it('可用操作：复审只对初审以外的人显示；本单位只能撤回', () => {
    const s = run(big(), toNotice.slice(0, 2));
    expect(availableActions(s.app, A, terms, '2023-08-04')).toEqual(['reject']);
    expect(availableActions(s.app, B, terms, '2023-08-04')).toEqual(['second_review', 'reject']);
    expect(availableActions(s.app, applicant, terms, '2023-08-04')).toEqual(['withdraw']);
    const n = run(big(), toNotice);
    expect(availableActions(n.app, A, terms, '2023-08-12')).toEqual(['approve', 'reject']);
    expect(isOnNotice(n.app, '2023-08-11')).toBe(true);
    expect(isOnNotice(n.app, '2023-08-12')).toBe(false);
  });
});

describe('预算', () => {
  it('承诺、拨付、释放与余额', () => {
    let b: BudgetState = { budgetFen: Y(100), committedFen: 0, paidFen: 0 };
    b = commit(b, Y(60));
    expect(availableFen(b)).toBe(Y(40));
    expect(() => commit(b, Y(40.01))).toThrow(/预算不足/);
    b = settle(b, Y(60));
    expect(b).toEqual({ budgetFen: Y(100), committedFen: 0, paidFen: Y(60) });
    expect(usedBp(b)).toBe(6000);
    expect(() => settle(b, 1)).toThrow(AppError);
    expect(() => release(b, 1)).toThrow(AppError);
    expect(() => commit(b, 0)).toThrow(AppError);
  });
  it('预算调整不能低于已承诺加已拨付', () => {
    const b: BudgetState = { budgetFen: Y(100), committedFen: Y(30), paidFen: Y(20) };
    expect(() => assertBudgetChange(b, Y(49.99))).toThrow(/不能低于/);
    expect(() => assertBudgetChange(b, Y(50))).not.toThrow();
  });
});
