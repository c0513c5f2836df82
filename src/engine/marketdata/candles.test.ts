import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CandleStore } from './candles';

describe('CandleStore', () => {
  it('builds OHLCV bars per timeframe from trades', () => {
    const store = new CandleStore([1, 60]);
    const t0 = 1_699_999_980_000; // aligned to a minute
    store.onTrade('SIM:BTC', t0 + 100, 100, 2);
    store.onTrade('SIM:BTC', t0 + 900, 105, 1);
    store.onTrade('SIM:BTC', t0 + 1_500, 98, 3);
    store.onTrade('SIM:BTC', t0 + 61_000, 101, 1);

    expect(store.get('SIM:BTC', 1)).toEqual([
      { time: t0 / 1000, open: 100, high: 105, low: 100, close: 105, volume: 3 },
      { time: t0 / 1000 + 1, open: 98, high: 98, low: 98, close: 98, volume: 3 },
      { time: t0 / 1000 + 61, open: 101, high: 101, low: 101, close: 101, volume: 1 },
    ]);
    expect(store.get('SIM:BTC', 60)).toEqual([
      { time: t0 / 1000, open: 100, high: 105, low: 98, close: 98, volume: 6 },
      { time: t0 / 1000 + 60, open: 101, high: 101, low: 101, close: 101, volume: 1 },
    ]);
  });

  it('drops a trade older than the current bar instead of corrupting history', () => {
    const store = new CandleStore([1]);
    store.onTrade('k', 5_000, 10, 1);
    expect(store.onTrade('k', 3_000, 99, 1)).toEqual([]);
    expect(store.get('k', 1)).toHaveLength(1);
  });

  it('a coarse bar equals the aggregate of the fine bars it covers (any trade stream)', () => {
    const trade = fc.record({ dt: fc.integer({ min: 0, max: 20_000 }), price: fc.integer({ min: 1, max: 1e6 }), qty: fc.integer({ min: 1, max: 1e4 }) });
    fc.assert(
      fc.property(fc.array(trade, { minLength: 1, maxLength: 200 }), (trades) => {
        const store = new CandleStore([1, 60]);
        let ts = 0;
        for (const t of trades) store.onTrade('k', (ts += t.dt), t.price, t.qty);
        const fine = store.get('k', 1, 1e9);
        for (const coarse of store.get('k', 60, 1e9)) {
          const inside = fine.filter((b) => b.time >= coarse.time && b.time < coarse.time + 60);
          expect(coarse.open).toBe(inside[0]!.open);
          expect(coarse.close).toBe(inside[inside.length - 1]!.close);
          expect(coarse.high).toBe(Math.max(...inside.map((b) => b.high)));
          expect(coarse.low).toBe(Math.min(...inside.map((b) => b.low)));
          expect(coarse.volume).toBe(inside.reduce((s, b) => s + b.volume, 0));
        }
      }),
    );
  });
});
