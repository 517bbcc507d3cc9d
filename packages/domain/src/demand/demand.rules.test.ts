import { describe, it, expect } from 'vitest';
import {
  applyDemandEvent, nextDemandState, effectiveState, isExpired, isPublic, isEditable, parseBudget, formatBudget,
  parseDemandMode, parseValidUntil, contactFor, maskPhone, maskEmail, maskName, checkFeedback, funnelRates,
} from './demand.rules.ts';
import { isAllowed, PERMISSIONS } from '../common/permissions.ts';

describe('demand state machine', () => {
  it('runs draft → submitted → published → matched → closed', () => {
    let s = applyDemandEvent('draft', 'submit');
    expect(s).toBe('submitted');
    s = applyDemandEvent(s, 'publish');
    expect(s).toBe('published');
    s = applyDemandEvent(s, 'match');
    expect(s).toBe('matched');
    expect(applyDemandEvent(s, 'close')).toBe('closed');
  });
  it('sends a rejected demand back to draft', () => {
    expect(applyDemandEvent('submitted', 'reject')).toBe('draft');
  });
  it('refuses illegal transitions with a Chinese message', () => {
    expect(() => applyDemandEvent('draft', 'publish')).toThrowError(/草稿.*审核通过并发布/);
    expect(nextDemandState('closed', 'reopen')).toBeNull();
    expect(nextDemandState('matched', 'expire')).toBeNull();
    try { applyDemandEvent('closed', 'submit'); } catch (e) { expect((e as { code: string }).code).toBe('ILLEGAL_TRANSITION'); }
  });
  it('expires a published demand the day after validUntil', () => {
    expect(isExpired('2025-06-30', '2025-06-30')).toBe(false);
    expect(isExpired('2025-06-30', '2025-07-01')).toBe(true);
    expect(isExpired(null, '2099-01-01')).toBe(false);
    expect(effectiveState('published', '2025-06-30', '2025-07-01')).toBe('expired');
    expect(effectiveState('draft', '2025-06-30', '2025-07-01')).toBe('draft');
  });
  it('knows which states are public and editable', () => {
    expect(isPublic('published')).toBe(true);
    expect(isPublic('submitted')).toBe(false);
    expect(isEditable('draft')).toBe(true);
    expect(isEditable('published')).toBe(false);
  });
});

describe('budget parsing (the demo listings)', () => {
  it('reads 100万元 as exactly 1,000,000 元 = 100,000,000 fen', () => {
    expect(parseBudget('100万元')).toEqual({ minFen: 100_000_000, maxFen: 100_000_000, negotiable: false });
  });
  it('reads ranges and bounds', () => {
    expect(parseBudget('50-100万元')).toEqual({ minFen: 50_000_000, maxFen: 100_000_000, negotiable: false });
    expect(parseBudget('50万元以下')).toEqual({ minFen: null, maxFen: 50_000_000, negotiable: false });
    expect(parseBudget('300万元')).toMatchObject({ maxFen: 300_000_000 });
    expect(parseBudget('1.5亿元')).toMatchObject({ minFen: 15_000_000_000 });
    expect(parseBudget('12.5万元')).toMatchObject({ minFen: 12_500_000 });
    expect(parseBudget('8000元')).toMatchObject({ minFen: 800_000 });
    expect(parseBudget('20万元以上')).toEqual({ minFen: 20_000_000, maxFen: null, negotiable: false });
  });
  it('treats 面议/未注明/empty as negotiable', () => {
    for (const t of ['面议', '未注明', '', null]) expect(parseBudget(t).negotiable).toBe(true);
  });
  it('rejects unreadable or inverted budgets', () => {
    expect(() => parseBudget('很多钱')).toThrowError(/预算格式无法识别/);
    expect(() => parseBudget('100-50万元')).toThrowError(/上限小于下限/);
  });
  it('formats back in 万元', () => {
    expect(formatBudget({ minFen: 50_000_000, maxFen: 100_000_000 })).toBe('50–100 万元');
    expect(formatBudget({ minFen: null, maxFen: 50_000_000 })).toBe('≤ 50 万元');
    expect(formatBudget({ minFen: null, maxFen: null })).toBe('面议');
    expect(formatBudget({ minFen: 12_500_000, maxFen: 12_500_000 })).toBe('12.5 万元');
  });
});

