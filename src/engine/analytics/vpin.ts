import type { Lots, Ticks } from '../core';
import { normalCdf } from '../options';
import { RollingSum } from './rollingSum';

export interface VpinOptions {
  /** Volume per bucket V, in lots (EL&O'H use one fiftieth of average daily volume). */
  bucketVolume: Lots;
  /** Buckets averaged, n (EL&O'H: 50). */
  buckets?: number;
  /** Time bar length for bulk volume classification, ms (EL&O'H: one minute). */
  barMs?: number;
  /** Bar-to-bar price changes in the rolling estimate of σ_ΔP. */
  sigmaBars?: number;
}

/**
 * VPIN, Easley, López de Prado & O'Hara (2012), "Flow toxicity and liquidity in a high-frequency
 * world", Review of Financial Studies 25(5), 1457-1493, §2:
 *
 * 1. Trades are aggregated into time bars i of `barMs`; ΔP_i = close_i − close_{i−1} (ticks).
 * 2. Bulk volume classification: of a bar's volume V_i, the fraction Z(ΔP_i / σ_ΔP) is buys and the rest
 *    sells, with Z the standard normal CDF and σ_ΔP the standard deviation of bar price changes.
 * 3. Bar volumes are poured, in order, into equal-volume buckets τ of exactly V lots; a bar that
 *    overflows a bucket spills the rest (same buy fraction) into the next ones.
 * 4. VPIN = Σ_{τ=1..n} |V^S_τ − V^B_τ| / (n·V) over the last n complete buckets.
 *
 * Choices the paper leaves open, made here so the number is reproducible:
 * - σ_ΔP is the sample standard deviation of the last `sigmaBars` price changes *including* the bar
 *   being classified (the paper uses the whole sample, which a live estimator cannot see). Bars are
 *   classified once at least two changes are known; until then they only set the reference price.
 *   Price changes are integer ticks, so the sums behind σ are exact.
 * - A bar is closed by the first event (trade or book) at or after its end; a bar without trades has no
 *   close and is skipped (ΔP is between consecutive traded bars). The first bar only sets the reference.
 * - Before n buckets are complete, VPIN is the mean over the buckets completed so far (absent if none).
 * Hot path: a trade is O(1); a bar close is O(1) plus O(min(buckets it fills, n)).
 */
export class Vpin {
  // Settings below start as 0 and are set in the constructor: a bare field starts undefined, and V8 then
  // keeps it as any value, checked on every per-event read.
  readonly bucketVolume: number = 0;
  readonly buckets: number = 0;
  readonly barMs: number = 0;
  readonly sigmaBars: number = 0;

  private bar = Number.NaN; // index of the open bar, NaN before the first trade
  private barVolume = 0;
  private barClose = 0;
  private prevClose: number | undefined;

  private readonly dpSum: RollingSum;
  private readonly dpSqSum: RollingSum;

  private filled = 0; // lots in the open bucket (integer)
  private filledBuy = 0;
  private readonly imbalances: RollingSum; // |V^B_τ − V^S_τ| of complete buckets

  constructor(opts: VpinOptions) {
    this.bucketVolume = opts.bucketVolume;
    this.buckets = opts.buckets ?? 50;
    this.barMs = opts.barMs ?? 60_000;
    this.sigmaBars = opts.sigmaBars ?? 100;
    if (!(this.bucketVolume > 0)) throw new RangeError(`VPIN bucketVolume must be positive, got ${this.bucketVolume}`);
    if (!(this.barMs > 0)) throw new RangeError(`VPIN barMs must be positive, got ${this.barMs}`);
    if (!Number.isInteger(this.sigmaBars) || this.sigmaBars < 2) throw new RangeError(`VPIN sigmaBars must be an integer ≥ 2, got ${this.sigmaBars}`);
    this.dpSum = new RollingSum(this.sigmaBars);
    this.dpSqSum = new RollingSum(this.sigmaBars);
    this.imbalances = new RollingSum(this.buckets);
  }

  onTrade(price: Ticks, qty: Lots, ts: number): void {
    this.advance(ts);
    if (!(qty > 0)) return;
    if (Number.isNaN(this.bar)) this.bar = Math.floor(ts / this.barMs);
    this.barVolume += qty;
    this.barClose = price;
  }

  /** Closes the open bar once `ts` is past its end. */
  advance(ts: number): void {
    if (Number.isNaN(this.bar) || Math.floor(ts / this.barMs) <= this.bar) return;
    this.closeBar();
    this.bar = Number.NaN;
  }

  /** Mean |V^B − V^S| / V over the last (up to n) complete buckets; absent before the first. */
  value(): number | undefined {
    const n = this.imbalances.count;
    if (n === 0) return undefined;
    const v = this.imbalances.sum / (n * this.bucketVolume);
    // Each bucket term is ≤ V, so v ≤ 1 up to rounding; clamp the rounding, never a real excess.
    return Math.min(1, Math.max(0, v));
  }

  /** Complete buckets seen (up to n are used). */
  get completedBuckets(): number {
    return this.imbalances.count;
  }

  private closeBar(): void {
    const close = this.barClose;
    const volume = this.barVolume;
    this.barVolume = 0;
    const prev = this.prevClose;
    this.prevClose = close;
    if (prev === undefined) return;
    const dp = close - prev;
    this.dpSum.push(dp);
    this.dpSqSum.push(dp * dp);
    const k = this.dpSum.count;
    if (k < 2) return;
    const variance = Math.max(0, (this.dpSqSum.sum - (this.dpSum.sum * this.dpSum.sum) / k) / (k - 1));
    const sigma = Math.sqrt(variance);
    // σ = 0 means every recent change, this one included, was 0: no evidence either way.
    const buyFraction = sigma > 0 ? normalCdf(dp / sigma) : 0.5;
    this.pour(volume, buyFraction);
  }

  private pour(volume: number, buyFraction: number): void {
    const V = this.bucketVolume;
    let left = volume;
    if (this.filled > 0) {
      const take = Math.min(left, V - this.filled);
      this.filled += take;
      this.filledBuy += take * buyFraction;
      left -= take;
      if (this.filled < V) return;
      this.completeBucket(this.filledBuy, V);
    }
    // Whole buckets from this bar all have the same split; only the last n can matter.
    const whole = Math.floor(left / V);
    const keep = Math.min(whole, this.buckets);
    for (let i = 0; i < keep; i++) this.completeBucket(V * buyFraction, V);
    left -= whole * V;
    this.filled = left;
    this.filledBuy = left * buyFraction;
  }

  private completeBucket(buy: number, total: number): void {
    const sell = total - buy;
    this.imbalances.push(Math.abs(buy - sell));
    this.filled = 0;
    this.filledBuy = 0;
  }
}
