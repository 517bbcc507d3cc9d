import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { RISK_PARTIES, computeRiskCompensation, splitByShare, type RiskShare } from './pledge.rules.ts';

/** A random risk share of five integer basis-point parts summing to exactly 10,000. */
const shareArb = fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 4, maxLength: 4 }).map((cuts) => {
  const s = [0, ...cuts.sort((a, b) => a - b), 10_000];
  const parts = RISK_PARTIES.map((_, i) => s[i + 1]! - s[i]!);
  return Object.fromEntries(RISK_PARTIES.map((p, i) => [p, parts[i]])) as RiskShare;
});

describe('risk-share allocation properties', () => {
  it('the parts always add up exactly to the amount and each is within one fen of its exact share', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 9_000_000_000_000 }), shareArb, (amount, share) => {
      const parts = splitByShare(amount, share);
      expect(RISK_PARTIES.reduce((s, p) => s + parts[p], 0)).toBe(amount);
      for (const p of RISK_PARTIES) {
        const exact = (BigInt(amount) * BigInt(share[p])) / 10_000n;
        expect(BigInt(parts[p]) - exact >= 0n && BigInt(parts[p]) - exact <= 1n).toBe(true);
      }
    }), { numRuns: 500 });
  });
  it('the fund never pays more than its cap or than the loss', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 1e11 }), shareArb,
      (principal, recovered, cap, share) => {
        const r = computeRiskCompensation({ outstandingPrincipalFen: principal, recoveredFen: recovered, share, fundCapFen: cap });
        expect(r.lossFen).toBe(Math.max(0, principal - recovered));
        expect(r.fundPaysFen).toBeLessThanOrEqual(cap);
        expect(r.fundPaysFen).toBeLessThanOrEqual(r.lossFen);
      }), { numRuns: 300 });
  });
});
