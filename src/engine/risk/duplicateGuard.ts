import type { Lots } from '../core';
import type { TimeCell } from './tokenBucket';

/**
 * How many recent orders of one instrument are remembered. A double click is caught unless this many
 * other orders on the same instrument went out in between, which a person clicking cannot do.
 */
export const DUPLICATE_MEMORY = 32;

/** The price of an order that has none of that kind: a market order's limit, a non-stop order's stop. */
export const NO_PRICE = -1;

// One record = [time, limit price, stop price, qty, side (1 buy, 0 sell)], interleaved in one array so
// the search walks a single block of memory.
const STRIDE = 5;
const FILTER_SIZE = 1024;

/**
 * The last orders that passed the checks on one instrument, newest last, in a fixed typed array so
 * that remembering and searching allocate nothing. Orders are the same when side, limit price, stop
 * price and quantity all are (a stop-loss moved by one tick is a different order, not a repeat).
 *
 * Why the filter: most orders repeat nothing, yet a plain search walks every remembered order inside
 * the window. `filter` counts the remembered orders per hash of their terms, so an order whose hash
 * count is zero is known new without walking anything. It is exact, not probabilistic: a count is
 * only ever zero when no remembered order has that hash, so a repeat is never missed.
 */
export class DuplicateGuard {
  /**
   * How many remembered orders have each terms hash. Read by the check before it calls find(): an
   * order whose count is zero repeats nothing, and most orders end there without a call.
   */
  readonly filter = new Uint8Array(FILTER_SIZE);
  private readonly records = new Float64Array(DUPLICATE_MEMORY * STRIDE);
  private readonly hashes = new Uint16Array(DUPLICATE_MEMORY);
  private next = 0;
  private size = 0;

  /** `time` holds the current check's time (see TimeCell). */
  constructor(private readonly time: TimeCell) {}

  /**
   * When the same side (1 buy, 0 sell), limit price, stop price (NO_PRICE where the order has none)
   * and quantity was sent less than `windowMs` ago, how many ms ago; otherwise -1.
   */
  find(windowMs: number, buy: number, price: number, stop: number, qty: Lots): number {
    if (this.filter[termsHash(price, stop, qty, buy)] === 0) return -1;
    const r = this.records;
    const now = this.time[0]!;
    const from = now - windowMs;
    let at = this.next * STRIDE;
    for (let n = this.size; n > 0; n--) {
      at = at === 0 ? (DUPLICATE_MEMORY - 1) * STRIDE : at - STRIDE;
      const ts = r[at]!;
      if (ts <= from) return -1; // newest first: everything further back is older still
      if (r[at + 1] === price && r[at + 2] === stop && r[at + 3] === qty && r[at + 4] === buy) return now - ts;
    }
    return -1;
  }

  /** Remembers an order that passed; `hash` is termsHash of its terms. */
  remember(hash: number, buy: number, price: number, stop: number, qty: Lots): void {
    const r = this.records;
    const slot = this.next;
    if (this.size === DUPLICATE_MEMORY) this.filter[this.hashes[slot]!]!--; // the oldest record is overwritten
    else this.size++;
    this.hashes[slot] = hash;
    this.filter[hash]!++;
    const at = slot * STRIDE;
    r[at] = this.time[0]!;
    r[at + 1] = price;
    r[at + 2] = stop;
    r[at + 3] = qty;
    r[at + 4] = buy;
    this.next = slot + 1 === DUPLICATE_MEMORY ? 0 : slot + 1;
  }
}

/** An index into DuplicateGuard.filter mixed from every term (the low 32 bits of each are plenty to tell orders apart). */
export function termsHash(price: number, stop: number, qty: number, buy: number): number {
  const h = Math.imul(price | 0, 0x9e3779b1) ^ Math.imul(stop | 0, 0x85ebca77) ^ Math.imul(qty | 0, 0xc2b2ae3d) ^ buy;
  return (h ^ (h >>> 16)) & (FILTER_SIZE - 1);
}
