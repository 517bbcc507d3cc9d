/**
 * Model-based tests (fast-check `fc.commands`) of the review workflow. Random sequences of submissions and office
 * actions by different people (one of them works in an applicant organisation) run against the real domain functions
 * and against a small independent model that predicts which actions must succeed. After every step we check that no
 * application is paid twice, the budget is never exceeded, nobody acts on their own organisation's application, and
 * above the threshold the two reviews were done by two different people.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { AppError } from '../common/app-error.ts';
import { addDays } from '../common/dates.ts';
import { applyAction, newApplication, type Actor, type ApplicationState, type WorkflowAction } from './subsidy.workflow.ts';
import type { BudgetState } from './subsidy.budget.ts';

const Y = (yuan: number) => yuan * 100;
const THRESHOLD = Y(50_000);
const BUDGET = Y(150_000);
const NOTICE_DAYS = 3;
const terms = { twoReviewerThresholdFen: THRESHOLD, noticeDays: NOTICE_DAYS, perOrgYearCapFen: null };

const ACTORS: Actor[] = [
  { userId: 1, orgId: 100, role: 'platform_admin' },
  { userId: 2, orgId: 100, role: 'platform_admin' },
  { userId: 3, orgId: 10, role: 'platform_admin' }, // an office account inside applicant organisation 10
  { userId: 9, orgId: 10, role: 'org_admin' },
];
const ORG_OF = new Map(ACTORS.map((a) => [a.userId, a.orgId]));

type Real = {
  day: number;
  apps: ApplicationState[];
  budget: BudgetState;
  payEffects: number[]; // non-replayed payments per application
};
type ModelApp = { status: string; orgId: number; claimed: number; amount: number; first: number | null; noticeEnd: number | null; ref: string | null };
type Model = { day: number; apps: ModelApp[]; committed: number; paid: number };

const dateOf = (day: number) => addDays('2023-01-01', day);

function attempt(r: Real, i: number, action: WorkflowAction, actor: Actor): { ok: boolean; code?: string; replay?: boolean } {
  try {
    const o = applyAction(r.apps[i], action, actor, { terms, budget: r.budget });
    r.apps[i] = o.app;
    r.budget = o.budget;
    if (o.event === 'subsidy.pay' && !o.replay) r.payEffects[i] += 1;
    return { ok: true, replay: o.replay };
  } catch (e) {
    if (e instanceof AppError) return { ok: false, code: e.code };
    throw e;
  }
}

function invariants(r: Real): void {
  expect(r.budget.committedFen + r.budget.paidFen).toBeLessThanOrEqual(BUDGET);
  expect(r.budget.committedFen).toBeGreaterThanOrEqual(0);
  const paid = r.apps.filter((a) => a.status === 'paid').reduce((s, a) => s + a.amountFen, 0);
  const committed = r.apps.filter((a) => a.status === 'approved').reduce((s, a) => s + a.amountFen, 0);
  expect(r.budget.paidFen).toBe(paid);
  expect(r.budget.committedFen).toBe(committed);
  r.apps.forEach((a, i) => {
    expect(r.payEffects[i]).toBeLessThanOrEqual(1);
    if (a.status === 'paid') expect(r.payEffects[i]).toBe(1);
    const reachedNotice = ['in_notice', 'approved', 'paid'].includes(a.status) || (a.status === 'rejected' && ['in_notice', 'approved'].includes(a.rejectedFrom ?? ''));
    if (reachedNotice && a.claimedAmountFen > THRESHOLD) {
      expect(a.firstReviewerId).not.toBeNull();
      expect(a.secondReviewerId).not.toBeNull();
      expect(a.secondReviewerId).not.toBe(a.firstReviewerId);
    }
    for (const u of [a.acceptedBy, a.firstReviewerId, a.secondReviewerId, a.approvedBy, a.paidBy]) {
      if (u != null) expect(ORG_OF.get(u)).not.toBe(a.applicantOrgId);
    }
    expect(a.amountFen).toBeLessThanOrEqual(a.claimedAmountFen);
  });
}

type Cmd = fc.Command<Model, Real>;
/** What the random runs reached (checked by the coverage test so that the properties are not vacuous). */
const stats = { paid: 0, budgetRefusals: 0, sameReviewerRefusals: 0, ownOrgRefusals: 0, payReplays: 0, doublePayRefusals: 0 };

