import type { Side } from '../../core';

/**
 * Lag-1 autocorrelation of trade signs (+1 buyer-initiated, -1 seller-initiated) over the last `window`
 * trades. Order flow is famously persistent (Lillo & Farmer 2004: large orders are split into many small
 * ones), so a run of same-side prints says more is coming; analytics/ has no such estimator, hence here.
 *
 * With s_i the signs of the last n trades: m = mean(s), c = mean over pairs of s_i*s_{i-1}, and
 * rho = (c - m^2) / (1 - m^2) (the variance of a ±1 variable is 1 - m^2). Undefined until two trades,
 * and 0 when every sign in the window is the same (no variance: nothing to correlate).
 * O(1) per trade: running sums over a ring buffer.
 */
export class TradeSignAutocorrelation {
  private readonly signs: Int8Array;
  private count = 0;
  private head = 0;
  private sumSigns = 0;
  private sumPairs = 0;

  constructor(readonly window = 100) {
    if (!Number.isInteger(window) || window < 2) throw new RangeError(`window must be an integer >= 2, got ${window}`);
    this.signs = new Int8Array(window);
  }

  onTrade(aggressor: Side): void {
    const s = aggressor === 'buy' ? 1 : -1;
    const n = this.window;
    if (this.count === n) {
      // Drop the oldest sign and its pair with the next-oldest.
      const oldest = this.signs[this.head]!;
      this.sumSigns -= oldest;
      this.sumPairs -= oldest * this.signs[(this.head + 1) % n]!;
      this.head = (this.head + 1) % n;
      this.count--;
    }
    if (this.count > 0) this.sumPairs += s * this.signs[(this.head + this.count - 1) % n]!;
    this.signs[(this.head + this.count) % n] = s;
    this.sumSigns += s;
    this.count++;
  }

  value(): number | undefined {
    if (this.count < 2) return undefined;
    const m = this.sumSigns / this.count;
    const c = this.sumPairs / (this.count - 1);
    const v = 1 - m * m;
    if (v <= 1e-12) return 0;
    return (c - m * m) / v;
  }
}
