import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatWan, formatYuan, mulRatio, roundHalfAwayFromZero, sumFen, wanToFen, yuanToFen } from './money.ts';

describe('money in fen', () => {
  it('parses 元 and 万元 exactly', () => {
    expect(yuanToFen('1,234.5')).toBe(123450);
    expect(yuanToFen('0.01')).toBe(1);
    expect(yuanToFen('12元')).toBe(1200);
    expect(wanToFen('12.5')).toBe(12_500_000);
    expect(wanToFen('0.000001')).toBe(1);
    expect(() => yuanToFen('1.234')).toThrow();
    expect(() => yuanToFen('abc')).toThrow();
  });
  it('formats fen as 元 and 万元', () => {
    expect(formatYuan(123456)).toBe('1,234.56');
    expect(formatYuan(-5)).toBe('-0.05');
    expect(formatWan(12_345_600)).toBe('12.3456');
    expect(formatWan(1_000_000)).toBe('1');
  });
  it('rounds half away from zero', () => {
    expect(roundHalfAwayFromZero(5, 10)).toBe(1);
    expect(roundHalfAwayFromZero(-5, 10)).toBe(-1);
    expect(roundHalfAwayFromZero(4, 10)).toBe(0);
    expect(mulRatio(12345, 1500, 10000)).toBe(1852); // 1851.75 → 1852
    expect(mulRatio(-12345, 1500, 10000)).toBe(-1852);
    expect(mulRatio(1, 1, 2)).toBe(1);
  });
  it('mulRatio agrees with exact rational rounding for any amount and rate', () => {
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 10000 }), (a, bp) => {
      const exact = (BigInt(a) * BigInt(bp) * 2n + (a >= 0 ? 10000n : -10000n)) / 20000n; // half away from zero
      expect(mulRatio(a, bp, 10000)).toBe(Number(exact));
    }));
  });
  it('sums stay exact and refuse overflow', () => {
    expect(sumFen([1, 2, 3])).toBe(6);
    expect(() => sumFen([Number.MAX_SAFE_INTEGER, 1])).toThrow();
  });
});
