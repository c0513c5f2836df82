import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalCdf, normalPdf } from './normal';

/**
 * Reference values: mpmath 1.3 at 50 significant digits, `ncdf(z)` and `npdf(z)` for the float64 z shown,
 * rounded to the nearest double. They cover Cody's three intervals on both sides, their seams
 * (|z| = 0.46875·√2 ≈ 0.663 and 4·√2 ≈ 5.657) and the lower tail down to the last normal double.
 */
const table: [number, number, number][] = [
    [-37.5, 4.605353009581955e-308, 1.7282337322841054e-306],
    [-37, 5.725571222524577e-300, 2.1200065515246056e-298],
    [-30, 4.906713927148187e-198, 1.4736461348785476e-196],
    [-25, 3.056696706382561e-138, 7.653929736419392e-137],
    [-20, 2.7536241186062337e-89, 5.520948362159764e-88],
    [-15, 3.670966199312751e-51, 5.530709549844416e-50],
    [-12, 1.776482112077679e-33, 2.1463837356630605e-32],
    [-10, 7.619853024160525e-24, 7.694598626706419e-23],
    [-8, 6.220960574271784e-16, 5.052271083536892e-15],
    [-6, 9.86587645037698e-10, 6.075882849823285e-09],
    [-5.66, 7.568649751997714e-09, 4.410297778937309e-08],
    [-5.65, 8.022391850663497e-09, 4.6668867975942534e-08],
    [-5, 2.866515718791939e-07, 1.4867195147342977e-06],
    [-4.01, 3.035937392661822e-05, 0.00012857623858162105],
    [-3.99, 3.303664762940242e-05, 0.00013928497646575988],
    [-3, 0.0013498980316300946, 0.0044318484119380075],
    [-2.5, 0.006209665325776135, 0.017528300493568537],
    [-1.96, 0.024997895148220435, 0.05844094433345146],
    [-1, 0.15865525393145705, 0.24197072451914334],
    [-0.67, 0.2514288950953101, 0.3187371384754015],
    [-0.66, 0.25462691467133614, 0.32086380377117246],
    [-0.3, 0.3820885778110474, 0.3813878154605241],
    [0, 0.5, 0.3989422804014327],
    [0.3, 0.6179114221889527, 0.3813878154605241],
    [0.66, 0.7453730853286639, 0.32086380377117246],
    [0.67, 0.7485711049046899, 0.3187371384754015],
    [1, 0.8413447460685429, 0.24197072451914334],
    [1.96, 0.9750021048517795, 0.05844094433345146],
    [3, 0.9986501019683699, 0.0044318484119380075],
    [5, 0.9999997133484281, 1.4867195147342977e-06],
    [6, 0.9999999990134123, 6.075882849823285e-09],
    [8, 0.9999999999999993, 5.052271083536892e-15],
];

const ULP = 2 ** -52;

describe('normalCdf and normalPdf', () => {
  it.each(table)('Φ(%d) and φ(%d) agree with the 50-digit reference to a few ulps, relative', (z, cdf, pdf) => {
    expect(Math.abs(normalCdf(z) / cdf - 1)).toBeLessThan(8 * ULP);
    expect(Math.abs(normalPdf(z) / pdf - 1)).toBeLessThan(4 * ULP);
  });

  it('underflows to exactly 0 and 1 beyond the representable tails, and passes NaN through', () => {
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(40)).toBe(1);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(Number.NaN)).toBeNaN();
  });

  it('is symmetric, monotone and within [0, 1]', () => {
    fc.assert(
      fc.property(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true }), (z, dz) => {
        const p = normalCdf(z);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        expect(Math.abs(p + normalCdf(-z) - 1)).toBeLessThan(2 * ULP);
        expect(normalCdf(z + dz)).toBeGreaterThanOrEqual(p);
      }),
    );
  });

  it('is the integral of the density: dΦ/dz matches φ by a central difference (lower half, where Φ keeps relative digits)', () => {
    fc.assert(
      fc.property(fc.double({ min: -30, max: 0, noNaN: true }), (z) => {
        const h = 1e-5;
        const slope = (normalCdf(z + h) - normalCdf(z - h)) / (2 * h);
        // The difference quotient's own error: h²/6 · φ'' relative plus rounding of the two values.
        expect(Math.abs(slope / normalPdf(z) - 1)).toBeLessThan(1e-6 * (1 + z * z));
      }),
    );
  });
});
