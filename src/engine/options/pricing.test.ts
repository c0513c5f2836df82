import { describe, expect, it } from 'vitest';
import { greeks, impliedVol, optionPrice, type OptionInputs } from '.';

const base: OptionInputs = {
  model: 'bsm',
  right: 'call',
  spot: 100,
  strike: 105,
  years: 0.5,
  rate: 0.03,
  dividend: 0.01,
  sigma: 0.25,
};

describe('option pricing', () => {
  it('satisfies put-call parity: C - P = S e^-qT - K e^-rT', () => {
    const c = optionPrice(base);
    const p = optionPrice({ ...base, right: 'put' });
    const parity = base.spot * Math.exp(-base.dividend * base.years) - base.strike * Math.exp(-base.rate * base.years);
    expect(Math.abs(c - p - parity)).toBeLessThan(1e-12);
  });

  it('has delta and vega that match finite differences', () => {
    const g = greeks(base);
    const h = 1e-4;
    const up = optionPrice({ ...base, spot: base.spot + h });
    const down = optionPrice({ ...base, spot: base.spot - h });
    expect(g.delta).toBeCloseTo((up - down) / (2 * h), 7);
    const vUp = optionPrice({ ...base, sigma: base.sigma + h });
    const vDown = optionPrice({ ...base, sigma: base.sigma - h });
    expect(g.vega).toBeCloseTo((vUp - vDown) / (2 * h) / 100, 7);
  });

  it('recovers the volatility it priced at', () => {
    for (const right of ['call', 'put'] as const) {
      const price = optionPrice({ ...base, right });
      const iv = impliedVol(price, { ...base, right });
      expect(iv.ok && Math.abs(iv.iv - base.sigma)).toBeLessThan(1e-12);
    }
  });

  it('names a price outside the arbitrage bounds', () => {
    expect(impliedVol(0.0, { ...base, strike: 50 })).toEqual({ ok: false, reason: 'below intrinsic value' });
    expect(impliedVol(120, base)).toEqual({ ok: false, reason: 'above the underlying' });
  });
});
