import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../core';
import type { Instrument } from '../../instruments';
import { leftOutText } from './leftOut';
import { buildPriceGrid, type PriceGrid } from './priceGrid';
import { SmartRouter, type RoutePlan, type RouteRequest, type RouteVenue } from './smartRouter';

/** X-USD with cents and whole units: one tick times one lot is one QuoteUnit (a cent). */
const inst = (venue: string, o: Partial<Instrument> = {}): Instrument => ({
  venue, symbol: 'X-USD', venueSymbol: 'XUSD', base: 'X', quote: 'USD', priceDecimals: 2, qtyDecimals: 0, tickSize: 1, lotSize: 1, minNotional: 0, ...o,
});
const gridOf = (...insts: Instrument[]): PriceGrid => {
  const g = buildPriceGrid(insts);
  if (!g.ok) throw new Error(g.error.message);
  return g.value;
};
const NOW = 1_000_000;
const venue = (bids: [number, number][], asks: [number, number][], o: Partial<RouteVenue> = {}): RouteVenue => ({
  book: { bids, asks, stale: false }, bookAt: NOW, takerBps: 0, latencyMs: 0, maxBookAgeMs: 500, ...o,
});
function plan(grid: PriceGrid, req: RouteRequest, venues: RouteVenue[], horizon?: number): RoutePlan {
  const router = new SmartRouter(grid, { clock: new SimulatedClock(NOW), ...(horizon ? { depthHorizonMs: horizon } : {}) });
  const r = router.plan(req, venues);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
/** The plan's reasons in the trader's words (the grid's decimals: cents, whole units). */
const why = (p: RoutePlan) => p.excluded.map((e) => leftOutText(e, p.side, { priceDecimals: 2, tickSize: 1, qtyDecimals: 0, lotSize: 1 }));
const children = (p: RoutePlan) => p.children.map((c) => ({ venue: c.venue, price: c.price, qty: c.qty }));

describe('SmartRouter', () => {
  const AB = gridOf(inst('A'), inst('B'));

  it('sweeps the best consolidated prices first, one child per venue at the worst level it takes', () => {
    const p = plan(AB, { side: 'buy', qty: 10, limit: 105 }, [
      venue([[99, 5]], [[100, 4], [102, 10]]),
      venue([[98, 5]], [[101, 5], [103, 10]]),
    ]);
    // A 4 @ 1.00, B 5 @ 1.01, A 1 @ 1.02: A's child is 5 at its worst level 1.02, B's 5 at 1.01.
    expect(children(p)).toEqual([
      { venue: 'A', price: 102, qty: 5 },
      { venue: 'B', price: 101, qty: 5 },
    ]);
    expect(p.children.map((c) => [c.levels, c.notional])).toEqual([[2, 502], [1, 505]]);
    expect(p).toMatchObject({ plannedQty: 10, unplacedQty: 0, notional: 1007, fees: 0, avgPrice: 100.7, arrivalMid: 99.5, method: 'merged' });
    // 10.07 paid against 10 at the mid 0.995: 0.12 of cost, 120.6 bps.
    expect(p.shortfall).toBe(12);
    expect(p.shortfallBps).toBeCloseTo((12 / 995) * 10_000, 9);
  });

  it('compares venues by fee-adjusted price: a 15 bp taker fee loses the level, a 5 bp one wins it and pays the fee', () => {
    const asksA: [number, number][] = [[10_000, 4], [10_020, 10]];
    const expensive = plan(AB, { side: 'buy', qty: 10, limit: 11_000 }, [venue([], asksA), venue([], [[10_010, 5]], { takerBps: 15 })]);
    // 100.10 * 1.0015 = 100.25 > 100.20: all at A.
    expect(children(expensive)).toEqual([{ venue: 'A', price: 10_020, qty: 10 }]);
    expect(expensive.notional).toBe(100_120);
    const cheap = plan(AB, { side: 'buy', qty: 10, limit: 11_000 }, [venue([], asksA), venue([], [[10_010, 5]], { takerBps: 5 })]);
    // 100.10 * 1.0005 = 100.15 < 100.20: A 4 @ 100.00, B 5 @ 100.10, A 1 @ 100.20.
    expect(children(cheap)).toEqual([
      { venue: 'A', price: 10_020, qty: 5 },
      { venue: 'B', price: 10_010, qty: 5 },
    ]);
    // B's fee: ceil(500.50 * 5 bp) = ceil(0.25025) -> 0.26, in cents 26.
    expect(cheap.children.map((c) => c.fee)).toEqual([0, 26]);
    expect(cheap).toMatchObject({ notional: 100_070, fees: 26 });
  });

  it('never takes a level beyond the limit: what no venue shows within it stays unplaced', () => {
    const p = plan(AB, { side: 'buy', qty: 10, limit: 101 }, [venue([[99, 5]], [[100, 4], [102, 10]]), venue([[98, 5]], [[101, 5], [103, 10]])]);
    expect(children(p)).toEqual([
      { venue: 'A', price: 100, qty: 4 },
      { venue: 'B', price: 101, qty: 5 },
    ]);
    expect(p).toMatchObject({ requestedQty: 10, plannedQty: 9, unplacedQty: 1 });
  });

  it('sells into the best bids first, down to the limit', () => {
    const p = plan(AB, { side: 'sell', qty: 10, limit: 99 }, [venue([[100, 4], [98, 10]], [[101, 1]]), venue([[99, 10]], [[102, 1]])]);
    expect(children(p)).toEqual([
      { venue: 'A', price: 100, qty: 4 },
      { venue: 'B', price: 99, qty: 6 },
    ]);
    // Mid (1.00 + 1.01) / 2; received 9.94 for 10 worth 10.05 at the mid: 0.11 of cost.
    expect(p).toMatchObject({ arrivalMid: 100.5, notional: 994, shortfall: 11 });
  });

  it('leaves out a stale book and one older than its allowance, and says why', () => {
    const asks: [number, number][] = [[100, 5]];
    const stale = plan(AB, { side: 'buy', qty: 8, limit: 200 }, [venue([], [[101, 10]]), { ...venue([], asks), book: { bids: [], asks, stale: true } }]);
    expect(children(stale)).toEqual([{ venue: 'A', price: 101, qty: 8 }]);
    expect(why(stale)).toEqual(['B: book not live (stale or never synced)']);
    const old = plan(AB, { side: 'buy', qty: 8, limit: 200 }, [venue([], [[101, 10]]), venue([], asks, { bookAt: NOW - 600 })]);
    expect(children(old)).toEqual([{ venue: 'A', price: 101, qty: 8 }]);
    expect(why(old)).toEqual(['B: book 600 ms old (limit 500 ms)']);
  });

  it('counts the levels beyond the touch less the longer the order is in flight against the book', () => {
    // 200 ms old + 50 ms latency = 250 ms of a 1000 ms horizon: level i counts 1 - 0.25 i.
    const asks: [number, number][] = [[100, 4], [101, 8], [102, 8], [103, 8], [104, 8]];
    const p = plan(AB, { side: 'buy', qty: 100, limit: 200 }, [venue([], asks, { bookAt: NOW - 200, latencyMs: 50 }), { ...venue([], []), book: { bids: [], asks: [], stale: true } }]);
    // 4 + floor(8 * .75) + floor(8 * .5) + floor(8 * .25) + 0.
    expect(children(p)).toEqual([{ venue: 'A', price: 103, qty: 16 }]);
    expect(p.unplacedQty).toBe(84);
    // A fresh book at no latency is taken whole.
    const fresh = plan(AB, { side: 'buy', qty: 100, limit: 200 }, [venue([], asks), { ...venue([], []), book: { bids: [], asks: [], stale: true } }]);
    expect(fresh.plannedQty).toBe(36);
  });

  it('at the same fee-adjusted price, prefers a venue it already uses, then the nearer, then the one showing more', () => {
    const nearer = plan(AB, { side: 'buy', qty: 5, limit: 200 }, [venue([], [[100, 5]], { latencyMs: 20 }), venue([], [[100, 5]], { latencyMs: 5 })]);
    expect(children(nearer)).toEqual([{ venue: 'B', price: 100, qty: 5 }]);
    // Equal latency: B shows 10 at 1.00, enough alone, so one child instead of A 3 + B 2.
    const bigger = plan(AB, { side: 'buy', qty: 5, limit: 200 }, [venue([], [[100, 3]]), venue([], [[100, 10]])]);
    expect(children(bigger)).toEqual([{ venue: 'B', price: 100, qty: 5 }]);
    // A already has a child from 0.99: its 1.00 level goes before B's, though B is nearer and shows more.
    const already = plan(AB, { side: 'buy', qty: 6, limit: 200 }, [venue([], [[99, 2], [100, 5]], { latencyMs: 9 }), venue([], [[100, 10]], { latencyMs: 1 })]);
    expect(children(already)).toEqual([{ venue: 'A', price: 100, qty: 6 }]);
  });

  it('keeps each venue to whole lots of its own, and prefers one venue when the merge would strand a remainder', () => {
    // A trades 0.1 X, B whole X: the grid lot is 0.1, B's lot is 10 grid lots.
    const grid = gridOf(inst('A', { qtyDecimals: 1 }), inst('B'));
    const p = plan(grid, { side: 'buy', qty: 10, limit: 200 }, [venue([], [[100, 5], [105, 100]]), venue([], [[101, 100]])]);
    // Merged: A 0.5 @ 1.00, then B cannot take 0.5, A 0.5 @ 1.05 -> 10.25. B alone: 1 @ 1.01 -> 10.10.
    expect(p.method).toBe('single');
    expect(p.children).toEqual([expect.objectContaining({ venue: 'B', price: 101, qty: 1, gridQty: 10 })]);
    expect(p.notional).toBe(1010);
  });

  it('drops a venue whose share is below its minimum notional or minimum quantity, and routes its part elsewhere', () => {
    const venues = (o: Partial<RouteVenue>) => [venue([], [[100, 1], [103, 20]], o), venue([], [[101, 20]])];
    const byNotional = plan(gridOf(inst('A', { minNotional: 500 }), inst('B')), { side: 'buy', qty: 10, limit: 200 }, venues({}));
    expect(children(byNotional)).toEqual([{ venue: 'B', price: 101, qty: 10 }]);
    expect(why(byNotional)).toEqual(["A: its share's value 1.00 is below its minimum 5.00"]);
    const byQty = plan(AB, { side: 'buy', qty: 10, limit: 200 }, venues({ minQty: 2 }));
    expect(children(byQty)).toEqual([{ venue: 'B', price: 101, qty: 10 }]);
    expect(why(byQty)).toEqual(['A: its share 1 is below its minimum 2']);
  });

  it('rebuilds the chosen plan from the very sweep that found it (a smaller ask can take another path)', () => {
    // Found by the property test. A trades 2 X (minimum 2 lots), B 5 X (minimum 2 lots), both bid 49.89.
    // Asked for 9, B's 1 lot is too small and A alone does 8; asked again for 8, the sweep would take
    // B 5 + A 2, both too small, and plan nothing.
    const grid = gridOf(inst('A', { lotSize: 2 }), inst('B', { lotSize: 5 }));
    const p = plan(grid, { side: 'sell', qty: 9, limit: 4_989 }, [venue([[4_989, 4]], [], { minQty: 2 }), venue([[4_989, 2]], [], { minQty: 2 })]);
    expect(children(p)).toEqual([{ venue: 'A', price: 4_989, qty: 4 }]);
    expect(p).toMatchObject({ plannedQty: 8, unplacedQty: 1 });
    expect(why(p)).toEqual(['B: its share 5 is below its minimum 10']); // grid units: B's lot is 5 X
  });

  it('plans nothing, and says why, when no venue can be routed to', () => {
    const dead = { ...venue([], []), book: { bids: [], asks: [[100, 5]] as [number, number][], stale: true } };
    const p = plan(AB, { side: 'buy', qty: 5, limit: 200, arrivalMid: 99 }, [dead, venue([], [[100, 5]], { takerBps: Number.NaN })]);
    expect(p).toMatchObject({ plannedQty: 0, unplacedQty: 5, children: [], method: 'none', avgPrice: undefined, shortfall: undefined, arrivalMid: 99 });
    expect(why(p)).toEqual(['A: book not live (stale or never synced)', 'B: taker fee unknown']);
  });

  it('leaves out a malformed book', () => {
    const p = plan(AB, { side: 'buy', qty: 5, limit: 200 }, [venue([], [[100, 5], [100, 1]]), venue([], [[101, 5]])]);
    expect(children(p)).toEqual([{ venue: 'B', price: 101, qty: 5 }]);
    expect(why(p)).toEqual(['A: book malformed: ask level 2 at 100 ticks is out of order']);
  });

  it('refuses a request it cannot plan with a clear error', () => {
    const router = new SmartRouter(AB, { clock: new SimulatedClock(NOW) });
    const vs = [venue([], [[100, 5]]), venue([], [[101, 5]])];
    const msg = (req: RouteRequest, v = vs) => {
      const r = router.plan(req, v);
      return r.ok ? 'ok' : `${r.error.code}: ${r.error.message}`;
    };
    expect(msg({ side: 'buy', qty: 0, limit: 100 })).toBe('INVALID_INPUT: quantity must be a positive integer of grid lots, got 0');
    expect(msg({ side: 'buy', qty: 1.5, limit: 100 })).toMatch(/quantity must be a positive integer/);
    expect(msg({ side: 'buy', qty: 1, limit: 100.5 })).toMatch(/limit must be a positive integer of grid ticks/);
    expect(msg({ side: 'hold' as 'buy', qty: 1, limit: 100 })).toMatch(/side must be buy or sell/);
    expect(msg({ side: 'buy', qty: 1, limit: 100, arrivalMid: -1 })).toMatch(/arrival mid must be a positive price/);
    expect(msg({ side: 'buy', qty: 1, limit: 100 }, vs.slice(0, 1))).toBe('INVALID_INPUT: 1 venues given for a grid of 2');
  });
});
