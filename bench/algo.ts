/**
 * `npm run bench -- algo`
 * The decision cost per market event of each execution algorithm (src/engine/algos), goal < 2 µs p99.
 *
 * One "event" is what ParentRunner.step does once the parent is running and the book is live: build
 * the decision input, ask the algorithm (decide() while nothing works; keep() while a GTC child
 * rests), and pass any child through the runtime's caps (capChild: what is left, participation, the
 * limit, an IOC that could take nothing). Sending the child is the OMS's cost (`npm run bench -- oms`)
 * and is not part of it: here a child "fills" at once (an IOC) or rests until keep() lets it go or a
 * print fills it, so every algorithm stays in its working regime for the whole run.
 *
 * The market is a seeded random walk of the top of book (bid moves by -1/0/+1 tick, spread 1-4 ticks,
 * sizes 1-400 lots) with a print of 1-50 lots on every event, 50 ms of engine clock apart: 20 events/s
 * on one instrument, the SIM's pace. Events are timed in batches of BATCH with process.hrtime.bigint();
 * p50/p99 are over the per-batch means (one decision is far under the timer's resolution).
 *
 * The machine is shared: when the kernel takes the CPU away mid-batch (another process's turn, a
 * scheduler tick of 4 ms), that batch's mean grows by 4 ms / BATCH = 4 µs per event that no code of
 * ours spent. Such batches are told apart by the main thread's involuntary context switches (read
 * outside the timed span) and left out of p50/p99, which are then the algorithm's own cost; they
 * are counted (`preempted`) and `p99 all` is over every batch, so the scheduler's share stays in view.
 * Everything our process does on the CPU stays in p99, garbage collection included (a scavenge runs on
 * this thread or makes it wait for its helpers: a voluntary wait, never a preemption); `gc` counts the
 * collections during the timed batches, with their total pause.
 *
 * Smart routing is timed the same way: its event is route() (SmartRouter.planReused over both venues'
 * books) and the runtime's caps on each child of the sweep (ParentRunner.sweep's: whole lots within what
 * is left, the limit, the venue's far touch), on books as the terminal gives them: two SIM venues
 * (createSimVenue, seeds 1 and 2, 5 bp taker, as the Terminal's simVenues) whose markets run on a
 * simulated clock, their 50-level books read every 50 ms (the book layer's buffer depth); Smart reads
 * its SMART_DEPTH of them, as it asks the book layer. The books are read before the run, so the copy
 * out of the book worker's shared buffer (the book layer's cost) is not in the figure.
 *
 * Sections: one per algorithm, each its own block below (TWAP, VWAP, POV, Iceberg, Peg, Implementation
 * Shortfall, Sniper, Smart). The router's shortfall against a naive single-venue sweep is appended by the
 * router's own section.
 */
import {
  capChild,
  createAlgorithm,
  farTouch,
  SMART_DEPTH,
  type AlgoParams,
  type AlgoQuote,
  type Algorithm,
  type ChildIntent,
  type DecisionInput,
  type RoutedIntent,
  type RouteMarket,
  type VenueBook,
} from '../src/engine/algos';
import { Rng, SimulatedClock, type Clock } from '../src/engine/core';
import { createSimVenue, SIM_INSTRUMENT_SPECS } from '../src/engine/venues';
import { existsSync, openSync, readSync } from 'node:fs';
import { GCProfiler } from 'node:v8';
import { fmt, nowNs, percentile, sortedCopy } from './stats';

const BATCH = 1_000;
const BATCHES = 2_000;
const WARM_BATCHES = 200;
const T0 = 1_700_000_000_000;
const STEP_MS = 50;
const TOTAL = 1_000_000;
const WINDOW_MS = BATCH * (BATCHES + WARM_BATCHES) * STEP_MS;

/** The market every algorithm sees: the same seeded walk for each. */
interface Tape {
  bid: Int32Array;
  spread: Int32Array;
  bidQty: Int32Array;
  askQty: Int32Array;
  print: Int32Array;
}

