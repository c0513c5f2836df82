import { describe, expect, it } from 'vitest';
import { usdmInstruments, type UsdmWireSymbol } from './usdmInstruments';

const filters = (tick: string, step: string, marketStep: string, notional: string) => [
  { filterType: 'PRICE_FILTER', tickSize: tick },
  { filterType: 'LOT_SIZE', stepSize: step },
  { filterType: 'MARKET_LOT_SIZE', stepSize: marketStep },
  { filterType: 'MIN_NOTIONAL', notional },
];
const perp = (symbol: string, f: UsdmWireSymbol['filters'], extra: Partial<UsdmWireSymbol> = {}): UsdmWireSymbol => ({
  symbol, status: 'TRADING', contractType: 'PERPETUAL', baseAsset: symbol.replace(/USDT$/, ''), quoteAsset: 'USDT', marginAsset: 'USDT', filters: f, ...extra,
});

describe('USD-M perpetuals from exchangeInfo', () => {
  it('takes ticks, lots and the minimum notional as integers, names them BASE-QUOTE-PERP, and leaves out what is not a trading perpetual', () => {
    const r = usdmInstruments('perp', {
      symbols: [
        perp('BTCUSDT', filters('0.10', '0.001', '0.001', '100')),
        perp('DOGEUSDT', filters('0.000010', '1', '1', '5')),
        perp('ETHUSDT_260626', filters('0.01', '0.001', '0.001', '20'), { contractType: 'CURRENT_QUARTER' }),
        perp('XRPUSDT', filters('0.0001', '0.1', '0.1', '5'), { status: 'SETTLING' }),
      ],
    });
    expect(r.skipped).toEqual([]);
    expect(r.instruments).toEqual([
      { venue: 'perp', symbol: 'BTC-USDT-PERP', venueSymbol: 'BTCUSDT', base: 'BTC', quote: 'USDT', priceDecimals: 1, qtyDecimals: 3, tickSize: 1, lotSize: 1, minNotional: 100 * 10_000 },
      { venue: 'perp', symbol: 'DOGE-USDT-PERP', venueSymbol: 'DOGEUSDT', base: 'DOGE', quote: 'USDT', priceDecimals: 5, qtyDecimals: 0, tickSize: 1, lotSize: 1, minNotional: 5 * 100_000 },
    ]);
  });

  it('says which symbols it left out and why, rather than trading them on wrong filters', () => {
    const r = usdmInstruments('perp', {
      symbols: [
        perp('AUSDT', filters('0.01', '0.001', '0.0015', '5')),
        perp('BUSDT', [{ filterType: 'LOT_SIZE', stepSize: '0.001' }]),
        perp('CUSDT', filters('0.01', '0.001', '0.01', 'five')),
      ],
    });
    expect(r.instruments.map((i) => i.symbol)).toEqual([]);
    expect(r.skipped).toEqual([
      { symbol: 'AUSDT', reason: 'MARKET_LOT_SIZE stepSize "0.0015" is not a whole number of LOT_SIZE steps (0.001)' },
      { symbol: 'BUSDT', reason: 'PRICE_FILTER tickSize or LOT_SIZE stepSize missing or not a positive decimal' },
      { symbol: 'CUSDT', reason: 'MIN_NOTIONAL notional "five" is not a decimal' },
    ]);
  });
});
