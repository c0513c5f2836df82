import { describe, expect, it } from 'vitest';
import { sviTotalVariance, type SviParams } from '../svi';
import type { SmilePoint } from './quotes';
import { fitSviLinear, LEE_WING_SLOPE } from './sviLinearFit';

const pointsOf = (w: (k: number) => number): SmilePoint[] =>
  Array.from({ length: 21 }, (_, i) => {
    const k = -0.5 + i * 0.05;
    return { k, w: w(k), iv: Math.sqrt(w(k)), weight: 1 };
  });

describe('fitSviLinear (a, b·rho·s, b·s for fixed m, s)', () => {
  it('recovers the exact linear parameters at the true m and s', () => {
    const p: SviParams = { a: 0.01, b: 0.1, rho: -0.4, m: 0.05, s: 0.15 };
    const fit = fitSviLinear(pointsOf((k) => sviTotalVariance(p, k)), p.m, p.s);
    expect(fit.a).toBeCloseTo(p.a, 12);
    expect(fit.c).toBeCloseTo(p.b * p.s, 12);
    expect(fit.d).toBeCloseTo(p.rho * p.b * p.s, 12);
    // The error comes from moment sums, so it is zero only to rounding of w² (about 1e-16 of it here).
    expect(fit.error).toBeLessThan(1e-16);
  });

  it("holds the wings to Lee's bound when the data are steeper", () => {
    // A V of slope 3 on each side: more than total variance can grow without arbitrage.
    const s = 0.1;
    const fit = fitSviLinear(pointsOf((k) => 0.01 + 3 * Math.abs(k)), 0, s);
    expect(fit.c + Math.abs(fit.d)).toBeLessThanOrEqual(LEE_WING_SLOPE * s * (1 + 1e-12));
    expect(Math.abs(fit.d)).toBeLessThanOrEqual(fit.c);
    expect(fit.c).toBeCloseTo(LEE_WING_SLOPE * s, 10);
  });

  it('keeps |rho| ≤ 1 when the data slope one way only', () => {
    // Total variance rising to the left and falling to the right cannot be matched by b ≥ 0, |rho| ≤ 1.
    const fit = fitSviLinear(pointsOf((k) => 0.05 - 0.08 * k), 0, 0.2);
    expect(Math.abs(fit.d)).toBeLessThanOrEqual(fit.c * (1 + 1e-12));
    expect(fit.c).toBeGreaterThanOrEqual(0);
  });

  it('never leaves negative variance: the level is raised to keep min w ≥ 0', () => {
    // Data that dip below zero at the vertex.
    const fit = fitSviLinear(pointsOf((k) => -0.02 + 0.5 * Math.abs(k)), 0, 0.05);
    expect(fit.a + Math.sqrt(fit.c * fit.c - fit.d * fit.d)).toBeGreaterThanOrEqual(-1e-15);
  });
});
