import { describe, it, expect } from 'vitest';
import {
  describeRule, nextVersion, regionContains, regionPrefix, termsProblems, versionInForce, type PolicyTerms, type PolicyVersion,
} from './subsidy.policy.ts';
import { PRESETS, presetPolicies } from './subsidy.presets.ts';
import { policyCreateInput, policyTermsInput } from './subsidy.schemas.ts';
import { AppError } from '../common/app-error.ts';

const terms = (): PolicyTerms => structuredClone(PRESETS.find((p) => p.code === 'ordos-grant')!.terms);

describe('区划', () => {
  it('前缀与包含关系', () => {
    expect(regionPrefix('411000')).toBe('4110');
    expect(regionPrefix('510000')).toBe('51');
    expect(regionPrefix('411002')).toBe('411002');
    expect(regionContains('411000', '411081')).toBe(true);
    expect(regionContains('4110', '411081')).toBe(true);
    expect(regionContains('411000', '411500')).toBe(false);
    expect(regionContains('150600', '150621')).toBe(true);
    expect(regionContains('150600', null)).toBe(false);
  });
});

describe('政策版本', () => {
  const v1: PolicyVersion = { version: 1, effectiveFrom: '2023-01-01', terms: terms() };
  const v2: PolicyVersion = { version: 2, effectiveFrom: '2023-07-01', terms: { ...terms(), noticeDays: 10 } };
  it('按提交日选用当时有效的版本', () => {
    expect(versionInForce([v1, v2], '2023-06-30').version).toBe(1);
    expect(versionInForce([v1, v2], '2023-07-01').version).toBe(2);
    expect(versionInForce([v2, v1], '2024-01-01').version).toBe(2);
  });
  it('同日生效的两个版本，取编号大的', () => {
    const v3 = { ...v2, version: 3 };
    expect(versionInForce([v1, v3, v2], '2023-08-01').version).toBe(3);
  });
  it('提交日早于所有版本：报错', () => {
    expect(() => versionInForce([v1], '2022-12-31')).toThrow(AppError);
  });
  it('新版本编号递增，生效日不得早于最新版本', () => {
    const v = nextVersion([v1, v2], { ...terms(), feeShareCapBp: 4000 }, '2023-09-01');
    expect(v.version).toBe(3);
    expect(() => nextVersion([v1, v2], terms(), '2023-06-01')).toThrow(/不能早于/);
    expect(nextVersion([], terms(), '2023-01-01').version).toBe(1);
  });
  it('无效的条款不能成为新版本', () => {
    expect(() => nextVersion([v1], { ...terms(), noticeDays: 0 }, '2023-09-01')).toThrow(/公示期/);
  });
});

describe('条款校验', () => {
  it('预置政策全部有效，且能通过接口的 zod 校验', () => {
    for (const p of PRESETS) {
      expect(termsProblems(p.terms)).toEqual([]);
      expect(policyTermsInput.safeParse(p.terms).success).toBe(true);
    }
    for (const p of presetPolicies(2024)) {
      const r = policyCreateInput.safeParse({ code: p.code, regionCode: p.regionCode, regionName: p.regionName, year: p.year, itemKind: p.itemKind, effectiveFrom: p.versions[0].effectiveFrom, terms: p.versions[0].terms });
      expect(r.success).toBe(true);
    }
  });
  it('比例超过 100%、负金额、重复费用、空分档：逐条报出中文原因', () => {
    const t = terms();
    expect(termsProblems({ ...t, feeShareCapBp: 12_000 })).toEqual(['官费比例上限须在 0～100% 之间']);
    expect(termsProblems({ ...t, perItemCapFen: -1 })).toEqual(['单项上限须为非负整数（分）']);
    expect(termsProblems({ ...t, rule: { kind: 'cost_share', components: [{ cost: 'interest', shareBp: 5000 }, { cost: 'interest', shareBp: 100 }] } })).toEqual(['费用类型不能重复']);
    expect(termsProblems({ ...t, rule: { kind: 'tiered', tiers: [] } })).toEqual(['分档规则至少需要一档']);
    expect(termsProblems({ ...t, rule: { kind: 'cost_share', components: [{ cost: 'interest', shareBp: 5000, baseRateBp: 300 }] } })).toEqual(['利息：设置了基数比例上限，须选择基数']);
  });
  it('zod 拒绝多余字段与小数金额', () => {
    expect(policyTermsInput.safeParse({ ...terms(), extra: 1 }).success).toBe(false);
    expect(policyTermsInput.safeParse({ ...terms(), budgetFen: 1.5 }).success).toBe(false);
    const bad = policyTermsInput.safeParse({ ...terms(), noticeDays: 0 });
    expect(bad.success).toBe(false);
  });
});

describe('规则说明', () => {
  it('中文描述', () => {
    expect(describeRule({ kind: 'fixed', amountFen: 20_000_000 })).toBe('定额，最高 200,000 元');
    expect(describeRule({ kind: 'rate', base: 'official_fees', rateBp: 5000 })).toBe('已缴官方规定费用 × 50%');
    expect(describeRule(PRESETS.find((p) => p.code === 'xc-pledge-cost')!.terms.rule)).toContain('利息的 100%，不超过贷款金额的 3%，最高 360,000 元');
    expect(describeRule({ kind: 'tiered', tiers: [{ minScore: 70, amountFen: 100 }, { minScore: 90, amountFen: 300 }] })).toBe('90 分以上 3 元；70 分以上 1 元');
  });
});
