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
 * Sections: one per algorithm, each its own block below (TWAP, VWAP, POV, Iceberg, Peg, Implementation
 * Shortfall, Sniper). The router's shortfall against a naive single-venue sweep is appended by the
 * router's own section.
 */
import { capChild, createAlgorithm, type AlgoParams, type AlgoQuote, type Algorithm, type ChildIntent, type DecisionInput } from '../src/engine/algos';
import { Rng } from '../src/engine/core';
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
  p50: number;
  p99: number;
  children: number;
}

/** Runs one algorithm over the tape as the runtime would, timing each batch of BATCH events. */
function measure(name: string, params: AlgoParams, spec: { limitOffset?: number; fixedLimit?: number; maxParticipation?: number; side?: 'buy' | 'sell' }, market: Tape): Result {
  const algo: Algorithm = createAlgorithm(params, T0, T0 + WINDOW_MS, 7);
  const side = spec.side ?? 'buy';
  const quote: AlgoQuote = { bid: 0, bidQty: 0, ask: 0, askQty: 0, stale: false };
  const input: DecisionInput = { now: T0, side, total: TOTAL, done: 0, open: 0, quote, limit: spec.fixedLimit, marketVolume: 0, startAt: T0, endAt: T0 + WINDOW_MS };
  let restingPrice = 0;
  let children = 0;
  const samples = new Float64Array(BATCHES);
  let i = 0;
  const event = (): void => {
    const k = i++ % market.bid.length;
    quote.bid = market.bid[k]!;
    quote.ask = quote.bid + market.spread[k]!;
    quote.bidQty = market.bidQty[k]!;
    quote.askQty = market.askQty[k]!;
    input.now += STEP_MS;
    input.marketVolume += market.print[k]!;
    if (spec.limitOffset !== undefined) input.limit = side === 'buy' ? quote.ask + spec.limitOffset : quote.bid - spec.limitOffset;
    if (input.open > 0) {
      // A resting child: the print fills it when it is at the touch, or the algorithm lets it go.
      if (restingPrice >= quote.bid && (k & 3) === 0) {
        input.done += input.open;
        input.open = 0;
        if (input.done >= TOTAL) input.done = 0; // start over: stay in the working regime
      } else if (algo.keep && !algo.keep(input, restingPrice, input.open)) {
        input.open = 0;
      }
      return;
    }
    const intent: ChildIntent | undefined = algo.decide(input);
    const child = intent && capChild(intent, input, spec.maxParticipation);
    if (!child) return;
    children++;
    if (child.tif === 'IOC') input.done += child.qty;
    else {
      input.open = child.qty;
      restingPrice = child.price;
    }
    if (input.done >= TOTAL) input.done = 0; // start over: stay in the working regime
  };
  for (let b = 0; b < WARM_BATCHES; b++) for (let e = 0; e < BATCH; e++) event();
  for (let b = 0; b < BATCHES; b++) {
    const t0 = nowNs();
    for (let e = 0; e < BATCH; e++) event();
    samples[b] = Number(nowNs() - t0) / BATCH;
  }
  const sorted = sortedCopy(samples);
  return { name, p50: percentile(sorted, 50), p99: percentile(sorted, 99), children };
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
  const results: Result[] = [];
  console.log(`decision cost per market event (ns), ${fmt(BATCHES * BATCH)} events per algo in batches of ${fmt(BATCH)}; goal p99 < 2,000 ns`);
  console.log(`tape baseline (reading the event, no algorithm): ${fmt(baseline(market), 1)} ns`);

  // ── TWAP ────────────────────────────────────────────────────────────────────────────────────────
  // 10,000 randomised slices over the window: each event is a binary search of the schedule plus the caps.
  results.push(measure('TWAP', { type: 'twap', slices: 10_000, sizeJitter: 0.3, timeJitter: 0.5 }, { limitOffset: 2 }, market));

  // ── VWAP ────────────────────────────────────────────────────────────────────────────────────────
  // A 390-bucket intraday profile (one per minute of a session), U-shaped.
  const profile = Array.from({ length: 390 }, (_, m) => 1 + 3 * ((m - 195) / 195) ** 2);
  results.push(measure('VWAP', { type: 'vwap', profile }, { limitOffset: 2 }, market));

  // ── POV ─────────────────────────────────────────────────────────────────────────────────────────
  // 10% of volume within 5-15%: passive at the near touch, crossing when behind.
  results.push(measure('POV', { type: 'pov', rate: 0.1, minRate: 0.05, maxRate: 0.15 }, { maxParticipation: 0.2 }, market));

  // ── Iceberg ─────────────────────────────────────────────────────────────────────────────────────
  // Display 50 ± 25% at a limit one tick inside the ask.
  results.push(measure('Iceberg', { type: 'iceberg', display: 50, displayJitter: 0.25 }, { limitOffset: -1 }, market));

  // ── Peg ─────────────────────────────────────────────────────────────────────────────────────────
  // Mid peg, one tick passive, limit 3 ticks over the ask: re-placed on every move of the mid.
  results.push(measure('Peg', { type: 'peg', reference: 'mid', offset: -1 }, { limitOffset: 3 }, market));

  // ── Implementation Shortfall ────────────────────────────────────────────────────────────────────
  // Almgren–Chriss trajectory over 5,000 slices, front-loaded: λ chosen so that κT ≈ 4 (κ̃² = λσ²/η).
  const T = WINDOW_MS / 1000;
  const riskAversion = ((4 / T) ** 2 * 0.01) / 0.5 ** 2;
  results.push(measure('Shortfall', { type: 'shortfall', slices: 5_000, riskAversion, volatility: 0.5, impact: 0.01 }, { limitOffset: 2 }, market));

  // ── Sniper ──────────────────────────────────────────────────────────────────────────────────────
  // Takes the displayed ask whenever it is at or under a fixed limit the walk keeps crossing.
  results.push(measure('Sniper', { type: 'sniper' }, { fixedLimit: market.bid[0]! + 2 }, market));

  console.log('');
  console.log(`${'algo'.padEnd(12)}${'p50 ns'.padStart(10)}${'p99 ns'.padStart(10)}${'children'.padStart(12)}  goal`);
  for (const r of results) {
    console.log(`${r.name.padEnd(12)}${fmt(r.p50, 1).padStart(10)}${fmt(r.p99, 1).padStart(10)}${fmt(r.children).padStart(12)}  ${r.p99 < 2_000 ? 'met' : 'MISSED'}`);
  }

  // The router's part: its plans' shortfall against a naive single-venue sweep on the same books, both printed
  // (the same section `npm run bench -- algoRouter` prints alone).
  console.log('');
  console.log('smart router (SIM-A/SIM-B books): shortfall vs a naive single-venue sweep');
  await (await import('./algoRouter')).runAlgoRouterBench();
}
