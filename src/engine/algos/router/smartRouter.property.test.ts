import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimulatedClock, type Side } from '../../core';
import type { Instrument } from '../../instruments';
import { consolidate } from './consolidatedBook';
import { buildPriceGrid, gridQuotePerTickLot, type PriceGrid } from './priceGrid';
import { SmartRouter, type RoutePlan, type RouteVenue } from './smartRouter';
import { feeOf } from './takerFee';

const NOW = 5_000_000;

interface VenueCase {
  inst: Instrument;
  venue: RouteVenue;
}

/** A side of a book in venue units: prices strictly worsening from `start` by 1..3 ticks, sizes 1..30 lots. */
const sideArb = (dir: 1 | -1) =>
  fc.array(fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 30 })), { maxLength: 12 }).map((steps) => {
    let price = 0;
    return steps.map(([gap, qty]) => {
      price += dir * gap;
      return [price, qty] as [number, number];
    });
  });

/** One venue: its own tick (0.01 or 0.02) and lot (1, 2 or 5), minimums, fee and, when `aged`, a book age and latency. */
const venueArb = (name: string, aged: boolean) =>
  fc
    .record({
      tick: fc.constantFrom(1, 2),
      lot: fc.constantFrom(1, 2, 5),
      minNotional: fc.constantFrom(0, 0, 300, 2_000),
      minQty: fc.integer({ min: 1, max: 3 }),
      takerBps: fc.constantFrom(0, 0.25, 1, 5, 10, 30),
      touch: fc.integer({ min: 4_990, max: 5_010 }),
      spread: fc.integer({ min: 0, max: 6 }),
      asks: sideArb(1),
      bids: sideArb(-1),
      age: aged ? fc.integer({ min: 0, max: 800 }) : fc.constant(0),
      latencyMs: aged ? fc.integer({ min: 0, max: 400 }) : fc.constant(0),
      stale: aged ? fc.boolean() : fc.constant(false),
    })
    .map((r): VenueCase => {
      // Grid prices around 50.00; the venue's ticks are that divided by its tick.
      const askAt = Math.ceil((r.touch + r.spread) / r.tick);
      const bidAt = Math.floor((r.touch - r.spread) / r.tick) - 1;
      const asks = r.asks.map(([p, q]) => [askAt + p - 1, q] as [number, number]);
      const bids = r.bids.map(([p, q]) => [bidAt + p + 1, q] as [number, number]).filter(([p]) => p > 0);
      return {
        inst: { venue: name, symbol: 'X-USD', venueSymbol: 'XUSD', base: 'X', quote: 'USD', priceDecimals: 2, qtyDecimals: 0, tickSize: r.tick, lotSize: r.lot, minNotional: r.minNotional },
        venue: { book: { bids, asks, stale: r.stale }, bookAt: NOW - r.age, takerBps: r.takerBps, latencyMs: r.latencyMs, maxBookAgeMs: 600, minQty: r.minQty },
      };
    });

const caseArb = (aged: boolean) =>
  fc.record({
    venues: fc.integer({ min: 2, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => venueArb(`V${i}`, aged)))),
    side: fc.constantFrom<Side>('buy', 'sell'),
    qty: fc.integer({ min: 1, max: 300 }),
    limitOffset: fc.integer({ min: -10, max: 40 }),
  });

function setUp(c: { venues: VenueCase[]; side: Side; qty: number; limitOffset: number }) {
  const g = buildPriceGrid(c.venues.map((v) => v.inst));
  if (!g.ok) throw new Error(g.error.message);
  const grid = g.value;
  const limit = c.side === 'buy' ? 5_000 + c.limitOffset : 5_000 - c.limitOffset;
  const router = new SmartRouter(grid, { clock: new SimulatedClock(NOW) });
  const r = router.plan({ side: c.side, qty: c.qty, limit }, c.venues.map((v) => v.venue));
  if (!r.ok) throw new Error(r.error.message);
  return { grid, limit, plan: r.value };
}

/** Fee-adjusted cost, lower = better: notional * (10^6 +- centi-bps) paid by a buyer, minus that received by a seller. */
const adjusted = (side: Side, notional: number, takerBps: number) => notional * (side === 'buy' ? 1_000_000 + Math.round(takerBps * 100) : -(1_000_000 - Math.round(takerBps * 100)));
const planCost = (p: RoutePlan, venues: VenueCase[]) => p.children.reduce((s, ch) => s + adjusted(p.side, ch.notional, venues[ch.venueIndex]!.venue.takerBps), 0);

/**
 * The naive reference: sweep one venue's visible levels best first, within the limit, in whole lots of
 * the venue, for `target` grid lots; undefined when the result breaks the venue's minimums. Written
 * independently of the router.
 */
function singleSweep(grid: PriceGrid, v: number, vc: VenueCase, side: Side, limit: number, target: number) {
  const gv = grid.venues[v]!;
  const levels = side === 'buy' ? vc.venue.book.asks : vc.venue.book.bids;
  let need = target;
  let tickLots = 0;
  for (const [price, qty] of levels) {
    const gp = price * gv.priceFactor;
    if (side === 'buy' ? gp > limit : gp < limit) break;
    const take = Math.min(qty * gv.qtyFactor, need - (need % gv.qtyFactor));
    tickLots += gp * take;
    need -= take;
    if (need === 0) break;
  }
  const filled = target - need;
  const notional = tickLots * gridQuotePerTickLot(grid);
  if (filled === 0 || filled / gv.qtyFactor < (vc.venue.minQty ?? 1) || notional < gv.minNotional) return undefined;
  return { filled, cost: adjusted(side, notional, vc.venue.takerBps), fee: feeOf(notional, Math.round(vc.venue.takerBps * 100)) };
}