function tape(n: number, seed: number): Tape {
  const rng = new Rng(seed);
  const t: Tape = { bid: new Int32Array(n), spread: new Int32Array(n), bidQty: new Int32Array(n), askQty: new Int32Array(n), print: new Int32Array(n) };
  let bid = 950_000;
  for (let i = 0; i < n; i++) {
    bid += rng.int(-1, 1);
    t.bid[i] = bid;
    t.spread[i] = rng.int(1, 4);
    t.bidQty[i] = rng.int(1, 400);
    t.askQty[i] = rng.int(1, 400);
    t.print[i] = rng.int(1, 50);
  }
  return t;
}

interface Result {
  name: string;
  /** Over the batches the kernel did not preempt: the algorithm's own cost. */
  p50: number;
  p99: number;
  /** Over every batch, preempted ones included. */
  p99All: number;
  preempted: number;
  children: number;
  /** Collections during the timed batches, and their total pause (ms). */
  gcs: number;
  gcMs: number;
}

/**
 * How many times the kernel has taken the CPU from this (the main) thread. On Linux the thread's own
 * count (/proc/self/task/<pid>/status), so a V8 helper thread's preemption (a GC helper the main thread
 * waits for: our cost) never sets a batch apart; elsewhere the whole process's count from getrusage.
 */
const involuntarySwitches: () => number = (() => {
  const path = `/proc/self/task/${process.pid}/status`;
  if (!existsSync(path)) return () => process.resourceUsage().involuntaryContextSwitches;
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(4096);
  const key = Buffer.from('nonvoluntary_ctxt_switches:');
  // Parsed from the bytes: no string per read, so the probe itself makes no garbage for the GC count.
  return () => {
    const n = readSync(fd, buf, 0, buf.length, 0);
    let at = buf.indexOf(key);
    if (at < 0 || at >= n) return 0;
    at += key.length;
    while (buf[at] === 0x20 || buf[at] === 0x09) at++;
    let count = 0;
    for (let c = buf[at]!; c >= 0x30 && c <= 0x39; c = buf[++at]!) count = count * 10 + (c - 0x30);
    return count;
  };
})();

/** A clock the bench sets to the event's time (the router asks it how old each book is). */
class EventClock implements Clock {
  t = T0;
  now(): number {
    return this.t;
  }
  setTimeout(): number {
    throw new Error('the algos set no timers');
  }
  setInterval(): number {
    throw new Error('the algos set no timers');
  }
  clearTimer(): void {}
}

const SIM_VENUES = ['SIM-A', 'SIM-B'];
const SIM_BOOK_LEVELS = 50;
/**
 * 25.6 s of the SIM markets, cycled: 1.3 MB of levels, near the cache as the book the worker has just
 * written is; a 10 MB ring (4,096 snapshots) reads every event's levels from memory instead (p50
 * 1.4-1.6 µs in the runs that had it, against 1.3 µs).
 */
const SIM_SNAPSHOTS = 512;
const SIM_TAKER_BPS = 5;
/** An in-process venue: its round trip is well under a millisecond. */
const SIM_LATENCY_MS = 1;

/**
 * The SIM venues' books over time, as the terminal gives them to Smart (RouteMarket): one snapshot per
 * event (`at`), each venue's top SMART_DEPTH levels of its 50, current as of the event (bookAt = now).
 * The snapshots are kept flat, [snapshot][venue][bids, asks][level][price, qty], as the book worker's
 * shared buffer holds them, and book() copies the levels asked for out of it, as BookReader.readTop
 * does (here into one reused book per venue, so the copy is timed but the book layer's allocation of
 * new level arrays is not).
 */
interface SimBooks {
  market: RouteMarket;
  /** The snapshot shown: set by the event. */
  at: number;
  levels: Float64Array;
  /** [snapshot][venue][side]: levels held. */
  counts: Int32Array;
  /** The parent venue's touch per snapshot, as the event's quote. */
  tape: Tape;
}

const SNAPSHOT_STRIDE = SIM_VENUES.length * 2 * SMART_DEPTH * 2;

/** A venue's book read into reused level tuples (what readTop returns, without the allocation). */
function reusedBook(): VenueBook & { bids: [number, number][]; asks: [number, number][] } {
  const side = () => Array.from({ length: SMART_DEPTH }, (): [number, number] => [0, 0]);
  return { bids: side(), asks: side(), stale: false };
}

