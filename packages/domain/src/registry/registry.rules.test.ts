import { describe, it, expect } from 'vitest';
import {
  REGISTRY_FIELDS, REGISTRY_KINDS, assertEntryTransition, cleanAttrs, countServiceVisits, countsFor, initialState,
  publishProblems, serviceRecordProblems,
} from './registry.rules.ts';

describe('per-kind fields', () => {
  it('every kind has at least one required field', () => {
    for (const k of REGISTRY_KINDS) expect(REGISTRY_FIELDS[k].some((f) => f.required)).toBe(true);
  });
  it('cleans a specialist and reports missing or bad fields in Chinese', () => {
    expect(cleanAttrs('specialist', { specialistType: '技术经理人', certificateNo: ' JS2025-001 ' }))
      .toEqual({ specialistType: '技术经理人', certificateNo: 'JS2025-001', qualification: null, expertise: null });
    expect(() => cleanAttrs('specialist', { specialistType: '律师' })).toThrow('类别须为：知识产权专员、技术经理人；请填写证书编号');
  });
  it('parses integers and dates, refuses unknown fields', () => {
    expect(cleanAttrs('pool', { poolType: '专利池', industry: '锂电', members: '12', patents: 340 })).toMatchObject({ members: 12, patents: 340 });
    expect(() => cleanAttrs('pool', { poolType: '专利池', industry: '锂电', members: '-1' })).toThrow('成员单位数须为非负整数');
    expect(() => cleanAttrs('nav_project', { navType: '产业规划类', endDate: '2025/01/01' })).toThrow('日期格式');
    expect(() => cleanAttrs('hv_center', { field: '新材料', foo: 1 })).toThrow('未知字段“foo”');
  });
});

describe('states', () => {
  it('typical cases start as drafts and are published; other entries start active', () => {
    expect(initialState('typical_case')).toBe('draft');
    expect(initialState('pool')).toBe('active');
    expect(() => assertEntryTransition('typical_case', 'draft', 'published')).not.toThrow();
    expect(() => assertEntryTransition('pool', 'active', 'published')).toThrow('不能变为');
    expect(countsFor('typical_case', 'draft')).toBe(false);
    expect(countsFor('typical_case', 'published')).toBe(true);
    expect(countsFor('pool', 'withdrawn')).toBe(false);
  });
  it('a case is publishable with a summary and at least 100 characters of body', () => {
    expect(publishProblems({ summary: null, body: '短' })).toEqual(['请填写案例摘要', '案例正文至少 100 字']);
    expect(publishProblems({ summary: '摘要', body: '字'.repeat(100) })).toEqual([]);
  });
});

describe('service visits (家次)', () => {
  const recs = [
    { agencyOrgId: 1, enterpriseOrgId: 10, serviceDate: '2025-03-01', type: 'consulting' as const },
    { agencyOrgId: 1, enterpriseOrgId: 10, serviceDate: '2025-03-01', type: 'valuation' as const },
    { agencyOrgId: 1, enterpriseOrgId: 10, serviceDate: '2025-03-02', type: 'consulting' as const },
    { agencyOrgId: 2, enterpriseOrgId: 10, serviceDate: '2025-03-01', type: 'navigation' as const },
    { agencyOrgId: 1, enterpriseOrgId: 11, serviceDate: '2024-12-31', type: 'custody' as const },
  ];
  it('one enterprise served by one agency on one day counts once', () => {
    expect(countServiceVisits(recs)).toEqual({ visits: 4, enterprises: 2 });
    expect(countServiceVisits(recs, 2025)).toEqual({ visits: 3, enterprises: 1 });
    expect(countServiceVisits(recs, 2024)).toEqual({ visits: 1, enterprises: 1 });
  });
  it('refuses a future date or serving oneself', () => {
    expect(serviceRecordProblems({ agencyOrgId: 1, enterpriseOrgId: 1, serviceDate: '2025-05-02', type: 'other' }, '2025-05-01'))
      .toEqual(['服务日期不能晚于今天', '服务机构与服务对象不能相同']);
  });
});
