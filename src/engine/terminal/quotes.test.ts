import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../core';
import { CandleStore } from '../marketdata';
import { QUOTE_VIEW_TTL_MS, quoteOf, QuoteViewers, type QuoteSources } from './quotes';

const DAY_MS = 86_400_000;
const KEY = 'SIM:ETH-USDT';

function sources(store: CandleStore, top?: { bid?: number; ask?: number; stale: boolean }, last?: number): QuoteSources {
  return { top: () => top, lastTrade: () => last, bars: (key, s, limit) => store.get(key, s, limit) };
}

describe('watchlist quotes', () => {
  it("reads last, bid/ask, the UTC day's open and volume and minute closes from what the engine holds", () => {
    const store = new CandleStore([60, 3600]);
    const day = 20_000 * DAY_MS;
    // Yesterday's trade counts toward neither the day's open nor its volume.
    store.onTrade(KEY, day - 60_000, 900, 7);
    store.onTrade(KEY, day + 1_000, 1000, 2);
    store.onTrade(KEY, day + 61_000, 1010, 3);
    store.onTrade(KEY, day + 3_700_000, 1030, 5);
    const q = quoteOf(sources(store, { bid: 1029, ask: 1031, stale: false }, 1030), KEY, 'SIM', 'ETH-USDT', day + 3_800_000);
    expect(q).toMatchObject({ venue: 'SIM', symbol: 'ETH-USDT', last: 1030, bid: 1029, ask: 1031, open: 1000, volume: 10, stale: false });
    expect(q.closes).toEqual([900, 1000, 1010, 1030]);
  });

  it('invents nothing for an instrument the engine has not seen trade', () => {
    const q = quoteOf(sources(new CandleStore([60, 3600])), KEY, 'SIM', 'ETH-USDT', DAY_MS);
    expect(q).toEqual({ venue: 'SIM', symbol: 'ETH-USDT', volume: 0, closes: [], stale: true });
  });

  it("keeps a view's instruments streaming while it asks and drops them when it stops", () => {
    const clock = new SimulatedClock(1_000);
    const viewers = new QuoteViewers(clock);
    expect(viewers.show('a', [{ venue: 'SIM', symbol: 'ETH-USDT' }])).toBe(true);
    expect(viewers.show('a', [{ venue: 'SIM', symbol: 'ETH-USDT' }])).toBe(false);
    expect(viewers.instruments()).toEqual([{ venue: 'SIM', symbol: 'ETH-USDT' }]);
    clock.advance(QUOTE_VIEW_TTL_MS - 1);
    expect(viewers.expire()).toBe(false);
    clock.advance(1);
    expect(viewers.expire()).toBe(true);
    expect(viewers.instruments()).toEqual([]);
  });
});
