import { describe, it, expect } from 'vitest';
import {
  assertFilingPatents, assertFilingTransition, checkFilingPatents, checkYearReport, filingNumber, inForceOn,
  shouldWithdraw, sumReports, type FilingPatentFacts,
} from './product-filing.rules.ts';
import { filingInput } from './product-filing.schemas.ts';

const FILER = 5;
const own: FilingPatentFacts = {
  patentId: 1, applicationNumber: '201810431317.9', role: 'own', legalStatus: 'in_force', grantDate: '2020-01-03',
  lapseDate: null, holderOrgIds: [FILER], licences: [],
};
const licensed: FilingPatentFacts = {
  patentId: 2, applicationNumber: '201910349801.1', role: 'licensed', legalStatus: 'in_force', grantDate: '2021-03-01',
  lapseDate: null, holderOrgIds: [9], licences: [{ dealId: 77, licenseeOrgId: FILER, from: '2024-01-01', to: '2026-12-31', kind: 'ordinary' }],
};
const codes = (pts: FilingPatentFacts[], date = '2025-04-01') => checkFilingPatents(FILER, date, pts).map((p) => p.code);

describe('filing check: every patent in force and held or licensed on the filing date', () => {
  it('accepts an own patent and a licensed patent whose licence covers the date', () => {
    expect(codes([own, licensed])).toEqual([]);
    expect(() => assertFilingPatents(FILER, '2025-04-01', [own, licensed])).not.toThrow();
  });
  it('refuses an own patent held by someone else', () => {
    expect(codes([{ ...own, holderOrgIds: [9] }])).toEqual(['NOT_HELD']);
  });
  it('refuses a licensed patent when the licence is for another enterprise or does not cover the date', () => {
    expect(codes([{ ...licensed, licences: [{ ...licensed.licences[0]!, licenseeOrgId: 6 }] }])).toEqual(['NO_LICENCE']);
    expect(codes([licensed], '2023-12-31')).toEqual(['NO_LICENCE']);
    expect(codes([licensed], '2027-01-01')).toEqual(['NO_LICENCE']);
    expect(codes([licensed], '2026-12-31')).toEqual([]);
  });
  it('accepts an open-ended licence', () => {
    expect(codes([{ ...licensed, licences: [{ dealId: 1, licenseeOrgId: FILER, from: '2020-01-01', to: null }] }], '2030-01-01')).toEqual([]);
  });
  it('refuses a patent not granted, or lapsed, on the filing date', () => {
    expect(codes([{ ...own, grantDate: '2025-05-01' }])).toEqual(['NOT_GRANTED']);
    expect(codes([{ ...own, legalStatus: 'pending', grantDate: null }])).toEqual(['NOT_GRANTED']);
    expect(codes([{ ...own, legalStatus: 'lapsed', lapseDate: '2025-03-01' }])).toEqual(['NOT_IN_FORCE']);
  });
  it('a patent that lapsed after the filing date was in force on it', () => {
    expect(codes([{ ...own, legalStatus: 'lapsed', lapseDate: '2025-06-01' }])).toEqual([]);
    expect(inForceOn({ legalStatus: 'lapsed', grantDate: '2020-01-01', lapseDate: '2025-06-01' }, '2025-06-01')).toBe(false);
  });
  it('reports each bad patent with its number, in Chinese', () => {
    try {
      assertFilingPatents(FILER, '2025-04-01', [own, { ...licensed, licences: [] }]);
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toBe('201910349801.1：备案主体没有覆盖备案日的许可记录');
    }
  });
  it('needs at least one patent', () => expect(() => checkFilingPatents(FILER, '2025-01-01', [])).toThrow('至少列出一件'));
});

describe('states, withdrawal, filing numbers', () => {
  it('draft → submitted → filed → withdrawn; a filed one cannot go back to draft', () => {
    expect(() => assertFilingTransition('draft', 'submitted')).not.toThrow();
    expect(() => assertFilingTransition('submitted', 'filed')).not.toThrow();
    expect(() => assertFilingTransition('filed', 'withdrawn')).not.toThrow();
    expect(() => assertFilingTransition('filed', 'draft')).toThrow('不能变为');
    expect(() => assertFilingTransition('withdrawn', 'submitted')).toThrow();
  });
  it('withdraw when all linked patents have lapsed', () => {
    const lapsed = { legalStatus: 'lapsed' as const, grantDate: '2020-01-01', lapseDate: '2025-01-01' };
    expect(shouldWithdraw([lapsed, lapsed], '2025-02-01')).toBe(true);
    expect(shouldWithdraw([lapsed, own], '2025-02-01')).toBe(false);
  });
  it('numbers a filing BA + year + serial', () => expect(filingNumber('2025-04-01', 12)).toBe('BA2025000012'));
});

describe('yearly reports', () => {
  const ctx = { filingDate: '2024-05-10', productionStart: '2023-09-01', today: '2025-02-15', state: 'filed' as const };
  const r = { year: 2024, outputFen: 12_000_000_00, salesFen: 10_000_000_00, exportFen: 0, jobs: 35 };
  it('accepts a completed year inside the 1 Jan – 31 Mar window without warnings', () => {
    expect(checkYearReport(r, ctx).warnings).toEqual([]);
    expect(checkYearReport({ ...r, year: 2023 }, ctx).warnings).toEqual(['2023 年度数据应在 2024 年 1 月 1 日至 3 月 31 日报送，本次为补报']);
  });
  it('refuses the current year, a year before production, or a filing not yet filed', () => {
    expect(() => checkYearReport({ ...r, year: 2025 }, ctx)).toThrow('已结束年度');
    expect(() => checkYearReport({ ...r, year: 2022 }, ctx)).toThrow('不能早于 2023 年');
    expect(() => checkYearReport(r, { ...ctx, state: 'submitted' })).toThrow('只有已备案');
    expect(() => checkYearReport({ ...r, jobs: -1 }, ctx)).toThrow('就业');
  });
  it('warns when exports exceed sales after the window', () => {
    expect(checkYearReport({ ...r, exportFen: r.salesFen + 1 }, { ...ctx, today: '2025-04-01' }).warnings).toHaveLength(2);
  });
  it('sums the output of one year', () => {
    const s = sumReports([r, { ...r, outputFen: 100, jobs: 5 }, { ...r, year: 2023 }], 2024);
    expect(s).toEqual({ outputFen: 12_000_000_00 + 100, salesFen: 20_000_000_00, jobs: 40, count: 2 });
  });
});

describe('filing input', () => {
  it('requires the integrity pledge and at least one patent', () => {
    const base = { productName: '锂电正极材料', category: '新材料', patents: [{ patentId: 1, role: 'own' }], integrityPledge: true };
    expect(filingInput.safeParse(base).success).toBe(true);
    expect(filingInput.safeParse({ ...base, integrityPledge: false }).success).toBe(false);
    expect(filingInput.safeParse({ ...base, patents: [] }).success).toBe(false);
  });
});
