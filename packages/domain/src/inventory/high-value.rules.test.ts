import { describe, it, expect } from 'vitest';
import { evaluateHighValue, evaluateXuchang, pledgedTotalFen, DEFAULT_HIGH_VALUE_CONFIG, type HighValueInput } from './high-value.rules.ts';
import type { SeiMatch } from './classify.rules.ts';

const ai: SeiMatch = { seiCode: '1.6', seiName: '人工智能', parentCode: '1', parentName: '新一代信息技术产业', byIpc: 'G06N3/04', viaRow: 'G06N3/04' };
const plain: HighValueInput = {
  type: 'invention', status: 'in_force', filingDate: '2019-05-10', grantDate: '2022-08-01', seiMatches: [], overseasFamily: [],
  pledges: [], awards: [], uses: [],
};
const asOf = '2024-12-31';
const flag = (r: ReturnType<typeof evaluateHighValue>, c: string) => r.flags.find((f) => f.code === c)!;

describe('five CNIPA high-value categories', () => {
  it('none met → not high value, every flag carries its evidence', () => {
    const r = evaluateHighValue(plain, asOf);
    expect(r.isHighValue).toBe(false);
    expect(r.flags.map((f) => f.met)).toEqual([false, false, false, false, false]);
    expect(flag(r, 'MAINT10').evidence).toBe('申请日 2019-05-10，截至 2024-12-31 维持 5 年');
  });
  it('SEI: an invention whose IPC is in the table', () => {
    const r = evaluateHighValue({ ...plain, seiMatches: [ai] }, asOf);
    expect(flag(r, 'SEI').met).toBe(true);
    expect(flag(r, 'SEI').evidence).toContain('G06N3/04 对应 1.6 人工智能');
    expect(r.isHighValue).toBe(true);
  });
  it('OVERSEAS: a granted family member abroad', () => {
    const r = evaluateHighValue({ ...plain, overseasFamily: ['US11223344B2'] }, asOf);
    expect(flag(r, 'OVERSEAS')).toMatchObject({ met: true, evidence: '海外同族：US11223344B2' });
    expect(r.isHighValue).toBe(true);
  });
  it('MAINT10: in force and past the 10th anniversary of filing', () => {
    expect(flag(evaluateHighValue({ ...plain, filingDate: '2014-12-31' }, asOf), 'MAINT10').met).toBe(false);
    const r = evaluateHighValue({ ...plain, filingDate: '2014-12-30' }, asOf);
    expect(flag(r, 'MAINT10').met).toBe(true);
    expect(r.isHighValue).toBe(true);
  });
  it('PLEDGE_HIGH: registered pledges up to asOf reach the configurable amount', () => {
    const pledges = [{ securedAmountFen: 600_000_000, registrationDate: '2023-01-01' }, { securedAmountFen: 500_000_000, registrationDate: '2024-06-01' }];
    expect(pledgedTotalFen(pledges, '2023-12-31')).toBe(600_000_000);
    expect(flag(evaluateHighValue({ ...plain, pledges }, '2023-12-31'), 'PLEDGE_HIGH').met).toBe(false);
    const r = evaluateHighValue({ ...plain, pledges }, asOf);
    expect(flag(r, 'PLEDGE_HIGH')).toMatchObject({ met: true, evidence: '质押融资登记金额合计 1100 万元（阈值 1000 万元）' });
    const cfg = { ...DEFAULT_HIGH_VALUE_CONFIG, pledgeHighFen: 2_000_000_000 };
    expect(flag(evaluateHighValue({ ...plain, pledges }, asOf, cfg), 'PLEDGE_HIGH').met).toBe(false);
  });
  it('AWARD: national S&T award or China Patent Award; a provincial award does not count', () => {
    expect(flag(evaluateHighValue({ ...plain, awards: [{ kind: 'china_patent_award', name: '中国专利优秀奖', year: 2023 }] }, asOf), 'AWARD'))
      .toMatchObject({ met: true, evidence: '2023年 中国专利优秀奖' });
    expect(flag(evaluateHighValue({ ...plain, awards: [{ kind: 'national_sti' }] }, asOf), 'AWARD').met).toBe(true);
    const prov = evaluateHighValue({ ...plain, awards: [{ kind: 'provincial_patent_award', name: '河南省专利奖' }] }, asOf);
    expect(flag(prov, 'AWARD').met).toBe(false);
    expect(flag(prov, 'AWARD').evidence).toContain('仅有');
  });
  it('only valid inventions are high-value, even with flags', () => {
    const um = evaluateHighValue({ ...plain, type: 'utility_model', overseasFamily: ['US1'] }, asOf);
    expect(um.isHighValue).toBe(false);
    expect(flag(um, 'SEI').met).toBe(false);
    expect(evaluateHighValue({ ...plain, status: 'lapsed', overseasFamily: ['US1'] }, asOf).isHighValue).toBe(false);
  });
});

describe('Xuchang criteria (001 二(一)4)', () => {
  const get = (r: ReturnType<typeof evaluateXuchang>, c: string) => r.find((f) => f.code === c)!;
  it('fast grant within the configured months; long maintenance; conversion benefit', () => {
    const r = evaluateXuchang({ ...plain, grantDate: '2021-05-10' }, asOf);
    expect(get(r, 'FAST_GRANT').met).toBe(true);
    expect(get(evaluateXuchang({ ...plain, grantDate: '2021-05-11' }, asOf), 'FAST_GRANT').met).toBe(false);
    expect(get(r, 'LONG_MAINTENANCE').met).toBe(false);
    expect(get(evaluateXuchang({ ...plain, filingDate: '2014-01-01' }, asOf), 'LONG_MAINTENANCE').met).toBe(true);
    expect(get(r, 'CONVERSION_BENEFIT').met).toBe(false);
    const conv = evaluateXuchang({ ...plain, uses: [{ kind: 'licence', fromDate: '2024-01-01' }], productRevenueFen: 5_000_000 }, asOf);
    expect(get(conv, 'CONVERSION_BENEFIT')).toMatchObject({ met: true, evidence: '转让/许可/作价入股 1 次；备案产品销售额 5 万元' });
    // a pledge alone is not a conversion benefit
    expect(get(evaluateXuchang({ ...plain, uses: [{ kind: 'pledge', fromDate: '2024-01-01' }] }, asOf), 'CONVERSION_BENEFIT').met).toBe(false);
  });
  it('SEI counts for any patent type in the Xuchang list', () => {
    expect(get(evaluateXuchang({ ...plain, type: 'utility_model', seiMatches: [ai] }, asOf), 'SEI').met).toBe(true);
  });
});
