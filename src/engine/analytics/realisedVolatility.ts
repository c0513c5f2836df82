import { RollingSum } from './rollingSum';

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

export interface RealisedVolatilityOptions {
  /** Sampling interval of the mid, ms. */
  intervalMs?: number;
  /** Returns in the rolling window. */
  returns?: number;
  /** Length of a year in the market's clock, ms: 365 days for a 24/7 market (default); for an exchange
   *  trading 6.25 h a day, 252 days, pass 252 × 6.25 h. */
  yearMs?: number;
}

/**
 * Realised volatility of the mid, annualised. Realised variance is the sum of squared intraday log
 * returns sampled on a fixed grid, Andersen, Bollerslev, Diebold & Labys (2003), "Modeling and
 * forecasting realized volatility", Econometrica 71(2), 579-625 (RV_t = Σ_j r_{t,j}²); here
 *
 *   r_k = ln(M(t_k) / M(t_{k−1})),  t_k = k·Δ,   RV_ann = sqrt( (Σ_{last n} r_k²) / n · (year / Δ) ),
 *
 * i.e. the realised variance of the window scaled from its duration n·Δ to a year. M(t) is the mid as
 * of t (previous-tick sampling: the last mid stamped before t). Mids are in ticks; their ratio is the
 * ratio of prices, so the tick size cancels. Returns are not demeaned (standard for RV).
 *
 * A grid point without a mid (book not two-sided) breaks the chain: no return until two consecutive
 * points have mids. A long silence yields zero returns (the mid did not move), at most a window's worth.
 * Very fine sampling overstates volatility through microstructure noise (Zhang, Mykland & Aït-Sahalia
 * 2005); the default 10 s on a mid is a compromise for a live display.
 */
export class RealisedVolatility {
  // Settings below start as 0 and are set in the constructor: a bare field starts undefined, and V8 then
  // keeps it as any value, checked on every per-event read.
  readonly intervalMs: number = 0;
  readonly returns: number = 0;
  readonly yearMs: number = 0;
  private interval = Number.NaN;
  // Mids (half-ticks: doubles) written per book event; NaN, not undefined, when there is none, so the fields
  // stay doubles that V8 updates in place (an undefined-or-number field allocates a heap number per write).
  private mid = Number.NaN;
  private lastSample = Number.NaN;
  private readonly squares: RollingSum;

  constructor(opts: RealisedVolatilityOptions = {}) {
    this.intervalMs = opts.intervalMs ?? 10_000;
    this.returns = opts.returns ?? 360;
    this.yearMs = opts.yearMs ?? YEAR_MS;
    if (!(this.intervalMs > 0)) throw new RangeError(`RV intervalMs must be positive, got ${this.intervalMs}`);
    if (!Number.isInteger(this.returns) || this.returns < 1) throw new RangeError(`RV returns must be a positive integer, got ${this.returns}`);
    if (!(this.yearMs > 0)) throw new RangeError(`RV yearMs must be positive, got ${this.yearMs}`);
    this.squares = new RollingSum(this.returns);
  }

  /** The current mid (ticks), or undefined when the book is not two-sided. */
  onMid(mid: number | undefined, ts: number): void {
    this.advance(ts);
    this.mid = mid !== undefined && mid > 0 ? mid : Number.NaN;
  }

  advance(ts: number): void {
    const idx = Math.floor(ts / this.intervalMs);
    if (Number.isNaN(this.interval)) {
      this.interval = idx;
      return;
    }
    if (idx <= this.interval) return;
    // Grid points interval+1 .. idx all see the same mid; only a window's worth can matter.
    const points = Math.min(idx - this.interval, this.returns + 1);
    for (let i = 0; i < points; i++) this.sample();
    this.interval = idx;
  }

  value(): number | undefined {
    const n = this.squares.count;
    if (n === 0) return undefined;
    const v = Math.sqrt((Math.max(0, this.squares.sum) / n) * (this.yearMs / this.intervalMs));
    return Number.isFinite(v) ? v : undefined;
  }

  private sample(): void {
    const m = this.mid;
    if (!Number.isNaN(m) && !Number.isNaN(this.lastSample)) {
      const r = Math.log(m / this.lastSample);
      this.squares.push(r * r);
    }
    this.lastSample = m;
  }
}
