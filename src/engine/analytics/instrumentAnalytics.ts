import type { Lots, Side, Ticks } from '../core';
import type { AnalyticsValues } from './analyticsValues';
import { computeBookShape, type BookLevels, type BookShape } from './bookShape';
import { KyleLambda, type KyleLambdaOptions } from './kyleLambda';
import { OrderFlowImbalance, type OfiWindow } from './orderFlowImbalance';
import { PinEstimator, type PinEstimatorOptions } from './pinEstimator';
import { RealisedVolatility, type RealisedVolatilityOptions } from './realisedVolatility';
import { Vpin, type VpinOptions } from './vpin';

export interface InstrumentAnalyticsOptions {
  /** Levels per side in the depth imbalance (default 5). */
  imbalanceLevels?: number;
  /** OFI window (default the last 10 s, the interval CKS 2014 regress on). */
  ofiWindow?: OfiWindow;
  /** VPIN: the bucket volume is instrument-specific and has no sensible default. */
  vpin: VpinOptions;
  kyle?: KyleLambdaOptions;
  realisedVol?: RealisedVolatilityOptions;
  pin?: PinEstimatorOptions;
}

/**
 * Microstructure analytics of one instrument, updated incrementally from book pictures and trades.
 * Pure and deterministic: timestamps (ms) come with each call, there is no clock and no randomness, so
 * a backtest replays to the same numbers. A timestamp older than one already seen is treated as that
 * one (time never runs backwards here).
 *
 * Cost: onBook is O(imbalanceLevels) plus O(1) amortised; onTrade is O(1) amortised, except that a
 * trade (or book picture) that closes a PIN period triggers the maximum-likelihood re-estimation
 * (milliseconds; once per period) and one that closes a VPIN bar fills at most n buckets.
 * values() is O(1) and allocates the returned object only.
 */
export class InstrumentAnalytics {
  // Settings below start as 0 and are set in the constructor: a bare field starts undefined, and V8 then
  // keeps it as any value, checked on every per-event read.
  readonly imbalanceLevels: number = 0;
  private readonly shape: BookShape = {};
  private readonly ofi: OrderFlowImbalance;
  private readonly vpin: Vpin;
  private readonly kyle: KyleLambda;
  private readonly rv: RealisedVolatility;
  private readonly pin: PinEstimator;
  private now = -Infinity;

  constructor(opts: InstrumentAnalyticsOptions) {
    this.imbalanceLevels = opts.imbalanceLevels ?? 5;
    if (!Number.isInteger(this.imbalanceLevels) || this.imbalanceLevels < 1) {
      throw new RangeError(`imbalanceLevels must be a positive integer, got ${this.imbalanceLevels}`);
    }
    this.ofi = new OrderFlowImbalance(opts.ofiWindow ?? { ms: 10_000 });
    this.vpin = new Vpin(opts.vpin);
    this.kyle = new KyleLambda(opts.kyle);
    this.rv = new RealisedVolatility(opts.realisedVol);
    this.pin = new PinEstimator(opts.pin);
  }

  /** A picture of the book, best level first on each side (as BookReader delivers it). */
  onBook(bids: BookLevels, asks: BookLevels, ts: number): void {
    const t = this.tick(ts);
    computeBookShape(bids, asks, this.imbalanceLevels, this.shape);
    const bid = bids[0];
    const ask = asks[0];
    const twoSided = bid !== undefined && ask !== undefined;
    this.ofi.onTop(twoSided ? bid[0] : undefined, twoSided ? bid[1] : 0, twoSided ? ask[0] : undefined, twoSided ? ask[1] : 0, t);
    this.kyle.onMid(this.shape.mid, t);
    this.rv.onMid(this.shape.mid, t);
    this.vpin.advance(t);
    this.pin.advance(t);
  }

  /** A public trade; `aggressor` is the side of the taker. Zero or negative quantities are ignored. */
  onTrade(price: Ticks, qty: Lots, aggressor: Side, ts: number): void {
    const t = this.tick(ts);
    this.ofi.advance(t);
    this.rv.advance(t);
    if (!(qty > 0)) {
      this.kyle.advance(t);
      this.vpin.advance(t);
      this.pin.advance(t);
      return;
    }
    this.kyle.onTrade(qty, aggressor, t);
    this.vpin.onTrade(price, qty, t);
    this.pin.onTrade(aggressor, t);
  }

  /** Forgets the PIN history, e.g. after a known feed outage (its zero-trade periods would be fiction). */
  resetPin(): void {
    this.pin.reset();
  }

  values(): AnalyticsValues {
    const out: AnalyticsValues = { imbalanceLevels: this.imbalanceLevels };
    setIfFinite(out, 'spread', this.shape.spread);
    setIfFinite(out, 'mid', this.shape.mid);
    setIfFinite(out, 'microprice', this.shape.microprice);
    setIfFinite(out, 'imbalance', this.shape.imbalance);
    setIfFinite(out, 'ofi', this.ofi.value());
    setIfFinite(out, 'vpin', this.vpin.value());
    setIfFinite(out, 'kyleLambda', this.kyle.value());
    setIfFinite(out, 'pin', this.pin.value());
    setIfFinite(out, 'realisedVol', this.rv.value());
    return out;
  }

  private tick(ts: number): number {
    if (ts > this.now) this.now = ts;
    return this.now;
  }
}

type NumericKey = Exclude<keyof AnalyticsValues, 'imbalanceLevels'>;

/** Absent is `undefined` (the key left out), never NaN or ±∞. */
function setIfFinite(out: AnalyticsValues, key: NumericKey, v: number | undefined): void {
  if (v !== undefined && Number.isFinite(v)) out[key] = v;
}