class Submit implements Cmd {
  constructor(readonly orgId: number, readonly amount: number) {}
  check = () => true;
  run(m: Model, r: Real): void {
    r.apps.push(newApplication(this.orgId, this.amount, dateOf(r.day)));
    r.payEffects.push(0);
    m.apps.push({ status: 'submitted', orgId: this.orgId, claimed: this.amount, amount: this.amount, first: null, noticeEnd: null, ref: null });
    invariants(r);
  }
  toString = () => `submit(org ${this.orgId}, ${this.amount})`;
}

type Kind = 'accept' | 'first' | 'second' | 'notice' | 'approve' | 'pay' | 'reject';
/** The natural next step of an application (used by the 'next' command to reach deep states often). */
const NEXT: Record<string, Kind | undefined> = {
  submitted: 'accept', accepted: 'first', first_reviewed: 'second', second_reviewed: 'notice', in_notice: 'approve', approved: 'pay', paid: 'pay',
};

class Act implements Cmd {
  kind: Kind;
  constructor(readonly requested: Kind | 'next', readonly pick: number, readonly actorIdx: number, readonly advance: number, readonly ref: number) {
    this.kind = requested === 'next' ? 'accept' : requested;
  }
  check = (m: Readonly<Model>) => m.apps.length > 0;
  run(m: Model, r: Real): void {
    const i = this.pick % m.apps.length;
    const a = m.apps[i];
    if (this.requested === 'next') {
      this.kind = NEXT[a.status] ?? 'reject';
      if (this.kind === 'second' && this.ref === 2) this.kind = 'notice';
    }
    const actor = ACTORS[this.actorIdx];
    m.day += this.advance;
    r.day = m.day;
    const date = dateOf(m.day);
    const own = actor.orgId === a.orgId;
    const refStr = `ZF-${this.ref}`;
    let expectOk: boolean;
    let action: WorkflowAction;
    switch (this.kind) {
      case 'accept': action = { type: 'accept', date }; expectOk = !own && a.status === 'submitted'; break;
      case 'first': action = { type: 'first_review', date }; expectOk = !own && a.status === 'accepted'; break;
      case 'second': action = { type: 'second_review', date }; expectOk = !own && a.status === 'first_reviewed' && a.first !== actor.userId; break;
      case 'notice':
        action = { type: 'start_notice', date };
        expectOk = !own && (a.status === 'second_reviewed' || (a.status === 'first_reviewed' && a.claimed <= THRESHOLD));
        break;
      case 'approve':
        action = { type: 'approve', date };
        expectOk = !own && a.status === 'in_notice' && m.day > a.noticeEnd! && m.committed + m.paid + a.amount <= BUDGET;
        break;
      case 'pay':
        action = { type: 'pay', date, reference: refStr };
        expectOk = !own && (a.status === 'approved' || (a.status === 'paid' && a.ref === refStr));
        break;
      case 'reject':
        action = { type: 'reject', date, reason: '不符合条件' };
        expectOk = !own && ['submitted', 'accepted', 'first_reviewed', 'second_reviewed', 'in_notice', 'approved'].includes(a.status);
        break;
    }
    const before = structuredClone(r.apps[i]);
    const res = attempt(r, i, action, actor);
    if (own && !res.ok) stats.ownOrgRefusals++;
    if (this.kind === 'second' && !own && a.status === 'first_reviewed' && a.first === actor.userId) stats.sameReviewerRefusals++;
    if (this.kind === 'approve' && !own && a.status === 'in_notice' && m.day > a.noticeEnd! && !res.ok) stats.budgetRefusals++;
    if (this.kind === 'pay' && !own && a.status === 'paid') { if (res.ok) stats.payReplays++; else stats.doublePayRefusals++; }
    if (this.kind === 'pay' && res.ok && !res.replay) stats.paid++;
    expect(res.ok, `${this.toString()} on ${a.status}: ${res.code ?? 'ok'}`).toBe(expectOk);
    if (!res.ok) expect(r.apps[i]).toEqual(before);
    if (res.ok && !res.replay) {
      switch (this.kind) {
        case 'accept': a.status = 'accepted'; break;
        case 'first': a.status = 'first_reviewed'; a.first = actor.userId; break;
        case 'second': a.status = 'second_reviewed'; break;
        case 'notice': a.status = 'in_notice'; a.noticeEnd = m.day + NOTICE_DAYS - 1; break;
        case 'approve': a.status = 'approved'; m.committed += a.amount; break;
        case 'pay': a.status = 'paid'; a.ref = refStr; m.committed -= a.amount; m.paid += a.amount; break;
        case 'reject':
          if (a.status === 'approved') m.committed -= a.amount;
          a.status = 'rejected';
          break;
      }
    }
    invariants(r);
  }
  toString = () => `${this.requested === 'next' ? `next→${this.kind}` : this.kind}(app ${this.pick}, user ${ACTORS[this.actorIdx].userId}, +${this.advance}d${this.kind === 'pay' ? `, ZF-${this.ref}` : ''})`;
}

