import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../core';
import type { Instrument } from '../../instruments';
import { LeftOutCode, leftOutText, type LeftOutUnits } from './leftOut';
import { buildPriceGrid, type PriceGrid } from './priceGrid';
import { SmartRouter, type RoutePlan, type RouteRequest, type RouteVenue } from './smartRouter';

/** BTC-USDT in tenths of a dollar and 0.0001 BTC: 64,000.0 is 640,000 ticks. */
const UNITS: LeftOutUnits = { priceDecimals: 1, tickSize: 1, qtyDecimals: 4, lotSize: 1 };
const inst = (venue: string, o: Partial<Instrument> = {}): Instrument => ({
  venue, symbol: 'BTC-USDT', venueSymbol: 'BTCUSDT', base: 'BTC', quote: 'USDT', ...UNITS, minNotional: 0, ...o,
});
const gridOf = (...insts: Instrument[]): PriceGrid => {
  const g = buildPriceGrid(insts);
  if (!g.ok) throw new Error(g.error.message);
  return g.value;
};
const NOW = 5_000_000;
const venue = (bids: [number, number][], asks: [number, number][], o: Partial<RouteVenue> = {}): RouteVenue => ({
  book: { bids, asks, stale: false }, bookAt: NOW, takerBps: 5, latencyMs: 0, maxBookAgeMs: 1_000, ...o,
});
const AB = gridOf(inst('Binance'), inst('SIM-B'));
const router = (grid = AB) => new SmartRouter(grid, { clock: new SimulatedClock(NOW) });
function reasons(req: RouteRequest, venues: RouteVenue[], grid = AB): string[] {
  const r = router(grid).plan(req, venues);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.excluded.map((e) => leftOutText(e, req.side, UNITS));
}
const buy = (qty: number, limit: number): RouteRequest => ({ side: 'buy', qty, limit });
const live = venue([[639_990, 50]], [[640_000, 50]]);

describe('why the smart router left a venue out, with its figure', () => {
  it('a book older than its allowance: its age and the limit', () => {
    expect(reasons(buy(10, 640_100), [venue([[639_990, 50]], [[639_900, 50]], { bookAt: NOW - 2_400 }), live])).toEqual(['Binance: book 2.4 s old (limit 1 s)']);
    expect(reasons(buy(10, 640_100), [live, venue([], [[640_000, 5]], { bookAt: NOW - 1_450, maxBookAgeMs: 900 })])).toEqual(['SIM-B: book 1.5 s old (limit 900 ms)']);
  });

  it('no level within the limit: the limit and its best price, or an empty side', () => {
    expect(reasons(buy(10, 640_000), [venue([[639_990, 50]], [[640_125, 50]]), live])).toEqual(['Binance: no ask within the limit 64,000.0 (best 64,012.5)']);
    expect(reasons({ side: 'sell', qty: 10, limit: 639_990 }, [venue([], [[640_100, 1]]), live])).toEqual(['Binance: no bids in its book']);
  });

  it('a stale book, a book with no time yet, a venue not connected', () => {
    const stale = { ...live, book: { ...live.book, stale: true } };
    expect(reasons(buy(10, 640_100), [stale, live])).toEqual(['Binance: book not live (stale or never synced)']);
    expect(reasons(buy(10, 640_100), [venue([[639_990, 50]], [[640_000, 50]], { bookAt: Number.NaN }), live])).toEqual(['Binance: book age unknown (no feed message yet)']);
    expect(reasons(buy(10, 640_100), [live, venue([[639_990, 50]], [[639_000, 50]], { connected: false })])).toEqual(['SIM-B: venue not connected']);
  });

  it('a crossed or malformed book', () => {
    expect(reasons(buy(10, 640_100), [venue([[640_010, 5]], [[640_000, 5]]), live])).toEqual(['Binance: book crossed (bid 64,001.0 at or above ask 64,000.0)']);
    expect(reasons(buy(10, 640_100), [venue([[639_990, 5]], [[640_000, 5], [640_000, 1]]), live])).toEqual(['Binance: book malformed: ask level 2 at 640000 ticks is out of order']);
    expect(reasons(buy(10, 640_100), [venue([[639_990, 0]], [[640_000, 5]]), live])).toEqual(['Binance: book malformed: bid level 1 has quantity 0 lots']);
  });

  it('a venue the plan did not need: its best price against the worst taken elsewhere', () => {
    expect(reasons(buy(10, 640_100), [live, venue([[639_990, 50]], [[640_050, 50]])])).toEqual(['SIM-B: not needed: best ask 64,005.0, the plan filled elsewhere at 64,000.0 or better']);
  });

  it('a lot coarser than what was left, and a minimum the share is below', () => {
    // SIM-B trades 0.01 BTC (100 grid lots): the 40 lots left after Binance's 150 cannot go there.
    const grid = gridOf(inst('Binance'), inst('SIM-B', { qtyDecimals: 2 }));
    expect(reasons(buy(190, 640_100), [venue([[639_990, 50]], [[640_000, 150]]), venue([[639_990, 1]], [[640_010, 1]])], grid)).toEqual(['SIM-B: its lot 0.0100 is coarser than the 0.0040 left']);
    expect(reasons(buy(10, 640_100), [venue([[639_990, 50]], [[640_000, 4], [640_020, 50]], { minQty: 5 }), venue([[639_990, 50]], [[640_010, 50]])])).toEqual(['Binance: its share 0.0004 is below its minimum 0.0005']);
  });

  it('planReused says the same, in objects it keeps: no new reason object from one decision to the next', () => {
    const r = router();
    const aged = [venue([[639_990, 50]], [[639_900, 50]], { bookAt: NOW - 2_400 }), live];
    const first = r.planReused(buy(10, 640_100), aged);
    if (!first.ok) throw new Error(first.error.message);
    const entry = first.value.excluded[0]!;
    expect(entry).toMatchObject({ venue: 'Binance', code: LeftOutCode.AGED, a: 2_400, b: 1_000 });
    const second = r.planReused(buy(10, 640_100), [venue([[639_990, 50]], [[639_900, 50]], { bookAt: NOW - 3_000 }), live]);
    if (!second.ok) throw new Error(second.error.message);
    expect(second.value.excluded[0]).toBe(entry);
    expect(leftOutText(entry, 'buy', UNITS)).toBe('Binance: book 3 s old (limit 1 s)');
    // Every venue used: no reasons (and the last decision's are not carried over).
    const both = r.planReused(buy(100, 640_100), [live, venue([[639_990, 50]], [[640_000, 50]])]);
    if (!both.ok) throw new Error(both.error.message);
    expect(both.value.excluded).toEqual([]);
    expect((both.value as RoutePlan).children).toHaveLength(2);
  });
});
