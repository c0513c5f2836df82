import type { Lots, Side } from '../core';
import type { TimeCell } from './tokenBucket';

/**
 * How many recent orders of one instrument are remembered. A double click is caught unless this many
 * other orders on the same instrument went out in between, which a person clicking cannot do.
 */
export const DUPLICATE_MEMORY = 32;

const MARKET = -1;
// One record = [time, price (MARKET for a market order), qty, side (1 buy, 0 sell)], interleaved in
// one array so the search walks a single block of memory.
const STRIDE = 4;

/**
 * The last orders that passed the checks on one instrument, newest last, in a fixed typed array so
 * that remembering and searching allocate nothing.
 */
export class DuplicateGuard {
  private readonly records = new Float64Array(DUPLICATE_MEMORY * STRIDE);
  private next = 0;
  private size = 0;

  /** `time` holds the current check's time (see TimeCell). */
  constructor(private readonly time: TimeCell) {}

  /**
   * When the same side, price (undefined = market) and quantity was sent less than `windowMs` ago,
   * how many ms ago; otherwise -1.
   */
  find(windowMs: number, side: Side, price: number | undefined, qty: Lots): number {
    const r = this.records;
    const p = price ?? MARKET;
    const b = side === 'buy' ? 1 : 0;
    const now = this.time[0]!;
    const from = now - windowMs;
    let at = this.next * STRIDE;
    for (let n = this.size; n > 0; n--) {
      at = at === 0 ? (DUPLICATE_MEMORY - 1) * STRIDE : at - STRIDE;
      const ts = r[at]!;
      if (ts <= from) return -1; // newest first: everything further back is older still
      if (r[at + 1] === p && r[at + 2] === qty && r[at + 3] === b) return now - ts;
    }
    return -1;
  }

  remember(side: Side, price: number | undefined, qty: Lots): void {
    const r = this.records;
    const at = this.next * STRIDE;
    r[at] = this.time[0]!;
    r[at + 1] = price ?? MARKET;
    r[at + 2] = qty;
    r[at + 3] = side === 'buy' ? 1 : 0;
    this.next = this.next + 1 === DUPLICATE_MEMORY ? 0 : this.next + 1;
    if (this.size < DUPLICATE_MEMORY) this.size++;
  }
}
