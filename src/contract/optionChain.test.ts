import { describe, expect, it } from 'vitest';
import { callInputs } from './schemas';

/** The option chain's calls accept what a view sends and refuse anything else before the engine sees it. */
describe('options.* bridge inputs', () => {
  const chain = callInputs['options.chain'];

  it('takes a venue and underlying, with an optional expiry (ms) and rate', () => {
    expect(chain.parse({ venue: 'zerodha', underlying: 'NIFTY' })).toEqual({ venue: 'zerodha', underlying: 'NIFTY' });
    expect(chain.parse({ venue: 'zerodha', underlying: 'NIFTY', expiry: 1_798_538_400_000, rate: 0.065 })).toMatchObject({ expiry: 1_798_538_400_000, rate: 0.065 });
    expect(callInputs['options.underlyings'].parse({})).toEqual({});
    expect(callInputs['options.underlyings'].parse({ venue: 'SIM' })).toEqual({ venue: 'SIM' });
    expect(callInputs['options.greeks'].parse({ venue: 'zerodha', symbol: 'NFO:NIFTY26DEC24000CE' })).toBeTruthy();
    expect(callInputs['options.closeChain'].parse({})).toEqual({});
  });

  it('refuses an empty underlying, a fractional or negative expiry, a rate outside -20%..100%, and unknown fields', () => {
    for (const bad of [
      { venue: 'zerodha', underlying: '' },
      { venue: '', underlying: 'NIFTY' },
      { venue: 'zerodha', underlying: 'NIFTY', expiry: 1.5 },
      { venue: 'zerodha', underlying: 'NIFTY', expiry: -1 },
      { venue: 'zerodha', underlying: 'NIFTY', rate: 5 },
      { venue: 'zerodha', underlying: 'NIFTY', rate: Number.NaN },
      { venue: 'zerodha', underlying: 'NIFTY', strikes: 10 },
      { venue: 'zerodha', underlying: 'x'.repeat(65) },
    ]) {
      expect(chain.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(callInputs['options.greeks'].safeParse({ venue: 'zerodha' }).success).toBe(false);
    expect(callInputs['options.closeChain'].safeParse({ venue: 'zerodha' }).success).toBe(false);
  });
});
