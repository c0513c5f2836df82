import { describe, expect, it } from 'vitest';
import { Rng } from '../../core';
import { fitLogistic, predictLogistic, sigmoid } from './logistic';

/** Rows of d standard-normal features with labels drawn from a known logistic model. */
function synthetic(n: number, weights: number[], intercept: number, seed: number): { x: Float64Array; y: Float64Array } {
  const rng = new Rng(seed);
  const d = weights.length;
  const x = new Float64Array(n * d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let eta = intercept;
    for (let k = 0; k < d; k++) {
      const v = rng.normal();
      x[i * d + k] = v;
      eta += weights[k]! * v;
    }
    y[i] = rng.next() < sigmoid(eta) ? 1 : 0;
  }
  return { x, y };
}

const all = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('fitLogistic', () => {
  it('recovers known coefficients from data drawn from them', () => {
    const w = [1.2, -0.7, 0, 0.4];
    const n = 40_000;
    const { x, y } = synthetic(n, w, 0.3, 11);
    const m = fitLogistic(x, 4, y, all(n), { l2: 1e-6 });
    expect(m.converged).toBe(true);
    // Features are standard normal, so standardised weights ≈ raw weights (sd ≈ 1, mean ≈ 0);
    // the sampling error of each coefficient is about 0.015 at this n.
    const raw = Array.from(m.weights, (v, k) => v / m.sd[k]!);
    for (let k = 0; k < 4; k++) expect(raw[k]).toBeCloseTo(w[k]!, 1);
    for (let k = 0; k < 4; k++) expect(Math.abs(raw[k]! - w[k]!)).toBeLessThan(0.06);
    const interceptRaw = m.intercept - raw.reduce((s, v, k) => s + v * m.mean[k]!, 0);
    expect(Math.abs(interceptRaw - 0.3)).toBeLessThan(0.06);
  });

  it('predicts with the raw (unstandardised) features, and treats a NaN feature as its training mean', () => {
    const { x, y } = synthetic(5_000, [2, -1], 0, 3);
    const m = fitLogistic(x, 2, y, all(5_000));
    const row = [0.5, 1.5];
    const eta = m.intercept + m.weights[0]! * ((0.5 - m.mean[0]!) / m.sd[0]!) + m.weights[1]! * ((1.5 - m.mean[1]!) / m.sd[1]!);
    expect(predictLogistic(m, row)).toBeCloseTo(sigmoid(eta), 12);
    const withNaN = m.intercept + m.weights[0]! * ((0.5 - m.mean[0]!) / m.sd[0]!);
    expect(predictLogistic(m, [0.5, NaN])).toBeCloseTo(sigmoid(withNaN), 12);
  });

  it('shrinks the weights towards zero as the L2 penalty grows, but not the intercept', () => {
    const { x, y } = synthetic(4_000, [1.5, -1], 1, 5);
    const loose = fitLogistic(x, 2, y, all(4_000), { l2: 0.01 });
    const tight = fitLogistic(x, 2, y, all(4_000), { l2: 10_000 });
    expect(Math.abs(tight.weights[0]!)).toBeLessThan(Math.abs(loose.weights[0]!) / 3);
    // With the weights near 0 the intercept is the log-odds of the base rate.
    const ups = Array.from(y).reduce((s, v) => s + v, 0);
    expect(tight.intercept).toBeCloseTo(Math.log(ups / (4_000 - ups)), 1);
  });

  it('fits only the rows it is given, and gives the same model for the same data', () => {
    const { x, y } = synthetic(2_000, [1, 1], 0, 9);
    const rows = all(1_000);
    const a = fitLogistic(x, 2, y, rows);
    // Garbage in the rows it was not given changes nothing.
    const x2 = x.slice();
    for (let i = 1_000 * 2; i < x2.length; i++) x2[i] = 1e6;
    const b = fitLogistic(x2, 2, y, rows);
    expect(Array.from(b.weights)).toEqual(Array.from(a.weights));
    expect(b.intercept).toBe(a.intercept);
  });

  it('is a sigmoid that does not overflow', () => {
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(0)).toBe(0.5);
  });
});
