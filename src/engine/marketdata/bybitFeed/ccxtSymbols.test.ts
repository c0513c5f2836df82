import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../instruments';
import { bybitFeedSymbols, bybitSymbolOf } from './ccxtSymbols';

const inst = (symbol: string, venueSymbol: string): Instrument => ({
  venue: 'bybit-main',
  symbol,
  venueSymbol,
  base: 'BTC',
  quote: 'USDT',
  priceDecimals: 2,
  qtyDecimals: 6,
  tickSize: 1,
  lotSize: 1,
  minNotional: 0,
});

describe("Bybit names of a ccxt:bybit account's markets", () => {
  it('maps spot, USDT perpetuals and inverse perpetuals; refuses what Bybit names otherwise', () => {
    expect(bybitSymbolOf('BTC/USDT')).toEqual({ ok: true, category: 'spot', venueSymbol: 'BTCUSDT' });
    expect(bybitSymbolOf('1000PEPE/USDT:USDT')).toEqual({ ok: true, category: 'linear', venueSymbol: '1000PEPEUSDT' });
    expect(bybitSymbolOf('BTC/USD:BTC')).toEqual({ ok: true, category: 'inverse', venueSymbol: 'BTCUSD' });
    for (const s of ['BTC/USDC:USDC', 'BTC/USDT:USDT-251226', 'BTC/USD:BTC-251226', 'BTC/USDC:USDC-251226-100000-C', 'btc/usdt']) expect(bybitSymbolOf(s).ok, s).toBe(false);
  });

  it('keeps the instruments of the category with their scale, and says why the others are left out', () => {
    const out = bybitFeedSymbols([inst('BTC-USDT', 'BTC/USDT'), inst('BTC-USDT-PERP', 'BTC/USDT:USDT'), inst('BTC-USDC-PERP', 'BTC/USDC:USDC')], 'spot');
    expect(out.symbols).toEqual([{ symbol: 'BTC-USDT', venueSymbol: 'BTCUSDT', scale: { priceDecimals: 2, qtyDecimals: 6, tickSize: 1, lotSize: 1 } }]);
    expect(out.skipped).toEqual([
      { symbol: 'BTC-USDT-PERP', reason: 'a linear market, not spot' },
      { symbol: 'BTC-USDC-PERP', reason: expect.stringMatching(/not streamed natively/) },
    ]);
  });
});
