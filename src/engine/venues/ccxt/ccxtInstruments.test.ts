import { describe, expect, it } from 'vitest';
import { canonicalSymbol, ccxtInstruments, PRECISION_MODE, type CcxtMarketLike } from './ccxtInstruments';
import { decimalText, scaledRound, scaledUp } from './decimalText';

const market = (over: Partial<CcxtMarketLike> = {}): CcxtMarketLike => ({
  id: 'BTCUSDT',
  symbol: 'BTC/USDT',
  base: 'BTC',
  quote: 'USDT',
  type: 'spot',
  active: true,
  precision: { price: 0.01, amount: 0.00001 },
  limits: { cost: { min: 5 } },
  ...over,
});

describe('ccxt numbers back to the decimal text the venue wrote', () => {
  it('recovers exponent forms and drops trailing zeros', () => {
    expect([1e-8, 0.1, 20000, 0.00001, 1.5e21, 123.45, 0].map(decimalText)).toEqual(['0.00000001', '0.1', '20000', '0.00001', '1500000000000000000000', '123.45', '0']);
    expect(decimalText(0.1 + 0.2)).toBe('0.3');
    expect(decimalText(1.23456789012345)).toBe('1.23456789012345');
    expect(decimalText(Number.NaN)).toBeUndefined();
    expect(decimalText(-1)).toBeUndefined();
  });

  it('rounds a minimum up and a fee half up, never down silently', () => {
    expect(scaledUp(5.000001, 2)).toBe(501);
    expect(scaledUp(5, 7)).toBe(50_000_000);
    expect(scaledRound(0.2000049, 6)).toBe(200_005);
    expect(scaledRound(0.2000044, 6)).toBe(200_004);
  });
});

describe('ccxt markets as instruments', () => {
  it('takes ticks and lots from a tick-size precision, and the minimum cost in quote units rounded up', () => {
    const { instruments, skipped } = ccxtInstruments('acct', [market()], PRECISION_MODE.TICK_SIZE, ['spot']);
    expect(skipped).toEqual([]);
    expect(instruments).toEqual([{ venue: 'acct', symbol: 'BTC-USDT', venueSymbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', priceDecimals: 2, qtyDecimals: 5, tickSize: 1, lotSize: 1, minNotional: 50_000_000 }]);
  });

  it('reads a tick of 0.5 as 5 units of one decimal, and decimal-places precision as a power of ten', () => {
    const half = ccxtInstruments('acct', [market({ precision: { price: 0.5, amount: 1 } })], PRECISION_MODE.TICK_SIZE, ['spot']).instruments[0]!;
    expect([half.tickSize, half.priceDecimals, half.lotSize, half.qtyDecimals]).toEqual([5, 1, 1, 0]);
    const places = ccxtInstruments('acct', [market({ precision: { price: 2, amount: 4 } })], PRECISION_MODE.DECIMAL_PLACES, ['spot']).instruments[0]!;
    expect([places.tickSize, places.priceDecimals, places.lotSize, places.qtyDecimals]).toEqual([1, 2, 1, 4]);
  });

  it('leaves out, with why, a market whose precision has no fixed tick, or none at all', () => {
    const sig = ccxtInstruments('acct', [market({ precision: { price: 5, amount: 8 } })], PRECISION_MODE.SIGNIFICANT_DIGITS, ['spot']);
    expect(sig.instruments).toEqual([]);
    expect(sig.skipped).toEqual([{ symbol: 'BTC/USDT', reason: expect.stringContaining('significant digits') }]);
    const none = ccxtInstruments('acct', [market({ precision: { amount: 0.001 } })], PRECISION_MODE.TICK_SIZE, ['spot']);
    expect(none.skipped).toEqual([{ symbol: 'BTC/USDT', reason: 'price precision missing, amount precision ok' }]);
  });

  it('loads only the market types the account trades, skips inactive markets, and names derivatives apart', () => {
    const swap = market({ symbol: 'BTC/USDT:USDT', type: 'swap', settle: 'USDT', contractSize: 1 });
    const inverse = market({ symbol: 'BTC/USD:BTC', quote: 'USD', type: 'swap', settle: 'BTC', contractSize: 100 });
    const dated = market({ symbol: 'BTC/USDT:USDT-261225', type: 'future', settle: 'USDT', expiry: Date.UTC(2026, 11, 25, 8) });
    const inactive = market({ symbol: 'ETH/USDT', base: 'ETH', active: false });
    expect(ccxtInstruments('a', [market(), swap, inactive], PRECISION_MODE.TICK_SIZE, ['spot']).instruments.map((i) => i.symbol)).toEqual(['BTC-USDT']);
    const derivs = ccxtInstruments('a', [market(), swap, inverse, dated], PRECISION_MODE.TICK_SIZE, ['swap', 'future']).instruments;
    expect(derivs.map((i) => [i.symbol, i.venueSymbol, i.minNotional])).toEqual([
      ['BTC-USDT-PERP', 'BTC/USDT:USDT', 50_000_000],
      // A contract worth 100 USD is not a unit of the base: no quote-currency minimum can be read from it.
      ['BTC-USD-PERP-BTC', 'BTC/USD:BTC', 0],
      ['BTC-USDT-261225', 'BTC/USDT:USDT-261225', 50_000_000],
    ]);
    expect(canonicalSymbol(market({ symbol: 'BTC/USD:BTC-261225-50000-C', type: 'option' }))).toBe('BTC-USD-BTC-261225-50000-C');
  });
});
