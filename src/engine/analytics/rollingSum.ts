/**
 * Sum of the last `capacity` numbers pushed, in O(1) per push. A running sum that adds the new value and
 * subtracts the evicted one accumulates floating-point drift over millions of pushes, so the sum is
 * recomputed from the ring once every `capacity` pushes: amortised O(1), and the error never grows
 * beyond one window's worth of rounding. (For integer or half-integer inputs the running sum is exact
 * anyway while it stays below 2^53.)
 */
export class RollingSum {
  private readonly ring: Float64Array;
  private head = 0;
  private size = 0;
  private total = 0;
  private sinceRecompute = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`RollingSum capacity must be a positive integer, got ${capacity}`);
    this.ring = new Float64Array(capacity);
  }

  push(x: number): void {
    if (this.size === this.capacity) {
      this.total -= this.ring[this.head]!;
    } else {
      this.size++;
    }
    this.ring[this.head] = x;
    this.total += x;
    this.head = this.head + 1 === this.capacity ? 0 : this.head + 1;
    if (++this.sinceRecompute >= this.capacity) this.recompute();
  }

  get count(): number {
    return this.size;
  }

  get sum(): number {
    return this.total;
  }

  clear(): void {
    this.head = 0;
    this.size = 0;
    this.total = 0;
    this.sinceRecompute = 0;
  }

  private recompute(): void {
    let s = 0;
    for (let i = 0; i < this.size; i++) s += this.ring[i]!;
    this.total = s;
    this.sinceRecompute = 0;
  }
}
