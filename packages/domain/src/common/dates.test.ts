import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addYears, daysBetween, isValidIsoDate, wholeMonthsBetween, wholeYearsBetween } from './dates.ts';

describe('ISO date maths', () => {
  it('adds years, clamping a leap day', () => {
    expect(addYears('2020-02-29', 1)).toBe('2021-02-28');
    expect(addYears('2020-02-29', 4)).toBe('2024-02-29');
    expect(addYears('1999-09-06', 10)).toBe('2009-09-06');
  });
  it('adds months and days', () => {
    expect(addMonths('2021-01-31', 1)).toBe('2021-02-28');
    expect(addMonths('2021-11-15', 3)).toBe('2022-02-15');
    expect(addDays('2009-09-06', -1)).toBe('2009-09-05');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });
  it('counts whole years and months elapsed', () => {
    expect(wholeYearsBetween('2010-06-01', '2020-05-31')).toBe(9);
    expect(wholeYearsBetween('2010-06-01', '2020-06-01')).toBe(10);
    expect(wholeYearsBetween('2020-02-29', '2021-02-28')).toBe(1);
    expect(wholeMonthsBetween('2024-01-15', '2024-03-14')).toBe(1);
    expect(wholeMonthsBetween('2024-01-15', '2024-03-15')).toBe(2);
  });
  it('validates dates', () => {
    expect(isValidIsoDate('2023-02-29')).toBe(false);
    expect(isValidIsoDate('2024-02-29')).toBe(true);
    expect(isValidIsoDate('2024-2-1')).toBe(false);
  });
});
