import { describe, it, expect } from 'vitest';
import { summarise, diffPools, countRows, type SnapshotItem } from './inventory.rules.ts';
import { assertTransition, canTransition, formatListNumber, matchesFilter, regionContains, describeFilter, assertEditable, type SupplyCandidate } from './supply-list.rules.ts';
import { inventoryRunInput, patentMarkInput, gradingModelInput } from './inventory.schemas.ts';
import { supplyListInput } from './supply-list.schemas.ts';
import { GBT42748_MODEL } from './grading.rules.ts';
import { AppError } from '../common/app-error.ts';
import { inventoryPermissions } from './inventory.permissions.ts';
import { PERMISSIONS, isAllowed } from '../common/permissions.ts';

const item = (o: Partial<SnapshotItem> & { patentId: number }): SnapshotItem => ({
  sleeping: true, pool: 'univ', grade: 'C', score: 45, seiIndustry: null, industryCode: null, holderId: 1, regionCode: '410100', highValue: false, ...o,
});

describe('run summary', () => {
  it('counts the pool by grade, industry, holder and province; non-sleeping items are scanned only', () => {
    const s = summarise([
      item({ patentId: 1, grade: 'A', seiIndustry: '1', industryCode: '39', highValue: true }),
      item({ patentId: 2, grade: 'C', pool: 'soe', holderId: 2, regionCode: '411500' }),
      item({ patentId: 3, sleeping: false, pool: null }),
      item({ patentId: 4, grade: 'C', regionCode: null, holderId: null }),
    ]);
    expect(s.scanned).toBe(4);
    expect(s.poolSize).toBe(3);
    expect(s.byPool).toEqual({ univ: 2, soe: 1 });
    expect(s.byGrade).toEqual({ A: 1, B: 0, C: 2, D: 0 });
    expect(s.bySei).toEqual({ '1': 1, none: 2 });
    expect(s.byIndustry).toEqual({ '39': 1, none: 2 });
    expect(s.byHolder).toEqual({ '1': 1, '2': 1, none: 1 });
    expect(s.byRegion).toEqual({ '410000': 2, none: 1 });
    expect(s.highValueInPool).toBe(1);
    expect(countRows(s.byHolder)).toEqual([{ key: '1', count: 1 }, { key: '2', count: 1 }, { key: 'none', count: 1 }]);
  });
  it('diff with the previous run: entered, left, grade changed', () => {
    const d = diffPools([{ patentId: 1, grade: 'A' }, { patentId: 2, grade: 'B' }, { patentId: 5, grade: 'D' }],
      [{ patentId: 2, grade: 'C' }, { patentId: 3, grade: 'B' }, { patentId: 1, grade: 'A' }]);
    expect(d).toEqual({ entered: [3], left: [5], gradeChanged: [{ patentId: 2, from: 'B', to: 'C' }], unchanged: 1 });
  });
});

describe('supply-list workflow', () => {
  it('draft → reviewed → published; reviewed can go back; published is final', () => {
    expect(canTransition('draft', 'reviewed')).toBe(true);
    expect(canTransition('reviewed', 'published')).toBe(true);
    expect(canTransition('reviewed', 'draft')).toBe(true);
    expect(canTransition('draft', 'published')).toBe(false);
    expect(canTransition('published', 'draft')).toBe(false);
    expect(() => assertTransition('draft', 'published')).toThrowError(AppError);
    try { assertTransition('published', 'draft'); } catch (e) { expect((e as AppError).code).toBe('ILLEGAL_TRANSITION'); expect((e as Error).message).toContain('已发布'); }
    expect(() => assertEditable('published')).toThrowError(/不能修改/);
    expect(() => assertEditable('draft')).not.toThrow();
  });
  it('numbers', () => {
    expect(formatListNumber('general', 2024, 3)).toBe('供给清单〔2024〕第3期');
    expect(formatListNumber('soe_sharing', 2025, 1)).toBe('国企共享清单〔2025〕第1期');
  });
  const c: SupplyCandidate = { grade: 'B', seiIndustry: '1', seiCodes: ['1.6'], industryCodes: ['39'], holderTypes: ['university'], holderIds: [7],
    regionCode: '411502', patentType: 'invention', openLicence: false, sleeping: true, highValue: false, title: '一种智能识别方法' };
  it('filter matching', () => {
    expect(matchesFilter(c, {})).toBe(true);
    expect(matchesFilter(c, { grades: ['A', 'B'] })).toBe(true);
    expect(matchesFilter(c, { grades: ['A'] })).toBe(false);
    expect(matchesFilter(c, { seiIndustries: ['1'] })).toBe(true);
    expect(matchesFilter(c, { seiIndustries: ['1.6'] })).toBe(true);
    expect(matchesFilter(c, { seiIndustries: ['1.1'] })).toBe(false);
    expect(matchesFilter(c, { regionCodes: ['410000'] })).toBe(true);
    expect(matchesFilter(c, { regionCodes: ['411500'] })).toBe(true);
    expect(matchesFilter(c, { regionCodes: ['420000'] })).toBe(false);
    expect(matchesFilter(c, { openLicenceOnly: true })).toBe(false);
    expect(matchesFilter(c, { keyword: '智能' })).toBe(true);
    expect(matchesFilter(c, {}, 'soe_sharing')).toBe(false);
    expect(matchesFilter({ ...c, holderTypes: ['soe'] }, {}, 'soe_sharing')).toBe(true);
    expect(regionContains('411500', '411502')).toBe(true);
    expect(describeFilter({ grades: ['A', 'B'], sleepingOnly: true })).toBe('分级 A/B；仅沉睡专利');
  });
});

describe('schemas', () => {
  it('run input: scope needs its target; dates validated', () => {
    expect(inventoryRunInput.safeParse({ asOf: '2024-12-31' }).success).toBe(true);
    const r = inventoryRunInput.safeParse({ asOf: '2024-12-31', scope: 'holder' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].message).toBe('按权利人盘点时须选择权利人');
    expect(inventoryRunInput.safeParse({ asOf: '2024-02-30' }).success).toBe(false);
    expect(inventoryRunInput.safeParse({ asOf: '2024-12-31', extra: 1 }).success).toBe(false);
  });
  it('mark needs a reason', () => {
    expect(patentMarkInput.safeParse({ kind: 'excluded', reason: '短' }).success).toBe(false);
    expect(patentMarkInput.safeParse({ kind: 'excluded', reason: '涉及国家秘密，不宜转化' }).success).toBe(true);
  });
  it('grading model and supply list inputs', () => {
    expect(gradingModelInput.safeParse(GBT42748_MODEL).success).toBe(true);
    expect(supplyListInput.safeParse({ title: '2024年第一批', filter: { grades: ['E'] } }).success).toBe(false);
    const ok = supplyListInput.parse({ title: '2024年第一批供给清单' });
    expect(ok.kind).toBe('general');
    expect(ok.filter).toEqual({});
  });
});

describe('permissions', () => {
  it('every action is in the joined table; published lists are public; only the office publishes', () => {
    for (const k of Object.keys(inventoryPermissions)) expect(PERMISSIONS[k]).toBeDefined();
    expect(isAllowed('supply-list.public', null)).toBe(true);
    expect(isAllowed('supply-list.publish', 'org_admin')).toBe(false);
    expect(isAllowed('supply-list.publish', 'platform_admin')).toBe(true);
    expect(isAllowed('inventory.run', 'bank_officer')).toBe(false);
  });
});
