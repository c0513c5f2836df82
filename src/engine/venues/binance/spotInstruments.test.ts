import { describe, expect, it } from 'vitest';
import { parsePrice, parseQty } from '../../instruments';
import { spotSetup } from './binanceClient.fixture';
import { spotInstruments, type WireSymbol } from './spotInstruments';

const symbol = (over: Partial<WireSymbol> & { tick?: string; stepSize?: string; min?: WireSymbol['filters'][number] }): WireSymbol => ({
  symbol: 'XYZUSDT',
  status: 'TRADING',
  baseAsset: 'XYZ',
  quoteAsset: 'USDT',
  isSpotTradingAllowed: true,
  filters: [
    { filterType: 'PRICE_FILTER', tickSize: over.tick ?? '0.01000000' },
    { filterType: 'LOT_SIZE', stepSize: over.stepSize ?? '0.00100000' },
    over.min ?? { filterType: 'NOTIONAL', minNotional: '5.00000000' },
  ],
  ...over,
});

describe('Binance spot instruments from exchangeInfo', () => {
  it('reads the loopback venue\'s exchangeInfo into instruments whose scale matches Binance\'s decimals', async () => {
    const s = await spotSetup();
    const info = await s.client(s.alice).publicRequest<{ symbols: WireSymbol[] }>('GET', '/api/v3/exchangeInfo');
    expect(info.ok).toBe(true);
    const { instruments, skipped } = spotInstruments('binance-test', info.ok ? info.body : {});
    expect(skipped).toEqual([]);
    expect(instruments).toEqual([
      { venue: 'binance-test', symbol: 'BTC-USDT', venueSymbol: 'BTCUSDT', base: 'BTC', quote: 'USDT', priceDecimals: 2, qtyDecimals: 5, tickSize: 1, lotSize: 1, minNotional: 50_000_000 },
      { venue: 'binance-test', symbol: 'ETH-USDT', venueSymbol: 'ETHUSDT', base: 'ETH', quote: 'USDT', priceDecimals: 2, qtyDecimals: 4, tickSize: 1, lotSize: 1, minNotional: 5_000_000 },
    ]);
    // Binance writes eight decimals: they parse exactly to ticks and lots.
    const btc = instruments[0]!;
    expect(parsePrice(btc, '20000.50000000')).toEqual({ ok: true, value: 2_000_050 });
    expect(parseQty(btc, '0.00020000')).toEqual({ ok: true, value: 20 });
  });

  it('keeps a tick that is not a power of ten, and never understates a minimum notional', () => {
    const { instruments } = spotInstruments('b', { symbols: [symbol({ tick: '0.50000000', min: { filterType: 'MIN_NOTIONAL', minNotional: '10.0000001' } })] });
    expect(instruments[0]).toMatchObject({ priceDecimals: 1, tickSize: 5, qtyDecimals: 3, lotSize: 1, minNotional: 100_001 }); // 10.0000001 at 1 + 3 decimals, rounded up
    expect(parsePrice(instruments[0]!, '100.5')).toEqual({ ok: true, value: 201 });
    expect(parsePrice(instruments[0]!, '100.3').ok).toBe(false);
  });

  it('leaves out symbols that do not trade on spot now, and says which ones it could not read', () => {
    const out = spotInstruments('b', {
      symbols: [symbol({ symbol: 'OLDUSDT', status: 'BREAK' }), symbol({ symbol: 'MARGINONLY', isSpotTradingAllowed: false }), symbol({ symbol: 'BADUSDT', stepSize: '0' })],
    });
    expect(out).toEqual({ instruments: [], skipped: [{ symbol: 'BADUSDT', reason: 'PRICE_FILTER tickSize or LOT_SIZE stepSize missing or not a positive decimal' }] });
  });
});
