import { describe, expect, it } from 'vitest';
import { nelderMead } from './nelderMead';

describe('nelderMead', () => {
  it('finds the minimum of the Rosenbrock valley from the classic start (−1.2, 1)', () => {
    const rosen = (x: Float64Array) => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2;
    const r = nelderMead(rosen, [-1.2, 1], { maxEvaluations: 5_000, fTolerance: 1e-14, xTolerance: 1e-9 });
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.x[1]).toBeCloseTo(1, 5);
    expect(r.f).toBeLessThan(1e-10);
  });

  it('treats NaN and ±∞ as +∞, so it stays out of an invalid region', () => {
    // Minimum of (x−2)² subject to x < 3 expressed as NaN beyond; start right at the wall.
    const f = (x: Float64Array) => (x[0]! >= 3 ? Number.NaN : (x[0]! - 2) ** 2 + (x[1]! + 1) ** 2);
    const r = nelderMead(f, [2.9, 0], { step: 0.5, maxEvaluations: 2_000 });
    expect(r.x[0]).toBeCloseTo(2, 5);
    expect(r.x[1]).toBeCloseTo(-1, 5);
  });

  it('stops at the evaluation budget', () => {
    let calls = 0;
    const r = nelderMead((x) => (calls++, x[0]! ** 2 + x[1]! ** 2 + x[2]! ** 2), [5, 5, 5], { maxEvaluations: 20 });
    expect(r.evaluations).toBe(calls);
    expect(calls).toBeLessThanOrEqual(20 + 3); // a shrink step may finish its n evaluations
  });
});