describe('modes and validity text', () => {
  it('maps cooperation text', () => {
    expect(parseDemandMode('联合研发')).toBe('joint_rd');
    expect(parseDemandMode('技术转让')).toBe('transfer');
    expect(parseDemandMode('专利购买')).toBe('transfer');
    expect(parseDemandMode('许可转让')).toBe('transfer');
    expect(parseDemandMode('独占许可')).toBe('licence');
    expect(parseDemandMode('技术入股')).toBe('equity');
    expect(parseDemandMode('未说明')).toBe('any');
  });
  it('parses validUntil', () => {
    expect(parseValidUntil('2026年3月5日')).toEqual({ validUntil: '2026-03-05', expired: false });
    expect(parseValidUntil('长期')).toEqual({ validUntil: null, expired: false });
    expect(parseValidUntil('已过期')).toEqual({ validUntil: null, expired: true });
  });
});

describe('contact masking', () => {
  const c = { name: '王小明', phone: '13812345678', email: 'wang@example.com' };
  it('masks for another organisation and anonymous visitors', () => {
    const m = contactFor(c, 7, { orgId: 8, role: 'org_member' });
    expect(m).toEqual({ name: '王**', phone: '138****5678', email: 'w***@example.com', masked: true });
    expect(contactFor(c, 7, null).masked).toBe(true);
  });
  it('shows in full to the owner and the office', () => {
    expect(contactFor(c, 7, { orgId: 7, role: 'org_member' })).toMatchObject({ phone: '13812345678', masked: false });
    expect(contactFor(c, 7, { orgId: 1, role: 'platform_admin' }).masked).toBe(false);
  });
  it('masks landlines and short values', () => {
    expect(maskPhone('022-12345678')).toBe('02*******78');
    expect(maskPhone('123')).toBe('****');
    expect(maskEmail('bad')).toBe('***');
    expect(maskName('李')).toBe('李*');
  });
});

describe('feedback and funnel', () => {
  it('needs a reason for not relevant and a note for other', () => {
    expect(() => checkFeedback('not_relevant', null, null)).toThrowError(/原因/);
    expect(() => checkFeedback('not_relevant', 'other', ' ')).toThrowError(/说明/);
    expect(() => checkFeedback('not_relevant', 'wrong_field', null)).not.toThrow();
    expect(() => checkFeedback('interested', null, null)).not.toThrow();
  });
  it('computes stage conversion, n/a when the earlier stage is empty', () => {
    expect(funnelRates({ match: 200, interest: 20, contact: 10, deal: 0 })).toEqual({ interest: 0.1, contact: 0.5, deal: 0 });
    expect(funnelRates({ match: 0, interest: 0, contact: 0, deal: 0 }).interest).toBeNull();
  });
});

describe('permissions', () => {
  it('has the module actions in the joined table', () => {
    for (const a of ['demand.create', 'demand.review', 'search.query', 'classify.run', 'match.run', 'match.prospects', 'match.feedback']) {
      expect(PERMISSIONS[a]).toBeDefined();
    }
  });
  it('lets anyone search and browse the hall, only the office review', () => {
    expect(isAllowed('search.query', null)).toBe(true);
    expect(isAllowed('demand.list', null)).toBe(true);
    expect(isAllowed('demand.review', 'org_admin')).toBe(false);
    expect(isAllowed('demand.review', 'platform_admin')).toBe(true);
    expect(isAllowed('demand.create', 'bank_officer')).toBe(false);
    expect(isAllowed('match.feedback', null)).toBe(false);
  });
});