function readInto(sim: SimBooks, venue: number, out: ReturnType<typeof reusedBook>): VenueBook {
  for (let s = 0; s < 2; s++) {
    const side = s === 0 ? out.bids : out.asks;
    const count = sim.counts[(sim.at * SIM_VENUES.length + venue) * 2 + s]!;
    const base = sim.at * SNAPSHOT_STRIDE + (venue * 2 + s) * SMART_DEPTH * 2;
    for (let j = 0; j < count; j++) {
      const level = side[j]!;
      level[0] = sim.levels[base + 2 * j]!;
      level[1] = sim.levels[base + 2 * j + 1]!;
    }
    if (side.length !== count) throw new Error('the bench expects full SIM books');
  }
  return out;
}

async function simBooks(clock: EventClock): Promise<SimBooks> {
  const simClock = new SimulatedClock(T0);
  const venues = SIM_VENUES.map((id, i) => createSimVenue({ id, clock: simClock, seed: 1 + i, fees: { makerBps: 1, takerBps: SIM_TAKER_BPS } }));
  for (const v of venues) await v.connect();
  const spec = SIM_INSTRUMENT_SPECS[0]!.instrument;
  const n = SIM_SNAPSHOTS;
  const tape: Tape = { bid: new Int32Array(n), spread: new Int32Array(n), bidQty: new Int32Array(n), askQty: new Int32Array(n), print: new Int32Array(n) };
  const levels = new Float64Array(n * SNAPSHOT_STRIDE);
  const counts = new Int32Array(n * SIM_VENUES.length * 2);
  const rng = new Rng(2027);
  for (let k = 0; k < n; k++) {
    simClock.advance(STEP_MS);
    const snapshot = venues.map((v) => {
      const b = v.book(spec.symbol, SIM_BOOK_LEVELS)!;
      return { bids: b.bids.slice(0, SMART_DEPTH), asks: b.asks.slice(0, SMART_DEPTH) };
    });
    snapshot.forEach((b, v) =>
      [b.bids, b.asks].forEach((side, s) => {
        counts[(k * SIM_VENUES.length + v) * 2 + s] = side.length;
        side.forEach(([p, q], j) => {
          levels[k * SNAPSHOT_STRIDE + (v * 2 + s) * SMART_DEPTH * 2 + 2 * j] = p;
          levels[k * SNAPSHOT_STRIDE + (v * 2 + s) * SMART_DEPTH * 2 + 2 * j + 1] = q;
        });
      }),
    );
    const a = snapshot[0]!;
    tape.bid[k] = a.bids[0]![0];
    tape.spread[k] = a.asks[0]![0] - a.bids[0]![0];
    tape.bidQty[k] = a.bids[0]![1];
    tape.askQty[k] = a.asks[0]![1];
    tape.print[k] = rng.int(1, 50);
  }
  for (const v of venues) await v.disconnect();
  const read = SIM_VENUES.map(() => reusedBook());
  const sim: SimBooks = {
    at: 0,
    levels,
    counts,
    tape,
    market: {
      instrument: (venue, symbol) => venues.find((v) => v.id === venue)?.instruments().find((i) => i.symbol === symbol),
      book: (venue, _symbol, depth) => {
        if (depth !== SMART_DEPTH) throw new Error(`the bench holds ${SMART_DEPTH} levels, asked for ${depth}`);
        const v = venue === SIM_VENUES[0] ? 0 : 1;
        return readInto(sim, v, read[v]!);
      },
      bookAt: () => clock.now(),
      takerBps: () => SIM_TAKER_BPS,
      latencyMs: () => SIM_LATENCY_MS,
    },
  };
  return sim;
}

/** How an algorithm's parent is set up for the run: its limit (fixed, or this many ticks from the far touch), its cap. */
interface RunSpec {
  limitOffset?: number;
  fixedLimit?: number;
  maxParticipation?: number;
  side?: 'buy' | 'sell';
}

