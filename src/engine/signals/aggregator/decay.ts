/**
 * Exponentially decayed mean of timestamped values: weight 2^(−age / halfLife), evaluated exactly at the
 * asked time (no incremental drift). Points too old to matter (weight < 1e-9) are pruned, and at most
 * `maxPoints` newest are kept so a busy instrument cannot grow memory without bound.
 */
export class DecayedSeries {
  private ts: number[] = [];
  private vs: number[] = [];

  constructor(private readonly maxPoints = 5000) {}

  add(ts: number, value: number): void {
    // Insert in time order (items can arrive late: a feed's publish time precedes our poll).
    let i = this.ts.length;
    while (i > 0 && this.ts[i - 1]! > ts) i--;
    this.ts.splice(i, 0, ts);
    this.vs.splice(i, 0, value);
    if (this.ts.length > this.maxPoints) {
      this.ts.splice(0, this.ts.length - this.maxPoints);
      this.vs.splice(0, this.vs.length - this.maxPoints);
    }
  }

  get size(): number {
    return this.ts.length;
  }

  newest(): number | undefined {
    return this.ts.length ? this.ts[this.ts.length - 1] : undefined;
  }

  /** Decayed mean at `now` over points with ts ≤ now; undefined when there are none. */
  mean(now: number, halfLifeMs: number): number | undefined {
    let sw = 0;
    let swv = 0;
    for (let i = 0; i < this.ts.length; i++) {
      const t = this.ts[i]!;
      if (t > now) break;
      const w = Math.pow(2, -(now - t) / halfLifeMs);
      sw += w;
      swv += w * this.vs[i]!;
    }
    return sw > 0 ? swv / sw : undefined;
  }

  /** Drops points whose weight at `now` under `halfLifeMs` is below 1e-9 (~30 half-lives). */
  prune(now: number, halfLifeMs: number): void {
    const cutoff = now - 30 * halfLifeMs;
    let k = 0;
    while (k < this.ts.length && this.ts[k]! < cutoff) k++;
    if (k > 0) {
      this.ts.splice(0, k);
      this.vs.splice(0, k);
    }
  }
}
