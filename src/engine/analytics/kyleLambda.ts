import type { Lots, Side } from '../core';
import { RollingSum } from './rollingSum';

export interface KyleLambdaOptions {
  /** Length of one regression interval, ms. */
  intervalMs?: number;
  /** Intervals in the rolling regression. */
  intervals?: number;
}

/**
 * Kyle's lambda: the price impact of order flow. Kyle (1985), "Continuous auctions and insider trading",
 * Econometrica 53(6), 1315-1335, prices linearly in net order flow, p = μ + λ·(x + u). It is estimated
 * here by the rolling ordinary-least-squares regression, over the last `intervals` intervals k,
 *
 *   ΔM_k = c + λ·S_k + u_k,     λ̂ = (n·Σ S·ΔM − ΣS·ΣΔM) / (n·Σ S² − (ΣS)²),
 *
 * where S_k = (buy-aggressor lots − sell-aggressor lots) traded in interval k and ΔM_k is the change of
 * the mid (ticks) over it: the mid as of the end minus the mid as of the start ("as of t" = after every
 * event stamped before t). Units: ticks per lot.
 *
 * An interval whose start or end has no mid (book not two-sided) gives no observation. Intervals with no
 * trade are real observations (S = 0). An interval is closed by the first event at or after its end; a
 * long silence produces quiet intervals, at most a window's worth (older ones would fall out anyway).
 * The inputs are integers and half-integers, so the running sums are exact below 2^53.
 * Absent until two observations with different signed volumes exist.
 */
export class KyleLambda {
  // Settings below start as 0 and are set in the constructor: a bare field starts undefined, and V8 then
  // keeps it as any value, checked on every per-event read.
  readonly intervalMs: number = 0;
  readonly intervals: number = 0;
  private interval = Number.NaN; // index of the open interval, NaN before the first event
  // Mids (half-ticks: doubles) written per book event; NaN, not undefined, when there is none, so the fields
  // stay doubles that V8 updates in place (an undefined-or-number field allocates a heap number per write).
  private startMid = Number.NaN;
  private mid = Number.NaN;
  private signedVolume = 0;
  private readonly sx: RollingSum;
  private readonly sy: RollingSum;
  private readonly sxy: RollingSum;
  private readonly sxx: RollingSum;

  constructor(opts: KyleLambdaOptions = {}) {
    this.intervalMs = opts.intervalMs ?? 1_000;
    this.intervals = opts.intervals ?? 300;
    if (!(this.intervalMs > 0)) throw new RangeError(`Kyle lambda intervalMs must be positive, got ${this.intervalMs}`);
    if (!Number.isInteger(this.intervals) || this.intervals < 2) throw new RangeError(`Kyle lambda intervals must be an integer ≥ 2, got ${this.intervals}`);
    this.sx = new RollingSum(this.intervals);
    this.sy = new RollingSum(this.intervals);
    this.sxy = new RollingSum(this.intervals);
    this.sxx = new RollingSum(this.intervals);
  }

  /** The current mid (ticks), or undefined when the book is not two-sided. */
  onMid(mid: number | undefined, ts: number): void {
    this.advance(ts);
    this.mid = mid ?? Number.NaN;
  }

  onTrade(qty: Lots, aggressor: Side, ts: number): void {
    this.advance(ts);
    if (qty > 0) this.signedVolume += aggressor === 'buy' ? qty : -qty;
  }

  advance(ts: number): void {
    const idx = Math.floor(ts / this.intervalMs);
    if (Number.isNaN(this.interval)) {
      this.interval = idx;
      this.startMid = this.mid;
      return;
    }
    if (idx <= this.interval) return;
    this.closeInterval();
    const quiet = Math.min(idx - this.interval - 1, this.intervals);
    for (let i = 0; i < quiet; i++) this.closeInterval();
    this.interval = idx;
  }

  value(): number | undefined {
    const n = this.sx.count;
    if (n < 2) return undefined;
    const sx = this.sx.sum;
    const den = n * this.sxx.sum - sx * sx;
    if (!(den > 0)) return undefined;
    const slope = (n * this.sxy.sum - sx * this.sy.sum) / den;
    return Number.isFinite(slope) ? slope : undefined;
  }

  private closeInterval(): void {
    const end = this.mid;
    if (!Number.isNaN(this.startMid) && !Number.isNaN(end)) {
      const x = this.signedVolume;
      const y = end - this.startMid;
      this.sx.push(x);
      this.sy.push(y);
      this.sxy.push(x * y);
      this.sxx.push(x * x);
    }
    this.startMid = end;
    this.signedVolume = 0;
  }
}
