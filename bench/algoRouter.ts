/**
 * `npm run bench -- algoRouter`: the smart router against naive single-venue sweeps on the same books.
 *
 * Books: two simulated venues, SIM-A and SIM-B, created as the Terminal creates them for simVenues
 * (createSimVenue, seeds 1 and 2, the default SIM fees of 5 bp taker) on a simulated clock; their
 * synthetic markets run for SAMPLES * SAMPLE_EVERY_MS and the top DEPTH levels of each instrument (what
 * the book layer's shared buffer holds) are read every SAMPLE_EVERY_MS. Each venue's market moves on
 * its own seed, so the two books differ (and sometimes cross).
 * Their fair values drift apart (nothing arbitrages two synthetic markets), so a second scenario
 * re-centres SIM-B's book on SIM-A's mid at every snapshot (one market quoted on two venues, each with
 * its own sizes), and a third gives SIM-B a 2 bp taker fee, to show the fee term at work.
 *
 * Orders: at every snapshot, for every instrument, buys and sells of 1, 5, 25 and 100 times the
 * instrument's typical order (its baseLots), limit 2 % through the mid. Each is planned by the router
 * and swept naively at one venue: the first venue (SIM-A), the venue with the best fee-adjusted touch
 * (what a trader picking one venue would choose), and, in hindsight, whichever single venue's sweep was
 * cheapest. Shortfall = what the order costs against the consolidated arrival mid, fees included, in
 * bps (positive = cost): expected from the visible books, as planned (nothing is sent, so every
 * snapshot is the venues' own book, not one we moved). Orders that a single venue's top levels cannot
 * fill within the limit are skipped for every method, so all compare the same quantity.
 *
 * Decision cost: SmartRouter.plan() alone (books already read), timed call by call with
 * process.hrtime.bigint() after a warm-up pass over the same decisions; p50 and p99.
 */
import { SimulatedClock, type Clock, type Side } from '../src/engine/core';
import { buildPriceGrid, feeOf, gridQuotePerTickLot, SmartRouter, type PriceGrid, type RouteVenue, type VenueBook } from '../src/engine/algos';
import { createSimVenue, SIM_INSTRUMENT_SPECS, type SimVenue } from '../src/engine/venues';
import { fmt, nowNs, percentile, sortedCopy } from './stats';

const START = Date.UTC(2026, 0, 5, 12, 0, 0);
const SAMPLES = 300;
const SAMPLE_EVERY_MS = 2_000;
const DEPTH = 50;
const SIZES = [1, 5, 25, 100];
const SIDES: Side[] = ['buy', 'sell'];
/** SIM runs in-process and fills at the book as read: nothing is in flight, so no depth is discounted. */
const LATENCY_MS = 0;
const MAX_BOOK_AGE_MS = 1_000;

interface Decision {
  /** Clock time of the snapshot: the router is asked as of then. */
  at: number;
  symbol: string;
  size: number;
  side: Side;
  qty: number;
  limit: number;
  venues: RouteVenue[];
}

interface Scenario {
  name: string;
  takerBps: [number, number];
  /**
   * SIM-B's book shifted (whole ticks) so that its mid is SIM-A's: two venues quoting one market, as
   * arbitrage keeps real venues, each with its own queue sizes and shape. Without it the two synthetic
   * markets drift apart (each on its own seed) and one venue is simply cheaper most of the time.
   */
  recentre: boolean;
}

const SCENARIOS: Scenario[] = [
  { name: 'SIM-A + SIM-B as the Terminal runs them (two independent markets; taker 5 bp at both)', takerBps: [5, 5], recentre: false },
  { name: 'SIM-B re-centred on SIM-A\'s mid (one market on two venues; taker 5 bp at both)', takerBps: [5, 5], recentre: true },
  { name: 'SIM-B re-centred, with a 2 bp taker fee (SIM-A 5 bp)', takerBps: [5, 2], recentre: true },
];

/** Naive sweep of one venue's visible levels, best first, within the limit; undefined if it cannot fill qty. */
function singleSweep(grid: PriceGrid, v: number, book: VenueBook, takerBps: number, side: Side, qty: number, limit: number) {
  const gv = grid.venues[v]!;
  let need = qty;
  let tickLots = 0;
  for (const [price, size] of side === 'buy' ? book.asks : book.bids) {
    const p = price * gv.priceFactor;
    if (side === 'buy' ? p > limit : p < limit) break;
    const take = Math.min(size * gv.qtyFactor, need);
    tickLots += p * take;
    need -= take;
    if (need === 0) break;
  }
  if (need > 0) return undefined;
  const notional = tickLots * gridQuotePerTickLot(grid);
  const fee = feeOf(notional, Math.round(takerBps * 100));
  return { amount: side === 'buy' ? notional + fee : notional - fee, adjusted: adjusted(side, notional, takerBps) };
}

