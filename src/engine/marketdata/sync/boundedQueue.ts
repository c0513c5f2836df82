/**
 * A FIFO that keeps only the most recent `capacity` items: diffs buffered while a snapshot is being
 * fetched must not grow without bound if the snapshot never comes. Dropping the oldest is safe: a
 * snapshot fetched later supersedes them, and if it does not, the bridging rule reports the gap.
 */
export class BoundedQueue<T> {
  private items: T[] = [];
  private head = 0;
  dropped = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  }

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
    if (this.length > this.capacity) {
      this.head++;
      this.dropped++;
      // Compact once the dead prefix is as long as the live part: amortised O(1) per push.
      if (this.head >= this.capacity) {
        this.items = this.items.slice(this.head);
        this.head = 0;
      }
    }
  }

  /** Removes and returns everything, oldest first. */
  drain(): T[] {
    const out = this.head === 0 ? this.items : this.items.slice(this.head);
    this.items = [];
    this.head = 0;
    return out;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}