const pick = fc.nat({ max: 5 });
const actorIdx = fc.integer({ min: 0, max: ACTORS.length - 1 });
const advance = fc.integer({ min: 0, max: 3 });
const commands = [
  fc.tuple(fc.constantFrom(10, 11), fc.constantFrom(Y(30_000), Y(50_000), Y(60_000), Y(120_000))).map(([o, a]) => new Submit(o, a)),
  ...(['accept', 'first', 'second', 'notice', 'approve', 'pay', 'pay', 'reject'] as const).map((k) =>
    fc.tuple(pick, actorIdx, advance, fc.integer({ min: 1, max: 2 })).map(([p, u, d, ref]) => new Act(k, p, u, d, ref))),
  ...[1, 2, 3, 4, 5, 6].map(() => fc.tuple(pick, actorIdx, advance, fc.integer({ min: 1, max: 2 })).map(([p, u, d, ref]) => new Act('next', p, u, d, ref))),
];

describe('审核流程的模型测试（fast-check commands）', () => {
  it('任何操作序列：不重复拨付、不超预算、不自审、超过金额的两次审核由两人完成', () => {
    fc.assert(fc.property(fc.commands(commands, { maxCommands: 80, size: 'max' }), (cmds) => {
      const setup = () => ({
        model: { day: 0, apps: [], committed: 0, paid: 0 } as Model,
        real: { day: 0, apps: [], budget: { budgetFen: BUDGET, committedFen: 0, paidFen: 0 }, payEffects: [] } as Real,
      });
      fc.modelRun(setup, cmds);
    }), { numRuns: 200 });
  });

  it('随机序列确实走到了拨付、重复拨付、预算不足、同人复审与本单位操作（覆盖检查）', () => {
    for (const k of Object.keys(stats) as (keyof typeof stats)[]) stats[k] = 0;
    fc.assert(fc.property(fc.commands(commands, { maxCommands: 80, size: 'max' }), (cmds) => {
      fc.modelRun(() => ({
        model: { day: 0, apps: [], committed: 0, paid: 0 } as Model,
        real: { day: 0, apps: [], budget: { budgetFen: BUDGET, committedFen: 0, paidFen: 0 }, payEffects: [] } as Real,
      }), cmds);
    }), { numRuns: 100, seed: 42 });
    if (process.env.SUBSIDY_STATS) console.log(stats);
    for (const [k, v] of Object.entries(stats)) expect(v, k).toBeGreaterThan(0);
  });
});
