import { describe, expect, it } from 'vitest';
import { formatPrice, formatQty, formatQuote, notional, parsePrice, parseQty, type Instrument } from './instrument';

// A tick of 0.5 and a lot of 0.25 exercise sizes that are not powers of ten.
const inst: Instrument = {
  venue: 'SIM',
  symbol: 'X-USDT',
  venueSymbol: 'XUSDT',
  base: 'X',
  quote: 'USDT',
  priceDecimals: 1,
  qtyDecimals: 2,
  tickSize: 5,
  lotSize: 25,
  minNotional: 500,
};

describe('instrument money', () => {
  it('parses prices to ticks and quantities to lots, refusing off-grid amounts with the reason', () => {
    expect(parsePrice(inst, '100.5')).toEqual({ ok: true, value: 201 });
    expect(parsePrice(inst, '100.3')).toEqual({ ok: false, reason: 'not a multiple of the tick size 0.5' });
    expect(parsePrice(inst, '0')).toEqual({ ok: false, reason: 'must be greater than zero' });
    expect(parsePrice(inst, '-1')).toEqual({ ok: false, reason: 'must be greater than zero' });
    expect(parseQty(inst, '1.75')).toEqual({ ok: true, value: 7 });
    expect(parseQty(inst, '1.70')).toEqual({ ok: false, reason: 'not a multiple of the lot size 0.25' });
    expect(parseQty(inst, '1.701')).toEqual({ ok: false, reason: 'at most 2 decimals' });
  });

  it('formats ticks, lots and values back with the instrument decimals', () => {
    expect(formatPrice(inst, 201)).toBe('100.5');
    expect(formatQty(inst, 7)).toBe('1.75');
    // 100.5 * 1.75 = 175.875, exactly, in units of 10^-3.
    expect(notional(inst, 201, 7)).toBe(175_875);
    expect(formatQuote(inst, notional(inst, 201, 7))).toBe('175.875');
  });

  it('keeps a notional beyond 2^53 above every limit instead of wrapping or going negative', () => {
    const big = notional(inst, 2 ** 40, 2 ** 20);
    expect(big).toBeGreaterThan(Number.MAX_SAFE_INTEGER);
    expect(big / (2 ** 60 * 125)).toBeCloseTo(1, 12);
  });
});
