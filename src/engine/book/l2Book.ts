import type { TopSource } from './layout';

export type BookSide = 'bid' | 'ask';

/**
 * One instrument's full L2 book as the worker holds it. Kept behind this small interface because
 * the sorted-array implementation below is meant to be replaced by a price-indexed ladder.
 */
export interface L2Book extends TopSource {
  /** Sets the absolute quantity at a price; a quantity of 0 (or less) deletes the level. */
  set(side: BookSide, price: number, qty: number): void;
  /** Quantity resting at a price, 0 when there is no level. */
  qtyAt(side: BookSide, price: number): number;
  clear(): void;
}

export function createL2Book(): L2Book {
  return new SortedArrayBook();
}

/**
 * One side as parallel Float64Arrays sorted ascending by key, where key = price for bids and
 * -price for asks. The best level is therefore always at the END: updates cluster near the touch,
 * so inserts and deletes there move few elements, and reading the top walks backwards from the end.
 */
class SortedSide {
  private keys = new Float64Array(64);
  private qtys = new Float64Array(64);
  length = 0;

  constructor(private readonly sign: 1 | -1) {}

  set(price: number, qty: number): void {
    const key = this.sign * price;
    const at = this.lowerBound(key);
    const found = at < this.length && this.keys[at] === key;
    if (qty > 0) {
      if (found) {
        this.qtys[at] = qty;
        return;
      }
      if (this.length === this.keys.length) this.grow();
      this.keys.copyWithin(at + 1, at, this.length);
      this.qtys.copyWithin(at + 1, at, this.length);
      this.keys[at] = key;
      this.qtys[at] = qty;
      this.length++;
    } else if (found) {
      this.keys.copyWithin(at, at + 1, this.length);
      this.qtys.copyWithin(at, at + 1, this.length);
      this.length--;
    }
  }

  qtyAt(price: number): number {
    const key = this.sign * price;
    const at = this.lowerBound(key);
    return at < this.length && this.keys[at] === key ? this.qtys[at]! : 0;
  }

  copyTop(k: number, dst: Float64Array, offset: number): number {
    const n = Math.min(k, this.length);
    let o = offset;
    for (let j = this.length - 1, end = this.length - n; j >= end; j--) {
      dst[o++] = this.sign * this.keys[j]!;
      dst[o++] = this.qtys[j]!;
    }
    return n;
  }

  clear(): void {
    this.length = 0;
  }

  /** First index whose key is >= key (binary search, biased to check the end first). */
  private lowerBound(key: number): number {
    let lo = 0;
    let hi = this.length;
    // Most updates hit the best few levels: test the top before bisecting the whole side.
    if (hi > 8 && this.keys[hi - 8]! <= key) lo = hi - 8;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    const qtys = new Float64Array(this.qtys.length * 2);
    keys.set(this.keys);
    qtys.set(this.qtys);
    this.keys = keys;
    this.qtys = qtys;
  }
}

class SortedArrayBook implements L2Book {
  private readonly bids = new SortedSide(1);
  private readonly asks = new SortedSide(-1);

  get bidCount(): number {
    return this.bids.length;
  }

  get askCount(): number {
    return this.asks.length;
  }

  set(side: BookSide, price: number, qty: number): void {
    (side === 'bid' ? this.bids : this.asks).set(price, qty);
  }

  qtyAt(side: BookSide, price: number): number {
    return (side === 'bid' ? this.bids : this.asks).qtyAt(price);
  }

  copyTop(side: BookSide, k: number, dst: Float64Array, offset: number): number {
    return (side === 'bid' ? this.bids : this.asks).copyTop(k, dst, offset);
  }

  clear(): void {
    this.bids.clear();
    this.asks.clear();
  }
}
