/** Buckets per window: the window is measured to a sixtieth of itself (5 s of a 5 min window). */
const BUCKETS = 60;
const MIN_BUCKET_MS = 250;

/**
 * The lowest and highest price seen over the last `windowMs`, for "% move within a window" alerts,
 * kept in fixed buckets of windowMs/60 so that a price costs O(1) and no allocation however many
 * trades arrive: each bucket holds its min and max; the window's extremes are the current bucket's
 * combined with those of the 60 before it, recomputed only when a new bucket starts. The window is
 * therefore between `windowMs` and `windowMs` plus one bucket long (a move that took up to a sixtieth
 * longer than the window still counts).
 */
export class MoveWindow {
  private readonly bucketMs: number;
  private readonly size: number;
  private readonly index: Float64Array;
  private readonly lows: Float64Array;
  private readonly highs: Float64Array;
  /** Extremes of the buckets before the current one, for `cachedFor`. */
  private priorLow = Infinity;
  private priorHigh = -Infinity;
  private cachedFor = -1;

  constructor(windowMs: number) {
    this.bucketMs = Math.max(MIN_BUCKET_MS, Math.ceil(windowMs / BUCKETS));
    this.size = Math.ceil(windowMs / this.bucketMs) + 1;
    this.index = new Float64Array(this.size).fill(-1);
    this.lows = new Float64Array(this.size);
    this.highs = new Float64Array(this.size);
  }

  /** Adds a price seen at `now`; `low`/`high` then cover the window up to now. */
  add(now: number, price: number): void {
    const b = Math.floor(now / this.bucketMs);
    const slot = b % this.size;
    if (this.index[slot] !== b) {
      this.index[slot] = b;
      this.lows[slot] = price;
      this.highs[slot] = price;
    } else {
      if (price < this.lows[slot]!) this.lows[slot] = price;
      if (price > this.highs[slot]!) this.highs[slot] = price;
    }
    if (this.cachedFor !== b) this.recompute(b);
  }

  /** The lowest price in the window (after add). */
  low(now: number): number {
    const slot = Math.floor(now / this.bucketMs) % this.size;
    return Math.min(this.priorLow, this.lows[slot]!);
  }

  high(now: number): number {
    const slot = Math.floor(now / this.bucketMs) % this.size;
    return Math.max(this.priorHigh, this.highs[slot]!);
  }

  /** Forgets every price: the next move is measured from what comes after (a fired alert starts afresh). */
  reset(): void {
    this.index.fill(-1);
    this.cachedFor = -1;
    this.priorLow = Infinity;
    this.priorHigh = -Infinity;
  }

  private recompute(current: number): void {
    let low = Infinity;
    let high = -Infinity;
    for (let i = 0; i < this.size; i++) {
      const b = this.index[i]!;
      if (b < current - (this.size - 1) || b >= current) continue;
      if (this.lows[i]! < low) low = this.lows[i]!;
      if (this.highs[i]! > high) high = this.highs[i]!;
    }
    this.priorLow = low;
    this.priorHigh = high;
    this.cachedFor = current;
  }
}
