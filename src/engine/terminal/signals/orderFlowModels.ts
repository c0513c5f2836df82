/**
 * The order-flow model of each instrument the trader looks at (and the SIM's BTC-USDT at least; the desk drops one
 * nothing has looked at for a grace period, orderFlowRetention.ts): its
 * features fed the same 20 Hz book pictures and trades the terminal's analytics get (AnalyticsFeed's
 * tap, not a second reader loop), a sample recorded every second, a walk-forward fit once
 * MIN_TRAINING_MS of samples are in, again every RETRAIN_MS and on demand, and a live prediction every
 * second into the aggregator. The record shown is walk-forward's (never scored on what it was fitted on).
 *
 * Cost, measured on the 2-core VM (walkForward, 5 folds, simulated BTC-USDT): 1,200 samples 14-54 ms
 * (the first fit pays for the JIT), 3,600 samples 57-92 ms, 7,200 samples 85-199 ms. So a fit runs inline
 * on the last MAX_SAMPLES (40 minutes, ~30-50 ms): the model follows the recent market, and the engine
 * thread never stops for long. Older samples are dropped from memory.
 */
import type { BookLevels } from '../../analytics';
import type { Clock, Logger, Side, TimerId } from '../../core';
import {
  DatasetRecorder, FEATURE_COUNT, OrderFlowFeatures, OrderFlowPredictor, walkForward,
  type OrderFlowDataset,
} from '../../signals';
import type { OrderFlowModelView } from './signalsView';

/** Samples (1 s apart) before the first fit: 20 minutes. */
export const MIN_TRAINING_SAMPLES = 1_200;
export const SAMPLE_MS = 1_000;
export const HORIZON_MS = 10_000;
export const RETRAIN_MS = 30 * 60_000;
/** The last 40 minutes of samples are fitted (see the cost above); older ones are dropped. */
const MAX_SAMPLES = 2_400;

interface Model {
  venue: string;
  symbol: string;
  features: OrderFlowFeatures;
  recorder: DatasetRecorder;
  /** The newest samples of earlier recorders (rotated every MAX_SAMPLES rows so memory stays bounded). */
  carry?: OrderFlowDataset;
  predictor?: OrderFlowPredictor;
  trainedAt?: number;
  data?: 'live' | 'simulated';
  trainedSamples?: number;
  lastFitAt?: number;
  lastFitError?: string;
  last?: { pUp: number; signal: number };
}

export interface OrderFlowModelsOptions {
  clock: Clock;
  logger: Logger;
  /** VPIN's bucket volume for an instrument (a minute of its volume). */
  bucketVolume(venue: string, symbol: string): number;
  /** Each live prediction, for the aggregator. */
  predicted(symbol: string, signal: number, ts: number): void;
}

export class OrderFlowModels {
  private readonly models = new Map<string, Model>();
  private readonly row = new Float64Array(FEATURE_COUNT);
  private timer: TimerId | undefined;

  constructor(private readonly o: OrderFlowModelsOptions) {}

  start(): void {
    this.timer = this.o.clock.setInterval(() => this.tick(), SAMPLE_MS);
  }

  stop(): void {
    if (this.timer !== undefined) this.o.clock.clearTimer(this.timer);
    this.timer = undefined;
  }

  /** Follows an instrument (idempotent). One model per canonical symbol: the first venue asked keeps it. */
  follow(venue: string, symbol: string): void {
    if (this.models.has(symbol)) return;
    const features = new OrderFlowFeatures({ analytics: { vpin: { bucketVolume: Math.max(1, this.o.bucketVolume(venue, symbol)) } } });
    this.models.set(symbol, { venue, symbol, features, recorder: new DatasetRecorder(features, SAMPLE_MS) });
  }

  followed(symbol: string): boolean {
    return this.models.has(symbol);
  }

  /** The symbols followed now. */
  symbols(): string[] {
    return [...this.models.keys()];
  }

  /** Stops following (its samples and fit go with it); true when it was followed. */
  unfollow(symbol: string): boolean {
    return this.models.delete(symbol);
  }

  onBook(venue: string, symbol: string, bids: BookLevels, asks: BookLevels, ts: number): void {
    const m = this.models.get(symbol);
    if (m && m.venue === venue) m.features.onBook(bids, asks, ts);
  }

  onTrade(venue: string, symbol: string, price: number, qty: number, aggressor: Side, ts: number): void {
    const m = this.models.get(symbol);
    if (m && m.venue === venue) m.features.onTrade(price, qty, aggressor, ts);
  }

  /** A model trained elsewhere (the SIM's simulated market at start): used until live data retrains it. */
  adopt(symbol: string, data: OrderFlowDataset): void {
    const m = this.models.get(symbol);
    if (!m) return;
    this.fitOn(m, data, 'simulated');
  }

