import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ok, SimulatedClock, type Result, type Side } from '../../core';
import type { Instrument } from '../../instruments';
import { buildPriceGrid } from './priceGrid';
import { blankLeftOut, LeftOutCode } from './leftOut';
import { SmartRouter, type RoutePlan, type RouteVenue } from './smartRouter';
import { ReferenceSmartRouter } from './smartRouterReference.fixture';

const NOW = 9_000_000;

/** A side in venue units: strictly worsening by 1..3 ticks from the touch, 1..40 lots, up to 50 levels (the book buffer's depth). */
const sideArb = fc.array(fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 40 })), { maxLength: 50 });

/** One venue: tick 1 or 2 grid ticks, lot 1, 2 or 5, minimums, fee (rebates too), age, latency, sometimes stale or malformed. */
const venueArb = (name: string) =>
  fc
    .record({
      tick: fc.constantFrom(1, 2),
      lot: fc.constantFrom(1, 1, 2, 5),
      minNotional: fc.constantFrom(0, 0, 0, 300, 2_000),
      minQty: fc.constantFrom(undefined, 1, 2, 3),
      takerBps: fc.constantFrom(0, 0.25, 1, 2, 5, 10, -0.5),
      touch: fc.integer({ min: 4_990, max: 5_010 }),
      spread: fc.integer({ min: 0, max: 6 }),
      asks: sideArb,
      bids: sideArb,
      age: fc.constantFrom(0, 0, 50, 300, 700),
      latencyMs: fc.constantFrom(0, 0, 5, 120, 400),
      stale: fc.constantFrom(false, false, false, false, true),
      broken: fc.constantFrom(false, false, false, false, false, false, true),
    })
    .map((r) => {
      const askAt = Math.ceil((r.touch + r.spread) / r.tick);
      const bidAt = Math.floor((r.touch - r.spread) / r.tick);
      let p = askAt - 1;
      const asks = r.asks.map(([gap, q]) => [(p += gap), q] as [number, number]);
      p = bidAt + 1;
      const bids = r.bids.map(([gap, q]) => [(p -= gap), q] as [number, number]).filter(([price]) => price > 0);
      if (r.broken && asks.length > 2) asks[asks.length - 1] = [asks[0]![0], 1]; // out of order: the venue is left out
      const inst: Instrument = { venue: name, symbol: 'X-USD', venueSymbol: 'XUSD', base: 'X', quote: 'USD', priceDecimals: 2, qtyDecimals: 0, tickSize: r.tick, lotSize: r.lot, minNotional: r.minNotional };
      const venue: RouteVenue = {
        book: { bids, asks, stale: r.stale },
        bookAt: NOW - r.age,
        takerBps: r.takerBps,
        latencyMs: r.latencyMs,
        maxBookAgeMs: 600,
        ...(r.minQty !== undefined ? { minQty: r.minQty } : {}),
      };
      return { inst, venue };
    });

const requestArb = fc.record({
  side: fc.constantFrom<Side>('buy', 'sell'),
  qty: fc.integer({ min: 1, max: 600 }),
  limitOffset: fc.integer({ min: -10, max: 80 }),
  arrivalMid: fc.constantFrom(undefined, 5_000, 4_999.5),
});

/**
 * A plan as the reference can give it: of the reasons, only the venues the router could not route at
 * all and their codes (the reference does not explain why a routable venue got nothing; smartReasons.test.ts does).
 */
function routing(r: Result<RoutePlan>): Result<RoutePlan> {
  if (!r.ok) return r;
  const excluded = r.value.excluded.filter((e) => e.code <= LeftOutCode.DOWN).map((e) => ({ ...blankLeftOut(e.venue), code: e.code }));
  return ok({ ...r.value, excluded });
}

describe('SmartRouter.plan and planReused against the reference router (the planner before its allocation work)', () => {
  it('give exactly the reference plan, decision after decision on one router (the reused result keeps nothing of the last)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => venueArb(`V${i}`)))),
        fc.array(fc.tuple(requestArb, fc.integer({ min: 0, max: 4 })), { minLength: 1, maxLength: 6 }),
        (venues, requests) => {
          const g = buildPriceGrid(venues.map((v) => v.inst));
          if (!g.ok) throw new Error(g.error.message);
          const clock = new SimulatedClock(NOW);
          const router = new SmartRouter(g.value, { clock });
          const reference = new ReferenceSmartRouter(g.value, { clock });
          const routeVenues = venues.map((v) => v.venue);
          for (const [r, shiftTicks] of requests) {
            // Between decisions the books move (a shifted copy), as they do between market events.
            const moved = routeVenues.map((v) => ({ ...v, book: { ...v.book, asks: v.book.asks.map(([p, q]) => [p + shiftTicks, q] as [number, number]) } }));
            const limit = r.side === 'buy' ? 5_000 + r.limitOffset : 5_000 - r.limitOffset;
            const req = { side: r.side, qty: r.qty, limit, ...(r.arrivalMid !== undefined ? { arrivalMid: r.arrivalMid } : {}) };
            const want = routing(reference.plan(req, moved));
            const fresh = router.plan(req, moved);
            const snapshot = structuredClone(fresh);
            const reused = routing(router.planReused(req, moved));
            expect(routing(fresh)).toEqual(want);
            expect(reused).toEqual(want);
            // A plan() result is the caller's: a later planReused() leaves it as it was.
            expect(fresh).toEqual(snapshot);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('refuses a bad request the same way', () => {
    const g = buildPriceGrid([{ venue: 'A', symbol: 'X-USD', venueSymbol: 'XUSD', base: 'X', quote: 'USD', priceDecimals: 2, qtyDecimals: 0, tickSize: 1, lotSize: 1, minNotional: 0 }]);
    if (!g.ok) throw new Error(g.error.message);
    const clock = new SimulatedClock(NOW);
    const venue: RouteVenue = { book: { bids: [[99, 1]], asks: [[100, 1]], stale: false }, bookAt: NOW, takerBps: 1, latencyMs: 0, maxBookAgeMs: 600 };
    for (const req of [{ side: 'buy' as const, qty: 0, limit: 100 }, { side: 'sell' as const, qty: 1, limit: -1 }, { side: 'buy' as const, qty: 1.5, limit: 100 }]) {
      expect(new SmartRouter(g.value, { clock }).planReused(req, [venue])).toEqual(new ReferenceSmartRouter(g.value, { clock }).plan(req, [venue]));
    }
  });
});
