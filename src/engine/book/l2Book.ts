import { LadderSide, type LadderOptions } from './ladderSide';
import type { TopSource } from './layout';

export type BookSide = 'bid' | 'ask';

/** Sizing of each side's price window (see LadderSide); the defaults suit every venue we know. */
export type L2BookOptions = LadderOptions;

/**
 * One instrument's full L2 book as the worker holds it: prices in ticks, quantities in lots.
 *
 * Why the full book stays private to the worker, and only its top K levels go to shared memory
 * (rather than the whole ladder living in the SharedArrayBuffer):
 * - A reader of a shared ladder would have to walk the bitmap itself, under a seqlock that covers the
 *   whole ladder — including a window slide or growth, which moves every level. Either the lock is
 *   taken per delta (two atomic read-modify-writes per delta) or per batch (then it is held odd for
 *   the whole batch and readers spin for microseconds).
 * - The writer would dirty the cache lines readers need with every delta; publishing the top K once per
 *   batch dirties a contiguous 1.6 KB at most once per batch.
 * - The ladder grows and spills to an overflow structure; a SharedArrayBuffer is fixed-size, so the
 *   deep levels could not be shared anyway.
 * - Measured (`npm run bench -- book`): a seqlock write per delta alone costs about 40% of the apply
 *   rate, while a reader gains nothing — a top-20 copy from the published slot, seqlock included, costs
 *   no more than walking the ladder's bitmap without any lock. Publishing is once per batch and only
 *   for the sides the batch touched. Depth beyond K is a UI ladder scrolled deep, served by message
 *   (BookService.queryDepth) at human rates.
 */
export interface L2Book extends TopSource {
  /** Sets the absolute quantity at a price; a quantity of 0 (or less) deletes the level. */
  set(side: BookSide, price: number, qty: number): void;
  /**
   * Replaces one side with a snapshot's levels, flat [price, qty] pairs in any order (a repeated price
   * keeps its last quantity). The same book as clearing the side and set() for each level, only faster.
   */
  loadSide(side: BookSide, pairs: Float64Array): void;
  /** Quantity resting at a price, 0 when there is no level. */
  qtyAt(side: BookSide, price: number): number;
  clear(): void;
}

export function createL2Book(options: L2BookOptions = {}): L2Book {
  return new LadderBook(options);
}

class LadderBook implements L2Book {
  private readonly bids: LadderSide;
  private readonly asks: LadderSide;

  constructor(options: L2BookOptions) {
    this.bids = new LadderSide(1, options);
    this.asks = new LadderSide(-1, options);
  }

  get bidCount(): number {
    return this.bids.count;
  }

  get askCount(): number {
    return this.asks.count;
  }

  set(side: BookSide, price: number, qty: number): void {
    (side === 'bid' ? this.bids : this.asks).set(price, qty);
  }

  loadSide(side: BookSide, pairs: Float64Array): void {
    (side === 'bid' ? this.bids : this.asks).load(pairs);
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