describe('SmartRouter properties', () => {
  it('never plans more than asked, beyond the limit, more at a venue than it shows, or below a venue minimum', () => {
    fc.assert(
      fc.property(caseArb(true), (c) => {
        const { grid, limit, plan } = setUp(c);
        expect(plan.plannedQty).toBeLessThanOrEqual(c.qty);
        expect(plan.plannedQty + plan.unplacedQty).toBe(c.qty);
        expect(plan.children.reduce((s, ch) => s + ch.gridQty, 0)).toBe(plan.plannedQty);
        for (const ch of plan.children) {
          const vc = c.venues[ch.venueIndex]!;
          const gv = grid.venues[ch.venueIndex]!;
          expect(vc.venue.book.stale).toBe(false);
          expect(NOW - vc.venue.bookAt).toBeLessThanOrEqual(vc.venue.maxBookAgeMs);
          expect(c.side === 'buy' ? ch.gridPrice <= limit : ch.gridPrice >= limit).toBe(true);
          expect(Number.isInteger(ch.qty) && ch.qty >= (vc.venue.minQty ?? 1)).toBe(true);
          expect(ch.notional).toBeGreaterThanOrEqual(gv.minNotional);
          const levels = c.side === 'buy' ? vc.venue.book.asks : vc.venue.book.bids;
          const shown = levels.filter(([p]) => (c.side === 'buy' ? p <= ch.price : p >= ch.price)).reduce((s, [, q]) => s + q, 0);
          expect(ch.qty).toBeLessThanOrEqual(shown);
          expect(levels.some(([p]) => p === ch.price)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('costs no more at the venues\' fee rates than the best single-venue sweep of the same quantity, and plans at least as much', () => {
    fc.assert(
      fc.property(caseArb(false), (c) => {
        const { grid, limit, plan } = setUp(c);
        c.venues.forEach((vc, v) => {
          const most = singleSweep(grid, v, vc, c.side, limit, c.qty);
          expect(plan.plannedQty).toBeGreaterThanOrEqual(most?.filled ?? 0);
          if (plan.plannedQty === 0) return;
          const same = singleSweep(grid, v, vc, c.side, limit, plan.plannedQty);
          if (same && same.filled === plan.plannedQty) expect(planCost(plan, c.venues)).toBeLessThanOrEqual(same.cost);
        });
      }),
      { numRuns: 400 },
    );
  });

  it('with one lot size and no minimums, no other split of the same quantity costs less at the venues\' fee rates', () => {
    const plain = caseArb(false).map((c) => ({
      ...c,
      venues: c.venues.map((vc) => ({ inst: { ...vc.inst, lotSize: 1, minNotional: 0 }, venue: { ...vc.venue, minQty: 1 } })),
    }));
    fc.assert(
      fc.property(plain, (c) => {
        const { grid, limit, plan } = setUp(c);
        const buy = c.side === 'buy';
        // Every lot within the limit at its fee-adjusted price (price * (10^6 +- centi-bps)), cheapest first.
        const lots = c.venues.flatMap((vc, v) => {
          const cb = Math.round(vc.venue.takerBps * 100);
          const levels = buy ? vc.venue.book.asks : vc.venue.book.bids;
          return levels
            .map(([p, q]) => ({ eff: p * grid.venues[v]!.priceFactor * (buy ? 1_000_000 + cb : 1_000_000 - cb), q, p: p * grid.venues[v]!.priceFactor }))
            .filter((l) => (buy ? l.p <= limit : l.p >= limit));
        });
        lots.sort((a, b) => (buy ? a.eff - b.eff : b.eff - a.eff));
        expect(plan.plannedQty).toBe(Math.min(c.qty, lots.reduce((s, l) => s + l.q, 0)));
        let need = plan.plannedQty;
        let best = 0;
        for (const l of lots) {
          const take = Math.min(l.q, need);
          best += l.eff * take;
          need -= take;
        }
        const ours = plan.children.reduce((s, ch) => {
          const cb = Math.round(c.venues[ch.venueIndex]!.venue.takerBps * 100);
          return s + (ch.notional / gridQuotePerTickLot(grid)) * (buy ? 1_000_000 + cb : 1_000_000 - cb);
        }, 0);
        expect(buy ? ours <= best : ours >= best).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('consolidates every lot each live venue shows, once, at strictly worsening prices', () => {
    fc.assert(
      fc.property(caseArb(false), (c) => {
        const g = buildPriceGrid(c.venues.map((v) => v.inst));
        if (!g.ok) throw new Error(g.error.message);
        const book = consolidate(g.value, c.venues.map((v) => v.venue.book));
        for (const side of ['bids', 'asks'] as const) {
          const levels = book[side];
          for (let i = 1; i < levels.length; i++) expect(side === 'bids' ? levels[i]!.price < levels[i - 1]!.price : levels[i]!.price > levels[i - 1]!.price).toBe(true);
          const total = levels.reduce((s, l) => s + l.qty, 0);
          const shown = c.venues.reduce((s, vc, v) => s + vc.venue.book[side].reduce((t, [, q]) => t + q * g.value.venues[v]!.qtyFactor, 0), 0);
          expect(total).toBe(shown);
          for (const l of levels) expect(l.venues.reduce((s, x) => s + x.qty, 0)).toBe(l.qty);
        }
      }),
      { numRuns: 200 },
    );
  });
});
