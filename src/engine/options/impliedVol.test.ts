import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { greeks, impliedVol, optionPrice, type OptionInputs } from '.';
import { impliedVolSolverCounts, solveNormalised } from './impliedVol';
import { normalisedOtmCall } from './normalisedBlack';

const base: OptionInputs = { model: 'bsm', right: 'call', spot: 100, strike: 105, years: 0.5, rate: 0.03, dividend: 0.01, sigma: 0.25 };

/**
 * Where a float64 price determines sigma to 1e-12: the price is a normal double, and one rounding of it
 * (ε·price) moves sigma by at most 1e-13 relative, i.e. ε·price / (σ·∂price/∂σ) ≤ 1e-13. Outside this the
 * price itself does not carry 12 digits of sigma (deep in the money the time value drowns in the
 * intrinsic value's last bits; far out of the money the price underflows), and the solver is held to
 * returning a sigma that reprices to the quote instead.
 */
function determinesSigma(o: OptionInputs, price: number): boolean {
  const vegaPerUnit = greeks(o).vega * 100;
  return price >= 2.2250738585072014e-308 && (Number.EPSILON * price) / (o.sigma * vegaPerUnit) <= 1e-13;
}

describe('implied volatility', () => {
  const days = [1, 2, 7, 30, 91, 365, 730, 1826, 3650];
  const vols = [0.01, 0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.8, 1, 1.5, 2, 3, 4, 5];
  const moneyness = [0.2, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 1, 1.01, 1.05, 1.1, 1.25, 1.5, 2, 3, 5];
  /** Every option of the grid: days × vols × strike/spot × call/put × BSM/Black-76. */
  function* grid(): Generator<OptionInputs & { sigma: number }> {
    for (const d of days)
      for (const sigma of vols)
        for (const m of moneyness)
          for (const right of ['call', 'put'] as const)
            for (const model of ['bsm', 'black76'] as const)
              yield { model, right, spot: 100, strike: 100 * m, years: d / 365, rate: 0.05, dividend: 0.02, sigma };
  }

  it('round-trips to 1e-12 relative from 1 day to 10 years, vol 0.01 to 5, wherever the price determines sigma', () => {
    let checked = 0;
    let worst = 0;
    for (const o of grid()) {
      const sigma = o.sigma;
      const price = optionPrice(o);
      const res = impliedVol(price, o);
      if (!res.ok) throw new Error(`${res.reason} for ${JSON.stringify(o)} at ${price}`);
      if (!determinesSigma(o, price)) continue;
      checked++;
      worst = Math.max(worst, Math.abs(res.iv / sigma - 1));
      if (Math.abs(res.iv / sigma - 1) > 1e-12) throw new Error(`iv ${res.iv} for ${JSON.stringify(o)} at ${price}`);
    }
    // Most of the grid is in the domain (the rest is deep ITM short-dated or underflowed).
    expect(checked).toBeGreaterThan(5_500);
    expect(worst).toBeLessThan(1e-12);
  });

  it('takes exactly two Householder steps from the initial guess everywhere on the grid: the bracketed fallback is never used', () => {
    const solvesBefore = impliedVolSolverCounts.solves;
    const fallbacksBefore = impliedVolSolverCounts.fallbacks;
    let inDomain = 0;
    let inDomainFallbacks = 0;
    for (const o of grid()) {
      const sigma = o.sigma;
      const price = optionPrice(o);
      const before = impliedVolSolverCounts.fallbacks;
      const res = impliedVol(price, o);
      if (!res.ok || !determinesSigma(o, price)) continue;
      inDomain++;
      inDomainFallbacks += impliedVolSolverCounts.fallbacks - before;
      expect(Math.abs(res.iv / sigma - 1)).toBeLessThan(1e-12);
    }
    const solves = impliedVolSolverCounts.solves - solvesBefore;
    expect(inDomain).toBeGreaterThan(5_500);
    expect(solves).toBeGreaterThan(6_000); // every grid point with time value went through the solver
    expect(inDomainFallbacks).toBe(0);
    // Outside the domain where the price determines sigma too (deep ITM, tiny time values): still two steps.
    expect(impliedVolSolverCounts.fallbacks - fallbacksBefore).toBe(0);
  });

  it('two steps suffice far beyond the grid too: |ln(F/K)| up to 10, s = σ√T from 1e-4 to 10', () => {
    const fallbacksBefore = impliedVolSolverCounts.fallbacks;
    let solved = 0;
    fc.assert(
      fc.property(fc.double({ min: -7, max: 1, noNaN: true }), fc.double({ min: -4, max: 1, noNaN: true }), (lx, ls) => {
        const x = -(10 ** lx);
        const s = 10 ** ls;
        const cap = Math.exp(0.5 * x);
        const beta = normalisedOtmCall(x, s);
        if (!(beta > 1e-300 && beta < cap)) return;
        solved++;
        const got = solveNormalised(x, beta, cap);
        expect(Number.isFinite(got) && got > 0).toBe(true);
      }),
      { numRuns: 20_000 },
    );
    expect(solved).toBeGreaterThan(10_000);
    expect(impliedVolSolverCounts.fallbacks - fallbacksBefore).toBe(0);
  });

  it('returns, outside that domain too, a sigma that reprices to the quote (to the price’s own rounding)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('bsm' as const, 'black76' as const),
        fc.constantFrom('call' as const, 'put' as const),
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        fc.double({ min: 1 / 365, max: 10, noNaN: true }),
        fc.double({ min: 0.01, max: 5, noNaN: true }),
        (model, right, m, years, sigma) => {
          const o: OptionInputs = { model, right, spot: 100, strike: 100 * m, years, rate: 0.04, dividend: 0.01, sigma };
          const price = optionPrice(o);
          const res = impliedVol(price, o);
          if (!res.ok) throw new Error(res.reason);
          expect(Number.isFinite(res.iv) && res.iv >= 0).toBe(true);
          if (price < 1e-300) return;
          const again = optionPrice({ ...o, sigma: res.iv });
          // The time value is what sigma moves; allow a few ulps of the price plus its time value's rounding.
          expect(Math.abs(again - price)).toBeLessThanOrEqual(1e-9 * price + 8 * Number.EPSILON * Math.max(price, 1));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('names the arbitrage bound a price violates, for calls and puts under both models', () => {
    const dq = Math.exp(-base.dividend * base.years);
    const dr = Math.exp(-base.rate * base.years);
    expect(impliedVol(0, { ...base, strike: 50 })).toEqual({ ok: false, reason: 'below intrinsic value' });
    expect(impliedVol(100 * dq - 50 * dr - 1e-9, { ...base, strike: 50 })).toEqual({ ok: false, reason: 'below intrinsic value' });
    expect(impliedVol(100 * dq, base)).toEqual({ ok: false, reason: 'above the underlying' });
    expect(impliedVol(120, base)).toEqual({ ok: false, reason: 'above the underlying' });
    expect(impliedVol(105 * dr, { ...base, right: 'put' })).toEqual({ ok: false, reason: 'above the strike' });
    expect(impliedVol(1, { ...base, right: 'put', strike: 150 })).toEqual({ ok: false, reason: 'below intrinsic value' });
    expect(impliedVol(200, { ...base, model: 'black76' })).toEqual({ ok: false, reason: 'above the underlying' });
    expect(impliedVol(1, { ...base, years: 0 })).toEqual({ ok: false, reason: 'the option has expired' });
    expect(impliedVol(1, { ...base, spot: 0 })).toEqual({ ok: false, reason: 'underlying and strike must be positive' });
    expect(impliedVol(Number.NaN, base)).toEqual({ ok: false, reason: 'inputs must be finite numbers' });
    // Exactly the intrinsic value: no time value, zero volatility.
    expect(impliedVol(0, base)).toEqual({ ok: true, iv: 0 });
  });

  it('never returns NaN: any finite quote gets a finite sigma or a named reason', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('bsm' as const, 'black76' as const),
        fc.constantFrom('call' as const, 'put' as const),
        fc.double({ min: -10, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 30, noNaN: true }),
        fc.double({ min: -0.1, max: 0.3, noNaN: true }),
        (model, right, price, spot, strike, years, rate) => {
          const res = impliedVol(price, { model, right, spot, strike, years, rate, dividend: 0.01 });
          if (res.ok) expect(Number.isFinite(res.iv) && res.iv >= 0).toBe(true);
          else expect(res.reason.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 5000 },
    );
  });
});