/** The exact fee-adjusted cost the router minimises: notional * (10^6 +- centi-bps), negated for a sell (lower = better). */
const adjusted = (side: Side, notional: number, takerBps: number) =>
  side === 'buy' ? notional * (1_000_000 + Math.round(takerBps * 100)) : -notional * (1_000_000 - Math.round(takerBps * 100));

/** Shortfall in bps against the mid: a buy's cost above it, a sell's proceeds below it. */
const shortfallBps = (side: Side, amount: number, atMid: number) => ((side === 'buy' ? amount - atMid : atMid - amount) / atMid) * 10_000;

async function collect(scenario: Scenario) {
  const clock = new SimulatedClock(START);
  const venues: SimVenue[] = ['SIM-A', 'SIM-B'].map((id, i) =>
    createSimVenue({ id, clock, seed: 1 + i, fees: { makerBps: 1, takerBps: scenario.takerBps[i]! } }),
  );
  for (const v of venues) await v.connect();
  const grids = new Map<string, PriceGrid>();
  for (const spec of SIM_INSTRUMENT_SPECS) {
    const g = buildPriceGrid(venues.map((v) => v.instruments().find((i) => i.symbol === spec.instrument.symbol)!));
    if (!g.ok) throw new Error(g.error.message);
    grids.set(spec.instrument.symbol, g.value);
  }
  const decisions: Decision[] = [];
  for (let s = 0; s < SAMPLES; s++) {
    clock.advance(SAMPLE_EVERY_MS);
    for (const spec of SIM_INSTRUMENT_SPECS) {
      const symbol = spec.instrument.symbol;
      const books = venues.map((v) => v.book(symbol, DEPTH)!);
      if (scenario.recentre) {
        const midOf = (b: (typeof books)[number]) => (b.bids[0]![0] + b.asks[0]![0]) / 2;
        const shift = Math.round(midOf(books[0]!) - midOf(books[1]!));
        const shifted = (levels: [number, number][]) => levels.map(([p, q]) => [p + shift, q] as [number, number]);
        books[1] = { bids: shifted(books[1]!.bids), asks: shifted(books[1]!.asks) };
      }
      const routeVenues: RouteVenue[] = venues.map((v, i) => ({
        book: { ...books[i]!, stale: false },
        bookAt: clock.now(),
        takerBps: v.fees.takerBps,
        latencyMs: LATENCY_MS,
        maxBookAgeMs: MAX_BOOK_AGE_MS,
      }));
      const bid = Math.max(...routeVenues.map((r) => r.book.bids[0]?.[0] ?? -Infinity));
      const ask = Math.min(...routeVenues.map((r) => r.book.asks[0]?.[0] ?? Infinity));
      const mid = (bid + ask) / 2;
      for (const size of SIZES) {
        for (const side of SIDES) {
          const limit = side === 'buy' ? Math.ceil(mid * 1.02) : Math.floor(mid * 0.98);
          decisions.push({ at: clock.now(), symbol, size, side, qty: size * spec.market.baseLots, limit, venues: routeVenues });
        }
      }
    }
  }
  for (const v of venues) await v.disconnect();
  return { grids, decisions };
}

/** A clock the bench sets: the time of the snapshot being decided on. */
class DecisionClock implements Clock {
  t = 0;
  now(): number {
    return this.t;
  }
  setTimeout(): number {
    throw new Error('the router sets no timers');
  }
  setInterval(): number {
    throw new Error('the router sets no timers');
  }
  clearTimer(): void {}
}

interface Tally {
  n: number;
  router: number;
  first: number;
  bestTouch: number;
  hindsight: number;
  better: number;
  equal: number;
  worse: number;
}
const tally = (): Tally => ({ n: 0, router: 0, first: 0, bestTouch: 0, hindsight: 0, better: 0, equal: 0, worse: 0 });