/** One algorithm's parent over the tape: its state as ParentRunner keeps it, advanced one event at a time. */
interface Run {
  name: string;
  algo: Algorithm;
  /** The market it sees: the shared walk, or (Smart) the SIM venues' touch. */
  tape: Tape;
  /** Smart: the venues' books, moved to the event's snapshot. */
  sim: SimBooks | undefined;
  /** The runner's scratch sweep (ParentRunner passes its own the same way). */
  routes: RoutedIntent[];
  side: 'buy' | 'sell';
  limitOffset: number | undefined;
  maxParticipation: number | undefined;
  quote: AlgoQuote;
  input: DecisionInput;
  /** The runner's scratch for the capped child (ParentRunner.step passes its own the same way). */
  capped: ChildIntent;
  restingPrice: number;
  children: number;
  /** Events seen (the tape position). */
  at: number;
}

function newRun(name: string, params: AlgoParams, spec: RunSpec, market: Tape, sim?: SimBooks): Run {
  const side = spec.side ?? 'buy';
  const quote: AlgoQuote = { bid: 0, bidQty: 0, ask: 0, askQty: 0, stale: false };
  const ctx = sim ? { market: sim.market, clock, venue: SIM_VENUES[0]!, symbol: SIM_INSTRUMENT_SPECS[0]!.instrument.symbol } : undefined;
  return {
    name,
    algo: createAlgorithm(params, T0, T0 + WINDOW_MS, 7, ctx),
    tape: market,
    sim,
    routes: [],
    side,
    limitOffset: spec.limitOffset,
    maxParticipation: spec.maxParticipation,
    quote,
    input: { now: T0, side, total: TOTAL, done: 0, open: 0, quote, limit: spec.fixedLimit, marketVolume: 0, startAt: T0, endAt: T0 + WINDOW_MS },
    capped: { qty: 0, price: 0, tif: 'IOC' },
    restingPrice: 0,
    children: 0,
    at: 0,
  };
}

/**
 * One market event for one parent, as the runtime handles it. One function for every algorithm, as
 * ParentRunner.step is one method for every parent: its call sites see every algorithm, as in the engine.
 */
function event(run: Run): void {
  const market = run.tape;
  const k = run.at++ % market.bid.length;
  const quote = run.quote;
  const input = run.input;
  quote.bid = market.bid[k]!;
  quote.ask = quote.bid + market.spread[k]!;
  quote.bidQty = market.bidQty[k]!;
  quote.askQty = market.askQty[k]!;
  input.now += STEP_MS;
  clock.t = input.now;
  if (run.sim) run.sim.at = k;
  input.marketVolume += market.print[k]!;
  if (run.limitOffset !== undefined) input.limit = run.side === 'buy' ? quote.ask + run.limitOffset : quote.bid - run.limitOffset;
  const algo = run.algo;
  if (input.open > 0) {
    // A resting child: the print fills it when it is at the touch, or the algorithm lets it go.
    if (run.restingPrice >= quote.bid && (k & 3) === 0) {
      input.done += input.open;
      input.open = 0;
      if (input.done >= TOTAL) input.done = 0; // start over: stay in the working regime
    } else if (algo.keep && !algo.keep(input, run.restingPrice, input.open)) {
      input.open = 0;
    }
    return;
  }
  if (algo.route) return sweep(run, algo.route(input, run.routes));
  const intent: ChildIntent | undefined = algo.decide(input);
  const child = intent && capChild(intent, input, run.maxParticipation, run.capped);
  if (!child) return;
  run.children++;
  if (child.tif === 'IOC') input.done += child.qty;
  else {
    input.open = child.qty;
    run.restingPrice = child.price;
  }
  if (input.done >= TOTAL) input.done = 0; // start over: stay in the working regime
}

/**
 * A routed sweep's caps, as ParentRunner.sweep applies them child by child: one child per venue, whole
 * venue lots within what is left, never through the limit, only at a venue whose far touch it takes.
 * Every child is an IOC and "fills" at once.
 */
