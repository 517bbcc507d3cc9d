import { describe, it, expect } from 'vitest';
import { normaliseRegionCode, regionPrefix } from './region-code.ts';

describe('normaliseRegionCode', () => {
  it.each([
    ['51', { code: '510000', level: 'province', provinceCode: '510000', cityCode: null }],
    ['510000', { code: '510000', level: 'province', provinceCode: '510000', cityCode: null }],
    ['5101', { code: '510100', level: 'city', provinceCode: '510000', cityCode: '510100' }],
    ['510100', { code: '510100', level: 'city', provinceCode: '510000', cityCode: '510100' }],
    ['510104', { code: '510104', level: 'county', provinceCode: '510000', cityCode: '510100' }],
    ['110101', { code: '110101', level: 'county', provinceCode: '110000', cityCode: '110100' }],
    ['469001', { code: '469001', level: 'county', provinceCode: '460000', cityCode: '469000' }],
    [' ５１０１０４ ', { code: '510104', level: 'county', provinceCode: '510000', cityCode: '510100' }],
    ['510104000000', { code: '510104', level: 'county', provinceCode: '510000', cityCode: '510100' }],
    ['河南(41)', { code: '410000', level: 'province', provinceCode: '410000', cityCode: null }],
    ['河南（41）', { code: '410000', level: 'province', provinceCode: '410000', cityCode: null }],
    ['5100', { code: '510000', level: 'province', provinceCode: '510000', cityCode: null }],
    ['81', { code: '810000', level: 'province', provinceCode: '810000', cityCode: null }],
  ])('%s', (input, value) => expect(normaliseRegionCode(input)).toEqual({ ok: true, value }));

  it.each([
    ['', '为空'],
    ['成都', '应为数字'],
    ['51a1', '应为数字'],
    ['510', '应为 2、4 或 6 位数字，实际为 3 位'],
    ['5101041', '实际为 7 位'],
    ['510104001000', '实际为 12 位'],
    ['99', '省级代码“99”不存在'],
    ['000000', '省级代码“00”不存在'],
    ['16', '省级代码“16”不存在'],
    ['510004', '县级代码也应为 00'],
  ])('%s is rejected (%s)', (input, part) => {
    const r = normaliseRegionCode(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(part);
  });
});

describe('regionPrefix', () => {
  it.each([['510000', '51'], ['510100', '5101'], ['510104', '510104'], ['110000', '11'], ['469001', '469001'], ['51', '51'], ['5101', '5101']])(
    '%s → %s', (code, prefix) => expect(regionPrefix(code)).toBe(prefix),
  );
  it('a county starts with its city prefix, a city with its province prefix', () => {
    const county = normaliseRegionCode('510104');
    if (!county.ok || !county.value.cityCode) throw new Error('expected a county');
    expect(county.value.code.startsWith(regionPrefix(county.value.cityCode))).toBe(true);
    expect(county.value.cityCode.startsWith(regionPrefix(county.value.provinceCode))).toBe(true);
    expect('520104'.startsWith(regionPrefix('510000'))).toBe(false);
  });
  it('throws on a malformed code', () => {
    expect(() => regionPrefix('5101041')).toThrow();
    expect(() => regionPrefix('abc')).toThrow();
  });
});