  /** Fits now on what has been recorded; refused (the view says why) with too few samples. */
  train(symbol: string): OrderFlowModelView {
    const m = this.models.get(symbol);
    if (!m) return { state: 'unavailable', instrument: symbol, reason: `no order-flow model follows ${symbol} (focus it first)` };
    if (this.samples(m) < MIN_TRAINING_SAMPLES) return this.view(symbol);
    this.fitOn(m, this.trimmed(m), 'live');
    return this.view(symbol);
  }

  view(symbol: string): OrderFlowModelView {
    const m = this.models.get(symbol);
    if (!m) return { state: 'unavailable', instrument: symbol, reason: `no order-flow model follows ${symbol} (focus it first)` };
    if (!m.predictor) {
      if (m.lastFitError && this.samples(m) >= MIN_TRAINING_SAMPLES) return { state: 'unavailable', instrument: symbol, reason: m.lastFitError };
      return { state: 'collecting', instrument: symbol, venue: m.venue, samples: this.samples(m), samplesNeeded: MIN_TRAINING_SAMPLES, horizonMs: HORIZON_MS };
    }
    return {
      state: 'trained', instrument: symbol, venue: m.venue, trainedAt: m.trainedAt!, data: m.data!, samples: m.trainedSamples!,
      stats: m.predictor.stats, ...(m.last ? { pUp: m.last.pUp, signal: m.last.signal } : {}),
    };
  }

  private samples(m: Model): number {
    return Math.min(MAX_SAMPLES, (m.carry?.n ?? 0) + m.recorder.length);
  }

  private tick(): void {
    const now = this.o.clock.now();
    for (const m of this.models.values()) {
      m.recorder.record(now);
      if (m.recorder.length >= MAX_SAMPLES) {
        m.carry = this.trimmed(m);
        m.recorder = new DatasetRecorder(m.features, SAMPLE_MS);
      }
      if (m.predictor) {
        const mid = m.features.snapshot(this.row);
        if (mid === undefined) delete m.last;
        else {
          const p = m.predictor.predict(this.row);
          m.last = { pUp: p.pUp, signal: p.signal };
          this.o.predicted(m.symbol, p.signal, now);
        }
      }
      // First fit as soon as enough samples exist, then every RETRAIN_MS (a model adopted from simulated
      // data is replaced by a live one the same way).
      const enough = this.samples(m) >= MIN_TRAINING_SAMPLES;
      if (enough && (m.lastFitAt === undefined || now - m.lastFitAt >= RETRAIN_MS)) this.fitOn(m, this.trimmed(m), 'live');
    }
  }

  /** The carried and recorded samples, the oldest dropped beyond MAX_SAMPLES. */
  private trimmed(m: Model): OrderFlowDataset {
    const d = concat(m.carry, m.recorder.dataset());
    if (d.n <= MAX_SAMPLES) return d;
    const from = d.n - MAX_SAMPLES;
    return { n: MAX_SAMPLES, sampleMs: d.sampleMs, times: d.times.slice(from), mids: d.mids.slice(from), features: d.features.slice(from * FEATURE_COUNT) };
  }

  private fitOn(m: Model, data: OrderFlowDataset, source: 'live' | 'simulated'): void {
    const now = this.o.clock.now();
    m.lastFitAt = now;
    const t0 = performance.now();
    try {
      const result = walkForward(data, { horizonMs: HORIZON_MS });
      m.predictor = OrderFlowPredictor.fromWalkForward(result);
      m.trainedAt = now;
      m.data = source;
      m.trainedSamples = data.n;
      delete m.lastFitError;
      this.o.logger.info({ symbol: m.symbol, samples: data.n, data: source, hitRate: result.hit.rate, ic: result.ic, fitMs: Math.round(performance.now() - t0) }, 'order-flow model fitted (walk-forward)');
    } catch (error) {
      // A market that never moved cannot be fitted: the model keeps collecting and says why.
      m.lastFitError = `not fitted: ${error instanceof Error ? error.message : String(error)}`;
      this.o.logger.warn({ symbol: m.symbol, samples: data.n, reason: m.lastFitError }, 'order-flow model not fitted');
    }
  }
}

function concat(a: OrderFlowDataset | undefined, b: OrderFlowDataset): OrderFlowDataset {
  if (!a || a.n === 0) return b;
  const join = (x: Float64Array, y: Float64Array) => {
    const out = new Float64Array(x.length + y.length);
    out.set(x);
    out.set(y, x.length);
    return out;
  };
  return { n: a.n + b.n, sampleMs: b.sampleMs, times: join(a.times, b.times), mids: join(a.mids, b.mids), features: join(a.features, b.features) };
}