function sweep(run: Run, intents: readonly RoutedIntent[]): void {
  const input = run.input;
  const sim = run.sim!;
  let left = input.total - input.done - input.open;
  for (let i = 0; i < intents.length; i++) {
    const it = intents[i]!;
    if (left <= 0) return;
    let earlier = false;
    for (let j = 0; j < i; j++) if (intents[j]!.venue === it.venue) earlier = true;
    if (earlier) continue;
    const u = it.venue === SIM_VENUES[0] ? SAME_UNITS : run.algo.units?.(it.venue);
    if (!u || !Number.isSafeInteger(it.qty) || !Number.isSafeInteger(it.price) || it.price <= 0) continue;
    const lots = Math.min(it.qty, Math.floor(left / u.qtyFactor));
    if (lots <= 0) continue;
    const gridPrice = it.price * u.priceFactor;
    if (input.limit !== undefined && (input.side === 'buy' ? gridPrice > input.limit : gridPrice < input.limit)) continue;
    // The venue's quote as the runner reads it (BookSource.quote: the touch of the shared buffer).
    const v = it.venue === SIM_VENUES[0] ? 0 : 1;
    const base = sim.at * SNAPSHOT_STRIDE + v * 2 * SMART_DEPTH * 2;
    venueQuote.bid = sim.levels[base]!;
    venueQuote.ask = sim.levels[base + SMART_DEPTH * 2]!;
    const far = farTouch(venueQuote, input.side);
    if (!Number.isFinite(far) || (input.side === 'buy' ? it.price < far : it.price > far)) continue;
    run.children++;
    input.done += lots * u.qtyFactor;
    left -= lots * u.qtyFactor;
  }
  if (input.done >= TOTAL) input.done = 0; // start over: stay in the working regime
}

const SAME_UNITS = { priceFactor: 1, qtyFactor: 1 } as const;
/** The far touch of a routed child's venue, read as the runner reads its quote. */
const venueQuote: AlgoQuote = { bid: 0, bidQty: 0, ask: 0, askQty: 0, stale: false };
const clock = new EventClock();

function batch(run: Run): void {
  for (let e = 0; e < BATCH; e++) event(run);
}

/** Times BATCHES batches of one parent's events (after the shared warm-up). */
function measure(run: Run): Result {
  const samples = new Float64Array(BATCHES);
  const own = new Float64Array(BATCHES);
  let kept = 0;
  const gc = new GCProfiler();
  gc.start();
  for (let b = 0; b < BATCHES; b++) {
    const switches = involuntarySwitches();
    const t0 = nowNs();
    batch(run);
    samples[b] = Number(nowNs() - t0) / BATCH;
    if (involuntarySwitches() === switches) own[kept++] = samples[b]!;
  }
  const collections = gc.stop().statistics;
  const sorted = sortedCopy(own.subarray(0, kept));
  return {
    name: run.name,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    p99All: percentile(sortedCopy(samples), 99),
    preempted: BATCHES - kept,
    children: run.children,
    gcs: collections.length,
    gcMs: collections.reduce((a, c) => a + c.cost, 0) / 1000,
  };
}

/** The tape's own cost (the same event loop with no algorithm): subtracted from nothing, printed for scale. */
function baseline(market: Tape): number {
  const samples = new Float64Array(BATCHES);
  let i = 0;
  let sink = 0;
  for (let b = 0; b < BATCHES; b++) {
    const t0 = nowNs();
    for (let e = 0; e < BATCH; e++) {
      const k = i++ % market.bid.length;
      sink += market.bid[k]! + market.spread[k]! + market.print[k]!;
    }
    samples[b] = Number(nowNs() - t0) / BATCH;
  }
  if (sink === 42) console.log('');
  return percentile(sortedCopy(samples), 50);
}

