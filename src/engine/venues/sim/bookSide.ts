import type { Lots, Side, Ticks } from '../../core';

/**
 * One side of a limit order book: price levels keyed by integer ticks, each level a FIFO queue of
 * resting orders (an intrusive doubly linked list, so cancelling from the middle is O(1)).
 */
export interface RestingOrder {
  readonly id: number;
  /** Who owns the order (e.g. synthetic flow vs the user); the engine itself never looks at it. */
  readonly owner: number;
  readonly side: Side;
  readonly price: Ticks;
  remaining: Lots;
  prev: RestingOrder | null;
  next: RestingOrder | null;
  level: PriceLevel | null;
}

export class PriceLevel {
  total: Lots = 0;
  count = 0;
  head: RestingOrder | null = null;
  tail: RestingOrder | null = null;

  constructor(readonly price: Ticks) {}

  /** Joins the back of the queue: time priority within the price. */
  push(order: RestingOrder): void {
    order.level = this;
    order.prev = this.tail;
    order.next = null;
    if (this.tail) this.tail.next = order;
    else this.head = order;
    this.tail = order;
    this.total += order.remaining;
    this.count++;
  }

  unlink(order: RestingOrder): void {
    if (order.prev) order.prev.next = order.next;
    else this.head = order.next;
    if (order.next) order.next.prev = order.prev;
    else this.tail = order.prev;
    order.prev = order.next = null;
    order.level = null;
    this.total -= order.remaining;
    this.count--;
  }
}

/**
 * Sorted price levels. Keys are stored worst-to-best (bids ascending, asks descending through a sign
 * flip) so the touch is the last element: the common operations (take the best level, add near the
 * touch) touch the end of the array, and a binary search finds any other price.
 */
export class BookSide {
  private readonly byPrice = new Map<Ticks, PriceLevel>();
  /** sign * price, ascending; the best level is last. */
  private readonly keys: number[] = [];
  private readonly sign: 1 | -1;

  constructor(readonly side: Side) {
    this.sign = side === 'buy' ? 1 : -1;
  }

  get depth(): number {
    return this.keys.length;
  }

  level(price: Ticks): PriceLevel | undefined {
    return this.byPrice.get(price);
  }

  best(): PriceLevel | undefined {
    const k = this.keys[this.keys.length - 1];
    return k === undefined ? undefined : this.byPrice.get(this.sign * k);
  }

  /** Price of the i-th level counted from the touch (0 = best), or undefined past the end. */
  priceAt(i: number): Ticks | undefined {
    const k = this.keys[this.keys.length - 1 - i];
    return k === undefined ? undefined : this.sign * k;
  }

  getOrCreate(price: Ticks): PriceLevel {
    let level = this.byPrice.get(price);
    if (level) return level;
    level = new PriceLevel(price);
    this.byPrice.set(price, level);
    const key = this.sign * price;
    const last = this.keys[this.keys.length - 1];
    if (last === undefined || key > last) this.keys.push(key);
    else this.keys.splice(this.lowerBound(key), 0, key);
    return level;
  }

  remove(level: PriceLevel): void {
    if (!this.byPrice.delete(level.price)) return;
    const key = this.sign * level.price;
    if (this.keys[this.keys.length - 1] === key) this.keys.pop();
    else this.keys.splice(this.lowerBound(key), 1);
  }

  /** Levels from the best outwards as [price, qty]. */
  snapshot(maxLevels = Infinity): [Ticks, Lots][] {
    const out: [Ticks, Lots][] = [];
    for (let i = this.keys.length - 1; i >= 0 && out.length < maxLevels; i--) {
      const price = this.sign * this.keys[i]!;
      out.push([price, this.byPrice.get(price)!.total]);
    }
    return out;
  }

  private lowerBound(key: number): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