async function runScenario(scenario: Scenario): Promise<void> {
  const { grids, decisions } = await collect(scenario);
  // Decisions are replayed after the market ran: this clock is set to each snapshot's time.
  const clock = new DecisionClock();
  const routers = new Map([...grids].map(([symbol, grid]) => [symbol, new SmartRouter(grid, { clock, depthHorizonMs: 1_000 })]));
  const bySymbolSize = new Map<string, Tally>();
  const all = tally();
  let skipped = 0;
  for (const d of decisions) {
    const grid = grids.get(d.symbol)!;
    clock.t = d.at;
    const plan = routers.get(d.symbol)!.plan({ side: d.side, qty: d.qty, limit: d.limit }, d.venues);
    if (!plan.ok) throw new Error(plan.error.message);
    const p = plan.value;
    const singles = d.venues.map((v, i) => singleSweep(grid, i, v.book, v.takerBps, d.side, d.qty, d.limit));
    if (p.plannedQty !== d.qty || p.arrivalMid === undefined || singles.some((s) => s === undefined)) {
      skipped++;
      continue;
    }
    const atMid = p.arrivalMid * d.qty * gridQuotePerTickLot(grid);
    const ours = d.side === 'buy' ? p.notional + p.fees : p.notional - p.fees;
    const touchOf = (i: number) => {
      const v = d.venues[i]!;
      const top = (d.side === 'buy' ? v.book.asks : v.book.bids)[0]![0];
      return top * (d.side === 'buy' ? 1 + v.takerBps / 1e4 : 1 - v.takerBps / 1e4);
    };
    const bestTouch = d.side === 'buy' ? (touchOf(0) <= touchOf(1) ? 0 : 1) : touchOf(0) >= touchOf(1) ? 0 : 1;
    const costs = singles.map((s) => shortfallBps(d.side, s!.amount, atMid));
    const r = shortfallBps(d.side, ours, atMid);
    const oursAdjusted = p.children.reduce((sum, ch) => sum + adjusted(d.side, ch.notional, d.venues[ch.venueIndex]!.takerBps), 0);
    const bestAdjusted = Math.min(...singles.map((s) => s!.adjusted));
    const key = `${d.symbol}\u0000${d.size}`;
    const t = bySymbolSize.get(key) ?? tally();
    bySymbolSize.set(key, t);
    for (const x of [t, all]) {
      x.n++;
      x.router += r;
      x.first += costs[0]!;
      x.bestTouch += costs[bestTouch]!;
      x.hindsight += Math.min(...costs);
      if (oursAdjusted < bestAdjusted) x.better++;
      else if (oursAdjusted > bestAdjusted) x.worse++;
      else x.equal++;
    }
  }

  console.log(`\n${scenario.name}`);
  console.log(`  ${decisions.length} orders (${SAMPLES} snapshots x ${SIM_INSTRUMENT_SPECS.length} instruments x ${SIZES.length} sizes x 2 sides), ${skipped} skipped (a venue's top ${DEPTH} levels could not fill)`);
  console.log('  mean shortfall vs consolidated arrival mid, fees included, bps (positive = cost):');
  console.log(`  ${'instrument'.padEnd(10)} ${'size'.padStart(6)} ${'orders'.padStart(7)} ${'router'.padStart(8)} ${'SIM-A'.padStart(8)} ${'best-touch'.padStart(11)} ${'hindsight'.padStart(10)}`);
  for (const [key, t] of bySymbolSize) {
    const [symbol, size] = key.split('\u0000');
    console.log(
      `  ${symbol!.padEnd(10)} ${`${size}x`.padStart(6)} ${String(t.n).padStart(7)} ${fmt(t.router / t.n, 2).padStart(8)} ${fmt(t.first / t.n, 2).padStart(8)} ${fmt(t.bestTouch / t.n, 2).padStart(11)} ${fmt(t.hindsight / t.n, 2).padStart(10)}`,
    );
  }
  console.log(
    `  all: router ${fmt(all.router / all.n, 2)} bps, first venue (SIM-A) ${fmt(all.first / all.n, 2)} bps, best-touch venue ${fmt(all.bestTouch / all.n, 2)} bps, best single venue in hindsight ${fmt(all.hindsight / all.n, 2)} bps`,
  );
  console.log(`  router vs the hindsight-best single venue, by exact fee-adjusted cost: lower on ${all.better}, equal on ${all.equal}, higher on ${all.worse} of ${all.n} orders`);

  // Decision cost: plan() alone, call by call, after a warm-up pass.
  for (const d of decisions) {
    clock.t = d.at;
    routers.get(d.symbol)!.plan({ side: d.side, qty: d.qty, limit: d.limit }, d.venues);
  }
  const samples = new Float64Array(decisions.length * 3);
  let k = 0;
  for (let round = 0; round < 3; round++) {
    for (const d of decisions) {
      const router = routers.get(d.symbol)!;
      clock.t = d.at;
      const t0 = nowNs();
      router.plan({ side: d.side, qty: d.qty, limit: d.limit }, d.venues);
      samples[k++] = Number(nowNs() - t0);
    }
  }
  const sorted = sortedCopy(samples);
  console.log(
    `  decision cost (SmartRouter.plan, 2 venues, ${DEPTH} levels a side): p50 ${fmt(percentile(sorted, 50) / 1000, 2)} µs, p99 ${fmt(percentile(sorted, 99) / 1000, 2)} µs over ${samples.length} decisions`,
  );
}

export async function runAlgoRouterBench(): Promise<void> {
  for (const s of SCENARIOS) await runScenario(s);
}
