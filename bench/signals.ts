/**
 * `npm run bench -- signals`: the order-flow model's walk-forward record on the simulated market.
 * 1. Drives the SIM venue on a simulated clock for 2 simulated hours of BTC-USDT (seed 42), samples the
 *    order-flow features every second, and runs the embargoed walk-forward (expanding window, 5 test
 *    folds after the first 40%, embargo = horizon) for 5 s and 30 s horizons: out-of-sample hit rate
 *    ± its binomial standard error, IC (pooled and per fold), base rate, the always-majority baseline.
 *    Whatever the numbers are, they are printed as they come: nothing is tuned on the test folds.
 * 2. The same for three more seeds, one line each, to show how much the figures move by chance.
 * 3. Throughput: the book pictures and trades of 20 simulated minutes, captured once, replayed through
 *    the feature computation (InstrumentAnalytics + trade-sign autocorrelation) with a feature snapshot
 *    and a prediction every simulated second: samples/s and events/s (CPU only, no venue).
 * The recorded Binance data (/work/shared/data/binance) has depth updates but no trades, so the trade
 * features (VPIN, Kyle's lambda, sign autocorrelation) cannot be computed from it: not used.
 */
import { SimulatedClock, type Side } from '../src/engine/core';
import {
  FEATURE_COUNT,
  FEATURE_NAMES,
  OrderFlowFeatures,
  OrderFlowPredictor,
  simulateOrderFlow,
  walkForward,
  type WalkForwardResult,
} from '../src/engine/signals';
import { createSimVenue, STEP_MS } from '../src/engine/venues';
import { fmt, nowNs } from './stats';

const HOURS = Number(process.env.SQ_BENCH_SIGNALS_HOURS ?? 2);
const HORIZONS_MS = [5_000, 30_000];

function pct(v: number, digits = 1): string {
  return `${fmt(v * 100, digits)}%`;
}

/**
 * The binomial SE assumes independent calls; 1 s samples of an N s move overlap, so the effective count
 * is nearer n·1s/N. Both are printed: the second is the honest width at long horizons.
 */
function line(r: WalkForwardResult): string {
  const nEff = Math.max(1, (r.hit.n * 1_000) / r.horizonMs);
  const seEff = Math.sqrt((r.hit.rate * (1 - r.hit.rate)) / nEff);
  return (
    `hit ${pct(r.hit.rate)} ± ${pct(r.hit.se)} (n ${r.hit.n}; ± ${pct(seEff)} counting one call per horizon), IC ${r.ic.toFixed(3)}, base rate up ${pct(r.baseRateUp)}, ` +
    `majority ${pct(r.majorityHit.rate)}, flat ${r.flat}/${r.testSamples}`
  );
}

async function capture(seed: number, durationMs: number): Promise<{ kind: number; ts: number; a: unknown; b: unknown; c?: Side }[]> {
  const clock = new SimulatedClock(Date.UTC(2026, 11, 7, 14, 0));
  const venue = createSimVenue({ clock, seed });
  const events: { kind: number; ts: number; a: unknown; b: unknown; c?: Side }[] = [];
  venue.onEvent((e) => {
    if (e.type === 'trade' && e.symbol === 'BTC-USDT') events.push({ kind: 1, ts: e.ts, a: e.price, b: e.qty, c: e.aggressor });
  });
  await venue.connect();
  const end = clock.now() + durationMs;
  while (clock.now() < end) {
    clock.advance(STEP_MS);
    await Promise.resolve();
    const book = venue.book('BTC-USDT', 5)!;
    events.push({ kind: 0, ts: clock.now(), a: book.bids, b: book.asks });
  }
  await venue.disconnect();
  return events;
}

export async function runSignalsBench(): Promise<void> {
  console.log(`Order-flow model, SIM BTC-USDT, ${HOURS} simulated h after a 10 min warm-up, 1 s samples, features: ${FEATURE_NAMES.join(', ')}`);
  console.log('logistic regression (standardised, L2 λ=1, Newton/IRLS), evaluated natively in TypeScript; flat moves excluded from fit and hit rate, kept in the IC');
  const t0 = nowNs();
  const data = await simulateOrderFlow({ seed: 42, durationMs: HOURS * 3_600_000 });
  const simS = Number(nowNs() - t0) / 1e9;
  console.log(`seed 42: ${data.n} samples (SIM run ${fmt(simS, 1)} s)`);
  let predictor: OrderFlowPredictor | undefined;
  for (const horizonMs of HORIZONS_MS) {
    const t1 = nowNs();
    const r = walkForward(data, { horizonMs, folds: 5 });
    const fitMs = Number(nowNs() - t1) / 1e6;
    console.log(`  horizon ${horizonMs / 1000} s, ${r.folds.length} folds, embargo ${r.embargoMs / 1000} s: ${line(r)}  [walk-forward ${fmt(fitMs, 0)} ms]`);
    console.log(`    per-fold IC: ${r.folds.map((f) => f.ic.toFixed(3)).join(' ')}; per-fold hit: ${r.folds.map((f) => pct(f.hit.rate, 0)).join(' ')}`);
    console.log(`    final weights: ${FEATURE_NAMES.map((n, k) => `${n} ${r.final.weights[k]!.toFixed(3)}`).join(', ')}`);
    if (horizonMs === HORIZONS_MS[0]) predictor = OrderFlowPredictor.fromWalkForward(r);
  }
  for (const seed of [1, 2, 3]) {
    const d = await simulateOrderFlow({ seed, durationMs: HOURS * 3_600_000 });
    for (const horizonMs of HORIZONS_MS) console.log(`  seed ${seed}, horizon ${horizonMs / 1000} s: ${line(walkForward(d, { horizonMs, folds: 5 }))}`);
  }

  // Throughput of the live path: features from raw events, snapshot, prediction.
  const events = await capture(42, 20 * 60_000);
  const row = new Float64Array(FEATURE_COUNT);
  let sink = 0;
  let samples = 0;
  const reps = 3;
  const t2 = nowNs();
  for (let rep = 0; rep < reps; rep++) {
    const f = new OrderFlowFeatures({ analytics: { vpin: { bucketVolume: 1_000, barMs: 5_000 } } });
    let nextSample = events[0]!.ts + 1_000;
    for (const e of events) {
      if (e.kind === 1) f.onTrade(e.a as number, e.b as number, e.c!, e.ts);
      else {
        f.onBook(e.a as [number, number][], e.b as [number, number][], e.ts);
        if (e.ts >= nextSample) {
          f.snapshot(row);
          sink += predictor!.predict(row).signal;
          samples++;
          nextSample += 1_000;
        }
      }
    }
  }
  const s = Number(nowNs() - t2) / 1e9;
  console.log(
    `throughput (features + prediction, 1 sample per simulated second, ${fmt(events.length / 1200, 0)} events per second of market): ` +
      `${fmt(samples / s, 0)} samples/s, ${fmt((events.length * reps) / s, 0)} events/s, ${fmt((s / samples) * 1e6, 1)} µs per sample` +
      (Number.isFinite(sink) ? '' : ' (non-finite signal!)'),
  );
  // Prediction alone, on a fixed row.
  const n = 1_000_000;
  const t3 = nowNs();
  for (let i = 0; i < n; i++) {
    row[0] = i & 1023;
    sink += predictor!.predict(row).pUp;
  }
  const ps = Number(nowNs() - t3) / 1e9;
  console.log(`prediction alone: ${fmt(n / ps, 0)} predictions/s (${fmt((ps / n) * 1e9, 0)} ns each)${Number.isFinite(sink) ? '' : ' !'}`);
}
