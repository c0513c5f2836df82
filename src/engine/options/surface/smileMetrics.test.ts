import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalCdf } from '../normal';
import { checkButterfly } from './butterfly';
import { greeks } from '../pricing';
import { sviVol, type SviParams } from '../svi';
import type { SurfaceSlice } from './slice';
import { smileMetrics, Z_75 } from './smileMetrics';
import { smilePoints } from './smilePoints';

const slice = (params: SviParams, years = 0.25, forward = 100): SurfaceSlice => ({ label: 'MAR', years, forward, params });

function metricsOf(s: SurfaceSlice) {
  const m = smileMetrics(s);
  if (!m.ok) throw new Error(m.reason);
  return m;
}

describe('smile metrics: ATM, 25-delta risk reversal and butterfly', () => {
  it('Z_75 is the 75% quantile of the normal', () => {
    expect(normalCdf(Z_75)).toBeCloseTo(0.75, 15);
  });

  it('finds strikes whose Black-76 forward delta on the smile is +0.25 (call) and -0.25 (put)', () => {
    const s = slice({ a: 0.005, b: 0.05, rho: -0.4, m: 0.02, s: 0.1 });
    const m = metricsOf(s);
    // Independently: price each strike at its own smile vol with the pricing engine, at zero rate so the
    // delta is the undiscounted forward delta.
    const deltaAt = (right: 'call' | 'put', strike: number, sigma: number): number =>
      greeks({ model: 'black76', right, spot: s.forward, strike, years: s.years, rate: 0, dividend: 0, sigma }).delta;
    expect(deltaAt('call', m.call25.strike, m.call25.vol)).toBeCloseTo(0.25, 12);
    expect(deltaAt('put', m.put25.strike, m.put25.vol)).toBeCloseTo(-0.25, 12);
    expect(m.put25.strike).toBeLessThan(s.forward);
    expect(m.call25.strike).toBeGreaterThan(s.forward);
    expect(m.atmVol).toBe(sviVol(s.params, 0, s.years));
    expect(m.riskReversal25).toBe(m.call25.vol - m.put25.vol);
    expect(m.butterfly25).toBe((m.call25.vol + m.put25.vol) / 2 - m.atmVol);
  });

  // With no skew at all the risk reversal is slightly positive, not zero: the 25-delta call lies further
  // from the forward in k than the 25-delta put (d1 carries +√w/2), so on a weak skew that offset can
  // cancel the skew exactly. The skews below are ones a market shows, on smiles free of butterfly arbitrage.
  it('the risk reversal takes the sign of the skew, and a smile has a positive butterfly', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.25, max: 0.9, noNaN: true }),
        fc.double({ min: 0.05, max: 0.3, noNaN: true }),
        fc.double({ min: 0.05, max: 2, noNaN: true }),
        (rho, b, years) => {
          // Curvature s in proportion to the ATM standard deviation, so the 25-delta strikes reach the wings.
          const params = { a: 0.01 * years, b: b * years, rho, m: 0, s: 0.05 * Math.sqrt(years) };
          fc.pre(checkButterfly(params).ok);
          const callSkew = metricsOf(slice(params, years));
          const putSkew = metricsOf(slice({ ...params, rho: -rho }, years));
          expect(callSkew.riskReversal25).toBeGreaterThan(0);
          expect(putSkew.riskReversal25).toBeLessThan(0);
          expect(callSkew.butterfly25).toBeGreaterThan(0);
          expect(putSkew.butterfly25).toBeGreaterThan(0);
        },
      ),
    );
  });

  it('a flat smile has no risk reversal and no butterfly', () => {
    // b = 0: total variance a everywhere, a flat 20% vol.
    const m = metricsOf(slice({ a: 0.04 * 0.25, b: 0, rho: 0, m: 0, s: 0.1 }));
    expect(m.atmVol).toBeCloseTo(0.2, 15);
    expect(m.riskReversal25).toBeCloseTo(0, 15);
    expect(m.butterfly25).toBeCloseTo(0, 15);
  });

  it('says so when the smile has no variance, instead of NaN', () => {
    expect(smileMetrics(slice({ a: -0.01, b: 0.01, rho: 0, m: 0, s: 0.1 }))).toEqual({
      ok: false,
      reason: 'expiry MAR: the smile has no positive variance at the money',
    });
    expect(smileMetrics(slice({ a: 0.01, b: 0, rho: 0, m: 0, s: 0.1 }, Number.NaN))).toMatchObject({ ok: false });
  });
});

describe('smile chart points', () => {
  it('gives strike and vol along an even k grid around the forward', () => {
    const s = slice({ a: 0.005, b: 0.05, rho: -0.4, m: 0.02, s: 0.1 });
    const pts = smilePoints(s, { kMin: -0.2, kMax: 0.2, points: 5 });
    expect(pts).toHaveLength(5);
    pts.forEach((p, i) => expect(p.k).toBeCloseTo(-0.2 + 0.1 * i, 15));
    for (const p of pts) {
      expect(p.strike).toBeCloseTo(100 * Math.exp(p.k), 12);
      expect(p.vol).toBe(sviVol(s.params, p.k, s.years));
    }
  });

  it('defaults to 61 points symmetric about the forward', () => {
    const pts = smilePoints(slice({ a: 0.005, b: 0.05, rho: -0.4, m: 0.02, s: 0.1 }));
    expect(pts).toHaveLength(61);
    expect(pts[0]!.k).toBeCloseTo(-pts[60]!.k, 15);
    expect(pts[30]!.k).toBeCloseTo(0, 15);
  });

  it('gives no points for a range it cannot draw', () => {
    expect(smilePoints(slice({ a: 0.005, b: 0.05, rho: -0.4, m: 0.02, s: 0.1 }), { kMin: 0, kMax: 0, points: 5 })).toEqual([]);
  });
});
