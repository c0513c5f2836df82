import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAYS_PER_YEAR, greeks, optionPrice, yearsBetween, type Greeks, type OptionInputs } from '.';
import { normalCdf, normalPdf } from './normal';

const base: OptionInputs = { model: 'bsm', right: 'call', spot: 100, strike: 105, years: 0.5, rate: 0.03, dividend: 0.01, sigma: 0.25 };

/**
 * The textbook generalised Black-Scholes of Haug ("The Complete Guide to Option Pricing Formulas", 2nd ed.,
 * 1.1.6 and 2.1) with cost of carry b (b = r − q for a dividend yield, b = 0 for Black-76), written out
 * per Greek as printed there, in per-unit terms, then scaled to our conventions. Black-76's rho is −T·V.
 */
function textbook(o: OptionInputs): Greeks {
  const { spot: S, strike: K, years: T, rate: r, sigma: v } = o;
  const b = o.model === 'black76' ? 0 : r - o.dividend;
  const d1 = (Math.log(S / K) + (b + (v * v) / 2) * T) / (v * Math.sqrt(T));
  const d2 = d1 - v * Math.sqrt(T);
  const carry = Math.exp((b - r) * T);
  const disc = Math.exp(-r * T);
  const n1 = normalPdf(d1);
  const call = o.right === 'call';
  const price = call ? S * carry * normalCdf(d1) - K * disc * normalCdf(d2) : K * disc * normalCdf(-d2) - S * carry * normalCdf(-d1);
  const delta = call ? carry * normalCdf(d1) : carry * (normalCdf(d1) - 1);
  const gamma = (n1 * carry) / (S * v * Math.sqrt(T));
  const vega = S * carry * n1 * Math.sqrt(T);
  const thetaCall = (-S * carry * n1 * v) / (2 * Math.sqrt(T)) - (b - r) * S * carry * normalCdf(d1) - r * K * disc * normalCdf(d2);
  const thetaPut = (-S * carry * n1 * v) / (2 * Math.sqrt(T)) + (b - r) * S * carry * normalCdf(-d1) + r * K * disc * normalCdf(-d2);
  const rho = o.model === 'black76' ? -T * price : call ? T * K * disc * normalCdf(d2) : -T * K * disc * normalCdf(-d2);
  const vanna = (-carry * d2 * n1) / v;
  const volga = (vega * d1 * d2) / v;
  const charmCall = -carry * (n1 * (b / (v * Math.sqrt(T)) - d2 / (2 * T)) + (b - r) * normalCdf(d1));
  const charmPut = -carry * (n1 * (b / (v * Math.sqrt(T)) - d2 / (2 * T)) - (b - r) * normalCdf(-d1));
  return {
    price,
    delta,
    gamma,
    vega: vega / 100,
    theta: (call ? thetaCall : thetaPut) / DAYS_PER_YEAR,
    rho: rho / 100,
    vanna: vanna / 100,
    volga: volga / 10_000,
    charm: (call ? charmCall : charmPut) / DAYS_PER_YEAR,
  };
}

const KEYS = ['price', 'delta', 'gamma', 'vega', 'theta', 'rho', 'vanna', 'volga', 'charm'] as const;

/** Relative agreement, with an absolute floor at 1e-12 of the option's scale (a Greek that crosses 0). */
function close(got: number, want: number, scale: number, rel = 1e-12): boolean {
  return Math.abs(got - want) <= rel * Math.max(Math.abs(want), 1e-3 * scale);
}

const moderate = fc.record({
  model: fc.constantFrom('bsm' as const, 'black76' as const),
  right: fc.constantFrom('call' as const, 'put' as const),
  spot: fc.double({ min: 10, max: 1000, noNaN: true }),
  moneyness: fc.double({ min: 0.8, max: 1.25, noNaN: true }),
  years: fc.double({ min: 1 / 365, max: 10, noNaN: true }),
  rate: fc.double({ min: -0.01, max: 0.15, noNaN: true }),
  dividend: fc.double({ min: 0, max: 0.1, noNaN: true }),
  sigma: fc.double({ min: 0.05, max: 2, noNaN: true }),
});
const toInputs = (c: { model: 'bsm' | 'black76'; right: 'call' | 'put'; spot: number; moneyness: number; years: number; rate: number; dividend: number; sigma: number }): OptionInputs => ({
  model: c.model,
  right: c.right,
  spot: c.spot,
  strike: c.spot * c.moneyness,
  years: c.years,
  rate: c.rate,
  dividend: c.dividend,
  sigma: c.sigma,
});

