import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalCdf } from './normal';

describe('normalCdf', () => {
  // Reference values: 0.5·erfc(−z/√2) from CPython's libm-based math.erfc.
  const table: [number, number][] = [
    [0, 0.5],
    [0.5, 0.6914624612740131],
    [1, 0.8413447460685429],
    [-1, 0.15865525393145707],
    [1.96, 0.9750021048517795],
    [-2.5, 0.006209665325776139],
    [2.999, 0.9986456634662729],
    [3, 0.9986501019683699],
    [3.001, 0.998654527174915],
    [6, 0.9999999990134123],
  ];
  it.each(table)('Φ(%d) matches the reference to 1e-14 absolute', (z, want) => {
    expect(Math.abs(normalCdf(z) - want)).toBeLessThan(1e-14);
  });

  it.each([
    [-3, 0.0013498980316300957],
    [-5, 2.866515718791946e-7],
    [-8, 6.220960574271819e-16],
    [-12, 1.776482112077702e-33],
  ])('the far lower tail Φ(%d) keeps its relative accuracy (1e-12)', (z, want) => {
    expect(Math.abs(normalCdf(z) / want - 1)).toBeLessThan(1e-12);
  });

  it('is symmetric, monotone and within [0, 1]', () => {
    fc.assert(
      fc.property(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true }), (z, dz) => {
        const p = normalCdf(z);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        expect(Math.abs(p + normalCdf(-z) - 1)).toBeLessThan(1e-14);
        expect(normalCdf(z + dz)).toBeGreaterThanOrEqual(p - 1e-16);
      }),
    );
  });
});
