import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sviTotalVariance, type SviParams } from '../svi';
import { checkButterfly, sviDensityG } from './butterfly';

/** Axel Vogt's smile from Gatheral & Jacquier (2014), the standard example of butterfly arbitrage. */
const VOGT: SviParams = { a: -0.041, b: 0.1331, rho: 0.306, m: 0.3586, s: 0.4153 };
const HEALTHY: SviParams = { a: 0.01, b: 0.1, rho: -0.4, m: 0.05, s: 0.15 };

/** g(k) from finite differences of w, an independent check of the analytic derivatives. */
function gByDifferences(p: SviParams, k: number): number {
  const h = 1e-4;
  const w = sviTotalVariance(p, k);
  const w1 = (sviTotalVariance(p, k + h) - sviTotalVariance(p, k - h)) / (2 * h);
  const w2 = (sviTotalVariance(p, k + h) - 2 * w + sviTotalVariance(p, k - h)) / (h * h);
  return (1 - (k * w1) / (2 * w)) ** 2 - ((w1 * w1) / 4) * (1 / w + 1 / 4) + w2 / 2;
}

describe('butterfly arbitrage', () => {
  it('g(k) agrees with finite differences of the smile', () => {
    fc.assert(
      fc.property(fc.double({ min: -1.5, max: 1.5, noNaN: true }), (k) => {
        for (const p of [VOGT, HEALTHY]) {
          if (sviTotalVariance(p, k) > 1e-3) expect(Math.abs(sviDensityG(p, k) - gByDifferences(p, k))).toBeLessThan(1e-5);
        }
      }),
    );
  });

  it('flags the Vogt smile, where the density is negative, and says where', () => {
    const check = checkButterfly(VOGT);
    expect(check.ok).toBe(false);
    expect(check.failures.length).toBeGreaterThan(0);
    for (const f of check.failures) {
      expect(f.worstG).toBeLessThan(0);
      expect(f.kFrom).toBeLessThanOrEqual(f.kTo);
      // Both ends of a reported interval really have a negative density.
      expect(sviDensityG(VOGT, f.kFrom)).toBeLessThan(0);
      expect(sviDensityG(VOGT, f.kTo)).toBeLessThan(0);
    }
    // The density, by finite differences, is negative at k = 0.9 and positive at the money: the report
    // covers the one and not the other.
    expect(gByDifferences(VOGT, 0.9)).toBeLessThan(0);
    expect(gByDifferences(VOGT, 0)).toBeGreaterThan(0);
    expect(check.failures.some((f) => f.kFrom < 0.9 && f.kTo > 0.9)).toBe(true);
    expect(check.failures.some((f) => f.kFrom <= 0 && f.kTo >= 0)).toBe(false);
    expect(check.messages[0]).toMatch(/^butterfly arbitrage between k=-?\d+\.\d{4} and k=-?\d+\.\d{4}$/);
  });

  it('passes an ordinary equity smile', () => {
    expect(checkButterfly(HEALTHY)).toEqual({ ok: true, failures: [], messages: [] });
  });

  it('flags a smile whose variance goes negative', () => {
    const check = checkButterfly({ a: -0.05, b: 0.1, rho: 0, m: 0, s: 0.1 });
    expect(check.ok).toBe(false);
    expect(check.failures.some((f) => f.worstG === Number.NEGATIVE_INFINITY && f.kFrom < 0 && f.kTo > 0)).toBe(true);
  });

  it('fails closed on a grid it cannot scan', () => {
    expect(checkButterfly(HEALTHY, { kMin: 1, kMax: Number.NaN, points: 10 })).toMatchObject({ ok: false, failures: [] });
  });
});
