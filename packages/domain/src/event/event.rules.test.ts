import { describe, it, expect } from 'vitest';
import { assertCanHold, assertEventTransition, countEventOutcomes, outcomeProblems } from './event.rules.ts';
import { eventInput, projectInput } from './event.schemas.ts';

describe('event outcome counts come from rows and ledger deals', () => {
  it('three presented patents, two contacts, one intent and one deal', () => {
    const c = countEventOutcomes({
      projects: [{ kind: 'patent' }, { kind: 'patent' }, { kind: 'patent' }, { kind: 'demand' }],
      registeredOrgIds: [1, 2, 2, 3],
      outcomes: [
        { kind: 'contact', projectId: 1, orgId: 2, dealId: null },
        { kind: 'contact', projectId: 2, orgId: 3, dealId: null },
        { kind: 'intent', projectId: 1, orgId: 2, dealId: null },
        { kind: 'deal', projectId: 1, orgId: 2, dealId: 9 },
      ],
      deals: [{ dealId: 9, patents: 1, contractAmountFen: 50_000_000, state: 'signed' }],
    });
    expect(c).toEqual({
      projects: 4, projectsByKind: { patent: 3, listing: 0, demand: 1 }, registeredOrgs: 3,
      contacts: 2, intents: 1, deals: 1, dealPatents: 1, dealAmountFen: 50_000_000,
    });
  });
  it('counts a deal linked twice once, and ignores draft or terminated deals', () => {
    const c = countEventOutcomes({
      projects: [], registeredOrgIds: [], outcomes: [],
      deals: [
        { dealId: 9, patents: 2, contractAmountFen: 100, state: 'completed' },
        { dealId: 9, patents: 2, contractAmountFen: 100, state: 'completed' },
        { dealId: 10, patents: 1, contractAmountFen: 999, state: 'terminated' },
        { dealId: 11, patents: 1, contractAmountFen: 999, state: 'draft' },
      ],
    });
    expect([c.deals, c.dealPatents, c.dealAmountFen]).toEqual([1, 2, 100]);
  });
  it('a deal outcome must link a ledger deal; others must name an organisation of the event', () => {
    expect(outcomeProblems({ kind: 'deal', projectId: null, orgId: 1, dealId: null }, [])).toEqual(['成交结果须关联交易台账中的交易']);
    expect(outcomeProblems({ kind: 'contact', projectId: 5, orgId: null, dealId: 3 }, [1])).toEqual([
      '只有成交结果可以关联交易', '请选择对接的机构', '所选项目不属于本活动',
    ]);
    expect(outcomeProblems({ kind: 'intent', projectId: 1, orgId: 2, dealId: null }, [1])).toEqual([]);
  });
});

describe('event states and input', () => {
  it('planned → held → closed; a cancelled event stays cancelled; not held before its date', () => {
    expect(() => assertEventTransition('planned', 'held')).not.toThrow();
    expect(() => assertEventTransition('held', 'closed')).not.toThrow();
    expect(() => assertEventTransition('cancelled', 'held')).toThrow('不能变为');
    expect(() => assertCanHold('2025-06-10', '2025-06-09')).toThrow('未到');
    expect(() => assertCanHold('2025-06-10', '2025-06-10')).not.toThrow();
  });
  it('an offline event needs a place; a patent project needs the patent', () => {
    const e = { title: '新材料专利路演', kind: 'roadshow', organiserName: '市知识产权局', eventDate: '2025-06-10' };
    expect(eventInput.safeParse(e).success).toBe(false);
    expect(eventInput.safeParse({ ...e, online: true }).success).toBe(true);
    expect(eventInput.safeParse({ ...e, place: '高新区会展中心' }).success).toBe(true);
    expect(projectInput.safeParse({ kind: 'patent', title: '一种正极材料' }).success).toBe(false);
    expect(projectInput.safeParse({ kind: 'patent', title: '一种正极材料', refId: 3 }).success).toBe(true);
  });
});