describe('option prices and Greeks', () => {
  it('agree with the textbook closed forms to 1e-12 relative (where the textbook form is itself well conditioned)', () => {
    fc.assert(
      fc.property(moderate, (c) => {
        const o = toInputs(c);
        const want = textbook(o);
        const got = greeks(o);
        const sd = o.sigma * Math.sqrt(o.years);
        // The textbook price is a difference; it keeps 1e-12 only while its terms are not much larger.
        fc.pre(Math.abs(Math.log(o.spot / o.strike)) / (sd * sd) < 50 && want.price > 1e-3 * o.spot);
        for (const key of KEYS) {
          const scale = key === 'price' || key === 'theta' || key === 'rho' || key === 'vega' ? o.spot : 1;
          if (!close(got[key], want[key], scale, key === 'price' ? 1e-12 : 1e-11)) {
            throw new Error(`${key}: got ${got[key]}, textbook ${want[key]} for ${JSON.stringify(o)}`);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  /**
   * Reference prices from mpmath 1.3 at 60 digits (the same formula in exact-enough arithmetic), for the
   * float64 inputs shown. Deep in the wing of a short expiry the price moves by |x|/s² relative per unit of
   * x = ln(F/K) (37,000 at one day, vol 0.01, 1% out): the last rows are there, and hold 1e-12 only because
   * x is taken from log1p((S − K)/K) and the normalised price from a series without cancellation.
   * References: mpmath 1.3, mp.dps = 60, F = S·e^(−qT), K̃ = K·e^(−rT), F·Φ(d1) − K̃·Φ(d2) (put by the mirror).
   */
  it.each([
    ['call', 100, 200, 0.25, 0.05, 0.01, 0.2, 8.288936876400162e-12],
    ['put', 100, 50, 0.25, 0.05, 0.01, 0.2, 9.811125980431505e-13],
    ['call', 100, 110, 7 / 365, 0.05, 0.02, 0.02, 8.926814715384143e-259],
    ['call', 24000, 30000, 2 / 365, 0.065, 0, 0.15, 1.1113804496321822e-88],
    ['call', 100, 100, 10, 0.05, 0.02, 5, 81.873075307798],
    ['call', 100, 300, 10, 0.05, 0.02, 0.05, 7.822017426553901e-7],
    ['put', 100, 120, 0.5, 0.03, 0.01, 0.25, 20.383559128419005],
    ['call', 100, 80, 0.5, 0.03, 0.01, 0.25, 21.375031335630027],
    ['put', 100, 99, 1 / 365, 0.03, 0, 0.01, 2.327725112748126e-86],
    ['put', 100, 99.5, 1 / 365, 0.03, 0, 0.01, 5.7042663860591617e-25],
    ['call', 100, 101, 1 / 365, 0.05, 0.02, 0.01, 3.8476141242047721e-82],
    ['call', 100, 100.5, 1 / 365, 0.05, 0.02, 0.01, 1.9556385487638549e-23],
    ['put', 100, 98, 1 / 365, 0.05, 0.02, 0.02, 3.2021946504188414e-86],
    ['put', 100, 95, 2 / 365, 0.05, 0.02, 0.05, 7.7884819175868582e-46],
    ['call', 100, 103, 1 / 365, 0.05, 0.02, 0.04, 3.8337044346661442e-47],
    // A few seconds to expiry at the money: b ≈ s/√(2π) is a difference of two Φ near ½ (cancels by 1/s).
    ['call', 100, 100.0001, 1e-7, 0.05, 0.02, 0.01, 8.2525301379195943e-5],
    ['put', 100, 100, 1e-7, 0.05, 0.02, 0.01, 1.2600668243040954e-4],
    ['put', 100, 99.9999, 1 / 365, 0.05, 0.02, 0.02, 0.037731762635204543],
  ] as const)('%s S=%d K=%d T=%d r=%d q=%d σ=%d matches the 60-digit reference to 1e-12, deep wings of 1-day expiries included', (right, spot, strike, years, rate, dividend, sigma, want) => {
    const o: OptionInputs = { model: 'bsm', right, spot, strike, years, rate, dividend, sigma };
    expect(Math.abs(optionPrice(o) / want - 1)).toBeLessThan(1e-12);
    expect(greeks(o).price).toBe(optionPrice(o));
  });

  it('Greeks match central finite differences of the price and of each other', () => {
    fc.assert(
      fc.property(moderate, (c) => {
        const o = toInputs(c);
        const g = greeks(o);
        const at = (patch: Partial<OptionInputs>): Greeks => greeks({ ...o, ...patch });
        // Steps small against the scale each Greek varies on (d1 moves by about 1e-3 per step in S).
        const dS = 1e-4 * o.spot * Math.min(1, 10 * o.sigma * Math.sqrt(o.years));
        const dV = 1e-5;
        const dR = 1e-6;
        const dT = Math.min(1e-6, o.years / 10);
        const check = (name: string, got: number, fd: number, scale: number): void => {
          if (Math.abs(got - fd) > 1e-5 * Math.max(Math.abs(fd), scale)) throw new Error(`${name}: closed ${got}, difference ${fd} for ${JSON.stringify(o)}`);
        };
        check('delta', g.delta, (at({ spot: o.spot + dS }).price - at({ spot: o.spot - dS }).price) / (2 * dS), 1e-3);
        check('gamma', g.gamma, (at({ spot: o.spot + dS }).delta - at({ spot: o.spot - dS }).delta) / (2 * dS), 1e-3 / o.spot);
        check('vega', g.vega, (at({ sigma: o.sigma + dV }).price - at({ sigma: o.sigma - dV }).price) / (2 * dV) / 100, 1e-5 * o.spot);
        check('rho', g.rho, (at({ rate: o.rate + dR }).price - at({ rate: o.rate - dR }).price) / (2 * dR) / 100, 1e-5 * o.spot);
        // Theta and charm are per calendar day of time passing: −∂/∂T / 365.
        check('theta', g.theta, -(at({ years: o.years + dT }).price - at({ years: o.years - dT }).price) / (2 * dT) / DAYS_PER_YEAR, 1e-5 * o.spot);
        check('charm', g.charm, -(at({ years: o.years + dT }).delta - at({ years: o.years - dT }).delta) / (2 * dT) / DAYS_PER_YEAR, 1e-5);
        check('vanna', g.vanna, (at({ sigma: o.sigma + dV }).delta - at({ sigma: o.sigma - dV }).delta) / (2 * dV) / 100, 1e-5);
        check('volga', g.volga, (at({ sigma: o.sigma + dV }).vega - at({ sigma: o.sigma - dV }).vega) / (2 * dV) / 100, 1e-7 * o.spot);
      }),
      { numRuns: 300 },
    );
  });

  it('satisfies put-call parity C − P = S·e^−qT − K·e^−rT (Black-76: (F − K)·e^−rT) to rounding', () => {
    fc.assert(
      fc.property(moderate, (c) => {
        const o = toInputs(c);
        const call = optionPrice({ ...o, right: 'call' });
        const put = optionPrice({ ...o, right: 'put' });
        const q = o.model === 'black76' ? o.rate : o.dividend;
        const forwardGap = o.spot * Math.exp(-q * o.years) - o.strike * Math.exp(-o.rate * o.years);
        expect(Math.abs(call - put - forwardGap)).toBeLessThanOrEqual(4 * Number.EPSILON * Math.max(call, put, o.spot));
      }),
    );
  });

  it('is the discounted forward intrinsic value at expiry and with zero volatility, with that value’s Greeks', () => {
    const itm = greeks({ ...base, strike: 90, sigma: 0 });
    const dq = Math.exp(-base.dividend * base.years);
    const dr = Math.exp(-base.rate * base.years);
    expect(itm.price).toBeCloseTo(100 * dq - 90 * dr, 12);
    expect(itm.delta).toBe(dq);
    expect(itm.gamma).toBe(0);
    expect(itm.theta).toBeCloseTo((base.dividend * 100 * dq - base.rate * 90 * dr) / DAYS_PER_YEAR, 14);
    expect(itm.rho).toBeCloseTo((90 * dr * base.years) / 100, 14);
    const otm = greeks({ ...base, strike: 110, years: 0 });
    expect(otm).toEqual({ price: 0, delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0, vanna: 0, volga: 0, charm: 0 });
    const expiredPut = greeks({ ...base, right: 'put', strike: 110, years: 0 });
    expect(expiredPut.price).toBe(10);
    expect(expiredPut.delta).toBe(-1);
  });

  it('prices sigma·√T below 1e-100 at its zero-volatility limit, never an infinite gamma (a fuzz counterexample)', () => {
    const g = greeks({ model: 'bsm', right: 'call', spot: 1e-6, strike: 1e-6, years: 5e-324, rate: 0, dividend: 0.02, sigma: 1.111379374742539e-162 });
    for (const key of KEYS) expect(Number.isFinite(g[key])).toBe(true);
    expect(g.price).toBe(0);
  });

  it('never returns NaN for any finite positive inputs: tiny T, tiny or huge sigma, extreme moneyness', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('bsm' as const, 'black76' as const),
        fc.constantFrom('call' as const, 'put' as const),
        fc.double({ min: 1e-6, max: 1e9, noNaN: true }),
        fc.double({ min: 1e-6, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        fc.double({ min: -0.2, max: 0.5, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        (model, right, spot, strike, years, rate, sigma) => {
          const g = greeks({ model, right, spot, strike, years, rate, dividend: 0.02, sigma });
          for (const key of KEYS) if (!Number.isFinite(g[key])) throw new Error(`${key} = ${g[key]}`);
          expect(g.price).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('counts time ACT/365 to the millisecond and never negative', () => {
    expect(yearsBetween(0, 365 * 86_400_000)).toBe(1);
    expect(yearsBetween(0, 86_400_000)).toBe(1 / 365);
    expect(yearsBetween(1000, 0)).toBe(0);
  });
});