export async function runAlgoBench(): Promise<void> {
  const market = tape(1 << 16, 2026);
  const runs: Run[] = [];

  console.log(`decision cost per market event (ns), ${fmt(BATCHES * BATCH)} events per algo in batches of ${fmt(BATCH)}; goal p99 < 2,000 ns`);
  console.log(`tape baseline (reading the event, no algorithm): ${fmt(baseline(market), 1)} ns`);

  // ── TWAP ────────────────────────────────────────────────────────────────────────────────────────
  // 10,000 randomised slices over the window: each event is a binary search of the schedule plus the caps.
  runs.push(newRun('TWAP', { type: 'twap', slices: 10_000, sizeJitter: 0.3, timeJitter: 0.5 }, { limitOffset: 2 }, market));

  // ── VWAP ────────────────────────────────────────────────────────────────────────────────────────
  // A 390-bucket intraday profile (one per minute of a session), U-shaped.
  const profile = Array.from({ length: 390 }, (_, m) => 1 + 3 * ((m - 195) / 195) ** 2);
  runs.push(newRun('VWAP', { type: 'vwap', profile }, { limitOffset: 2 }, market));

  // ── POV ─────────────────────────────────────────────────────────────────────────────────────────
  // 10% of volume within 5-15%: passive at the near touch, crossing when behind.
  runs.push(newRun('POV', { type: 'pov', rate: 0.1, minRate: 0.05, maxRate: 0.15 }, { maxParticipation: 0.2 }, market));

  // ── Iceberg ─────────────────────────────────────────────────────────────────────────────────────
  // Display 50 ± 25% at a limit one tick inside the ask.
  runs.push(newRun('Iceberg', { type: 'iceberg', display: 50, displayJitter: 0.25 }, { limitOffset: -1 }, market));

  // ── Peg ─────────────────────────────────────────────────────────────────────────────────────────
  // Mid peg, one tick passive, limit 3 ticks over the ask: re-placed on every move of the mid.
  runs.push(newRun('Peg', { type: 'peg', reference: 'mid', offset: -1 }, { limitOffset: 3 }, market));

  // ── Implementation Shortfall ────────────────────────────────────────────────────────────────────
  // Almgren–Chriss trajectory over 5,000 slices, front-loaded: λ chosen so that κT ≈ 4 (κ̃² = λσ²/η).
  const T = WINDOW_MS / 1000;
  const riskAversion = ((4 / T) ** 2 * 0.01) / 0.5 ** 2;
  runs.push(newRun('Shortfall', { type: 'shortfall', slices: 5_000, riskAversion, volatility: 0.5, impact: 0.01 }, { limitOffset: 2 }, market));

  // ── Sniper ──────────────────────────────────────────────────────────────────────────────────────
  // Takes the displayed ask whenever it is at or under a fixed limit the walk keeps crossing.
  runs.push(newRun('Sniper', { type: 'sniper' }, { fixedLimit: market.bid[0]! + 2 }, market));

  // ── Smart ───────────────────────────────────────────────────────────────────────────────────────
  // A buy at SIM-A routed over SIM-A and SIM-B, limit 5 ticks over SIM-A's ask: every event plans what is
  // left over both books and sweeps what the plan takes (the parent never runs out: TOTAL, started over).
  const sim = await simBooks(clock);
  runs.push(newRun('Smart', { type: 'smart', venues: SIM_VENUES }, { limitOffset: 5 }, sim.tape, sim));

  // Warm-up, every parent in turn, so that the shared code has seen every algorithm (and been compiled
  // for all of them, as in an engine running several) before any is timed; then each is timed alone.
  for (let b = 0; b < WARM_BATCHES; b++) for (const run of runs) batch(run);
  const results = runs.map((run) => measure(run));

  console.log('');
  console.log('p50/p99 over the batches the kernel did not preempt; p99 all over every batch; gc: collections during the timed batches (total pause)');
  console.log(`${'algo'.padEnd(12)}${'p50 ns'.padStart(10)}${'p99 ns'.padStart(10)}${'p99 all'.padStart(10)}${'preempted'.padStart(11)}${'gc'.padStart(14)}${'children'.padStart(12)}  goal`);
  for (const r of results) {
    const gc = `${r.gcs} (${fmt(r.gcMs, 1)} ms)`;
    const preempted = `${r.preempted}/${fmt(BATCHES)}`;
    console.log(`${r.name.padEnd(12)}${fmt(r.p50, 1).padStart(10)}${fmt(r.p99, 1).padStart(10)}${fmt(r.p99All, 1).padStart(10)}${preempted.padStart(11)}${gc.padStart(14)}${fmt(r.children).padStart(12)}  ${r.p99 < 2_000 ? 'met' : 'MISSED'}`);
  }

  // The router's part: its plans' shortfall against a naive single-venue sweep on the same books, both printed
  // (the same section `npm run bench -- algoRouter` prints alone).
  console.log('');
  console.log('smart router (SIM-A/SIM-B books): shortfall vs a naive single-venue sweep');
  await (await import('./algoRouter')).runAlgoRouterBench();
}
