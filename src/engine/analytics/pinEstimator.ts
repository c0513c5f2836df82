import type { Side } from '../core';
import { estimatePin, type PinEstimate } from './pinEstimation';

export interface PinEstimatorOptions {
  /** Length of one EKOP period, ms (the paper's period is a trading day). */
  periodMs?: number;
  /** Closed periods kept for the estimate (rolling). */
  periods?: number;
  /** Closed periods required before the first estimate. */
  minPeriods?: number;
}

/**
 * Rolling PIN: counts buyer- and seller-initiated trades per fixed period and, each time a period
 * closes, re-estimates the EKOP model by maximum likelihood over the last `periods` periods
 * (estimatePin). Per trade this is O(1); the optimisation runs only at a period close.
 *
 * The first period is partial (the estimator starts mid-period), so its counts are discarded. Periods
 * with no trade are genuine zero-count observations in EKOP; a silence of many periods adds at most a
 * window's worth of them. Note: if the feed itself was down, those zeros are not real — reset() the
 * estimator when a feed gap is known.
 */
export class PinEstimator {
  // Settings below start as 0 and are set in the constructor: a bare field starts undefined, and V8 then
  // keeps it as any value, checked on every per-event read.
  readonly periodMs: number = 0;
  readonly periods: number = 0;
  readonly minPeriods: number = 0;
  private period = Number.NaN;
  private firstPeriod = true;
  private buys = 0;
  private sells = 0;
  // Ring of closed periods' counts, oldest at `head`.
  private readonly ringB: Float64Array;
  private readonly ringS: Float64Array;
  private head = 0;
  private size = 0;
  private last: PinEstimate | undefined;

  constructor(opts: PinEstimatorOptions = {}) {
    this.periodMs = opts.periodMs ?? 300_000;
    this.periods = opts.periods ?? 60;
    this.minPeriods = opts.minPeriods ?? 20;
    if (!(this.periodMs > 0)) throw new RangeError(`PIN periodMs must be positive, got ${this.periodMs}`);
    if (!Number.isInteger(this.periods) || this.periods < 2) throw new RangeError(`PIN periods must be an integer ≥ 2, got ${this.periods}`);
    if (!Number.isInteger(this.minPeriods) || this.minPeriods < 2 || this.minPeriods > this.periods) {
      throw new RangeError(`PIN minPeriods must be an integer in [2, periods], got ${this.minPeriods}`);
    }
    this.ringB = new Float64Array(this.periods);
    this.ringS = new Float64Array(this.periods);
  }

  onTrade(aggressor: Side, ts: number): void {
    this.advance(ts);
    if (aggressor === 'buy') this.buys++;
    else this.sells++;
  }

  advance(ts: number): void {
    const idx = Math.floor(ts / this.periodMs);
    if (Number.isNaN(this.period)) {
      this.period = idx;
      return;
    }
    if (idx <= this.period) return;
    if (this.firstPeriod) this.firstPeriod = false;
    else this.push(this.buys, this.sells);
    const quiet = Math.min(idx - this.period - 1, this.periods);
    for (let i = 0; i < quiet; i++) this.push(0, 0);
    this.buys = 0;
    this.sells = 0;
    this.period = idx;
    if (this.size >= this.minPeriods) this.reestimate();
  }

  /** Forgets everything (use after a known feed gap). */
  reset(): void {
    this.period = Number.NaN;
    this.firstPeriod = true;
    this.buys = 0;
    this.sells = 0;
    this.head = 0;
    this.size = 0;
    this.last = undefined;
  }

  /** The latest estimate (parameters, PIN, log-likelihood), if any. */
  estimate(): PinEstimate | undefined {
    return this.last;
  }

  value(): number | undefined {
    const pin = this.last?.pin;
    return pin !== undefined && Number.isFinite(pin) ? pin : undefined;
  }

  /** Closed periods' counts in the window, oldest first (for inspection and tests). */
  counts(): { buys: number[]; sells: number[] } {
    const buys: number[] = [];
    const sells: number[] = [];
    for (let i = 0; i < this.size; i++) {
      const at = (this.head + i) % this.periods;
      buys.push(this.ringB[at]!);
      sells.push(this.ringS[at]!);
    }
    return { buys, sells };
  }

  private push(b: number, s: number): void {
    const at = (this.head + this.size) % this.periods;
    this.ringB[at] = b;
    this.ringS[at] = s;
    if (this.size < this.periods) this.size++;
    else this.head = (this.head + 1) % this.periods;
  }

  private reestimate(): void {
    const { buys, sells } = this.counts();
    const next = estimatePin(buys, sells, this.last ? { warmStart: this.last } : {});
    // No trade at all in the window: nothing to say, rather than a stale number.
    this.last = next;
  }
}
