import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sviTotalVariance, sviVol } from '../svi';
import { surfaceTotalVariance, surfaceVol, surfaceVolAtStrike } from './interpolate';
import type { SurfaceSlice } from './slice';
import { buildSurface, type VolSurface } from './surface';

const slices: SurfaceSlice[] = [
  { label: 'W1', years: 7 / 365, forward: 100, params: { a: 0.0004, b: 0.02, rho: -0.6, m: 0, s: 0.05 } },
  { label: 'M1', years: 30 / 365, forward: 100.2, params: { a: 0.002, b: 0.04, rho: -0.5, m: 0.01, s: 0.1 } },
  { label: 'M3', years: 91 / 365, forward: 100.6, params: { a: 0.008, b: 0.06, rho: -0.4, m: 0.02, s: 0.2 } },
  { label: 'Y1', years: 1, forward: 102.5, params: { a: 0.03, b: 0.1, rho: -0.3, m: 0.03, s: 0.3 } },
];

function surfaceOf(s: readonly SurfaceSlice[]): VolSurface {
  const built = buildSurface('BTC', s);
  if (!built.ok) throw new Error(built.reason);
  return built.surface;
}

const surface = surfaceOf(slices);
const kArb = fc.double({ min: -1, max: 1, noNaN: true });

describe('surface interpolation', () => {
  it('the fixture is free of calendar arbitrage (the monotonicity below relies on it)', () => {
    expect(surface.calendar.ok).toBe(true);
  });

  it("returns each slice's own vol at its expiry", () => {
    fc.assert(
      fc.property(kArb, (k) => {
        for (const s of slices) {
          const v = surfaceVol(surface, k, s.years);
          expect(v).toEqual({ ok: true, vol: sviVol(s.params, k, s.years), totalVariance: sviTotalVariance(s.params, k) });
        }
      }),
    );
  });

  it('is linear in total variance between expiries, so monotone in time at fixed k', () => {
    fc.assert(
      fc.property(kArb, fc.double({ min: 7 / 365, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (k, t1, frac) => {
        const t2 = t1 + frac * (1 - t1);
        expect(surfaceTotalVariance(surface, k, t2)).toBeGreaterThanOrEqual(surfaceTotalVariance(surface, k, t1) - 1e-15);
      }),
    );
    // Halfway between M1 and M3: the mean of their total variances.
    const mid = (slices[1]!.years + slices[2]!.years) / 2;
    const want = (sviTotalVariance(slices[1]!.params, 0.1) + sviTotalVariance(slices[2]!.params, 0.1)) / 2;
    expect(surfaceTotalVariance(surface, 0.1, mid)).toBeCloseTo(want, 15);
  });

  it('before the first expiry keeps its vol (flat vol)', () => {
    const first = slices[0]!;
    for (const years of [1 / 365, 3 / 365]) {
      const v = surfaceVol(surface, -0.05, years);
      if (!v.ok) throw new Error(v.reason);
      expect(v.vol).toBeCloseTo(sviVol(first.params, -0.05, first.years), 14);
    }
  });

  it("after the last expiry extends total variance with the last interval's slope", () => {
    const [prev, last] = [slices[2]!, slices[3]!];
    const k = 0.2;
    const slope = (sviTotalVariance(last.params, k) - sviTotalVariance(prev.params, k)) / (last.years - prev.years);
    expect(surfaceTotalVariance(surface, k, 2)).toBeCloseTo(sviTotalVariance(last.params, k) + slope, 14);
    // One slice alone: flat vol both sides.
    const single = surfaceOf([last]);
    const v = surfaceVol(single, k, 3);
    if (!v.ok) throw new Error(v.reason);
    expect(v.vol).toBeCloseTo(sviVol(last.params, k, last.years), 14);
  });

  it('never lets total variance fall after the last expiry, even on an inverted pair', () => {
    const inverted = surfaceOf([slices[2]!, { ...slices[3]!, params: { ...slices[3]!.params, a: 0.001, b: 0.01 } }]);
    expect(inverted.calendar.ok).toBe(false);
    const k = 0;
    const atLast = surfaceTotalVariance(inverted, k, 1);
    expect(surfaceTotalVariance(inverted, k, 2)).toBe(atLast);
  });

  it('at a strike, uses ln(strike / forward)', () => {
    const v = surfaceVolAtStrike(surface, 110, 100.6, slices[2]!.years);
    expect(v).toMatchObject({ ok: true, vol: sviVol(slices[2]!.params, Math.log(110 / 100.6), slices[2]!.years) });
  });

  it.each<[string, () => unknown, string]>([
    ['NaN log-moneyness', () => surfaceVol(surface, Number.NaN, 0.5), 'log-moneyness must be a finite number'],
    ['zero years', () => surfaceVol(surface, 0, 0), 'years to expiry must be a positive number'],
    ['negative years', () => surfaceVol(surface, 0, -1), 'years to expiry must be a positive number'],
    ['a zero strike', () => surfaceVolAtStrike(surface, 0, 100, 0.5), 'strike must be a positive number'],
    ['an infinite forward', () => surfaceVolAtStrike(surface, 100, Number.POSITIVE_INFINITY, 0.5), 'forward must be a positive number'],
  ])('refuses %s with a reason', (_what, call, reason) => {
    expect(call()).toEqual({ ok: false, reason });
  });
});
